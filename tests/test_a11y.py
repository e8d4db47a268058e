"""Accessibility of the built book: axe-core, the engine of the browsers' own
audit tools, run by Playwright in Debian's Chromium on every page of _toc.yml,
in the theme's light and dark colour modes, at desktop (1280×900) and phone
(375 px) width: one axe pass per page and view.

A critical or serious violation fails the page's test. Moderate and minor
ones are listed at the end of the file's run (and with the serious ones in
_build/a11y/axe.json), as a table of the affected elements per rule and view.

axe-core is vendored for the tests only (tests/vendor/axe-core/, written by
tools/vendor.sh; never copied into the site) and injected after the page has
loaded: widgets rendered, MathJax done (browser_kit.open_page).

The colour mode is the reader's choice as pydata-sphinx-theme 0.17 stores it:
localStorage "mode" (and "theme"), read by the inline script at the top of
every page, which sets <html data-mode data-theme> before the page is drawn.

Also here: chapter 3's δ slider in both modes (the panel's background follows
the mode, its figure is drawn dark in dark mode, no contrast violation inside
it; screenshots in _build/screenshots/).
"""
from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from browser_kit import HTML, open_page
from conftest import BUILD, both_editions

from tools.toc import pages

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SHOTS = BUILD / "screenshots"
REPORT = BUILD / "a11y" / "axe.json"

pytestmark = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)",
)

PAGES = both_editions(pages())   # every page of _toc.yml, in both editions
CH3 = "book/ch3_backprop_deltas"
FAIL_ON = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# a phone's layout; device_scale_factor 1 (axe's rules do not depend on it,
# and drawing 4× the pixels made every phone pass slower)
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
VIEWS = {
    "light-desktop": ("light", DESKTOP),
    "dark-desktop": ("dark", DESKTOP),
    "light-375": ("light", PHONE),
    "dark-375": ("dark", PHONE),
}

# The theme's colour-mode toggle stores the reader's choice in localStorage
# ("mode", and "theme"); the page's first inline script applies it before the
# page is drawn (pydata_sphinx_theme/layout.html). The browser's own
# preference stays light: the page must follow the theme's toggle.
def mode_storage(base: str, mode: str) -> dict:
    """A context's storage_state holding the colour mode, set before load."""
    origin = base.rstrip("/")
    return {"cookies": [], "origins": [{"origin": origin, "localStorage": [
        {"name": "mode", "value": mode}, {"name": "theme", "value": mode}]}]}


# One axe pass over the whole document or one element (its default rule set:
# WCAG 2.x A and AA, and best practices); each violation with its elements.
AXE_JS = """async (context) => {
  const r = await axe.run(context || document, {resultTypes: ['violations']});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').slice(0, 300)})),
  }));
}"""

# The colour-mode attributes the theme set, read back.
THEME_JS = "() => [document.documentElement.dataset.mode, document.documentElement.dataset.theme]"


def open_in(browser, base: str, docname: str, mode: str, context_args: dict):
    """open_page with the theme's colour mode chosen before the page loads."""
    context, page, visit = open_page(browser, base, docname,
                                     storage_state=mode_storage(base, mode), **context_args)
    theme = page.evaluate(THEME_JS)
    if theme != [mode, mode]:
        context.close()
        raise AssertionError(f"{docname}: the theme did not apply {mode} mode: {theme}")
    return context, page, visit


def axe(page, element=None) -> list[dict]:
    """axe-core's violations on the page (or inside an ElementHandle)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_JS, element)


def describe(violations: list[dict]) -> str:
    out = []
    for v in violations:
        out.append(f"  {v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}")
        out += [f"      {n['target']}  {n['html'][:100]}" for n in v["nodes"][:4]]
        if len(v["nodes"]) > 4:
            out.append(f"      … and {len(v['nodes']) - 4} more")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Every page, four views
# --------------------------------------------------------------------------
_FOUND: dict[tuple[str, str], list[dict]] = {}     # (docname, view) -> violations


def table(found: dict[tuple[str, str], list[dict]]) -> list[str]:
    """Elements flagged per rule and view, summed over the pages; the pages."""
    views = list(VIEWS)
    count = defaultdict(lambda: defaultdict(int))
    where, impact = defaultdict(set), {}
    for (docname, view), violations in found.items():
        for v in violations:
            count[v["id"]][view] += len(v["nodes"])
            where[v["id"]].add(Path(docname).name)
            impact[v["id"]] = v["impact"]
    head = f"{'rule':30} {'impact':9} " + " ".join(f"{v:>13}" for v in views) + "  pages"
    lines = [head]
    for rule in sorted(count, key=lambda r: (IMPACTS.index(impact[r]), r)):
        lines.append(f"{rule:30} {impact[rule]:9} "
                     + " ".join(f"{count[rule][v]:13d}" for v in views)
                     + "  " + ", ".join(sorted(where[rule])))
    if len(lines) == 1:
        lines.append("(no violation)")
    return lines


def report(pytestconfig, found: dict[tuple[str, str], list[dict]]) -> None:
    """Every violation found: a table, then the moderate and minor ones one
    by one, in the terminal (past pytest's capture) and in _build/a11y/axe.json."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({f"{d} {v}": f for (d, v), f in sorted(found.items())},
                                 ensure_ascii=False, indent=1), encoding="utf8")
    version = re.search(r"axe v([\d.]+)", AXE.read_text(encoding="utf8")[:200])
    lines = [f"axe-core {version and version.group(1)} on {len({d for d, _ in found})} pages × "
             f"{len({v for _, v in found})} views: elements flagged per rule", *table(found)]
    listed = {k: [v for v in f if v["impact"] not in FAIL_ON] for k, f in found.items()}
    if any(listed.values()):
        lines.append("moderate and minor violations (listed, not failed):")
        for (docname, view), violations in sorted(listed.items()):
            if violations:
                lines += [f" {docname} [{view}]", describe(violations)]
    lines.append(f"(every violation: {REPORT})")
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        for line in lines:
            reporter.write_line(line)


@pytest.fixture(scope="module", autouse=True)
def axe_report(pytestconfig):
    """After the file's tests, what axe found on the pages (report())."""
    yield
    if _FOUND:
        report(pytestconfig, _FOUND)


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("docname", PAGES)
def test_axe_finds_no_serious_violation(browser, bases, docname, view):
    """axe-core: no critical or serious violation on the page in this view
    (and no console error while it was loaded)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make vendor` (tools/vendor.sh) writes it", pytrace=False)
    if not (HTML / f"{docname}.html").is_file():
        pytest.fail(f"{docname} is in _toc.yml but {docname}.html is not built", pytrace=False)
    mode, context_args = VIEWS[view]
    context, page, visit = open_in(browser, bases["http"], docname, mode, context_args)
    try:
        violations = axe(page)
    finally:
        context.close()
    _FOUND[docname, view] = violations
    errors = visit.page_errors + visit.console_errors
    assert not errors, f"{docname} [{view}]: errors on the page: {errors}"
    bad = [v for v in violations if v["impact"] in FAIL_ON]
    if bad:
        pytest.fail(f"{docname} [{view}]: axe-core finds {len(bad)} critical or serious "
                    f"violation(s):\n{describe(bad)}", pytrace=False)


# --------------------------------------------------------------------------
# Chapter 3's δ slider in both colour modes
# --------------------------------------------------------------------------
# The colour a reader sees behind the panel: the first opaque background of
# the panel or its ancestors, as [r, g, b] (0–255).
BACKGROUND_JS = """el => {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
    if (c.length < 4 || c[3] > 0.5) return c.slice(0, 3);
  }
  return [255, 255, 255];
}"""


def luminance(rgb) -> float:
    """WCAG's relative luminance of an sRGB colour (0–255 channels)."""
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(float(c)) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def image_colours(png: bytes) -> dict:
    """Mean luminance of a screenshot, and how many of its pixels are
    clearly red (r ≫ g, b) and clearly blue (b ≫ r, g)."""
    import numpy as np
    from PIL import Image

    px = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    c = px / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    mean = float((lin @ np.array([0.2126, 0.7152, 0.0722])).mean())
    reds = int(((r - b > 80) & (r - g > 60)).sum())
    blues = int(((b - r > 80) & (b - g > 20)).sum())
    return {"mean": mean, "reds": reds, "blues": blues}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_ch3_delta_slider_follows_the_colour_mode(browser, bases, mode):
    """The δ slider's panel is light on the light page and dark on the dark
    one, its figure too (red stays red, blue stays blue: the sign of δ), and
    axe finds no contrast violation inside the slider."""
    if CH3 not in PAGES:
        pytest.skip(f"{CH3} is not in _toc.yml")
    context, page, visit = open_in(browser, bases["http"], CH3, mode, DESKTOP)
    try:
        # the first slider's widget output: controls, panel, extras
        box = page.locator(".widget-subarea").filter(has=page.locator(".widget-play")).first
        box.scroll_into_view_if_needed()
        panel = box.locator(".bp-panel").first
        figure = panel.locator("img.bp-figure").first
        background = panel.evaluate(BACKGROUND_JS)
        page_background = page.locator("body").evaluate(BACKGROUND_JS)
        colours = image_colours(figure.screenshot())
        SHOTS.mkdir(parents=True, exist_ok=True)
        box.screenshot(path=str(SHOTS / f"ch3_backprop_deltas-delta-slider-{mode}.png"))
        contrast = [v for v in axe(page, box.element_handle()) if v["id"] == "color-contrast"]
    finally:
        context.close()
    visit.assert_clean()
    if mode == "dark":
        assert luminance(background) < 0.05, f"the panel's background is {background} in dark mode"
        assert abs(luminance(background) - luminance(page_background)) < 0.05, \
            f"the panel ({background}) stands out of the dark page ({page_background})"
        assert colours["mean"] < 0.3, f"the panel's figure is light in dark mode: {colours}"
    else:
        assert luminance(background) > 0.8, f"the panel's background is {background} in light mode"
        assert colours["mean"] > 0.6, f"the panel's figure is dark in light mode: {colours}"
    assert colours["reds"] > 0 and colours["blues"] > 0, \
        f"the figure lost its reds or blues (δ > 0, δ < 0): {colours}"
    assert not contrast, f"contrast in the slider, {mode} mode:\n" + describe(contrast)


# --------------------------------------------------------------------------
# Every inline colour of the panels has its dark-mode counterpart
# --------------------------------------------------------------------------
WIDGETS_CSS = Path(__file__).resolve().parents[1] / "_static" / "widgets.css"

# Inline declarations of bpcore's panels that widgets.css handles without an
# attribute selector of their own, or that read well on the dark page as they are.
DARK_OTHERWISE = {
    "color:#111111": ".bp-frame's text colour (INK)",
    "border-left:2px solid #444444": ".bp-cells' brackets (RULE)",
    "border-right:2px solid #444444": ".bp-cells' brackets (RULE)",
    "border-left:6px solid #d35400": "the question box's bar (CURRENT), 4.5:1 on the dark page",
    "background:#1f3b73": "the current step's chip: white on ACCENT in both modes",
    "color:#fff": "the current step's chip: white on ACCENT in both modes",
    "border:2px solid #1f3b73": "the chips' border: recoloured with their text, or on ACCENT",
}
_COLOUR_DECL = re.compile(r"(?:^|;)\s*((?:color|background(?:-color)?|border[a-z-]*)\s*:"
                          r"[^;]*#[0-9a-f]{3,6}[^;]*)", re.I)


def panel_colours() -> dict[str, set[str]]:
    """{inline colour declaration: pages} over the panels' HTML in the saved
    widget state of every page."""
    found = defaultdict(set)
    state = re.compile(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
                       re.S)
    for docname in PAGES:
        text = (HTML / f"{docname}.html").read_text(encoding="utf8")
        for m in state.finditer(text):
            for model in json.loads(m.group(1))["state"].values():
                value = model.get("state", {}).get("value")
                if not isinstance(value, str):
                    continue
                for style in re.findall(r'style="([^"]*)"', value):
                    for decl in _COLOUR_DECL.findall(style):
                        found[re.sub(r"\s*:\s*", ":", decl.strip())].add(Path(docname).name)
    return found


def test_every_panel_colour_has_a_dark_mode_rule():
    """A colour written inline into a panel (bpcore.viz.style's palette) is
    for a white page: widgets.css must give each a dark-mode counterpart (an
    attribute selector [style*="…"]) or DARK_OTHERWISE must say why it needs
    none, so a new colour in bpcore cannot slip into dark mode unreadable."""
    selectors = {sel.rstrip(";") for sel in
                 re.findall(r'\[style\*="([^"]+)"\]', WIDGETS_CSS.read_text(encoding="utf8"))}
    found = panel_colours()
    assert found, "no inline colour in any panel: was the book built with its widgets?"
    missing = {decl: sorted(where) for decl, where in found.items()
               if decl not in DARK_OTHERWISE and decl not in selectors}
    assert not missing, ("panel colours without a dark-mode rule in _static/widgets.css: "
                         f"{missing}")
