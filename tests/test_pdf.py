"""The whole book as one PDF (`make pdf`, tools/pdf.py): _build/pdf/book.pdf.

Read with poppler's pdftotext / pdffonts (apt-get install poppler-utils) and
pypdf, and compared with the built HTML book it was printed from: every
chapter's title and sections as bookmarks and in the text, every equation
number of the HTML in the text, fonts embedded, no blank page, page numbers
as printed, links that stay inside the book, and the download menu's entry.

Skipped (with the reason) when the PDF or poppler is missing; with CI=true
that is a failure (`make test` runs `make pdf` first).
"""
from __future__ import annotations

import hashlib
import html as htmlmod
import os
import re
import shutil
import subprocess
from functools import cache

import pytest
from conftest import BUILD

from tools.toc import pages

PDF = BUILD / "pdf" / "book.pdf"
HTML = BUILD / "html"
CI = os.environ.get("CI", "").lower() == "true"

PAGE_RANGE = (120, 320)      # 180 pages in November 2026


def need(ok: bool, reason: str) -> None:
    if ok:
        return
    if CI:
        pytest.fail(f"{reason} -- CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module", autouse=True)
def _have_pdf():
    need(PDF.is_file(), f"no {PDF}: run `make pdf` (after `make book`)")
    need(all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
         "poppler-utils (pdftotext, pdffonts) is not installed: apt-get install poppler-utils")


@cache
def page_texts() -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]          # one form feed after every page


def squash(s: str) -> str:
    """Text with no whitespace: pdftotext breaks lines and spaces CJK freely."""
    return re.sub(r"\s+", "", s)


@cache
def reader():
    from pypdf import PdfReader
    return PdfReader(PDF)


@cache
def headings(docname: str) -> list[tuple[int, str]]:
    """(level, text) of the built page's h1 and h2 headings, as printed."""
    text = (HTML / f"{docname}.html").read_text(encoding="utf-8")
    article = text[text.index('<article class="bd-article"'):]
    out = []
    for m in re.finditer(r"<h([12])>(.*?)</h\1>", article, re.S):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", m.group(2), flags=re.S)
        out.append((int(m.group(1)), htmlmod.unescape(re.sub(r"<[^>]+>", "", inner)).strip()))
    return out


def chapter_title(docname: str) -> str:
    return next(t for level, t in headings(docname) if level == 1)


def title_pattern(title: str) -> re.Pattern:
    """A heading of the HTML as a pattern for its bookmark: a formula
    (\\(...\\), typeset by MathJax in the page) is written out in plain text
    there, so it matches any text."""
    parts = re.split(r"\\\(.*?\\\)", title)
    return re.compile(".+?".join(re.escape(p) for p in parts) + "$")


def bookmarks():
    """[(depth, title, page index)] of the PDF's outline, depth first."""
    r = reader()
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append((depth, it.title, r.get_destination_page_number(it)))

    walk(r.outline, 0)
    return out


def test_page_count_and_size():
    n = len(reader().pages)
    assert PAGE_RANGE[0] <= n <= PAGE_RANGE[1], f"{n} pages, expected {PAGE_RANGE}"
    assert len(page_texts()) == n
    box = reader().pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (596, 843), "not A4"


def test_cover_and_contents():
    cover, contents = squash(page_texts()[0]), squash(page_texts()[1])
    assert squash("正向传播与反向传播") in cover
    assert contents.startswith("目录"), contents[:40]


def test_every_chapter_title_in_text_and_on_its_bookmark_page():
    texts = [squash(t) for t in page_texts()]
    marks = {title: page for _, title, page in bookmarks()}
    for doc in pages():
        title = chapter_title(doc)
        assert any(squash(title) in t for t in texts[2:]), f"{doc}: {title!r} not in the text"
        assert title in marks, f"no bookmark for the chapter {title!r}"
        assert squash(title) in texts[marks[title]], \
            f"the bookmark of {title!r} points at page {marks[title] + 1}, which does not show it"


def test_bookmarks_for_every_chapter_and_section():
    marks = bookmarks()
    titles = [t for _, t, _ in marks]
    for doc in pages():
        chapter = chapter_title(doc)
        i = titles.index(chapter)
        depth = marks[i][0]
        # the chapter's own children: the bookmarks after it, one level deeper
        children = []
        for d, t, _ in marks[i + 1:]:
            if d <= depth:
                break
            if d == depth + 1:
                children.append(t)
        sections = [t for level, t in headings(doc) if level == 2]
        assert len(children) == len(sections) and all(
            title_pattern(s).match(c) for s, c in zip(sections, children, strict=True)), \
            f"{doc}: bookmarks {children} != sections {sections}"
        assert not any("\\" in c for c in children), f"{doc}: TeX in a bookmark: {children}"
    pages_in_order = [p for _, _, p in marks]
    assert pages_in_order == sorted(pages_in_order), "bookmarks out of reading order"


def test_fonts_embedded_cjk_and_monospace():
    out = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    header = out[0]
    col = header.index("emb")
    rows = out[2:]
    assert rows, "pdffonts lists no font"
    not_embedded = [r for r in rows if r[col:col + 3].strip() != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)
    names = " ".join(r.split()[0] for r in rows)
    assert re.search(r"WenQuanYi|CJK|Hei|Song|Ming|Kai", names), f"no CJK font: {names}"
    assert "Mono" in names, f"no monospace font for the code: {names}"
    assert re.search(r"[\u4e00-\u9fff]{20}", "".join(page_texts())), "no Chinese text"


def page_of(title: str) -> int:
    """The page index of the bookmark with this title."""
    found = [p for _, t, p in bookmarks() if t == title]
    assert found, f"no bookmark {title!r}"
    return found[0]


def printed_label(i: int) -> str:
    n_front = page_of(chapter_title(pages()[0]))
    if i == 0:
        return ""
    if i < n_front:
        return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][i]
    return str(i - n_front + 1)


def test_no_blank_page_and_page_numbers():
    """Every page has text besides its number and running header, and shows
    its number (i, ii ... before chapter 1, then 1, 2 ...)."""
    titles = {squash(chapter_title(d)) for d in pages()}
    blank, unnumbered = [], []
    for i, text in enumerate(page_texts()):
        lines = [squash(x) for x in text.splitlines() if x.strip()]
        label = printed_label(i)
        if label and label not in lines:
            unnumbered.append(i + 1)
        body = [x for x in lines if x != label and x not in titles]
        if not body:
            blank.append(i + 1)
    assert not blank, f"blank pages: {blank}"
    assert not unnumbered, f"pages without their number: {unnumbered}"


def test_every_equation_number_of_the_html():
    text = squash("".join(page_texts()))
    missing = []
    for doc in pages():
        page = (HTML / f"{doc}.html").read_text(encoding="utf-8")
        for n in re.findall(r'<span class="eqno">\((\d+\.\d+)\)', page):
            if f"({n})" not in text:
                missing.append(f"{doc}: ({n})")
    assert not missing, f"equation numbers not in the PDF: {missing}"
    assert "\\frac" not in text and "\\begin{" not in text, "raw TeX in the PDF"


def test_links_stay_in_the_book():
    """A link is to a page of the PDF or to the web, never to the local
    server the pages were printed from (dead in a PDF)."""
    r = reader()
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


def test_small_multiples_of_ch3():
    """The δ slider of chapter 3 prints every layer's panel, l = L = 3, then
    l = 2 and l = 1 (the screen shows only the selected one: print frames)."""
    start = page_of(chapter_title("book/ch3_backprop_deltas"))
    end = page_of(chapter_title("book/ch4_param_grads"))
    text = squash("".join(page_texts()[start:end]))
    for heading in ("l=L=3", "l=2：δ⁽²⁾=(W⁽³⁾)ᵀδ⁽³⁾", "l=1：δ⁽¹⁾=(W⁽²⁾)ᵀδ⁽²⁾"):
        assert heading in text, f"ch3 prints no panel {heading!r}"


def test_download_menu_links_the_pdf():
    site = HTML / "book.pdf"
    assert site.is_file(), f"no {site}: tools/pdf.py copies the PDF into the site"
    digest = [hashlib.sha256(f.read_bytes()).hexdigest() for f in (site, PDF)]
    assert digest[0] == digest[1], f"{site} is not {PDF}"
    for doc in pages():
        page = (HTML / f"{doc}.html").read_text(encoding="utf-8")
        assert '<li data-bp-book-pdf><a href="../book.pdf"' in page, \
            f"{doc}: the download menu does not link book.pdf"
