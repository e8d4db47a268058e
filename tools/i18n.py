"""The English edition: gettext catalogues of the book's words, and the
English sources the second edition is built from, out of ONE execution.

    python -m tools.i18n extract        # after a Chinese change: update the catalogues
    python -m tools.i18n check          # every message translated, none fuzzy
    python -m tools.i18n sources _build # _build/en/src: the English book, executed

A message is one block of a page's Markdown (the text between blank lines),
or of a figure's caption or alt text (code cell metadata), that holds
Chinese; a block with no Chinese (a formula, a code fence) is the same in
both editions. Its English, written with the same MyST roles
(`{glue}`, `{eq}`, `{doc}` ...) so both editions quote the same numbers,
is in ``locales/en/LC_MESSAGES/<page>.po`` (``book/ch1_forward.po``);
``_book.po`` holds the toc's captions and the strings of ``_config.yml``.
Translators use their usual tools (poedit, sphinx-intl's workflow):
``extract`` keeps every translation, marks a changed paragraph fuzzy (with
its old English) and a new one untranslated, and ``check`` — run by
``make book`` and the tests — fails, naming the page and the Chinese text,
until each is translated and no longer fuzzy.

Why not Sphinx's own ``-D language=en``: a translated paragraph is parsed as
a new document without the notebook's glue data, so every glued number in it
vanishes (myst-nb 1.4, Sphinx 7.4). Here the English edition is built from
copies of the executed notebooks whose Markdown is replaced block by block
(code cells and outputs are the Chinese build's, not run again), and whose
outputs' words — recorded by :func:`bpcore.i18n.t` while the Chinese build
ran, as (Chinese, English) pairs — are replaced by their English.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from tools.toc import ROOT, TOC, pages

LOCALES = ROOT / "locales" / "en" / "LC_MESSAGES"
BOOK_PO = LOCALES / "_book.po"
PROJECT = "bpcore book"
# a fixed date in the header: re-extracting unchanged sources changes no file
STAMP = datetime(2026, 11, 30, tzinfo=timezone.utc)

# Chinese characters and the full-width punctuation that only Chinese text uses.
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")
BLANK_LINE = re.compile(r"(\n[ \t]*\n)")
# MyST roles and labels that must survive translation: a role's name and
# target (its shown text, {doc}`text <target>`, may be translated), a label.
ROLE = re.compile(r"(\{[\w:-]+\})`(?:[^`<]*<)?([^`<>]*)>?`|^(\([\w-]+\)=)$", re.M)

# Strings of _config.yml shown on every page, as (msgctxt, path of keys).
CONFIG_STRINGS = {
    "title": ("title",),
    "author": ("author",),
    "search_bar_text": ("sphinx", "config", "html_theme_options", "search_bar_text"),
    "logo alt_text": ("sphinx", "config", "html_theme_options", "logo", "alt_text"),
    "nb_code_prompt_show": ("sphinx", "config", "nb_code_prompt_show"),
    "nb_code_prompt_hide": ("sphinx", "config", "nb_code_prompt_hide"),
}

__all__ = ["Problem", "blocks", "roles", "page_messages", "book_messages", "extract", "check",
           "translate_markdown", "load_pairs", "translate_value", "sources"]


@dataclass(frozen=True)
class Problem:
    """Something that keeps a page out of the English edition."""
    page: str
    what: str
    text: str

    def __str__(self) -> str:
        short = " ".join(self.text.split())
        short = short if len(short) <= 90 else short[:87] + "..."
        return f"{self.page}: {self.what}: «{short}»"


def source(page: str) -> Path:
    """The source file of a toc page: book/ch1_forward -> book/ch1_forward.ipynb."""
    for suffix in (".ipynb", ".md"):
        if (ROOT / f"{page}{suffix}").is_file():
            return ROOT / f"{page}{suffix}"
    raise FileNotFoundError(f"{page}: no .ipynb or .md source")


def catalogue_path(page: str) -> Path:
    return LOCALES / f"{page}.po"


# The words of a code cell's figure, in its metadata (myst-nb): caption, alt text.
FIGURE_TEXTS = (("figure", "caption"), ("image", "alt"))


def _figure_texts(cell) -> list[tuple[dict, str]]:
    """(metadata dict, key) of the figure words a code cell carries."""
    mystnb = cell.metadata.get("mystnb", {})
    return [(mystnb[group], key) for group, key in FIGURE_TEXTS
            if key in mystnb.get(group, {})]


def markdown_texts(path: Path) -> list[tuple[int, str]]:
    """The words of a page as (cell number, counted from 1, text): its
    Markdown cells and its figures' captions and alt texts, or the whole .md
    file as cell 1. A catalogue's location comment
    ``#: book/ch3_backprop_deltas.ipynb:5`` names cell 5."""
    if path.suffix == ".md":
        return [(1, path.read_text(encoding="utf-8"))]
    out = []
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells, 1):
        if cell.cell_type == "markdown":
            out.append((i, cell.source))
        elif cell.cell_type == "code":
            out += [(i, meta[key]) for meta, key in _figure_texts(cell)]
    return out


def blocks(text: str) -> list[str]:
    """``text`` split at blank lines, separators kept: ``"".join(blocks(t)) == t``.
    Even indices are blocks, odd ones the blank lines between them."""
    return BLANK_LINE.split(text)


def _is_message(block: str) -> bool:
    return bool(CJK.search(block))


def page_messages(page: str) -> dict[str, int]:
    """{msgid: cell number} of a page, in reading order, each once."""
    seen: dict[str, int] = {}
    for cell, text in markdown_texts(source(page)):
        for block in blocks(text)[::2]:
            if _is_message(block):
                seen.setdefault(block.strip(), cell)
    return seen


def _dig(config: dict, keys: tuple[str, ...]):
    for k in keys:
        config = config[k]
    return config


def book_messages() -> list[tuple[str, str]]:
    """(msgctxt, msgid) of _book.po: the toc's part captions, then the strings
    of _config.yml that every page shows."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    out = [("_toc.yml caption", part["caption"]) for part in toc.get("parts", [])]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    out += [(ctxt, _dig(config, keys)) for ctxt, keys in CONFIG_STRINGS.items()]
    return out


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, include_previous=True)


def _merge(path: Path, entries: list[tuple[str | None, str, tuple]]) -> tuple[int, int]:
    """Bring catalogue ``path`` in line with ``entries`` (msgctxt, msgid,
    (file, cell number)): translations kept, changed messages fuzzy, new ones empty,
    gone ones obsolete. Returns (messages, untranslated or fuzzy)."""
    template = Catalog(locale="en", project=PROJECT, copyright_holder=PROJECT,
                       msgid_bugs_address="", creation_date=STAMP, revision_date=STAMP,
                       language_team="English edition", fuzzy=False)
    for ctxt, msgid, where in entries:
        template.add(msgid, locations=[where], context=ctxt)
    if path.is_file():
        with path.open("rb") as f:
            catalog = read_po(f, locale="en")
        catalog.update(template, update_header_comment=False)
        catalog.obsolete.clear()
    else:
        catalog = template
    catalog.fuzzy = False
    for m in catalog:       # babel takes {…} for a format string; here it is MyST and LaTeX
        m.flags.discard("python-brace-format")
    _write(catalog, path)
    todo = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
    return sum(1 for m in catalog if m.id), todo


def extract() -> int:
    """Update every catalogue from the Chinese sources; print what is left."""
    total = todo_total = 0
    for page in pages():
        where = source(page).relative_to(ROOT).as_posix()
        n, todo = _merge(catalogue_path(page), [(None, m, (where, cell))
                                                for m, cell in page_messages(page).items()])
        total += n
        todo_total += todo
        print(f"{page}: {n} messages, {todo} to translate")
    n, todo = _merge(BOOK_PO, [(c, m, (c.split()[0] if c.startswith("_toc") else "_config.yml",
                                       None)) for c, m in book_messages()])
    print(f"_book: {n} messages, {todo} to translate")
    print(f"{total + n} messages, {todo_total + todo} to translate")
    return 0


def _load(path: Path) -> Catalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, locale="en")


def roles(text: str) -> Counter:
    """The MyST roles (name and target) and labels of a block, counted."""
    return Counter("".join(m) for m in ROLE.findall(text))


def _problems(page: str, catalog: Catalog | None,
              messages: list[tuple[str | None, str]]) -> list[Problem]:
    if catalog is None:
        return [Problem(page, "no catalogue (run python -m tools.i18n extract)", page)]
    out = []
    for ctxt, msgid in messages:
        m = catalog.get(msgid, context=ctxt)
        if m is None:
            out.append(Problem(page, "not in the catalogue (run extract)", msgid))
        elif not m.string:
            out.append(Problem(page, "untranslated", msgid))
        elif m.fuzzy:
            out.append(Problem(page, "fuzzy (the Chinese changed since it was translated)",
                               msgid))
        elif roles(m.string) != roles(msgid):
            missing = (roles(msgid) - roles(m.string)) + (roles(m.string) - roles(msgid))
            out.append(Problem(page, f"roles differ in the English ({', '.join(missing)})",
                               msgid))
    return out


def check() -> list[Problem]:
    """Every message of every page translated, not fuzzy, with the same roles."""
    out = []
    for page in pages():
        out += _problems(page, _load(catalogue_path(page)),
                         [(None, m) for m in page_messages(page)])
    out += _problems("_book", _load(BOOK_PO), book_messages())
    return out


def _english(catalog: Catalog, msgid: str, ctxt: str | None = None) -> str:
    return catalog.get(msgid, context=ctxt).string


def translate_markdown(text: str, catalog: Catalog) -> str:
    """``text`` with each Chinese block replaced by its English."""
    parts = blocks(text)
    for i in range(0, len(parts), 2):
        if _is_message(parts[i]):
            lead = parts[i][: len(parts[i]) - len(parts[i].lstrip())]
            parts[i] = lead + _english(catalog, parts[i].strip())
    return "".join(parts)


# --- outputs: the words that code printed --------------------------------------------

def load_pairs(folder: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The (Chinese, English) pairs recorded by bpcore.i18n.t during the
    build, longest Chinese first (so a sentence is replaced before a word it
    contains), with each pair also in its HTML-escaped form."""
    pairs: dict[str, str] = {}
    problems = []
    for path in sorted(folder.glob("pairs-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["en"] is None:
                problems.append(Problem("bpcore/messages_en.py", "no English for",
                                        rec["template"]))
                continue
            pairs[rec["zh"]] = rec["en"]
            for quote in (True, False):     # as html.escape left it in a page or attribute
                escaped = html.escape(rec["zh"], quote=quote)
                if escaped != rec["zh"]:    # else the plain pair already covers it
                    pairs[escaped] = html.escape(rec["en"], quote=quote)
    return sorted(pairs.items(), key=lambda p: -len(p[0])), problems


def translate_value(value, pairs: list[tuple[str, str]]):
    """Every string inside ``value`` (nested lists and dicts) with the pairs applied."""
    if isinstance(value, str):
        if not CJK.search(value):
            return value
        for zh, en in pairs:
            if zh in value:
                value = value.replace(zh, en)
        return value
    if isinstance(value, list):
        return [translate_value(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: translate_value(v, pairs) for k, v in value.items()}
    return value


def _leftovers(value, found: list[str]) -> None:
    """Chinese text left in ``value`` after translation (outside lang="zh" spans)."""
    if isinstance(value, str):
        for line in re.sub(r'<span lang="zh[^"]*">.*?</span>', "", value, flags=re.S).splitlines():
            if CJK.search(line):
                found.append(line)
    elif isinstance(value, list):
        for v in value:
            _leftovers(v, found)
    elif isinstance(value, dict):
        for v in value.values():
            _leftovers(v, found)


def translate_notebook(nb, catalog: Catalog, pairs, page: str) -> list[Problem]:
    """Translate an executed notebook in place: Markdown and figure words
    from the catalogue, outputs and widget state with the recorded pairs. Returns the Chinese
    left in outputs (a sentence printed by code without bpcore.i18n.t)."""
    left: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, catalog)
        elif cell.cell_type == "code":
            for meta, key in _figure_texts(cell):
                meta[key] = translate_markdown(meta[key], catalog)
            cell.outputs = nbformat.from_dict(translate_value(cell.outputs, pairs))
            _leftovers([o.get("data", {}) for o in cell.outputs], left)
            _leftovers([o.get("text", "") for o in cell.outputs], left)
    state = nb.metadata.get("widgets")
    if state:
        nb.metadata.widgets = nbformat.from_dict(translate_value(state, pairs))
        _leftovers(nb.metadata.widgets, left)
    return [Problem(page, "Chinese printed by code (use bpcore.i18n.t)", s)
            for s in dict.fromkeys(left)]


# --- the English source tree ------------------------------------------------------------

# Shared with the Chinese edition, linked into the English source tree
# (notebooks/: the reader notebooks, which the launch buttons open; they are
# Chinese — there are no English reader notebooks yet).
SHARED = ["bpcore", "tools", "_static", "_templates", "_vendor", "notebooks",
          "book/images", "book/_static", "book/references.bib"]


def _english_config(launch_config: Path, book: Catalog) -> dict:
    """The Chinese edition's configuration with English words, English search,
    and no execution (the outputs are already in the notebooks)."""
    config = yaml.safe_load(launch_config.read_text(encoding="utf-8"))
    for ctxt, keys in CONFIG_STRINGS.items():
        parent = _dig(config, keys[:-1])
        parent[keys[-1]] = _english(book, parent[keys[-1]], ctxt)
    config["execute"]["execute_notebooks"] = "off"
    sphinx = config["sphinx"]["config"]
    sphinx["language"] = "en"
    sphinx["html_search_language"] = "en"
    sphinx.pop("html_search_options", None)     # jieba's dictionary: Chinese only
    sphinx.setdefault("html_context", {})["bp_edition"] = "en"
    return config


def _english_toc(book: Catalog) -> dict:
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        part["caption"] = _english(book, part["caption"], "_toc.yml caption")
    return toc


def _glue_cell(glued: Path):
    """A hidden cell holding the glued outputs of the Chinese build, which
    myst-nb saved in ``<page>.glue.json`` and took out of the executed
    notebook (they sat in ``remove-cell`` cells)."""
    outputs = []
    for out in json.loads(glued.read_text(encoding="utf-8")).values():
        # the file holds the data under plain MIME types; as glue() wrote it,
        # each type carries the record's prefix, which myst-nb strips again
        prefix = out["metadata"]["scrapbook"].get("mime_prefix", "")
        out["data"] = {prefix + mime: value for mime, value in out["data"].items()}
        outputs.append(nbformat.from_dict(out))
    return nbformat.v4.new_code_cell(
        source="# glued values of the one execution (tools/i18n.py)",
        metadata={"tags": ["remove-cell"]}, outputs=outputs)


def sources(build: Path) -> list[Problem]:
    """Write ``build/en/src``: the English book, from the executed notebooks of
    ``build`` (``jupyter_execute/``), the catalogues and the recorded pairs.
    Returns the problems; nothing is written if a catalogue or a recorded
    English is missing (a page's own problems are returned after writing)."""
    problems = check()
    pairs, missing = load_pairs(build / "i18n")
    problems += missing
    if problems:
        return problems
    src = build / "en" / "src"
    if src.exists():
        shutil.rmtree(src)
    (src / "book").mkdir(parents=True)
    for page in pages():
        path = source(page)
        catalog = _load(catalogue_path(page))
        out = src / path.relative_to(ROOT)
        if path.suffix == ".md":
            out.write_text(translate_markdown(path.read_text(encoding="utf-8"), catalog),
                           encoding="utf-8")
            continue
        executed = build / "jupyter_execute" / f"{page}.ipynb"
        if not executed.is_file():
            problems.append(Problem(page, "not executed (run the Chinese build first)",
                                    str(executed)))
            continue
        nb = nbformat.read(executed, as_version=4)
        glued = executed.with_suffix(".glue.json")
        if glued.is_file():
            nb.cells.append(_glue_cell(glued))
        problems += translate_notebook(nb, catalog, pairs, page)
        nbformat.write(nb, out)
    book = _load(BOOK_PO)
    (src / "_config.yml").write_text(
        yaml.safe_dump(_english_config(build / "launch_config.yml", book),
                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    (src / "_toc.yml").write_text(
        yaml.safe_dump(_english_toc(book), allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    for name in SHARED:
        (src / name).symlink_to(ROOT / name, target_is_directory=(ROOT / name).is_dir())
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="update locales/en/LC_MESSAGES from the Chinese sources")
    sub.add_parser("check", help="fail on untranslated or fuzzy messages")
    s = sub.add_parser("sources", help="write BUILD/en/src, the English book")
    s.add_argument("build", type=Path)
    args = parser.parse_args(argv)
    if args.command == "extract":
        return extract()
    problems = check() if args.command == "check" else sources(args.build)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): translate in locales/en/LC_MESSAGES "
              "(README, 'Two editions')", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
