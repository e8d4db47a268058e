"""The book's public repository: the Colab install cell and the launch buttons.

One place names where the book is published: `repository.url` (and
`repository.branch`) in _config.yml, a public GitHub address such as
https://github.com/OWNER/REPO, or "" while the book has none. Everything that
links to the repository is derived from it here:

* The Colab install cell, the first code cell of every notebook in _toc.yml
  (committed in the notebooks, so it cannot depend on anything set at build
  time). Colab has no bpcore, so on Colab only the cell installs it from
  REPOSITORY at BRANCH, written into the cell from _config.yml. With no URL
  it installs nothing from a made-up address: it stops with a message that
  says what to set (a reader: `%env BPCORE_REPOSITORY=https://github.com/OWNER/REPO`,
  which also overrides REPOSITORY; the maintainer: repository.url, then this
  script). Everywhere else (JupyterLab, Binder, the book build) the cell does
  nothing and prints nothing; it is tagged `remove-cell`, so no page shows it.
* The build's configuration (`--book-config`, run by `make book`): _config.yml
  with the GitHub/issues buttons and the Binder and Colab launch buttons
  switched on when the URL is set, and left off (the committed state, which
  a plain `jupyter-book build .` also uses) when it is not. They cannot be
  on in _config.yml itself: Jupyter Book refuses repository buttons without
  a URL, and sphinx-book-theme fails on launch buttons without one.

Run it from the repository root, as a module (it imports tools.toc):

    python -m tools.colab_cell            # write or update the cell in every notebook of _toc.yml
    python -m tools.colab_cell --check    # only report notebooks whose cell is missing or stale
    python -m tools.colab_cell book/ch4_param_grads.ipynb ...   # just these notebooks
    python -m tools.colab_cell --book-config _build/launch_config.yml   # make book uses it

Notebooks are read and written with nbformat (version 4), so a notebook the
script rewrites is saved as Jupyter saves it: indent 1, sorted keys, sources
split into lines, UTF-8 as is, a final newline.

Publishing the book under a URL or branch means changing _config.yml and
running this script; tests/test_colab.py fails until every cell agrees.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

import nbformat
import yaml
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

from tools.toc import ROOT, notebooks

CELL_ID = "colab-install"
TAGS = ["remove-cell"]
EXTRAS = "viz,data"          # bpcore's optional dependencies (pyproject.toml)
ALSO = ["myst-nb", "autograd"]   # imported by the chapters (glue; ch6's independent check)
ENV = "BPCORE_REPOSITORY"    # a Colab reader's own choice of repository (%env)

# A public GitHub repository: Colab opens notebooks from GitHub only, and
# Binder's /v2/gh/OWNER/REPO/BRANCH form needs one.
URL_RE = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")

# The launch services, used only when repository.url is set.
BINDERHUB_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"
REPOSITORY_BUTTONS = ("use_repository_button", "use_issues_button")

# What the cell says on Colab when it knows no repository (the reader's language).
NO_REPOSITORY = (
    "这本书没有写明它的公开仓库（_config.yml 的 repository.url 为空），",
    "所以本单元格无法在 Colab 上安装 bpcore。",
    "读者：若知道本书所在的 GitHub 仓库，先运行",
    "%env " + ENV + "=https://github.com/OWNER/REPO",
    "再运行本单元格。维护者：在 _config.yml 的 repository.url",
    "填写仓库的公开地址，然后运行 python -m tools.colab_cell。",
)

TEMPLATE = '''\
# Colab only: install the book's package bpcore (and myst-nb, for glue) from the
# book's public repository, REPOSITORY below (repository.url in _config.yml; ""
# while the book has none) or the one named by %env {env}=URL.
# Anywhere else -- JupyterLab, Binder, the book build -- this cell does nothing.
# Written by tools/colab_cell.py from _config.yml.
import sys

REPOSITORY, BRANCH = {url}, {branch}

if "google.colab" in sys.modules:
    import importlib.util
    import os

    if importlib.util.find_spec("bpcore") is None:
        import subprocess

        _repository = os.environ.get({env_q}) or REPOSITORY
        if not _repository:
            raise RuntimeError(
{message})
        subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                        f"bpcore[{extras}] @ git+{{_repository}}@{{BRANCH}}",
                        {also}], check=True)
        importlib.invalidate_caches()
    from google.colab import output

    output.enable_custom_widget_manager()   # ipywidgets 8 (Stack, jslink) on Colab'''


def load_config(root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf8"))


def repository(root: Path = ROOT) -> tuple[str, str]:
    """(url, branch) of `repository:` in _config.yml; url is "" when none is set."""
    repo = load_config(root).get("repository") or {}
    url = str(repo.get("url") or "").strip().rstrip("/")
    if url and not URL_RE.fullmatch(url):
        raise SystemExit(f"_config.yml: repository.url {url!r} is not a public GitHub "
                         "address https://github.com/OWNER/REPO (or \"\" for none)")
    return url, str(repo.get("branch") or "main")


def pip_spec(url: str, branch: str) -> str:
    return f"bpcore[{EXTRAS}] @ git+{url}@{branch}"


def _message_lines(indent: int) -> str:
    """NO_REPOSITORY as adjacent string literals, one line each (the cell's
    lines stay short enough for ruff, which checks the notebooks too)."""
    last = len(NO_REPOSITORY) - 1
    return "\n".join(" " * indent + json.dumps(line + ("\n" if i < last else ""),
                                                ensure_ascii=False)
                     for i, line in enumerate(NO_REPOSITORY))


def cell_source(url: str, branch: str) -> str:
    return TEMPLATE.format(url=json.dumps(url), branch=json.dumps(branch), env=ENV,
                           env_q=json.dumps(ENV), extras=EXTRAS,
                           message=_message_lines(16),
                           also=", ".join(json.dumps(a) for a in ALSO))


def book_config(url: str | None = None, branch: str | None = None,
                root: Path = ROOT) -> dict:
    """_config.yml as the build uses it: with url (default: repository.url)
    the repository and launch buttons on and built from it, without none.

    Paths of `sphinx.local_extensions` are made absolute, since Jupyter Book
    resolves them from the folder of the configuration file it is given."""
    config = copy.deepcopy(load_config(root))
    if url is None:
        url, branch = repository(root)
    elif url and not URL_RE.fullmatch(url):
        raise ValueError(f"not a public GitHub address: {url!r}")
    repo = config.setdefault("repository", {})
    html = config.setdefault("html", {})
    launch = config.setdefault("launch_buttons", {})
    if url:
        repo["url"] = url
        if branch:
            repo["branch"] = branch
        launch.update(binderhub_url=BINDERHUB_URL, colab_url=COLAB_URL)
        html.update({b: True for b in REPOSITORY_BUTTONS})
    else:
        repo["url"] = ""     # absent, Jupyter Book would fill in its own repository
        for key in ("binderhub_url", "colab_url", "jupyterhub_url", "thebe",
                    "jupyterlite_url", "deepnote_url"):
            launch.pop(key, None)
        html.update({b: False for b in (*REPOSITORY_BUTTONS, "use_edit_page_button")})
    local = (config.get("sphinx") or {}).get("local_extensions") or {}
    for name, path in local.items():
        local[name] = str((root / path).resolve())
    return config


def write_book_config(out: Path, root: Path = ROOT) -> dict:
    config = book_config(root=root)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Generated by `python -m tools.colab_cell --book-config` from _config.yml"
                   " (make book):\n# edit _config.yml, not this file.\n"
                   + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                   encoding="utf8")
    return config


def read(path: Path) -> NotebookNode:
    """A notebook as nbformat reads it (version 4; each source one string)."""
    return nbformat.read(path, as_version=4)


def first_code_cell(nb: NotebookNode) -> NotebookNode | None:
    return next((c for c in nb.cells if c.cell_type == "code"), None)


def problem(nb: NotebookNode, source: str) -> str | None:
    """Why this notebook's first code cell is not the Colab cell, or None."""
    cell = first_code_cell(nb)
    if cell is None or cell.get("id") != CELL_ID:
        return f"its first code cell is not the Colab install cell (id {CELL_ID!r})"
    if cell.source != source:
        return "its Colab install cell differs from _config.yml's repository url/branch"
    if cell.get("metadata", {}).get("tags") != TAGS:
        return f"its Colab install cell is not tagged {TAGS}"
    if cell.get("outputs"):
        return "its Colab install cell has outputs"
    return None


def fix(nb: NotebookNode, source: str) -> None:
    """Put the Colab cell before the first code cell (replacing an old one)."""
    cell = new_code_cell(source, id=CELL_ID, metadata={"tags": list(TAGS)})
    cells = nb.cells
    old = next((i for i, c in enumerate(cells) if c.get("id") == CELL_ID), None)
    if old is not None:
        del cells[old]
    first = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    cells.insert(first, cell)


def dump(nb: NotebookNode) -> str:
    """The text nbformat.write saves: the project's notebook format."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.colab_cell",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path,
                    help="default: every .ipynb listed in _toc.yml")
    ap.add_argument("--check", action="store_true", help="report, do not write")
    ap.add_argument("--book-config", type=Path, metavar="OUT",
                    help="only write the build's configuration (make book) to OUT")
    args = ap.parse_args(argv)
    if args.book_config:
        config = write_book_config(args.book_config)
        url = (config.get("repository") or {}).get("url")
        print(f"{args.book_config}: " + (f"launch buttons for {url}" if url else
              "no repository.url in _config.yml: no GitHub, Binder or Colab button"))
        return 0
    source = cell_source(*repository())
    paths = args.notebooks or notebooks()
    bad = 0
    for path in paths:
        nb = read(path)
        why = problem(nb, source)
        if why is None:
            continue
        if args.check:
            print(f"{path}: {why}")
            bad += 1
        else:
            fix(nb, source)
            nbformat.write(nb, path)
            print(f"{path}: Colab install cell written")
    if args.check and bad:
        print(f"run `python -m tools.colab_cell` to update {bad} notebook(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
