"""Issue 12, items 1 and 2, in the built book: links that open a slider at a
given step, and the presentation mode of every slider, in Chromium.

Both live in _static/bp-sliders.js (static book only; a live kernel has the
plain widget). Every slider has a stable id saved in its widget state
("frame" for the classroom explorer, "delta" for chapter 3's δ slider, a
second slider of the same id on a page gets "-2"); the URL hash holds the
positions (#frame=9), applied on load and rewritten with
history.replaceState as the reader moves a slider. "复制链接" copies the URL
of the current step; "演示模式" (or F) shows the slider full screen, scaled
for a projector: at 1024×768 and 1920×1080 nothing overflows sideways, every
equation row stays on one line, no panel picture is shown larger than its
pixel size; Space plays and pauses, the arrows step, Esc leaves. Where the
Fullscreen API is missing (tested by removing it) a class fills the window.
"""
from __future__ import annotations

import pytest
from browser_kit import HTML, open_page
from conftest import BUILD

from bpcore.widgets import classroom
from bpcore.widgets.classroom import draw
from tools.chromium import READY_JS

pytestmark = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)",
)

CLASSROOM, CH3, CH4 = "book/classroom", "book/ch3_backprop_deltas", "book/ch4_param_grads"
SHOTS = BUILD / "screenshots"


def open_at(browser, bases, docname: str, hash_: str, **context_args):
    """The page opened (a full load, not a hash change) at url#hash_, its
    widgets drawn and the positions of the URL applied."""
    context, page, visit = open_page(browser, bases["http"], docname, **context_args)
    page.goto("about:blank")
    page.goto(visit.url + hash_, wait_until="load")
    page.evaluate(READY_JS)
    page.evaluate("bpSliders.applied()")
    return context, page, visit


# Slider n: its id, position, the panel's heading, the frame box (explorer).
STATE_JS = """(n) => {
  const root = document.querySelectorAll('.bp-slider')[n];
  const handle = root.querySelector('.bp-slider-main .noUi-handle');
  const panel = root.querySelector('.bp-slider-stack [data-summary]');
  const box = root.querySelector('.bp-frame-box input');
  const r = root.getBoundingClientRect();
  return {id: root.dataset.bpSliderId,
          value: Math.round(Number(handle.getAttribute('aria-valuenow'))),
          valuetext: handle.getAttribute('aria-valuetext'),
          heading: panel.querySelector('.bp-heading').textContent.trim(),
          box: box ? box.value : null, hash: location.hash, history: history.length,
          in_view: r.top < innerHeight && r.bottom > 0};
}"""


def state(page, n: int = 0) -> dict:
    return page.evaluate(STATE_JS, n)


def wait_for(page, what: str, ok, n: int = 0, timeout: float = 5.0) -> dict:
    for _ in range(int(timeout / 0.05)):
        st = state(page, n)
        if ok(st):
            return st
        page.wait_for_timeout(50)
    raise AssertionError(f"{what} did not happen within {timeout} s: {st}")


# --------------------------------------------------------------------------
# Crisp and light: 2x pictures, every page under 1.5 MB
# --------------------------------------------------------------------------
PAGE_BUDGET = 1_500_000


def test_every_page_stays_under_the_budget():
    """The panels' PNGs have twice the pixels of their layout size
    (bpcore.widgets.html.DENSITY): sharp on a projector, and still every
    built page under 1.5 MB (chapter 3 and the classroom are the largest)."""
    sizes = {p.relative_to(HTML).as_posix(): p.stat().st_size for p in HTML.rglob("*.html")}
    assert f"{CLASSROOM}.html" in sizes and f"{CH3}.html" in sizes
    heavy = {p: n for p, n in sizes.items() if n >= PAGE_BUDGET}
    assert not heavy, f"pages of 1.5 MB or more: {heavy}"
    page = (HTML / f"{CLASSROOM}.html").read_text(encoding="utf8")
    assert 'class=\\"bp-figure\\"' in page or 'class="bp-figure"' in page
    assert 'width=\\"720\\" height=\\"576\\"' in page, \
        "the explorer's frames are not laid out at 90 dpi (8 × 6.4 in)"


# --------------------------------------------------------------------------
# Links to a state
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def frame9_heading() -> str:
    """What frame 9 of the page's explorer (explorer(), chapter's defaults)
    says in its heading, from bpcore."""
    e = classroom.explorer(live=False)
    return draw.summary(e.run, 9).split("：")[0]


def test_classroom_link_opens_frame_9_and_follows_the_slider(browser, bases, frame9_heading):
    context, page, visit = open_at(browser, bases, CLASSROOM, "#frame=9",
                                   permissions=["clipboard-read", "clipboard-write"])
    try:
        st = state(page)
        assert st["id"] == "frame" and st["value"] == 9 and st["box"] == "9", st
        assert st["heading"] == frame9_heading
        assert frame9_heading == "第 2 / 3 次迭代 · 正向传播，第 l = 2 层（式 1.1、1.2）"
        assert st["in_view"], "the page did not scroll to the slider of the link"
        assert st["hash"] == "#frame=9"
        before = st["history"]

        # moving the slider rewrites the hash, adding no history entry
        page.locator(".bp-slider-main .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        st = wait_for(page, "#frame=10", lambda s: s["hash"] == "#frame=10")
        assert st["box"] == "10" and st["history"] == before, st
        for _ in range(3):
            page.keyboard.press("ArrowLeft")
        st = wait_for(page, "#frame=7", lambda s: s["hash"] == "#frame=7")
        page.keyboard.press("Home")
        st = wait_for(page, "position 0 leaves the hash", lambda s: s["hash"] == "")
        assert st["history"] == before, st
        page.keyboard.press("End")
        st = wait_for(page, "End", lambda s: s["hash"] == "#frame=24")

        # copy link: the URL of this step, named for screen readers
        copy = page.locator(".bp-tool-copy").first
        assert copy.inner_text() == "复制链接" and "复制链接" in copy.get_attribute("aria-label")
        copy.click()
        page.wait_for_function("document.querySelector('.bp-tool-status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == visit.url + "#frame=24"
        # without navigator.clipboard: a selected text field holding it
        page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.locator(".bp-slider-main .noUi-handle").first.focus()
        page.keyboard.press("Home")
        wait_for(page, "Home", lambda s: s["value"] == 0)
        copy.click()
        field = page.evaluate("""() => { const f = document.querySelector('.bp-tool-url');
          return {hidden: f.hidden, value: f.value, focused: document.activeElement === f,
                  selected: f.selectionEnd - f.selectionStart, label: f.getAttribute('aria-label'),
                  status: document.querySelector('.bp-tool-status').textContent}; }""")
        assert field == {"hidden": False, "value": visit.url + "#frame=0", "focused": True,
                         "selected": len(visit.url + "#frame=0"), "label": "本步的链接",
                         "status": field["status"]} and field["status"], field
        # a hash typed into the address bar (hashchange) moves the slider too
        page.evaluate("location.hash = 'frame=3'")
        wait_for(page, "hashchange", lambda s: s["box"] == "3")
        visit.assert_clean()
    finally:
        context.close()


def test_chapter_links_open_their_sliders(browser, bases):
    """ch3: #delta=2 is the third panel, l = 1 (the δ slider runs l = 3, 2, 1),
    the other slider of the page stays; ch4's two gradient sliders are grad
    and grad-2 (document order, the same at every build)."""
    context, page, visit = open_at(browser, bases, CH3, "#delta=2")
    try:
        st = state(page)
        assert st["id"] == "delta" and st["value"] == 2 and st["valuetext"] == "l = 1", st
        assert st["heading"].startswith("l = 1："), st
        other = state(page, 1)
        assert other["id"] == "compare" and other["value"] == 0, other
        assert st["hash"] == "#delta=2"
        visit.assert_clean()
    finally:
        context.close()
    context, page, visit = open_at(browser, bases, CH4, "#grad-2=1")
    try:
        first, second = state(page, 0), state(page, 1)
        assert (first["id"], first["value"]) == ("grad", 0), first
        assert (second["id"], second["value"]) == ("grad-2", 1), second
        assert second["valuetext"] == "l = 2" and second["hash"] == "#grad-2=1", second
        page.locator(".bp-slider-main .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        st = wait_for(page, "two positions", lambda s: s["hash"] == "#grad=1&grad-2=1")
        assert st["history"] == first["history"]
        visit.assert_clean()
    finally:
        context.close()


# --------------------------------------------------------------------------
# Presentation mode
# --------------------------------------------------------------------------
SIZES = {"1024x768": (1024, 768), "1920x1080": (1920, 1080)}

# The presented slider, measured: overflow, rows, pictures.
PRESENT_JS = """() => {
  const root = document.querySelector('.bp-presenting');
  if (!root) return null;
  const panel = root.querySelector('.bp-slider-stack [data-summary]');
  const handle = root.querySelector('.bp-slider-main .noUi-handle');
  const rows = [...panel.querySelectorAll('.bp-row')].map(row => {
    const terms = [...row.querySelectorAll(':scope > .bp-term')];
    return {tops: [...new Set(terms.map(t => t.offsetTop))], terms: terms.length,
            scroll: row.scrollWidth, client: row.clientWidth};
  });
  const imgs = [...panel.querySelectorAll('img.bp-figure')].map(i => ({
    width: i.getBoundingClientRect().width, natural: i.naturalWidth, done: i.complete,
    layout: Number(i.getAttribute('width'))}));
  const r = root.getBoundingClientRect();
  return {scroll: root.scrollWidth, client: root.clientWidth, rows, imgs,
          value: Math.round(Number(handle.getAttribute('aria-valuenow'))),
          max: Math.round(Number(handle.getAttribute('aria-valuemax'))),
          full: document.fullscreenElement === root,
          fallback: root.classList.contains('bp-present-fallback'),
          rect: [r.left, r.top, r.width, r.height], view: [innerWidth, innerHeight],
          play: root.querySelector('.bp-slider-play button').getAttribute('aria-label'),
          pressed: root.querySelector('.bp-tool-present').getAttribute('aria-pressed')};
}"""

NO_FULLSCREEN = """
  delete Element.prototype.requestFullscreen;
  delete Element.prototype.webkitRequestFullscreen;
"""


def check_panel(m: dict, where: str, rows: bool = True) -> None:
    assert m["scroll"] <= m["client"], f"{where}: the slider scrolls sideways: {m}"
    assert m["rows"] or not rows, f"{where}: no equation row"
    for i, row in enumerate(m["rows"]):
        assert len(row["tops"]) == 1, f"{where}: equation row {i} wraps: {row}"
        assert row["scroll"] <= row["client"] + 1, f"{where}: row {i} spills over: {row}"
    assert m["imgs"], f"{where}: no picture"
    for img in m["imgs"]:
        assert img["done"] and img["natural"] > 0, f"{where}: picture not loaded: {img}"
        assert img["width"] <= img["natural"], f"{where}: picture upscaled: {img}"
        assert img["natural"] == 2 * img["layout"], f"{where}: not a 2x picture: {img}"


# the Fullscreen API at both sizes; the fallback at the smaller, the tightest
VIEWS = [(doc, size, "fullscreen") for doc in (CLASSROOM, CH3) for size in SIZES] + \
        [(doc, "1024x768", "fallback") for doc in (CLASSROOM, CH3)]


@pytest.mark.parametrize(("docname", "size", "path"), VIEWS)
def test_presentation_mode(browser, bases, docname, size, path):
    w, h = SIZES[size]
    context, page, visit = open_page(browser, bases["http"], docname,
                                     viewport={"width": w, "height": h})
    try:
        if path == "fallback":       # a browser without the Fullscreen API
            page.evaluate(NO_FULLSCREEN)
        page.evaluate("bpSliders.applied()")
        root = page.locator(".bp-slider").first
        present = root.locator(".bp-tool-present")
        assert present.inner_text() == "演示模式"
        assert "演示模式" in present.get_attribute("aria-label")
        if path == "fallback":       # the key F, the handle focused
            root.locator(".bp-slider-main .noUi-handle").focus()
            page.keyboard.press("f")
        else:
            present.click()
        page.wait_for_function("document.querySelector('.bp-presenting') !== null")
        page.wait_for_timeout(300)    # full screen: the resize
        m = page.evaluate(PRESENT_JS)
        assert m["pressed"] == "true", m
        if path == "fallback":
            assert m["fallback"] and not m["full"], m
            assert m["rect"] == [0, 0, w, h], f"the fallback does not fill the window: {m}"
        else:
            assert m["full"], f"the Fullscreen API was not used: {m}"
        # every panel, stepped with → from the root (not the handle)
        page.evaluate("document.activeElement.blur(); "
                      "document.querySelector('.bp-presenting').focus()")
        for k in range(m["max"] + 1):
            m = page.evaluate(PRESENT_JS)
            assert m["value"] == k, f"→ did not step to panel {k}: {m}"
            page.evaluate("""() => Promise.all([...document.querySelectorAll(
                '.bp-presenting .bp-slider-stack img')].map(i => i.decode().catch(() => null)))""")
            # the explorer's last frame (the result after the iterations) is text
            last = docname == CLASSROOM and k == m["max"]
            check_panel(page.evaluate(PRESENT_JS), f"{docname} {size} {path} panel {k}",
                        rows=not last)
            if k in (0, 9) and path == "fullscreen":
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = f"present-{docname.split('/')[-1]}-{size}-{k}.png"
                page.screenshot(path=str(SHOTS / name))
            page.keyboard.press("ArrowRight")
        # Space plays and pauses (Play's first button; the script names it)
        assert m["play"] == "播放", m
        page.keyboard.press("Home")
        page.wait_for_function("document.querySelector('.bp-presenting .noUi-handle')"
                               ".getAttribute('aria-valuenow') == 0")
        for name in ("暂停", "播放"):      # playing, then paused again
            page.keyboard.press(" ")
            page.wait_for_function("name => document.querySelector("
                                   "'.bp-presenting .bp-slider-play button')"
                                   ".getAttribute('aria-label') === name", arg=name)
        # Esc leaves
        page.keyboard.press("Escape")
        page.wait_for_function("document.querySelector('.bp-presenting') === null && "
                               "!document.fullscreenElement")
        assert present.get_attribute("aria-pressed") == "false"
        assert present.inner_text() == "演示模式"
        visit.assert_clean()
    finally:
        context.close()
