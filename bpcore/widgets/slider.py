"""PanelSlider: precomputed panels stepped by a slider, with no kernel.

Every slider of the book is a set of **precomputed panels** in an
``ipywidgets.Stack``, selected by an ``IntSlider`` and a ``Play`` through
``jslink``::

    Play.value  <->  IntSlider.value  <->  Stack.selected_index

The links run in the browser, so the panels step in JupyterLab, Binder,
Colab *and* in the built HTML book with no kernel (mouse, ▶, arrow keys).
Live extras (Python callbacks) go in ``extras`` and say that they need a
live kernel (:func:`bpcore.widgets.html.live_note`).
"""
from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets


class PanelSlider(widgets.VBox):
    """A Play button and an IntSlider stepping through precomputed HTML panels.

    ``readouts`` names each panel beside the slider (e.g. "l = 3" for the
    δ slider, whose panel 0 is the output layer): the slider's value stays
    the panel's index 0..n−1, its numeric readout is hidden, and a Stack of
    these names, linked to the slider in the browser, shows the one for the
    current panel. Without ``readouts`` the slider shows the index.

    Attributes: ``slider`` (IntSlider), ``play`` (Play), ``stack`` (Stack of
    ``ipywidgets.HTML`` panels), ``readout`` (the Stack of names, or None),
    ``links`` (the jslinks), ``layers`` (the layer l shown by each panel) and
    ``values`` (the numbers each panel puts on its active layer, one
    example). Display it like any widget.
    """

    def __init__(self, panels: Sequence[str], layers: Sequence[int], values: Sequence,
                 *, label: str = "l", interval: int = 1500, extras: Sequence = (),
                 readouts: Sequence[str] | None = None):
        n = len(panels)
        # No `description` on any widget: in a static page the widget manager
        # typesets descriptions with MathJax 2's MathJax.Hub, which MathJax 3
        # lacks (a console error). The label is a plain HTML widget instead.
        if readouts is not None and len(readouts) != n:
            raise ValueError(f"got {len(readouts)} readouts for {n} panels: "
                             f"give one name per panel")
        self.slider = widgets.IntSlider(value=0, min=0, max=n - 1, step=1,
                                        continuous_update=True, readout=readouts is None,
                                        layout=widgets.Layout(width="320px"))
        self.play = widgets.Play(value=0, min=0, max=n - 1, step=1, interval=interval,
                                 show_repeat=False)
        self.stack = widgets.Stack([widgets.HTML(p) for p in panels], selected_index=0)
        # In the built book, Play's view needs the page to set
        # FontAwesomeConfig = {autoReplaceSvg: "nest"}: pydata-sphinx-theme's
        # FontAwesome JS otherwise swaps Play's <i> icons for <svg>, after
        # which every Play update throws and the links stop (seen in Chromium).
        self.links = (widgets.jslink((self.slider, "value"), (self.stack, "selected_index")),
                      widgets.jslink((self.play, "value"), (self.slider, "value")))
        self.layers, self.values = list(layers), list(values)
        self.label = widgets.HTML(f'<span style="margin:0 6px;white-space:nowrap">{label}</span>')
        row = [self.play, self.label, self.slider]
        self.readout = None
        if readouts is not None:
            self.readout = widgets.Stack(
                [widgets.HTML(f'<span style="margin:0 6px;white-space:nowrap">{html.escape(r)}'
                              f'</span>') for r in readouts], selected_index=0)
            self.links += (widgets.jslink((self.slider, "value"),
                                          (self.readout, "selected_index")),)
            row.append(self.readout)
        controls = widgets.HBox(row)
        # Print: the html-manager's Stack puts only its selected child in the
        # page, so a Box holding the same panel widgets (saved once), hidden on
        # screen, is shown as small multiples by the book's _static/widgets.css.
        self.print_frames = widgets.Box(list(self.stack.children),
                                        layout=widgets.Layout(display="none"))
        self.print_frames.add_class("bp-print-frames")
        for w in (controls, self.stack):
            w.add_class("bp-screen-only")
        super().__init__([controls, self.stack, *extras, self.print_frames])

    def set_panels(self, panels: Sequence[str], layers: Sequence[int], values: Sequence) -> None:
        """Replace the panels' contents (live kernel only), same count."""
        for child, p in zip(self.stack.children, panels, strict=True):
            child.value = p
        self.layers, self.values = list(layers), list(values)

    def panel_html(self, k: int | None = None) -> str:
        """The HTML of panel k (default: the one the slider selects)."""
        return self.stack.children[self.slider.value if k is None else k].value
