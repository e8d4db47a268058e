"""The picture of one explorer frame: a figure and the numbers, as HTML.

The figure (matplotlib, no Chinese: symbols only) holds the frame's equation
with its number from :mod:`bpcore.equations`, the network with the active
layer highlighted and its values on the nodes (example i), and the loss
curve J per iteration below it, growing as the iterations go, the current
point marked. Beside it, HTML with the same equation written out with the
frame's numbers (Unicode, no MathJax: widgets of a static page cannot
typeset), a progress bar of the five steps and a question for the class.
Font sizes are for a projector (24 px base, nothing under 20 px).
"""
from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np

from ...equations import latex, number
from ...viz.network import draw_network
from ...viz.style import (
    ACCENT,
    CALLOUT,
    CURRENT,
    INK,
    fmt,
    layer,
    mathtext,
    sub,
    sup,
    symmetric_limit,
)
from .. import html as P
from ..rows import delta_terms, forward_terms, row_each
from ..slider import mat_text, vec_text
from .frames import Frame, Kind, Run

FONT_PX = 24          # the frame's base font size in HTML (labels are 85 % of it)
STEPS = ("① 正向传播与损失", "② 输出层误差", "③ 反向传播误差", "④ 参数梯度", "⑤ 更新参数")


def _known_losses(run: Run, f: Frame) -> int:
    """How many points of the loss curve exist at frame f."""
    return f.iteration + (0 if f.kind is Kind.FORWARD else 1)


def figure(run: Run, k: int, i: int = 0):
    """The matplotlib figure of frame k (example i on the nodes)."""
    f, T = run.frames[k], len(run.iterations)
    it = run.iterations[min(f.iteration, T - 1)]
    net, L = it.net, it.net.L
    labels = f.kind.equations(f.layer, L, run.loss)
    fig = plt.figure(figsize=(8.0, 6.4))
    for j, lab in enumerate(labels):
        tex = (mathtext(latex(lab)) + f"$\\quad ({number(lab)})$" if f.kind is Kind.UPDATE
               else P.instantiate(lab, f.layer or L, L))
        fig.text(0.02, 0.975 - 0.085 * j, tex, fontsize=17, va="top")
    top = 0.975 - 0.085 * len(labels) - 0.01
    ax = fig.add_axes([0.01, 0.27, 0.98, top - 0.27])
    kw = dict(fontsize=11.5, node_size=3500)
    tr, l = it.trace, f.layer
    if f.kind is Kind.FORWARD:
        draw_network(net, ax, node_values={q: tr.a[q][:, i] for q in range(l + 1)},
                     node_labels={l: [f"{fmt(z)}\n{fmt(a)}"
                                      for z, a in zip(tr.z[l][:, i], tr.a[l][:, i], strict=True)]},
                     highlight_layer=l, edge_layer=l,
                     layer_titles={0: "$x$", l: rf"$z^{{({l})}}$ / $a^{{({l})}}$"}, **kw)
    elif f.kind is Kind.LOSS:
        y = run.Y[:, i]
        draw_network(net, ax, node_values={q: tr.a[q][:, i] for q in range(L + 1)},
                     node_labels={L: [f"{fmt(a)}\ny={fmt(v)}"
                                      for a, v in zip(tr.a[L][:, i], y, strict=True)]},
                     highlight_layer=L, layer_titles={L: r"$\hat{y}$ / $y$"}, **kw)
    elif f.kind is Kind.DELTA:
        vmax = symmetric_limit(it.delta[q][:, i] for q in it.delta)
        draw_network(net, ax, node_values={q: it.delta[q][:, i] for q in range(l, L + 1)},
                     highlight_layer=l, edge_layer=l + 1 if l < L else None, vmax=vmax,
                     layer_titles={l: rf"$\delta^{{({l})}}$"}, **kw)
    elif f.kind is Kind.GRAD:
        draw_network(net, ax, node_values={l - 1: tr.a[l - 1][:, i], l: it.delta[l][:, i]},
                     highlight_layer=l, edge_layer=l,
                     layer_titles={l - 1: rf"$a^{{({l - 1})}}$", l: rf"$\delta^{{({l})}}$"}, **kw)
    else:   # update, result: the network after the update(s)
        after = run.iterations[f.iteration + 1].net if f.iteration + 1 < T else run.final
        draw_network(after, ax, show_weights=True, **kw)
    _loss_curve(fig.add_axes([0.11, 0.09, 0.86, 0.14]), run, f)
    return fig


def _loss_curve(ax, run: Run, f: Frame) -> None:
    T, n = len(run.iterations), _known_losses(run, f)
    Js = np.asarray(run.losses, dtype=float)
    lo, hi = np.nanmin(Js), np.nanmax(Js)
    pad = 0.12 * (hi - lo) or 0.05 * abs(hi) or 0.05
    ax.plot(range(n), Js[:n], "-o", color=ACCENT, lw=2, ms=6)
    if f.kind is Kind.FORWARD:
        ax.axvline(n, color=CURRENT, ls="--", lw=2)
    else:
        ax.plot([n - 1], [Js[n - 1]], "o", ms=13, color=CURRENT, mec="black", zorder=5)
        ax.annotate(f"$J = {fmt(Js[n - 1], 4)}$", (n - 1, Js[n - 1]), xytext=(14, 0),
                    textcoords="offset points", va="center", fontsize=14, color=INK)
    ax.set_xlim(-0.4, T + 0.4)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_xticks(range(T + 1))
    ax.set_xlabel("updates done", fontsize=12)
    ax.set_ylabel("$J$", fontsize=15, rotation=0, labelpad=12)
    ax.tick_params(labelsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(True, alpha=0.3)


def _iteration(run: Run, f: Frame):
    return run.iterations[min(f.iteration, len(run.iterations) - 1)]


def _biggest_change(v: dict) -> tuple[int, int, int]:
    """(l, j, k) of the weight W⁽ˡ⁾_jk that an update frame changes most."""
    q, (j, c) = max(((q, np.unravel_index(np.argmax(np.abs(v["dW"][q])), v["dW"][q].shape))
                     for q in v["dW"]), key=lambda p: abs(v["dW"][p[0]][p[1]]))
    return q, j, c


def numbers_text(run: Run, f: Frame, i: int = 0) -> str:
    """The key numbers of frame ``f`` in words, as the frame prints them
    (example i on the nodes; J, gradients and the update for the whole batch)."""
    it, l, T = _iteration(run, f), f.layer, len(run.iterations)
    ex = f"第 i = {i} 个样本"
    if f.kind is Kind.FORWARD:
        return (f"{layer('z', l)} = {vec_text(it.trace.z[l][:, i])}，"
                f"{layer('a', l)} = {vec_text(it.trace.a[l][:, i])}（{ex}）")
    if f.kind is Kind.LOSS:
        return f"J = {fmt(f.values['J'], 4)}（{run.loss}，整批 m = {run.Y.shape[1]}）"
    if f.kind is Kind.DELTA:
        return f"{layer('δ', l)} = {vec_text(it.delta[l][:, i])}（{ex}）"
    if f.kind is Kind.GRAD:
        return (f"∂J/∂{layer('W', l)} = {mat_text(f.values['dW'])}，"
                f"∂J/∂{layer('b', l)} = {vec_text(f.values['db'])}（整批）")
    if f.kind is Kind.UPDATE:
        v = f.values
        q, j, c = _biggest_change(v)
        return (f"变化最大的权重 {layer('W', q)}{sub(j + 1)}{sub(c + 1)}："
                f"{fmt(v['W_before'][q][j, c])} → {fmt(v['W_after'][q][j, c])}")
    J = f.values["J"]
    return f"{T} 次更新之后 J = {fmt(J, 4)}（开始时 {fmt(run.losses[0], 4)}）"


def frame_name(run: Run, k: int) -> str:
    """What the explorer's slider says at frame k (``aria-valuetext``), e.g.
    "第 9 帧：第 2 次迭代，正向传播 l = 2"."""
    f, L = run.frames[k], run.iterations[0].net.L
    if f.kind is Kind.RESULT:
        return f"第 {k} 帧：{len(run.iterations)} 次迭代之后的结果"
    l = f.layer
    what = {Kind.FORWARD: f"正向传播 l = {l}", Kind.LOSS: "损失 J",
            Kind.DELTA: (f"输出层误差 {layer('δ', l)}" if l == L
                         else f"反向传播 {layer('δ', l)}"),
            Kind.GRAD: f"参数梯度 l = {l}", Kind.UPDATE: "更新参数"}[f.kind]
    return f"第 {k} 帧：第 {f.iteration + 1} 次迭代，{what}"


def summary(run: Run, k: int, i: int = 0) -> str:
    """The short text a screen reader hears when the explorer shows frame k:
    the heading (iteration, step, layer, equations) and the key numbers."""
    f = run.frames[k]
    return f"{_heading(run, f)}：{numbers_text(run, f, i)}。"


def alt_text(run: Run, f: Frame, i: int = 0) -> str:
    """Chinese alt text of the figure of frame ``f``, with its numbers."""
    l = f.layer
    what = {Kind.FORWARD: f"第 {l} 层高亮，节点上写着 {layer('z', l)} 和 {layer('a', l)} 的值"
                          f"（第一行 z，第二行 a）",
            Kind.LOSS: "输出层高亮，节点上写着预测 ŷ 和目标 y",
            Kind.DELTA: f"第 {l} 层高亮，节点上是误差项 {layer('δ', l)}"
                        f"（红正蓝负，颜色越深绝对值越大）",
            Kind.GRAD: f"第 {l - 1 if l else 0} 层的 a 和第 {l} 层的 δ 写在节点上，"
                       f"{layer('W', l)} 的连线加粗",
            Kind.UPDATE: "更新之后的网络，连线粗细表示新的权重大小",
            Kind.RESULT: "最后一次更新之后的网络"}[f.kind]
    n = _known_losses(run, f)
    known = f"已算出的 J = {vec_text(run.losses[:n])}" if n else "还没有算出 J"
    return (f"上方是本帧的公式，中间是网络示意图：{what}；连线红色为正权重、蓝色为负权重。"
            f"本帧的数值：{numbers_text(run, f, i)}。"
            f"下方是损失 J 随更新次数变化的折线（{known}），当前的点用橙色标出。")


def _rows(run: Run, f: Frame, i: int) -> list[str]:
    """The equation of frame f written out with its numbers (HTML)."""
    T = len(run.iterations)
    it = run.iterations[min(f.iteration, T - 1)]
    net, L, l, tr = it.net, it.net.L, f.layer, it.trace
    V, M, op, row = P.vector, P.matrix, P.op, P.row
    if f.kind is Kind.FORWARD:
        return row_each(forward_terms(net, tr, l, i))
    if f.kind in (Kind.LOSS, Kind.RESULT):
        J = f.values["J"]
        if f.kind is Kind.RESULT:
            change = (J - run.losses[0]) / run.losses[0] * 100 if run.losses[0] else 0.0
            return [f"<div>{T} 次更新之后：J = {fmt(J, 4)}（开始时 {fmt(run.losses[0], 4)}，"
                    f"变化 {fmt(change, 3)}%），学习率 η = {fmt(run.lr)}。</div>"]
        return [row(M(tr.a[L], "ŷ（整批）"), M(run.Y, "y")),
                f"<div style='font-size:1.15em'>J = <b>{fmt(J, 4)}</b>"
                f"（{run.loss}，整批 m = {run.Y.shape[1]}）</div>"]
    if f.kind is Kind.DELTA:
        return row_each(delta_terms(net, tr, it.delta, run.Y, run.loss, l, i))
    if f.kind is Kind.GRAD:
        return [row(M(it.delta[l], f"{layer('δ', l)}（整批）"),
                    M(tr.a[l - 1].T, f"({layer('a', l - 1)}){sup('T')}"),
                    op("="), M(f.values["dW"], f"∂J/∂{layer('W', l)}")),
                row(op("Σ 各列"), M(it.delta[l], layer("δ", l)), op("="),
                    V(f.values["db"][:, 0], f"∂J/∂{layer('b', l)}"))]
    v, eta = f.values, fmt(run.lr)
    out = []
    for q in sorted(v["W_before"]):
        # W and b on rows of their own: each fits a projector's width on one line
        out.append(row(M(v["W_before"][q], layer("W", q)), op(f"− {eta} ×"),
                       M(v["dW"][q], f"∂J/∂{layer('W', q)}"),
                       op("="), M(v["W_after"][q], f"新 {layer('W', q)}")))
        out.append(row(V(v["b_before"][q][:, 0], layer("b", q)), op(f"− {eta} ×"),
                       V(v["db"][q][:, 0], f"∂J/∂{layer('b', q)}"), op("="),
                       V(v["b_after"][q][:, 0], f"新 {layer('b', q)}")))
    q, j, c = _biggest_change(v)
    out.append(f"<div>变化最大的权重：{layer('W', q)}{sub(j + 1)}{sub(c + 1)}，"
               f"{fmt(v['W_before'][q][j, c])} → {fmt(v['W_after'][q][j, c])}。</div>")
    return out


def _heading(run: Run, f: Frame) -> str:
    L = run.iterations[0].net.L
    T = len(run.iterations)
    where = {Kind.FORWARD: f"正向传播，第 l = {f.layer} 层", Kind.LOSS: "损失 J",
             Kind.DELTA: f"误差项 δ，第 l = {f.layer} 层",
             Kind.GRAD: f"参数梯度，第 l = {f.layer} 层",
             Kind.UPDATE: f"更新参数（η = {fmt(run.lr)}）", Kind.RESULT: f"{T} 次迭代之后"}[f.kind]
    it = "" if f.kind is Kind.RESULT else f"第 {f.iteration + 1} / {T} 次迭代 · "
    eqs = "、".join(number(x) for x in f.kind.equations(f.layer, L, run.loss))
    return f"{it}{where}（式 {eqs}）"


def _progress(step: int | None) -> str:
    cells = []
    for s, name in enumerate(STEPS, start=1):
        on = s == step
        cells.append(f'<span style="padding:2px 10px;margin:0 4px 4px 0;border-radius:6px;'
                     f'display:inline-block;border:2px solid {ACCENT};'
                     f'background:{ACCENT if on else "#fff"};color:{"#fff" if on else ACCENT};'
                     f'font-weight:{"bold" if on else "normal"}">{name}</span>')
    return (f'<div class="bp-frame-extra" style="font-size:0.85em;margin:4px 0">'
            f'{"".join(cells)}</div>')


def question(run: Run, k: int) -> str:
    """What to ask the class before showing frame k + 1 (Chinese)."""
    if k + 1 >= len(run.frames):
        return "回顾：J 一直在下降吗？如果把学习率 η 调大十倍，这条曲线会怎样？"
    f, L = run.frames[k + 1], run.iterations[0].net.L
    l = f.layer
    if f.kind is Kind.FORWARD:
        new = "新的一次迭代：参数已更新，J 会比上一次小吗？" if l == 1 and f.iteration > 0 else ""
        return new + f"下一帧算 {layer('z', l)}：先猜它的符号和大小（看连线的颜色和粗细）。"
    return {Kind.LOSS: "下一帧算损失 J：ŷ 离 y 近吗？J 大约是多少？",
            Kind.DELTA: (f"下一帧是输出层误差 {layer('δ', L)}：它是正还是负？"
                         f"（ŷ 比 y 大还是小？）" if l == L else
                         f"下一帧把误差传回第 {l} 层：{layer('δ', l)} 的符号由什么决定？"
                         f"哪个神经元的误差最大？"),
            Kind.GRAD: f"下一帧算 ∂J/∂{layer('W', l)}：哪一条连线的权重会变得最多？",
            Kind.UPDATE: "下一帧更新参数：每个权重往哪个方向变？η 大十倍会怎样？",
            Kind.RESULT: "下一帧看几次迭代之后的损失：J 降了多少？"}[f.kind]


def frame_html(run: Run, k: int, i: int = 0, dpi: int = 90) -> str:
    """The whole frame k as one block of HTML (all styles inline)."""
    f, L = run.frames[k], run.iterations[0].net.L
    m = run.X.shape[1]
    img = P.img(figure(run, k, i), alt_text(run, f, i), dpi).replace(
        "max-width:100%;height:auto", "width:100%;height:auto")
    note = f"节点上显示第 i = {i} 个样本（共 m = {m} 个）；J 和梯度用整批计算。"
    return (f'<div class="bp-frame" data-summary="{html.escape(summary(run, k, i))}" '
            f'style="font-size:{FONT_PX}px;line-height:1.3;color:{INK};'
            f'background:#fff;padding:6px 8px;width:100%;box-sizing:border-box">'
            f'<div class="bp-heading" style="font-weight:bold;font-size:1.1em">'
            f'{html.escape(_heading(run, f))}</div>'
            f'{_progress(f.kind.step(f.layer, L))}'
            f'<div class="bp-frame-body" style="display:flex;flex-wrap:wrap;gap:12px;'
            f'align-items:flex-start">'
            f'<div class="bp-frame-figure" style="flex:1 1 480px;min-width:0">{img}</div>'
            f'<div class="bp-frame-numbers" style="flex:1 1 420px;min-width:0">'
            f'{"".join(_rows(run, f, i))}'
            f'<div class="bp-frame-extra" style="margin-top:10px;padding:6px 10px;'
            f'border-left:6px solid {CURRENT};background:{CALLOUT}">'
            f'<b>问全班：</b>{html.escape(question(run, k))}</div>'
            f'<div style="font-size:0.85em;color:#333;margin-top:6px">{html.escape(note)}</div>'
            f'</div></div></div>')
