"""The panel toolkit: the HTML pieces every slider panel is made of.

A panel is plain HTML: an inline PNG of a matplotlib figure (base64 ``data:``
URI) and the equation written out with its numbers as column vectors. Plain
HTML because the built book has no kernel and the widget manager of a static
page does not typeset MathJax inside widgets (ipywidgets' ``typeset`` only
knows MathJax 2's ``MathJax.Hub``; Jupyter Book loads MathJax 3): the
equations inside figures are matplotlib mathtext, the numbers are HTML with
Unicode symbols (δ⁽²⁾, Wᵀ, ⊙), so a panel looks the same live, in the HTML
book and offline. All inline styles: the book's CSS is not needed.
"""
from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from ..equations import EQUATIONS
from ..i18n import t
from ..viz.style import MUTED, RULE, WARN, fmt, mathtext


def png_uri(fig, dpi: int = 90) -> str:
    """The figure as a ``data:image/png;base64,…`` URI (palette PNG, small);
    the figure is closed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    try:
        from PIL import Image

        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
        img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        buf = io.BytesIO()
        img.save(buf, format="PNG", optimize=True)
    except ImportError:  # pragma: no cover - pillow comes with matplotlib
        pass
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


# Pixel density of the panels' PNGs: drawn at dpi × DENSITY, laid out at the
# size of dpi (the <img> width and height), so they stay sharp on a projector
# (presentation mode shows them up to their pixel size) and on HiDPI screens.
DENSITY = 2


def img(fig, alt: str, dpi: int = 90, density: int = DENSITY) -> str:
    """An ``<img>`` tag holding the figure, with alt text: a PNG of
    ``density`` × ``dpi`` whose ``width``/``height`` are the size at ``dpi``
    (the page's layout is that of a ``dpi`` image)."""
    w, h = (int(round(x * dpi)) for x in fig.get_size_inches())
    return (f'<img class="bp-figure" src="{png_uri(fig, dpi * density)}" '
            f'width="{w}" height="{h}" alt="{html.escape(alt)}" '
            f'style="max-width:100%;height:auto;display:block">')


_BRACKET = (f"border-left:2px solid {RULE};border-right:2px solid {RULE};"
            "border-radius:5px;padding:1px 5px;")
_TERM = "display:inline-flex;flex-direction:column;align-items:center;margin:0 3px"


def vector(v: Sequence[float], label: str) -> str:
    """A column vector with ``label`` above it (label in Unicode, escaped)."""
    cells = "".join(f'<div style="text-align:right">{fmt(x)}</div>' for x in np.ravel(v))
    return (f'<div class="bp-term" style="{_TERM}">'
            f'<div style="font-size:85%;white-space:nowrap">{html.escape(label)}</div>'
            f'<div class="bp-cells" style="{_BRACKET}font-family:monospace">{cells}</div></div>')


def matrix(M: np.ndarray, label: str, max_entries: int = 64) -> str:
    """A matrix like :func:`vector`; larger than ``max_entries`` it is named
    with its shape instead of printed."""
    M = np.atleast_2d(M)
    if M.size > max_entries:
        return op(f"{label} ({M.shape[0]}×{M.shape[1]})")
    cells = "".join(f'<div style="text-align:right">{fmt(x)}</div>' for x in M.ravel())
    return (f'<div class="bp-term" style="{_TERM}">'
            f'<div style="font-size:85%;white-space:nowrap">{html.escape(label)}</div>'
            f'<div class="bp-cells" style="{_BRACKET}font-family:monospace;display:grid;'
            f'column-gap:8px;'
            f'grid-template-columns:repeat({M.shape[1]},auto)">{cells}</div></div>')


def op(symbol: str) -> str:
    """An operator (=, +, ⊙, …) between the vectors of an equation row."""
    return (f'<div class="bp-op" style="align-self:center;font-size:125%;margin:14px 4px 0 4px">'
            f'{html.escape(symbol)}</div>')


def row(*items: str) -> str:
    """Items side by side, wrapping on narrow screens (class ``bp-row``: the
    book's presentation mode keeps it on one line)."""
    return ('<div class="bp-row" style="display:flex;flex-wrap:wrap;align-items:flex-start;'
            'margin:4px 0">' + "".join(items) + "</div>")


def panel(heading: str, body: Sequence[str], note: str = "", *,
          data: Mapping[str, object] | None = None) -> str:
    """The whole panel: a bold heading, the body pieces, a small grey note.
    ``data`` becomes ``data-*`` attributes of the panel's root, e.g.
    ``{"summary": …}`` (what the page's live region reads) or ``{"lr": 0.5}``."""
    attrs = "".join(f' data-{k.replace("_", "-")}="{html.escape(str(v))}"'
                    for k, v in (data or {}).items())
    out = [f'<div class="bp-heading" style="font-weight:bold;margin:2px 0 4px 0">'
           f'{html.escape(heading)}</div>', *body]
    if note:
        out.append(f'<div class="bp-note" style="font-size:85%;color:{MUTED};margin-top:4px">'
                   f'{html.escape(note)}</div>')
    return (f'<div class="bp-panel"{attrs} style="max-width:780px;line-height:1.35">'
            + "".join(out) + "</div>")


def instantiate(label: str, l: int, L: int) -> str:
    """The mathtext of equation ``label`` with the layer numbers filled in,
    followed by its number, e.g. for ("eq-delta-l", 2, 3):
    δ⁽²⁾ = (W⁽³⁾)ᵀ δ⁽³⁾ ⊙ σ₂′(z⁽²⁾)   (3.1)."""
    number, tex = EQUATIONS[label]
    for a, b in (("(l+1)", f"({l + 1})"), ("(l-1)", f"({l - 1})"), ("(l)", f"({l})"),
                 (r"\sigma_l", rf"\sigma_{{{l}}}"), ("(L)", f"({L})"),
                 (r"\sigma_L", rf"\sigma_{{{L}}}")):
        tex = tex.replace(a, b)
    return mathtext(tex) + f"$\\quad ({number})$"


def live_note(text: str | None = None, px: int | None = None) -> str:
    """The note above controls that need a live kernel (Python callbacks):
    ``text``, or by default the general one (``bpcore.i18n``)."""
    if text is None:
        text = t("以下控件需要运行中的 Python 内核 (live kernel)：在 JupyterLab、"
                 "Binder 或 Colab 里有效，在静态网页里不起作用。")
    size = f"{px}px" if px else "90%"
    return (f'<div class="bp-live-note" style="color:{WARN};font-size:{size}">'
            f'{html.escape(text)}</div>')
