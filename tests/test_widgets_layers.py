"""bpcore.widgets.layers: the kernel-free layer sliders of chapters 1 and 3.

In pytest there is no browser, so the jslinks cannot run: the tests check
that the links exist and join the right traits (``assert_links``), and that
panel k — the Stack child the browser shows when the slider (hence
``stack.selected_index``) is k — shows the numbers that bpcore.forward /
bpcore.backward compute for its layer.
"""
import html
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import assert_links, assert_no_cjk, numbers_in

import bpcore as bp
import bpcore.widgets.layers as layers
from bpcore.equations import EQUATIONS, number
from bpcore.viz.style import fmt, sup
from bpcore.widgets import html as P


@pytest.fixture
def small():
    net = bp.Network([2, 3, 2, 1], activations=["tanh", "sigmoid", "sigmoid"], seed=3)
    X = np.array([[0.5, -1.0, 0.2], [1.0, 0.3, -0.7]])
    Y = np.array([[1.0, 0.0, 1.0]])
    return net, X, Y


def panel(s, k):
    """The HTML the browser shows when the slider is at k (jslink:
    slider.value → stack.selected_index)."""
    return s.stack.children[k].value


def test_panel_html_follows_the_slider(small, figure_texts):
    net, X, Y = small
    s = layers.forward_slider(net, X, Y)
    s.slider.value = 2
    assert s.panel_html() == panel(s, 2) != panel(s, 1)
    assert s.panel_html(1) == panel(s, 1)


def test_forward_slider_panels_match_forward(small, figure_texts):
    net, X, Y = small
    s = layers.forward_slider(net, X, Y, example=1)
    assert_links(s, net.L + 1)
    trace = bp.forward(net, X)
    J = bp.loss_value(net, trace, Y)
    assert s.layers == list(range(net.L + 1))
    for l in s.layers:
        html_l = panel(s, l)
        np.testing.assert_allclose(s.values[l], trace.a[l][:, 1])
        shown = numbers_in(html_l)
        for v in trace.a[l][:, 1]:
            assert fmt(v) in shown, (l, v)
        if l:
            for v in trace.z[l][:, 1]:
                assert fmt(v) in shown, (l, v)
            assert f"式 {number('eq-forward-z')}" in html_l
            assert f"式 {number('eq-forward-a')}" in html_l
            assert re.search(rf"^<div[^>]*><div[^>]*>l = {l}：", html_l)
        assert "i = 1" in html_l
    # J of the whole batch on the last panel only
    assert fmt(J, 4) in numbers_in(panel(s, net.L))
    assert all(fmt(J, 4) not in numbers_in(panel(s, l)) for l in range(net.L))
    assert len(figure_texts) == net.L + 1


def test_delta_slider_panel_k_shows_backward_delta(small, figure_texts):
    net, X, Y = small
    s = layers.delta_slider(net, X, Y)
    assert_links(s, net.L)
    grads = bp.backward(net, bp.forward(net, X), Y, loss="mse")
    assert s.layers == [3, 2, 1]
    for k, l in enumerate(s.layers):
        html_k = panel(s, k)
        np.testing.assert_allclose(s.values[k], grads.delta[l][:, 0])
        shown = numbers_in(html_k)
        for v in grads.delta[l][:, 0]:
            assert fmt(v) in shown, (l, v)
        eq = "eq-delta-out" if l == net.L else "eq-delta-l"
        assert f"式 {number(eq)}" in html_k
        assert re.search(rf"l = (L = )?{l}：", html_k)
        assert s.norms[l] == pytest.approx(np.linalg.norm(grads.delta[l]), rel=1e-12)
        assert fmt(s.norms[l]) in shown
    # the panels really differ: a panel is not the same for two layers
    assert len({c.value for c in s.stack.children}) == net.L


def test_delta_slider_softmax_uses_eq_2_2(figure_texts):
    net = bp.Network([3, 4, 3], activations=["relu", "softmax"], seed=0)
    X = np.array([[0.2, -0.4], [1.0, 0.1], [-0.3, 0.8]])
    labels = np.array([2, 0])
    s = layers.delta_slider(net, X, labels, loss="cross_entropy", example=1)
    grads = bp.backward(net, bp.forward(net, X), labels, loss="cross_entropy")
    assert f"式 {number('eq-delta-out-softmax')}" in panel(s, 0)
    assert f"式 {number('eq-delta-out')}" not in panel(s, 0)
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

    monkeypatch.setattr(layers, "forward", counted("forward", layers.forward))
    monkeypatch.setattr(layers, "backward", counted("backward", layers.backward))
    s = layers.delta_slider(net, X, Y)
    for k in range(len(s.layers)):
        s.slider.value = k
        s.panel_html()
    assert calls == {"forward": 1, "backward": 1}
    layers.forward_slider(net, X, Y)
    assert calls == {"forward": 2, "backward": 1}


def test_panel_figures_have_no_cjk(small, figure_texts):
    net, X, Y = small
    layers.forward_slider(net, X, Y)
    layers.delta_slider(net, X, Y)
    layers.delta_compare({"a": net, "b": net.copy()}, X, Y)
    assert len(figure_texts) == (net.L + 1) + net.L + net.L
    for texts in figure_texts:
        assert texts                      # a figure that records no text proves nothing
        assert_no_cjk(texts)


def test_panels_embed_small_pngs(small):
    net, X, Y = small
    s = layers.delta_slider(net, X, Y, dpi=80)
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
    c = layers.delta_compare({"sigmoid": sig, "relu": relu}, X, Y)
    assert isinstance(c, layers.DeltaCompare)
    assert_links(c, 6)
    assert c.layers == [6, 5, 4, 3, 2, 1] and c.names == ["sigmoid", "relu"]
    for name, net in (("sigmoid", sig), ("relu", relu)):
        g = bp.backward(net, bp.forward(net, X), Y)
        for k, l in enumerate(c.layers):
            np.testing.assert_allclose(c.values[k][name], g.delta[l][:, 0])
            assert c.norms[name][l] == pytest.approx(np.linalg.norm(g.delta[l]), rel=1e-12)
        assert c.ratio(name) == pytest.approx(np.linalg.norm(g.delta[1])
                                              / np.linalg.norm(g.delta[6]), rel=1e-12)
    assert c.ratio("sigmoid") < 1e-2 < c.ratio("relu")
    with pytest.raises(ValueError, match="same depth"):
        layers.delta_compare({"a": sig, "b": bp.Network([2, 3, 1], seed=0)}, X, Y)


def test_delta_compare_takes_its_options_by_keyword(figure_texts):
    net = bp.Network([2, 3, 1], seed=0)
    X, Y = np.array([[0.5, -1.0], [1.0, 0.3]]), np.array([[1.0, 0.0]])
    c = layers.delta_compare({"a": net}, X, Y, "mse", example=1, interval=700)
    assert c.example == 1 and c.play.interval == 700
    g = bp.backward(net, bp.forward(net, X), Y)
    np.testing.assert_allclose(c.values[0]["a"], g.delta[2][:, 1])
    with pytest.raises(TypeError):
        layers.delta_compare({"a": net}, X, Y, "mse", 1)   # example is keyword-only


def test_live_extras_say_they_need_a_kernel_and_rebuild(small, figure_texts):
    net, X, Y = small
    plain = layers.delta_slider(net, X, Y)
    assert len(plain.children) == 3                  # controls, panels, print copy
    s = layers.delta_slider(net, X, Y, live=True)
    live = s.children[2]
    assert "bp-live-only" in live._dom_classes       # hidden in the static book
    assert P.live_note() == live.children[0].value and "live kernel" in P.live_note()
    before = [v.copy() for v in s.values]
    button = live.children[1].children[-1]
    button.click()                                   # Python callback: new seed
    assert s.net is not net
    g = bp.backward(s.net, bp.forward(s.net, X), Y)
    for k, l in enumerate(s.layers):
        np.testing.assert_allclose(s.values[k], g.delta[l][:, 0])
        assert fmt(g.delta[l][0, 0]) in numbers_in(panel(s, k))
    assert not all(np.allclose(a, b) for a, b in zip(before, s.values, strict=True))


def test_bad_example_index(small):
    net, X, Y = small
    with pytest.raises(ValueError, match="example=3"):
        layers.delta_slider(net, X, Y, example=3)
    with pytest.raises(ValueError, match="example=-1"):
        layers.forward_slider(net, X, Y, example=-1)


def test_every_equation_renders_in_mathtext():
    fig = plt.figure()
    for label in EQUATIONS:
        fig.text(0, 0.5, P.instantiate(label, 2, 3))
    fig.canvas.draw()   # raises if mathtext cannot parse one
    assert "(3.1)" in P.instantiate("eq-delta-l", 2, 3)
    assert "W^{(3)}" in P.instantiate("eq-delta-l", 2, 3)
    assert "(l" not in P.instantiate("eq-delta-l", 2, 3)     # every layer index filled in


def test_print_copy_holds_the_same_panels(small):
    """Print shows every panel (small multiples): the hidden print Box holds
    the Stack's own panel widgets, so the saved page stores each panel once."""
    net, X, Y = small
    s = layers.delta_slider(net, X, Y)
    assert s.children[-1] is s.print_frames
    assert list(s.print_frames.children) == list(s.stack.children)
    assert "bp-print-frames" in s.print_frames._dom_classes
    assert s.print_frames.layout.display == "none"
    assert "bp-screen-only" in s.stack._dom_classes


def readout_texts(s):
    """The names the slider shows beside it, one per panel (plain text)."""
    return [re.sub(r"<[^>]+>", "", c.value) for c in s.readout.children]


def test_sliders_name_the_layer_of_each_panel(small, figure_texts):
    """Issue 10, item 15: the slider says which layer its panel shows (the δ
    slider's panel 0 is l = L), linked in the browser like the panels."""
    net, X, Y = small
    for s, layer_of_panel in ((layers.forward_slider(net, X, Y), [0, 1, 2, 3]),
                              (layers.delta_slider(net, X, Y), [3, 2, 1])):
        assert s.layers == layer_of_panel and not s.slider.readout
        assert readout_texts(s) == [f"l = {l}" for l in layer_of_panel]
        for k, l in enumerate(layer_of_panel):
            assert re.match(rf"l = (L = )?{l}：", re.sub(r"<[^>]+>", "", panel(s, k)))
        pairs = {(k.source[0].model_id, k.source[1], k.target[0].model_id, k.target[1])
                 for k in s.links}
        assert (s.slider.model_id, "value", s.readout.model_id, "selected_index") in pairs


def test_readouts_must_name_every_panel():
    with pytest.raises(ValueError, match="got 1 readouts for 2 panels"):
        bp.widgets.slider.PanelSlider(["<p>a</p>", "<p>b</p>"], [1, 2], [0, 0], readouts=["x"])
    plain = bp.widgets.slider.PanelSlider(["<p>a</p>", "<p>b</p>"], [1, 2], [0, 0])
    assert plain.readout is None and plain.slider.readout


# --------------------------------------------------------------------------
# Issue 11: what a screen reader hears (the panel's summary, read by the
# page's live region, and the alt text of its image state the numbers)
# --------------------------------------------------------------------------
def alt_of(html_text: str) -> str:
    return html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', html_text).group(1))


def vec(v) -> str:
    """A vector as the panel prints it: (a, b, c) with bpcore's fmt."""
    return "(" + ", ".join(fmt(x) for x in np.ravel(v)) + ")"


def test_delta_slider_summary_and_alt_state_backward_delta(small, figure_texts):
    """A δ slider like chapter 3's (2-3-2-1): the summary of panel l = 1 —
    what the live region reads — gives δ⁽¹⁾ of the example shown as
    bp.backward computes it, in the digits the panel prints; so does the
    alt text of its image, with ‖δ⁽ˡ⁾‖ of every layer."""
    net, X, Y = small
    i = 2
    s = layers.delta_slider(net, X, Y, example=i)
    grads = bp.backward(net, bp.forward(net, X), Y, loss="mse")
    norms = {l: np.linalg.norm(grads.delta[l]) for l in range(1, net.L + 1)}
    k1 = s.layers.index(1)
    said = s.summary(k1)
    m = re.search(r"δ⁽¹⁾ = \(([^)]*)\)", said)
    assert m, said
    shown = [float(t.replace("−", "-")) for t in m.group(1).split(", ")]
    np.testing.assert_allclose(shown, grads.delta[1][:, i], rtol=5e-3)
    for k, l in enumerate(s.layers):
        said, html_k = s.summary(k), panel(s, k)
        d = f"δ{sup(f'({l})')} = {vec(grads.delta[l][:, i])}"
        assert d in said and d in alt_of(html_k), (l, said)
        assert said.startswith("第 3 步" if l < net.L else "第 2 步") and f"l = {l}：" in said
        assert f"i = {i}" in said and f"= {fmt(norms[l])}（整批）" in said
        assert all(f"= {fmt(norms[q])}" in alt_of(html_k) for q in norms)
        # the numbers it states are the ones the panel prints
        assert all(fmt(v) in numbers_in(html_k) for v in grads.delta[l][:, i])


def test_forward_slider_summary_and_alt_state_z_and_a(small, figure_texts):
    net, X, Y = small
    s = layers.forward_slider(net, X, Y, example=1)
    trace = bp.forward(net, X)
    J = bp.loss_value(net, trace, Y)
    assert s.summary(0).startswith("第 1 步 正向传播，l = 0") and vec(X[:, 1]) in s.summary(0)
    assert vec(X[:, 1]) in alt_of(panel(s, 0))
    for l in range(1, net.L + 1):
        said, alt = s.summary(l), alt_of(panel(s, l))
        for name, v in (("z", trace.z[l][:, 1]), ("a", trace.a[l][:, 1])):
            text = f"{name}{sup(f'({l})')} = {vec(v)}"
            assert text in said and text in alt, (l, name, said)
        assert (f"J = {fmt(J, 4)}" in said) == (l == net.L)


def test_delta_compare_summary_gives_each_networks_norms(figure_texts):
    sizes = [2, 3, 3, 1]
    nets = {"sigmoid": bp.Network(sizes, activations="sigmoid", seed=1),
            "relu": bp.Network(sizes, activations=["relu", "relu", "sigmoid"], seed=1)}
    X, Y = np.array([[0.5, -1.0], [1.0, 0.3]]), np.array([[1.0, 0.0]])
    c = layers.delta_compare(nets, X, Y)
    for k, l in enumerate(c.layers):
        said, alt = c.summary(k), alt_of(panel(c, k))
        assert said.startswith(f"第 3 步 误差反向传播，l = {l}：")
        for name in nets:
            assert f"{name}：‖δ{sup(f'({l})')}‖ = {fmt(c.norms[name][l])}" in said
            assert vec([c.norms[name][q] for q in (1, 2, 3)]) in alt


def test_sliders_have_stable_ids_for_links(small, figure_texts):
    """Issue 12: the id in the page's URL (#delta=2), by kind of slider."""
    net, X, Y = small
    assert layers.forward_slider(net, X, Y).a11y["id"] == "forward"
    assert layers.delta_slider(net, X, Y).a11y["id"] == "delta"
    other = bp.Network([2, 3, 2, 1], activations=["relu", "relu", "sigmoid"], seed=1)
    assert layers.delta_compare({"a": net, "b": other}, X, Y).a11y["id"] == "compare"
