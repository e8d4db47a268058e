"""The classroom explorer: one cell, one training iteration step by step, on a projector.

- :mod:`~bpcore.widgets.classroom.frames`: the numbers of every frame, computed once;
- :mod:`~bpcore.widgets.classroom.draw`: a frame as a figure and HTML;
- :mod:`~bpcore.widgets.classroom.explorer`: the widget (:func:`explorer`).
"""
from .explorer import Explorer, explorer

__all__ = ["Explorer", "explorer"]
