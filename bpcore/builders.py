"""The HTML of one slider panel (used by :mod:`bpcore.widgets`).

Each function draws one figure with :mod:`bpcore.viz` and writes the
equation of its step with the numbers of one example (column i). They only
*display* numbers already computed by ``forward`` / ``backward``; the
factors shown next to them (σ′(z⁽ˡ⁾), (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾, ∂J/∂ŷ) are the
same activation and loss functions the steps use.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import losses
from . import panels as P
from .equations import number
from .panels import sub, sup
from .viz import draw_delta_norms, draw_network, fmt


def _note(trace, i: int) -> str:
    m = trace.a[0].shape[1]
    return f"显示第 i = {i} 个样本（共 m = {m} 个）。" if m > 1 else ""


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
        labels = {l: [f"{fmt(zj)}\n{fmt(aj)}" for zj, aj in zip(z, a[l])]}
        fig.text(0.02, 0.97, P.instantiate("eq-forward-z", l, L), fontsize=12, va="top")
        fig.text(0.02, 0.885, P.instantiate("eq-forward-a", l, L), fontsize=12, va="top")
    else:
        fig.text(0.02, 0.95, r"$a^{(0)} = x$", fontsize=12, va="top")
    draw_network(net, ax, node_values=a, node_labels=labels, highlight_layer=l,
                 edge_layer=l if l >= 1 else None, node_size=1300 if l >= 1 else None,
                 layer_titles={l: rf"$z^{{({l})}}$ / $a^{{({l})}}$"} if l >= 1 else {0: "$x$"})
    alt = (f"网络示意图：第 {l} 层高亮，节点上写着 " + ("z 和 a 的值" if l else "输入 x 的值")
           + "；连线红色为正权重、蓝色为负权重，粗细表示 |w|。")
    body = [P.img(fig, alt, dpi)]
    if l == 0:
        heading = "l = 0：输入层，a⁽⁰⁾ = x"
        body.append(P.row(P.vector(a[0], "a⁽⁰⁾ = x")))
    else:
        Wl, bl = net.W[l], net.b[l][:, 0]
        name = net.sigma[l].name
        heading = (f"l = {l}：计算第 {l} 层，z{sup(f'({l})')} = W{sup(f'({l})')}a{sup(f'({l-1})')}"
                   f" + b{sup(f'({l})')}（式 {number('eq-forward-z')}），a{sup(f'({l})')} = "
                   f"σ{sub(l)}(z{sup(f'({l})')})（式 {number('eq-forward-a')}，σ{sub(l)} = {name}）")
        body.append(P.row(P.matrix(Wl, f"W{sup(f'({l})')}"), P.vector(a[l - 1], f"a{sup(f'({l-1})')}"),
                          P.op("+"), P.vector(bl, f"b{sup(f'({l})')}"), P.op("="),
                          P.vector(trace.z[l][:, i], f"z{sup(f'({l})')}"), P.op("→"),
                          P.vector(a[l], f"a{sup(f'({l})')} = {name}(z{sup(f'({l})')})")))
        if l == L and J is not None:
            eq = number("eq-loss-mse" if loss == "mse" else "eq-loss-ce")
            body.append(f'<div style="font-size:110%">ŷ = a{sup("(L)")}；整批的损失 '
                        f'J = {fmt(J, 4)}（式 {eq}，{loss}）</div>')
    return P.panel(heading, body, _note(trace, i))


def delta_panel(net, trace, grads, Y, loss, l: int, i: int, norms, vmax, *, dpi=90) -> str:
    """Panel for δ⁽ˡ⁾: equation 2.1/2.2 (l = L) or 3.1 (l < L) with numbers."""
    L, delta = net.L, grads.delta
    label = "eq-delta-l" if l < L else ("eq-delta-out-softmax" if loss == "cross_entropy" else "eq-delta-out")
    fig = plt.figure(figsize=(7.8, 0.55 * max(net.sizes) + 2.0))
    gs = fig.add_gridspec(1, 2, width_ratios=[3.1, 1.25], left=0.02, right=0.97,
                          top=0.84, bottom=0.14, wspace=0.28)
    ax_net, ax_bar = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    fig.text(0.02, 0.97, P.instantiate(label, l, L), fontsize=13, va="top")
    draw_network(net, ax_net, node_values={k: delta[k][:, i] for k in range(l, L + 1)},
                 highlight_layer=l, edge_layer=l + 1 if l < L else None, vmax=vmax,
                 layer_titles={l: rf"$\delta^{{({l})}}$"})
    draw_delta_norms(norms, ax_bar, current=l)
    alt = (f"左：网络示意图，第 {l} 层高亮，节点上是 δ⁽{l}⁾ 的值（红正蓝负，颜色越深绝对值越大）"
           + (f"，W⁽{l + 1}⁾ 的连线加粗" if l < L else "") + f"；右：各层 ‖δ⁽ˡ⁾‖ 的柱状图，第 {l} 层标出。")
    body = [P.img(fig, alt, dpi)]
    d, dl = delta[l][:, i], f"δ{sup(f'({l})')}"
    if l < L:
        W, dn = net.W[l + 1], delta[l + 1][:, i]
        Wt, dnl = f"(W{sup(f'({l+1})')}){sup('T')}", f"δ{sup(f'({l+1})')}"
        sp = net.sigma[l].df(trace.z[l], trace.a[l])[:, i]
        body.append(P.row(P.matrix(W.T, Wt), P.vector(dn, dnl), P.op("="),
                          P.vector(W.T @ dn, Wt + dnl), P.op("⊙"),
                          P.vector(sp, f"σ{sub(l)}′(z{sup(f'({l})')})"), P.op("="), P.vector(d, dl)))
        heading = (f"l = {l}：δ{sup(f'({l})')} = (W{sup(f'({l+1})')}){sup('T')} δ{sup(f'({l+1})')} ⊙ "
                   f"σ{sub(l)}′(z{sup(f'({l})')})（式 {number(label)}）")
    elif loss == "cross_entropy":
        m = Y.shape[1]
        body.append(P.row(P.op(f"1/m = 1/{m}  ×  ("), P.vector(trace.y_hat[:, i], "ŷ"), P.op("−"),
                          P.vector(Y[:, i], "y"), P.op(")  ="), P.vector(d, dl)))
        heading = f"l = L = {L}：输出层误差 δ{sup('(L)')} = (ŷ − y)/m（式 {number(label)}）"
    else:
        dJ = losses.mse_grad(Y, trace.y_hat)[:, i]
        sp = net.sigma[L].df(trace.z[L], trace.a[L])[:, i]
        body.append(P.row(P.vector(dJ, "∂J/∂ŷ = (ŷ − y)/m"), P.op("⊙"),
                          P.vector(sp, f"σ{sub(L)}′(z{sup(f'({L})')})"), P.op("="), P.vector(d, dl)))
        heading = (f"l = L = {L}：输出层误差 δ{sup('(L)')} = ∂J/∂ŷ ⊙ σ{sub('L')}′(z{sup('(L)')})"
                   f"（式 {number(label)}）")
    norm_note = f"‖δ{sup(f'({l})')}‖ = {fmt(norms[l])}（整批）。"
    return P.panel(heading, body, norm_note + _note(trace, i))


def compare_panel(nets, grads, norms, l: int, i: int, ylim, *, dpi=80) -> str:
    """One step of :class:`bpcore.widgets.DeltaCompare`: a row per network
    (name → net), colours only on the nodes, the ‖δ⁽ˡ⁾‖ bars on one shared
    log axis."""
    names = list(nets)
    rows = len(names)
    n_max = max(max(net.sizes) for net in nets.values())
    fig = plt.figure(figsize=(7.8, rows * (0.3 * n_max + 1.3)))
    gs = fig.add_gridspec(rows, 2, width_ratios=[2.6, 1.4], left=0.02, right=0.97,
                          top=0.93, bottom=0.1, wspace=0.3, hspace=0.45)
    lines = []
    for r, name in enumerate(names):
        net, g, d = nets[name], grads[name], norms[name]
        L = net.L
        ax_net, ax_bar = fig.add_subplot(gs[r, 0]), fig.add_subplot(gs[r, 1])
        vmax = max(float(np.max(np.abs(g.delta[k][:, i]))) for k in range(1, L + 1)) or 1.0
        draw_network(net, ax_net, node_values={k: g.delta[k][:, i] for k in range(l, L + 1)},
                     node_labels={k: [""] * net.sizes[k] for k in range(L + 1)},
                     highlight_layer=l, edge_layer=l + 1 if l < L else None, vmax=vmax,
                     node_size=160)
        draw_delta_norms(d, ax_bar, current=l, log=True, ylim=ylim)
        ax_net.set_title(name, fontsize=11, loc="left")
        lines.append(f"{name}：‖δ{sup(f'({l})')}‖ = {fmt(d[l])}，"
                     f"‖δ{sup(f'({l})')}‖ / ‖δ{sup('(L)')}‖ = {fmt(d[l] / d[L])}")
    alt = (f"{'、'.join(names)} 网络各一行：第 {l} 层高亮，节点颜色表示 δ⁽{l}⁾"
           f"（越浅越接近 0）；右侧柱状图为对数坐标下各层的 ‖δ⁽ˡ⁾‖。")
    heading = f"l = {l}"
    return P.panel(heading, [P.img(fig, alt, dpi), *[f"<div>{x}</div>" for x in lines]])
