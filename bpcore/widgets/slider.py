"""PanelSlider: precomputed panels stepped by a slider, with no kernel.

Every slider of the book is a set of **precomputed panels** in an
``ipywidgets.Stack``, selected by an ``IntSlider`` and a ``Play`` through
``jslink``::

    Play.value  <->  IntSlider.value  <->  Stack.selected_index

The links run in the browser, so the panels step in JupyterLab, Binder,
Colab *and* in the built HTML book with no kernel (mouse, ▶, arrow keys).
Live extras (Python callbacks) go in ``extras`` and say that they need a
live kernel (:func:`bpcore.widgets.html.live_note`).

Accessibility. ipywidgets cannot put ``aria-*`` attributes on its views, so a
PanelSlider writes what a screen reader needs into the saved widget state,
and the book's ``_static/bp-sliders.js`` applies it once the page's widget
manager has drawn the slider (and again at every change):

- the VBox has the class ``bp-slider``; its Play ``bp-slider-play``, its
  IntSlider ``bp-slider-main``, its Stack ``bp-slider-stack``;
- the visible label is a ``<span id=… data-bp-slider='{json}'>``: the
  JSON (``PanelSlider.a11y``) holds the names of Play's buttons, the
  ``aria-valuetext`` of every slider position (the readouts, "l = 2") and
  the names of further controls; the script points the handle's
  ``aria-labelledby`` at the span;
- every panel's root element carries ``data-summary``: a short text of the
  panel (which step, which layer, its numbers), which the script copies
  into a polite live region when the slider shows another panel
  (``with_summary``; the panel builders write it, PanelSlider falls back
  to the readout).

Links to a state and presentation mode (the same script, static book only):
``a11y["id"]`` is the slider's stable id (``slider_id``: "delta", "frame",
…; a second slider of the same id on a page gets "-2"), the page's URL hash
holds the positions (``#delta=2&grad=1``), and the script adds a "Copy link"
button and a "Present" button (full screen, keys F, Space, ←/→, Esc) beside
each slider, named in the page's language.

In a live kernel the script is absent: there Play's ``tooltip`` (a hover
title on the Play group) is all ipywidgets can do natively; no hash, no
copy-link and no presentation buttons.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np

from ..i18n import t
from ..viz.style import fmt

LABEL_STYLE = "margin:0 6px;white-space:nowrap"

_ROOT_DIV = re.compile(r"\s*<div\b")
# the data-summary of a panel's root element, as with_summary writes it
_SUMMARY = re.compile(r'\s*<div\b[^>]*\sdata-summary="([^"]*)"')
# a slider id as it appears in the URL hash (#delta=2): lower case, digits, hyphens
_SLIDER_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def vec_text(v) -> str:
    """Numbers as a panel prints them (:func:`bpcore.viz.style.fmt`), for
    summaries and alt text: ``(−0.00501, 0.00457, −0.00394)``."""
    return "(" + ", ".join(fmt(x) for x in np.ravel(v)) + ")"


def mat_text(M) -> str:
    """A matrix row by row, rows separated by semicolons: ``[1.2, −0.7; 0.3, 0.5]``
    (a single row or column is a :func:`vec_text`)."""
    M = np.atleast_2d(M)
    if 1 in M.shape:
        return vec_text(M)
    return "[" + "; ".join(", ".join(fmt(x) for x in r) for r in M) + "]"


def play_names() -> dict[str, str]:
    """The names of Play's buttons (``play``, ``pause``, ``stop``,
    ``repeat``) in the current language (``bpcore.i18n``)."""
    return {"play": t("播放"), "pause": t("暂停"), "stop": t("停止并回到开头"),
            "repeat": t("循环播放")}


def play_tooltip(names: dict[str, str]) -> str:
    """Play's tooltip: the names of its ▶ and ■ buttons."""
    return t("▶ {play}，■ {stop}", play=names["play"], stop=names["stop"])


def with_summary(panel: str, summary: str) -> str:
    """The panel HTML with ``data-summary="summary"`` on its root element (a
    wrapping div if the panel does not start with one)."""
    attr = f' data-summary="{html.escape(summary)}"'
    m = _ROOT_DIV.match(panel)
    if m:
        return panel[:m.end()] + attr + panel[m.end():]
    return f"<div{attr}>{panel}</div>"


def summary_of(panel: str) -> str | None:
    """The ``data-summary`` of a panel's root element, unescaped (None if absent)."""
    m = _SUMMARY.match(panel)
    return html.unescape(m.group(1)) if m else None


class PanelSlider(widgets.VBox):
    """A Play button and an IntSlider stepping through precomputed HTML panels.

    ``readouts`` names each panel beside the slider (e.g. "l = 3" for the
    δ slider, whose panel 0 is the output layer): the slider's value stays
    the panel's index 0..n−1, its numeric readout is hidden, and a Stack of
    these names, linked to the slider in the browser, shows the one for the
    current panel. Without ``readouts`` the slider shows the index.

    ``slider_id`` names the slider in links to a state (``page.html#delta=2``
    opens it at panel 2): the kind of slider ("forward", "delta", "grad",
    "lr", "epoch", "frame"), the same at every build.

    What a screen reader says for each position (``aria-valuetext``) is the
    readout (else the index); :meth:`describe` changes it, the names of
    Play's buttons and further controls. Panels should carry a
    ``data-summary`` (``with_summary``); one without gets its valuetext.

    Attributes: ``slider`` (IntSlider), ``play`` (Play), ``stack`` (Stack of
    ``ipywidgets.HTML`` panels), ``readout`` (the Stack of names, or None),
    ``links`` (the jslinks), ``layers`` (the layer l shown by each panel),
    ``values`` (the numbers each panel puts on its active layer, one
    example), ``label`` (the HTML label) and ``a11y`` (what the page's
    script needs: see the module's docstring). Display it like any widget.
    """

    def __init__(self, panels: Sequence[str], layers: Sequence[int], values: Sequence,
                 *, label: str = "l", interval: int = 1500, extras: Sequence = (),
                 readouts: Sequence[str] | None = None, slider_id: str = "panels"):
        n = len(panels)
        if not _SLIDER_ID.fullmatch(slider_id):
            raise ValueError(f"slider_id={slider_id!r}: use lower-case letters, digits and "
                             f"hyphens, starting with a letter (it goes in the URL: #delta=2)")
        # No `description` on any widget: in a static page the widget manager
        # typesets descriptions with MathJax 2's MathJax.Hub, which MathJax 3
        # lacks (a console error). The label is a plain HTML widget instead.
        if readouts is not None and len(readouts) != n:
            raise ValueError(f"got {len(readouts)} readouts for {n} panels: "
                             f"give one name per panel")
        valuetexts = list(readouts) if readouts is not None else [str(k) for k in range(n)]
        self.slider = widgets.IntSlider(value=0, min=0, max=n - 1, step=1,
                                        continuous_update=True, readout=readouts is None,
                                        layout=widgets.Layout(width="320px"))
        # tooltip: the only name ipywidgets can give Play natively (a title on
        # the group of buttons, for a live kernel; the page's script names
        # each button).
        names = play_names()
        self.play = widgets.Play(value=0, min=0, max=n - 1, step=1, interval=interval,
                                 show_repeat=False, tooltip=play_tooltip(names))
        self.stack = widgets.Stack([widgets.HTML(p) for p in self._summarised(panels, valuetexts)],
                                   selected_index=0)
        # In the built book, Play's view needs the page to set
        # FontAwesomeConfig = {autoReplaceSvg: "nest"}: pydata-sphinx-theme's
        # FontAwesome JS otherwise swaps Play's <i> icons for <svg>, after
        # which every Play update throws and the links stop (seen in Chromium).
        self.links = (widgets.jslink((self.slider, "value"), (self.stack, "selected_index")),
                      widgets.jslink((self.play, "value"), (self.slider, "value")))
        self.layers, self.values = list(layers), list(values)
        self.label_id = f"bp-label-{self.slider.model_id}"
        self.a11y = {"id": slider_id, **names, "valuetext": valuetexts,
                     "readout": t("{label}（序号）", label=label), "controls": []}
        self.label_text, self.label_style = label, LABEL_STYLE
        self.label = widgets.HTML(self._label_html())
        row = [self.play, self.label, self.slider]
        self.readout = None
        if readouts is not None:
            self.readout = widgets.Stack(
                [widgets.HTML(f'<span style="{LABEL_STYLE}">{html.escape(r)}</span>')
                 for r in readouts], selected_index=0)
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
        for w, cls in ((self.play, "bp-slider-play"), (self.slider, "bp-slider-main"),
                       (self.stack, "bp-slider-stack")):
            w.add_class(cls)
        super().__init__([controls, self.stack, *extras, self.print_frames])
        self.add_class("bp-slider")

    @staticmethod
    def _summarised(panels: Sequence[str], valuetexts: Sequence[str]) -> list[str]:
        """The panels, each with a data-summary (its valuetext if it has none)."""
        return [p if _SUMMARY.match(p) else with_summary(p, v)
                for p, v in zip(panels, valuetexts, strict=True)]

    def _label_html(self) -> str:
        """The visible label, carrying :attr:`a11y` for the page's script."""
        data = html.escape(json.dumps(self.a11y, ensure_ascii=False))
        return (f'<span id="{self.label_id}" class="bp-slider-label" data-bp-slider="{data}" '
                f'style="{self.label_style}">{html.escape(self.label_text)}</span>')

    def describe(self, **changes) -> None:
        """Change what the page's script applies (``a11y``: ``valuetext``
        (one per panel), ``id`` (the slider's id in links), ``play``, ``pause``,
        ``stop``, ``repeat`` (the names
        of Play's buttons; also its tooltip), ``readout``, ``controls``) and
        rewrite the label that carries it."""
        unknown = set(changes) - set(self.a11y)
        if unknown:
            raise ValueError(f"unknown a11y field(s) {sorted(unknown)}: "
                             f"choose from {sorted(self.a11y)}")
        n = len(self.stack.children)
        if "valuetext" in changes and len(changes["valuetext"]) != n:
            raise ValueError(f"got {len(changes['valuetext'])} valuetexts for {n} panels: "
                             f"give one per panel")
        if "id" in changes and not _SLIDER_ID.fullmatch(str(changes["id"])):
            raise ValueError(f"id={changes['id']!r}: use lower-case letters, digits and "
                             f"hyphens, starting with a letter")
        self.a11y.update(changes)
        self.play.tooltip = play_tooltip(self.a11y)
        self.label.value = self._label_html()

    def set_panels(self, panels: Sequence[str], layers: Sequence[int], values: Sequence) -> None:
        """Replace the panels' contents (live kernel only), same count."""
        panels = self._summarised(panels, self.a11y["valuetext"])
        for child, p in zip(self.stack.children, panels, strict=True):
            child.value = p
        self.layers, self.values = list(layers), list(values)

    def __repr__(self) -> str:
        """What a notebook prints without a widget view: the slider's id and
        its panels' layers (no words, so the same in both languages)."""
        return (f"{type(self).__name__}(id={self.a11y['id']!r}, "
                f"panels={len(self.stack.children)}, layers={self.layers})")

    def panel_html(self, k: int | None = None) -> str:
        """The HTML of panel k (default: the one the slider selects)."""
        return self.stack.children[self.slider.value if k is None else k].value

    def summary(self, k: int | None = None) -> str | None:
        """The data-summary of panel k (default: the one the slider selects)."""
        return summary_of(self.panel_html(k))
