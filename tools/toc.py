"""The book's table of contents: _toc.yml read by sphinx-external-toc's
parser, the one Jupyter Book 1 itself builds the book with, so the tools and
the tests see the same pages, in the same order, as the build.

    from tools.toc import pages, numbered_chapters, notebooks
    pages()              # ['book/intro', 'book/ch1_forward', ...]  every page, reading order
    numbered_chapters()  # {1: 'book/ch1_forward', ...}  as the built book numbers them
    notebooks()          # [Path('.../book/intro.ipynb'), ...]  the pages that are notebooks
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from sphinx_external_toc.api import FileItem, SiteMap
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]
TOC = ROOT / "_toc.yml"

# the suffixes a _toc.yml entry may carry (the build strips them from docnames)
SOURCE_SUFFIXES = (".ipynb", ".md", ".rst")

__all__ = ["ROOT", "TOC", "site_map", "pages", "numbered_chapters", "notebooks"]


def site_map(toc: Path = TOC) -> SiteMap:
    """_toc.yml parsed, as Jupyter Book parses it (an invalid file raises here)."""
    return parse_toc_yaml(toc)


def _docname(entry: str) -> str:
    """'book/intro.ipynb' -> 'book/intro': the name Sphinx gives the page."""
    p = PurePosixPath(entry)
    return str(p.with_suffix("")) if p.suffix in SOURCE_SUFFIXES else entry


def _entries(site: SiteMap) -> Iterator[str]:
    """The file entries of the toc as written, root first, then depth first:
    each page followed by its own subtrees (a chapter, then its sections).
    Globs and URLs are not pages of the book and are left out."""
    def walk(entry: str) -> Iterator[str]:
        yield entry
        for tree in site[entry].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    yield from walk(item)

    yield from walk(site.root.docname)


def pages(toc: Path = TOC) -> list[str]:
    """Every docname of the toc, root first, in reading order."""
    return [_docname(e) for e in _entries(site_map(toc))]


def numbered_chapters(toc: Path = TOC) -> dict[int, str]:
    """{chapter number: docname} for the numbered parts of the toc, numbered
    1, 2, ... across the parts in order, as Jupyter Book's multitoc numbering
    does: the chapter number is the first part of an equation's number.
    Sections of a chapter get no number of their own here."""
    site = site_map(toc)
    chapters: dict[int, str] = {}
    for part in site[site.root.docname].subtrees:
        if not part.numbered:
            continue
        for item in part.items:
            if isinstance(item, FileItem):
                chapters[len(chapters) + 1] = _docname(item)
    return chapters


def notebooks(toc: Path = TOC) -> list[Path]:
    """The .ipynb files of the toc's pages, in reading order: an entry
    written with the .ipynb suffix, or without a suffix when the notebook is
    the file that exists (a Markdown page is not a notebook)."""
    root = toc.parent
    out = []
    for entry in _entries(site_map(toc)):
        suffix = PurePosixPath(entry).suffix
        if suffix == ".ipynb":
            path = root / entry
        elif suffix in SOURCE_SUFFIXES:
            continue
        else:
            path = root / f"{entry}.ipynb"
        if path.is_file():
            out.append(path)
    return out
