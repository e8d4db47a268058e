"""Figures, in matplotlib: the presentation layer over bpcore's maths.

- :mod:`bpcore.viz.style`: the palette and the number format of every figure
  and panel;
- :mod:`bpcore.viz.network`: a network with its numbers (chapters 1–3);
- :mod:`bpcore.viz.training`: loss curves, decision boundaries, confusion
  matrices (chapters 5–6);
- :mod:`bpcore.viz.chain_rule`: computational graphs (appendix A).

The arrow points one way: these modules import the maths, never the
reverse, and ``import bpcore`` does not import matplotlib.
"""
from .chain_rule import layer_graph, neuron_graph, neuron_values
from .network import draw_delta_norms, draw_network, plot_delta_norms
from .style import fmt
from .training import confusion_matrix, decision_boundary, loss_curves, misclassified

__all__ = [
    "draw_network", "draw_delta_norms", "plot_delta_norms",
    "loss_curves", "decision_boundary", "confusion_matrix", "misclassified",
    "neuron_values", "neuron_graph", "layer_graph", "fmt",
]
