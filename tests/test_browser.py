"""The built book (_build/html) in a real browser: Debian's Chromium driven by
Playwright, the pages served from a local HTTP server and opened from disk
(file://), as a reader with no network would.

Run after `make book` (`make test` does). Without Chromium or Playwright the
tests are skipped with the reason, except when CI=true: there a missing
browser is a failure (.ci/run installs Debian's chromium). Chromium is
/usr/bin/chromium, or the path in $CHROMIUM. Screenshots go to
_build/screenshots/.

Every page of _toc.yml is checked for console errors (the theme's included),
requests leaving the site, typeset maths, broken images and dead internal
links. The sliders of chapters 1 and 3 are driven from the keyboard, the
mouse and the Play button; chapter 3's δ numbers are compared with
bpcore.backward on the chapter's own network; chapter 5's epoch replay must
change its picture; a 375-px phone viewport and dark mode must not overflow.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from browser_kit import HTML, INFO_JS, Visit, open_page
from conftest import BUILD, EDITIONS, both_editions

import bpcore as bp
from tools.toc import pages

ROOT = Path(__file__).resolve().parents[1]
SHOTS = BUILD / "screenshots"

pytestmark = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)",
)


# --------------------------------------------------------------------------
# The pages
# --------------------------------------------------------------------------
PAGES = both_editions(pages())   # every page of _toc.yml, in both editions
CH1, CH3, CH5 = "book/ch1_forward", "book/ch3_backprop_deltas", "book/ch5_update"
MODES = ["http", "file"]


_VISITS: dict[tuple[str, str], Visit] = {}


@pytest.fixture(scope="session")
def visit(browser, bases):
    """visit(mode, docname): the page loaded once per mode (cached), its
    console, requests and DOM facts recorded."""
    def get(mode: str, docname: str) -> Visit:
        key = (mode, docname)
        if key not in _VISITS:
            context, page, v = open_page(browser, bases[mode], docname)
            try:
                page.wait_for_timeout(300)          # late font / image errors
                v.info = page.evaluate(INFO_JS)
            finally:
                context.close()
            _VISITS[key] = v
        return _VISITS[key]
    return get


def built(docname: str) -> None:
    if not (HTML / f"{docname}.html").is_file():
        pytest.fail(f"{docname} is in _toc.yml but {docname}.html is not built")


# --------------------------------------------------------------------------
# Every page
# --------------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("docname", PAGES)
def test_no_console_errors(visit, mode, docname):
    built(docname)
    v = visit(mode, docname)
    assert not v.page_errors, f"{v.url}: uncaught exceptions: {v.page_errors}"
    assert not v.console_errors, f"{v.url}: console errors: {v.console_errors}"
    assert not v.failed, f"{v.url}: failed requests: {v.failed}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("docname", PAGES)
def test_no_request_leaves_the_site(visit, mode, docname):
    """From http://127.0.0.1 and from file:// with the network cut, the page
    asks for nothing but its own files (no CDN, no web font, no thebe)."""
    built(docname)
    v = visit(mode, docname)
    assert not v.outside, f"{v.url} requested outside the site: {v.outside}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("docname", PAGES)
def test_maths_is_typeset(visit, mode, docname):
    built(docname)
    v = visit(mode, docname)
    info = v.info
    source_has_maths = 'class="math' in (HTML / f"{docname}.html").read_text(encoding="utf8")
    if source_has_maths:
        assert info["maths"] > 0 and info["mjx"] > 0, f"{v.url}: maths not typeset by MathJax"
    assert not info["untypeset"], f"{v.url}: maths left as TeX: {info['untypeset']}"
    assert not info["raw_tex"], f"{v.url}: raw TeX in the text: {info['raw_tex']}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("docname", PAGES)
def test_images_load(visit, mode, docname):
    built(docname)
    v = visit(mode, docname)
    assert not v.info["broken_images"], f"{v.url}: broken images: {v.info['broken_images']}"


@functools.cache
def ids_in(path: Path) -> frozenset[str]:
    text = path.read_text(encoding="utf8", errors="replace")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))


@pytest.mark.parametrize("docname", PAGES)
def test_internal_links_resolve(visit, bases, docname):
    """Every link into the site names a file that exists in _build/html, and
    its #anchor exists in that file (external links are not followed)."""
    built(docname)
    v = visit("http", docname)
    base = bases["http"]
    bad = []
    for href in v.info["links"]:
        if not href.startswith(base):
            continue
        parts = urlsplit(href)
        rel = unquote(parts.path)[len(urlsplit(base).path):] or "index.html"
        target = HTML / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            bad.append(f"{href}: no file {target.relative_to(HTML)}")
        elif parts.fragment and target.suffix == ".html":
            anchor = unquote(parts.fragment)
            if anchor not in ids_in(target):
                bad.append(f"{href}: no id {anchor!r} in {target.relative_to(HTML)}")
    assert not bad, f"{docname}: dead internal links:\n" + "\n".join(bad)


# --------------------------------------------------------------------------
# Sliders (bpcore.widgets.slider.PanelSlider: a VBox of [HBox(Play, label, IntSlider),
# Stack of HTML panels]; ipywidgets 8's Stack view holds only the selected
# panel in the DOM, so "the visible panel" is the Stack's one child)
# --------------------------------------------------------------------------
SLIDERS_JS = """() => [...document.querySelectorAll('.widget-play')].map(play => {
  const row = play.parentElement;
  const stack = row.nextElementSibling;
  const handle = row.querySelector('.noUi-handle');
  if (!stack || !handle) return null;
  const panel = stack.firstElementChild;
  const img = panel ? panel.querySelector('img') : null;
  const label = row.querySelector('.widget-html');
  return {value: Number(handle.getAttribute('aria-valuenow')),
          max: Number(handle.getAttribute('aria-valuemax')),
          shown: stack.children.length,
          text: panel ? panel.innerText.trim() : '',
          image: img && img.complete && img.naturalWidth > 0 ? img.src : null,
          label: label ? label.innerText.trim() : ''};
})"""


class Slider:
    """The n-th PanelSlider of the page (document order of its Play)."""

    def __init__(self, page, n: int):
        self.page, self.n = page, n
        play = page.locator(".widget-play").nth(n)
        row = play.locator("xpath=..")
        self.box = row.locator("xpath=..")
        self.handle = row.locator(".noUi-handle")
        self.track = row.locator(".noUi-base")
        self.play_button = play.locator("button").first

    def state(self) -> dict:
        return self.page.evaluate(SLIDERS_JS)[self.n]

    def wait(self, what: str, ok, timeout: float = 5.0) -> dict:
        """Poll until ok(state) holds; fail saying what was awaited."""
        for _ in range(int(timeout / 0.05)):
            st = self.state()
            if ok(st):
                return st
            self.page.wait_for_timeout(50)
        raise AssertionError(f"slider {self.n}: {what} did not happen within {timeout} s; "
                             f"state {dict(st, text=st['text'][:80])}")

    def play_icons(self) -> int:
        """Icons drawn on the Play button: an <svg> and/or the icon font's
        ::before glyph (FontAwesome's JS and the widget manager's CSS)."""
        return self.play_button.evaluate("""b => {
          const i = b.querySelector('i');
          const glyph = !['none', 'normal', '""'].includes(
              getComputedStyle(i, '::before').content);
          return b.querySelectorAll('svg').length + (glyph ? 1 : 0);
        }""")

    def press(self, key: str) -> None:
        self.handle.focus()
        self.handle.press(key)

    def drag_to(self, fraction: float) -> None:
        """Drag the handle with the mouse to a fraction of the track."""
        self.handle.scroll_into_view_if_needed()
        h, t = self.handle.bounding_box(), self.track.bounding_box()
        y = h["y"] + h["height"] / 2
        mouse = self.page.mouse
        mouse.move(h["x"] + h["width"] / 2, y)
        mouse.down()
        mouse.move(t["x"] + fraction * t["width"], y, steps=8)
        mouse.up()


def sliders_on(page) -> list:
    return page.evaluate(SLIDERS_JS)


def toc_or_skip(docname: str) -> None:
    if docname not in PAGES:
        pytest.skip(f"{docname} is not in _toc.yml (yet): nothing to test")
    built(docname)


@pytest.fixture
def chapter(browser, bases):
    """chapter(docname, mode="http", **context args) -> page; the console
    must stay clean and the site closed while the test drives the page."""
    opened = []

    def open_(docname, mode="http", **kw):
        toc_or_skip(docname)
        context, page, v = open_page(browser, bases[mode], docname, **kw)
        opened.append((context, v))
        return page

    yield open_
    for context, v in opened:
        context.close()
        v.assert_clean()


def drive(s: Slider, panel_ok) -> None:
    """The arrow keys, the mouse and Play each change the visible panel, and
    the panel shown is always the one for the slider's value:
    panel_ok(value, state) says so."""
    first = s.state()
    assert first["value"] == 0 and first["max"] >= 1 and first["shown"] == 1, first
    assert panel_ok(0, first), f"panel 0 is not the expected one: {first['text'][:80]!r}"
    s.press("ArrowRight")
    st = s.wait("ArrowRight -> panel 1",
                lambda st: st["value"] == 1 and st["text"] != first["text"])
    assert panel_ok(1, st), st["text"][:80]
    s.press("ArrowLeft")
    s.wait("ArrowLeft -> panel 0", lambda st: st["value"] == 0 and st["text"] == first["text"])
    s.drag_to(1.0)
    last = s.wait("drag to the end -> last panel", lambda st: st["value"] == first["max"])
    assert last["text"] != first["text"] and panel_ok(first["max"], last), last["text"][:80]
    s.drag_to(0.0)
    s.wait("drag to the start -> panel 0",
           lambda st: st["value"] == 0 and st["text"] == first["text"])
    assert s.play_icons() == 1, "Play's button shows more than one icon"
    s.play_button.click()
    st = s.wait("Play -> panel 1", lambda st: st["value"] >= 1 and st["text"] != first["text"],
                timeout=6.0)
    assert panel_ok(st["value"], st), st["text"][:80]
    assert s.play_icons() == 1, "Play's button shows more than one icon"


def heading_layer(text: str) -> int | None:
    """l of a panel headed "l = 2：…" or "l = L = 3：…" (bpcore.widgets.layers)."""
    m = re.match(r"l = (?:L = )?(\d+)", text)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize("mode", MODES)
def test_ch1_forward_slider(chapter, mode):
    """Chapter 1's forward slider, from http:// and from disk: panel k is
    layer l = k (keys, mouse, Play)."""
    page = chapter(CH1, mode)
    assert sliders_on(page) and sliders_on(page)[0], "chapter 1 shows no slider"
    drive(Slider(page, 0), lambda k, st: heading_layer(st["text"]) == k)


def ch3_network():
    """The chapter's own network, x and y: the code cell of
    ch3_backprop_deltas.ipynb that builds them, run here."""
    nb = json.loads((ROOT / "book" / "ch3_backprop_deltas.ipynb").read_text(encoding="utf8"))
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and "Network.from_params" in src and "x = " in src:
            ns = {"bp": bp, "np": np}
            exec(compile(src, "ch3_backprop_deltas.ipynb (network cell)", "exec"), ns)
            return ns["net"], ns["x"], ns["y"]
    raise AssertionError("chapter 3 has no cell building `net` with Network.from_params")


SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def shown_vector(page, n: int, label: str) -> list[float] | None:
    """The numbers of the column vector labelled `label` in the visible panel
    of slider n (bpcore.widgets.html.vector: a label div, then a div of cells)."""
    cells = page.evaluate("""([n, label]) => {
      const row = document.querySelectorAll('.widget-play')[n].parentElement;
      const panel = row.nextElementSibling.firstElementChild;
      const div = [...panel.querySelectorAll('div')].find(
          d => d.textContent.trim() === label && d.nextElementSibling);
      return div ? [...div.nextElementSibling.children].map(c => c.textContent) : null;
    }""", [n, label])
    return None if cells is None else [float(c.replace("\u2212", "-")) for c in cells]


@pytest.mark.parametrize("edition", EDITIONS)
def test_ch3_delta_slider_matches_bpcore(chapter, edition):
    """Chapter 3's δ slider, in both editions: panel k is layer l = L − k,
    and the δ⁽ˡ⁾ it prints (3 significant digits) is bpcore.backward's δ⁽ˡ⁾
    for the chapter's network; keys, mouse and Play move it."""
    net, x, y = ch3_network()
    delta = bp.backward(net, bp.forward(net, x), y, "mse").delta
    page = chapter(edition + CH3)
    s = Slider(page, 0)
    assert s.state()["max"] == net.L - 1, f"{s.state()['max'] + 1} panels, L = {net.L}"

    def panel_ok(k, st):
        return heading_layer(st["text"]) == net.L - k

    drive(s, panel_ok)
    s.drag_to(0.0)
    s.wait("back to panel 0", lambda st: st["value"] == 0)
    seen = []
    for k in range(net.L):
        if k:
            s.press("ArrowRight")
        st = s.wait(f"panel {k}", lambda st, k=k: st["value"] == k and panel_ok(k, st))
        l = heading_layer(st["text"])
        seen.append(l)
        label = f"δ({l})".translate(SUP)
        shown = shown_vector(page, 0, label)
        assert shown is not None, f"panel {k} shows no vector labelled {label}"
        np.testing.assert_allclose(shown, delta[l][:, 0], rtol=5e-3, atol=1e-12,
                                   err_msg=f"{label} on panel {k} is not bpcore.backward's")
    assert seen == list(range(net.L, 0, -1))


def test_ch5_epoch_replay_moves_its_marker(chapter):
    """Chapter 5's replay (a PanelSlider labelled "epoch", a loss-curve
    picture per epoch): moving the slider shows another panel with another
    picture (the marker has moved)."""
    page = chapter(CH5)
    groups = sliders_on(page)
    replay = [i for i, g in enumerate(groups) if g and "epoch" in g["label"].lower()]
    labels = [g and g["label"] for g in groups]
    assert replay, f"chapter 5 has no slider labelled 'epoch' (labels: {labels})"
    s = Slider(page, replay[0])
    s.box.scroll_into_view_if_needed()
    first = s.state()
    assert first["image"], "the replay's panel shows no picture"
    SHOTS.mkdir(parents=True, exist_ok=True)
    s.box.screenshot(path=str(SHOTS / "ch5_update-replay-first.png"))
    s.press("ArrowRight")
    second = s.wait("ArrowRight -> next epoch",
                    lambda st: st["value"] == first["value"] + 1 and st["image"] is not None
                    and st["image"] != first["image"])
    s.drag_to(1.0)
    last = s.wait("drag to the last epoch", lambda st: st["value"] == first["max"]
                  and st["image"] is not None and st["image"] != second["image"])
    assert last["image"] != first["image"]
    s.box.screenshot(path=str(SHOTS / "ch5_update-replay-last.png"))


# --------------------------------------------------------------------------
# Phone and dark mode
# --------------------------------------------------------------------------
OVERFLOW_JS = """() => {
  const main = document.querySelector('article.bd-article') || document.querySelector('main');
  return {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
          main: main.scrollWidth, main_client: main.clientWidth,
          theme: document.documentElement.dataset.theme};
}"""


@pytest.mark.parametrize("docname", [CH1, CH3])
@pytest.mark.parametrize("look", ["phone", "dark"])
def test_phone_and_dark_mode(chapter, docname, look):
    kw = {}
    if "phone" in look:
        kw.update(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                  is_mobile=True, has_touch=True)
    if "dark" in look:
        kw.update(color_scheme="dark")
    page = chapter(docname, **kw)
    o = page.evaluate(OVERFLOW_JS)
    if "dark" in look:
        assert o["theme"] == "dark", f"prefers-color-scheme: dark gave data-theme={o['theme']!r}"
    assert o["page"] <= o["viewport"], f"the page scrolls sideways: {o}"
    assert o["main"] <= o["main_client"] + 1, f"the main text overflows: {o}"
    s = Slider(page, 0)
    s.box.scroll_into_view_if_needed()
    first = s.state()
    s.press("ArrowRight")
    s.wait("ArrowRight -> panel 1", lambda st: st["value"] == 1 and st["text"] != first["text"])
    s.drag_to(0.0)
    s.wait("drag back -> panel 0", lambda st: st["value"] == 0 and st["text"] == first["text"])
    s.press("ArrowRight")
    s.wait("ArrowRight -> panel 1", lambda st: st["value"] == 1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{Path(docname).name}-{look}"
    page.screenshot(path=str(SHOTS / f"{name}-page.png"))
    s.box.screenshot(path=str(SHOTS / f"{name}-slider.png"))


# --------------------------------------------------------------------------
# Print: every slider state as small multiples
# --------------------------------------------------------------------------
PRINT_JS = """() => [...document.querySelectorAll('.bp-print-frames')].map(box => ({
  display: getComputedStyle(box).display,
  frames: box.children.length,
  images: [...box.querySelectorAll('img')].filter(i => i.complete && i.naturalWidth > 0).length,
  hidden_controls: [...box.parentElement.querySelectorAll(':scope > .bp-screen-only')]
                     .every(w => getComputedStyle(w).display === 'none'),
}))"""


@pytest.mark.parametrize("docname", [CH3, "book/classroom"])
def test_print_shows_every_panel(chapter, docname):
    """Printed (or saved as PDF), a slider shows all its panels as small
    multiples — not one frozen panel — and no Play or slider."""
    page = chapter(docname)
    on_screen = page.evaluate(PRINT_JS)
    assert on_screen and all(b["display"] == "none" for b in on_screen), on_screen
    maxima = [g["max"] for g in sliders_on(page) if g]
    page.emulate_media(media="print")
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]')"
                  ".forEach(i => i.loading = 'eager')")
    page.wait_for_timeout(300)
    printed = page.evaluate(PRINT_JS)
    for box in printed:
        assert box["display"] == "grid", printed
        assert box["hidden_controls"], f"controls still visible in print: {printed}"
        assert box["images"] == box["frames"], f"a printed panel shows no picture: {printed}"
    if docname == CH3:
        assert [b["frames"] for b in printed] == [m + 1 for m in maxima], (printed, maxima)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SHOTS / f"{Path(docname).name}-print.pdf"))
