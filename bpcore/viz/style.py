"""One palette and one number format for every figure and panel of the book.

Colours follow the book's encoding everywhere: red = positive, blue =
negative (weights as edge colours, values on nodes through the diverging map
``CMAP``, white ≈ 0); orange marks the item being computed. Numbers are
printed by :func:`fmt` (three significant digits, a true minus sign) and
symbols with Unicode super- and subscripts (:func:`sup`, :func:`sub`), so a
figure, a panel and its alt text show the same digits.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

CMAP = "RdBu_r"          # values on nodes and heat maps: red > 0, blue < 0, white ≈ 0
POSITIVE = "#c0392b"     # edges with w > 0; gradients travelling back in a graph
NEGATIVE = "#2c6fbb"     # edges with w < 0
HIGHLIGHT = "#fff1a8"    # background of the active layer
CURRENT = "#d35400"      # the item being computed: a bar, a marker, a callout
DONE = "#7a9cc6"         # bars already computed
PENDING = "#dde3ea"      # bars still to come
OTHER = "#95a5a6"        # bars that are neither
CURVE = "#34495e"        # loss curves
ACCENT = "#1f3b73"       # the classroom's step chips and loss curve
CALLOUT = "#fff4e6"      # background of the classroom's question box
INK, MUTED, RULE = "#111111", "#555555", "#444444"
GOOD, BAD, WARN = "#1e7b34", "#b03a2e", "#8a5a00"   # verdicts; WARN also notes a live kernel
NODE, LEAF = "#eef3fa", "#fdf6e3"   # computational graphs: nodes, inputs and parameters
CLASS_COLOURS = plt.get_cmap("tab10").colors   # one colour per class (regions use tints)


def fmt(v: float, digits: int = 3) -> str:
    """A number as the panels and figures print it: ``digits`` significant
    digits and a true minus sign, e.g. ``fmt(-0.012345) == "−0.0123"``."""
    s = re.sub(r"e([+-])0*(\d)", lambda m: "e" + m.group(1).replace("+", "") + m.group(2),
               f"{float(v):.{digits}g}")
    return s.replace("-", "\u2212")


_SUP = str.maketrans("0123456789+-()lLT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ˡᴸᵀ")
_SUB = str.maketrans("0123456789lL", "₀₁₂₃₄₅₆₇₈₉ₗL")


def sup(s) -> str:
    """Unicode superscript, e.g. ``"δ" + sup("(2)")`` gives δ⁽²⁾."""
    return str(s).translate(_SUP)


def sub(s) -> str:
    """Unicode subscript, e.g. ``"σ" + sub(2)`` gives σ₂."""
    return str(s).translate(_SUB)


def layer(name: str, l) -> str:
    """name⁽ˡ⁾ in Unicode, e.g. ``layer("W", 2) == "W⁽²⁾"``."""
    return f"{name}{sup(f'({l})')}"


def symmetric_limit(arrays: Iterable) -> float:
    """The largest abs(value) in ``arrays``: the end of a colour scale
    centred on 0 (1.0 when every value is 0, so the scale never collapses)."""
    top = max((float(np.max(np.abs(a))) for a in arrays if np.size(a)), default=0.0)
    return top if top > 0 else 1.0


def log_axis(ax) -> None:
    """A log y axis with plain-text labels such as 0.001 or 1e−5 (mathtext
    labels are slow to draw)."""
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _: fmt(y, 1) if y < 1e-2 or y > 1e2 else f"{y:g}"))


def mathtext(latex: str) -> str:
    """The LaTeX of :mod:`bpcore.equations` in the subset matplotlib's
    mathtext understands (no ``\\big``, ``\\tfrac``, ``\\lVert``), wrapped in $…$."""
    for a, b in ((r"\big(", "("), (r"\big)", ")"), (r"\tfrac", r"\frac"),
                 (r"\lVert", r"\Vert"), (r"\rVert", r"\Vert")):
        latex = latex.replace(a, b)
    return f"${latex}$"
