"""Parameter gradients beside their finite-difference twins (chapter 4).

One panel per layer l = 1..L, precomputed and stepped by a
:class:`~bpcore.widgets.slider.PanelSlider` (works in the built HTML, no kernel):

- three heat maps of [∂J/∂W⁽ˡ⁾ | ∂J/∂b⁽ˡ⁾] — from ``backward`` (4.1, 4.2),
  from centred differences (:func:`bpcore.gradcheck.numerical_grads`), and
  their difference — on one diverging colour scale centred on 0, so a right
  gradient leaves the difference white and a wrong one shows up in colour;
- the relative error ‖g − g̃‖ / (‖g‖ + ‖g̃‖) of every layer (W⁽ˡ⁾ and b⁽ˡ⁾
  together, from :func:`bpcore.gradcheck.gradcheck_report`), log axis,
  layer l marked;
- the shapes, and the verdict (≤ ``FINE`` = 1e-7 right, ≥ ``BUG`` = 1e-3 a bug).

    from bpcore.widgets import gradient_slider
    gradient_slider(net, X, Y)                          # bpcore's backward
    gradient_slider(net, X, Y, backward=my_backward)    # check your own
"""
from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import TwoSlopeNorm

from ..equations import number
from ..gradcheck import BUG, FINE, GradcheckReport, gradcheck_report
from ..i18n import listing, t
from ..steps import Gradients
from ..steps import backward as bp_backward
from ..viz.style import BAD, CMAP, CURRENT, GOOD, OTHER, WARN, fmt, layer, symmetric_limit
from . import html as P
from .slider import PanelSlider, mat_text, vec_text

# An odd number of colour levels, 0 in the middle one: few colours survive the
# 64-colour palette of bpcore.widgets.html.png_uri (a smooth map's dark ends do not).
LEVELS = 21


def verdict(err: float) -> tuple[str, str]:
    """(verdict in words, colour) for a relative error."""
    if err <= FINE:
        return t("≤ {fine}：与数值梯度一致 ✓", fine=fmt(FINE)), GOOD
    if err >= BUG:
        return t("≥ {bug}：这一层的梯度有错 ✗", bug=fmt(BUG)), BAD
    return (t("介于 {fine} 与 {bug} 之间：可疑，换几个参数点再查", fine=fmt(FINE), bug=fmt(BUG)),
            WARN)


def _heat(ax, M, n_w: int, norm, title: str, annotate: bool) -> None:
    """[dW | db] as a heat map; a white gap line before the bias column."""
    im = ax.imshow(M, cmap=plt.get_cmap(CMAP, LEVELS), norm=norm, aspect="auto")
    ax.axvline(n_w - 0.5, color="white", lw=3)
    ax.set_xticks(range(M.shape[1]), [*map(str, range(1, n_w + 1)), "$b$"], fontsize=7)
    ax.set_yticks(range(M.shape[0]), [str(j) for j in range(1, M.shape[0] + 1)], fontsize=7)
    ax.set_title(title, fontsize=9.5)
    ax.tick_params(length=0)
    if annotate:
        for (j, k), v in np.ndenumerate(M):
            dark = abs(norm(v) - 0.5) > 0.33
            ax.text(k, j, fmt(v, 2), ha="center", va="center", fontsize=6,
                    color="white" if dark else "black")
    return im


def _errors_bar(ax, rel_err: dict[int, float], current: int) -> None:
    ls = sorted(rel_err)
    vals = [max(rel_err[l], 1e-17) for l in ls]
    colors = [CURRENT if l == current else OTHER for l in ls]
    ax.bar(ls, vals, color=colors, width=0.6)
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 10)
    ticks = [1e-12, 1e-9, 1e-6, 1e-3, 1.0]    # plain labels: mathtext is slow to draw
    ax.set_yticks(ticks, [fmt(t) for t in ticks])
    ax.minorticks_off()
    for y, c in ((FINE, GOOD), (BUG, BAD)):
        ax.axhline(y, color=c, ls="--", lw=1)
        ax.text(ls[-1] + 0.45, y, fmt(y), fontsize=7, va="bottom", ha="right", color=c)
    ax.set_xticks(ls)
    ax.set_xlabel("layer $l$", fontsize=8)
    ax.set_title("relative error", fontsize=9)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)


def gradient_panel(report: GradcheckReport, l: int, *, name: str = "backward",
                   eps: float = 1e-6, dpi: int = 80) -> str:
    """The HTML of layer l's panel (used by :func:`gradient_slider`)."""
    trace, grads, rel_err = report.trace, report.grads, report.rel_err
    dW_num, db_num = report.dW_num, report.db_num
    L, m = report.net.L, trace.a[0].shape[1]
    G = np.hstack([grads.dW[l], grads.db[l]])
    N = np.hstack([dW_num[l], db_num[l]])
    n_w = grads.dW[l].shape[1]
    vmax = symmetric_limit([G, N])
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-vmax, vmax=vmax)
    annotate = G.size <= 48
    fig = plt.figure(figsize=(9.6, 0.38 * G.shape[0] + 1.9))
    top = 1 - 0.85 / fig.get_figheight()
    gs = fig.add_gridspec(1, 4, width_ratios=[1, 1, 1, 0.06], left=0.025, right=0.775,
                          top=top, bottom=0.13, wspace=0.18)
    fig.text(0.02, 0.97, P.instantiate("eq-grad-W", l, L) + "      "
             + P.instantiate("eq-grad-b", l, L), fontsize=12, va="top")
    titles = [f"backprop: {name}", "centred differences", "difference (same scale)"]
    im = None
    for c, (M, title) in enumerate(zip([G, N, G - N], titles, strict=True)):
        im = _heat(fig.add_subplot(gs[c]), M, n_w, norm, title, annotate)
    cb = fig.colorbar(im, cax=fig.add_subplot(gs[3]))
    cb.ax.tick_params(labelsize=7)
    bar = fig.add_gridspec(1, 1, left=0.88, right=0.99, top=top, bottom=0.18)
    _errors_bar(fig.add_subplot(bar[0]), rel_err, l)
    max_diff = fmt(np.abs(G - N).max(), 2)
    W, b, d, a = layer("W", l), layer("b", l), layer("δ", l), layer("a", l - 1)
    values = (t("，图中数值 ∂J/∂{W} = {dW}、∂J/∂{b} = {db}", W=W, b=b,
                dW=mat_text(grads.dW[l]), db=vec_text(grads.db[l])) if annotate else "")
    white = t("（几乎全白）") if rel_err[l] <= FINE else t("（有明显颜色：两者不一致）")
    errors = listing(t("l = {l}：{err}", l=k, err=fmt(rel_err[k], 2)) for k in sorted(rel_err))
    alt = t("三幅同一色标的热图（红正蓝负，白色为 0）：左为 {name} 算出的 ∂J/∂{W}"
            "（最右一列是 ∂J/∂{b}{values}），中为中心差分算出的同一矩阵，"
            "右为两者之差，最大 {max_diff}{white}；最右是各层相对误差的对数柱状图（{errors}），"
            "第 {l} 层标为橙色，虚线为 {fine} 与 {bug}。",
            name=name, W=W, b=b, values=values, max_diff=max_diff, white=white, errors=errors,
            l=l, fine=fmt(FINE), bug=fmt(BUG))
    text, colour = verdict(rel_err[l])
    err = fmt(rel_err[l], 2)
    summary = t("第 4 步 参数梯度，l = {l}（反向传播函数 {name}）：相对误差 {err}，{verdict}；"
                "最大差 max|g − g̃| = {max_diff}。",
                l=l, name=name, err=err, verdict=text, max_diff=max_diff)
    shapes = t("形状：{d} 是 {n_d}×m，{a} 是 {n_a}×m（m = {m}），∂J/∂{W} = {d}({a})ᵀ 是 "
               "{n_dW}×{n_w}，与 {W} 同形；∂J/∂{b} 是 {n_db}×1。",
               d=d, a=a, W=W, b=b, m=m, n_d=trace.z[l].shape[0], n_a=trace.a[l - 1].shape[0],
               n_dW=grads.dW[l].shape[0], n_w=n_w, n_db=grads.db[l].shape[0])
    body = [P.img(fig, alt, dpi), f"<div>{shapes}</div>",
            f'<div style="color:{colour};font-weight:bold">'
            + t("第 {l} 层的相对误差 ‖g − g̃‖/(‖g‖ + ‖g̃‖) = {err}，{verdict}",
                l=l, err=err, verdict=text) + "</div>"]
    heading = t("l = {l}：∂J/∂{W} = {d}({a})ᵀ（式 {eq_W}），∂J/∂{b} = Σᵢ {d}（式 {eq_b}）；"
                "反向传播函数：{name}", l=l, W=W, b=b, d=d, a=a, name=name,
                eq_W=number("eq-grad-W"), eq_b=number("eq-grad-b"))
    note = t("最大差 max|g − g̃| = {max_diff}；数值梯度用中心差分，ε = {eps}，float64，"
             "整批 m = {m} 个样本。", max_diff=max_diff, eps=fmt(eps, 2), m=m)
    return P.panel(heading, body, note, data={"summary": summary})


def gradient_slider(net, X, Y, loss: str = "mse", *,
                    backward: Callable[..., Gradients] = bp_backward, eps: float = 1e-6,
                    dpi: int = 80, interval: int = 1800) -> PanelSlider:
    """Step 4 checked layer by layer: panel k shows layer l = k + 1.

    ``backward(net, trace, Y, loss)`` gives ∂J/∂W⁽ˡ⁾ and ∂J/∂b⁽ˡ⁾ (bpcore's,
    or one of your own to check); :func:`bpcore.gradcheck.numerical_grads`
    gives their centred-difference twins. Both run once, on a float64 copy
    of ``net``, in :func:`bpcore.gradcheck.gradcheck_report`. X is (n_0, m),
    Y is (n_L, m).

    ``.layers`` is [1, …, L]; ``.values[k]`` is the data of layer l =
    layers[k]: a dict with ``dW``, ``dW_num`` (n_l, n_{l−1}), ``db``,
    ``db_num`` (n_l, 1) and ``rel_err``. Also ``.grads`` (the Gradients),
    ``.dW_num``, ``.db_num`` and ``.rel_err`` ({l: relative error of W⁽ˡ⁾
    and b⁽ˡ⁾ together}, as ``gradcheck(per_layer=True)``).
    """
    report = gradcheck_report(net, X, Y, loss, eps, backward)
    grads, dW_num, db_num, rel_err = report.grads, report.dW_num, report.db_num, report.rel_err
    layers = list(rel_err)
    name = getattr(backward, "__name__", "backward")
    panels = [gradient_panel(report, l, name=name, eps=eps, dpi=dpi) for l in layers]
    values = [dict(dW=grads.dW[l], dW_num=dW_num[l], db=grads.db[l], db_num=db_num[l],
                   rel_err=rel_err[l]) for l in layers]
    s = PanelSlider(panels, layers, values, label=t("层"), interval=interval,
                    readouts=[f"l = {l}" for l in layers], slider_id="grad")
    s.grads, s.dW_num, s.db_num, s.rel_err, s.trace = grads, dW_num, db_num, rel_err, report.trace
    return s
