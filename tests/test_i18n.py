"""The words code prints (bpcore.i18n, bpcore/messages_en.py): every Chinese
template passed to ``t`` in the package and the chapters has its English,
with the same ``{fields}``, and the catalogue has nothing unused; ``t``
writes the current language and records (Chinese, English) pairs for the
English edition; no Chinese is printed except through ``t``.

Templates are found with ``ast``: calls named ``t`` whose first argument is
a string literal, in bpcore/**/*.py and in the notebooks' code cells.
"""
from __future__ import annotations

import ast
import json
import re
import string
import uuid
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

import bpcore as bp
from bpcore import i18n
from bpcore.i18n import listing, t
from bpcore.messages_en import EN
from tools.colab_cell import CELL_ID as COLAB_CELL
from tools.i18n import CJK

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "bpcore" / "messages_en.py"
# tags whose cell source no page shows (its Chinese reaches no reader)
HIDDEN_SOURCE = {"remove-cell", "remove-input"}
# a template of bpcore (the explorer's last frame), and one with no English
FRAME = "第 {k} 帧：{T} 次迭代之后的结果"
NO_ENGLISH = "一个没有英文的模板 {x}"


# --------------------------------------------------------------------------
# The sources: bpcore's modules and the notebooks' code cells, as ast trees
# --------------------------------------------------------------------------
def sources() -> Iterator[tuple[str, str, set[str]]]:
    """(where, Python source, cell tags) of every module of bpcore (but the
    catalogue) and every code cell of the book (the Colab install cell aside:
    it runs before bpcore exists, and no page shows it)."""
    for path in sorted((ROOT / "bpcore").rglob("*.py")):
        if path != CATALOGUE:
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"), set()
    transform = TransformerManager().transform_cell
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for k, cell in enumerate(nbformat.read(path, as_version=4).cells, 1):
            if cell.cell_type == "code" and cell.get("id") != COLAB_CELL:
                yield (f"{path.relative_to(ROOT).as_posix()} cell {k}",
                       transform(cell.source), set(cell.metadata.get("tags", [])))


SOURCES = [(where, ast.parse(src), src, tags) for where, src, tags in sources()]


def t_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
            yield node


def templates() -> dict[str, list[str]]:
    """{template: [where it is used, "file:line"]} of every t("literal", …)."""
    out: dict[str, list[str]] = {}
    for where, tree, _, _ in SOURCES:
        for call in t_calls(tree):
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.setdefault(first.value, []).append(f"{where}:{call.lineno}")
    return out


def fields(template: str) -> set[str]:
    """The {fields} of a str.format template ({{ }} are literal braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


USED = templates()


def test_the_scan_finds_the_templates_of_package_and_notebooks():
    places = {w.split(":")[0].split(" cell ")[0] for ws in USED.values() for w in ws}
    assert {"bpcore/widgets/slider.py", "bpcore/notebook.py", "bpcore/i18n.py",
            "book/ch6_training.ipynb", "book/appendix_shapes.ipynb"} <= places, places
    assert "播放" in USED and "{items}、{item}" in USED


def test_every_template_has_its_english_with_the_same_fields():
    missing = [f"{zh!r} ({', '.join(where)})" for zh, where in USED.items() if zh not in EN]
    assert not missing, ("no English in bpcore/messages_en.py for:\n" + "\n".join(missing))
    differ = [f"{zh!r}: {sorted(fields(zh))} but the English has {sorted(fields(EN[zh]))}"
              for zh in USED if fields(zh) != fields(EN[zh])]
    assert not differ, "the English must have the same {fields}:\n" + "\n".join(differ)


def test_the_catalogue_has_no_unused_entry():
    unused = [zh for zh in EN if zh not in USED]
    assert not unused, ("bpcore/messages_en.py has English for templates that no t() "
                        "uses (remove them):\n" + "\n".join(map(repr, unused)))


def test_the_english_is_english_and_safe_in_json_attributes():
    """No Chinese in the English; no double quote or backslash outside LaTeX
    ($…$), since slider names and valuetexts travel as JSON in HTML."""
    chinese = [en for en in EN.values() if CJK.search(en)]
    assert not chinese, "Chinese left in the English:\n" + "\n".join(chinese)
    unsafe = [en for en in EN.values() if re.search(r'["\\]', re.sub(r"\$[^$]*\$", "", en))]
    assert not unsafe, "a double quote or backslash outside $…$:\n" + "\n".join(unsafe)


# --------------------------------------------------------------------------
# t(), set_language, listing
# --------------------------------------------------------------------------
def test_t_writes_chinese_by_default_and_english_after_set_language(english):
    assert t(FRAME, k=9, T=3) == "Frame 9: the result after iteration 3"
    bp.set_language("zh")
    assert t(FRAME, k=9, T=3) == "第 9 帧：3 次迭代之后的结果"
    assert i18n.language() == "zh"


def test_listing_in_both_languages(english):
    assert listing([1, 2, 4], style="and") == "1, 2 and 4"
    assert listing(["a"], style="clauses") == "a"
    bp.set_language("zh")
    assert listing([1, 2, 4]) == "1、2、4"
    assert listing([1, 2, 4], style="and") == "1、2 和 4"
    assert listing(["a", "b"], style="clauses") == "a；b"
    with pytest.raises(ValueError, match="unknown style 'or'"):
        listing([1, 2], style="or")
    with pytest.raises(ValueError, match="at least one item"):
        listing([])


def test_set_language_rejects_an_unknown_language():
    before = i18n.language()
    with pytest.raises(ValueError, match=r"unknown language 'fr': choose one of zh, en"):
        bp.set_language("fr")
    assert i18n.language() == before


def test_a_template_without_english_raises_in_english(english):
    with pytest.raises(KeyError, match="no English for .*add it to bpcore/messages_en.py"):
        t(NO_ENGLISH, x=1)


def test_a_widget_speaks_english_after_set_language(english):
    ex = bp.running_example()
    from bpcore.widgets import delta_slider

    s = delta_slider(ex.net, ex.X, ex.Y)
    assert s.a11y["play"] == "Play" and s.play.tooltip == "▶ Play, ■ Stop and go back to the start"
    assert s.summary(0).startswith("Step 2, the output-layer error, l = 2: δ⁽²⁾ = (")
    texts = [s.label.value, s.play.tooltip, *(c.value for c in s.stack.children)]
    assert not [x for x in texts if CJK.search(x)]


# --------------------------------------------------------------------------
# Recording the pairs for the English edition
# --------------------------------------------------------------------------
def test_recording_writes_both_renderings_and_null_for_a_missing_english(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("BPCORE_I18N_RECORD", str(tmp_path))
    k = uuid.uuid4().int % 10**9          # a pair not yet recorded by this process
    assert t(FRAME, k=k, T=2) == f"第 {k} 帧：2 次迭代之后的结果"
    assert t(NO_ENGLISH, x=k) == f"一个没有英文的模板 {k}"       # in Chinese: no error
    files = list(tmp_path.glob("pairs-*.jsonl"))
    assert len(files) == 1
    records = [json.loads(line) for line in files[0].read_text(encoding="utf-8").splitlines()]
    assert {"zh": f"第 {k} 帧：2 次迭代之后的结果",
            "en": f"Frame {k}: the result after iteration 2", "template": FRAME} in records
    assert {"zh": f"一个没有英文的模板 {k}", "en": None, "template": NO_ENGLISH} in records


# --------------------------------------------------------------------------
# No Chinese printed except through t()
# --------------------------------------------------------------------------
def docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes of a module, class or function."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def chinese_outside_t(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of string constants with Chinese that are neither a
    template of t() nor a docstring (f-strings' parts included)."""
    allowed = docstrings(tree) | {id(c.args[0]) for c in t_calls(tree) if c.args}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and CJK.search(node.value) and id(node) not in allowed]


def test_no_chinese_in_bpcore_strings_outside_t():
    found = [f"{where}:{line}: {text!r}" for where, tree, _, _ in SOURCES
             if where.startswith("bpcore/") for line, text in chinese_outside_t(tree)]
    assert not found, ("Chinese in a string of bpcore that is not a template of "
                       "bpcore.i18n.t:\n" + "\n".join(found))


def test_no_chinese_in_notebook_strings_outside_t():
    found = [f"{where}, line {line}: {text!r}" for where, tree, _, _ in SOURCES
             if where.startswith("book/") for line, text in chinese_outside_t(tree)]
    assert not found, ("Chinese in a string of a code cell that is not a template of "
                       "bpcore.i18n.t:\n" + "\n".join(found))


def test_code_shown_on_a_page_has_no_chinese():
    """A cell whose code a page shows (also behind "show code") is the same in
    both editions: no Chinese in it at all, comments and templates included
    (put the words in a remove-cell cell)."""
    found = [f"{where}: {line.strip()}" for where, _, src, tags in SOURCES
             if where.startswith("book/") and not tags & HIDDEN_SOURCE
             for line in src.splitlines() if CJK.search(line)]
    assert not found, "Chinese in code that the English edition shows:\n" + "\n".join(found)
