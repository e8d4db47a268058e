"""tools/reader_myst.py and tools/reader_code.py on small inputs, without a
built book: each MyST construct of the chapters becomes the Markdown that
JupyterLab, Colab and GitHub render, an unknown one fails naming the cell and
the construct, and the hidden cells a notebook still needs are kept.
(tests/test_reader.py checks the whole book against a build.)"""
from __future__ import annotations

import pytest

from tools.reader_build import Heading, Page, Target
from tools.reader_code import needed, uses
from tools.reader_myst import ConversionError, Converter
from tools.toc import ROOT

DOC, OTHER = "book/ch3_x", "book/ch1_y"
PAGES = {
    DOC: Page(DOC, "第 3 步", [Heading(1, "3", "第 3 步"), Heading(2, "3.1", "矩阵形式")],
              ["练习 3.1"], "解答"),
    OTHER: Page(OTHER, "第 1 步：正向传播", [Heading(1, "1", "第 1 步：正向传播")]),
}
TARGETS = {
    "sec-matrix": Target(DOC, "sec-matrix", "矩阵形式", "3.1"),
    "sec-far": Target(OTHER, "sec-far", "远处的一节", "1.2"),
    "fig-x": Target(DOC, "fig-x", "说明", "图 3.2"),
    "ex-shapes": Target(DOC, "ex-shapes", "形状", "练习 3.1"),
}
GLUE = {"n": {"data": {"text/plain": "0.123456"}},
        "md": {"data": {"text/plain": "<Markdown>", "text/markdown": "$x = 1$ 见 {doc}`ch1_y`"}},
        "tex": {"data": {"text/plain": "<Math>", "text/latex": r"$\displaystyle a = 1$"}},
        "cost": {"data": {"text/plain": "<Markdown>", "text/markdown": "$5 一本"}},
        "png": {"data": {"text/plain": "<Figure>", "image/png": "iVBORw0KGgo="}}}


class FakeBook:
    """What Converter reads from a build (tools.reader_build.Book), made up."""
    root = ROOT
    myst_extensions = {"amsmath", "colon_fence", "deflist", "dollarmath", "substitution"}
    sphinx_config = {"language": "zh_CN"}

    def __init__(self, baseurl=""):
        self.baseurl = baseurl

    def page(self, docname):
        return PAGES[docname]

    def glue(self, docname):
        return GLUE if docname == DOC else {}

    def equation(self, label):
        return {"eq-a": "(3.1)"}[label]

    def target(self, label, numbered=False):
        return TARGETS[label]

    def cite(self, role, keys):
        return {"p": "[Goodfellow et al., 2016]", "t": "Goodfellow et al. [2016]"}[role]


LINKS = {DOC: "ch3_x.ipynb", OTHER: "ch1_y.ipynb"}


def convert(*cells, baseurl=""):
    conv = Converter(FakeBook(baseurl), DOC, LINKS)
    return [conv.cell(c, f"cell {i}")[0] for i, c in enumerate(cells)], conv


@pytest.mark.parametrize("source, expected", [
    ("式 {eq}`eq-a` 和 {numref}`fig-x`", "式 (3.1) 和 图 3.2"),
    ("{ref}`sec-matrix` 一节", "矩阵形式 一节"),                       # this page: the title
    ("见 {ref}`sec-far`", "见 [远处的一节](ch1_y.ipynb)"),              # another: its notebook
    ("见 {ref}`那里 <sec-far>`", "见 [那里](ch1_y.ipynb)"),
    ("{doc}`ch1_y`", "[第 1 步：正向传播](ch1_y.ipynb)"),
    ("之一 {cite}`goodfellow2016deep`；{cite:t}`goodfellow2016deep`",
     "之一 [Goodfellow et al., 2016]；Goodfellow et al. [2016]"),
    ("{glue:text}`n:.2f` {glue:}`n` {glue}`tex`", r"0.12 0.123456 $\displaystyle a = 1$"),
    ("{glue:md}`md:myst`", "$x = 1$ 见 [第 1 步：正向传播](ch1_y.ipynb)"),
    ("{glue:md}`cost`，{glue}`cost`", r"\$5 一本，\$5 一本"),          # CommonMark: $ is text
    ("{math}`x^2` 和 `{eq}` 代码", "$x^2$ 和 `{eq}` 代码"),
])
def test_roles(source, expected):
    assert convert(source)[0] == [expected]


def test_links_go_to_the_published_book_when_its_url_is_set():
    out, _ = convert("见 {ref}`sec-far` 与 {doc}`ch1_y`", baseurl="https://x.org/b")
    assert out == ["见 [远处的一节](https://x.org/b/book/ch1_y.html#sec-far) 与 "
                   "[第 1 步：正向传播](https://x.org/b/book/ch1_y.html)"]


def test_blocks():
    out, conv = convert(
        "(sec-top)=\n# 第 3 步\n\n% a comment\n+++\n",
        "(sec-matrix)=\n## 矩阵形式\n\n$$\nx = 1\n$$ (eq-a)\n\n$$\ny\n$$",
        ":::{admonition} 例子\n:class: tip\n\n```{glue:md} md\n:format: myst\n```\n:::",
        "```{note}\n短\n```\n\n```{admonition} 折叠\n:class: dropdown\n内容\n```",
        "```{glue:math} tex\n```\n\n```{glue:figure} png\n:name: fig-x\n:alt: 一幅图\n\n说明\n```")
    assert out[0] == "# 3. 第 3 步"
    assert out[1] == "## 3.1. 矩阵形式\n\n$$\nx = 1 \\tag{3.1}\n$$\n\n$$\ny\n$$"
    assert out[2] == ("> **例子**\n>\n> $x = 1$ 见 [第 1 步：正向传播](ch1_y.ipynb)")
    assert out[3] == ("> **备注**\n>\n> 短\n\n<details>\n<summary>折叠</summary>\n\n内容"
                      "\n\n</details>")
    assert out[4] == ("$$\n\\displaystyle a = 1\n$$\n\n![一幅图](attachment:fig-x.png)"
                      "\n\n**图 3.2** 说明")
    assert conv.counts["label"] == 2 and conv.counts["labelled equation"] == 1


def test_exercise_and_a_solution_across_cells():
    conv = Converter(FakeBook(), DOC, LINKS)
    ex, _ = conv.cell("````{exercise} 形状\n:label: ex-shapes\n\n题目\n````", "cell 0")
    start, _ = conv.cell("```{solution-start} ex-shapes\n:class: dropdown\n```\n第一段", "c1")
    assert conv.solution == "解答 练习 3.1"          # reader.py folds the code cells now
    end, _ = conv.cell("第二段\n\n```{solution-end}\n```\n之后", "cell 2")
    assert conv.solution is None
    assert ex == "> **练习 3.1** (形状)\n>\n> 题目"
    assert start == "<details>\n<summary>解答 练习 3.1</summary>\n\n第一段\n\n</details>"
    assert end == "<details>\n<summary>解答 练习 3.1</summary>\n\n第二段\n\n</details>\n\n之后"


def test_literalinclude_reads_the_function_as_sphinx_does():
    out, _ = convert("```{literalinclude} ../bpcore/steps.py\n:pyobject: update\n"
                     ":language: python\n```")
    assert out[0].startswith("```python\ndef update(") and out[0].endswith("\n```")


def test_chinese_lines_are_joined_outside_code_and_maths():
    out, _ = convert("第一行，\n**第二行**。\nabc\n中文\n\n```python\n# 注释，\n# 注释\n```")
    assert out == ["第一行，**第二行**。\nabc\n中文\n\n```python\n# 注释，\n# 注释\n```"]


@pytest.mark.parametrize("source, what", [
    ("```{prf:theorem}\nx\n```", "directive {prf:theorem}"),
    ("{abbr}`CPU (central processing unit)`", "role {abbr}"),
    ("术语\n: 定义", "definition list"),
    ("{{ name }}", "substitution"),
    ("见 [那一节](sec-far)", "a link to 'sec-far'"),
    ("```{admonition} t\n:unknown: 1\nx\n```", r"option\(s\) \['unknown'\]"),
    ("## 不是这一节", "heading"),
])
def test_unknown_construct_fails_naming_cell_and_construct(source, what):
    conv = Converter(FakeBook(), DOC, LINKS)
    conv.cell("# 第 3 步", "first cell")
    with pytest.raises(ConversionError, match=rf"^book/x.ipynb cell 7: .*{what}"):
        conv.cell(source, "book/x.ipynb cell 7")


def test_hidden_cells_are_kept_only_when_needed():
    cells = ["import bpcore as bp\nnet = bp.Network([2, 1])",
             "compare = 2 * 3\nglue('c', compare)",         # hidden: defines compare
             "assert compare == 6",                          # hidden: asserts only
             "bp.update(net, grads, lr=1.0)",                # hidden: changes net
             "[l for l in range(3)]\nglue('l', 1)",          # hidden: l is its own
             "print(compare, net, [l for l in (1, 2)])"]
    hidden = [False, True, True, True, True, False]
    assert needed(cells, hidden) == [True, True, False, True, False, True]
    assert uses("for l in (1, 2):\n    x = l\nprint(y)").needs == {"y"}
    assert "net" in uses("net.W[1][:] = 0").changes
