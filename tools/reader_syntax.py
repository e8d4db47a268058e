"""Markdown on both sides of the reader notebooks (tools/reader_myst.py):
myst-parser's own parser for the book's MyST, and the small pieces of
CommonMark, HTML and maths that JupyterLab, Colab and GitHub all render.
"""
from __future__ import annotations

import re

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tools.cjk_breaks import CJK

# A role, or an inline code span (left alone): scanned left to right, so a
# code span that happens to contain "{eq}`x`" is never taken for a role.
ROLE_OR_CODE = re.compile(r"\{(?P<name>[A-Za-z][\w:+-]*)\}(?P<tick>`+)(?P<content>.+?)(?<!`)"
                          r"(?P=tick)(?!`)|(?P<code>`+).+?(?<!`)(?P=code)(?!`)", re.S)
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)   # {ref}`title <label>`
OPTION = re.compile(r"^:(?P<key>[\w-]+):(?:\s+(?P<value>.*))?$")
# A line break between two Chinese characters, with emphasis marks around it.
CJK_BREAK = re.compile(rf"(?<=[{CJK}])(?P<end>[*_]*)[ \t]*\n[ \t]*(?P<start>[*_]*)(?=[{CJK}])")
# Tokens that are MyST (not CommonMark, GFM or dollar maths), by what to call them.
MYST_TOKENS = {
    "myst_role": "a role", "myst_target": "a label (label)=",
    "myst_line_comment": "a % comment", "myst_block_break": "a +++ block break",
    "math_block_label": "a labelled equation", "substitution_inline": "a {{ substitution }}",
    "substitution_block": "a {{ substitution }}", "dl_open": "a definition list (deflist)",
    "footnote_ref": "a footnote", "footnote_block_open": "a footnote",
    "front_matter": "front matter", "field_list_open": "a field list",
}


class ConversionError(ValueError):
    """A MyST construct the reader notebooks cannot show (says where)."""


def markdown_parser(extensions):
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def walk(tokens):
    for t in tokens:
        yield t
        if t.children:
            yield from walk(t.children)


def directive(info: str, body: str) -> tuple[str, str, dict[str, str], str]:
    """A directive fence: ("{note} title", body) -> (name, argument, options, content)."""
    m = re.fullmatch(r"\{(?P<name>[^}]+)\}\s*(?P<arg>.*)", info.strip(), re.S)
    if m is None:
        raise ConversionError(f"not a directive: {info!r}")
    lines = body.split("\n")
    options, i = {}, 0
    if lines and lines[0].strip() == "---":            # options as a YAML block
        end = lines.index("---", 1)
        options = {k: str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {}).items()}
        i = end + 1
    else:
        while i < len(lines) and (o := OPTION.match(lines[i])):
            options[o["key"]] = (o["value"] or "").strip()
            i += 1
    return m["name"], m["arg"].strip(), options, "\n".join(lines[i:]).strip("\n")


def quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def details(summary: str, body: str) -> str:
    """A folded block: JupyterLab, Colab and GitHub render the Markdown inside
    (blank lines around it end the HTML block)."""
    return f"<details>\n<summary>{summary}</summary>\n\n{body.strip()}\n\n</details>"


def display_math(latex: str, number: str) -> str:
    """$$ … $$, with \\tag{3.1} when the book numbers it (number "(3.1)")."""
    tag = f" \\tag{{{number.strip('()')}}}" if number else ""
    return f"$$\n{latex.strip()}{tag}\n$$"


def escape_dollars(text: str) -> str:
    """CommonMark glue: a $ is a dollar sign there, not maths."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def norm(text: str) -> str:
    """A heading's words only: the source's Markdown and the page's HTML agree on these."""
    return re.sub(r"[\W_]+", "", text)


def join_prose_lines(text: str) -> str:
    """No line break between two Chinese characters outside code and display
    maths (a browser shows it as a space, as tools/cjk_breaks.py explains)."""
    out, prose, fence = [], [], None
    for line in text.split("\n"):
        s = line.strip()
        if fence is None:
            opener = re.match(r"`{3,}|~{3,}|\$\$", s)
            if opener is None:
                prose.append(line)
                continue
            out += join_cjk(prose)
            prose, fence = [], opener[0]
            out.append(line)
            if fence == "$$" and len(s) > 2 and s.endswith("$$"):
                fence = None                            # $$ … $$ on one line
            continue
        out.append(line)
        if s.startswith(fence) if fence != "$$" else s.endswith("$$"):
            fence = None
    out += join_cjk(prose)
    return "\n".join(out)


def join_cjk(lines: list[str]) -> list[str]:
    """The lines of a stretch of prose, joined where a break falls between
    Chinese characters (as tools/cjk_breaks.py does in the book)."""
    return CJK_BREAK.sub(r"\g<end>\g<start>", "\n".join(lines)).split("\n") if lines else []
