"""The reader notebooks: notebooks/<chapter>.ipynb, made from the executed book.

The chapters in book/ are the book's source: MyST Markdown that only the
book build resolves. JupyterLab (locally or on Binder), Colab and GitHub
show it raw: numbers missing from sentences, "{eq}`eq-delta-l`" for "(3.1)",
every solution open under its exercise. A reader notebook is the same
chapter for those readers, generated from a build of the book:

* Markdown cells: MyST resolved to plain Markdown with the values, numbers
  and titles of the build (tools/reader_build.py reads the build;
  tools/reader_myst.py converts the blocks, tools/reader_roles.py the roles,
  with tools/reader_syntax.py); a cited chapter gets its reference list at
  the end;
* code cells: the chapter's own, unchanged, without outputs; the hidden
  glue-and-assert cells (``remove-cell``) are dropped unless a later cell
  needs them (tools/reader_code.py: then they stay, collapsed); the Colab
  install cell stays first; ``hide-input`` cells keep their code collapsed
  (``jupyter.source_hidden``), a solution's code cells are collapsed with
  their output; a figure a code cell draws gets its numbered caption below.

One per notebook of _toc.yml, same file name, in notebooks/; files there
that no longer belong to a toc notebook are removed. Run after the book is
built (make book runs it; README "Reading and running"):

    python -m tools.reader                       # from _build/, into notebooks/
    python -m tools.reader --build /tmp/jb/_build --out /tmp/readers

tests/test_reader.py regenerates them and fails when notebooks/ is stale.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools.colab_cell import CELL_ID, dump
from tools.reader_build import Book, BuildError
from tools.reader_code import needed
from tools.reader_launch import READER_DIR
from tools.reader_myst import Converter
from tools.reader_syntax import ConversionError
from tools.toc import ROOT, notebooks

OUT = ROOT / READER_DIR
HIDDEN = {"source_hidden": True, "outputs_hidden": True}
# What each cell tag of the book becomes in a reader notebook (jupyter.* metadata).
TAGS = {"remove-cell": HIDDEN, "hide-cell": HIDDEN,
        "hide-input": {"source_hidden": True}, "remove-input": {"source_hidden": True},
        "hide-output": {"outputs_hidden": True}, "remove-output": {"outputs_hidden": True},
        "raises-exception": {}, "skip-execution": {}}


def reader_name(source: Path) -> str:
    """The reader notebook's file name: the chapter's (tools/reader_launch.py links it)."""
    return source.name


def docname(source: Path, root: Path = ROOT) -> str:
    return source.relative_to(root).with_suffix("").as_posix()


def code_cell(cell, where: str, folded: bool):
    """The book's code cell as the reader notebook has it: same source and
    id, no outputs; its tags as jupyter.* metadata (folded: inside a solution)."""
    tags = list(cell.metadata.get("tags", []))
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        raise ConversionError(f"{where}: the cell tag(s) {unknown}, which the reader "
                              "notebooks do not know (add them to tools/reader.py TAGS)")
    if cell.get("id") == CELL_ID:      # the Colab install cell stays as the book has it
        return new_code_cell(cell.source, id=cell.id, metadata={"tags": tags})
    jupyter = {}
    for t in tags:
        jupyter.update(TAGS[t])
    if folded:
        jupyter.update(HIDDEN)
    keep_tags = [t for t in tags if t not in ("remove-cell", "hide-cell")]
    metadata = {**({"tags": keep_tags} if keep_tags else {}),
                **({"jupyter": jupyter} if jupyter else {})}
    return new_code_cell(cell.source, id=cell.id, metadata=metadata)


def reader_notebook(source: Path, book: Book, links: dict[str, str]):
    """The reader notebook of one chapter (and what was resolved, counted)."""
    doc = docname(source, book.root)
    nb = nbformat.read(source, as_version=4)
    book.check_executed(doc, nb)
    conv = Converter(book, doc, links)
    code = [c for c in nb.cells if c.cell_type == "code"]
    hidden = [("remove-cell" in c.metadata.get("tags", [])) and c.get("id") != CELL_ID
              for c in code]
    kept = iter(needed([c.source for c in code], hidden))    # one per code cell, in order
    cells = []
    for i, cell in enumerate(nb.cells):
        where = f"{source.relative_to(book.root)} cell {i} (id {cell.get('id')})"
        if cell.cell_type == "markdown":
            text, attachments = conv.cell(cell.source, where)
            if text.strip():
                new = new_markdown_cell(text, id=cell.id)
                if attachments:
                    new.attachments = attachments
                cells.append(new)
        elif cell.cell_type == "code":
            if not next(kept):
                continue
            cells.append(code_cell(cell, where, folded=conv.solution is not None))
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if figure:
                cells.append(new_markdown_cell(conv.caption(figure, where),
                                               id=f"{cell.id}-caption"))
        else:
            raise ConversionError(f"{where}: a {cell.cell_type} cell")
    if conv.solution is not None:
        raise ConversionError(f"{source}: a {{solution-start}} without {{solution-end}}")
    if conv.citations:
        refs = "\n".join(f"- {book.cite('p', [k])} {book.reference(k)}" for k in conv.citations)
        cells.append(new_markdown_cell(f"## {book.bibliography_title}\n\n{refs}",
                                       id="reader-references"))
    out = new_notebook(cells=cells, metadata={
        **nb.metadata,
        "reader": {"source": source.relative_to(book.root).as_posix(),
                   "generated_by": "python -m tools.reader (edit the source, not this file)"}})
    return out, Counter(conv.counts)


def generate(build: Path, out: Path = OUT, root: Path = ROOT,
             quiet: bool = False) -> dict[Path, str]:
    """Write the reader notebook of every toc notebook into ``out``; remove
    the .ipynb files there that belong to none. Returns {path: text}."""
    book = Book(build, root)
    sources = notebooks(root / "_toc.yml")
    names = [reader_name(s) for s in sources]
    twice = {n for n in names if names.count(n) > 1}
    if twice:
        raise ConversionError(f"two toc notebooks share the file name(s) {sorted(twice)}: "
                              "notebooks/ holds one reader notebook per name")
    links = {docname(s, root): reader_name(s) for s in sources}
    out.mkdir(parents=True, exist_ok=True)
    written, total = {}, Counter()
    for s in sources:
        nb, counts = reader_notebook(s, book, links)
        nbformat.validate(nb)
        path = out / reader_name(s)
        text = dump(nb)
        if not path.is_file() or path.read_text(encoding="utf8") != text:
            path.write_text(text, encoding="utf8")
        written[path] = text
        total += counts
    for stale in set(out.glob("*.ipynb")) - set(written):
        stale.unlink()
        if not quiet:
            print(f"removed {stale} (no longer a notebook of _toc.yml)")
    if not quiet:
        print(f"{len(written)} reader notebooks in {out}, resolved: "
              + ", ".join(f"{n} {what}s" for what, n in sorted(total.items())))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.reader",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, default=ROOT / "_build",
                    help="the build folder (with html/ and jupyter_execute/); default _build")
    ap.add_argument("--out", type=Path, default=OUT, help="default: notebooks/")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        generate(args.build, args.out)
    except (BuildError, ConversionError) as e:
        print(f"python -m tools.reader: {e}", file=sys.stderr)
        return 1
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
