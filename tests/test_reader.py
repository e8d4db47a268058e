"""The reader notebooks (notebooks/, tools/reader.py), against the built book.

* up to date: regenerated from the build (BOOK_BUILD), each equals the
  committed file (git HEAD), and notebooks/ holds exactly one per toc notebook;
* no MyST left in any Markdown cell;
* every number of a page's HTML text is in its reader notebook;
* cells: the book's code cells unchanged and in order, no outputs, the
  hidden glue-and-assert cells gone (the Colab cell stays), hide-input
  cells collapsed.

Run after `make book` (which also regenerates notebooks/); `make test` does.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import BUILD

from tools import reader
from tools.colab_cell import CELL_ID
from tools.reader_build import Book
from tools.reader_syntax import MYST_TOKENS, markdown_parser, walk
from tools.toc import ROOT, notebooks

HTML = BUILD / "html"
SOURCES = notebooks()
FIX = "Run `make notebooks` (after `make book`) and commit notebooks/."

pytestmark = pytest.mark.skipif(not (HTML / "index.html").is_file(),
                                reason="the book is not built: run `make book` first")


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def committed(source: Path) -> Path:
    return reader.OUT / reader.reader_name(source)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> dict[str, str]:
    """{file name: text} of the reader notebooks made now from the build."""
    out = tmp_path_factory.mktemp("readers")
    return {p.name: text for p, text in reader.generate(BUILD, out, quiet=True).items()}


def test_one_reader_notebook_per_toc_notebook(regenerated):
    have = {p.name for p in reader.OUT.glob("*.ipynb")}
    want = {s.name for s in SOURCES}
    assert set(regenerated) == want
    assert have == want, (f"notebooks/ lacks {sorted(want - have)} and has {sorted(have - want)} "
                          f"that no toc notebook makes. {FIX}")


def committed_text(source: Path) -> str | None:
    """The reader notebook as committed (git HEAD): `make book` has just
    rewritten notebooks/ from the same build, so under `make test` the file on
    disk always agrees; what must agree is what the repository holds, which
    Binder and Colab open. Outside a git checkout: the file on disk."""
    name = f"notebooks/{source.name}"
    git = subprocess.run(["git", "show", f"HEAD:{name}"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf8")
    if git.returncode == 0:
        return git.stdout
    inside = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True)
    if inside.returncode == 0:
        return None                   # a checkout that does not hold the file
    path = committed(source)
    return path.read_text(encoding="utf8") if path.is_file() else None


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_reader_notebook_is_up_to_date(regenerated, source):
    text = committed_text(source)
    assert text is not None, f"notebooks/{source.name} is not committed. {FIX}"
    if text == regenerated[source.name]:
        return
    old = nbformat.reads(text, as_version=4).cells
    new = nbformat.reads(regenerated[source.name], as_version=4).cells
    where = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    got = old[where].source[:200] if where < len(old) else "(no cell)"
    want = new[where].source[:200] if where < len(new) else "(no cell)"
    pytest.fail(f"notebooks/{source.name} is out of date with book/{source.name} and the "
                f"build: cell {where} is\n{got!r}\nbut the build gives\n{want!r}\n{FIX}",
                pytrace=False)


# What MyST looks like in Markdown: roles, directives, labels, comments.
MYST = [re.compile(p, re.M) for p in (
    r"\{glue", r"\{eq\}", r"\{numref\}", r"\{doc\}", r"\{ref\}", r"\{cite", r"\{prf:",
    r"\{[a-z][\w:-]*\}`", r"```\{", r":::\{", r"^\([\w.-]+\)=\s*$", r"^%\s", r"\$\$\s*\(")]
FENCED = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1\s*$", re.M | re.S)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_myst_left_in_markdown(source):
    md = markdown_parser(Book(BUILD).myst_extensions)
    for i, cell in enumerate(read(committed(source)).cells):
        if cell.cell_type != "markdown":
            continue
        prose = FENCED.sub("", cell.source)          # code blocks may show anything
        found = [m.group(0) for p in MYST for m in [p.search(prose)] if m]
        assert not found, f"notebooks/{source.name} cell {i}: MyST left: {found}"
        tokens = [t.type for t in walk(md.parse(cell.source)) if t.type in MYST_TOKENS]
        assert not tokens, f"notebooks/{source.name} cell {i}: MyST left: {tokens}"


NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def page_numbers(docname: str) -> set[str]:
    """The numbers a reader of the page sees in its text: prose, headings,
    captions, maths (as LaTeX), code; not the cells' outputs, which a reader
    notebook gets when it runs, nor the navigation."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML / f"{docname}.html").read_text(encoding="utf8"), "html.parser")
    article = soup.select_one("article")
    for el in article.select(".cell_output, .headerlink, .prev-next-area, script, style"):
        el.decompose()
    return set(NUMBER.findall(article.get_text(" ")))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_number_of_the_page_is_in_the_reader_notebook(source):
    docname = reader.docname(source)
    nb = read(committed(source))
    text = "\n".join(c.source for c in nb.cells)
    html = page_numbers(docname)
    missing = sorted(html - set(NUMBER.findall(text)), key=lambda n: (len(n), n))
    assert html, f"{docname}.html: no numbers at all?"
    assert not missing, (f"numbers of {docname}.html missing from notebooks/{source.name}: "
                         f"{missing[:30]}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_cells_are_the_books_without_outputs(source):
    book = read(source)
    nb = read(committed(source))
    book_code = {c.id: c for c in book.cells if c.cell_type == "code"}
    order = [c.id for c in book.cells if c.cell_type == "code"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    name = f"notebooks/{source.name}"
    assert code and code[0].id == CELL_ID, f"{name}: the Colab install cell is not first"
    ids = [c.id for c in code]
    assert ids == [i for i in order if i in ids], f"{name}: code cells out of the book's order"
    for c in code:
        assert c.id in book_code and c.source == book_code[c.id].source, \
            f"{name}: code cell {c.id} is not the book's"
        assert not c.outputs and c.execution_count is None, f"{name}: {c.id} has outputs"
        tags = c.metadata.get("tags", [])
        hidden = c.metadata.get("jupyter", {})
        if c.id != CELL_ID:
            assert "remove-cell" not in tags, f"{name}: {c.id} is still tagged remove-cell"
        if "hide-input" in tags:
            assert hidden.get("source_hidden") is True, f"{name}: {c.id} hide-input, not hidden"
        if "remove-cell" in book_code[c.id].metadata.get("tags", []) and c.id != CELL_ID:
            assert hidden == {"source_hidden": True, "outputs_hidden": True}, \
                f"{name}: {c.id}, hidden in the book and needed later, is not collapsed"
    dropped = [i for i in order if i not in ids]
    assert all("remove-cell" in book_code[i].metadata.get("tags", []) for i in dropped), \
        f"{name}: a code cell the book shows was dropped: {dropped}"
