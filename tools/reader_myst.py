"""The book's MyST Markdown as plain Markdown, for the reader notebooks.

JupyterLab (Binder), Colab and GitHub render CommonMark with $maths$ and
some HTML, but no MyST: this module resolves every MyST construct of a
chapter from a build of the book (tools/reader_build.py):

    glue roles and directives      -> the glued text, Markdown, maths or image
    {eq} {numref}                  -> "(3.1)", "图 3.2", as the HTML book numbers them
    {ref} {doc}                    -> the title (a link: see Roles.link)
    {cite} {cite:t}                -> "[Goodfellow et al., 2016]"; the list at the end
    (label)=  % comment  +++       -> nothing
    $$ … $$ (label)                -> $$ … \\tag{3.1} $$ (JupyterLab shows the number)
    admonitions                    -> a block quote with a bold title
    exercise / solution            -> "**练习 3.2** (title)", the solution in <details>
    glue:figure, figures           -> an image (attached to the cell) and its caption
    literalinclude                 -> the code, read as Sphinx reads it
    headings                       -> numbered as in the book ("## 3.1. …")

The source is parsed with myst-parser's own Markdown parser (the extensions
of _config.yml), so blocks are found exactly where the book build finds
them. Anything else fails with ConversionError naming the notebook, the cell
and the construct; the converted Markdown is parsed again and must hold no
MyST at all (check()).
"""
from __future__ import annotations

import re
import types
from pathlib import Path, PurePosixPath

from myst_nb.ext.glue.directives import strip_latex_delimiters
from sphinx.directives.code import LiteralIncludeReader

from tools.reader_build import Book, BuildError, Heading
from tools.reader_roles import Roles
from tools.reader_syntax import (
    MYST_TOKENS,
    ConversionError,
    details,
    directive,
    display_math,
    escape_dollars,
    join_prose_lines,
    markdown_parser,
    norm,
    quote,
    walk,
)

MAX_ATTACHMENT = 500_000     # base64 characters of one glued figure kept in a reader notebook

ADMONITIONS = ("attention", "caution", "danger", "error", "hint", "important", "note",
               "seealso", "tip", "warning")
LITERALINCLUDE_OPTIONS = {"pyobject", "language", "lines", "start-after", "end-before",
                          "start-at", "end-at", "dedent", "prepend", "append",
                          "emphasize-lines", "linenos", "name", "class", "caption"}


class Converter(Roles):
    """Converts the Markdown cells of one chapter, in order (exercises,
    headings and solutions are counted across cells); the roles: Roles."""

    def __init__(self, book: Book, docname: str, links: dict[str, str]):
        super().__init__(book, docname, links)
        self.page = book.page(docname)
        self.md = markdown_parser(book.myst_extensions)
        self.headings = iter(self.page.headings)
        self.exercises = iter(self.page.exercises)
        self.solution: str | None = None        # the summary while inside solution-start/end
        self.solution_parts: list[str] = []
        self.attachments: dict = {}

    # --- cells -------------------------------------------------------------
    def cell(self, source: str, where: str) -> tuple[str, dict]:
        """(Markdown, attachments) of one Markdown cell."""
        self.where, self.attachments = where, {}
        try:
            parts = self.convert(source, top=True)
        except BuildError as e:
            raise self.fail(str(e)) from None
        if self.solution is not None and self.solution_parts:   # continues after a code cell
            parts.append(details(self.solution, "\n\n".join(self.solution_parts)))
            self.solution_parts = []
        text = join_prose_lines("\n\n".join(parts))
        self.check(text)
        return text, self.attachments

    def caption(self, figure: dict, where: str) -> str:
        """The caption cell of a figure a code cell draws (its mystnb.figure
        metadata: name, caption): "**图 1.1** …"."""
        self.where = where
        try:
            return join_prose_lines(self.figure_caption(figure, figure.get("caption", "")))
        except BuildError as e:
            raise self.fail(str(e)) from None

    def check(self, text: str) -> None:
        """The converted Markdown holds no MyST and links nowhere it cannot reach."""
        for t in walk(self.md.parse(text)):
            if t.type in MYST_TOKENS:
                raise self.fail(f"{MYST_TOKENS[t.type]} is left: {t.content or t.info!r}")
            if t.type in ("fence", "colon_fence") and t.info.strip().startswith("{"):
                raise self.fail(f"a directive is left: {t.info!r}")
            href = t.attrs.get("href") or t.attrs.get("src")
            if href is not None and not re.match(r"(https?:|mailto:|attachment:)", str(href)) \
                    and str(href) not in self.links.values():
                raise self.fail(f"a link to {href!r}, which a reader notebook cannot open "
                                "(use a URL, or a reference role)")

    # --- blocks ------------------------------------------------------------
    def convert(self, text: str, top: bool = False) -> list[str]:
        """Markdown pieces of ``text``, block by block (top: a cell, where
        headings are numbered and solution-start/end may open and close)."""
        lines = text.split("\n")
        tokens = self.md.parse(text)
        pieces: list[str] = []
        pos = 0

        def emit(piece: str) -> None:
            if piece.strip():
                sink = self.solution_parts if top and self.solution is not None else pieces
                sink.append(piece.strip("\n"))

        for i, tok in enumerate(tokens):
            if tok.map is None or tok.map[0] < pos:
                continue
            start, end = tok.map
            piece = self.block(tok, tokens[i + 1] if i + 1 < len(tokens) else None, top)
            if piece is None:
                continue
            if start > pos:
                emit(self.inline("\n".join(lines[pos:start])))
            if piece is KEEP:
                emit("\n".join(lines[start:end]))
            elif isinstance(piece, SolutionMark):
                self.gated_solution(piece, pieces)
            elif piece:
                if lines[start].lstrip().startswith(">"):
                    raise self.fail(f"{tok.info or tok.type!r} inside a block quote")
                indent = re.match(r"[ \t]*", lines[start])[0]
                emit("\n".join(indent + s if s else s for s in piece.split("\n")))
            pos = end
        if pos < len(lines):
            emit(self.inline("\n".join(lines[pos:])))
        return pieces

    def block(self, tok, following, top: bool):
        """What a block token becomes: Markdown, KEEP (its lines as they are:
        code, maths, HTML), a SolutionMark, or None (not a block of its own
        here: paragraphs, lists and tables are converted as inline text)."""
        if tok.type == "myst_target":
            self.counts["label"] += 1
            return ""
        if tok.type in ("myst_line_comment", "myst_block_break"):
            return ""
        if tok.type == "math_block_label":
            self.counts["labelled equation"] += 1
            return display_math(tok.content, self.book.equation(tok.info))
        if tok.type == "heading_open" and top and tok.level == 0:
            return self.heading(int(tok.tag[1]), following.content)
        if tok.type in ("fence", "colon_fence") and tok.info.strip().startswith("{"):
            self.counts["directive"] += 1
            try:
                name, arg, options, content = directive(tok.info, tok.content)
            except (ConversionError, ValueError) as e:      # ValueError: an unclosed ---
                raise self.fail(f"{tok.info!r}: {e}") from None
            if name in ("solution-start", "solution-end"):
                if not top:
                    raise self.fail(f"{{{name}}} inside another directive")
                return SolutionMark(name, arg)
            return self.directive(name, arg, options, content)
        if tok.type in ("fence", "code_block", "math_block", "amsmath", "html_block"):
            return KEEP
        if tok.type == "colon_fence":
            raise self.fail(f"a ::: fence without a directive: {tok.info!r}")
        return None

    def heading(self, level: int, source: str) -> str:
        """A heading numbered as the built page numbers it ("## 3.1. …")."""
        text = self.inline(source)
        html: Heading | None = next(self.headings, None)
        if html is None or html.level != level or norm(html.title) != norm(text):
            raise self.fail(f"the heading {text!r} (level {level}) is not the next heading "
                            f"of the built page ({html}): rebuild the book (make book)")
        return "#" * level + " " + (f"{html.number}. " if html.number else "") + text

    def gated_solution(self, mark: SolutionMark, pieces: list[str]) -> None:
        """{solution-start} … {solution-end}: the Markdown between them is
        folded; code cells between them are hidden (reader.py asks .solution)."""
        if mark.name == "solution-start":
            if self.solution is not None:
                raise self.fail("{solution-start} inside another solution")
            self.solution = self.solution_summary(mark.arg)
            return
        if self.solution is None:
            raise self.fail("{solution-end} without {solution-start}")
        if self.solution_parts:
            pieces.append(details(self.solution, "\n\n".join(self.solution_parts)))
        self.solution, self.solution_parts = None, []

    def solution_summary(self, label: str) -> str:
        """"解答 练习 3.1": the word the book puts before a solution, and the exercise."""
        if not self.page.solution_word:
            raise self.fail(f"a solution to {label!r}, but the built page shows none")
        return f"{self.page.solution_word} {self.book.target(label, numbered=True).number}"

    # --- directives ----------------------------------------------------------
    def directive(self, name: str, arg: str, options: dict, content: str) -> str:
        unknown = set(options) - OPTIONS.get(name, set())
        if name in DIRECTIVES and unknown:
            raise self.fail(f"{{{name}}} with option(s) {sorted(unknown)}, which the reader "
                            "notebooks do not know")
        if name not in DIRECTIVES:
            raise self.fail(f"the directive {{{name}}}, which the reader notebooks do not "
                            "know (add it to tools/reader_myst.py)")
        return getattr(self, DIRECTIVES[name])(name, arg, options, content)

    def d_admonition(self, name, arg, options, content) -> str:
        title = arg if name == "admonition" else admonition_label(name, self.book)
        body = "\n\n".join(self.convert(content))
        if "dropdown" in options.get("class", "").split():
            return details(self.inline(title), body)
        return quote(f"**{self.inline(title)}**\n\n{body}")

    def d_exercise(self, name, arg, options, content) -> str:
        number = next(self.exercises, None)
        if number is None:
            raise self.fail("more exercises than the built page shows: rebuild the book")
        label = options.get("label")
        if label and self.book.target(label, numbered=True).number != number:
            raise self.fail(f"exercise {label!r} is not {number!r} in the built page")
        title = (f"**{number}**" + (f" ({self.inline(arg)})" if arg else "") if number
                 else f"**{self.inline(arg)}**")
        return quote(title + "\n\n" + "\n\n".join(self.convert(content)))

    def d_solution(self, name, arg, options, content) -> str:
        return details(self.solution_summary(arg), "\n\n".join(self.convert(content)))

    def d_literalinclude(self, name, arg, options, content) -> str:
        path = (self.book.root / PurePosixPath(self.doc).parent / arg).resolve()
        reader_options = {k: int(v) if k in ("dedent", "tab-width") else v
                          for k, v in options.items()}
        try:
            code, _ = LiteralIncludeReader(str(path), reader_options,
                                           types.SimpleNamespace(source_encoding="utf-8")).read()
        except (OSError, ValueError) as e:
            raise self.fail(f"literalinclude {arg}: {e}") from None
        return f"```{options.get('language', '')}\n{code.rstrip()}\n```"

    def d_glue_md(self, name, arg, options, content) -> str:
        value = self.glue_value(arg, "text/markdown")
        if options.get("format", "commonmark") == "myst":
            return "\n\n".join(self.convert(value))
        return escape_dollars(value)

    def d_glue_math(self, name, arg, options, content) -> str:
        latex = strip_latex_delimiters(str(self.glue_value(arg, "text/latex")))
        return display_math(latex, self.equation_number(options))

    def d_glue_figure(self, name, arg, options, content) -> str:
        png = self.glue_value(arg, "image/png")
        if len(png) > MAX_ATTACHMENT:
            raise self.fail(f"the glued figure {arg!r} is {len(png) // 1000} kB: too large to "
                            "attach to a reader notebook; draw it in a visible code cell")
        file = f"{options.get('name') or arg}.png"
        self.attachments[file] = {"image/png": png}
        alt = " ".join(options.get("alt", "").split()).replace("]", "\\]")
        caption = self.figure_caption(options, content)
        return f"![{alt}](attachment:{file})" + (f"\n\n{caption}" if caption else "")

    def figure_caption(self, options: dict, caption: str) -> str:
        """"**图 3.2** caption": the number the book gives the figure named
        options["name"] (none without a name), and the caption."""
        number = self.book.target(options["name"], numbered=True).number \
            if options.get("name") else ""
        return " ".join(x for x in (f"**{number}**" if number else "",
                                    self.inline(caption.strip())) if x)

    def d_math(self, name, arg, options, content) -> str:
        return display_math("\n".join(x for x in (arg, content) if x),
                            self.equation_number(options))

    def equation_number(self, options: dict) -> str:
        """"(3.1)" for a maths directive labelled (:label: or :name:); "" unlabelled."""
        label = options.get("label") or options.get("name")
        return self.book.equation(label) if label else ""


class SolutionMark(types.SimpleNamespace):
    """{solution-start} or {solution-end}: opens or closes a folded solution."""

    def __init__(self, name: str, arg: str):
        super().__init__(name=name, arg=arg)


KEEP = object()     # a block copied as it is (code, maths, HTML)

DIRECTIVES = {"admonition": "d_admonition", **{a: "d_admonition" for a in ADMONITIONS},
              "exercise": "d_exercise", "solution": "d_solution",
              "literalinclude": "d_literalinclude", "glue:md": "d_glue_md",
              "glue:math": "d_glue_math", "glue:figure": "d_glue_figure", "math": "d_math"}
OPTIONS = {"admonition": {"class", "name"}, **{a: {"class", "name"} for a in ADMONITIONS},
           "exercise": {"label", "class", "nonumber", "hidden"},
           "solution": {"label", "class", "hidden"},
           "literalinclude": LITERALINCLUDE_OPTIONS, "glue:md": {"format"},
           "glue:math": {"label", "name", "class", "nowrap"},
           "glue:figure": {"name", "alt", "figwidth", "figclass", "align", "class"},
           "math": {"label", "name", "class", "nowrap"}}


def admonition_label(name: str, book: Book) -> str:
    """"备注" for {note}: Sphinx's own title, in the book's language."""
    import sphinx
    from sphinx import locale

    locale.init([str(Path(sphinx.__file__).parent / "locale")],
                book.sphinx_config.get("language", "en"))
    return str(locale.admonitionlabels[name])


