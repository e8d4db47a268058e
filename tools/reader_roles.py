"""The roles of the book's MyST, resolved for the reader notebooks.

    {glue} {glue:text} {glue:md}   -> the glued text, Markdown or inline maths, as
                                      myst-nb pastes them
    {eq} {numref}                  -> "(3.1)", "图 3.2": the numbers of the built HTML
    {ref} {doc}                    -> the title, as a link (Roles.link says where to)
    {cite} {cite:t} …              -> "[Goodfellow et al., 2016]" (the list: tools/reader.py)
    {math} {sub} {sup}             -> $…$, <sub>, <sup>

Any other role fails naming it; tools/reader_myst.py's Converter, which
handles the blocks, builds on this class.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue.directives import strip_latex_delimiters

from tools.reader_build import Book
from tools.reader_syntax import EXPLICIT, ROLE_OR_CODE, ConversionError, escape_dollars


class Roles:
    """The inline part of converting one chapter (docname) of ``book``.

    links: {docname: reader notebook file name} of the pages that have one.
    """

    def __init__(self, book: Book, docname: str, links: dict[str, str]):
        self.book, self.doc, self.links = book, docname, links
        self.glue_data = book.glue(docname)
        self.citations: list[str] = []          # keys, in order of first citation
        self.where = docname                    # the cell being converted, for errors
        self.counts = {"glue role": 0, "reference role": 0, "directive": 0, "label": 0,
                       "labelled equation": 0}

    def fail(self, what: str) -> ConversionError:
        return ConversionError(f"{self.where}: {what}")

    def inline(self, text: str) -> str:
        """``text`` with every role replaced (code spans left alone)."""
        def one(m: re.Match) -> str:
            if m["name"] is None:
                return m[0]
            return self.role(m["name"], m["content"])
        return ROLE_OR_CODE.sub(one, text)

    def role(self, name: str, content: str) -> str:
        if name in ("glue", "glue:", "glue:any", "glue:text", "glue:md"):
            self.counts["glue role"] += 1
            return self.glue_role(name, content)
        self.counts["reference role"] += 1
        explicit = EXPLICIT.match(content)
        title, target = (explicit["title"], explicit["target"]) if explicit else ("", content)
        if name == "eq":
            return self.book.equation(target)
        if name == "numref":
            number = self.book.target(target, numbered=True).number
            if not title:
                return number
            digits = number.split()[-1]
            return title.replace("%s", digits).replace("{number}", digits)
        if name == "ref":
            t = self.book.target(target)
            if not (title or t.title):
                raise self.fail(f"{{ref}}`{content}`: the target has no title; give one")
            return self.link(self.inline(title) if title else t.title, t.docname, t.anchor)
        if name == "doc":
            doc = str(PurePosixPath(self.doc).parent / target) if not target.startswith("/") \
                else target.lstrip("/")
            doc = doc.removesuffix(".ipynb").removesuffix(".md")
            return self.link(self.inline(title) if title else self.book.page(doc).title, doc, "")
        if name == "cite" or name.startswith("cite:"):
            keys = [k.strip() for k in content.split(",")]
            self.citations += [k for k in keys if k not in self.citations]
            return self.book.cite(name.partition(":")[2] or "p", keys)
        if name == "math":
            return f"${content}$"
        if name in ("sub", "sup"):
            return f"<{name}>{content}</{name}>"
        raise self.fail(f"the role {{{name}}}`{content}`, which the reader notebooks do not "
                        "know (add it to tools/reader_roles.py)")

    def link(self, title: str, docname: str, anchor: str) -> str:
        """A title that leads to the page it names: to the published book
        when html.baseurl (_config.yml) says where it is; otherwise to that
        page's reader notebook in the same folder (JupyterLab, Binder, Colab
        and GitHub all open it), or plain text for this page and for pages
        that have no reader notebook."""
        text = title.replace("[", "\\[").replace("]", "\\]")
        if self.book.baseurl:
            return f"[{text}]({self.book.baseurl}/{docname}.html" + \
                   (f"#{anchor})" if anchor else ")")
        if docname != self.doc and docname in self.links:
            return f"[{text}]({self.links[docname]})"
        return title

    def glued(self, key: str) -> dict:
        """The MIME bundle glued as ``key`` ("page::key": glued by another page)."""
        doc, _, name = key.rpartition("::")
        glued = self.glue_data if not doc else self.book.glue(
            str(PurePosixPath(self.doc).parent / doc).removesuffix(".ipynb"))
        if name not in glued:
            raise self.fail(f"nothing glued as {name!r} in the build: rebuild the book")
        return glued[name]["data"]

    def glue_value(self, key: str, mime: str):
        data = self.glued(key)
        if mime not in data:
            raise self.fail(f"the glued {key!r} has no {mime} (it has {sorted(data)})")
        return data[mime]

    def glue_role(self, name: str, content: str) -> str:
        """As myst-nb pastes it: {glue:text}`key:.2f`, {glue:md}`key:myst`,
        {glue}`key` (the richest text the value has, rendered inline)."""
        if name in ("glue:text", "glue:md"):
            key, _, fmt = content.rpartition(":")
            if not key or key.endswith(":"):          # no format: "key" or "page::key"
                key, fmt = content, ""
            if name == "glue:text":
                return format_plain_text(self.glue_value(key, "text/plain"), fmt or "s")
            value = self.glue_value(key, "text/markdown")
            return self.inline(value) if fmt == "myst" else escape_dollars(value)
        data = self.glued(content)
        if "text/markdown" in data:
            return escape_dollars(data["text/markdown"])
        if "text/latex" in data:
            return "$" + strip_latex_delimiters(data["text/latex"]) + "$"
        return self.glue_value(content, "text/plain")
