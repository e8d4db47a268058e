"""The Colab install cell: the first code cell of every notebook in _toc.yml.

Colab has no bpcore, so each chapter starts with a cell that, on Colab only,
installs it from the book's repository -- the one named by `repository.url`
and `repository.branch` in _config.yml, the same that the launch buttons use.
Everywhere else (JupyterLab, Binder, the book build) the cell does nothing and
prints nothing; it is tagged `remove-cell`, so the page does not show it.

    python tools/colab_cell.py            # write or update the cell in every notebook of _toc.yml
    python tools/colab_cell.py --check    # only report notebooks whose cell is missing or stale
    python tools/colab_cell.py book/ch4_param_grads.ipynb ...   # just these notebooks

Publishing the book under another URL or branch means changing _config.yml and
running this script; tests/test_colab.py fails until every cell agrees.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CELL_ID = "colab-install"
TAGS = ["remove-cell"]
EXTRAS = "viz,data"          # bpcore's optional dependencies (pyproject.toml)
ALSO = ["myst-nb"]           # imported by the chapters (glue), not on Colab

TEMPLATE = '''\
# Colab only: install the book's package bpcore (and myst-nb, for glue) from the
# book's repository. Anywhere else -- JupyterLab, Binder, the book build -- this
# cell does nothing. Written by tools/colab_cell.py from _config.yml.
import sys
if "google.colab" in sys.modules:
    try:
        import bpcore
    except ImportError:
        import importlib, subprocess
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


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """The .ipynb files that _toc.yml lists (root, parts, chapters, sections)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf8"))
    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    files.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    out = []
    for f in files:
        p = root / f
        if p.suffix == "":
            p = p.with_suffix(".ipynb")
        if p.suffix == ".ipynb" and p.is_file():
            out.append(p)
    return out


def first_code_cell(nb: dict) -> dict | None:
    return next((c for c in nb["cells"] if c["cell_type"] == "code"), None)


def problem(nb: dict, source: str) -> str | None:
    """Why this notebook's first code cell is not the Colab cell, or None."""
    cell = first_code_cell(nb)
    if cell is None or cell.get("id") != CELL_ID:
        return f"its first code cell is not the Colab install cell (id {CELL_ID!r})"
    if "".join(cell["source"]) != source:
        return "its Colab install cell differs from _config.yml's repository url/branch"
    if cell.get("metadata", {}).get("tags") != TAGS:
        return f"its Colab install cell is not tagged {TAGS}"
    if cell.get("outputs"):
        return "its Colab install cell has outputs"
    return None


def fix(nb: dict, source: str) -> None:
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"tags": list(TAGS)},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }
    cells = nb["cells"]
    old = next((i for i, c in enumerate(cells) if c.get("id") == CELL_ID), None)
    if old is not None:
        del cells[old]
    first = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells.insert(first, cell)


def dump(nb: dict) -> str:
    """The project's notebook format: indent 1, UTF-8 as is, trailing newline."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path,
                    help="default: every .ipynb listed in _toc.yml")
    ap.add_argument("--check", action="store_true", help="report, do not write")
    args = ap.parse_args(argv)
    source = cell_source(*repository())
    paths = args.notebooks or toc_notebooks()
    bad = 0
    for path in paths:
        text = path.read_text(encoding="utf8")
        nb = json.loads(text)
        why = problem(nb, source)
        if why is None:
            continue
        if args.check:
            print(f"{path}: {why}")
            bad += 1
        else:
            fix(nb, source)
            path.write_text(dump(nb), encoding="utf8")
            print(f"{path}: Colab install cell written")
    if args.check and bad:
        print(f"run `python tools/colab_cell.py` to update {bad} notebook(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
