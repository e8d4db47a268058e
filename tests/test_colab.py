"""Colab: every notebook of _toc.yml starts with the Colab install cell, whose
repository URL and branch are _config.yml's, and the built pages' launch
buttons open the .ipynb on that branch.

The cell is written by tools/colab_cell.py: after changing `repository:` in
_config.yml (or adding a notebook to _toc.yml), run `python tools/colab_cell.py`.
The launch-button tests read _build/html and skip when the book is not built.
"""
from __future__ import annotations

import contextlib
import html
import importlib.util
import io
import json
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import unquote

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

spec = importlib.util.spec_from_file_location("colab_cell", ROOT / "tools" / "colab_cell.py")
colab_cell = importlib.util.module_from_spec(spec)
spec.loader.exec_module(colab_cell)

URL, BRANCH = colab_cell.repository()
SOURCE = colab_cell.cell_source(URL, BRANCH)
NOTEBOOKS = colab_cell.toc_notebooks()


def test_toc_has_notebooks():
    assert NOTEBOOKS, "_toc.yml lists no .ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_installs_bpcore_from_config_repository(path):
    nb = json.loads(path.read_text(encoding="utf8"))
    why = colab_cell.problem(nb, SOURCE)
    assert why is None, (
        f"{path.relative_to(ROOT)}: {why}; _config.yml names {URL} branch {BRANCH}. "
        "Run `python tools/colab_cell.py` to rewrite the cell.")
    cell = colab_cell.first_code_cell(nb)
    assert f"git+{URL}@{BRANCH}" in "".join(cell["source"])


def test_cell_extras_exist_in_pyproject():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))[
        "project"]["optional-dependencies"]
    for extra in colab_cell.EXTRAS.split(","):
        assert extra in extras, f"the Colab cell installs bpcore[{extra}], pyproject has no such extra"


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
    # bpcore missing (None in sys.modules makes `import bpcore` raise ImportError)
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
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "colab_cell.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_notebooks_are_saved_in_project_format_without_outputs():
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf8")
        nb = json.loads(text)
        assert text == colab_cell.dump(nb), f"{path.name}: not indent=1/ensure_ascii=False/newline"


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
