"""bpcore.widgets.gradients: the ∂J/∂W⁽ˡ⁾ heat maps beside their
finite-difference twins (chapter 4).

No browser here, so the jslinks cannot run: the tests check that the links
join slider.value ↔ stack.selected_index and play.value ↔ slider.value, and
that panel k — the Stack child the browser shows when the slider is at k —
holds the numbers bpcore.backward and bpcore.numerical_grads give for layer
k + 1, with a relative error recomputed here from those two.
"""
import html
import importlib
import re

import numpy as np
import pytest
from conftest import assert_links, assert_no_cjk, numbers_in

import bpcore as bp
import bpcore.widgets.gradients as gw
from bpcore.equations import number
from bpcore.gradcheck import BUG, FINE
from bpcore.viz.style import BAD, GOOD, WARN, fmt


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


def hand_rel_err(net, X, Y, backward=bp.backward, loss="mse"):
    """{l: ‖g − g̃‖ / (‖g‖ + ‖g̃‖)} over W⁽ˡ⁾ and b⁽ˡ⁾ of layer l, written out
    here from ``backward`` and the centred differences."""
    grads = backward(net, bp.forward(net, X), Y, loss)
    dW_num, db_num = bp.numerical_grads(net, X, Y, loss=loss)
    out = {}
    for l in range(1, net.L + 1):
        g = np.concatenate([grads.dW[l].ravel(), grads.db[l].ravel()])
        n = np.concatenate([dW_num[l].ravel(), db_num[l].ravel()])
        out[l] = np.linalg.norm(g - n) / (np.linalg.norm(g) + np.linalg.norm(n))
    return out


def test_slider_selects_panels_through_jslinks(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y)
    n = net.L
    assert s.layers == [1, 2, 3]
    assert_links(s, n)
    pairs = {(k.source[0].model_id, k.source[1], k.target[0].model_id, k.target[1])
             for k in s.links}
    assert pairs == {(s.slider.model_id, "value", s.stack.model_id, "selected_index"),
                     (s.play.model_id, "value", s.slider.model_id, "value"),
                     (s.slider.model_id, "value", s.readout.model_id, "selected_index")}
    # the slider names each panel's layer, not its index (issue 10, item 15)
    assert not s.slider.readout
    assert [c.value.split(">")[1].split("<")[0] for c in s.readout.children] == \
        [f"l = {l}" for l in s.layers]
    for k, l in enumerate(s.layers):
        html = s.stack.children[k].value
        assert html.startswith("<div") and f"l = {l}：" in html
        assert f"式 {number('eq-grad-W')}" in html and f"式 {number('eq-grad-b')}" in html
    assert len({c.value for c in s.stack.children}) == n   # the panels differ


def test_panel_data_are_backward_and_numerical_grads(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y, eps=1e-6)
    grads = bp.backward(net, bp.forward(net, X), Y, loss="mse")
    dW_num, db_num = bp.numerical_grads(net, X, Y, loss="mse", eps=1e-6)
    expected = hand_rel_err(net, X, Y)
    for k, l in enumerate(s.layers):
        v = s.values[k]
        np.testing.assert_array_equal(v["dW"], grads.dW[l])
        np.testing.assert_array_equal(v["db"], grads.db[l])
        np.testing.assert_array_equal(v["dW_num"], dW_num[l])
        np.testing.assert_array_equal(v["db_num"], db_num[l])
        assert v["dW"].shape == net.W[l].shape and v["db"].shape == net.b[l].shape
        assert v["rel_err"] == pytest.approx(expected[l], rel=1e-9) and v["rel_err"] < FINE
        html = s.stack.children[k].value
        assert fmt(v["rel_err"], 2) in numbers_in(html) and "✓" in html and "✗" not in html
        # the heat maps of panel k are annotated with layer l's numbers
        texts = set(figure_texts[k])
        for x in np.hstack([grads.dW[l], grads.db[l]]).ravel():
            assert fmt(x, 2) in texts, (l, x)
        for x in np.hstack([dW_num[l], db_num[l]]).ravel():
            assert fmt(x, 2) in texts, (l, x)
        assert f"{net.W[l].shape[0]}×{net.W[l].shape[1]}" in html


def test_gradient_panel_takes_a_report(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y, dpi=80)
    report = bp.gradcheck_report(net, X, Y, "mse")
    for k, l in enumerate(s.layers):
        assert gw.gradient_panel(report, l, dpi=80) == s.stack.children[k].value
    # a panel names the backward it checks
    assert "反向传播函数：mine" in gw.gradient_panel(report, 1, name="mine")


def test_verdict_thresholds():
    assert FINE == 1e-7 and BUG == 1e-3
    for err, colour, mark in ((0.0, GOOD, "✓"), (FINE / 10, GOOD, "✓"), (FINE, GOOD, "✓"),
                              (1.01 * FINE, WARN, "可疑"), (1e-5, WARN, "可疑"),
                              (BUG, BAD, "✗"), (10 * BUG, BAD, "✗")):
        text, c = gw.verdict(err)
        assert c == colour and mark in text, err


def test_missing_sigma_prime_lights_up_the_layers_below_L(problem, figure_texts):
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y, backward=no_sigma_prime)
    assert s.rel_err[1] > BUG and s.rel_err[2] > BUG     # step 3 is wrong below L
    assert s.rel_err[3] < FINE                           # δ⁽ᴸ⁾ comes from step 2: right
    assert s.rel_err == pytest.approx(hand_rel_err(net, X, Y, no_sigma_prime), rel=1e-9)
    for k, l in enumerate(s.layers):
        html = s.stack.children[k].value
        assert "no_sigma_prime" in html
        assert ("✗" in html) == (l < 3) and ("✓" in html) == (l == 3)
        gap = np.abs(s.values[k]["dW"] - s.values[k]["dW_num"]).max()
        assert gap > 1e-4 if l < 3 else gap < 1e-8, (l, gap)


def test_untransposed_W_lights_up_layer_1_only(figure_texts):
    net = bp.Network([3, 4, 4], activations=["tanh", "sigmoid"], seed=2)   # W⁽²⁾ is square
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(3, 6)), rng.uniform(size=(4, 6))
    s = gw.gradient_slider(net, X, Y, backward=no_transpose)
    assert s.rel_err[1] > BUG and s.rel_err[2] < FINE
    assert "✗" in s.panel_html(0) and "✓" in s.panel_html(1)


def test_float32_network_is_checked_in_float64(problem, figure_texts):
    net, X, Y = problem
    net32 = bp.Network.from_params({l: w.astype(np.float32) for l, w in net.W.items()},
                                   {l: b.astype(np.float32) for l, b in net.b.items()},
                                   net.activations)
    s = gw.gradient_slider(net32, X, Y)
    assert all(e < FINE for e in s.rel_err.values())
    assert all(v["dW"].dtype == np.float64 for v in s.values)
    assert all(net32.W[l].dtype == np.float32 for l in net32.W)      # the network is untouched


def test_numbers_computed_once(problem, figure_texts, monkeypatch):
    net, X, Y = problem
    calls = []
    # the module, not the function bpcore.gradcheck that shadows it in the package
    module = importlib.import_module("bpcore.gradcheck")
    real = module.numerical_grads
    monkeypatch.setattr(module, "numerical_grads",
                        lambda *a, **kw: calls.append("numerical") or real(*a, **kw))

    def counted_backward(*a, **kw):
        calls.append("backward")
        return bp.backward(*a, **kw)

    s = gw.gradient_slider(net, X, Y, backward=counted_backward)
    for k in range(len(s.layers)):
        s.slider.value = k
        s.panel_html()
    assert sorted(calls) == ["backward", "numerical"]


def test_wrong_shapes_from_backward_are_named(problem, figure_texts):
    net, X, Y = problem

    def transposed_dW(net, trace, Y, loss="mse"):
        g = bp.backward(net, trace, Y, loss)
        return bp.Gradients(g.delta, {l: d.T for l, d in g.dW.items()}, g.db)

    with pytest.raises(ValueError, match=r"layer 1: backward gave dW \(3, 4\).*W\[1\].*\(4, 3\)"):
        gw.gradient_slider(net, X, Y, backward=transposed_dW)


def test_no_cjk_in_figure_text(problem, figure_texts):
    net, X, Y = problem
    gw.gradient_slider(net, X, Y)
    gw.gradient_slider(net, X, Y, backward=no_sigma_prime)
    assert len(figure_texts) == 2 * net.L
    for texts in figure_texts:
        assert texts
        assert_no_cjk(texts)


def test_summary_and_alt_state_the_numbers(problem, figure_texts):
    """Issue 11: each panel's summary (read by the page's live region) gives
    its layer's relative error and verdict; the alt text of its heat maps
    gives ∂J/∂W⁽ˡ⁾ and ∂J/∂b⁽ˡ⁾ as backward computes them (the panel
    annotates them: 48 entries or fewer) and every layer's relative error."""
    net, X, Y = problem
    s = gw.gradient_slider(net, X, Y)
    grads = bp.backward(net, bp.forward(net, X), Y)
    for k, l in enumerate(s.layers):
        said = s.summary(k)
        alt = html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', s.panel_html(k)).group(1))
        assert said.startswith(f"第 4 步 参数梯度，l = {l}（反向传播函数 backward）")
        assert f"相对误差 {fmt(s.rel_err[l], 2)}，{gw.verdict(s.rel_err[l])[0]}" in said
        rows = "; ".join(", ".join(fmt(x) for x in r) for r in grads.dW[l])
        assert f"= [{rows}]" in alt, alt
        assert "(" + ", ".join(fmt(x) for x in grads.db[l].ravel()) + ")" in alt
        assert all(f"l = {q}：{fmt(s.rel_err[q], 2)}" in alt for q in s.layers)


def test_slider_has_a_stable_id_for_links(problem, figure_texts):
    """Issue 12: the id in the page's URL (#grad=1; a second one is grad-2)."""
    assert gw.gradient_slider(*problem).a11y["id"] == "grad"
