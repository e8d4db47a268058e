"""bpcore.viz and bpcore.widgets: the figures and the kernel-free sliders.

In pytest there is no browser, so the jslinks cannot run: the tests check
that the links exist and join the right traits, and that panel k — the one
the slider selects when slider.value == k — shows the numbers that
bpcore.forward / bpcore.backward compute for its layer.
"""
import re

import matplotlib

matplotlib.use("Agg")

import bpcore.panels  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from conftest import CJK, assert_links  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import bpcore as bp  # noqa: E402
import bpcore.widgets as bw  # noqa: E402
from bpcore import viz  # noqa: E402
from bpcore.equations import EQUATIONS, number  # noqa: E402


@pytest.fixture
def small():
    net = bp.Network([2, 3, 2, 1], activations=["tanh", "sigmoid", "sigmoid"], seed=3)
    X = np.array([[0.5, -1.0, 0.2], [1.0, 0.3, -0.7]])
    Y = np.array([[1.0, 0.0, 1.0]])
    return net, X, Y


    for link in s.links:
        assert type(link).__name__ == "Link"   # jslink: runs in the browser, no kernel
    # no widget description: a static page would typeset it with MathJax 2's API
    for w in (s.slider, s.play):
        assert w.description == ""


def numbers_in(html_text):
    return set(re.findall(r"[−\d][\d.e−]*", html_text))


def test_forward_slider_panels_match_forward(small, figure_texts):
    net, X, Y = small
    s = bw.forward_slider(net, X, Y, example=1)
    assert_links(s, net.L + 1)
    trace = bp.forward(net, X)
    J = bp.loss_value(net, trace, Y)
    assert s.layers == list(range(net.L + 1))
    for l in s.layers:
        s.slider.value = l
        html_l = s.panel_html()
        assert html_l == s.stack.children[l].value
        np.testing.assert_allclose(s.values[l], trace.a[l][:, 1])
        shown = numbers_in(html_l)
        for v in trace.a[l][:, 1]:
            assert viz.fmt(v) in shown
        if l:
            for v in trace.z[l][:, 1]:
                assert viz.fmt(v) in shown
            assert f"式 {number('eq-forward-z')}" in html_l and f"式 {number('eq-forward-a')}" in html_l
        assert "i = 1" in html_l
    assert viz.fmt(J, 4) in s.panel_html(net.L)
    assert len(figure_texts) == net.L + 1


def test_delta_slider_panel_k_shows_backward_delta(small, figure_texts):
    net, X, Y = small
    s = bw.delta_slider(net, X, Y)
    assert_links(s, net.L)
    grads = bp.backward(net, bp.forward(net, X), Y, loss="mse")
    assert s.layers == [3, 2, 1]
    for k, l in enumerate(s.layers):
        s.slider.value = k
        html_k = s.panel_html()
        np.testing.assert_allclose(s.values[k], grads.delta[l][:, 0])
        shown = numbers_in(html_k)
        for v in grads.delta[l][:, 0]:
            assert viz.fmt(v) in shown, (l, v)
        eq = "eq-delta-out" if l == net.L else "eq-delta-l"
        assert f"式 {number(eq)}" in html_k
        assert re.search(rf"l = (L = )?{l}：", html_k)
        assert np.isclose(s.norms[l], np.linalg.norm(grads.delta[l]))
        assert viz.fmt(s.norms[l]) in shown
    # the panels really differ: a panel is not the same for two layers
    assert len({c.value for c in s.stack.children}) == net.L


def test_delta_slider_softmax_uses_eq_2_2(figure_texts):
    net = bp.Network([3, 4, 3], activations=["relu", "softmax"], seed=0)
    X = np.array([[0.2, -0.4], [1.0, 0.1], [-0.3, 0.8]])
    labels = np.array([2, 0])
    s = bw.delta_slider(net, X, labels, loss="cross_entropy", example=1)
    grads = bp.backward(net, bp.forward(net, X), labels, loss="cross_entropy")
    assert f"式 {number('eq-delta-out-softmax')}" in s.panel_html(0)
    for k, l in enumerate(s.layers):
        np.testing.assert_allclose(s.values[k], grads.delta[l][:, 1])


def test_forward_and_backward_run_once_per_slider(small, monkeypatch, figure_texts):
    net, X, Y = small
    calls = {"forward": 0, "backward": 0}

    def counted(name, f):
        def wrapper(*a, **kw):
            calls[name] += 1
            return f(*a, **kw)
        return wrapper

    monkeypatch.setattr(bw, "forward", counted("forward", bw.forward))
    monkeypatch.setattr(bw, "backward", counted("backward", bw.backward))
    s = bw.delta_slider(net, X, Y)
    for k in range(len(s.layers)):
        s.slider.value = k
        s.panel_html()
    assert calls == {"forward": 1, "backward": 1}
    bw.forward_slider(net, X, Y)
    assert calls == {"forward": 2, "backward": 1}


def test_panel_figures_have_no_cjk(small, figure_texts):
    net, X, Y = small
    bw.forward_slider(net, X, Y)
    bw.delta_slider(net, X, Y)
    bw.delta_compare({"a": net, "b": net.copy()}, X, Y)
    assert len(figure_texts) == (net.L + 1) + net.L + net.L
    for texts in figure_texts:
        for t in texts:
            assert not CJK.search(t), t


def test_panels_embed_small_pngs(small):
    net, X, Y = small
    s = bw.delta_slider(net, X, Y, dpi=80)
    for child in s.stack.children:
        assert child.value.count('src="data:image/png;base64,') == 1
        assert 'alt="' in child.value
        assert len(child.value) < 60_000


def test_delta_compare_vanishing_sigmoid_vs_relu(figure_texts):
    sizes = [2] + [4] * 5 + [1]
    sig = bp.Network(sizes, activations="sigmoid", seed=1)
    relu = bp.Network(sizes, activations=["relu"] * 5 + ["sigmoid"], seed=1)
    X = np.array([[0.5, -1.0], [1.0, 0.3]])
    Y = np.array([[1.0, 0.0]])
    c = bw.delta_compare({"sigmoid": sig, "relu": relu}, X, Y)
    assert_links(c, 6)
    assert c.layers == [6, 5, 4, 3, 2, 1]
    for name, net in (("sigmoid", sig), ("relu", relu)):
        g = bp.backward(net, bp.forward(net, X), Y)
        for k, l in enumerate(c.layers):
            np.testing.assert_allclose(c.values[k][name], g.delta[l][:, 0])
            assert np.isclose(c.norms[name][l], np.linalg.norm(g.delta[l]))
        assert np.isclose(c.ratio(name), c.norms[name][1] / c.norms[name][6])
    assert c.ratio("sigmoid") < 1e-2 < c.ratio("relu")
    with pytest.raises(ValueError, match="same depth"):
        bw.delta_compare({"a": sig, "b": bp.Network([2, 3, 1], seed=0)}, X, Y)


def test_live_extras_say_they_need_a_kernel_and_rebuild(small, figure_texts):
    net, X, Y = small
    plain = bw.delta_slider(net, X, Y)
    assert len(plain.children) == 3                  # controls, panels, print copy
    s = bw.delta_slider(net, X, Y, live=True)
    live = s.children[2]
    assert "bp-live-only" in live._dom_classes       # hidden in the static book
    assert bw.LIVE_NOTE in live.children[0].value
    before = [v.copy() for v in s.values]
    button = live.children[1].children[-1]
    button.click()                                   # Python callback: new seed
    assert s.net is not net
    g = bp.backward(s.net, bp.forward(s.net, X), Y)
    for k, l in enumerate(s.layers):
        np.testing.assert_allclose(s.values[k], g.delta[l][:, 0])
        assert viz.fmt(g.delta[l][0, 0]) in s.panel_html(k)
    assert not all(np.allclose(a, b) for a, b in zip(before, s.values))


def test_bad_example_index(small):
    net, X, Y = small
    with pytest.raises(ValueError, match="example=3"):
        bw.delta_slider(net, X, Y, example=3)


@pytest.mark.parametrize("sizes", [[1, 1], [2, 4, 1], [3, 5, 5, 2], [4, 12, 3], [2] + [6] * 7 + [1]])
def test_draw_network_architectures(sizes):
    net = bp.Network(sizes, activations="sigmoid", seed=0)
    x = np.linspace(-1, 1, sizes[0])[:, None]
    trace = bp.forward(net, x)
    ax = viz.draw_network(net, node_values={l: trace.a[l] for l in range(net.L + 1)},
                          highlight_layer=net.L, edge_layer=net.L,
                          layer_titles={net.L: r"$\delta^{(L)}$"})
    fig = ax.figure
    n_edges = sum(len(c.get_segments()) for c in ax.collections if hasattr(c, "get_segments"))
    assert n_edges == sum(sizes[l] * sizes[l - 1] for l in range(1, len(sizes)))
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert not any(CJK.search(t) for t in texts)
    if max(sizes) <= 10:   # values are written on the nodes
        assert viz.fmt(trace.a[net.L][0, 0]) in texts
    fig.canvas.draw()
    plt.close(fig)


def test_draw_network_rejects_wrong_value_count():
    net = bp.Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="layer 1 has 3 units"):
        viz.draw_network(net, node_values={1: [0.1, 0.2]})
    with pytest.raises(ValueError, match="one example"):
        viz.draw_network(net, node_values={1: np.ones((3, 2))})
    plt.close("all")


def test_every_equation_renders_in_mathtext():
    fig = plt.figure()
    for label in EQUATIONS:
        fig.text(0, 0.5, bpcore.panels.instantiate(label, 2, 3))
    fig.canvas.draw()   # raises if mathtext cannot parse one
    plt.close(fig)
    assert "(3.1)" in bpcore.panels.instantiate("eq-delta-l", 2, 3)
    assert "W^{(3)}" in bpcore.panels.instantiate("eq-delta-l", 2, 3)


def test_fmt_uses_true_minus_and_short_exponents():
    assert viz.fmt(-0.012345) == "−0.0123"
    assert viz.fmt(1.5e-5) == "1.5e−5"
    assert viz.fmt(2.0) == "2"


def test_print_copy_holds_the_same_panels(small):
    """Print shows every panel (small multiples): the hidden print Box holds
    the Stack's own panel widgets, so the saved page stores each panel once."""
    net, X, Y = small
    s = bw.delta_slider(net, X, Y)
    assert s.children[-1] is s.print_frames
    assert list(s.print_frames.children) == list(s.stack.children)
    assert "bp-print-frames" in s.print_frames._dom_classes
    assert s.print_frames.layout.display == "none"
    assert "bp-screen-only" in s.stack._dom_classes
