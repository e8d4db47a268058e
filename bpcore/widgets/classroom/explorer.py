"""The classroom explorer: one cell, one training iteration step by step, on a projector.

    from bpcore.widgets.classroom import explorer
    explorer()                       # 2-3-1 on xor, η = 5, seed 0, 3 iterations
    explorer(arch="2-2-2 tanh/softmax, cross-entropy", dataset="moons", lr=2.0)

Frames (see :mod:`bpcore.widgets.classroom.frames`): forward l = 1..L, the loss J,
δ⁽ᴸ⁾ … δ⁽¹⁾, the gradients l = L..1, the update, then the next iteration,
and after the last one the result. Every number is computed once, by
bpcore's step functions, when the frames are built.

Controls, and where they work:

- **no kernel needed** (JupyterLab, Voilà, and the static HTML book): ▶
  (Play: play/pause), ■ (Play's stop: back to frame 0 = reset), the frame
  slider (drag, or click it and use ←/→ for one frame, Page Up/Down for
  five, Home/End), the frame number box (its ▲▼ step one frame), the speed
  slider (ms per frame). They are
  ``jslink``-ed in the browser: Play ↔ slider ↔ Stack, slider ↔ box,
  speed → Play.interval (Play reads its interval at every tick).
- **static book only** (the book's ``_static/bp-sliders.js``, absent in a
  kernel): "Copy link" (a link to this frame, ``classroom.html#frame=9``;
  the slider id is ``frame``), "Present" (full screen for a projector; F,
  Space, ←/→, Esc), the hash kept up to date as the frame changes.
- **live kernel only** (class ``bp-live-only``, hidden by the book's
  ``_static/widgets.css``, shown in JupyterLab / Voilà / Binder / Colab):
  data set, architecture, learning rate η, seed and "new seed"; a change
  rebuilds the frames in Python.

No widget has a ``description``: a static page would typeset it with
MathJax 2's API under MathJax 3. Button and Dropdown texts are set as plain
text by the widget manager (never typeset), so they are safe too.

Print: the html-manager's Stack puts only the selected child in the DOM, so
CSS alone cannot print every frame. ``print_frames`` is a Box holding the
*same* HTML widgets as the Stack (no second copy in the saved state),
``display: none`` on screen; ``_static/widgets.css`` shows it as a grid of
small multiples in print and hides the controls and the Stack
(``bp-screen-only``).
"""
from __future__ import annotations

import ipywidgets as widgets

from ...i18n import t
from ...network import Network
from ...viz.style import MUTED
from ..html import live_note
from ..slider import PanelSlider
from .draw import frame_html, frame_name
from .frames import ARCHITECTURES, DATASETS, Run, preset, run

LEARNING_RATES = (0.1, 0.5, 1.0, 2.0, 5.0, 20.0)


def _html(text: str, px: int = 20, **style) -> widgets.HTML:
    css = ";".join(f"{k.replace('_', '-')}:{v}" for k, v in style.items())
    return widgets.HTML(f'<div style="font-size:{px}px;{css}">{text}</div>')


class Explorer(PanelSlider):
    """A :class:`~bpcore.widgets.slider.PanelSlider` over the frames of a
    :class:`~bpcore.widgets.classroom.frames.Run`, with projector-sized extras.

    Attributes besides PanelSlider's: ``run`` (the Run: ``frames``,
    ``iterations``, ``losses``), ``frames``, ``frame_box`` (BoundedIntText),
    ``speed`` (IntSlider → Play.interval), ``print_frames`` (Box, print
    only), ``live`` (the live controls: ``dataset``, ``arch``, ``lr``,
    ``seed``, ``new_seed``, ``status``; empty with ``live=False`` or your own
    ``net``), ``settings`` (what the frames were built from) and ``example``
    (the column i whose numbers the nodes show; default min(3, m − 1), which
    is x = (1, 1) in xor).
    """

    def __init__(self, *, arch: str = "2-3-1 tanh/sigmoid, mse", dataset: str = "xor",
                 lr: float = 5.0, seed: int = 0, iterations: int = 3, example: int | None = None,
                 net: Network | None = None, X=None, Y=None, loss: str | None = None,
                 live: bool = True, dpi: int = 90, interval: int = 1500):
        self.settings = dict(arch=arch, dataset=dataset, lr=lr, seed=seed, iterations=iterations)
        self.dpi, self._custom = dpi, None
        if net is not None:
            if X is None or Y is None:
                raise ValueError("explorer(net=...) needs the data too: "
                                 "pass X (n_0, m) and Y (n_L, m)")
            self._custom, live = (net, X, Y, loss or "mse"), False
        r = self._compute()
        m = r.X.shape[1]
        self.example = min(3, m - 1) if example is None else example
        if not 0 <= self.example < m:
            raise ValueError(f"example={example} but the data have {m} column(s): "
                             f"choose 0..{m - 1}")
        super().__init__(self._panels(r), [f.layer for f in r.frames], r.frames,
                         label=t("帧"), interval=interval, slider_id="frame")
        self.run = r
        n = len(r.frames)
        self.label_style = "margin:0 6px;font-size:20px"
        self.slider.layout = widgets.Layout(flex="1 1 auto", width="auto", min_width="240px")
        self.frame_box = widgets.BoundedIntText(value=0, min=0, max=n - 1,
                                                layout=widgets.Layout(width="90px"))
        self.count = _html(f"/ {n - 1}")
        self.speed = widgets.IntSlider(value=interval, min=200, max=4000, step=100,
                                       layout=widgets.Layout(width="320px"))
        self.frame_box.add_class("bp-frame-box")
        self.speed.add_class("bp-slider-speed")
        speed_id = f"bp-label-{self.speed.model_id}"
        # Play's ■ goes back to frame 0 here; the speed's valuetext is filled
        # in by the page's script ({} is the value)
        self.describe(valuetext=self._names(r), stop=t("回到第 0 帧"), controls=[
            {"cls": "bp-frame-box", "label": t("帧号（0 到 {last}）", last=n - 1)},
            {"cls": "bp-slider-speed", "labelledby": speed_id,
             "valuetext": t("每帧 {{}} 毫秒"), "readout": t("每帧毫秒数")}])
        self.links = self.links + (
            widgets.jslink((self.slider, "value"), (self.frame_box, "value")),
                                   widgets.jslink((self.speed, "value"), (self.play, "interval")))
        controls = widgets.HBox([self.play, self.label, self.slider, self.frame_box, self.count],
                                layout=widgets.Layout(width="100%", align_items="center"))
        speed_label = widgets.HTML(f'<div id="{speed_id}" style="font-size:20px;'
                                   f'margin-right:8px">{t("速度：每帧毫秒数（越小越快）")}</div>')
        speed_row = widgets.HBox([speed_label, self.speed],
                                 layout=widgets.Layout(align_items="center"))
        self.live = self._live_controls() if live else {}
        keys = t("▶ 播放（再点一次暂停），■ 回到第 0 帧；点一下滑块后用 ← → 逐帧切换"
                 "（Page Up / Page Down 一次 5 帧，Home / End 到头尾），"
                 "数字框的 ▲▼ 也能前进、后退一帧。")
        rows = [controls, speed_row, _html(keys, color=MUTED)]
        if self.live:
            note = t("数据集、网络结构、学习率 η 和随机种子这几个选项要在 Python 里重新计算，"
                     "需要运行中的内核 (live kernel)：在 JupyterLab、Voilà、Binder 或 Colab "
                     "里才会出现；静态网页里只有播放和逐帧切换（它们不需要内核）。")
            rows += [widgets.HTML(live_note(note, px=20)), self.live["box"]]
        for w in rows[2:4]:     # the help and the kernel note: not on the projector
            w.add_class("bp-classroom-help")
        for w in (*rows, self.stack):
            w.add_class("bp-screen-only")
        self.add_class("bp-classroom")
        self.children = [*rows, self.stack, self.print_frames]

    @property
    def frames(self):
        return self.run.frames

    def _compute(self) -> Run:
        s = self.settings
        if self._custom is not None:
            net, X, Y, loss = self._custom
        else:
            net, X, Y, loss = preset(s["arch"], s["dataset"], s["seed"])
        return run(net, X, Y, loss, lr=s["lr"], iterations=s["iterations"])

    @staticmethod
    def _names(r: Run) -> list[str]:
        """What a screen reader says at each frame (the slider's aria-valuetext)."""
        return [frame_name(r, k) for k in range(len(r.frames))]

    def _panels(self, r: Run) -> list[str]:
        return [frame_html(r, k, self.example, self.dpi) for k in range(len(r.frames))]

    def rebuild(self, **changes) -> None:
        """Recompute every frame with new settings (arch, dataset, lr, seed,
        iterations) and show frame 0 — a Python call, so it needs a kernel."""
        unknown = set(changes) - set(self.settings)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}: "
                             f"choose from {sorted(self.settings)}")
        self.settings.update(changes)
        self.run = r = self._compute()
        panels, n = self._panels(r), len(r.frames)
        old = list(self.stack.children)
        for w in old[n:]:
            w.close()
        children = old[:n] + [widgets.HTML() for _ in range(n - len(old))]
        for w, p in zip(children, panels, strict=True):
            w.value = p
        for w in (self.play, self.slider, self.frame_box):
            w.value = 0
        self.stack.selected_index = 0
        self.stack.children = self.print_frames.children = children
        for w in (self.play, self.slider, self.frame_box):
            w.max = n - 1
        self.count.value = _html(f"/ {n - 1}").value
        controls = [dict(c, label=t("帧号（0 到 {last}）", last=n - 1))
                    if c["cls"] == "bp-frame-box" else c
                    for c in self.a11y["controls"]]
        self.describe(valuetext=self._names(r), controls=controls)
        self.layers, self.values = [f.layer for f in r.frames], r.frames

    def _live_controls(self) -> dict:
        s = self.settings
        c = {"dataset": widgets.Dropdown(options=list(DATASETS), value=s["dataset"],
                                         layout=widgets.Layout(width="120px")),
             "arch": widgets.Dropdown(options=list(ARCHITECTURES), value=s["arch"],
                                      layout=widgets.Layout(width="300px")),
             "lr": widgets.Dropdown(options=[(f"η = {v:g}", v)
                                             for v in sorted({*LEARNING_RATES, s["lr"]})],
                                    value=s["lr"], layout=widgets.Layout(width="120px")),
             "seed": widgets.IntText(value=s["seed"], layout=widgets.Layout(width="80px")),
             "new_seed": widgets.Button(description=t("新种子 (new seed)"), icon="refresh"),
             "status": _html("", 18)}
        for name in ("dataset", "arch", "lr", "seed"):
            c[name].observe(self._on_change, names="value")
        c["new_seed"].on_click(lambda _: setattr(c["seed"], "value", c["seed"].value + 1))
        c["box"] = widgets.HBox([_html(t("数据集")), c["dataset"], _html(t("结构")), c["arch"],
                                 _html(t("学习率")), c["lr"], _html(t("种子")), c["seed"],
                                 c["new_seed"], c["status"]],
                                layout=widgets.Layout(flex_flow="row wrap", align_items="center",
                                                      grid_gap="6px"))
        c["box"].add_class("bp-live-only")
        return c

    def _on_change(self, change) -> None:
        """Observer of the live controls: rebuild the frames with their values."""
        c = self.live
        c["status"].value = f'<div style="font-size:18px">{t("计算中…")}</div>'
        self.rebuild(dataset=c["dataset"].value, arch=c["arch"].value,
                     lr=c["lr"].value, seed=c["seed"].value)
        done = t("已重新计算：{n} 帧", n=len(self.frames))
        c["status"].value = f'<div style="font-size:18px">{done}</div>'


def explorer(*, arch: str = "2-3-1 tanh/sigmoid, mse", dataset: str = "xor", lr: float = 5.0,
             seed: int = 0, iterations: int = 3, example: int | None = None,
             net: Network | None = None, X=None, Y=None, loss: str | None = None,
             live: bool = True, dpi: int = 90, interval: int = 1500) -> Explorer:
    """Open the classroom explorer: ``iterations`` full-batch iterations of
    the five steps, frame by frame.

    ``arch`` (a key of ``ARCHITECTURES``), ``dataset`` (a key of
    ``DATASETS``), ``lr`` (η) and ``seed`` (the initial weights) choose a
    preset; or pass your own ``net`` with ``X`` (n_0, m), ``Y`` (n_L, m)
    and ``loss``. ``example`` is the column i shown on the nodes; ``live``
    adds the controls that recompute (a live kernel only); ``interval`` is
    Play's milliseconds per frame. See :class:`Explorer`.
    """
    return Explorer(arch=arch, dataset=dataset, lr=lr, seed=seed, iterations=iterations,
                    example=example, net=net, X=X, Y=Y, loss=loss, live=live, dpi=dpi,
                    interval=interval)
