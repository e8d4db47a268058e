"""Shared by the tests: the matplotlib backend, the CJK check, the figure
recorder, the numbers a panel shows and the slider-link check.

The backend is set here, once, before any test module is imported (pytest
loads this file first): test files do not call ``matplotlib.use``.
"""
import html
import os
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

import bpcore.widgets.html
from tools.chromium import CHROMIUM_ARGS, chromium_path, serve

# The built book: _build/ (make book), or another build folder, e.g. one made
# with `jupyter-book build --path-output DIR .`: BOOK_BUILD=DIR/_build pytest ...
BUILD = Path(os.environ.get("BOOK_BUILD", Path(__file__).resolve().parents[1] / "_build"))

# The two editions of the built book (README "Two editions"): a page's path
# is the edition's folder + its docname, the Chinese one at the site's root.
EDITIONS = ("", "en/")


def both_editions(docnames) -> list[str]:
    """Every docname in the Chinese edition, then in the English one
    ("en/book/ch1_forward"), for the tests that check every page of the site."""
    return [edition + d for edition in EDITIONS for d in docnames]

matplotlib.use("Agg")   # after the imports: pyplot picks its backend at the first figure

# Chinese, Japanese and Korean characters (and full-width forms): figures must
# not contain them, since CJK fonts are missing on fresh machines and Binder.
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def close_figures():
    """Every test starts without open figures and leaves none behind."""
    yield
    plt.close("all")


def texts_of(fig) -> list[str]:
    """Every text a figure draws: figure texts, and for each axes its texts
    and annotations, its three titles, axis labels, visible tick labels and
    legend entries (findobj would also build the hidden axes' ticks: slow)."""
    texts = [t.get_text() for t in fig.texts]
    for legend in fig.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        if ax.axison:
            texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend() is not None:
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in texts if t]


def assert_no_cjk(texts) -> None:
    """No text of ``texts`` contains a CJK character."""
    found = [t for t in texts if CJK.search(t)]
    assert not found, f"CJK characters in a figure: {found}"


@pytest.fixture
def figure_texts(monkeypatch):
    """Record the texts of every figure a panel embeds, in order (one list per
    figure, :func:`texts_of`), and skip the PNG encoding (fast)."""
    seen = []

    def fake_png(fig, dpi=90):
        seen.append(texts_of(fig))
        plt.close(fig)
        return "data:image/png;base64,"

    monkeypatch.setattr(bpcore.widgets.html, "png_uri", fake_png)
    return seen


_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?")


def numbers_in(html_text: str) -> list[str]:
    """The numbers a panel's reader sees (tags and inline styles dropped), as
    :func:`bpcore.viz.style.fmt` writes them: compare whole numbers, so that
    "0.12" is not found inside "0.123"."""
    return _NUMBER.findall(html.unescape(re.sub(r"<[^>]*>", " ", html_text)))


def assert_links(s, n_panels):
    """A PanelSlider with n_panels panels: Play ↔ slider ↔ Stack joined by
    jslinks (they run in the browser), no widget description."""
    assert len(s.stack.children) == n_panels
    assert (s.slider.min, s.slider.max) == (0, n_panels - 1)
    assert (s.play.min, s.play.max) == (0, n_panels - 1)
    pairs = {(l.source[0].model_id, l.source[1], l.target[0].model_id, l.target[1])
             for l in s.links}
    assert (s.play.model_id, "value", s.slider.model_id, "value") in pairs
    assert (s.slider.model_id, "value", s.stack.model_id, "selected_index") in pairs
    assert all(type(l).__name__ == "Link" for l in s.links)   # jslink, not a Python callback
    # a static page would typeset a description with MathJax 2's API
    assert s.slider.description == "" and s.play.description == ""


# --------------------------------------------------------------------------
# The browser tests' session fixtures (helpers in browser_kit.py)
# --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    import browser_kit  # here, not at the top: browser_kit imports this module

    exe = chromium_path()
    if exe is None:
        browser_kit.missing("no Chromium found (/usr/bin/chromium or $CHROMIUM): "
                            "`apt-get install chromium` to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_kit.missing("the playwright package is not installed (requirements.txt has it)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
    except Exception as e:      # a broken install: say what happened
        pw.stop()
        browser_kit.missing(f"Chromium at {exe} does not start under Playwright: {e}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="session")
def server():
    """_build/html on http://127.0.0.1:<free port>/, in a thread."""
    httpd, base = serve(BUILD / "html")
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def bases(server):
    return {"http": server, "file": (BUILD / "html").as_uri() + "/"}


@pytest.fixture
def english():
    """What code prints is English during the test (bpcore.i18n), then the
    language it was."""
    from bpcore import i18n

    before = i18n.language()
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language(before)
