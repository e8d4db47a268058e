"""bpcore.graph: the computational-graph figures of appendix A.

The numbers on the one-neuron graph must be bpcore's own results, and they
must equal the chain rule applied by hand (local derivatives multiplied along
the edges); the figures carry no Chinese characters.
"""
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import bpcore as bp  # noqa: E402
from bpcore import graph  # noqa: E402

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _one_neuron(w=0.8, b=-0.4, x=1.5, y=0.0, act="sigmoid"):
    net = bp.Network.from_params(W={1: [[w]]}, b={1: [b]}, activations=act)
    X, Y = np.array([[x]]), np.array([[y]])
    trace = bp.forward(net, X)
    return net, trace, bp.backward(net, trace, Y, loss="mse"), Y


@pytest.mark.parametrize("w,b,x,y", [(0.8, -0.4, 1.5, 0.0), (-1.3, 0.2, -0.7, 1.0), (2.0, 1.0, 3.0, 0.5)])
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


def _texts(ax):
    return [t.get_text() for t in ax.findobj(Text)]


def test_neuron_graph_shows_the_numbers_and_no_cjk():
    v = graph.neuron_values(*_one_neuron())
    ax = graph.neuron_graph(v)
    text = "\n".join(_texts(ax))
    for key in ("z", "a", "J", "dJ_dz", "dJ_dw", "dJ_db", "dJ_dx", "da_dz"):
        assert bp.viz.fmt(v[key], 4) in text, key
    assert not CJK.search(text)
    plt.close(ax.figure)


@pytest.mark.parametrize("L", [1, 2, 3])
def test_layer_graph_has_every_layer_and_no_cjk(L):
    ax = graph.layer_graph(L)
    text = "\n".join(_texts(ax))
    for l in range(1, L + 1):
        assert f"z^{{({l})}}" in text and f"W^{{({l})}}" in text and f"\\delta^{{({l})}}" in text
    assert not CJK.search(text)
    plt.close(ax.figure)


def test_layer_graph_needs_a_layer():
    with pytest.raises(ValueError, match="L must be"):
        graph.layer_graph(0)
