"""The layer sliders of chapters 1 and 3: step 1 and step 3, layer by layer.

- :func:`forward_slider`: z⁽ˡ⁾ and a⁽ˡ⁾ for l = 0..L (equations 1.1, 1.2);
- :func:`delta_slider`: δ⁽ᴸ⁾ down to δ⁽¹⁾ (2.1/2.2, then 3.1);
- :func:`delta_compare`: the δ slider of several networks side by side.

Each is a :class:`~bpcore.widgets.slider.PanelSlider` whose panels are
computed here, once, from one call of :func:`bpcore.steps.forward` and
:func:`bpcore.steps.backward`: a figure (:mod:`bpcore.viz.network`) and the
equation with the numbers of one example (column i, :mod:`bpcore.widgets.rows`).
Live extras (``live=True``: a new random network, another activation)
recompute the panels in Python and say that they need a live kernel.

    from bpcore.widgets import forward_slider, delta_slider, delta_compare
    delta_slider(net, X, Y)          # δ⁽ᴸ⁾ … δ⁽¹⁾, one panel per layer
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import checks
from ..equations import delta_label, loss_label, number
from ..i18n import listing, t
from ..network import Network
from ..steps import backward, forward, loss_value
from ..viz.network import draw_delta_norms, draw_network
from ..viz.style import fmt, layer, sub, symmetric_limit
from . import html as P
from .rows import delta_terms, forward_terms, one_row
from .slider import PanelSlider, vec_text


def _note(trace, i: int) -> str:
    m = trace.a[0].shape[1]
    return t("显示第 i = {i} 个样本（共 m = {m} 个）。", i=i, m=m) if m > 1 else ""


def forward_panel(net, trace, l: int, i: int, *, J=None, loss="mse", dpi=90) -> str:
    """Panel l of the forward slider: a⁽⁰⁾ = x for l = 0, else equations 1.1
    and 1.2 for layer l with W⁽ˡ⁾, a⁽ˡ⁻¹⁾, b⁽ˡ⁾, z⁽ˡ⁾, a⁽ˡ⁾."""
    L = net.L
    a = {k: trace.a[k][:, i] for k in range(l + 1)}
    fig, ax = plt.subplots(figsize=(min(7.8, 1.5 * L + 3.2), 0.62 * max(net.sizes) + 1.7))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.80)
    labels = {}
    if l >= 1:
        z = trace.z[l][:, i]
        labels = {l: [f"{fmt(zj)}\n{fmt(aj)}" for zj, aj in zip(z, a[l], strict=True)]}
        fig.text(0.02, 0.97, P.instantiate("eq-forward-z", l, L), fontsize=12, va="top")
        fig.text(0.02, 0.885, P.instantiate("eq-forward-a", l, L), fontsize=12, va="top")
    else:
        fig.text(0.02, 0.95, r"$a^{(0)} = x$", fontsize=12, va="top")
    draw_network(net, ax, node_values=a, node_labels=labels, highlight_layer=l,
                 edge_layer=l if l >= 1 else None, node_size=1300 if l >= 1 else None,
                 layer_titles={l: rf"$z^{{({l})}}$ / $a^{{({l})}}$"} if l >= 1 else {0: "$x$"})
    if l == 0:
        x = vec_text(a[0])
        shown = t("输入 a⁽⁰⁾ = x = {x}（第 i = {i} 个样本）", x=x, i=i)
        summary = t("第 1 步 正向传播，l = 0：输入层 a⁽⁰⁾ = x = {x}（第 i = {i} 个样本）。",
                    x=x, i=i)
    else:
        z_text = f"{layer('z', l)} = {vec_text(trace.z[l][:, i])}"
        a_text = f"{layer('a', l)} = {vec_text(a[l])}"
        shown = t("{z} 和 {a}（第 i = {i} 个样本）", z=z_text, a=a_text, i=i)
        what = dict(l=l, z=z_text, a=a_text, s=sub(l), name=net.sigma[l].name, i=i)
        if l == L and J is not None:
            summary = t("第 1 步 正向传播，l = {l}：{z}，{a}（σ{s} = {name}，第 i = {i} 个样本）"
                        "；ŷ = a⁽ᴸ⁾，整批的损失 J = {J}。", J=fmt(J, 4), **what)
        else:
            summary = t("第 1 步 正向传播，l = {l}：{z}，{a}（σ{s} = {name}，"
                        "第 i = {i} 个样本）。", **what)
    alt = t("网络示意图：第 {l} 层高亮，节点上写着 {shown}"
            "；连线红色为正权重、蓝色为负权重，粗细表示 |w|。", l=l, shown=shown)
    body = [P.img(fig, alt, dpi)]
    if l == 0:
        heading = t("l = 0：输入层，a⁽⁰⁾ = x")
        body.append(P.row(P.vector(a[0], "a⁽⁰⁾ = x")))
    else:
        heading = t("l = {l}：计算第 {l} 层，{z} = {W}{a_prev} + {b}（式 {eq_z}），"
                    "{a} = σ{s}({z})（式 {eq_a}，σ{s} = {name}）",
                    l=l, z=layer("z", l), W=layer("W", l), a_prev=layer("a", l - 1),
                    b=layer("b", l), a=layer("a", l), s=sub(l), name=net.sigma[l].name,
                    eq_z=number("eq-forward-z"), eq_a=number("eq-forward-a"))
        body.append(one_row(forward_terms(net, trace, l, i)))
        if l == L and J is not None:
            body.append('<div style="font-size:110%">'
                        + t("ŷ = a⁽ᴸ⁾；整批的损失 J = {J}（式 {eq}，{loss}）",
                            J=fmt(J, 4), eq=number(loss_label(loss)), loss=loss) + "</div>")
    return P.panel(heading, body, _note(trace, i), data={"summary": summary})


def delta_panel(net, trace, grads, Y, loss, l: int, i: int, norms, vmax, *, dpi=90) -> str:
    """Panel for δ⁽ˡ⁾: equation 2.1/2.2 (l = L) or 3.1 (l < L) with numbers."""
    L, delta = net.L, grads.delta
    label = delta_label(l, L, loss)
    fig = plt.figure(figsize=(7.8, 0.55 * max(net.sizes) + 2.0))
    gs = fig.add_gridspec(1, 2, width_ratios=[3.1, 1.25], left=0.02, right=0.97,
                          top=0.84, bottom=0.14, wspace=0.28)
    ax_net, ax_bar = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    fig.text(0.02, 0.97, P.instantiate(label, l, L), fontsize=13, va="top")
    draw_network(net, ax_net, node_values={k: delta[k][:, i] for k in range(l, L + 1)},
                 highlight_layer=l, edge_layer=l + 1 if l < L else None, vmax=vmax,
                 layer_titles={l: rf"$\delta^{{({l})}}$"})
    draw_delta_norms(norms, ax_bar, current=l)
    shown = dict(l=l, i=i, delta=f"{layer('δ', l)} = {vec_text(delta[l][:, i])}",
                 d=layer("δ", l), norm=fmt(norms[l]))
    bars = listing(f"‖{layer('δ', k)}‖ = {fmt(norms[k])}" for k in sorted(norms, reverse=True))
    if l < L:
        alt = t("左：网络示意图，第 {l} 层高亮，节点上是 {delta}（第 i = {i} 个样本；"
                "红正蓝负，颜色越深绝对值越大），{W} 的连线加粗；"
                "右：各层 ‖δ⁽ˡ⁾‖（整批）的柱状图：{bars}，第 {l} 层标出。",
                W=layer("W", l + 1), bars=bars, **shown)
        summary = t("第 3 步 误差反向传播，l = {l}：{delta}（第 i = {i} 个样本），"
                    "‖{d}‖ = {norm}（整批）。", **shown)
    else:
        alt = t("左：网络示意图，第 {l} 层高亮，节点上是 {delta}（第 i = {i} 个样本；"
                "红正蓝负，颜色越深绝对值越大）；"
                "右：各层 ‖δ⁽ˡ⁾‖（整批）的柱状图：{bars}，第 {l} 层标出。", bars=bars, **shown)
        summary = t("第 2 步 输出层误差，l = {l}：{delta}（第 i = {i} 个样本），"
                    "‖{d}‖ = {norm}（整批）。", **shown)
    body = [P.img(fig, alt, dpi)]
    body.append(one_row(delta_terms(net, trace, delta, Y, loss, l, i)))
    if l < L:
        heading = t("l = {l}：{d} = ({W})ᵀ {d_next} ⊙ σ{s}′({z})（式 {eq}）",
                    l=l, d=layer("δ", l), W=layer("W", l + 1), d_next=layer("δ", l + 1),
                    s=sub(l), z=layer("z", l), eq=number(label))
    elif label == "eq-delta-out-softmax":
        heading = t("l = L = {L}：输出层误差 δ⁽ᴸ⁾ = (ŷ − y)/m（式 {eq}）", L=L, eq=number(label))
    else:
        heading = t("l = L = {L}：输出层误差 δ⁽ᴸ⁾ = ∂J/∂ŷ ⊙ σL′(z⁽ᴸ⁾)（式 {eq}）",
                    L=L, eq=number(label))
    m = trace.a[0].shape[1]
    note = (t("‖{d}‖ = {norm}（整批）。显示第 i = {i} 个样本（共 m = {m} 个）。", m=m, **shown)
            if m > 1 else t("‖{d}‖ = {norm}（整批）。", **shown))
    return P.panel(heading, body, note, data={"summary": summary})


def compare_panel(nets, grads, norms, l: int, i: int, ylim, *, dpi=80) -> str:
    """One step of :class:`DeltaCompare`: a row per network
    (name → net), colours only on the nodes, the ‖δ⁽ˡ⁾‖ bars on one shared
    log axis."""
    names = list(nets)
    rows = len(names)
    n_max = max(max(net.sizes) for net in nets.values())
    fig = plt.figure(figsize=(7.8, rows * (0.3 * n_max + 1.3)))
    gs = fig.add_gridspec(rows, 2, width_ratios=[2.6, 1.4], left=0.02, right=0.97,
                          top=0.93, bottom=0.1, wspace=0.3, hspace=0.45)
    lines, bars = [], []
    for r, name in enumerate(names):
        net, g, d = nets[name], grads[name], norms[name]
        L = net.L
        ax_net, ax_bar = fig.add_subplot(gs[r, 0]), fig.add_subplot(gs[r, 1])
        vmax = symmetric_limit(g.delta[k][:, i] for k in range(1, L + 1))
        draw_network(net, ax_net, node_values={k: g.delta[k][:, i] for k in range(l, L + 1)},
                     node_labels={k: [""] * net.sizes[k] for k in range(L + 1)},
                     highlight_layer=l, edge_layer=l + 1 if l < L else None, vmax=vmax,
                     node_size=160)
        draw_delta_norms(d, ax_bar, current=l, log=True, ylim=ylim)
        ax_net.set_title(name, fontsize=11, loc="left")
        lines.append(t("{name}：‖{d}‖ = {norm}，‖{d}‖ / ‖δ⁽ᴸ⁾‖ = {ratio}", name=name,
                       d=layer("δ", l), norm=fmt(d[l]), ratio=fmt(d[l] / d[L])))
        bars.append(t("{name} 的 ‖δ⁽¹⁾‖ … ‖{d_L}‖ = {norms}", name=name, d_L=layer("δ", L),
                      norms=vec_text([d[k] for k in sorted(d)])))
    alt = t("{names} 网络各一行：第 {l} 层高亮，节点颜色表示 {d}（越浅越接近 0）；"
            "右侧柱状图为对数坐标下各层的 ‖δ⁽ˡ⁾‖（整批）：{bars}。",
            names=listing(names), l=l, d=layer("δ", l), bars=listing(bars, style="clauses"))
    heading = f"l = {l}"
    summary = t("第 3 步 误差反向传播，l = {l}：{lines}。", l=l,
                lines=listing(lines, style="clauses"))
    return P.panel(heading, [P.img(fig, alt, dpi), *[f"<div>{x}</div>" for x in lines]],
                   data={"summary": summary})


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
                    label=t("层"), interval=interval, slider_id="forward",
                    readouts=[f"l = {l}" for l in range(net.L + 1)])
    s.trace, s.J, s.example = trace, J, i
    return s


def _delta_data(net, X, Y, loss, i, dpi):
    trace = forward(net, X)
    grads = backward(net, trace, Y, loss)
    Y = checks.targets(net, Y, X.shape[1], loss)
    norms = {l: float(np.linalg.norm(grads.delta[l])) for l in range(1, net.L + 1)}
    vmax = symmetric_limit(grads.delta[l][:, i] for l in norms)
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
    s = PanelSlider(panels, layers, values, label=t("层"), interval=interval, extras=extras,
                    readouts=[f"l = {l}" for l in layers], slider_id="delta")
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
    row = widgets.VBox([widgets.HTML(P.live_note()),
                        widgets.HBox([widgets.HTML("σ (hidden)&nbsp;"), choice,
                                      widgets.HTML("&nbsp;seed&nbsp;"), seed, button])])
    row.add_class("bp-live-only")  # hidden in the static book, where it cannot run
    return [row]


class DeltaCompare(PanelSlider):
    """The δ slider of several networks of the same depth, one row each.

    Like :class:`~bpcore.widgets.slider.PanelSlider` (``slider``, ``play``, ``stack``, ``links``,
    ``layers`` = [L, …, 1]), plus ``names``, ``norms`` {name: {l: ‖δ⁽ˡ⁾‖}}
    and ``grads`` {name: Gradients}; ``values[k]`` is {name: δ⁽ˡ⁾[:, i]}.
    """

    def __init__(self, nets: Mapping[str, Network], X, Y, loss: str = "mse", *,
                 example: int = 0, dpi: int = 80, interval: int = 1200):
        Ls = {net.L for net in nets.values()}
        if len(Ls) != 1:
            raise ValueError(f"the networks to compare must have the same depth L, "
                             f"got {sorted(Ls)}")
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
        super().__init__(panels, layers, values, label=t("层"), interval=interval,
                         readouts=[f"l = {l}" for l in layers], slider_id="compare")
        self.names, self.norms, self.grads, self.example = names, norms, grads, i

    def ratio(self, name: str) -> float:
        """‖δ⁽¹⁾‖ / ‖δ⁽ᴸ⁾‖ for network ``name``: how much of the error signal
        reaches the first layer."""
        d = self.norms[name]
        return d[1] / d[max(d)]


def delta_compare(nets: Mapping[str, Network], X, Y, loss: str = "mse", *, example: int = 0,
                  dpi: int = 80, interval: int = 1200) -> DeltaCompare:
    """The δ slider on several networks of the same depth at once, e.g.
    ``{"sigmoid": deep_sigmoid, "relu": deep_relu}`` (vanishing gradients,
    chapter 3); one slider steps all of them, and the ‖δ⁽ˡ⁾‖ bar charts share
    one log axis so the shrinking can be compared. Nodes show example
    ``example`` (column i); ``interval`` is Play's milliseconds per panel."""
    return DeltaCompare(nets, X, Y, loss, example=example, dpi=dpi, interval=interval)
