"""Interaction that works without a kernel: precomputed panels and sliders.

- :mod:`bpcore.widgets.html`: the panel toolkit (images, vectors, matrices);
- :mod:`bpcore.widgets.rows`: the book's equations written out with numbers;
- :mod:`bpcore.widgets.slider`: :class:`~bpcore.widgets.slider.PanelSlider`, panels
  stepped in the browser;
- :mod:`bpcore.widgets.layers`: step 1 and step 3 layer by layer (chapters 1, 3);
- :mod:`bpcore.widgets.gradients`: step 4 against finite differences (chapter 4);
- :mod:`bpcore.widgets.training`: η comparison, epoch replay, live training (chapter 5);
- :mod:`bpcore.widgets.classroom`: the classroom explorer.

Widgets import :mod:`bpcore.viz` and the maths; nothing imports widgets.
"""
from .classroom import explorer
from .gradients import gradient_slider
from .layers import delta_compare, delta_slider, forward_slider
from .slider import PanelSlider
from .training import epoch_replay, live_trainer, lr_comparison

__all__ = [
    "PanelSlider", "forward_slider", "delta_slider", "delta_compare", "gradient_slider",
    "lr_comparison", "epoch_replay", "live_trainer", "explorer",
]
