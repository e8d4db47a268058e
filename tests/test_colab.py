"""Colab: every notebook of _toc.yml starts with the Colab install cell, whose
repository URL and branch are _config.yml's, and the built pages' launch
buttons open the .ipynb on that branch.

The cell is written by tools/colab_cell.py: after changing `repository:` in
_config.yml (or adding a notebook to _toc.yml), run `python -m tools.colab_cell`
from the repository root.
The launch-button tests read _build/html and skip when the book is not built.
"""
from __future__ import annotations

import contextlib
import html
import io
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import unquote

import pytest
import tomllib

from tools import colab_cell
from tools.toc import notebooks

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
RERUN = "Run `python -m tools.colab_cell` (from the repository root) to rewrite the cell."

URL, BRANCH = colab_cell.repository()
SOURCE = colab_cell.cell_source(URL, BRANCH)
NOTEBOOKS = notebooks()


def test_toc_has_notebooks():
    assert NOTEBOOKS, "_toc.yml lists no .ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_installs_bpcore_from_config_repository(path):
    nb = colab_cell.read(path)
    why = colab_cell.problem(nb, SOURCE)
    assert why is None, (
        f"{path.relative_to(ROOT)}: {why}; _config.yml names {URL} branch {BRANCH}. {RERUN}")
    cell = colab_cell.first_code_cell(nb)
    assert f"git+{URL}@{BRANCH}" in cell.source


def test_cell_extras_exist_in_pyproject():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))[
        "project"]["optional-dependencies"]
    for extra in colab_cell.EXTRAS.split(","):
        assert extra in extras, \
            f"the Colab cell installs bpcore[{extra}], pyproject has no such extra"


def _set_modules(mp, **modules):
    """Put modules into sys.modules (KeyError: remove the name) until mp undoes it."""
    for name, mod in modules.items():
        if mod is KeyError:
            mp.delitem(sys.modules, name, raising=False)
        else:
            mp.setitem(sys.modules, name, mod)


def _run_cell(monkeypatch):
    calls = []

    def fake_run(cmd, **kw):
        calls.append((cmd, kw))
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        exec(compile(SOURCE, "<colab cell>", "exec"), {"__name__": "__main__"})
    return calls, out.getvalue() + err.getvalue()


def test_cell_does_nothing_off_colab(monkeypatch):
    """On the build machine, Binder or JupyterLab: no install, no output."""
    with monkeypatch.context() as mp:
        _set_modules(mp, **{"google.colab": KeyError})
        calls, printed = _run_cell(mp)
    assert calls == [] and printed == ""


def test_cell_on_colab_installs_from_config_repository(monkeypatch):
    enabled = []
    output = types.SimpleNamespace(enable_custom_widget_manager=lambda: enabled.append(1))
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    colab.output = output
    google.colab = colab
    # bpcore missing (None in sys.modules makes importlib.util.find_spec("bpcore") None)
    with monkeypatch.context() as mp:
        _set_modules(mp, google=google, **{"google.colab": colab, "google.colab.output": output,
                                           "bpcore": None})
        calls, printed = _run_cell(mp)
    assert len(calls) == 1, calls
    cmd, kw = calls[0]
    assert cmd[:5] == [sys.executable, "-m", "pip", "install", "-q"]
    assert f"bpcore[{colab_cell.EXTRAS}] @ git+{URL}@{BRANCH}" in cmd
    assert kw.get("check") is True
    assert enabled == [1] and printed == ""

    # bpcore already installed (a second run in the same Colab session): no install
    with monkeypatch.context() as mp:
        _set_modules(mp, google=google, **{"google.colab": colab, "google.colab.output": output})
        calls, printed = _run_cell(mp)
    assert calls == [] and printed == ""


def test_tool_check_passes():
    r = subprocess.run([sys.executable, "-m", "tools.colab_cell", "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_saved_as_nbformat_writes_it_without_outputs(path):
    """The file is what nbformat.write saves (indent 1, sorted keys, sources
    split into lines, UTF-8 as is, final newline), so a notebook the tool
    rewrites, or Jupyter saves, changes only where its content changes; and
    it is committed without outputs (the book build executes it)."""
    text = path.read_text(encoding="utf8")
    nb = colab_cell.read(path)
    executed = [c.get("id") for c in nb.cells
                if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not executed, f"{path.name}: cells with outputs or an execution count: {executed}"
    assert text == colab_cell.dump(nb), (
        f"{path.name} is not saved as nbformat saves it; normalise it with "
        f"python -c \"import nbformat as f; f.write(f.read('{path.relative_to(ROOT)}', 4), "
        f"'{path.relative_to(ROOT)}')\"")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tool_rewrites_a_missing_cell_byte_for_byte(path):
    """Without its Colab cell, the tool puts back exactly the committed file:
    running it on an up-to-date book changes nothing."""
    nb = colab_cell.read(path)
    nb.cells = [c for c in nb.cells if c.get("id") != colab_cell.CELL_ID]
    assert colab_cell.problem(nb, SOURCE) is not None
    colab_cell.fix(nb, SOURCE)
    assert colab_cell.problem(nb, SOURCE) is None
    assert colab_cell.dump(nb) == path.read_text(encoding="utf8")


# --- the built book's launch buttons ---------------------------------------

needs_build = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)")

LINK_RE = re.compile(r'href="(https://(?:colab\.research\.google\.com|mybinder\.org)/[^"]+)"')


def _launch_links(docname):
    text = (HTML / f"{docname}.html").read_text(encoding="utf8")
    links = [html.unescape(u) for u in LINK_RE.findall(text)]
    colab = [u for u in links if "colab.research.google.com" in u]
    binder = [u for u in links if "mybinder.org" in u]
    return colab, binder


@needs_build
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_launch_buttons_open_the_ipynb_on_the_config_branch(path):
    docname = path.relative_to(ROOT).with_suffix("").as_posix()
    if not (HTML / f"{docname}.html").is_file():
        if (HTML / "searchindex.js").stat().st_mtime < (ROOT / "_toc.yml").stat().st_mtime:
            pytest.skip(f"{docname}.html: the build is older than _toc.yml (run `make book`)")
        pytest.fail(f"{docname}.html is missing from the build")
    colab, binder = _launch_links(docname)
    org_repo = re.sub(r"^https://github\.com/", "", URL)
    rel = path.relative_to(ROOT).as_posix()
    assert colab, f"{docname}: no Colab launch button"
    for u in colab:
        assert u == f"https://colab.research.google.com/github/{org_repo}/blob/{BRANCH}/{rel}", u
        assert u.endswith(".ipynb")
    assert binder, f"{docname}: no Binder launch button"
    for u in binder:
        assert u.startswith(f"https://mybinder.org/v2/gh/{org_repo}/{BRANCH}?"), u
        assert unquote(u).endswith(f"/tree/{rel}"), u


@needs_build
def test_no_launch_button_opens_a_markdown_source():
    for page in HTML.rglob("*.html"):
        colab, binder = _launch_links(page.relative_to(HTML).with_suffix("").as_posix())
        for u in colab + binder:
            assert not re.search(r"\.(md|txt|rst)$", unquote(u)), f"{page}: {u}"
