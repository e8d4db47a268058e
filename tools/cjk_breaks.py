"""A Sphinx extension: a line break inside a Chinese sentence is no space.

The book's Markdown wraps long paragraphs over several lines. HTML turns each
line break into a space, and Chromium draws that space between two Chinese
characters ("放了进去。 所以"), where Chinese typesetting has none. This
transform joins the lines of a paragraph's text where the break stands
between two CJK characters or CJK punctuation marks; breaks next to Latin
text, numbers or maths stay spaces. Code, maths and raw HTML are left alone.
Loaded from _config.yml (sphinx.local_extensions).
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019"
IS_CJK = re.compile(rf"[{CJK}]")
BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
SKIP = (nodes.literal_block, nodes.literal, nodes.math, nodes.math_block, nodes.raw,
        nodes.comment)


def join_cjk_lines(text: str) -> str:
    """``text`` with every line break between two CJK characters removed."""
    return BREAK.sub("", text)


def _edge(node, last: bool) -> str:
    """The character a reader sees at one end of an inline node ("" for
    code, maths and raw HTML, which keep their spacing)."""
    if node is None or isinstance(node, SKIP):
        return ""
    text = node.astext()
    return (text[-1:] if last else text[:1]) if text else ""


def _neighbour(parent, i: int, step: int):
    """The nearest sibling of ``parent[i]`` in direction ``step`` that shows
    any text (MyST leaves empty text nodes beside soft breaks)."""
    j = i + step
    while 0 <= j < len(parent):
        if parent[j].astext():
            return parent[j]
        j += step
    return None


class JoinCJKLines(SphinxPostTransform):
    """Remove the line breaks between CJK characters: inside a text node,
    and a soft break (MyST makes it a text node of its own) between two
    inline nodes that meet with CJK characters. A post-transform, so that
    references and glued values are resolved and their text is known."""

    default_priority = 900

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.Text)):
            parent = node.parent
            if parent is None or isinstance(parent, SKIP) or "\n" not in node:
                continue
            # by identity: Text nodes are strings, and list.index would find
            # the first equal one (e.g. the paragraph's first "\n")
            i = next(j for j, child in enumerate(parent.children) if child is node)
            before = _edge(_neighbour(parent, i, -1), last=True)
            after = _edge(_neighbour(parent, i, +1), last=False)
            text = str(node)
            # the neighbours' edge characters stand in for the node's ends
            joined = join_cjk_lines(f"{before}{text}{after}")
            joined = joined[len(before):len(joined) - len(after)]
            if joined != text:
                parent[i] = nodes.Text(joined)   # not replace(): it also finds by equality


def setup(app):
    app.add_post_transform(JoinCJKLines)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
