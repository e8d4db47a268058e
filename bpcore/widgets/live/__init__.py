"""Training live in the page (chapter 7): the five steps in JavaScript.

- ``bp-live.js``: bpcore's twin, steps 1–5 as an ES module (float64, the
  same names in camelCase, tested against bpcore number for number);
- ``playground.js`` and ``playground.css``: the playground built on it —
  data, layers, η, Play/Step/Reset, and live the loss curve, the decision
  boundary, the network, ‖δ⁽ˡ⁾‖ per layer and the five steps' numbers;
- :mod:`bpcore.widgets.live.config`: the playground's configuration (its URL
  hash), read and written as the page does;
- :mod:`bpcore.widgets.live.words`: every word the page shows, from
  :func:`bpcore.i18n.t` (the script holds none).

:func:`playground` puts all of it into one cell output: a kernel is needed
only to display it; training then runs in the reader's browser, also in the
static book and offline.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path

from IPython.display import HTML

from ...i18n import t
from .config import (
    BATCHES,
    CUSTOM,
    DATASETS,
    HIDDEN_ACTIVATIONS,
    MAX_HIDDEN,
    MAX_WIDTH,
    SEEDS,
    SPEEDS,
    Setup,
    normals,
    parse,
)
from .words import words

__all__ = ["playground", "Setup", "parse", "page_data", "module_source", "words"]

HERE = Path(__file__).parent
IMPORT = 'import * as bpLive from "./bp-live.js";'
_EXPORT = re.compile(
    r"^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def module_source() -> str:
    """The twin and the playground as ONE inline module script's text.

    Chromium refuses ``<script type="module" src=…>`` on a page opened from
    file:// (a module is fetched with CORS, and file:// has no origin), so
    the book could not load the twin as a file offline; an inline module
    runs everywhere (file://, http, JupyterLab and Colab outputs). The twin
    comes first, unchanged (its ``export`` declarations are valid and
    harmless in an inline module); ``bpLive``, the object of its exports,
    replaces playground.js's import line; the playground's code follows in a
    block of its own, so its names cannot collide with the twin's."""
    twin = (HERE / "bp-live.js").read_text(encoding="utf-8")
    ui = (HERE / "playground.js").read_text(encoding="utf-8")
    if ui.count(IMPORT) != 1:
        raise ValueError(f"playground.js must import the twin with exactly one line {IMPORT}")
    names = _EXPORT.findall(twin)
    exports = [line for line in twin.splitlines() if line.startswith("export")]
    if len(exports) != len(names):
        raise ValueError("bp-live.js has an export this page cannot read (only `export "
                         "function|const|let|class name`): " + "; ".join(exports))
    head, body = ui.split(IMPORT)
    namespace = f"const bpLive = Object.freeze({{{', '.join(names)}}});"
    source = f"{twin}\n{namespace}\n{{\n{head}{body}}}\n"
    if "</script" in source.lower():
        raise ValueError("the scripts contain '</script', which would end the inline script")
    return source


def page_data(setup: Setup, presets: Mapping[str, str]) -> dict:
    """What the page's script receives: its words (:func:`.words.words`, in
    the current language), the first configuration, the named ready
    configurations, the choices of its controls, every data set as bpcore
    makes it and each seed's normal numbers (:func:`.config.normals`)."""
    datasets = {}
    for name, make in DATASETS.items():
        X, labels = make()
        datasets[name] = {"X": X.tolist(), "labels": labels.tolist()}
    return {
        "words": words(),
        "config": str(setup),
        "presets": {name: str(parse(text)) for name, text in presets.items()},
        "datasets": datasets,
        "custom": CUSTOM,
        "normals": [normals(s).tolist() for s in range(SEEDS)],
        "choices": {"maxHidden": MAX_HIDDEN, "maxWidth": MAX_WIDTH,
                    "activations": list(HIDDEN_ACTIVATIONS), "batches": list(BATCHES),
                    "speeds": list(SPEEDS), "seeds": SEEDS},
    }


def playground(config: str | None = None, presets: Mapping[str, str] | None = None) -> HTML:
    """The playground as a cell output: training live in the browser.

    ``config`` is the first configuration, in the form of the page's URL
    hash (:mod:`.config`), e.g. ``"data:xor&net:2-2-1&act:sigmoid&lr:8"``;
    a URL hash naming a configuration replaces it when the page opens.
    ``presets`` names ready configurations, {"id": config}: a link to
    ``page.html#id`` loads that one (chapter 7 puts a target of that id
    beside the paragraph that explains it).
    Bad input raises ValueError saying what to fix."""
    setup = parse(config) if config else Setup()
    # the words as written (not \u escapes): the English edition replaces
    # the Chinese ones in this output; "</" could end the <script> element
    data = json.dumps(page_data(setup, presets or {}), ensure_ascii=False,
                      separators=(",", ":")).replace("</", "<\\/")
    css = (HERE / "playground.css").read_text(encoding="utf-8")
    needs_script = t("练习场需要浏览器运行 JavaScript：在网页版里打开本页即可使用。")
    return HTML(
        f"<style>{css}</style>"
        f'<div class="bp-playground" data-config="{html.escape(str(setup))}">'
        f'<script type="application/json" class="bp-playground-data">'
        f"{data}</script>"
        # shown until the script runs (it replaces the playground's contents)
        f'<p class="bp-play-noscript">{needs_script}</p></div>'
        f'<script type="module">{module_source()}</script>')
