"""What the reader notebooks take from a build of the book (tools/reader.py).

A build (``jupyter-book build --path-output DIR``, or ``make book``: _build/)
holds everything the chapters' MyST needs to become plain Markdown:

* ``jupyter_execute/<page>.glue.json`` — every value a chapter glued, as the
  MIME bundle myst-nb stores (text/plain, text/markdown, text/latex, image/png);
  ``jupyter_execute/<page>.ipynb`` — the executed copy, to tell that the build
  was made from the notebooks in book/ as they are now;
* ``html/<page>.html`` — the numbers and titles a reader of the book sees:
  equation numbers "(3.1)", figure and exercise numbers "图 3.2", "练习 3.1",
  section numbers and titles, page titles, the word the book puts before a
  solution ("解答").

The HTML is the source of every number, rather than the environment pickle
of the build: it is the book as published, its markup for these numbers
(``span.eqno``, ``span.caption-number``, ``span.section-number``, section
ids equal to the MyST labels) has been Sphinx's for many versions, while the
pickle holds Sphinx's private data structures. tests/test_reader.py checks
that every number of each page reappears in its reader notebook.

Citations are formatted by sphinxcontrib-bibtex's own reference style and
pybtex, from the .bib files and styles named in _config.yml, so "[Goodfellow
et al., 2016]" reads as in the book.
"""
from __future__ import annotations

import json
import types
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import nbformat
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from docutils.nodes import make_id

from tools.toc import ROOT, pages


class BuildError(ValueError):
    """The build does not hold what a reader notebook needs (says what to do)."""


@dataclass
class Heading:
    level: int          # 1 for the page title, 2 for its sections, ...
    number: str         # "3.1" ("" on unnumbered pages)
    title: str          # Markdown, without the number


@dataclass
class Page:
    docname: str
    title: str                                    # Markdown, without the number
    headings: list[Heading] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)   # "练习 3.1", in order
    solution_word: str = ""                       # "解答"


@dataclass
class Target:
    """Something a {ref} or {numref} can point at."""
    docname: str
    anchor: str
    title: str          # Markdown: a section's title, a figure's caption, an exercise's title
    number: str = ""    # what {numref} prints: "图 3.2", "练习 3.1"


def inline_markdown(tag: Tag) -> str:
    """The inline content of an HTML element as Markdown: maths as $…$, code
    as `…`, emphasis kept, section numbers and header links left out."""
    out = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            out.append(str(child))
            continue
        classes = child.get("class") or []
        if "headerlink" in classes or "section-number" in classes:
            continue
        if "math" in classes:
            tex = child.get_text().strip()
            out.append("$" + tex.removeprefix(r"\(").removesuffix(r"\)").strip() + "$")
        elif child.name == "code":
            out.append("`" + child.get_text() + "`")
        elif child.name in ("em", "strong"):
            mark = "*" if child.name == "em" else "**"
            out.append(mark + inline_markdown(child) + mark)
        else:
            out.append(inline_markdown(child))
    return "".join(out).strip()


def _id_owner(tag: Tag) -> Tag | None:
    """The nearest element around ``tag`` with an id (a figure, table, exercise)."""
    return next((p for p in tag.parents if p.get("id")), None)


def _section_number(heading: Tag) -> str:
    """"3.1" for a heading numbered "3.1. …"; "" when it has no number."""
    number = heading.select_one(".section-number")
    return number.get_text().strip().rstrip(".") if number else ""


class Book:
    """One build of the book, read lazily: ``Book(Path("_build"))``."""

    def __init__(self, build: Path, root: Path = ROOT):
        self.build, self.root = Path(build), root
        self.html = self.build / "html"
        self.execute = self.build / "jupyter_execute"
        if not (self.html / "index.html").is_file():
            raise BuildError(f"no built book in {self.build} (no html/index.html): "
                             "run `make book` first, or pass --build DIR/_build")

    # --- configuration -----------------------------------------------------
    @cached_property
    def config(self) -> dict:
        return yaml.safe_load((self.root / "_config.yml").read_text(encoding="utf8"))

    @cached_property
    def sphinx_config(self) -> dict:
        return (self.config.get("sphinx") or {}).get("config") or {}

    @cached_property
    def baseurl(self) -> str:
        """Where the HTML book is published (html.baseurl), "" when nowhere yet."""
        return str((self.config.get("html") or {}).get("baseurl") or "").rstrip("/")

    @cached_property
    def myst_extensions(self) -> set[str]:
        return set((self.config.get("parse") or {}).get("myst_enable_extensions") or [])

    # --- what the execution stored -----------------------------------------
    def glue(self, docname: str) -> dict:
        """{key: {"data": {mime: value}, ...}} of a page (empty: it glues nothing)."""
        path = self.execute / f"{docname}.glue.json"
        return json.loads(path.read_text(encoding="utf8")) if path.is_file() else {}

    def check_executed(self, docname: str, source: nbformat.NotebookNode) -> None:
        """The build executed this very notebook: same cells, same sources."""
        path = self.execute / f"{docname}.ipynb"
        if not path.is_file():
            raise BuildError(f"{docname}: {path} is missing: the build is older than "
                             "_toc.yml; rebuild the book (make book)")
        executed = nbformat.read(path, as_version=4)
        cells = [(c.cell_type, c.source) for c in executed.cells]
        if cells != [(c.cell_type, c.source) for c in source.cells]:
            raise BuildError(f"{docname}: {self.build} was built from another version of "
                             f"{docname}.ipynb; rebuild the book (make book), then run "
                             "make notebooks")

    # --- what the HTML shows -------------------------------------------------
    def _soup(self, docname: str) -> BeautifulSoup:
        path = self.html / f"{docname}.html"
        if not path.is_file():
            raise BuildError(f"{path} is missing: rebuild the book (make book)")
        return BeautifulSoup(path.read_text(encoding="utf8"), "html.parser")

    @cached_property
    def _html(self) -> tuple[dict[str, Page], dict[str, str], dict[str, list[Target]],
                             str | None]:
        """Every page of the toc: its Page, the equation numbers by label, the
        targets by HTML id (a list: ids are unique per page only) and the
        first page that lists the references (None: no page does)."""
        pages_, equations, targets, references = {}, {}, {}, None
        for docname in pages(self.root / "_toc.yml"):
            article = self._soup(docname).select_one("article")
            if article is None:
                raise BuildError(f"{docname}.html has no <article>: not a page of this book")
            pages_[docname] = self._page(docname, article)
            if references is None and article.select_one(".citation") is not None:
                references = docname
            for el in article.select('[id^="equation-"]'):
                eqno = el.select_one(".eqno")
                if eqno is not None:
                    equations[el["id"].removeprefix("equation-")] = inline_markdown(eqno)
            for t in self._targets(docname, article):
                targets.setdefault(t.anchor, []).append(t)
        return pages_, equations, targets, references

    @staticmethod
    def _page(docname: str, article: Tag) -> Page:
        headings = []
        for h in article.select("section > h1, section > h2, section > h3, "
                                "section > h4, section > h5, section > h6"):
            headings.append(Heading(int(h.name[1]), _section_number(h), inline_markdown(h)))
        if not headings or headings[0].level != 1:
            raise BuildError(f"{docname}.html: no page title (h1)")
        exercises = []
        for ex in article.select("div.exercise"):
            number = ex.select_one(".admonition-title .caption-number")
            exercises.append(number.get_text().strip() if number else "")
        word = ""
        solution = article.select_one("div.solution .admonition-title")
        if solution is not None:
            word = next((s.strip() for s in solution.strings if s.strip()), "")
        return Page(docname, headings[0].title, headings, exercises, word)

    @staticmethod
    def _targets(docname: str, article: Tag) -> list[Target]:
        found = []
        for section in article.select("section[id]"):
            h = section.find(["h1", "h2", "h3", "h4", "h5", "h6"], recursive=False)
            if h is None:
                continue
            ids = [section["id"]] + [s["id"] for s in section.find_all("span", recursive=False)
                                     if s.get("id") and not s.get_text(strip=True)]
            found += [Target(docname, i, inline_markdown(h), _section_number(h)) for i in ids]
        for cap in article.select(".caption-number"):
            owner = _id_owner(cap)
            if owner is None or owner.name == "section":
                continue
            text = owner.select_one(".caption-text")
            title = inline_markdown(text) if text is not None else ""
            if not title and cap.parent is not None:     # an exercise: "练习 3.1 (形状)"
                title = inline_markdown(cap.parent).removeprefix(cap.get_text().strip())
                title = title.strip().removeprefix("(").removesuffix(")").strip()
            found.append(Target(docname, owner["id"], title, cap.get_text().strip()))
        # any other element with an id: a label on a paragraph, which {ref}
        # reaches with an explicit title ({ref}`载入这个设置 <play-lr>`)
        named = {t.anchor for t in found}
        found += [Target(docname, el["id"], "") for el in article.select("[id]")
                  if el["id"] not in named]
        return found

    def page(self, docname: str) -> Page:
        return self._html[0][docname]

    def equation(self, label: str) -> str:
        """"(3.1)": the number the book prints for the labelled equation."""
        try:
            return self._html[1][make_id(label)]
        except KeyError:
            raise BuildError(f"no equation labelled {label!r} in the built book") from None

    def target(self, label: str, numbered: bool = False) -> Target:
        """The section, figure or exercise labelled ``label`` (numbered: the
        one that carries a number, for {numref})."""
        found = self._html[2].get(make_id(label), [])
        if numbered:
            found = [t for t in found if t.number and not t.number[0].isdigit()]
        found = list({(t.docname, t.anchor): t for t in reversed(found)}.values())
        if len(found) != 1:
            what = "no" if not found else f"{len(found)} ({[t.docname for t in found]})"
            raise BuildError(f"{what} targets labelled {label!r} in the built book")
        return found[0]

    @cached_property
    def bibliography_title(self) -> str:
        """The title of the page that lists the references ("参考文献")."""
        references = self._html[3]
        if references is None:
            raise BuildError("no page of the built book lists the references")
        return self.page(references).title

    # --- citations --------------------------------------------------------
    @cached_property
    def _bib(self):
        from pybtex.database import BibliographyData, parse_file
        from pybtex.plugin import find_plugin

        data = BibliographyData()
        for name in self.config.get("bibtex_bibfiles") or []:
            for key, entry in parse_file(self.root / name).entries.items():
                data.add_entry(key, entry)
        style = find_plugin("pybtex.style.formatting",
                            self.sphinx_config.get("bibtex_default_style", "alpha"))()
        return data, style

    def cite(self, role: str, keys: list[str]) -> str:
        """A citation as the book prints it, e.g. role "p" -> "[Goodfellow et
        al., 2016]", "t" -> "Goodfellow et al. [2016]" (sphinxcontrib-bibtex's
        reference style of _config.yml, rendered to text)."""
        import pybtex_docutils
        from sphinxcontrib.bibtex.plugin import find_plugin
        from sphinxcontrib.bibtex.style.referencing import format_references
        from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

        data, entry_style = self._bib
        style = find_plugin("sphinxcontrib.bibtex.style.referencing",
                            self.sphinx_config.get("bibtex_reference_style", "label"))()
        if role not in style.role_names():
            raise BuildError(f"the reference style has no {{cite:{role}}} role")
        # the style makes a link node per reference: a builder that links to nowhere
        builder = types.SimpleNamespace(name="text", get_relative_uri=lambda *_: "")
        refs = []
        for key in keys:
            if key not in data.entries:
                raise BuildError(f"no entry {key!r} in {self.config.get('bibtex_bibfiles')}")
            entry = data.entries[key]
            refs.append((entry, entry_style.format_entry(key, entry),
                         SphinxReferenceInfo(builder, "", "", "", None, "", "")))
        text = format_references(style, role, refs)
        return "".join(node.astext() for node in text.render(pybtex_docutils.Backend()))

    def reference(self, key: str) -> str:
        """The entry of ``key`` in the reference list, as Markdown."""
        from pybtex.plugin import find_plugin

        data, entry_style = self._bib
        entry = entry_style.format_entry(key, data.entries[key])
        markdown = find_plugin("pybtex.backends", "markdown")()
        return " ".join(entry.text.render(markdown).split())
