"""The book's sliders for every reader (issue 11, items 2 and 3), in the
built book: named controls, panels that announce themselves, the keyboard.

Every slider is a bpcore.widgets.slider.PanelSlider (the classroom explorer
too). ipywidgets cannot set aria attributes, so the slider saves them in its
widget state (a JSON on its label, ``data-summary`` on every panel) and the
book's _static/bp-sliders.js applies them once embed.js has drawn the widgets:

- Play's buttons have names ("播放", "停止并回到开头"; the explorer's
  "回到第 0 帧"), every handle (div.noUi-handle[role=slider]) is named by its
  visible label (aria-labelledby) and has an aria-valuetext that says what
  the position means ("l = 3", "第 9 帧：第 2 次迭代，正向传播 l = 2");
- a polite live region per slider reads the summary of the panel the slider
  has just shown (which step, which layer, its numbers); every panel's image
  has alt text with its numbers;
- the keyboard alone works: Tab from Play reaches the handle, Home, End,
  Page Up and Page Down move it, and the focused control shows a ring.

Names are read from Chromium's own accessibility tree (the Chrome DevTools
Protocol), as a screen reader gets them; aria-valuetext from the attribute
(CDP reports it empty for every ARIA slider, a quirk of its inspector).
"""
from __future__ import annotations

import re

import numpy as np
import pytest
from browser_kit import HTML, open_page
from conftest import EDITIONS, both_editions
from test_browser import ch3_network

import bpcore as bp
from bpcore.viz.style import fmt, layer
from tools.toc import pages

pytestmark = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)",
)

PAGES = both_editions(pages())
CH1, CH3, CH4, CH5 = ("book/ch1_forward", "book/ch3_backprop_deltas", "book/ch4_param_grads",
                      "book/ch5_update")
CLASSROOM = "book/classroom"
# the sliders each page shows at least (ch3: δ and the sigmoid/relu comparison,
# ch4: the right and the broken backward, ch5: η and the epoch replay)
SLIDER_PAGES = {CH1: 1, CH3: 2, CH4: 2, CH5: 2, CLASSROOM: 1}

# Everything about slider n that the tests read, in one call.
STATE_JS = """(n) => {
  const root = document.querySelectorAll('.bp-slider')[n];
  const label = root.querySelector('.bp-slider-label');
  const handle = root.querySelector('.bp-slider-main .noUi-handle');
  const panel = root.querySelector('.bp-slider-stack [data-summary]');
  const live = root.querySelector('.bp-slider-live');
  const style = live && getComputedStyle(live), box = live && live.getBoundingClientRect();
  const handles = [...root.querySelectorAll('.noUi-handle')];
  return {
    cfg: JSON.parse(label.dataset.bpSlider), label_id: label.id,
    label_text: label.textContent.trim(),
    value: Math.round(Number(handle.getAttribute('aria-valuenow'))),
    max: Math.round(Number(handle.getAttribute('aria-valuemax'))),
    valuetext: handle.getAttribute('aria-valuetext'),
    labelledby: handle.getAttribute('aria-labelledby'),
    valuetexts: handles.map(h => h.getAttribute('aria-valuetext')),
    text: panel ? panel.innerText.trim() : '',
    summary: panel ? panel.getAttribute('data-summary') : null,
    live: live && {text: live.textContent, polite: live.getAttribute('aria-live'),
                   atomic: live.getAttribute('aria-atomic'), inside: root.contains(live),
                   display: style.display, visibility: style.visibility,
                   width: box.width, height: box.height},
    panels: [...root.querySelectorAll('.bp-print-frames [data-summary]')].map(p => ({
      summary: p.getAttribute('data-summary'),
      alts: [...p.querySelectorAll('img')].map(i => i.getAttribute('alt'))})),
    plays: root.querySelectorAll('.widget-play').length,
    focus_in: root.contains(document.activeElement),
  };
}"""

# The controls of slider n a reader can reach, in document order.
CONTROLS_JS = """[...document.querySelectorAll('.bp-slider')[%d].querySelectorAll(
  'button, [role=slider], input, select, [contenteditable=true]')].filter(
  e => e.getClientRects().length > 0 && !e.closest('.bp-print-frames'))"""

# What the focused element is and how its focus shows.
FOCUS_JS = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, cls: e.className, valuetext: e.getAttribute('aria-valuetext'),
          outline: [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]};
}"""

NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?")


def numbers(text: str) -> list[float]:
    return [float(t.replace("−", "-")) for t in NUMBER.findall(text)]


def vector_after(text: str, name: str) -> list[float] | None:
    """The numbers of "name = (a, b, c)" in a text (a summary, an alt)."""
    m = re.search(re.escape(name) + r" = \(([^)]*)\)", text)
    return None if m is None else numbers(m.group(1))


def heading_layer(text: str) -> int | None:
    m = re.match(r"l = (?:L = )?(\d+)", text)
    return int(m.group(1)) if m else None


class Reader:
    """One page, read through Chromium's accessibility tree and driven by keys."""

    def __init__(self, page, cdp):
        self.page, self.cdp = page, cdp

    def count(self) -> int:
        return self.page.locator(".bp-slider").count()

    def state(self, n: int) -> dict:
        return self.page.evaluate(STATE_JS, n)

    def wait(self, n: int, what: str, ok, timeout: float = 6.0) -> dict:
        for _ in range(int(timeout / 0.05)):
            st = self.state(n)
            if ok(st):
                return st
            self.page.wait_for_timeout(50)
        short = {k: st[k] for k in ("value", "valuetext", "summary", "live")}
        raise AssertionError(f"slider {n}: {what} did not happen within {timeout} s: {short}")

    def ax(self, expression: str) -> list[tuple[str, str]]:
        """(role, accessible name) of each element of a JS array expression,
        as Chromium computes them."""
        arr = self.cdp.send("Runtime.evaluate", {"expression": expression})["result"]
        props = self.cdp.send("Runtime.getProperties",
                              {"objectId": arr["objectId"], "ownProperties": True})["result"]
        out = []
        for p in sorted((p for p in props if p["name"].isdigit()), key=lambda p: int(p["name"])):
            node = self.cdp.send("DOM.describeNode", {"objectId": p["value"]["objectId"]})["node"]
            nodes = self.cdp.send("Accessibility.getPartialAXTree",
                                  {"backendNodeId": node["backendNodeId"],
                                   "fetchRelatives": False})["nodes"]
            mine = next(x for x in nodes if x.get("backendDOMNodeId") == node["backendNodeId"])
            out.append((mine.get("role", {}).get("value", ""),
                        mine.get("name", {}).get("value", "")))
        return out

    def controls(self, n: int) -> list[tuple[str, str]]:
        return self.ax(CONTROLS_JS % n)

    def focused(self) -> tuple[str, str]:
        return self.ax("[document.activeElement]")[0]

    def handle(self, n: int):
        return self.page.locator(".bp-slider").nth(n).locator(".bp-slider-main .noUi-handle")

    def play(self, n: int):
        return self.page.locator(".bp-slider").nth(n).locator(".bp-slider-play button").first

    def press(self, key: str) -> None:
        """A key for the focused element (the keyboard alone, no locator)."""
        self.page.keyboard.press(key)


@pytest.fixture
def reader(browser, bases):
    """reader(docname, **context args) -> Reader, once the page's script has
    given every slider its live region; the console must stay clean and the
    site closed while the test drives the page."""
    opened = []

    def open_(docname, **kw):
        if docname not in PAGES:
            pytest.skip(f"{docname} is not in _toc.yml (yet): nothing to test")
        if not (HTML / f"{docname}.html").is_file():
            pytest.fail(f"{docname} is in _toc.yml but {docname}.html is not built")
        context, page, v = open_page(browser, bases["http"], docname, **kw)
        opened.append((context, v))
        page.wait_for_function(
            "() => [...document.querySelectorAll('.bp-slider')].every("
            "r => r.querySelector('.bp-slider-live'))", timeout=10_000)
        return Reader(page, context.new_cdp_session(page))

    yield open_
    for context, v in opened:
        context.close()
        v.assert_clean()


def assert_live_region(st: dict) -> None:
    """A polite, atomic live region inside the slider, visually hidden but
    present (not display:none, not visibility:hidden: those are never read)."""
    live = st["live"]
    assert live, "the slider has no live region"
    assert live["polite"] == "polite" and live["atomic"] == "true" and live["inside"], live
    assert live["display"] != "none" and live["visibility"] == "visible", live
    assert live["width"] <= 1 and live["height"] <= 1, f"the live region is visible: {live}"


# --------------------------------------------------------------------------
# Every slider of every page that has one
# --------------------------------------------------------------------------
# Play's name and its stop button's two names, in each edition's words
# (bpcore.i18n.t; English from bpcore/messages_en.py).
PLAY_WORDS = {"": ("播放", ("停止并回到开头", "回到第 0 帧")),
              "en/": ("Play", ("Stop and go back to the start", "Back to frame 0"))}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page_name", list(SLIDER_PAGES))
def test_every_slider_is_named_and_speaks(reader, page_name, edition):
    """On each page of both editions (one visit): every slider is a
    PanelSlider whose Play buttons and handles have names in the page's
    language and whose handles have an aria-valuetext;
    every panel has a summary and alt text with numbers; End, Home, Page Up
    and Page Down move the handle, the panel, the valuetext and the live
    region; Tab goes from Play through its stop button to the handle."""
    docname = edition + page_name
    play, stops = PLAY_WORDS[edition]
    r = reader(docname)
    n_sliders = r.count()
    assert n_sliders >= SLIDER_PAGES[page_name], f"{docname}: {n_sliders} bp-slider(s)"
    assert r.page.locator(".widget-play").count() == n_sliders, "a Play outside a PanelSlider"
    for n in range(n_sliders):
        st = r.state(n)
        cfg = st["cfg"]
        where = f"{docname}, slider {n} ({st['label_text']})"
        assert st["plays"] == 1, where
        # names, as Chromium's accessibility tree has them
        controls = r.controls(n)
        assert all(name.strip() for _, name in controls), f"{where}: unnamed: {controls}"
        buttons = [name for role, name in controls if role == "button"]
        assert buttons[:2] == [play, cfg["stop"]], f"{where}: {controls}"
        assert cfg["stop"] in stops, where
        sliders = [name for role, name in controls if role == "slider"]
        assert sliders and sliders[0] == st["label_text"], f"{where}: {controls}"
        assert st["labelledby"] == st["label_id"], where
        # every handle says what its value means, not the bare number
        for text in st["valuetexts"]:
            assert text and not re.fullmatch(r"[\d.]+", text), f"{where}: valuetext {text!r}"
        assert st["valuetext"] == cfg["valuetext"][st["value"]], where
        # every panel: a summary with numbers, images whose alt states numbers
        assert len(st["panels"]) == st["max"] + 1, f"{where}: {len(st['panels'])} summaries"
        for k, p in enumerate(st["panels"]):
            assert p["summary"] and NUMBER.search(p["summary"]), f"{where}, panel {k}: {p}"
            for alt in p["alts"]:
                assert alt and re.search(r"= \(?[−-]?\d", alt), f"{where}, panel {k}: alt {alt!r}"
        assert_live_region(st)
        assert st["live"]["text"] == "", f"{where}: the live region speaks before any change"
        # keys: End, Home
        handle = r.handle(n)
        handle.scroll_into_view_if_needed()
        handle.focus()
        r.press("End")
        last = r.wait(n, "End -> the last panel", lambda s, first=st: s["value"] == s["max"]
                      and s["summary"] != first["summary"] and s["live"]["text"] == s["summary"])
        assert last["valuetext"] == cfg["valuetext"][last["max"]], where
        r.press("Home")
        r.wait(n, "Home -> the first panel", lambda s, first=st: s["value"] == 0
               and s["summary"] == first["summary"] and s["live"]["text"] == s["summary"]
               and s["valuetext"] == first["cfg"]["valuetext"][0])
        page = min(5, st["max"])               # noUiSlider's Page Up/Down: five steps
        r.press("PageUp")
        r.wait(n, "Page Up -> five panels on", lambda s, k=page: s["value"] == k
               and s["valuetext"] == s["cfg"]["valuetext"][k]
               and s["live"]["text"] == s["summary"])
        r.press("PageDown")
        r.wait(n, "Page Down -> back",
               lambda s: s["value"] == 0 and s["live"]["text"] == s["summary"])
        # Tab order: Play, its stop button, the handle
        r.play(n).focus()
        walk = [r.focused()]
        for _ in range(2):
            r.press("Tab")
            walk.append(r.focused())
        assert walk == [("button", play), ("button", cfg["stop"]),
                        ("slider", st["label_text"])], f"{where}: Tab went {walk}"
        assert r.page.evaluate(FOCUS_JS)["valuetext"] == cfg["valuetext"][0], where


# --------------------------------------------------------------------------
# Chapter 3's δ slider: names, keys, the live region's numbers, keys only
# --------------------------------------------------------------------------
def test_ch3_delta_slider_by_keyboard_and_screen_reader(reader):
    """Chapter 3's δ slider: Play is "播放", the handle is named "层" and says
    "l = 3" at the start; End, Home, Page Up and Page Down change the panel
    and the valuetext; on panel l = 1 the live region reads δ⁽¹⁾ as
    bpcore.backward computes it for the chapter's network. Then a walk with
    the keyboard alone: Tab from Play to the handle, arrows, Play and stop."""
    net, x, y = ch3_network()
    delta = bp.backward(net, bp.forward(net, x), y, "mse").delta
    L = net.L
    r = reader(CH3)
    st = r.state(0)
    assert st["max"] == L - 1, f"{st['max'] + 1} panels, L = {L}"
    controls = r.controls(0)
    assert controls[:3] == [("button", "播放"), ("button", "停止并回到开头"), ("slider", "层")], \
        controls
    assert st["valuetext"] == f"l = {L}" and heading_layer(st["text"]) == L, st["valuetext"]
    assert_live_region(st)

    def at(l):
        def ok(s):
            return (s["valuetext"] == f"l = {l}" and heading_layer(s["text"]) == l
                    and s["live"]["text"] == s["summary"])
        return ok

    handle = r.handle(0)
    handle.scroll_into_view_if_needed()
    handle.focus()
    r.press("End")
    st = r.wait(0, "End -> l = 1", at(1))
    said = st["live"]["text"]
    name = layer("δ", 1)
    shown = vector_after(said, name)
    assert shown is not None, f"the live region does not read {name}: {said!r}"
    np.testing.assert_allclose(shown, delta[1][:, 0], rtol=5e-3, atol=1e-12,
                               err_msg=f"the live region's {name} is not bpcore.backward's")
    assert all(fmt(v) in said for v in delta[1][:, 0]), said   # as the panel prints them
    assert re.search(r"第 3 步", said), said
    r.press("Home")
    st = r.wait(0, "Home -> l = L", at(L))
    np.testing.assert_allclose(vector_after(st["live"]["text"], layer("δ", L)), delta[L][:, 0],
                               rtol=5e-3, atol=1e-12)
    r.press("PageUp")
    r.wait(0, "Page Up -> l = 1", at(1))
    r.press("PageDown")
    r.wait(0, "Page Down -> l = L", at(L))

    # The keyboard alone, from Play
    r.play(0).focus()
    assert r.focused() == ("button", "播放")
    r.press("Tab")
    assert r.focused() == ("button", "停止并回到开头")
    r.press("Tab")
    assert r.focused() == ("slider", "层")
    assert r.page.evaluate(FOCUS_JS)["valuetext"] == f"l = {L}"
    r.press("ArrowRight")
    st = r.wait(0, "ArrowRight -> l = L − 1", at(L - 1))
    assert fmt(delta[L - 1][0, 0]) in st["live"]["text"]
    r.press("Home")
    r.wait(0, "Home -> l = L", at(L))
    r.press("Shift+Tab")
    r.press("Shift+Tab")
    assert r.focused() == ("button", "播放")
    r.press("Space")                           # plays: the next panel comes by itself
    r.wait(0, "Play (Space) -> the next panel", at(L - 1))
    assert r.focused() == ("button", "暂停"), "while playing the button pauses: its name says so"
    r.press("Space")                           # pause
    r.wait(0, "pause (Space) -> the button plays again",
           lambda s: r.focused() == ("button", "播放"))
    r.press("Tab")
    assert r.focused() == ("button", "停止并回到开头")
    r.press("Enter")                           # stop: back to the first panel
    r.wait(0, "stop (Enter) -> l = L", at(L))
    r.press("Tab")
    assert r.focused() == ("slider", "层") and r.state(0)["focus_in"]


# --------------------------------------------------------------------------
# The classroom explorer
# --------------------------------------------------------------------------
FRAME = re.compile(r"^第 (\d+) 帧：")
HEADING = re.compile(r"^第 (\d+) / (\d+) 次迭代 · (\S+?)(?:，第 l = (\d+) 层)?（")


def test_classroom_explorer_by_keyboard_and_screen_reader(reader):
    """The explorer: its buttons, frame handle, frame box and speed slider
    are named; every frame's valuetext is "第 k 帧：…" and agrees with the
    frame's heading; End reaches the last frame with its valuetext and the
    live region reads its summary; Page Up moves five frames; Tab walks
    every control, each with a name."""
    r = reader(CLASSROOM)
    st = r.state(0)
    cfg, n = st["cfg"], st["max"]
    assert len(cfg["valuetext"]) == n + 1
    assert [int(FRAME.match(t).group(1)) for t in cfg["valuetext"]] == list(range(n + 1))
    controls = r.controls(0)
    assert controls[:3] == [("button", "播放"), ("button", "回到第 0 帧"), ("slider", "帧")], \
        controls
    roles = [role for role, _ in controls]
    assert roles.count("slider") == 2 and "spinbutton" in roles, controls
    names = dict((role, name) for role, name in controls if role in ("spinbutton",))
    assert names["spinbutton"] == f"帧号（0 到 {n}）", controls
    speed = [name for role, name in controls if role == "slider"][1]
    assert speed.startswith("速度"), controls
    assert all(name for _, name in controls), controls
    assert st["valuetext"] == cfg["valuetext"][0] and st["valuetext"].startswith(
        "第 0 帧：第 1 次迭代，正向传播 l = 1"), st["valuetext"]
    assert_live_region(st)

    handle = r.handle(0)
    handle.scroll_into_view_if_needed()
    handle.focus()
    r.press("End")
    last = r.wait(0, "End -> the last frame", lambda s: s["value"] == n
                  and s["live"]["text"] == s["summary"] and s["summary"] != st["summary"])
    T = len([t for t in cfg["valuetext"] if "正向传播 l = 1" in t])
    assert last["valuetext"] == cfg["valuetext"][n] == f"第 {n} 帧：{T} 次迭代之后的结果"
    assert last["text"].startswith(f"{T} 次迭代之后") and "J = " in last["live"]["text"]
    assert r.page.locator(".bp-frame-box input").input_value() == str(n)
    r.press("Home")
    r.wait(0, "Home -> frame 0", lambda s: s["value"] == 0 and s["summary"] == st["summary"])
    r.press("PageUp")
    k = min(5, n)
    r.wait(0, "Page Up -> frame 5", lambda s: s["value"] == k
           and s["valuetext"] == cfg["valuetext"][k])
    for _ in range(9 - k):
        r.press("ArrowRight")
    s9 = r.wait(0, "-> frame 9", lambda s: s["value"] == 9 and s["live"]["text"] == s["summary"])
    # frame 9's valuetext names the iteration, the step and the layer of its heading
    m = HEADING.match(s9["text"])
    assert m, s9["text"][:80]
    it, _, what, l = m.groups()
    assert s9["valuetext"].startswith(f"第 9 帧：第 {it} 次迭代，"), s9["valuetext"]
    if what == "正向传播":
        assert s9["valuetext"] == f"第 9 帧：第 {it} 次迭代，正向传播 l = {l}"
    r.press("PageDown")
    r.wait(0, "Page Down -> frame 4", lambda s: s["value"] == 4)

    # Tab from Play through every control of the explorer, each named
    r.play(0).focus()
    walk = [r.focused()]
    for _ in range(8):
        r.press("Tab")
        if not r.state(0)["focus_in"]:
            break
        walk.append(r.focused())
    assert [role for role, _ in walk][:3] == ["button", "button", "slider"], walk
    assert all(name for _, name in walk), walk
    assert [name for role, name in walk if role == "slider"] == ["帧", speed], walk
    # the speed slider's valuetext is in words too
    speed_handle = r.page.locator(".bp-slider-speed .noUi-handle")
    speed_handle.focus()
    before = speed_handle.get_attribute("aria-valuenow")
    r.press("ArrowRight")
    r.page.wait_for_function(
        "([h, v]) => h.getAttribute('aria-valuenow') !== v", arg=[speed_handle.element_handle(),
                                                                  before])
    ms = round(float(speed_handle.get_attribute("aria-valuenow")))
    assert speed_handle.get_attribute("aria-valuetext") == f"每帧 {ms} 毫秒"


# --------------------------------------------------------------------------
# The focus ring
# --------------------------------------------------------------------------
@pytest.mark.parametrize("docname", [CH3, CLASSROOM])
def test_focus_ring_is_visible(reader, docname):
    """Reached by Tab, every control of the page's first slider (Play, the
    stop button, the handle; the explorer's readouts, frame box and speed
    slider) shows a ring: an outline of at least 2 px. ipywidgets draws none
    on a handle and 1 px on its buttons: _static/widgets.css adds it."""
    r = reader(docname)
    r.play(0).focus()
    r.press("Shift+Tab")     # from the element before, so that the focus comes by keyboard
    r.press("Tab")
    seen = []
    while r.state(0)["focus_in"] and len(seen) < 10:
        f = r.page.evaluate(FOCUS_JS)
        seen.append(f)
        style, width, colour = f["outline"]
        assert style not in ("none", "hidden") and width >= 2 and "0, 0, 0, 0" not in colour, \
            f"{docname}: no visible focus ring on {f['tag']}.{f['cls']}: {f['outline']}"
        r.press("Tab")
    assert [f["tag"] for f in seen][:3] == ["BUTTON", "BUTTON", "DIV"], seen
