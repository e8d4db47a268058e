"""The two editions of the built book: the Chinese one in _build/html, the
English one in _build/html/en, built from one execution (README "Two
editions", tools/i18n.py).

Every page exists in both and links to its twin; the English pages are in
English (no Chinese character in the main content or the widgets' words,
except inside an element marked lang="zh-CN": the source note quoted, the
glossary's Chinese column); both quote the same equation numbers and the
same glued numbers; each edition's search speaks its language.
"""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import BUILD

from tools.i18n import CJK
from tools.toc import pages

HTML = BUILD / "html"
EN = HTML / "en"
PAGES = pages()

# a decimal as the prose quotes it: 0.1277, 2.5e-05, (3.1) — the glued values
DECIMAL = re.compile(r"(?<![\w.])[−-]?\d+\.\d+(?:e[−+-]?\d+)?")

pytestmark = pytest.mark.skipif(
    not (EN / "searchindex.js").is_file(),
    reason="the two editions are not built: run `make book` first (make test does)",
)


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf8"), "html.parser")


def article(page: BeautifulSoup):
    """The page's main content, without the code cells' inputs (the same
    code in both editions) and without what is marked as Chinese."""
    main = page.select_one("article.bd-article")
    for el in main.select('[lang^="zh"], div.cell_input, div.highlight'):
        el.decompose()
    return main


def widget_strings(page: BeautifulSoup) -> list[str]:
    """Every string of the page's saved widget state (panel HTML, labels)."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for script in page.select('script[type="application/vnd.jupyter.widget-state+json"]'):
        walk(json.loads(script.string))
    return out


def without_chinese_spans(text: str) -> str:
    return re.sub(r'<[^>]*lang="zh[^"]*"[^>]*>.*?</[^>]+>', "", text, flags=re.S)


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_links_to_its_twin(docname):
    zh, en = HTML / f"{docname}.html", EN / f"{docname}.html"
    assert en.is_file(), f"{docname}: no English page ({en})"
    for path, other in ((zh, en), (en, zh)):
        link = soup(path).select_one("a.bp-edition-switch")
        assert link is not None, f"{path}: no language switch"
        target = (path.parent / link["href"]).resolve()
        assert target == other.resolve(), f"{path}: the switch goes to {target}, not {other}"


@pytest.mark.parametrize("docname", PAGES)
def test_english_pages_are_in_english(docname):
    page = soup(EN / f"{docname}.html")
    assert page.html["lang"] == "en"
    main = article(page)
    lines = [s.strip() for s in main.find_all(string=CJK)]
    lines += [f"{a}={el[a]}" for el in main.find_all(True)
              for a in ("alt", "title", "aria-label", "data-summary")
              if a in el.attrs and CJK.search(str(el[a]))]
    lines += [s[:120] for s in widget_strings(page) if CJK.search(without_chinese_spans(s))]
    assert not lines, (f"en/{docname}: Chinese in the English edition (translate it in "
                       f"locales/en/LC_MESSAGES or bpcore/messages_en.py):\n"
                       + "\n".join(lines[:15]))


def equation_numbers(page: BeautifulSoup) -> list[str]:
    """The numbers of the page's labelled equations and of its references to
    equations, in order."""
    main = page.select_one("article.bd-article")
    return ([e.get_text() for e in main.select("span.eqno")]
            + [a.get_text() for a in main.select('a[href*="#equation-"]')])


@pytest.mark.parametrize("docname", PAGES)
def test_same_equation_numbers_and_glued_numbers(docname):
    zh, en = soup(HTML / f"{docname}.html"), soup(EN / f"{docname}.html")
    assert equation_numbers(zh) == equation_numbers(en), docname
    numbers = [set(DECIMAL.findall(article(p).get_text(" "))) for p in (zh, en)]
    assert numbers[0] == numbers[1], (
        f"{docname}: decimals only in the Chinese page {sorted(numbers[0] - numbers[1])}, "
        f"only in the English page {sorted(numbers[1] - numbers[0])}")


def search_index(folder) -> dict:
    text = (folder / "searchindex.js").read_text(encoding="utf8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def test_english_search_is_stemmed_english():
    idx = search_index(EN)
    opts = (EN / "_static" / "documentation_options.js").read_text(encoding="utf8")
    assert re.search(r"LANGUAGE: 'en'", opts)
    ch3 = idx["docnames"].index("book/ch3_backprop_deltas")
    found = set()
    for table in ("terms", "titleterms"):
        v = idx[table].get("backpropag", [])     # the Porter stem of backpropagation
        found |= {v} if isinstance(v, int) else set(v)
    assert ch3 in found, "English search cannot find 'backpropagation' in chapter 3"
    # Chinese words only from what the English pages quote in Chinese
    quoted = " ".join(el.get_text() for d in PAGES
                      for el in soup(EN / f"{d}.html").select('[lang^="zh"]'))
    stray = [t for t in idx["terms"] if CJK.search(t) and t not in quoted]
    assert not stray, f"Chinese words in the English index: {stray[:10]}"
