"""The whole book as one PDF per edition (`make pdf`, tools/pdf.py):
_build/pdf/book.pdf (Chinese) and _build/pdf/book-en.pdf (English).

Read with poppler's pdftotext / pdffonts (apt-get install poppler-utils) and
pypdf, and compared with the built HTML edition it was printed from: the
cover's title and the contents in the edition's language, the parts'
captions, every chapter's title and sections as bookmarks and in the text,
every equation number of the HTML in the text, fonts embedded, no blank
page, page numbers as printed, links that stay inside the book, and the
download menu's entry. Every test runs on both editions (ids [zh], [en]);
the English PDF has no Chinese but what its pages quote in Chinese.

Skipped (with the reason) when a PDF or poppler is missing; with CI=true
that is a failure (`make test` runs `make pdf` first).
"""
from __future__ import annotations

import hashlib
import html as htmlmod
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BUILD

from tools.i18n import CJK
from tools.toc import ROOT, pages

CI = os.environ.get("CI", "").lower() == "true"

PAGE_RANGE = (120, 320)      # 188 (Chinese) and 211 (English) pages in November 2026
# a run of Chinese text (tools.i18n.CJK: characters and full-width punctuation)
CJK_RUN = re.compile(CJK.pattern + "+")


@dataclass(frozen=True)
class Edition:
    name: str
    pdf: Path
    html: Path           # the built HTML edition the PDF was printed from
    config: Path         # the folder of its _config.yml and _toc.yml
    lang: str            # the PDF's language, for screen readers
    contents: str        # the contents' title


EDITIONS = {
    "zh": Edition("zh", BUILD / "pdf" / "book.pdf", BUILD / "html", ROOT, "zh-CN", "目录"),
    "en": Edition("en", BUILD / "pdf" / "book-en.pdf", BUILD / "html" / "en",
                  BUILD / "en" / "src", "en", "Contents"),
}


def need(ok: bool, reason: str) -> None:
    if ok:
        return
    if CI:
        pytest.fail(f"{reason} -- CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


def have(edition: Edition) -> Edition:
    need(edition.pdf.is_file(), f"no {edition.pdf}: run `make pdf` (after `make book`)")
    need(all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
         "poppler-utils (pdftotext, pdffonts) is not installed: apt-get install poppler-utils")
    return edition


@pytest.fixture(scope="module", params=sorted(EDITIONS, reverse=True))
def ed(request) -> Edition:
    """The edition a test checks: every test runs on both (zh first)."""
    return have(EDITIONS[request.param])


@cache
def page_texts(ed: Edition) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(ed.pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]          # one form feed after every page


def squash(s: str) -> str:
    """Text with no whitespace: pdftotext breaks lines and spaces CJK freely."""
    return re.sub(r"\s+", "", s)


@cache
def reader(ed: Edition):
    from pypdf import PdfReader
    return PdfReader(ed.pdf)


@cache
def headings(ed: Edition, docname: str) -> list[tuple[int, str]]:
    """(level, text) of the built page's h1 and h2 headings, as printed."""
    text = (ed.html / f"{docname}.html").read_text(encoding="utf-8")
    article = text[text.index('<article class="bd-article"'):]
    out = []
    for m in re.finditer(r"<h([12])>(.*?)</h\1>", article, re.S):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", m.group(2), flags=re.S)
        out.append((int(m.group(1)), htmlmod.unescape(re.sub(r"<[^>]+>", "", inner)).strip()))
    return out


def chapter_title(ed: Edition, docname: str) -> str:
    return next(t for level, t in headings(ed, docname) if level == 1)


def title_pattern(title: str) -> re.Pattern:
    """A heading of the HTML as a pattern for its bookmark: a formula
    (\\(...\\), typeset by MathJax in the page) is written out in plain text
    there, so it matches any text."""
    parts = re.split(r"\\\(.*?\\\)", title)
    return re.compile(".+?".join(re.escape(p) for p in parts) + "$")


@cache
def bookmarks(ed: Edition) -> list[tuple[int, str, int]]:
    """[(depth, title, page index)] of the PDF's outline, depth first."""
    r = reader(ed)
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append((depth, it.title, r.get_destination_page_number(it)))

    walk(r.outline, 0)
    return out


def test_page_count_and_size(ed):
    n = len(reader(ed).pages)
    assert PAGE_RANGE[0] <= n <= PAGE_RANGE[1], f"{n} pages, expected {PAGE_RANGE}"
    assert len(page_texts(ed)) == n
    box = reader(ed).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (596, 843), "not A4"


def test_cover_contents_and_parts_in_the_editions_language(ed):
    """The cover's title and the parts' captions are the edition's own
    (_config.yml, _toc.yml; the English ones written by tools/i18n.py)."""
    config = yaml.safe_load((ed.config / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ed.config / "_toc.yml").read_text(encoding="utf-8"))
    cover, contents = squash(page_texts(ed)[0]), squash(page_texts(ed)[1])
    assert squash(config["title"]) in cover, cover[:80]
    assert contents.startswith(squash(ed.contents)), contents[:40]
    assert reader(ed).root_object.get("/Lang") == ed.lang
    front = squash("".join(page_texts(ed)[1:page_of(ed, chapter_title(ed, pages()[0]))]))
    top = [t for depth, t, _ in bookmarks(ed) if depth == 0]
    assert top[0] == ed.contents, f"the first bookmark is {top[0]!r}"
    for caption in (part["caption"] for part in toc["parts"]):
        assert squash(caption) in front, f"part {caption!r} not in the contents"
        assert caption in top, f"no bookmark for the part {caption!r}"


def test_every_chapter_title_in_text_and_on_its_bookmark_page(ed):
    texts = [squash(t) for t in page_texts(ed)]
    marks = {title: page for _, title, page in bookmarks(ed)}
    for doc in pages():
        title = chapter_title(ed, doc)
        assert any(squash(title) in t for t in texts[2:]), f"{doc}: {title!r} not in the text"
        assert title in marks, f"no bookmark for the chapter {title!r}"
        assert squash(title) in texts[marks[title]], \
            f"the bookmark of {title!r} points at page {marks[title] + 1}, which does not show it"


def test_bookmarks_for_every_chapter_and_section(ed):
    marks = bookmarks(ed)
    titles = [t for _, t, _ in marks]
    for doc in pages():
        chapter = chapter_title(ed, doc)
        i = titles.index(chapter)
        depth = marks[i][0]
        # the chapter's own children: the bookmarks after it, one level deeper
        children = []
        for d, t, _ in marks[i + 1:]:
            if d <= depth:
                break
            if d == depth + 1:
                children.append(t)
        sections = [t for level, t in headings(ed, doc) if level == 2]
        assert len(children) == len(sections) and all(
            title_pattern(s).match(c) for s, c in zip(sections, children, strict=True)), \
            f"{doc}: bookmarks {children} != sections {sections}"
        assert not any("\\" in c for c in children), f"{doc}: TeX in a bookmark: {children}"
    pages_in_order = [p for _, _, p in marks]
    assert pages_in_order == sorted(pages_in_order), "bookmarks out of reading order"


def test_fonts_embedded_cjk_and_monospace(ed):
    out = subprocess.run(["pdffonts", str(ed.pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    header = out[0]
    col = header.index("emb")
    rows = out[2:]
    assert rows, "pdffonts lists no font"
    not_embedded = [r for r in rows if r[col:col + 3].strip() != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)
    names = " ".join(r.split()[0] for r in rows)
    assert "Mono" in names, f"no monospace font for the code: {names}"
    if ed.name == "zh":
        assert re.search(r"WenQuanYi|CJK|Hei|Song|Ming|Kai", names), f"no CJK font: {names}"
        assert re.search(r"[\u4e00-\u9fff]{20}", "".join(page_texts(ed))), "no Chinese text"


def quoted_chinese(ed: Edition, docname: str) -> str:
    """What the page shows in Chinese on purpose, without whitespace: its
    elements marked lang="zh-CN" (the source note quoted, the glossary's
    Chinese column) and its code (the same in both editions), with their
    formulas left out (MathJax prints them apart from the words)."""
    main = BeautifulSoup((ed.html / f"{docname}.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article.bd-article")
    kept = main.select('[lang^="zh"], div.cell_input, div.highlight')
    for el in kept:
        for math in el.select(".math"):
            math.decompose()
    return squash(" ".join(el.get_text(" ") for el in kept))


def test_english_pdf_has_chinese_only_where_its_pages_quote_it():
    """pdftotext gives a quoted Chinese sentence in pieces (a line break, an
    inline formula moved to its own line): each run of Chinese characters on a
    page of a chapter must be part of what that chapter's English page quotes
    in Chinese; the cover, the contents and the running headers have none."""
    ed = have(EDITIONS["en"])
    texts = page_texts(ed)
    starts = [page_of(ed, chapter_title(ed, doc)) for doc in pages()] + [len(texts)]
    stray = [f"p. {i + 1} (front matter): {run}" for i in range(starts[0])
             for run in CJK_RUN.findall(texts[i])]
    for doc, first, end in zip(pages(), starts, starts[1:], strict=False):
        quoted = quoted_chinese(ed, doc)
        stray += [f"p. {i + 1} ({doc}): {run}" for i in range(first, end)
                  for run in CJK_RUN.findall(texts[i]) if run not in quoted]
    assert not stray, ("Chinese in the English PDF that its HTML does not quote "
                       "(translate it: locales/en/LC_MESSAGES, bpcore/messages_en.py):\n"
                       + "\n".join(stray[:20]))


def page_of(ed: Edition, title: str) -> int:
    """The page index of the bookmark with this title."""
    found = [p for _, t, p in bookmarks(ed) if t == title]
    assert found, f"no bookmark {title!r}"
    return found[0]


def printed_label(ed: Edition, i: int) -> str:
    n_front = page_of(ed, chapter_title(ed, pages()[0]))
    if i == 0:
        return ""
    if i < n_front:
        return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][i]
    return str(i - n_front + 1)


def test_no_blank_page_and_page_numbers(ed):
    """Every page has text besides its number and running header, and shows
    its number (i, ii ... before chapter 1, then 1, 2 ...)."""
    titles = {squash(chapter_title(ed, d)) for d in pages()}
    blank, unnumbered = [], []
    for i, text in enumerate(page_texts(ed)):
        lines = [squash(x) for x in text.splitlines() if x.strip()]
        label = printed_label(ed, i)
        if label and label not in lines:
            unnumbered.append(i + 1)
        body = [x for x in lines if x != label and x not in titles]
        if not body:
            blank.append(i + 1)
    assert not blank, f"blank pages: {blank}"
    assert not unnumbered, f"pages without their number: {unnumbered}"


def test_every_equation_number_of_the_html(ed):
    text = squash("".join(page_texts(ed)))
    missing = []
    for doc in pages():
        page = (ed.html / f"{doc}.html").read_text(encoding="utf-8")
        for n in re.findall(r'<span class="eqno">\((\d+\.\d+)\)', page):
            if f"({n})" not in text:
                missing.append(f"{doc}: ({n})")
    assert not missing, f"equation numbers not in the PDF: {missing}"
    assert "\\frac" not in text and "\\begin{" not in text, "raw TeX in the PDF"


def test_links_stay_in_the_book(ed):
    """A link is to a page of the PDF or to the web, never to the local
    server the pages were printed from (dead in a PDF)."""
    r = reader(ed)
    page_ids = {p.indirect_reference.idnum for p in r.pages}
    internal, bad = 0, []
    for i, page in enumerate(r.pages):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            if "/Dest" in a:
                d = a["/Dest"]
                if isinstance(d, str) or d[0].idnum not in page_ids:
                    bad.append(f"p. {i + 1}: {d}")
                internal += 1
            else:
                uri = str(a["/A"].get_object().get("/URI", ""))
                if not uri.startswith(("https://", "http://", "mailto:")) or "127.0.0.1" in uri:
                    bad.append(f"p. {i + 1}: {uri}")
    assert not bad, "links that lead nowhere:\n" + "\n".join(bad[:20])
    assert internal > 100, f"only {internal} links inside the book"


# the headings of the δ slider's panels in chapter 3, as each edition prints them
CH3_PANELS = {"zh": ("l=L=3", "l=2：δ⁽²⁾=(W⁽³⁾)ᵀδ⁽³⁾", "l=1：δ⁽¹⁾=(W⁽²⁾)ᵀδ⁽²⁾"),
              "en": ("l=L=3", "l=2:δ⁽²⁾=(W⁽³⁾)ᵀδ⁽³⁾", "l=1:δ⁽¹⁾=(W⁽²⁾)ᵀδ⁽²⁾")}


def test_small_multiples_of_ch3(ed):
    """The δ slider of chapter 3 prints every layer's panel, l = L = 3, then
    l = 2 and l = 1 (the screen shows only the selected one: print frames)."""
    start = page_of(ed, chapter_title(ed, "book/ch3_backprop_deltas"))
    end = page_of(ed, chapter_title(ed, "book/ch4_param_grads"))
    text = squash("".join(page_texts(ed)[start:end]))
    for heading in CH3_PANELS[ed.name]:
        assert heading in text, f"ch3 prints no panel {heading!r}"


def test_download_menu_links_the_pdf(ed):
    """The edition's site has its PDF as book.pdf, and every page of the
    edition shows the menu entry for it (en/book/*.html: en/book.pdf)."""
    site = ed.html / "book.pdf"
    assert site.is_file(), f"no {site}: tools/pdf.py copies the PDF into the site"
    digest = [hashlib.sha256(f.read_bytes()).hexdigest() for f in (site, ed.pdf)]
    assert digest[0] == digest[1], f"{site} is not {ed.pdf}"
    for doc in pages():
        page = (ed.html / f"{doc}.html").read_text(encoding="utf-8")
        assert '<li data-bp-book-pdf><a href="../book.pdf"' in page, \
            f"{doc}: the download menu does not link book.pdf"
