"""tools/cjk_breaks.py: a line break between two Chinese characters is
removed, one next to Latin text, numbers, code or maths is kept."""
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from tools.cjk_breaks import JoinCJKLines, join_cjk_lines


def joined(markdown: str) -> str:
    doc = publish_doctree(markdown, parser=Parser(),
                          settings_overrides={"myst_enable_extensions": ["dollarmath"]})
    transform = JoinCJKLines.__new__(JoinCJKLines)
    transform.document = doc
    transform.run()
    return "|".join(p.astext() for p in doc.findall(nodes.paragraph))


def test_join_inside_one_text():
    assert join_cjk_lines("放了进去。\n所以") == "放了进去。所以"
    assert join_cjk_lines("中文\nabc") == "中文\nabc"
    assert join_cjk_lines("0.5\n中文") == "0.5\n中文"


def test_soft_breaks_between_nodes():
    assert joined("放了进去。\n所以**很好**\n的 x\n中文") == "放了进去。所以很好的 x\n中文"
    # the same break text three times in one paragraph: each is judged by its own neighbours
    assert joined("甲；\n`code`\n乙；\n丙") == "甲；\ncode\n乙；丙"


def test_maths_and_code_keep_their_breaks():
    assert joined("中文\n$x$\n中文") == "中文\nx\n中文"
    assert joined("```\n中文\n中文\n```") == ""
