"""Colab and the launch buttons: both follow `repository.url` in _config.yml,
the one place that names the book's public repository ("" while there is
none; README "Launching").

Every notebook of _toc.yml starts with the Colab install cell, written by
tools/colab_cell.py with _config.yml's URL and branch: after changing
`repository:` in _config.yml (or adding a notebook to _toc.yml), run
`python -m tools.colab_cell` from the repository root. On Colab the cell
installs bpcore from that URL, or, with none, stops with a message saying
what to set; elsewhere it does nothing. The reader notebooks (notebooks/,
tools/reader.py), which the Binder and Colab buttons open, carry the same
cell: `make notebooks` copies it after a build.

The built HTML is checked both ways: the default build (BOOK_BUILD, as
`make book` makes it from the committed _config.yml; tests/test_book.py)
and, here, a second build with the opposite setting (with a URL when the
committed one is "", without one when it is set), made cheaply: every page
of _toc.yml with the generated configuration of `make book`, but without
executing the notebooks (the header buttons do not depend on outputs):
about 25 s. Set BOOK_LAUNCH_BUILD=DIR to keep that build in DIR.
"""
from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import unquote

import pytest
import tomllib
import yaml
from conftest import BUILD

from tools import colab_cell
from tools.toc import notebooks, pages

ROOT = Path(__file__).resolve().parents[1]
HTML = BUILD / "html"
RERUN = "Run `python -m tools.colab_cell` (from the repository root) to rewrite the cell."

URL, BRANCH = colab_cell.repository()
SOURCE = colab_cell.cell_source(URL, BRANCH)
NOTEBOOKS = notebooks()
# the reader notebooks the launch buttons open: notebooks/<file name of the chapter>
READERS = [ROOT / "notebooks" / p.name for p in NOTEBOOKS]

# A repository and branch for the "URL set" cases (never fetched).
OTHER_URL, OTHER_BRANCH = "https://github.com/launch-check/some-book", "launch-test"
URL_CASES = {"no-url": ("", "main"), "url": (OTHER_URL, OTHER_BRANCH)}


def test_toc_has_notebooks():
    assert NOTEBOOKS, "_toc.yml lists no .ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS + READERS,
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_first_code_cell_installs_bpcore_from_config_repository(path):
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make notebooks`"
    nb = colab_cell.read(path)
    why = colab_cell.problem(nb, SOURCE)
    fix = RERUN if path in NOTEBOOKS else f"{RERUN} Then `make book` (or make notebooks)."
    assert why is None, (
        f"{path.relative_to(ROOT)}: {why}; _config.yml names {URL} branch {BRANCH}. {fix}")
    cell = colab_cell.first_code_cell(nb)
    assert f"REPOSITORY, BRANCH = {json.dumps(URL)}, {json.dumps(BRANCH)}\n" in cell.source


def test_config_names_a_real_public_repository_or_none():
    """repository.url is "" or https://github.com/OWNER/REPO (repository()
    refuses anything else), and never the made-up address the book once
    named: it does not exist, so every launch button led to a 404."""
    assert URL == "" or colab_cell.URL_RE.fullmatch(URL)
    assert "bpcore-book/forward-backprop" not in URL


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


def _run_cell(monkeypatch, source=SOURCE, calls=None):
    """Run a cell's source with subprocess.run recorded (into calls), not run."""
    calls = [] if calls is None else calls

    def fake_run(cmd, **kw):
        calls.append((cmd, kw))
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        exec(compile(source, "<colab cell>", "exec"), {"__name__": "__main__"})
    return calls, out.getvalue() + err.getvalue()


def _fake_colab():
    enabled = []
    output = types.SimpleNamespace(enable_custom_widget_manager=lambda: enabled.append(1))
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    colab.output = output
    google.colab = colab
    modules = {"google": google, "google.colab": colab, "google.colab.output": output}
    return modules, enabled


def _on_colab(mp, bpcore_installed=False, env=None):
    """sys.modules and the environment of a Colab runtime (env: BPCORE_REPOSITORY)."""
    modules, enabled = _fake_colab()
    # None in sys.modules makes importlib.util.find_spec("bpcore") None: not installed
    _set_modules(mp, **modules, **({} if bpcore_installed else {"bpcore": None}))
    if env is None:
        mp.delenv(colab_cell.ENV, raising=False)
    else:
        mp.setenv(colab_cell.ENV, env)
    return enabled


@pytest.mark.parametrize("case", URL_CASES)
def test_cell_does_nothing_off_colab(monkeypatch, case):
    """On the build machine, Binder or JupyterLab: no install, no output,
    with or without a repository URL."""
    source = colab_cell.cell_source(*URL_CASES[case])
    with monkeypatch.context() as mp:
        _set_modules(mp, **{"google.colab": KeyError})
        calls, printed = _run_cell(mp, source)
    assert calls == [] and printed == ""


def test_cell_on_colab_installs_from_the_config_repository(monkeypatch):
    source = colab_cell.cell_source(OTHER_URL, OTHER_BRANCH)
    with monkeypatch.context() as mp:
        enabled = _on_colab(mp)
        calls, printed = _run_cell(mp, source)
    assert len(calls) == 1, calls
    cmd, kw = calls[0]
    assert cmd[:5] == [sys.executable, "-m", "pip", "install", "-q"]
    assert f"bpcore[{colab_cell.EXTRAS}] @ git+{OTHER_URL}@{OTHER_BRANCH}" in cmd
    assert kw.get("check") is True
    assert enabled == [1] and printed == ""

    # bpcore already installed (a second run in the same Colab session): no install
    with monkeypatch.context() as mp:
        enabled = _on_colab(mp, bpcore_installed=True)
        calls, printed = _run_cell(mp, source)
    assert calls == [] and printed == "" and enabled == [1]


def test_cell_on_colab_without_a_repository_says_what_to_set(monkeypatch):
    """No URL in _config.yml: the cell installs nothing (no made-up address)
    and stops "Run all" with a message naming what the reader can set
    (BPCORE_REPOSITORY) and what the maintainer sets (repository.url)."""
    source = colab_cell.cell_source("", "main")
    calls = []
    with monkeypatch.context() as mp:
        _on_colab(mp)
        with pytest.raises(RuntimeError) as err:
            _run_cell(mp, source, calls)
    message = str(err.value)
    for needed in (f"%env {colab_cell.ENV}=https://github.com/", "repository.url",
                   "_config.yml", "python -m tools.colab_cell", "bpcore"):
        assert needed in message, f"the message does not say {needed!r}: {message}"
    assert calls == []
    # installed already (e.g. by the reader): the cell is quiet, as with a URL
    with monkeypatch.context() as mp:
        enabled = _on_colab(mp, bpcore_installed=True)
        calls, printed = _run_cell(mp, source)
    assert calls == [] and printed == "" and enabled == [1]


@pytest.mark.parametrize("case", URL_CASES)
def test_cell_on_colab_installs_from_the_readers_repository(monkeypatch, case):
    """%env BPCORE_REPOSITORY=URL names the repository, with or without one
    in _config.yml."""
    source = colab_cell.cell_source(*URL_CASES[case])
    mine = "https://github.com/a-reader/fork-of-the-book"
    with monkeypatch.context() as mp:
        _on_colab(mp, env=mine)
        calls, _ = _run_cell(mp, source)
    assert len(calls) == 1, calls
    assert f"bpcore[{colab_cell.EXTRAS}] @ git+{mine}@{URL_CASES[case][1]}" in calls[0][0]


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


# --- the configuration the build uses (make book) -----------------------------

def _theme_options(config: dict) -> dict:
    """html_theme_options of the Sphinx configuration Jupyter Book makes from
    a _config.yml (what `jupyter-book config sphinx` prints)."""
    from jupyter_book.config import get_final_config

    sphinx_config, _ = get_final_config(user_yaml=config, sourcedir=ROOT,
                                        cli_config={"latex_individualpages": False})
    return sphinx_config["html_theme_options"]


def _config_problems(opts: dict, url: str, branch: str) -> list[str]:
    """What is wrong with html_theme_options for repository url ("" = none)."""
    launch = opts.get("launch_buttons") or {}
    services = {k: v for k, v in launch.items() if (k.endswith("_url") or k == "thebe") and v}
    on = [b for b in ("use_repository_button", "use_issues_button", "use_edit_page_button")
          if opts.get(b)]
    problems = []
    if not url:
        if services:
            problems.append(f"launch services without a repository: {services}")
        if on:
            problems.append(f"buttons on without a repository: {on}")
        if opts.get("repository_url"):
            problems.append(f"repository_url {opts['repository_url']!r}")
        return problems
    expected = {"binderhub_url": colab_cell.BINDERHUB_URL, "colab_url": colab_cell.COLAB_URL}
    if services != expected:
        problems.append(f"launch services {services} are not {expected}")
    if opts.get("repository_url") != url:
        problems.append(f"repository_url {opts.get('repository_url')!r} is not {url}")
    if opts.get("repository_branch") != branch:
        problems.append(f"repository_branch {opts.get('repository_branch')!r} is not {branch}")
    if set(colab_cell.REPOSITORY_BUTTONS) - set(on):
        problems.append(f"only {on} of {colab_cell.REPOSITORY_BUTTONS} are on")
    return problems


@pytest.mark.parametrize("case", URL_CASES)
def test_book_config_switches_every_button_with_the_url(case):
    url, branch = URL_CASES[case]
    opts = _theme_options(colab_cell.book_config(url, branch))
    assert _config_problems(opts, url, branch) == []
    # and the check sees the difference
    other = URL_CASES["url" if case == "no-url" else "no-url"]
    assert _config_problems(opts, *other)


def test_committed_config_alone_builds_with_its_buttons_off():
    """A plain `jupyter-book build .` (no generated config) must work with
    any repository.url, "" included: the committed file has no launch
    service and no repository button (Jupyter Book refuses those without a
    URL, sphinx-book-theme fails on launch services without one)."""
    opts = _theme_options(colab_cell.load_config())
    assert opts.get("repository_url") == URL
    problems = _config_problems({**opts, "repository_url": ""}, "", "main")
    assert problems == [], "_config.yml: only make book may switch the buttons on"


def test_make_book_writes_the_config_of_this_url(tmp_path):
    out = tmp_path / "launch_config.yml"
    r = subprocess.run([sys.executable, "-m", "tools.colab_cell", "--book-config", str(out)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    written = yaml.safe_load(out.read_text(encoding="utf8"))
    assert written == colab_cell.book_config()
    assert _config_problems(_theme_options(written), URL, BRANCH) == []
    # the cjk_breaks extension is found from the generated file's folder too
    for path in written["sphinx"]["local_extensions"].values():
        assert Path(path).is_absolute() and Path(path).is_dir()
    assert "--book-config $(BOOK_CONFIG)" in (ROOT / "Makefile").read_text(encoding="utf8")


# --- the built HTML, both ways ------------------------------------------------

LAUNCH_HOSTS = ("mybinder.org", "colab.research.google.com")


def launch_problems(html_dir: Path, url: str, branch: str) -> list[str]:
    """What is wrong with the launch and repository buttons of a built book
    for repository url ("" = none) and branch; [] when all is right.

    Without a URL: no launch or repository button on any page, and no link
    to Binder or Colab, nor to GitHub outside a page's own text (the
    bibliography cites projects on GitHub). With one: every notebook page
    has exactly the Binder and Colab links built from it, which open its
    reader notebook, notebooks/<page>.ipynb (tools/reader_launch.py), every
    page of the toc the repository button pointing at it, and no link to
    Binder, Colab or GitHub (outside the text) goes anywhere else."""
    from bs4 import BeautifulSoup

    problems = []
    org_repo = url.removeprefix("https://github.com/")
    nb_pages = {p.relative_to(ROOT).with_suffix("").as_posix(): f"notebooks/{p.name}"
                for p in NOTEBOOKS}
    toc_pages = set(pages())
    files = [p for p in html_dir.rglob("*.html")
             if not p.relative_to(html_dir).parts[0].startswith("_")]
    assert files, f"no pages in {html_dir}"
    for path in files:
        docname = path.relative_to(html_dir).with_suffix("").as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf8"), "html.parser")
        for content in soup.select("article"):
            content.decompose()          # the page's own text: citations may link GitHub
        links = [html.unescape(a.get("href", "")) for a in soup.find_all("a")]
        launch = [u for u in links if any(f"//{h}/" in u for h in LAUNCH_HOSTS)]
        github = [u for u in links if "//github.com/" in u]
        widgets = soup.select(".dropdown-launch-buttons, .dropdown-source-buttons")
        if not url:
            problems += [f"{docname}: a link to {u}" for u in launch + github]
            problems += [f"{docname}: a {' '.join(w['class'])} menu" for w in widgets]
            continue
        rel = nb_pages.get(docname)
        want = [] if rel is None else [
            f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/{rel}",
            f"https://colab.research.google.com/github/{org_repo}/blob/{branch}/{rel}"]
        if sorted(launch) != sorted(want):
            problems.append(f"{docname}: launch links {launch}, expected {want}")
        problems += [f"{docname}: launch link to a text source {u}" for u in launch
                     if re.search(r"\.(md|txt|rst)$", unquote(u))]
        problems += [f"{docname}: a GitHub link outside {url}: {u}" for u in github
                     if not (u == url or u.startswith(url + "/"))]
        repo_buttons = [html.unescape(a.get("href", "")) for a in
                        soup.select(".dropdown-source-buttons a")]
        if docname in toc_pages and url not in repo_buttons:
            problems.append(f"{docname}: no repository button to {url} ({repo_buttons})")
    return problems


def _jupyter_book() -> str:
    return str(Path(sys.executable).with_name("jupyter-book"))


@pytest.fixture(scope="module")
def other_build(tmp_path_factory):
    """The book built with the opposite repository setting to the committed
    one, quickly: make book's generated configuration for it, every page,
    the notebooks not executed (glue's missing outputs only warn: no -W)."""
    url, branch = ("", "main") if URL else (OTHER_URL, OTHER_BRANCH)
    out = Path(os.environ.get("BOOK_LAUNCH_BUILD") or tmp_path_factory.mktemp("launch"))
    config = colab_cell.book_config(url, branch)
    config["execute"]["execute_notebooks"] = "off"
    path = out / "launch_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf8")
    r = subprocess.run([_jupyter_book(), "build", "--all", "--config", str(path),
                        "--path-output", str(out), "."],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return out / "_build" / "html", url, branch


def test_other_build_buttons_follow_the_url(other_build):
    html_dir, url, branch = other_build
    problems = launch_problems(html_dir, url, branch)
    assert not problems, "\n".join(problems[:20])
    # the check can fail: this build is wrong for the committed setting
    assert launch_problems(html_dir, URL, BRANCH)


def test_other_build_has_every_page(other_build):
    """The second build is the same book: every page of the toc is there."""
    html_dir, _, _ = other_build
    missing = [d for d in pages() if not (html_dir / f"{d}.html").is_file()]
    assert not missing, missing
