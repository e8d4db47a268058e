"""Helpers for the chapters' hidden cells: numbers formatted for the prose,
and myst-nb ``glue`` for them.

Every number the prose quotes is computed in a cell tagged ``remove-cell``
and glued from there (never typed by hand). The formats are plain text
(:func:`num`, :func:`sig`), inline LaTeX (:func:`paren`, :func:`approx`,
:func:`vec`, :func:`sci`, :func:`dims`, :func:`bmatrix`), and the glue
functions paste them with ``{glue}``, ``{glue:md}`` and ``{glue:math}``.

Only the notebooks import this module (it needs myst-nb and IPython);
``import bpcore`` does not.
"""
from __future__ import annotations

import numpy as np
from IPython.display import Markdown, Math
from myst_nb import glue

import bpcore as bp
from bpcore.i18n import t

__all__ = ["num", "paren", "approx", "sig", "sci", "vec", "dims", "bmatrix",
           "glue_num", "glue_md", "glue_math", "running_box", "glue_running_box"]


def num(v, digits: int = 4) -> str:
    """A number for the prose: at most ``digits`` decimals, no trailing
    zeros, e.g. ``num(0.50) == "0.5"``, ``num(-0.00001) == "0"``."""
    s = f"{float(v):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def paren(v, digits: int = 4) -> str:
    """:func:`num`, in brackets when negative (for sums such as 0.4 + (-0.1))."""
    return f"({num(v, digits)})" if v < 0 else num(v, digits)


def approx(v, digits: int = 4) -> str:
    """``=`` if :func:`num` is exact for every entry of ``v``, otherwise
    ``\\approx`` (the relation before a rounded result, in LaTeX)."""
    v = np.asarray(v, dtype=float)
    return "=" if np.all(np.abs(np.round(v, digits) - v) < 1e-12) else r"\approx"


def sig(v, digits: int = 3) -> str:
    """A number with ``digits`` significant digits, plain text, e.g.
    ``sig(0.028413) == "0.0284"``."""
    return f"{float(v):.{digits}g}"


def sci(v, digits: int = 2) -> str:
    """A number as m × 10^e in LaTeX (for inline maths), e.g.
    ``sci(3.1e-10) == r"3.1 \\times 10^{-10}"``."""
    m, e = f"{float(v):.{digits - 1}e}".split("e")
    return rf"{m} \times 10^{{{int(e)}}}"


def vec(v, digits: int = 4) -> str:
    """The entries of ``v`` as a tuple, e.g. ``"(1, -0.5)"``."""
    return "(" + ", ".join(num(x, digits) for x in np.ravel(v)) + ")"


def dims(A) -> str:
    """The shape of a matrix as inline maths, e.g. ``"$3 \\times 5$"``."""
    return f"${A.shape[0]} \\times {A.shape[1]}$"


def bmatrix(A, digits: int = 4) -> str:
    """A matrix (or vector, as a row) in LaTeX ``bmatrix``, entries by :func:`num`."""
    A = np.atleast_2d(A)
    rows = [" & ".join(num(x, digits) for x in row) for row in A]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def glue_num(key: str, v, digits: int = 4) -> None:
    """Glue :func:`num` of ``v`` as text, pasted with ``{glue}``."""
    glue(key, num(v, digits), display=False)


def glue_md(key: str, text: str) -> None:
    """Glue a Markdown snippet, pasted with ``{glue:md}`` (add ``:myst`` for maths)."""
    glue(key, Markdown(text), display=False)


def glue_math(key: str, latex: str) -> None:
    """Glue display maths, pasted with the ``{glue:math}`` directive."""
    glue(key, Math(latex), display=False)


def running_box(step: int) -> str:
    """Markdown for the box that opens chapter ``step + 1``: the running
    example (:func:`bpcore.data.running_example`) and its numbers after
    steps 1..``step`` (0 ≤ step ≤ 5), each computed here by bpcore's own
    step functions, with the chapter that explains it."""
    if step not in range(6):
        raise ValueError(f"step must be 0..5 (the steps done so far), got {step!r}")
    ex = bp.running_example()
    net, X, Y = ex.net, ex.X, ex.Y
    trace = bp.forward(net, X)
    J = bp.loss_value(net, trace, Y, ex.loss)
    grads = bp.backward(net, trace, Y, ex.loss)
    lines = [t("网络 $[2, 3, 1]$，两层都用 sigmoid；一批是异或的 $m = {m}$ 个样本"
               "（每列一个），$y = {y}$，损失为均方误差。", m=X.shape[1], y=bmatrix(Y))]
    if step >= 1:
        lines.append(t(r"{{doc}}`ch1_forward`：$\hat{{y}} = a^{{(2)}} \approx {y_hat}$，"
                       r"$J \approx {J}$", y_hat=bmatrix(trace.y_hat), J=num(J)))
    if step >= 2:
        lines.append(t(r"{{doc}}`ch2_output_delta`：$\delta^{{(2)}} \approx {delta}$",
                       delta=bmatrix(grads.delta[2])))
    if step >= 3:
        lines.append(t(r"{{doc}}`ch3_backprop_deltas`：$\delta^{{(1)}} \approx {delta}$",
                       delta=bmatrix(grads.delta[1])))
    if step >= 4:
        lines.append(t(r"{{doc}}`ch4_param_grads`：$\partial J/\partial W^{{(2)}} \approx {dW2}$，"
                       r"$\partial J/\partial b^{{(2)}} \approx {db2}$，"
                       r"$\partial J/\partial W^{{(1)}} \approx {dW1}$，"
                       r"$\partial J/\partial b^{{(1)}} \approx {db1}$",
                       dW2=bmatrix(grads.dW[2], 5), db2=bmatrix(grads.db[2], 5),
                       dW1=bmatrix(grads.dW[1], 5), db1=bmatrix(grads.db[1], 5)))
    if step >= 5:
        bp.update(net, grads, ex.lr)
        J_new = bp.loss_value(net, bp.forward(net, X), Y, ex.loss)
        lines.append(t(r"{{doc}}`ch5_update`：以 $\eta = {lr}$ 更新一次后，"
                       r"$J$ 从 ${J}$ 降到 ${J_new}$", lr=num(ex.lr), J=num(J), J_new=num(J_new)))
    return "\n".join(f"- {line}" for line in lines)


def glue_running_box(step: int, key: str = "running_box") -> None:
    """Glue :func:`running_box` as Markdown, pasted with the ``glue:md``
    directive (``:format: myst``) inside the chapter's opening box."""
    glue_md(key, running_box(step))
