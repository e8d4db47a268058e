"""Widgets of a training run (chapter 5): step 5 repeated, watched.

- :func:`lr_comparison`: the loss curves of several learning rates η, one
  panel per η (that curve bold, the others faint);
- :func:`epoch_replay`: a slider over the snapshots of one run — the loss
  curve with a marker at epoch e, the network's weights W⁽ˡ⁾ as line width
  and colour, and the decision boundary of the parameters after e epochs;
- :func:`live_trainer`: a Train button and a progress bar that grow the loss
  curve while :func:`bpcore.train.train` runs (its ``callback``); live kernel only.

The first two are :class:`~bpcore.widgets.slider.PanelSlider` objects: every panel is
computed once, here, so they also step in the static HTML book. The third
has Python callbacks and needs a running kernel.

Curves are drawn against the number of epochs completed, k = 0..N: the point
at k is J of the parameters after k epochs, i.e. ``history.loss[k]`` (with
full batches ``train`` records J before each epoch's update), and the point
at N is J of the final parameters. Figures carry no Chinese characters.
"""
from __future__ import annotations

import html
import math
import warnings
from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import checks
from ..data import classes
from ..i18n import listing, t
from ..network import Network
from ..steps import forward, loss_value
from ..train import History, Stop, train
from ..viz.network import draw_network
from ..viz.style import CURRENT, CURVE, fmt, log_axis
from ..viz.training import decision_boundary
from . import html as P
from .slider import PanelSlider

STOP_EN = {Stop.EPOCHS: "{n} epochs", Stop.CONVERGED: "converged after {n} epochs",
           Stop.DIVERGED: "diverged in epoch {next}"}   # figure titles: no Chinese


def _stop_reason(stop: Stop) -> str:
    """Why a run stopped, in words."""
    if stop is Stop.EPOCHS:
        return t("达到最大轮数")
    if stop is Stop.CONVERGED:
        return t("损失收敛")
    return t("发散")


def _curve(history: History, J_final: float | None = None):
    """(k, J) of the points drawn for a run: J after k epochs, k = 0, 1, …"""
    J = list(history.loss) + ([J_final] if J_final is not None else [])
    return np.arange(len(J)), np.asarray(J, dtype=float)


def _curve_text(lr: float, history: History) -> str:
    """η, the first and the last J of a run, in words (alt text)."""
    if not history.loss:
        return t("η = {lr}：第 1 轮就发散", lr=f"{lr:g}")
    run = dict(lr=f"{lr:g}", J0=fmt(history.loss[0], 4), J=fmt(history.loss[-1], 4),
               n=history.epochs)
    if history.stop is Stop.DIVERGED:
        return t("η = {lr}：{J0} → {J}（{n} 轮，随后发散）", **run)
    return t("η = {lr}：{J0} → {J}（{n} 轮）", **run)


def lr_comparison(histories: Mapping[float, History], *, dpi: int = 80,
                  interval: int = 1500) -> PanelSlider:
    """The loss curves J of runs that differ only in η, one panel per η.

    ``histories`` maps η to the :class:`bpcore.train.History` of a run. Panel k
    draws every curve faint and η = ``lrs[k]`` bold (log J axis, x = epochs
    completed); a run that diverged ends in a cross at its last finite J.
    ``.lrs`` are the η values in panel order; ``.values[k]`` is the dict
    {"lr", "final_J", "epochs", "stop"} of panel k (final_J: the last J
    recorded, the one before the NaN/inf for a diverged run).
    """
    lrs = list(histories)
    if not lrs:
        raise ValueError("histories is empty: pass {lr: bp.train(...)} for at least one lr")
    curves = {lr: _curve(h) for lr, h in histories.items()}
    finite = np.concatenate([J[np.isfinite(J)] for _, J in curves.values()])
    lo = finite.min() / 2
    # a diverging curve would squash the others: cap the axis at 30 × the start
    hi = min(finite.max(), 30 * max(J[0] for _, J in curves.values() if J.size)) * 1.5
    colours = {lr: f"C{i}" for i, lr in enumerate(lrs)}
    ends = listing((_curve_text(lr, histories[lr]) for lr in lrs), style="clauses")
    panels, values = [], []
    for lr in lrs:
        h = histories[lr]
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        for other in lrs:
            k, J = curves[other]
            J = np.minimum(J, 10 * hi)    # off the axis's top; no overflow in the log scale
            bold = other == lr
            ax.plot(k, J, color=colours[other], lw=2.4 if bold else 1.2,
                    alpha=1.0 if bold else 0.3, zorder=3 if bold else 2,
                    label=rf"$\eta = {other:g}$")
            if histories[other].stop is Stop.DIVERGED and J.size:
                ax.plot(k[-1], min(J[-1], hi), "x", ms=9, mew=2.5, color=colours[other],
                        alpha=1.0 if bold else 0.3, zorder=4)
        log_axis(ax)
        ax.set_ylim(lo, hi)
        ax.set_xlabel("epochs completed $k$")
        ax.set_ylabel("loss $J$")
        ax.legend(fontsize=8, loc="lower left", framealpha=0.85)
        ax.set_title(rf"$\eta = {lr:g}$: "
                     + STOP_EN[h.stop].format(n=h.epochs, next=h.epochs + 1), fontsize=10)
        fig.tight_layout()
        final = h.loss[-1] if h.loss else math.nan
        if h.stop is Stop.DIVERGED:
            alt = t("对数纵轴的损失曲线图，横轴为已完成的轮数；η = {lr} 的曲线加粗，"
                    "其余学习率的曲线变淡。这条曲线先下降后急剧上升，在末端以叉号标出发散。"
                    "各条曲线的起点与终点：{ends}。", lr=f"{lr:g}", ends=ends)
        else:
            alt = t("对数纵轴的损失曲线图，横轴为已完成的轮数；η = {lr} 的曲线加粗，"
                    "其余学习率的曲线变淡。各条曲线的起点与终点：{ends}。",
                    lr=f"{lr:g}", ends=ends)
        if h.loss:
            text = t("η = {lr}：J 从 {J0} 变为 {J}，共 {n} 轮，停止原因：{reason}。",
                     lr=f"{lr:g}", J0=fmt(h.loss[0], 4), J=fmt(final, 4), n=h.epochs,
                     reason=_stop_reason(h.stop))
        else:
            text = t("η = {lr}：第 1 轮就发散。", lr=f"{lr:g}")
        if h.stop is Stop.DIVERGED:
            text += " " + t("第 {next} 轮的损失已不是有限数，训练在这次更新之前停止，"
                            "前 {n} 轮的记录保留。", next=h.epochs + 1, n=h.epochs)
        panels.append(P.panel(t("学习率 η = {lr}", lr=f"{lr:g}"), [P.img(fig, alt, dpi)], text,
                              data={"lr": f"{lr:g}",
                                    "summary": t("第 5 步 参数更新，学习率的比较：{text}",
                                                 text=text)}))
        values.append({"lr": lr, "final_J": final, "epochs": h.epochs, "stop": h.stop})
    s = PanelSlider(panels, list(range(len(lrs))), values, label=t("学习率"), interval=interval,
                    readouts=[f"η = {lr:g}" for lr in lrs], slider_id="lr")
    s.lrs, s.histories = lrs, dict(histories)
    return s


def epoch_replay(net: Network, history: History, X, Y, loss: str = "mse", *, y=None,
                 dpi: int = 72, resolution: int = 120, interval: int = 800) -> PanelSlider:
    """Replay a run of :func:`bpcore.train.train` (with ``snapshot_every``) epoch by epoch.

    ``net`` gives the architecture (its parameters are not used); X (2, m)
    and Y (n_L, m) are the training data of the run, ``y`` (m,) the class
    labels for the points (default: Y's argmax, or Y itself for one output).
    Panel k belongs to ``history.snapshots[k]``, the parameters after
    e = snapshot.epoch epochs, rebuilt with :meth:`bpcore.train.Snapshot.network`:

    - left: the loss curve (J after each epoch) with a red marker at (e, J_e),
      J_e = J of those parameters (one :func:`bpcore.steps.forward` each);
    - middle: the network, weights W⁽ˡ⁾ as line colour (red > 0, blue < 0)
      and width (abs(w), relative to the largest in that panel);
    - right: the decision boundary (:func:`bpcore.viz.training.decision_boundary`).

    ``.epochs`` [e_k], ``.J`` [J_k], ``.accuracy`` [training accuracy],
    ``.markers`` [(x, y) of the drawn marker] and ``.values[k]`` (a dict of
    these) describe panel k; each panel's root carries ``data-epoch``.
    """
    snaps = history.snapshots
    if len(snaps) < 2:
        raise ValueError("the history has fewer than 2 snapshots: train with snapshot_every=k")
    X = checks.inputs(net, X)
    loss = checks.loss_name(net, loss)
    Y = checks.targets(net, Y, X.shape[1], loss)
    if y is None:
        y = classes(Y)
    nets = [s.network() for s in snaps]
    epochs = [s.epoch for s in snaps]
    traces = [forward(n, X) for n in nets]       # one forward pass per snapshot
    J = [loss_value(n, tr, Y, loss) for n, tr in zip(nets, traces, strict=True)]
    acc = [float(np.mean(classes(tr.y_hat) == y)) for tr in traces]
    k_curve, J_curve = _curve(history, J[-1] if history.stop is not Stop.DIVERGED else None)
    top = max(net.sizes)
    panels, markers = [], []
    for e, Je, a, n in zip(epochs, J, acc, nets, strict=True):
        fig = plt.figure(figsize=(10.2, 3.1))
        gs = fig.add_gridspec(1, 3, width_ratios=[1.15, 1.0, 0.95], left=0.06, right=0.99,
                              bottom=0.16, top=0.88, wspace=0.28)
        ax_J, ax_net, ax_db = (fig.add_subplot(gs[i]) for i in range(3))
        ax_J.plot(k_curve, J_curve, color=CURVE, lw=1.6)
        mark, = ax_J.plot([e], [Je], "o", ms=9, color=CURRENT, zorder=3)
        ax_J.axvline(e, color=CURRENT, lw=0.8, ls=":")
        log_axis(ax_J)
        ax_J.set_xlabel("epoch $e$")
        ax_J.set_ylabel("loss $J$")
        ax_J.set_title(f"$e = {e}$,  $J = {fmt(Je, 4)}$", fontsize=10)
        draw_network(n, ax_net, node_labels={l: [""] * s for l, s in enumerate(n.sizes)},
                     node_size=260 if top <= 10 else 120)
        ax_net.set_title(r"weights $W^{(l)}$", fontsize=10)
        decision_boundary(n, X, y, ax_db, resolution=resolution)
        ax_db.set_title(f"decision boundary, accuracy {a:.0%}", fontsize=10)
        ax_db.get_legend().remove()
        markers.append(tuple(float(v[0]) for v in mark.get_data()))
        wmax = max(float(np.max(np.abs(n.W[l]))) for l in range(1, n.L + 1))
        at = dict(e=e, J=fmt(Je, 4), acc=f"{a:.1%}", wmax=fmt(wmax))
        alt = t("三幅图。左：对数纵轴的损失曲线（从第 0 轮的 J = {J0} 到第 {k} 轮的 "
                "J = {J_k}），第 {e} 轮处有一个橙色圆点，J = {J}；中：网络示意图，"
                "连线红色为正权重、蓝色为负权重，粗细表示权重绝对值（最大 {wmax}）；"
                "右：第 {e} 轮参数下的决策边界，"
                "两种底色是网络判给两个类别的区域，点是训练样本，训练集准确率 {acc}。",
                J0=fmt(J_curve[0], 4), k=k_curve[-1], J_k=fmt(J_curve[-1], 4), **at)
        note = t("训练了 e = {e} 轮后：J = {J}，训练集准确率 {acc}，"
                 "最大的权重绝对值 {wmax}（中图线宽相对于它）。", **at)
        panels.append(P.panel(
            t("第 {e} 轮 (epoch {e} / {last})", e=e, last=epochs[-1]), [P.img(fig, alt, dpi)],
            note, data={"epoch": e, "marker_x": f"{markers[-1][0]:g}",
                        "summary": t("第 5 步 参数更新的回放，e = {e}：J = {J}，"
                                     "训练集准确率 {acc}。", **at)}))
    values = [{"epoch": e, "J": Je, "accuracy": a, "marker": m}
              for e, Je, a, m in zip(epochs, J, acc, markers, strict=True)]
    s = PanelSlider(panels, epochs, values, label=t("轮 (epoch)"), interval=interval,
                    readouts=[f"e = {e}" for e in epochs], slider_id="epoch")
    s.epochs, s.J, s.accuracy, s.markers = epochs, J, acc, markers
    s.nets, s.history = nets, history
    return s


class LiveTrainer(widgets.VBox):
    """A Train button, an IntProgress bar and a loss curve that grows while
    :func:`bpcore.train.train` runs (live kernel only; see :func:`live_trainer`).

    Attributes: ``button``, ``progress`` (its ``max`` is the epoch limit),
    ``choice`` (a Dropdown of η), ``curve`` (an ``ipywidgets.HTML`` holding
    the current figure), ``history`` (of the last run) and ``drawn`` (the
    number of epochs on the curve at every redraw: it grows).
    """

    def __init__(self, net: Network, X, Y, loss: str, lrs: Sequence[float], epochs: int,
                 redraw_every: int, dpi: int, train_kw: dict):
        self.net0, self.X, self.Y, self.loss = net, X, Y, loss
        self.epochs, self.redraw_every = epochs, redraw_every
        self.dpi, self.train_kw = dpi, train_kw
        # No `description` on the Dropdown or the progress bar (a static page
        # would typeset it with MathJax 2's API); a Button's description is a
        # plain text node in ipywidgets 8, never typeset.
        self.choice = widgets.Dropdown(options=list(lrs), value=lrs[0],
                                       layout=widgets.Layout(width="90px"))
        self.button = widgets.Button(description="Train", button_style="primary",
                                     layout=widgets.Layout(width="90px"))
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs,
                                            layout=widgets.Layout(width="260px"))
        self.status = widgets.HTML("")
        self.curve = widgets.HTML("")
        self.history, self.drawn = None, []
        self.button.on_click(self._on_click)
        note = widgets.HTML(P.live_note())
        super().__init__([note, widgets.HBox([widgets.HTML("η&nbsp;"), self.choice, self.button,
                                              self.progress, self.status]), self.curve])

    def __repr__(self) -> str:
        """What a notebook prints without a widget view (no words)."""
        return f"LiveTrainer(lrs={list(self.choice.options)}, epochs={self.epochs})"

    def _draw(self, history: History) -> None:
        fig, ax = plt.subplots(figsize=(6.0, 2.8))
        k, J = _curve(history)
        ax.plot(k, np.minimum(J, 1e12), color=CURVE, lw=1.6)   # a diverging J stays drawable
        ax.set_xlim(0, self.epochs)
        log_axis(ax)
        ax.set_xlabel("epochs completed $k$")
        ax.set_ylabel("loss $J$")
        ax.set_title(rf"$\eta = {self.choice.value:g}$, epoch {history.epochs} / {self.epochs}",
                     fontsize=10)
        fig.tight_layout()
        alt = (t("损失曲线，已训练 {n} 轮，J = {J}。", n=history.epochs, J=fmt(J[-1], 4))
               if J.size else t("损失曲线，已训练 {n} 轮。", n=history.epochs))
        self.curve.value = P.img(fig, alt, self.dpi)
        self.drawn.append(history.epochs)

    def _on_epoch(self, history: History) -> None:
        self.progress.value = history.epochs
        if history.epochs % self.redraw_every == 0:
            self._draw(history)

    def _on_click(self, _button=None) -> None:
        net = self.net0.copy()
        self.progress.value, self.drawn = 0, []
        self.button.disabled = True
        try:
            with warnings.catch_warnings(record=True):   # the message goes to .status
                warnings.simplefilter("always")
                self.history = train(net, self.X, self.Y, self.loss, lr=self.choice.value,
                                     epochs=self.epochs, callback=self._on_epoch, **self.train_kw)
            self._draw(self.history)
            self.status.value = html.escape(self.history.message)
        finally:
            self.button.disabled = False
        self.net = net


def live_trainer(net: Network, X, Y, loss: str = "mse", *, lrs: Sequence[float] = (0.5, 0.05, 1.5),
                 epochs: int = 300, redraw_every: int = 10, dpi: int = 70,
                 **train_kw) -> LiveTrainer:
    """A Train button for a live kernel: each click trains a copy of ``net``
    (same initial W⁽ˡ⁾, b⁽ˡ⁾) with the η chosen in the dropdown, by one call
    of :func:`bpcore.train.train` whose ``callback`` moves the progress bar every
    epoch and redraws the loss curve every ``redraw_every`` epochs. Extra
    keyword arguments go to ``train`` (e.g. ``tol``, ``batch_size``).
    ``button.click()`` runs it from code. In a static page it does nothing.
    """
    return LiveTrainer(net, X, Y, loss, list(lrs), checks.positive_int("epochs", epochs),
                       checks.positive_int("redraw_every", redraw_every), dpi, train_kw)
