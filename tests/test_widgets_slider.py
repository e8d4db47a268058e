"""bpcore.widgets.slider: what a PanelSlider saves for screen readers.

ipywidgets cannot set aria attributes, so the slider writes them into its
widget state and the book's _static/bp-sliders.js applies them in the page
(tests/test_sliders_a11y.py drives that in Chromium). Here, without a
browser: the classes the script looks for, the JSON on the label (names of
Play's buttons, one aria-valuetext per panel), a data-summary on every
panel's root, and the tooltip a live kernel shows.
"""
import html
import json
import re
from pathlib import Path

import numpy as np
import pytest

from bpcore.widgets.slider import (
    PanelSlider,
    mat_text,
    summary_of,
    vec_text,
    with_summary,
)

ROOT = Path(__file__).resolve().parents[1]


def label_config(s: PanelSlider) -> dict:
    """The JSON the page's script reads from the slider's label."""
    m = re.search(r'data-bp-slider="([^"]*)"', s.label.value)
    assert m, s.label.value
    return json.loads(html.unescape(m.group(1)))


def three(**kw) -> PanelSlider:
    return PanelSlider(['<div class="bp-panel">a</div>', "<p>b</p>",
                        with_summary("<div>c</div>", "第 3 个：J = 0.5")],
                       [3, 2, 1], [0, 0, 0], label="层", **kw)


def test_number_texts_are_the_panels_format():
    assert vec_text(np.array([[-0.0050126], [0.00457], [1.0]])) == "(−0.00501, 0.00457, 1)"
    assert mat_text(np.array([[1.2, -0.7], [0.3, 0.5]])) == "[1.2, −0.7; 0.3, 0.5]"
    assert mat_text(np.array([[1.0, 2.0, 3.0]])) == "(1, 2, 3)"      # one row: a vector


def test_with_summary_goes_on_the_root_and_is_escaped():
    text = 'l = 1："δ⁽¹⁾" <b> & (−0.005)'
    p = with_summary('  <div class="bp-panel" style="x"><div>in</div></div>', text)
    assert re.match(r'\s*<div data-summary="[^"]*" class="bp-panel"', p), p
    assert summary_of(p) == text
    assert "<b>" not in p and "&quot;δ⁽¹⁾&quot;" in p
    wrapped = with_summary("<p>no div</p>", "x = 1")
    assert wrapped == '<div data-summary="x = 1"><p>no div</p></div>'
    assert summary_of("<div>none</div>") is None


def test_the_page_script_finds_every_part_by_class(figure_texts):
    s = three(readouts=["l = 3", "l = 2", "l = 1"])
    assert "bp-slider" in s._dom_classes
    assert "bp-slider-play" in s.play._dom_classes
    assert "bp-slider-main" in s.slider._dom_classes
    assert "bp-slider-stack" in s.stack._dom_classes
    assert f'id="{s.label_id}"' in s.label.value and 'class="bp-slider-label"' in s.label.value
    assert re.search(r">层</span>$", s.label.value)          # the visible label is unchanged
    assert s.label_id.startswith("bp-label-") and s.label_id != three().label_id   # unique


def test_label_json_names_play_and_every_position():
    s = three(readouts=["l = 3", "l = 2", "l = 1"])
    cfg = label_config(s)
    assert cfg == s.a11y
    assert (cfg["play"], cfg["pause"], cfg["stop"]) == ("播放", "暂停", "停止并回到开头")
    assert cfg["valuetext"] == ["l = 3", "l = 2", "l = 1"]
    # without readouts a screen reader hears the index the slider shows
    assert label_config(three())["valuetext"] == ["0", "1", "2"]
    # a live kernel has no page script: Play's tooltip is what ipywidgets can do
    assert s.play.tooltip == "▶ 播放，■ 停止并回到开头"


def test_every_panel_has_a_summary(figure_texts):
    s = three(readouts=["l = 3", "l = 2", "l = 1"])
    # a panel's own summary stays; one without gets its valuetext
    assert [s.summary(k) for k in range(3)] == ["l = 3", "l = 2", "第 3 个：J = 0.5"]
    assert s.print_frames.children == s.stack.children       # the print copy too
    s.set_panels(["<div>new a</div>", with_summary("<div>b</div>", "B = 2"), "<div>c</div>"],
                 [3, 2, 1], [1, 1, 1])
    assert [s.summary(k) for k in range(3)] == ["l = 3", "B = 2", "l = 1"]
    s.slider.value = 1
    assert s.summary() == "B = 2"


def test_describe_rewrites_the_label():
    s = three()
    s.describe(valuetext=["a", "b", "c"], stop="回到第 0 帧",
               controls=[{"cls": "x", "label": "帧号"}])
    cfg = label_config(s)
    assert cfg["valuetext"] == ["a", "b", "c"] and cfg["stop"] == "回到第 0 帧"
    assert cfg["controls"] == [{"cls": "x", "label": "帧号"}]
    assert s.play.tooltip == "▶ 播放，■ 回到第 0 帧"
    with pytest.raises(ValueError, match="got 2 valuetexts for 3 panels"):
        s.describe(valuetext=["a", "b"])
    with pytest.raises(ValueError, match="unknown a11y field"):
        s.describe(colour="red")


def test_the_page_script_is_shipped_and_reads_these_names():
    """_static/bp-sliders.js (Jupyter Book puts every _static/*.js in every
    page) looks for the classes and fields the Python side writes."""
    js = (ROOT / "_static" / "bp-sliders.js").read_text(encoding="utf8")
    for name in ("bp-slider", "bp-slider-label", "bp-slider-play", "bp-slider-main",
                 "bp-slider-stack", "data-bp-slider", "data-summary", "aria-valuetext",
                 "aria-labelledby", 'aria-live", "polite', "MutationObserver"):
        assert name in js, name
    cfg = three().a11y
    for field in ("id", "valuetext", "controls", "readout",
                  *("play", "pause", "stop", "repeat")):
        assert field in cfg and re.search(rf"\b{field}\b", js), field
    assert "http" not in js and "fetch(" not in js and "import(" not in js   # no network


# --------------------------------------------------------------------------
# Issue 12: links to a state, pictures sharp on a projector
# --------------------------------------------------------------------------
def test_slider_id_is_saved_for_links_and_checked():
    """The id the page's script puts in the URL (#delta=2) is in the label's
    JSON; it must be usable in a URL as it is."""
    assert three().a11y["id"] == "panels" == label_config(three())["id"]
    s = three(slider_id="delta")
    assert label_config(s)["id"] == "delta"
    s.describe(id="delta-2")
    assert label_config(s)["id"] == "delta-2"
    for bad in ("Delta", "2nd", "δ", "a=b", "a&b", "", "a-", "a b"):
        with pytest.raises(ValueError, match="lower-case letters, digits and hyphens"):
            three(slider_id=bad)
    with pytest.raises(ValueError, match="lower-case letters"):
        s.describe(id="x#y")


def test_panel_pictures_have_twice_the_pixels_of_their_layout():
    """html.img draws at dpi × DENSITY and lays the picture out at the size
    of dpi (width/height attributes), so the page's layout is unchanged and
    a projector (presentation mode) shows it sharp."""
    import base64
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    from bpcore.widgets import html as P

    assert P.DENSITY == 2
    fig = plt.figure(figsize=(2.0, 1.5))
    tag = P.img(fig, "a test", dpi=90)
    w, h = (int(x) for x in re.search(r'width="(\d+)" height="(\d+)"', tag).groups())
    assert (w, h) == (180, 135)
    data = base64.b64decode(re.search(r'base64,([^"]+)"', tag).group(1))
    assert Image.open(io.BytesIO(data)).size == (2 * w, 2 * h)
    assert 'class="bp-figure"' in tag and "max-width:100%" in tag
    one = P.img(plt.figure(figsize=(2.0, 1.5)), "a test", dpi=90, density=1)
    data = base64.b64decode(re.search(r'base64,([^"]+)"', one).group(1))
    assert Image.open(io.BytesIO(data)).size == (180, 135)


def test_equation_rows_carry_the_class_presentation_mode_keeps_on_one_line():
    from bpcore.widgets import html as P

    r = P.row(P.vector([1.0, 2.0], "a"), P.op("="), P.vector([3.0, 4.0], "b"))
    assert r.startswith('<div class="bp-row"') and "flex-wrap:wrap" in r
    css = (ROOT / "_static" / "widgets.css").read_text(encoding="utf8")
    assert re.search(r"\.bp-presenting \.bp-row \{\s*flex-wrap: nowrap !important", css)


def test_panel_writes_its_data_attributes_on_its_root():
    """html.panel(data=…): the builders' summaries (and ch5's data-lr,
    data-epoch) sit on the panel's own root, so PanelSlider leaves it alone."""
    from bpcore.widgets import html as P

    text = 'l = 1："δ⁽¹⁾" & (−0.005)'
    p = P.panel("l = 1", ["<p>body</p>"], data={"summary": text, "marker_x": 2.5})
    assert re.match(r'<div class="bp-panel" data-summary="[^"]*" data-marker-x="2.5"', p), p
    assert summary_of(p) == text
    s = PanelSlider([p, P.panel("l = 2", [])], [1, 2], [0, 0], readouts=["l = 1", "l = 2"])
    assert s.stack.children[0].value == p                       # not wrapped again
    assert summary_of(s.stack.children[1].value) == "l = 2"     # the fallback: its readout
