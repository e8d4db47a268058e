"""Chapter 3's reader notebook in a real JupyterLab, as a Binder reader gets it.

The test starts JupyterLab (requirements.txt pins it) on a free port with a
token, in a temporary folder holding a copy of notebooks/ (the committed
files keep no outputs) and its own Jupyter configuration, settings and
runtime folders; Debian's Chromium (Playwright) opens
ch3_backprop_deltas.ipynb, runs every cell from the Run menu and waits for
the kernel to finish. The rendered page must show what the book shows:

* δ⁽³⁾ of the chapter's worked example, as bpcore computes it and the book
  formats it (bpcore.notebook.num), in the typeset prose;
* "(3.1)" in the prose and as the tag of the typeset equation (3.1);
* the solutions folded (closed <details>);
* the δ slider, now drawn by the kernel's widgets, moving from the keyboard
  to the next panel, whose δ⁽ˡ⁾ are bpcore's.

One JupyterLab start and one page load (module-scoped fixtures); about a
minute. Without Chromium the test is skipped, unless CI=true.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import numpy as np
import pytest
from test_browser import SUP, Slider, ch3_network, heading_layer, shown_vector

import bpcore as bp
from bpcore.notebook import num
from tools.reader import OUT

NOTEBOOK = "ch3_backprop_deltas.ipynb"
START_TIMEOUT, RUN_TIMEOUT = 90, 180          # seconds

# JupyterLab's settings for the test: every cell in the DOM (no windowing),
# no news or update checks (they would go to the network).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}
SERVER_CONFIG = {"LabApp": {"news_url": None, "extension_manager": "readonly",
                            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of notebooks/: (base URL, token)."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    shutil.copytree(OUT, tmp / "notebooks")
    (tmp / "config").mkdir()
    (tmp / "config" / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG))
    for name, value in SETTINGS.items():
        (tmp / "settings" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "settings" / name).write_text(json.dumps(value))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), IPYTHONDIR=str(tmp / "ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    port, token = free_port(), secrets.token_hex(16)
    log = tmp / "jupyterlab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--ServerApp.root_dir={tmp / 'notebooks'}", f"--IdentityProvider.token={token}"],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.monotonic()
        while True:
            if proc.poll() is not None or time.monotonic() - t0 > START_TIMEOUT:
                pytest.fail(f"JupyterLab did not start (exit {proc.poll()}):\n"
                            + log.read_text()[-3000:], pytrace=False)
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# The page's state, read in one go: kernel status, prompts, errors, rendered Markdown.
STATE_JS = """() => {
  const bar = document.querySelector('#jp-main-statusbar');
  const md = [...document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')];
  const prose = md.map(m => { const c = m.cloneNode(true);
      c.querySelectorAll('mjx-container, code, pre').forEach(e => e.remove());
      return c.textContent; }).join('\\n');
  return {status: bar ? bar.innerText : '',
          cells: document.querySelectorAll('.jp-Notebook .jp-Cell').length,
          prompts: [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .map(e => e.textContent.trim()).filter(t => t),
          errors: [...document.querySelectorAll(
                     '[data-mime-type="application/vnd.jupyter.error"]')]
                     .map(e => e.textContent.slice(0, 300)),
          maths: md.map(m => [...m.querySelectorAll('mjx-container')]
                     .map(c => c.textContent).join(' ')).join('\\n'),
          tags: [...document.querySelectorAll('.jp-MarkdownCell mlabeledtr')]
                     .map(r => r.firstElementChild.textContent.trim()),
          prose,
          details: [...document.querySelectorAll('.jp-MarkdownCell details')].map(d => ({
              open: d.open, summary: d.querySelector('summary').textContent.trim(),
              shown: [...d.children].filter(e => e.tagName !== 'SUMMARY')
                                     .some(e => e.checkVisibility())}))};
}"""


@pytest.fixture(scope="module")
def ran(lab, browser):
    """The notebook open in JupyterLab after Run ▸ Run All Cells: (page, state)."""
    base, token = lab
    nb = nbformat.read(OUT / NOTEBOOK, as_version=4)
    n_code = sum(c.cell_type == "code" for c in nb.cells)
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert not last.metadata.get("jupyter", {}).get("source_hidden"), \
        "the test waits for the last code cell's prompt: it must be visible"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    t0 = time.monotonic()
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-Cell').length"
                           f" === {len(nb.cells)}", timeout=START_TIMEOUT * 1000)
    page.wait_for_function(
        "() => /Idle/.test(document.querySelector('#jp-main-statusbar').innerText)"
        " && !/No Kernel/.test(document.querySelector('#jp-main-statusbar').innerText)",
        timeout=START_TIMEOUT * 1000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    state = {}
    for _ in range(RUN_TIMEOUT * 4):
        state = page.evaluate(STATE_JS)
        if state["errors"] or (f"[{n_code}]:" in state["prompts"]
                               and "[*]:" not in state["prompts"] and "Idle" in state["status"]):
            break
        page.wait_for_timeout(250)
    took = time.monotonic() - t0
    assert not state["errors"], f"a cell failed in JupyterLab: {state['errors']}"
    assert f"[{n_code}]:" in state["prompts"], \
        f"Run All did not finish in {RUN_TIMEOUT} s: prompts {state['prompts']}"
    page.wait_for_function("() => !document.querySelector('.jp-MarkdownCell .jp-RenderedMarkdown')"
                           " || document.querySelectorAll('mjx-container').length > 0")
    print(f"\nJupyterLab: {NOTEBOOK} opened and run in {took:.0f} s")
    yield page, page.evaluate(STATE_JS)
    context.close()


def test_prose_shows_delta_3_as_bpcore_computes_it(ran):
    _, state = ran
    net, x, y = ch3_network()
    d3 = num(bp.backward(net, bp.forward(net, x), y, "mse").delta[3][0, 0])
    maths = state["maths"].replace("\u2212", "-")
    assert f"δ(3)≈{d3}" in maths.replace(" ", ""), \
        f"the typeset prose does not show δ⁽³⁾ ≈ {d3}"
    assert "$" not in state["prose"] and "{glue" not in state["prose"], \
        "raw maths or MyST in the rendered Markdown"


def test_equation_number_in_prose_and_tag(ran):
    _, state = ran
    assert "(3.1)" in state["prose"], "no (3.1) in the prose"
    assert "{eq}" not in state["prose"]
    assert "(3.1)" in state["tags"], f"equation (3.1) is not tagged: tags {state['tags']}"


def test_solutions_are_folded(ran):
    _, state = ran
    details = state["details"]
    assert details, "no folded solution on the page"
    assert all(not d["open"] and not d["shown"] for d in details), details
    assert all("3." in d["summary"] for d in details), [d["summary"] for d in details]


def test_delta_slider_moves_with_the_keyboard(ran):
    page, _ = ran
    net, x, y = ch3_network()
    delta = bp.backward(net, bp.forward(net, x), y, "mse").delta
    s = Slider(page, 0)
    first = s.wait("the δ slider drawn by the kernel's widgets",
                   lambda st: st["shown"] == 1 and heading_layer(st["text"]) == net.L,
                   timeout=20.0)
    s.press("ArrowRight")
    st = s.wait("ArrowRight -> the next layer",
                lambda st: st["value"] == 1 and st["text"] != first["text"])
    l = heading_layer(st["text"])
    assert l == net.L - 1, st["text"][:80]
    shown = shown_vector(page, 0, f"δ({l})".translate(SUP))
    assert shown is not None, f"the panel shows no δ⁽{l}⁾"
    np.testing.assert_allclose(shown, delta[l][:, 0], rtol=5e-3, atol=1e-12)
