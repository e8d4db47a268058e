"""bpcore.viz.style: the number format, the Unicode indices, the colour scale
limit and the log axis shared by every figure and panel."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from bpcore.equations import EQUATIONS, latex
from bpcore.viz import style


def test_fmt_uses_true_minus_and_short_exponents():
    assert style.fmt(-0.012345) == "−0.0123"
    assert style.fmt(1.5e-5) == "1.5e−5"
    assert style.fmt(2.5e12) == "2.5e12"
    assert style.fmt(2.0) == "2"
    assert style.fmt(np.float32(0.125), 2) == "0.12"
    assert "-" not in style.fmt(-3e-9)


def test_sup_sub_and_layer():
    assert "δ" + style.sup("(2)") == "δ⁽²⁾"
    assert style.sup("T") == "ᵀ" and style.sup("(L)") == "⁽ᴸ⁾"
    assert "σ" + style.sub(2) == "σ₂"
    assert style.layer("W", 2) == "W⁽²⁾"
    assert style.layer("a", "l-1") == "a⁽ˡ⁻¹⁾"


@pytest.mark.parametrize("arrays, expected", [
    ([np.array([0.5, -2.0]), np.array([[1.0]])], 2.0),     # the largest |value| of all
    ([np.array([-3.0])], 3.0),
    ([np.zeros(3), np.zeros((2, 2))], 1.0),                # all zeros: the scale never collapses
    ([np.array([]), np.zeros(2)], 1.0),                    # empty arrays are skipped
    ([], 1.0),
    ((a for a in [np.array([0.25])]), 0.25),               # any iterable, e.g. a generator
])
def test_symmetric_limit(arrays, expected):
    assert style.symmetric_limit(arrays) == expected


def test_log_axis_labels_are_plain_text():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1e-6, 1e-2, 10.0])
    style.log_axis(ax)
    assert ax.get_yscale() == "log"
    fig.canvas.draw()
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert {"1e−6", "0.01", "10"} <= labels
    assert not any("$" in t for t in labels)      # no mathtext: it is slow to draw
    assert len(ax.yaxis.get_minorticklocs()) == 0   # no minor ticks between the decades


def test_mathtext_of_every_equation_renders():
    fig = plt.figure()
    for label in EQUATIONS:
        tex = style.mathtext(latex(label))
        assert tex.startswith("$") and tex.endswith("$")
        assert r"\big" not in tex and r"\tfrac" not in tex and r"\lVert" not in tex
        fig.text(0, 0.5, tex)
    fig.canvas.draw()              # raises if mathtext cannot parse one


def test_one_palette():
    hexes = [style.POSITIVE, style.NEGATIVE, style.CURRENT, style.DONE, style.PENDING]
    assert all(h.startswith("#") and len(h) == 7 for h in hexes)
    assert len(set(hexes)) == len(hexes)           # the encodings are distinguishable
