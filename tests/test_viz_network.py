"""bpcore.viz.network: the network figure and the ‖δ⁽ˡ⁾‖ charts (chapters 1–3).

Each figure is checked for what it encodes — one edge per weight, coloured
by its sign; the values on the nodes; which bar is the current layer — and
for the absence of CJK text.
"""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import assert_no_cjk, texts_of
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex

import bpcore as bp
from bpcore.viz import style
from bpcore.viz.network import draw_delta_norms, draw_network, plot_delta_norms


def edges(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


@pytest.mark.parametrize("sizes", [[1, 1], [2, 4, 1], [3, 5, 5, 2], [4, 12, 3],
                                   [2] + [6] * 7 + [1]])
def test_draw_network_architectures(sizes):
    net = bp.Network(sizes, activations="sigmoid", seed=0)
    x = np.linspace(-1, 1, sizes[0])[:, None]
    trace = bp.forward(net, x)
    ax = draw_network(net, node_values={l: trace.a[l] for l in range(net.L + 1)},
                      highlight_layer=net.L, edge_layer=net.L,
                      layer_titles={net.L: r"$\delta^{(L)}$"})
    fig = ax.figure
    collections = edges(ax)
    assert len(collections) == net.L
    for l, c in enumerate(collections, start=1):
        assert len(c.get_segments()) == sizes[l] * sizes[l - 1]
    texts = texts_of(fig)
    assert_no_cjk(texts)
    assert r"$\delta^{(L)}$" in texts
    for l in range(net.L + 1):
        shown = [style.fmt(v) in texts for v in trace.a[l][:, 0]]
        # values are written on the nodes of layers with at most 10 units
        assert all(shown) if sizes[l] <= 10 else not any(shown), (l, sizes[l])
    fig.canvas.draw()


def test_edge_colour_is_the_sign_and_width_the_size_of_the_weight():
    W = {1: np.array([[0.5, -2.0], [1.0, 0.0]]), 2: np.array([[-0.25, 2.0]])}
    net = bp.Network.from_params(W, {1: np.zeros(2), 2: np.zeros(1)})
    ax = draw_network(net)
    for l, c in enumerate(edges(ax), start=1):
        w = W[l].ravel()
        colours = [to_hex(rgba) for rgba in c.get_colors()]
        assert colours == [style.POSITIVE if v >= 0 else style.NEGATIVE for v in w]
        widths = np.asarray(c.get_linewidths())
        assert np.array_equal(np.argsort(widths), np.argsort(np.abs(w)))   # wider = larger |w|


def test_draw_network_rejects_wrong_value_count():
    net = bp.Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="layer 1 has 3 units"):
        draw_network(net, node_values={1: [0.1, 0.2]})
    with pytest.raises(ValueError, match="one example"):
        draw_network(net, node_values={1: np.ones((3, 2))})


def test_draw_delta_norms_marks_the_current_layer():
    norms = {1: 0.5, 2: 0.25, 3: 2.0}
    ax = draw_delta_norms(norms, current=2)
    bars = ax.patches
    assert [b.get_height() for b in bars] == [0.5, 0.25, 2.0]
    # below the current layer: still to come; the current one; above it: done
    assert [to_hex(b.get_facecolor()) for b in bars] == [style.PENDING, style.CURRENT, style.DONE]
    assert ax.get_yscale() == "linear"
    assert_no_cjk(texts_of(ax.figure))


def test_draw_delta_norms_log_axis_when_the_bars_span_more_than_100():
    assert draw_delta_norms({1: 1e-4, 2: 1.0}).get_yscale() == "log"
    assert draw_delta_norms({1: 0.02, 2: 1.0}).get_yscale() == "linear"


def test_plot_delta_norms_one_line_per_network():
    norms = {"sigmoid": {1: 1e-4, 2: 1e-2, 3: 1.0}, "relu": {1: 0.5, 2: 0.7, 3: 1.0}}
    ax = plot_delta_norms(norms)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["sigmoid", "relu"]
    for line, d in zip(lines, norms.values(), strict=True):
        assert list(line.get_xdata()) == [1, 2, 3]
        np.testing.assert_allclose(line.get_ydata(), [d[1], d[2], d[3]])
    assert ax.get_yscale() == "log"
    texts = texts_of(ax.figure)
    assert {"sigmoid", "relu"} <= set(texts)
    assert_no_cjk(texts)
    plt.close(ax.figure)
