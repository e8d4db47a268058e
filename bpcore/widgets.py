"""Layer sliders that work without a kernel (chapters 1 and 3).

Every slider is a set of **precomputed panels** in an ``ipywidgets.Stack``,
selected by an ``IntSlider`` and a ``Play`` through ``jslink``::

    Play.value  <->  IntSlider.value  <->  Stack.selected_index

The links run in the browser, so the panels step in JupyterLab, Binder,
Colab *and* in the built HTML book with no kernel (mouse, ▶, arrow keys).
The numbers come from one call of :func:`bpcore.steps.forward` and
:func:`bpcore.steps.backward` per slider, never from a callback. Live extras
(``live=True``: a new random network, another activation) recompute the
panels in Python and say in the widget that they need a live kernel.

    import bpcore as bp
    from bpcore.widgets import forward_slider, delta_slider, delta_compare
    delta_slider(net, X, Y)          # δ⁽ᴸ⁾ … δ⁽¹⁾, one panel per layer
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from . import checks
from .builders import compare_panel, delta_panel, forward_panel
from .network import Network
from .steps import backward, forward, loss_value

LIVE_NOTE = ("以下控件需要运行中的 Python 内核 (live kernel)：在 JupyterLab、"
             "Binder 或 Colab 里有效，在静态网页里不起作用。")


class PanelSlider(widgets.VBox):
    """A Play button and an IntSlider stepping through precomputed HTML panels.

    Attributes: ``slider`` (IntSlider), ``play`` (Play), ``stack`` (Stack of
    ``ipywidgets.HTML`` panels), ``links`` (the two jslinks), ``layers`` (the
    layer l shown by each panel) and ``values`` (the numbers each panel puts
    on its active layer, one example). Display it like any widget.
    """

    def __init__(self, panels: Sequence[str], layers: Sequence[int], values: Sequence,
                 *, label: str = "l", interval: int = 1500, extras: Sequence = ()):
        n = len(panels)
        # No `description` on any widget: in a static page the widget manager
        # typesets descriptions with MathJax 2's MathJax.Hub, which MathJax 3
        # lacks (a console error). The label is a plain HTML widget instead.
        self.slider = widgets.IntSlider(value=0, min=0, max=n - 1, step=1,
                                        continuous_update=True,
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
        controls = widgets.HBox([self.play, self.label, self.slider])
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
        for child, p in zip(self.stack.children, panels):
            child.value = p
        self.layers, self.values = list(layers), list(values)

    def panel_html(self, k: int | None = None) -> str:
        """The HTML of panel k (default: the one the slider selects)."""
        return self.stack.children[self.slider.value if k is None else k].value


def _one_example(X, example: int) -> int:
    m = np.shape(X)[1] if np.ndim(X) == 2 else 1
    if not 0 <= example < m:
        raise ValueError(f"example={example} but X has {m} column(s): choose 0..{m - 1}")
    return example


def forward_slider(net: Network, X, Y=None, loss: str = "mse", *, example: int = 0,
                   dpi: int = 90, interval: int = 1500) -> PanelSlider:
    """Step 1 layer by layer: panel l (l = 0..L) computes z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾
    and a⁽ˡ⁾ = σ_l(z⁽ˡ⁾) (equations 1.1, 1.2) with their numbers, on the
    drawn network. X is (n_0, m); the panels show example ``example`` (column
    i). With Y, the last panel also gives the batch loss J (1.3 or 1.4).

    ``.layers`` is [0, 1, …, L]; ``.values[l]`` is a⁽ˡ⁾[:, i]; ``.trace`` is
    the one forward pass.
    """
    X = checks.inputs(net, X)
    i = _one_example(X, example)
    trace = forward(net, X)
    J = None if Y is None else loss_value(net, trace, Y, loss)
    panels = [forward_panel(net, trace, l, i, J=J, loss=loss, dpi=dpi) for l in range(net.L + 1)]
    s = PanelSlider(panels, range(net.L + 1), [trace.a[l][:, i] for l in range(net.L + 1)],
                    label="l =", interval=interval)
    s.trace, s.J, s.example = trace, J, i
    return s


def _delta_data(net, X, Y, loss, i, dpi):
    trace = forward(net, X)
    grads = backward(net, trace, Y, loss)
    Y = checks.targets(net, Y, X.shape[1], loss)
    norms = {l: float(np.linalg.norm(grads.delta[l])) for l in range(1, net.L + 1)}
    vmax = max(float(np.max(np.abs(grads.delta[l][:, i]))) for l in norms) or 1.0
    layers = list(range(net.L, 0, -1))
    panels = [delta_panel(net, trace, grads, Y, loss, l, i, norms, vmax, dpi=dpi) for l in layers]
    return trace, grads, norms, layers, panels, [grads.delta[l][:, i] for l in layers]


def delta_slider(net: Network, X, Y, loss: str = "mse", *, example: int = 0, dpi: int = 90,
                 interval: int = 1500, live: bool = False) -> PanelSlider:
    """Step 3 layer by layer: panel k shows l = L − k, for l = L down to 1.

    Each panel: the network with layer l highlighted, δ⁽ˡ⁾ (and the δ already
    computed above it) on the nodes — red > 0, blue < 0, intensity = size —,
    the edges of W⁽ˡ⁺¹⁾ that carry δ⁽ˡ⁺¹⁾ back emphasised, the equation
    (2.1 or 2.2 for l = L, 3.1 below) with l filled in, its numbers as column
    vectors, and a bar chart of ‖δ⁽ˡ⁾‖ (norm over the whole batch) per layer
    with layer l marked. Nodes and numbers show example ``example``.

    ``.layers`` is [L, L−1, …, 1]; ``.values[k]`` is δ⁽ˡ⁾[:, i] for
    l = layers[k]; ``.grads``, ``.trace`` the one backward and forward pass;
    ``.norms`` {l: ‖δ⁽ˡ⁾‖}. ``live=True`` adds a "new random network" button
    and an activation choice for the hidden layers (they need a kernel).
    """
    X = checks.inputs(net, X)
    loss = checks.loss_name(net, loss)
    i = _one_example(X, example)
    trace, grads, norms, layers, panels, values = _delta_data(net, X, Y, loss, i, dpi)
    extras = []
    if live:
        extras = _live_controls(lambda new: _rebuild(s, new, X, Y, loss, i, dpi), net)
    s = PanelSlider(panels, layers, values, label="步骤", interval=interval, extras=extras)
    s.net, s.trace, s.grads, s.norms, s.example = net, trace, grads, norms, i
    return s


def _rebuild(s: PanelSlider, net, X, Y, loss, i, dpi) -> None:
    trace, grads, norms, layers, panels, values = _delta_data(net, X, Y, loss, i, dpi)
    s.set_panels(panels, layers, values)
    s.net, s.trace, s.grads, s.norms = net, trace, grads, norms


def _live_controls(rebuild: Callable[[Network], None], net: Network) -> list:
    """A note, an activation dropdown, a seed and a button that draws a new
    network of the same sizes and rebuilds the panels (Python callback)."""
    hidden = net.activations[0] if net.L > 1 else "sigmoid"
    choice = widgets.Dropdown(options=["sigmoid", "tanh", "relu"], value=hidden if hidden in
                              ("sigmoid", "tanh", "relu") else "sigmoid",
                              layout=widgets.Layout(width="110px"))
    seed = widgets.IntText(value=0, layout=widgets.Layout(width="80px"))
    button = widgets.Button(description="new random network", icon="refresh")

    def on_click(_):
        acts = [choice.value] * (net.L - 1) + [net.activations[-1]]
        seed.value += 1
        rebuild(Network(net.sizes, activations=acts, seed=seed.value))

    button.on_click(on_click)
    row = widgets.VBox([widgets.HTML(f'<div style="color:#8a5a00;font-size:90%">{LIVE_NOTE}</div>'),
                        widgets.HBox([widgets.HTML("σ (hidden)&nbsp;"), choice,
                                      widgets.HTML("&nbsp;seed&nbsp;"), seed, button])])
    row.add_class("bp-live-only")  # hidden in the static book, where it cannot run
    return [row]


class DeltaCompare(PanelSlider):
    """The δ slider of several networks of the same depth, one row each.

    Like :class:`PanelSlider` (``slider``, ``play``, ``stack``, ``links``,
    ``layers`` = [L, …, 1]), plus ``names``, ``norms`` {name: {l: ‖δ⁽ˡ⁾‖}}
    and ``grads`` {name: Gradients}; ``values[k]`` is {name: δ⁽ˡ⁾[:, i]}.
    """

    def __init__(self, nets: Mapping[str, Network], X, Y, loss: str = "mse", *,
                 example: int = 0, dpi: int = 80, interval: int = 1200):
        Ls = {net.L for net in nets.values()}
        if len(Ls) != 1:
            raise ValueError(f"the networks to compare must have the same depth L, got {sorted(Ls)}")
        L = Ls.pop()
        i = _one_example(X, example)
        names, layers = list(nets), list(range(L, 0, -1))
        norms, grads = {}, {}
        for name, net in nets.items():
            Xc = checks.inputs(net, X)
            grads[name] = backward(net, forward(net, Xc), Y, checks.loss_name(net, loss))
            norms[name] = {l: float(np.linalg.norm(grads[name].delta[l])) for l in range(1, L + 1)}
        pos = [v for d in norms.values() for v in d.values() if v > 0]
        ylim = (min(pos) / 3, max(pos) * 3) if pos else None
        panels = [compare_panel(nets, grads, norms, l, i, ylim, dpi=dpi) for l in layers]
        values = [{n: grads[n].delta[l][:, i] for n in names} for l in layers]
        super().__init__(panels, layers, values, label="步骤", interval=interval)
        self.names, self.norms, self.grads, self.example = names, norms, grads, i

    def ratio(self, name: str) -> float:
        """‖δ⁽¹⁾‖ / ‖δ⁽ᴸ⁾‖ for network ``name``: how much of the error signal
        reaches the first layer."""
        d = self.norms[name]
        return d[1] / d[max(d)]


def delta_compare(nets: Mapping[str, Network], X, Y, loss: str = "mse", **kw) -> DeltaCompare:
    """The δ slider on several networks of the same depth at once, e.g.
    ``{"sigmoid": deep_sigmoid, "relu": deep_relu}`` (vanishing gradients,
    chapter 3); one slider steps all of them, and the ‖δ⁽ˡ⁾‖ bar charts share
    one log axis so the shrinking can be compared."""
    return DeltaCompare(nets, X, Y, loss, **kw)
