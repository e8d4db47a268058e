"""Every word the playground (chapter 7) shows, from :func:`bpcore.i18n.t`.

``playground.js`` keeps no words of its own: :func:`words` renders them in
the current language and the page receives them in its JSON block, so the
book's English edition (whose outputs are the Chinese build's, with the
recorded (Chinese, English) pairs replaced) and a live kernel after
``bp.set_language("en")`` both show English.

A sentence whose numbers only the page knows (the epoch, J, a link's wrong
part) stays a template: ``t(template, **keep("e", "J"))`` is the template
itself in the current language, its ``{fields}`` left for the page's
``fill(template, args)``. Sentences whose lists and bounds Python knows
(the keys, the batch sizes, the seeds) are rendered whole here.
"""
from __future__ import annotations

from ...i18n import listing, t
from .config import (
    BATCHES,
    CUSTOM,
    DATASETS,
    HIDDEN_ACTIVATIONS,
    KEYS,
    MAX_HIDDEN,
    MAX_WIDTH,
    SEEDS,
    SPEEDS,
)

__all__ = ["keep", "words"]


def keep(*names: str) -> dict[str, str]:
    """Fields left for the page: ``keep("k") == {"k": "{k}"}``."""
    return {name: "{" + name + "}" for name in names}


def _controls() -> dict:
    """The controls' labels, options, buttons and captions."""
    return {
        "data": {"xor": t("异或（{m} 个点）", m=DATASETS["xor"]()[0].shape[1]),
                 "moons": t("双月"), "spirals": t("螺旋"), "circles": t("圆环"),
                 CUSTOM: t("自己点的点")},
        "loss": {"mse": t("均方误差，sigmoid 输出"), "cross_entropy": t("交叉熵，softmax 输出")},
        "settings": t("练习场的设置"),
        "fieldData": t("数据集"),
        "fieldLayers": t("隐藏层数"),
        "fieldWidth": t("第 {k} 个隐藏层的宽度 {n_k}", **keep("k", "n_k")),
        "fieldAct": t("隐藏层的激活函数"),
        "fieldLoss": t("损失与输出层"),
        "fieldLr": t("学习率 η"),
        "fieldBatch": t("批量大小"),
        "fullBatch": t("整批"),
        "fieldSeed": t("随机种子（0–{top}）", top=SEEDS - 1),
        "fieldSpeed": t("速度（每帧迭代次数）"),
        "fieldExample": t("写出第 i 个样本的数"),
        "ownPoints": t("自己点的点"),
        "hint": t("在平面上单击，添加所选类别的点（按住 Shift 单击，添加另一类）；"
                  "也可以输入坐标。"),
        "fieldClass": t("新点的类别"),
        "classes": [t("类别 0（蓝）"), t("类别 1（橙）")],
        "add": t("添加点"),
        "clear": t("清空所有点"),
        "play": "▶ " + t("播放"),
        "pause": "⏸ " + t("暂停"),
        "step": t("单步"),
        "stepTitle": t("做一次迭代：第 1–5 步各一遍，参数更新一次"),
        "reset": t("重置"),
        "resetTitle": t("回到训练之前：同一个种子的初始参数"),
        "copy": t("复制链接"),
        "copyTitle": t("复制打开这一设置的链接"),
        "urlName": t("这一设置的链接"),
        "captionPlane": t("数据与决策边界：底色是网络的判断，越深越有把握"),
        "captionNetwork": t("网络：红线 w > 0，蓝线 w < 0，越粗 |w| 越大；"
                            "圆点是第 i 个样本的 a⁽ˡ⁾"),
        "captionLoss": t("损失曲线：每轮的 J（对数坐标）"),
        "captionDelta": t("各层误差项的大小 ‖δ⁽ˡ⁾‖（对数坐标）"),
        "stepsName": t("五步的公式和数"),
    }


def _mistakes() -> dict:
    """What a wrong link or entry is told: the part, then what to write."""
    return {
        "badLink": t("链接里的 “{part}” 无效：{why}", **keep("part", "why")),
        "badKey": t("键只能是 {keys}", keys=listing(KEYS)),
        "badData": t("没有这个数据集"),
        "badNet": t("层的大小写成 2-8-8-1：输入 2 个，0 到 {h} 个隐藏层，每层 1 到 {w} 个神经元",
                    h=MAX_HIDDEN, w=MAX_WIDTH),
        "badAct": t("激活函数只能是 {names}", names=listing(HIDDEN_ACTIVATIONS)),
        "badLoss": t("损失只能是 mse 或 cross_entropy"),
        "badLr": t("学习率 η 必须是大于 0 的数"),
        "badBatch": t("批量只能是 all 或 {sizes}", sizes=listing(BATCHES)),
        "badSeed": t("种子是 0 到 {top} 的整数", top=SEEDS - 1),
        "badSpeed": t("速度只能是 {speeds}", speeds=listing(SPEEDS)),
        "badExample": t("样本编号 i 从 1 开始"),
        "badPoints": t("每个点写成 x₁,x₂,类别（类别为 0 或 1），点与点之间用分号"),
        "badOutput": t("损失 {loss} 的输出层有 {n} 个神经元，已按 {n} 个设置",
                       **keep("loss", "n")),
        "notWhole": t("{what}必须是 {lo} 到 {hi} 的整数", **keep("what", "lo", "hi")),
        "width": t("第 {k} 个隐藏层的宽度", **keep("k")),
        "seed": t("随机种子"),
        "example": t("样本编号 i"),
        "notNumbers": t("x₁ 和 x₂ 必须是数"),
    }


def _news() -> dict:
    """The status line, the summary and the live region, the canvases' text
    alternatives."""
    return {
        "loaded": t("已载入设置“{title}”（说明见这一节）。按“播放”开始训练。", **keep("title")),
        "diverged": t("第 {epoch} 轮的损失变成了 {J}：训练在这次更新之前停下。"
                      "η 太大了：调小 η，再按“重置”。", **keep("epoch", "J")),
        "noData": t("还没有数据：在平面上点几个点（两类都要有）。"),
        "sentence": t("第 {e} 轮，J = {J}，准确率 {acc}", **keep("e", "J", "acc")),
        "summary": t("第 {e} 轮，J = {J}，准确率 {acc}（第 {t} 次迭代）",
                     **keep("e", "J", "acc", "t")),
        "added": t("已添加点 ({x}, {y})，类别 {k}；共 {n} 个点。", **keep("x", "y", "k", "n")),
        "selected": t("链接已选中：按 Ctrl+C（Mac 上 ⌘C）复制。"),
        "copied": t("已复制这一设置的链接。"),
        "altPlane": t("数据平面：{data}，{m} 个点（类别 0 蓝色 {n0} 个，类别 1 橙色 {n1} 个）；"
                      "底色是网络的判断，此时准确率 {acc}；橙色圆圈标出第 {i} 个样本。",
                      **keep("data", "m", "n0", "n1", "acc", "i")),
        "altNetwork": t("网络 {sizes}，隐藏层 {act}，输出层 {out}；"
                        "连线的颜色是权重的符号，粗细是大小。", **keep("sizes", "act", "out")),
        "altLoss": t("损失曲线：{n} 轮，第 1 轮 J = {J0}，最近一轮 J = {J}。",
                     **keep("n", "J0", "J")),
        "altDelta": t("各层误差项的大小，最近一轮：{norms}。", **keep("norms")),
        "untrainedLoss": t("损失曲线：还没有训练。"),
        "untrainedDelta": t("各层误差项的大小：还没有训练。"),
    }


def _steps() -> dict:
    """The panel of the five steps: headings, notes, and the joins of its lists."""
    return {
        "panelHead": t("下一次迭代（第 {n} 次），样本 i = {i}：", **keep("n", "i")),
        "stepHead": t("第 {n} 步：{title}", **keep("n", "title")),
        "stepForward": t("正向传播"),
        "stepOutput": t("输出层的误差项"),
        "stepBack": t("误差反向传播"),
        "stepGrads": t("参数梯度（对 {m} 个样本求和）", **keep("m")),
        "stepUpdate": t("更新参数（η = {lr}）", **keep("lr")),
        "withM": t("{value}（m = {m}）", **keep("value", "m")),
        "largest": t("{product}，绝对值最大的是 {entry}", **keep("product", "entry")),
        "noHidden": t("没有隐藏层：δ⁽ᴸ⁾ 就是唯一的误差项，这一步不用做。"),
        "others": t("其余的每个权重和偏置都这样更新（式中的梯度见第 4 步）。"),
        "miniBatch": t("这里按整批 {m} 个样本计算；"
                       "训练时每次迭代用 {B} 个样本的小批量，数会不同。", **keep("m", "B")),
        "clauses": t("{items}；{item}", **keep("items", "item")),
        "commas": t("{items}，{item}", **keep("items", "item")),
    }


def words() -> dict:
    """Every word the page shows, by the name ``playground.js`` reads
    (``T.play``, ``T.data.xor``), in the current language of
    :mod:`bpcore.i18n`; templates keep their ``{fields}`` for the page."""
    return {**_controls(), **_mistakes(), **_news(), **_steps()}
