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
from ...i18n import listing, t
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


def steps() -> tuple[str, ...]:
    """The names of the five steps on the frames' progress bar."""
    return (t("① 正向传播与损失"), t("② 输出层误差"), t("③ 反向传播误差"), t("④ 参数梯度"),
            t("⑤ 更新参数"))


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
    if f.kind is Kind.FORWARD:
        return t("{z} = {z_i}，{a} = {a_i}（第 i = {i} 个样本）",
                 z=layer("z", l), z_i=vec_text(it.trace.z[l][:, i]),
                 a=layer("a", l), a_i=vec_text(it.trace.a[l][:, i]), i=i)
    if f.kind is Kind.LOSS:
        return t("J = {J}（{loss}，整批 m = {m}）",
                 J=fmt(f.values["J"], 4), loss=run.loss, m=run.Y.shape[1])
    if f.kind is Kind.DELTA:
        return t("{d} = {d_i}（第 i = {i} 个样本）",
                 d=layer("δ", l), d_i=vec_text(it.delta[l][:, i]), i=i)
    if f.kind is Kind.GRAD:
        return t("∂J/∂{W} = {dW}，∂J/∂{b} = {db}（整批）", W=layer("W", l),
                 dW=mat_text(f.values["dW"]), b=layer("b", l), db=vec_text(f.values["db"]))
    if f.kind is Kind.UPDATE:
        v = f.values
        q, j, c = _biggest_change(v)
        return t("变化最大的权重 {w}：{before} → {after}",
                 w=f"{layer('W', q)}{sub(j + 1)}{sub(c + 1)}",
                 before=fmt(v["W_before"][q][j, c]), after=fmt(v["W_after"][q][j, c]))
    return t("{T} 次更新之后 J = {J}（开始时 {J0}）",
             T=T, J=fmt(f.values["J"], 4), J0=fmt(run.losses[0], 4))


def frame_name(run: Run, k: int) -> str:
    """What the explorer's slider says at frame k (``aria-valuetext``), e.g.
    "Frame 9: iteration 2, forward pass l = 2" in English."""
    f, L = run.frames[k], run.iterations[0].net.L
    if f.kind is Kind.RESULT:
        return t("第 {k} 帧：{T} 次迭代之后的结果", k=k, T=len(run.iterations))
    l = f.layer
    if f.kind is Kind.FORWARD:
        what = t("正向传播 l = {l}", l=l)
    elif f.kind is Kind.LOSS:
        what = t("损失 J")
    elif f.kind is Kind.DELTA:
        what = (t("输出层误差 {d}", d=layer("δ", l)) if l == L
                else t("反向传播 {d}", d=layer("δ", l)))
    elif f.kind is Kind.GRAD:
        what = t("参数梯度 l = {l}", l=l)
    else:
        what = t("更新参数")
    return t("第 {k} 帧：第 {it} 次迭代，{what}", k=k, it=f.iteration + 1, what=what)


def summary(run: Run, k: int, i: int = 0) -> str:
    """The short text a screen reader hears when the explorer shows frame k:
    the heading (iteration, step, layer, equations) and the key numbers."""
    f = run.frames[k]
    return t("{heading}：{numbers}。", heading=_heading(run, f), numbers=numbers_text(run, f, i))


def alt_text(run: Run, f: Frame, i: int = 0) -> str:
    """The alt text of the figure of frame ``f``, with its numbers."""
    l = f.layer
    if f.kind is Kind.FORWARD:
        what = t("第 {l} 层高亮，节点上写着 {z} 和 {a} 的值（第一行 z，第二行 a）",
                 l=l, z=layer("z", l), a=layer("a", l))
    elif f.kind is Kind.LOSS:
        what = t("输出层高亮，节点上写着预测 ŷ 和目标 y")
    elif f.kind is Kind.DELTA:
        what = t("第 {l} 层高亮，节点上是误差项 {d}（红正蓝负，颜色越深绝对值越大）",
                 l=l, d=layer("δ", l))
    elif f.kind is Kind.GRAD:
        what = t("第 {l_prev} 层的 a 和第 {l} 层的 δ 写在节点上，{W} 的连线加粗",
                 l_prev=l - 1 if l else 0, l=l, W=layer("W", l))
    elif f.kind is Kind.UPDATE:
        what = t("更新之后的网络，连线粗细表示新的权重大小")
    else:
        what = t("最后一次更新之后的网络")
    n = _known_losses(run, f)
    known = t("已算出的 J = {J}", J=vec_text(run.losses[:n])) if n else t("还没有算出 J")
    return t("上方是本帧的公式，中间是网络示意图：{what}；连线红色为正权重、蓝色为负权重。"
             "本帧的数值：{numbers}。下方是损失 J 随更新次数变化的折线（{known}），"
             "当前的点用橙色标出。", what=what, numbers=numbers_text(run, f, i), known=known)


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
            return ["<div>" + t("{T} 次更新之后：J = {J}（开始时 {J0}，变化 {change}%），"
                                "学习率 η = {lr}。", T=T, J=fmt(J, 4), J0=fmt(run.losses[0], 4),
                                change=fmt(change, 3), lr=fmt(run.lr)) + "</div>"]
        return [row(M(tr.a[L], t("ŷ（整批）")), M(run.Y, "y")),
                "<div style='font-size:1.15em'>"
                + t("J = <b>{J}</b>（{loss}，整批 m = {m}）", J=fmt(J, 4), loss=run.loss,
                    m=run.Y.shape[1]) + "</div>"]
    if f.kind is Kind.DELTA:
        return row_each(delta_terms(net, tr, it.delta, run.Y, run.loss, l, i))
    if f.kind is Kind.GRAD:
        return [row(M(it.delta[l], t("{d}（整批）", d=layer("δ", l))),
                    M(tr.a[l - 1].T, f"({layer('a', l - 1)}){sup('T')}"),
                    op("="), M(f.values["dW"], f"∂J/∂{layer('W', l)}")),
                row(op(t("Σ 各列")), M(it.delta[l], layer("δ", l)), op("="),
                    V(f.values["db"][:, 0], f"∂J/∂{layer('b', l)}"))]
    v, eta = f.values, fmt(run.lr)
    out = []
    for q in sorted(v["W_before"]):
        # W and b on rows of their own: each fits a projector's width on one line
        out.append(row(M(v["W_before"][q], layer("W", q)), op(f"− {eta} ×"),
                       M(v["dW"][q], f"∂J/∂{layer('W', q)}"),
                       op("="), M(v["W_after"][q], t("新 {name}", name=layer("W", q)))))
        out.append(row(V(v["b_before"][q][:, 0], layer("b", q)), op(f"− {eta} ×"),
                       V(v["db"][q][:, 0], f"∂J/∂{layer('b', q)}"), op("="),
                       V(v["b_after"][q][:, 0], t("新 {name}", name=layer("b", q)))))
    q, j, c = _biggest_change(v)
    out.append("<div>" + t("变化最大的权重：{w}，{before} → {after}。",
                           w=f"{layer('W', q)}{sub(j + 1)}{sub(c + 1)}",
                           before=fmt(v["W_before"][q][j, c]),
                           after=fmt(v["W_after"][q][j, c])) + "</div>")
    return out


def _heading(run: Run, f: Frame) -> str:
    L = run.iterations[0].net.L
    T = len(run.iterations)
    eqs = listing(number(x) for x in f.kind.equations(f.layer, L, run.loss))
    if f.kind is Kind.RESULT:
        return t("{T} 次迭代之后（式 {eqs}）", T=T, eqs=eqs)
    if f.kind is Kind.FORWARD:
        where = t("正向传播，第 l = {l} 层", l=f.layer)
    elif f.kind is Kind.LOSS:
        where = t("损失 J")
    elif f.kind is Kind.DELTA:
        where = t("误差项 δ，第 l = {l} 层", l=f.layer)
    elif f.kind is Kind.GRAD:
        where = t("参数梯度，第 l = {l} 层", l=f.layer)
    else:
        where = t("更新参数（η = {lr}）", lr=fmt(run.lr))
    return t("第 {it} / {T} 次迭代 · {where}（式 {eqs}）",
             it=f.iteration + 1, T=T, where=where, eqs=eqs)


def _progress(step: int | None) -> str:
    cells = []
    for s, name in enumerate(steps(), start=1):
        on = s == step
        cells.append(f'<span style="padding:2px 10px;margin:0 4px 4px 0;border-radius:6px;'
                     f'display:inline-block;border:2px solid {ACCENT};'
                     f'background:{ACCENT if on else "#fff"};color:{"#fff" if on else ACCENT};'
                     f'font-weight:{"bold" if on else "normal"}">{name}</span>')
    return (f'<div class="bp-frame-extra" style="font-size:0.85em;margin:4px 0">'
            f'{"".join(cells)}</div>')


def question(run: Run, k: int) -> str:
    """What to ask the class before showing frame k + 1."""
    if k + 1 >= len(run.frames):
        return t("回顾：J 一直在下降吗？如果把学习率 η 调大十倍，这条曲线会怎样？")
    f, L = run.frames[k + 1], run.iterations[0].net.L
    l = f.layer
    if f.kind is Kind.FORWARD and l == 1 and f.iteration > 0:
        return t("新的一次迭代：参数已更新，J 会比上一次小吗？"
                 "下一帧算 {z}：先猜它的符号和大小（看连线的颜色和粗细）。", z=layer("z", l))
    if f.kind is Kind.FORWARD:
        return t("下一帧算 {z}：先猜它的符号和大小（看连线的颜色和粗细）。", z=layer("z", l))
    if f.kind is Kind.LOSS:
        return t("下一帧算损失 J：ŷ 离 y 近吗？J 大约是多少？")
    if f.kind is Kind.DELTA and l == L:
        return t("下一帧是输出层误差 {d}：它是正还是负？（ŷ 比 y 大还是小？）", d=layer("δ", L))
    if f.kind is Kind.DELTA:
        return t("下一帧把误差传回第 {l} 层：{d} 的符号由什么决定？哪个神经元的误差最大？",
                 l=l, d=layer("δ", l))
    if f.kind is Kind.GRAD:
        return t("下一帧算 ∂J/∂{W}：哪一条连线的权重会变得最多？", W=layer("W", l))
    if f.kind is Kind.UPDATE:
        return t("下一帧更新参数：每个权重往哪个方向变？η 大十倍会怎样？")
    return t("下一帧看几次迭代之后的损失：J 降了多少？")


def frame_html(run: Run, k: int, i: int = 0, dpi: int = 90) -> str:
    """The whole frame k as one block of HTML (all styles inline)."""
    f, L = run.frames[k], run.iterations[0].net.L
    m = run.X.shape[1]
    img = P.img(figure(run, k, i), alt_text(run, f, i), dpi).replace(
        "max-width:100%;height:auto", "width:100%;height:auto")
    note = t("节点上显示第 i = {i} 个样本（共 m = {m} 个）；J 和梯度用整批计算。", i=i, m=m)
    ask = t("<b>问全班：</b>{question}", question=html.escape(question(run, k)))
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
            f'{ask}</div>'
            f'<div style="font-size:0.85em;color:#333;margin-top:6px">{html.escape(note)}</div>'
            f'</div></div></div>')
