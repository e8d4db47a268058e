"""bpcore.viz.chain_rule: the computational-graph figures of appendix A.

The numbers on the one-neuron graph must be bpcore's own results, and they
must equal the chain rule applied by hand (local derivatives multiplied along
the edges); the figures carry no Chinese characters.
"""
import math

import numpy as np
import pytest
from conftest import assert_no_cjk, texts_of

import bpcore as bp
from bpcore.viz import chain_rule as graph
from bpcore.viz.style import fmt


def _one_neuron(w=0.8, b=-0.4, x=1.5, y=0.0, act="sigmoid"):
    net = bp.Network.from_params(W={1: [[w]]}, b={1: [b]}, activations=act)
    X, Y = np.array([[x]]), np.array([[y]])
    trace = bp.forward(net, X)
    return net, trace, bp.backward(net, trace, Y, loss="mse"), Y


@pytest.mark.parametrize("w,b,x,y", [(0.8, -0.4, 1.5, 0.0), (-1.3, 0.2, -0.7, 1.0),
                                     (2.0, 1.0, 3.0, 0.5)])
def test_neuron_values_are_the_hand_chain_rule(w, b, x, y):
    v = graph.neuron_values(*_one_neuron(w, b, x, y))
    z = w * x + b
    a = 1 / (1 + math.exp(-z))
    delta = (a - y) * a * (1 - a)
    expected = {"x": x, "w": w, "b": b, "y": y, "z": z, "a": a, "J": 0.5 * (a - y) ** 2,
                "dJ_da": a - y, "da_dz": a * (1 - a), "dJ_dz": delta,
                "dJ_dw": delta * x, "dJ_db": delta, "dJ_dx": delta * w}
    assert set(v) == set(expected)
    for k, e in expected.items():
        assert v[k] == pytest.approx(e, abs=1e-12), k


def test_neuron_values_use_the_activation_of_the_network():
    v = graph.neuron_values(*_one_neuron(act="tanh"))
    a = math.tanh(0.8 * 1.5 - 0.4)
    assert v["da_dz"] == pytest.approx(1 - a * a, abs=1e-12)
    assert v["dJ_dz"] == pytest.approx(a * (1 - a * a), abs=1e-12)


def test_neuron_values_reject_wider_networks_and_batches():
    net = bp.Network([2, 1], seed=0)
    X, Y = np.ones((2, 1)), np.zeros((1, 1))
    trace = bp.forward(net, X)
    with pytest.raises(ValueError, match="1-1 network"):
        graph.neuron_values(net, trace, bp.backward(net, trace, Y), Y)
    net1 = bp.Network([1, 1], seed=0)
    X2, Y2 = np.ones((1, 2)), np.zeros((1, 2))
    trace2 = bp.forward(net1, X2)
    with pytest.raises(ValueError, match="one example"):
        graph.neuron_values(net1, trace2, bp.backward(net1, trace2, Y2), Y2)


def test_neuron_graph_shows_each_number_in_its_place_and_no_cjk():
    v = graph.neuron_values(*_one_neuron(w=-1.3, b=0.2, x=-0.7, y=1.0))
    f = {k: fmt(x, 4) for k, x in v.items()}
    # six different numbers: none of them can stand in for another
    assert len({f[k] for k in ("w", "b", "x", "z", "a", "J")}) == 6
    texts = texts_of(graph.neuron_graph(v).figure)
    # forward values in the nodes, under their names
    assert f"$z = wx + b$\n{f['z']}" in texts
    assert f"$a = \\sigma(z)$\n{f['a']}" in texts
    assert r"$J = \frac{1}{2}(a - y)^2$" + f"\n{f['J']}" in texts
    # local derivatives above the edges, gradients ∂J/∂· below them
    for label in (rf"$\partial a/\partial z = \sigma'(z) = {f['da_dz']}$",
                  rf"$\partial J/\partial z = \delta = {f['dJ_dz']}$",
                  rf"$\partial J/\partial w = {f['dJ_dw']}$",
                  rf"$\partial J/\partial b = {f['dJ_db']}$",
                  rf"$\partial J/\partial x = {f['dJ_dx']}$",
                  rf"$\partial J/\partial a = {f['dJ_da']}$"):
        assert label in texts, label
    assert_no_cjk(texts)


@pytest.mark.parametrize("L", [1, 2, 3])
def test_layer_graph_has_every_layer_and_no_cjk(L):
    ax = graph.layer_graph(L)
    texts = texts_of(ax.figure)
    text = "\n".join(texts)
    for l in range(1, L + 1):
        assert f"z^{{({l})}}" in text and f"W^{{({l})}}" in text and f"\\delta^{{({l})}}" in text
    assert f"z^{{({L + 1})}}" not in text                  # exactly L layers
    assert_no_cjk(texts)


def test_layer_graph_needs_a_layer():
    with pytest.raises(ValueError, match="L must be"):
        graph.layer_graph(0)


@pytest.mark.parametrize("dpi", [60, 200])
def test_forward_arrow_heads_sit_outside_the_boxes(dpi):
    """Each black (forward) arrow ends at the edge of its target box, so its
    head is drawn beside the box, not under it, whatever the saving dpi."""
    from matplotlib.text import Annotation

    ax = graph.neuron_graph(graph.neuron_values(*_one_neuron()))
    fig = ax.figure
    fig.set_dpi(dpi)
    fig.canvas.draw()
    boxes = [t.get_bbox_patch().get_window_extent() for t in ax.texts if t.get_bbox_patch()]
    arrows = [a for a in ax.get_children() if isinstance(a, Annotation)
              and tuple(a.arrow_patch.get_edgecolor()[:3]) == (0.0, 0.0, 0.0)]
    assert len(arrows) == 6 and len(boxes) == 7
    for a in arrows:
        x, y = ax.transData.transform(a.xy)
        inside = [b for b in boxes if b.x0 + 1 < x < b.x1 - 1 and b.y0 + 1 < y < b.y1 - 1]
        assert not inside, f"arrow to {a.xy} ends inside a box"
