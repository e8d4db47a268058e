"""The Colab install cell: the first code cell of every notebook in _toc.yml.

Colab has no bpcore, so each chapter starts with a cell that, on Colab only,
installs it from the book's repository -- the one named by `repository.url`
and `repository.branch` in _config.yml, the same that the launch buttons use.
Everywhere else (JupyterLab, Binder, the book build) the cell does nothing and
prints nothing; it is tagged `remove-cell`, so the page does not show it.

Run it from the repository root, as a module (it imports tools.toc):

    python -m tools.colab_cell            # write or update the cell in every notebook of _toc.yml
    python -m tools.colab_cell --check    # only report notebooks whose cell is missing or stale
    python -m tools.colab_cell book/ch4_param_grads.ipynb ...   # just these notebooks

Notebooks are read and written with nbformat (version 4), so a notebook the
script rewrites is saved as Jupyter saves it: indent 1, sorted keys, sources
split into lines, UTF-8 as is, a final newline.

Publishing the book under another URL or branch means changing _config.yml and
running this script; tests/test_colab.py fails until every cell agrees.
"""
from __future__ import annotations

import argparse
import json
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

TEMPLATE = '''\
# Colab only: install the book's package bpcore (and myst-nb, for glue) from the
# book's repository. Anywhere else -- JupyterLab, Binder, the book build -- this
# cell does nothing. Written by tools/colab_cell.py from _config.yml.
import sys

if "google.colab" in sys.modules:
    import importlib.util

    if importlib.util.find_spec("bpcore") is None:
        import subprocess

        subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                        {spec},
                        {also}], check=True)
        importlib.invalidate_caches()
    from google.colab import output

    output.enable_custom_widget_manager()   # ipywidgets 8 (Stack, jslink) on Colab'''


def repository(root: Path = ROOT) -> tuple[str, str]:
    """(url, branch) of `repository:` in _config.yml, the launch buttons' source."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf8"))
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    if not url:
        raise SystemExit("_config.yml has no repository.url: Colab cannot install bpcore")
    return url, str(repo.get("branch") or "master")


def pip_spec(url: str, branch: str) -> str:
    return f"bpcore[{EXTRAS}] @ git+{url}@{branch}"


def cell_source(url: str, branch: str) -> str:
    return TEMPLATE.format(spec=json.dumps(pip_spec(url, branch)),
                           also=", ".join(json.dumps(a) for a in ALSO))


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
    args = ap.parse_args(argv)
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
