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

__all__ = ["num", "paren", "approx", "sig", "sci", "vec", "dims", "bmatrix",
           "glue_num", "glue_md", "glue_math"]


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
