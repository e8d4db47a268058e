"""Shared by the widget tests: a figure recorder and the slider-link check."""
import re

import matplotlib

matplotlib.use("Agg")

import bpcore.panels  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@pytest.fixture
def figure_texts(monkeypatch):
    """Record the text of every figure a panel embeds (and skip the PNG)."""
    seen = []

    def fake_png(fig, dpi=90):
        seen.append([t.get_text() for t in fig.findobj(Text)])
        plt.close(fig)
        return "data:image/png;base64,"

    monkeypatch.setattr(bpcore.panels, "png_uri", fake_png)
    return seen


def assert_links(s, n_panels):
    """A PanelSlider with n_panels panels: Play ↔ slider ↔ Stack joined by
    jslinks (they run in the browser), no widget description."""
    assert len(s.stack.children) == n_panels
    assert (s.slider.min, s.slider.max) == (0, n_panels - 1)
    assert (s.play.min, s.play.max) == (0, n_panels - 1)
    pairs = {(l.source[0].model_id, l.source[1], l.target[0].model_id, l.target[1]) for l in s.links}
    assert (s.play.model_id, "value", s.slider.model_id, "value") in pairs
    assert (s.slider.model_id, "value", s.stack.model_id, "selected_index") in pairs
    assert all(type(l).__name__ == "Link" for l in s.links)
    assert s.slider.description == "" and s.play.description == ""
