"""The English edition's catalogues (locales/en/LC_MESSAGES, tools/i18n.py):
complete, in step with the Chinese sources, and failing the build — naming
the page and the Chinese text — when a Chinese sentence changes; the
glossary lists every term the book introduces, in both editions' words.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import i18n
from tools.toc import pages

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "glossary.md"


def test_every_message_is_translated_and_none_is_fuzzy():
    problems = i18n.check()
    assert not problems, (f"{len(problems)} message(s) to translate "
                          "(python -m tools.i18n extract, then fill in "
                          "locales/en/LC_MESSAGES):\n" + "\n".join(map(str, problems[:20])))


def test_blocks_keep_the_text_and_its_blank_lines():
    text = "第一段\n第二行\n\n  $$x$$\n \t\n```{note} 标题\n内容\n```\n"
    parts = i18n.blocks(text)
    assert "".join(parts) == text
    assert parts[::2] == ["第一段\n第二行", "  $$x$$", "```{note} 标题\n内容\n```\n"]


def test_roles_must_survive_translation():
    zh = "见 {numref}`图 %s <fig-a>`，{glue:md}`k` 与 {eq}`eq-x`。\n(sec-a)="
    assert i18n.roles(zh) == i18n.roles(
        "See {numref}`Figure %s <fig-a>`, {glue:md}`k` and {eq}`eq-x`.\n(sec-a)=")
    assert i18n.roles(zh) != i18n.roles("See {numref}`Figure %s <fig-a>` and {eq}`eq-x`.")


def _record(folder: Path, pairs: list[tuple[str, str | None]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "pairs-1.jsonl").open("w", encoding="utf-8") as f:
        for zh, en in pairs:
            f.write(json.dumps({"zh": zh, "en": en, "template": zh}, ensure_ascii=False) + "\n")


def test_recorded_pairs_translate_outputs_longest_first_and_escaped(tmp_path):
    _record(tmp_path, [("第 3 层", "layer 3"), ("第 3 层的误差 <δ>", "the error <δ> of layer 3")])
    pairs, problems = i18n.load_pairs(tmp_path)
    assert not problems
    out = i18n.translate_value(
        {"a": ["第 3 层的误差 <δ>。", {"b": '<p title="第 3 层的误差 &lt;δ&gt;">第 3 层</p>'}],
         "png": "iVBORw0KGgo"}, pairs)
    assert out == {"a": ["the error <δ> of layer 3。",
                         {"b": '<p title="the error &lt;δ&gt; of layer 3">layer 3</p>'}],
                   "png": "iVBORw0KGgo"}


def test_an_escaped_pair_never_replaces_a_plain_one(tmp_path):
    """A Chinese text with nothing to escape keeps its English as written,
    even when that English has characters HTML escapes (a script or the
    widget state holds it unescaped)."""
    _record(tmp_path, [("η 必须是正数", "η must be > 0 & finite")])
    pairs, _ = i18n.load_pairs(tmp_path)
    assert dict(pairs) == {"η 必须是正数": "η must be > 0 & finite"}


def test_a_template_without_english_stops_the_english_build(tmp_path):
    _record(tmp_path, [("第 {l} 层", None)])
    _, problems = i18n.load_pairs(tmp_path)
    assert [p.what for p in problems] == ["no English for"]
    assert "第 {l} 层" in str(problems[0]) and "messages_en.py" in str(problems[0])


@pytest.fixture
def scratch(tmp_path):
    """A copy of what tools/i18n.py reads: the tools, the sources, the toc,
    the configuration and the catalogues."""
    for name in ("tools", "book", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "images", "_static"))
    for name in ("_toc.yml", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def run(scratch: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.i18n", *args], cwd=scratch,
                          capture_output=True, text=True, timeout=300)


def test_a_changed_chinese_sentence_fails_the_build_until_translated(scratch):
    """The translator's loop: a Chinese sentence changes -> the English
    build step fails naming the page and the new Chinese; extract keeps the
    old English, marked fuzzy with the old Chinese beside it; check still
    fails (fuzzy) until the English is revised."""
    import nbformat
    from babel.messages.pofile import read_po, write_po

    page, old, new = "book/ch3_backprop_deltas", "第 2 步得到了", "第 2 步算出了"
    po_path = scratch / "locales/en/LC_MESSAGES" / f"{page}.po"
    with po_path.open("rb") as f:
        catalog = read_po(f)
    for m in catalog:                     # the paragraph is translated (whatever its English)
        if m.id and m.id.startswith(old):
            m.string = m.string or "Step 2 gave the output layer's error ..."
    with po_path.open("wb") as f:
        write_po(f, catalog, width=0)
    path = scratch / f"{page}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and old in c.source)
    cell.source = cell.source.replace(old, new)
    nbformat.write(nb, path)

    build = run(scratch, "sources", "_build")           # the step `make book` runs
    assert build.returncode == 1
    assert f"{page}: not in the catalogue (run extract): «{new}" in build.stderr
    assert not (scratch / "_build" / "en" / "src").exists()

    assert run(scratch, "extract").returncode == 0
    po = po_path.read_text(encoding="utf-8")
    entry = po[po.index(new) - 600: po.index(new) + 50]
    previous = "".join(line for line in entry.splitlines() if line.startswith("#|"))
    assert "#, fuzzy" in entry and old in previous
    check = run(scratch, "check")
    assert check.returncode == 1
    assert f"{page}: fuzzy (the Chinese changed since it was translated): «{new}" in check.stderr


# --------------------------------------------------------------------------
# The glossary
# --------------------------------------------------------------------------
ROW = re.compile(r"^\| (?P<zh>[^|]+?) \| (?P<en>[^|]+?) \| \{doc\}`(?P<page>[\w]+)` \|$", re.M)
BOLD_GLOSS = re.compile(r"\*\*([^*\n]*[\u4e00-\u9fff][^*\n]*)\*\*\s*\(([A-Za-z][^()\n]*)\)")


def glossary() -> list[dict]:
    return [m.groupdict() for m in ROW.finditer(GLOSSARY.read_text(encoding="utf-8"))]


def chinese_text(page: str) -> str:
    return "\n".join(t for _, t in i18n.markdown_texts(i18n.source(page)))


def test_glossary_lists_every_term_the_book_defines():
    rows = glossary()
    terms = {r["zh"]: r["en"] for r in rows}
    assert len(rows) == len(terms) >= 100, "one row per term"
    missing = [f"{zh} ({en}) in {page}" for page in pages()
               for zh, en in BOLD_GLOSS.findall(chinese_text(page))
               if zh.strip() not in terms]
    assert not missing, "terms the book defines but the glossary lacks:\n" + "\n".join(missing)


def test_glossary_rows_point_where_the_term_is_introduced():
    wrong = [f"{r['zh']} → {r['page']}" for r in glossary()
             if r["zh"].split()[-1] not in chinese_text(f"book/{r['page']}")]
    assert not wrong, f"the linked page does not contain the term: {wrong}"


def test_the_english_edition_uses_the_glossary_terms():
    """Each term's English (its first form, before a comma) is in the
    English text of the page that introduces it."""
    from babel.messages.pofile import read_po

    def english(page: str) -> str:
        with i18n.catalogue_path(page).open("rb") as f:
            return "\n".join(m.string for m in read_po(f) if m.id).lower()

    text = {p: english(p) for p in pages()}
    absent = [f"{r['en']} ({r['zh']}, book/{r['page']})" for r in glossary()
              if r["en"].split(",")[0].lower() not in text[f"book/{r['page']}"]]
    assert not absent, "the English edition does not use these terms where the glossary " \
                       "says they are introduced:\n" + "\n".join(absent)
