"""bpcore.gradient_widgets: the ∂J/∂W⁽ˡ⁾ heat maps beside their
finite-difference twins (chapter 4).

No browser here, so the jslinks cannot run: the tests check that the links
join slider.value ↔ stack.selected_index and play.value ↔ slider.value, and
that panel k — the one the slider selects when slider.value == k — holds the
numbers bpcore.backward and bpcore.numerical_grads give for layer k + 1.
"""

import matplotlib

matplotlib.use("Agg")

import bpcore.gradient_widgets as gw  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from conftest import CJK  # noqa: E402

import bpcore as bp  # noqa: E402
from bpcore.equations import number  # noqa: E402
from bpcore.viz import fmt  # noqa: E402


@pytest.fixture
def problem():
    net = bp.Network([3, 4, 3, 2], activations=["tanh", "tanh", "sigmoid"], seed=0)
    rng = np.random.default_rng(1)
    return net, rng.normal(size=(3, 5)), rng.uniform(size=(2, 5))


def no_sigma_prime(net, trace, Y, loss="mse"):
    """Step 3 without ⊙ σ′(z⁽ˡ⁾); bpcore's steps 2 and 4 around it."""
    delta = {net.L: bp.output_delta(net, trace, Y, loss)}
    for l in range(net.L - 1, 0, -1):
        delta[l] = net.W[l + 1].T @ delta[l + 1]
    return bp.Gradients(delta, *bp.param_grads(trace, delta))


def no_transpose(net, trace, Y, loss="mse"):
    """Step 3 with W⁽ˡ⁺¹⁾ instead of its transpose (runs on square W only)."""
    delta = {net.L: bp.output_delta(net, trace, Y, loss)}
    for l in range(net.L - 1, 0, -1):
        delta[l] = (net.W[l + 1] @ delta[l + 1]) * net.sigma[l].df(trace.z[l], trace.a[l])
    return bp.Gradients(delta, *bp.param_grads(trace, delta))


def test_slider_selects_panels_through_jslinks(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y)
    n = net.L
    assert s.layers == [1, 2, 3]
    assert len(s.stack.children) == n
    assert (s.slider.min, s.slider.max) == (0, n - 1) == (s.play.min, s.play.max)
    pairs = {(k.source[0].model_id, k.source[1], k.target[0].model_id, k.target[1]) for k in s.links}
    assert pairs == {(s.slider.model_id, "value", s.stack.model_id, "selected_index"),
                     (s.play.model_id, "value", s.slider.model_id, "value")}
    assert all(type(k).__name__ == "Link" for k in s.links)   # jslink: runs in the browser
    assert s.slider.description == "" and s.play.description == ""
    for k, l in enumerate(s.layers):
        s.slider.value = k
        html = s.panel_html()
        assert html == s.stack.children[k].value
        assert html.startswith('<div') and f"l = {l}：" in html
        assert f"式 {number('eq-grad-W')}" in html and f"式 {number('eq-grad-b')}" in html
    assert len({c.value for c in s.stack.children}) == n   # the panels differ


def test_panel_data_are_backward_and_numerical_grads(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y, eps=1e-6)
    grads = bp.backward(net, bp.forward(net, X), Y, loss="mse")
    dW_num, db_num = bp.numerical_grads(net, X, Y, loss="mse", eps=1e-6)
    per_layer = bp.gradcheck(net, X, Y, loss="mse", per_layer=True)
    for k, l in enumerate(s.layers):
        v = s.values[k]
        np.testing.assert_array_equal(v["dW"], grads.dW[l])
        np.testing.assert_array_equal(v["db"], grads.db[l])
        np.testing.assert_array_equal(v["dW_num"], dW_num[l])
        np.testing.assert_array_equal(v["db_num"], db_num[l])
        assert v["dW"].shape == net.W[l].shape and v["db"].shape == net.b[l].shape
        assert v["rel_err"] == pytest.approx(per_layer[l], rel=1e-9) and v["rel_err"] < 1e-7
        html = s.panel_html(k)
        assert fmt(v["rel_err"], 2) in html and "✓" in html
        # the heat maps of panel k are annotated with layer l's numbers
        texts = set(figure_texts[k])
        for x in np.hstack([grads.dW[l], grads.db[l]]).ravel():
            assert fmt(x, 2) in texts, (l, x)
        for x in np.hstack([dW_num[l], db_num[l]]).ravel():
            assert fmt(x, 2) in texts, (l, x)
        assert f"{net.W[l].shape[0]}×{net.W[l].shape[1]}" in html


def test_missing_sigma_prime_lights_up_the_layers_below_L(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y, backward=no_sigma_prime)
    assert s.rel_err[1] > 1e-3 and s.rel_err[2] > 1e-3   # step 3 is wrong below L
    assert s.rel_err[3] < 1e-7                           # δ⁽ᴸ⁾ comes from step 2: right
    assert s.rel_err == pytest.approx(bp.gradcheck(net, X, Y, per_layer=True,
                                                   backward=no_sigma_prime), rel=1e-9)
    for k, l in enumerate(s.layers):
        html = s.panel_html(k)
        assert "no_sigma_prime" in html
        assert ("✗" in html) == (l < 3) and ("✓" in html) == (l == 3)
        assert np.abs(s.values[k]["dW"] - s.values[k]["dW_num"]).max() > 1e-4 or l == 3


def test_untransposed_W_lights_up_layer_1_only(figure_texts):
    net = bp.Network([3, 4, 4], activations=["tanh", "sigmoid"], seed=2)   # W⁽²⁾ is square
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(3, 6)), rng.uniform(size=(4, 6))
    s = gw.gradient_slider(net, X, Y, backward=no_transpose)
    assert s.rel_err[1] > 1e-3 and s.rel_err[2] < 1e-7
    assert "✗" in s.panel_html(0) and "✓" in s.panel_html(1)


def test_float32_network_is_checked_in_float64(problem, figure_texts):
    net, X, Y = problem
    net32 = bp.Network.from_params({l: w.astype(np.float32) for l, w in net.W.items()},
                                   {l: b.astype(np.float32) for l, b in net.b.items()},
                                   net.activations)
    s = gw.gradient_slider(net32, X, Y)
    assert all(e < 1e-7 for e in s.rel_err.values())
    assert all(v["dW"].dtype == np.float64 for v in s.values)


def test_numbers_computed_once(problem, figure_texts, monkeypatch):
    net, X, Y = problem
    calls = []
    real = gw.numerical_grads
    monkeypatch.setattr(gw, "numerical_grads", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    s = gw.gradient_slider(net, X, Y)
    for k in range(len(s.layers)):
        s.slider.value = k
        s.panel_html()
    assert len(calls) == 1


def test_wrong_shapes_from_backward_are_named(problem, figure_texts):
    net, X, Y = problem

    def transposed_dW(net, trace, Y, loss="mse"):
        g = bp.backward(net, trace, Y, loss)
        return bp.Gradients(g.delta, {l: d.T for l, d in g.dW.items()}, g.db)

    with pytest.raises(ValueError, match="layer 1"):
        gw.gradient_slider(net, X, Y, backward=transposed_dW)


def test_no_cjk_in_figure_text(problem, figure_texts):
    net, X, Y = problem
    gw.gradient_slider(net, X, Y)
    gw.gradient_slider(net, X, Y, backward=no_sigma_prime)
    assert len(figure_texts) == 2 * net.L
    for texts in figure_texts:
        assert texts
        for t in texts:
            assert not CJK.search(t), t
