"""The whole book as one PDF per edition: ``make pdf`` (after ``make book``).

    .venv/bin/python -m tools.pdf [BUILD] [--edition zh|en]
    # default: _build, both editions:
    #   _build/html    -> _build/pdf/book.pdf     (Chinese)
    #   _build/html/en -> _build/pdf/book-en.pdf  (English)

Offline, from the built HTML book: each page of the table of contents
(tools.toc.pages(), reading order) is opened in Debian's Chromium (driven by
Playwright, as the browser tests drive it) with print media, so that every
slider shows its small multiples (_static/widgets.css, @media print), MathJax
has typeset every equation with its number and the widgets are drawn; then it
is printed to A4. The pieces are joined with pypdf behind a cover and a table
of contents (printed by the same Chromium), with

- bookmarks: part > chapter > section, from the pages' own headings;
- page numbers and the chapter's title in the running header (one overlay
  page per page, also printed by Chromium: Chromium's own footer would count
  from 1 again in every chapter), and page labels i, ii, ... / 1, 2, ... so a
  reader's "go to page" agrees with the printed number;
- links between chapters (and the table of contents' entries) turned into
  links inside the PDF: Chromium writes a link to another page of the site as
  a web address on the local server, which would be dead in the PDF.

Both editions go through the same code (README "Two editions"): the
English one is printed from _build/html/en, and its front matter (title,
author, part captions) comes from the English edition's own _config.yml and
_toc.yml that tools/i18n.py wrote to _build/en/src; the few fixed words of the
cover and the contents are in EDITIONS.

Finally each PDF is copied into its edition's HTML folder as book.pdf and the
download menu's "whole book" entry (_templates/article-header-buttons.html,
hidden until then) is shown on every page of that edition.

Needs: /usr/bin/chromium (or $CHROMIUM), a Chinese font (fonts-wqy-microhei),
pypdf and playwright (requirements.txt). Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import html
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    Fit,
    FloatObject,
    NameObject,
    NullObject,
    TextStringObject,
)

from tools.chromium import CHROMIUM_ARGS, READY_JS, chromium_path, serve
from tools.toc import ROOT, site_map
from tools.toc import pages as toc_pages

__all__ = ["EDITIONS", "Edition", "build", "main"]

PAGES_AT_ONCE = 2            # pages loading and printing at the same time (2 cores)
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
SCALE = 0.9                  # the HTML's 16 px text at ~10.8 pt: matrices fit the A4 column

# The print view of a page of the book, on top of the theme's print styles:
# the page's own little table of contents and title block (.onlyprint: the
# book has one contents, and the chapter's numbered h1 comes back instead),
# the navigation and the "#" of each heading go.
PRINT_CSS = """
@media print {
  .onlyprint, .prev-next-area, .bd-footer, .bd-footer-content, .bd-footer-article,
  .headerlink, .bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary,
  .copybtn { display: none !important; }
  .bd-main .bd-content .bd-article-container { max-width: 100% !important; }
  /* the theme prints the title from .onlyprint and hides the page's h1 */
  .bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
  /* out of the flow: in it, the box would push a full last page's end onto a blank one */
  #bp-pdf-anchors { position: absolute; top: 0; left: 0; width: 1px; height: 1px;
                    overflow: hidden; }
  #bp-pdf-anchors a { display: inline-block; width: 1px; height: 1px; }
}
"""

# The page's headings (chapter h1, section h2, subsection h3) with the id of
# their section; and one 1-px same-page link to every id in the article, so
# that Chromium writes a named destination for each (it writes them only for
# the targets of links inside the page), which the links from other chapters
# are resolved against.
HEADINGS_JS = """() => {
  const article = document.querySelector('article.bd-article') || document.body;
  // a formula in a heading as plain text from MathJax's MathML: \\hat{y} -> ŷ
  const ACCENT = {'^': '\u0302', 'ˆ': '\u0302', '~': '\u0303', '˜': '\u0303',
                  '¯': '\u0304', '→': '\u20d7', '˙': '\u0307', '¨': '\u0308'};
  const plain = n => {
    if (n.nodeType === 3) return n.textContent;
    const kids = [...n.children];
    if (n.localName === 'mover' && kids.length === 2 && ACCENT[kids[1].textContent.trim()])
      return plain(kids[0]) + ACCENT[kids[1].textContent.trim()];
    if (n.localName === 'mo' && n.textContent.trim() === ',') return ', ';
    return [...n.childNodes].map(plain).join('');
  };
  const heads = [...article.querySelectorAll('h1, h2, h3')].map(h => {
    const c = h.cloneNode(true);
    c.querySelectorAll('.headerlink').forEach(e => e.remove());
    c.querySelectorAll('mjx-container').forEach(m => {
      const math = m.querySelector('math');
      m.replaceWith(math ? plain(math) : m.textContent);
    });
    const sec = h.closest('section');
    return {level: +h.tagName[1], title: c.textContent.replace(/\\s+/g, ' ').trim(),
            id: (sec && sec.id) || h.id || ''};
  }).filter(h => h.title);
  const ids = [...article.querySelectorAll('[id]')]
      .filter(e => !e.closest('.widget-subarea, mjx-container, .cell_output script'))
      .map(e => e.id);
  const box = document.createElement('div');
  box.id = 'bp-pdf-anchors';
  for (const id of new Set(ids)) {
    const a = document.createElement('a');
    a.href = '#' + encodeURIComponent(id);
    box.appendChild(a);
  }
  article.appendChild(box);
  return heads;
}"""


@dataclass(frozen=True)
class Edition:
    """One edition of the built book (BUILD = _build) and its PDF."""
    name: str
    folder: str          # the edition's folder in the site BUILD/html: "" or "en/"
    source: str          # the folder of its _config.yml and _toc.yml: BUILD/<source>, or
                         # the repository's own when ""
    pdf: str             # its PDF in BUILD/pdf
    lang: str            # the front matter's language, font and fixed words
    font: str
    subtitle: str
    contents: str

    def html(self, build: Path) -> Path:
        return build / "html" / self.folder

    def config_dir(self, build: Path) -> Path:
        return build / self.source if self.source else ROOT

    def out(self, build: Path) -> Path:
        return build / "pdf" / self.pdf


# The two editions, as `make book` builds them (README "Two editions"): the
# Chinese one from the repository's sources into the site's root, the English
# one from the sources tools/i18n.py writes (_build/en/src) into en/.
EDITIONS = {
    "zh": Edition("zh", folder="", source="", pdf="book.pdf", lang="zh-CN",
                  font="'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
                  subtitle="全书 PDF 版 · 交互部件以小图展示", contents="目录"),
    "en": Edition("en", folder="en/", source="en/src", pdf="book-en.pdf", lang="en",
                  # the pages' own font (the theme's Arial, i.e. Liberation Sans)
                  font="Arial, 'Liberation Sans', 'WenQuanYi Micro Hei', sans-serif",
                  subtitle="The whole book as one PDF · interactive widgets as small multiples",
                  contents="Contents"),
}


@dataclass
class Part:
    """One page of the book, printed on its own."""
    docname: str
    pdf: Path
    headings: list = field(default_factory=list)
    pages: int = 0
    start: int = 0           # index of its first page in the book
    dests: dict = field(default_factory=dict)   # id -> (page index in the part, top)

    @property
    def title(self) -> str:
        h1 = [h for h in self.headings if h["level"] == 1]
        return h1[0]["title"] if h1 else self.docname


def chromium() -> str:
    """Chromium's path, or stop with what to install."""
    return chromium_path() or sys.exit("make pdf: no Chromium (/usr/bin/chromium or $CHROMIUM): "
                                       "apt-get install chromium fonts-wqy-microhei")


def book_meta(config_dir: Path) -> dict:
    """Title, author and copyright from the edition's _config.yml."""
    cfg = yaml.safe_load((config_dir / "_config.yml").read_text(encoding="utf-8"))
    return {"title": cfg.get("title", ""), "author": cfg.get("author", ""),
            "copyright": str(cfg.get("copyright", ""))}


def part_captions(config_dir: Path) -> dict[str, str]:
    """{docname of a part's first page: the part's caption}, from the
    edition's _toc.yml."""
    site = site_map(config_dir / "_toc.yml")
    out = {}
    for tree in site[site.root.docname].subtrees:
        items = [str(i) for i in tree.items]
        if tree.caption and items:
            out[re.sub(r"\.(ipynb|md|rst)$", "", items[0])] = tree.caption
    return out


# --------------------------------------------------------------------------
# Printing with Chromium
# --------------------------------------------------------------------------
async def print_pages(parts: list[Part], base: str, front_html, front_pdf: Path,
                      overlay) -> None:
    """Every part to its PDF (its page count and first page in the book,
    ``start``, read back); then the cover + contents and the overlay, which
    need them (front_html(parts) and overlay(parts, front_pages) return
    their HTML)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = await browser.new_context()

        async def outside(route):     # offline: only the local server
            if route.request.url.startswith((base, "data:", "blob:")):
                await route.continue_()
            else:
                await route.abort()

        await context.route("**/*", outside)
        gate = asyncio.Semaphore(PAGES_AT_ONCE)

        async def one(part: Part):
            async with gate:
                page = await context.new_page()
                await page.emulate_media(media="print")
                await page.goto(base + part.docname + ".html", wait_until="load")
                ready = await page.evaluate(READY_JS)
                if ready["shown"] < ready["views"] or ready["untypeset"]:
                    raise SystemExit(f"make pdf: {part.docname} not ready: {ready}")
                await page.add_style_tag(content=PRINT_CSS)
                part.headings = await page.evaluate(HEADINGS_JS)
                await page.pdf(path=str(part.pdf), format="A4", margin=MARGIN, scale=SCALE,
                               print_background=True, prefer_css_page_size=False)
                await page.close()

        await asyncio.gather(*(one(p) for p in parts))
        start = 0
        for p in parts:
            read_part(p)
            p.start, start = start, start + p.pages

        page = await context.new_page()

        async def show(html_text: str) -> None:
            # served from the site's own address: the logo loads, links resolve
            url = base + "bp-pdf-generated.html"
            await page.route(url, lambda r: r.fulfill(
                body=html_text, content_type="text/html; charset=utf-8"))
            await page.goto(url, wait_until="load")
            await page.unroute(url)
            await page.evaluate("document.fonts.ready.then(() => 0)")

        await show(front_html(parts))
        await page.pdf(path=str(front_pdf), format="A4", print_background=True,
                       margin={"top": "25mm", "bottom": "20mm", "left": "25mm", "right": "25mm"})
        front_pages = len(PdfReader(front_pdf).pages)
        await show(overlay(parts, front_pages))
        await page.pdf(path=str(front_pdf.with_name("overlay.pdf")), format="A4",
                       margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
        await browser.close()


def read_part(part: Part) -> None:
    reader = PdfReader(part.pdf)
    part.pages = len(reader.pages)
    for name, dest in reader.named_destinations.items():
        try:
            n = reader.get_destination_page_number(dest)
        except Exception:       # a destination on no page: not a link target
            continue
        top = dest.get("/Top")
        part.dests[unquote(name.lstrip("/"))] = (n, None if top is None else float(top))


# --------------------------------------------------------------------------
# The cover, the table of contents and the page-number overlay
# --------------------------------------------------------------------------
FRONT_CSS = """
body { color: #222; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center;
         text-align: center; break-after: page; }
.cover img { width: 45mm; margin: 0 auto 14mm; }
.cover h1 { font-size: 27pt; line-height: 1.4; margin: 0 0 10mm; }
.cover .sub { font-size: 13pt; color: #555; }
.cover .who { font-size: 13pt; margin-top: 22mm; }
.toc h1 { font-size: 20pt; margin: 0 0 8mm; }
.toc .part { font-weight: bold; font-size: 12.5pt; margin: 6mm 0 2mm; color: #444; }
.toc a { display: flex; align-items: baseline; color: #222; text-decoration: none;
         font-size: 11pt; line-height: 1.7; break-inside: avoid; }
.toc a.l1 { font-weight: bold; margin-top: 2mm; }
.toc a.l2 { padding-left: 8mm; font-size: 10pt; }
.toc a .dots { flex: 1; border-bottom: 0.3mm dotted #999; margin: 0 2mm; }
"""


def front_html(edition: Edition, meta: dict, captions: dict[str, str], base: str,
               parts: list[Part]) -> str:
    """The cover and the table of contents of the printed parts."""
    e = html.escape
    rows = []
    for p in parts:
        if p.docname in captions:
            rows.append(f'<div class="part">{e(captions[p.docname])}</div>')
        for h in p.headings:
            if h["level"] > 2:
                continue
            n, _ = p.dests.get(h["id"], (0, None)) if h["level"] > 1 else (0, None)
            target = base + p.docname + ".html" + ("#" + h["id"] if h["level"] > 1 else "")
            rows.append(f'<a class="l{h["level"]}" href="{e(target)}"><span>{e(h["title"])}'
                        f'</span><span class="dots"></span><span>{p.start + n + 1}</span></a>')
    return (f'<!doctype html><html lang="{edition.lang}"><head><meta charset="utf-8">'
            f'<style>{FRONT_CSS} body {{ font-family: {edition.font}; }}</style></head><body>'
            f'<section class="cover"><img src="{base}_static/logo.svg" alt="">'
            f'<h1>{e(meta["title"])}</h1>'
            f'<div class="sub">{e(edition.subtitle)}</div>'
            f'<div class="who">{e(meta["author"])}<br>{e(meta["copyright"])}</div></section>'
            f'<section class="toc"><h1>{e(edition.contents)}</h1>{"".join(rows)}</section>'
            f'</body></html>')


OVERLAY_CSS = """
@page { size: A4; margin: 0; }
body { margin: 0; color: #666; }
.p { position: relative; width: 210mm; height: 297mm; break-after: page; overflow: hidden; }
.h { position: absolute; top: 9mm; left: 16mm; right: 16mm; font-size: 8pt;
     border-bottom: 0.2mm solid #bbb; padding-bottom: 1mm; text-align: right;
     white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.n { position: absolute; bottom: 8mm; left: 0; right: 0; text-align: center; font-size: 9pt; }
"""


def roman(n: int) -> str:
    out = ""
    for v, s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + s, n - v
    return out


def overlay_html(edition: Edition, parts: list[Part], front_pages: int) -> str:
    """One A4 page per page of the book: the printed page number (none on
    the cover, i, ii ... on the contents, 1, 2 ... from the first chapter) and
    the chapter's title at the top of every chapter page but its first."""
    e = html.escape
    pages = ['<div class="p"></div>']
    pages += [f'<div class="p"><div class="n">{roman(i)}</div></div>'
              for i in range(1, front_pages)]
    for p in parts:
        for k in range(p.pages):
            head = f'<div class="h">{e(p.title)}</div>' if k else ""
            pages.append(f'<div class="p">{head}<div class="n">{p.start + k + 1}</div></div>')
    return (f'<!doctype html><html lang="{edition.lang}"><head><meta charset="utf-8">'
            f'<style>{OVERLAY_CSS} body {{ font-family: {edition.font}; }}</style></head>'
            f'<body>{"".join(pages)}</body></html>')


# --------------------------------------------------------------------------
# Joining
# --------------------------------------------------------------------------
def link_target(uri: str, base: str, by_doc: dict[str, Part], front: int):
    """(page index in the book, top or None) of a link to a page of the site,
    or None for a link that leaves the book (base: the edition's address)."""
    if not uri.startswith(base):
        return None
    u = urlsplit(uri[len(base):])
    doc = re.sub(r"\.html$", "", unquote(u.path))
    part = by_doc.get(doc)
    if part is None:
        return None
    n, top = part.dests.get(unquote(u.fragment), (0, None)) if u.fragment else (0, None)
    return front + part.start + n, top


def fix_links(writer: PdfWriter, first: int, last: int, base: str,
              by_doc: dict[str, Part], front: int, own: Part | None) -> None:
    """The link annotations of pages first..last-1: a link to another page of
    the site becomes a link inside the book; a link to a named destination of
    its own part becomes an explicit one (names repeat across the parts); the
    1-px anchors of HEADINGS_JS and links that lead nowhere in the book but
    to the local server (the site's sources, the other edition) go."""
    server = urlsplit(base)._replace(path="/").geturl()
    for i in range(first, last):
        page = writer.pages[i]
        annots = page.get("/Annots")
        if not annots:
            continue
        keep = ArrayObject()
        for ref in annots:
            a = ref.get_object()
            if a.get("/Subtype") != "/Link":
                keep.append(ref)
                continue
            rect = [float(x) for x in a["/Rect"]]
            if abs(rect[2] - rect[0]) < 2 and abs(rect[3] - rect[1]) < 2:
                continue                       # an anchor of HEADINGS_JS
            action = a.get("/A")
            action = action.get_object() if action is not None else None
            dest = a.get("/Dest")
            target = None
            if action is not None and action.get("/S") == "/URI":
                uri = str(action["/URI"])
                if uri.startswith(server):
                    target = link_target(uri, base, by_doc, front)
                    if target is None:
                        continue               # e.g. _sources/: not in the book
                else:
                    keep.append(ref)           # a link to the web stays
                    continue
            else:
                name = dest if dest is not None else (action or {}).get("/D")
                if own is not None and name is not None and not isinstance(name, ArrayObject):
                    n, top = own.dests.get(unquote(str(name).lstrip("/")), (0, None))
                    target = (front + own.start + n, top)
            if target is None:
                keep.append(ref)
                continue
            n, top = target
            d = ArrayObject([writer.pages[n].indirect_reference, NameObject("/XYZ"),
                             NullObject(), FloatObject(top) if top is not None else NullObject(),
                             NullObject()])
            for k in ("/A", "/Dest"):
                if k in a:
                    del a[k]
            a[NameObject("/Dest")] = d
            keep.append(ref)
        page[NameObject("/Annots")] = keep


def join(parts: list[Part], front_pdf: Path, overlay_pdf: Path, out: Path, base: str,
         edition: Edition, meta: dict, captions: dict[str, str]) -> dict:
    writer = PdfWriter()
    front = PdfReader(front_pdf)
    for pg in front.pages:
        writer.add_page(pg)
    n_front = len(front.pages)
    ranges = []
    for p in parts:
        first = len(writer.pages)
        for pg in PdfReader(p.pdf).pages:
            writer.add_page(pg)
        ranges.append((first, len(writer.pages), p))
    by_doc = {p.docname: p for p in parts}
    fix_links(writer, 0, n_front, base, by_doc, n_front, None)
    for first, last, p in ranges:
        fix_links(writer, first, last, base, by_doc, n_front, p)
    overlay = PdfReader(overlay_pdf)
    for pg, ov in zip(writer.pages, overlay.pages, strict=True):
        pg.merge_page(ov)

    # page labels as printed; bookmarks part > chapter > section
    writer.set_page_label(0, n_front - 1, style="/r")
    writer.set_page_label(n_front, len(writer.pages) - 1, style="/D")
    writer.add_outline_item(title=edition.contents, page_number=1 if n_front > 1 else 0)
    part_item = None
    for p in parts:
        if p.docname in captions:
            part_item = writer.add_outline_item(title=captions[p.docname],
                                                page_number=n_front + p.start, bold=True)
        chapter = writer.add_outline_item(title=p.title, page_number=n_front + p.start,
                                          parent=part_item, is_open=False)
        section = None
        for h in p.headings:
            if h["level"] == 1:
                continue
            n, top = p.dests.get(h["id"], (0, None))
            parent = chapter if h["level"] == 2 or section is None else section
            item = writer.add_outline_item(title=h["title"], page_number=n_front + p.start + n,
                                           parent=parent, is_open=False,
                                           fit=Fit.xyz(top=top) if top is not None else Fit.fit())
            if h["level"] == 2:
                section = item
    writer.page_mode = "/UseOutlines"
    writer.root_object[NameObject("/Lang")] = TextStringObject(edition.lang)  # screen readers
    writer.add_metadata({"/Title": meta["title"], "/Author": meta["author"],
                         "/Creator": "tools/pdf.py (Chromium, pypdf)"})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        writer.write(f)
    return {"pages": len(writer.pages), "front": n_front}


# --------------------------------------------------------------------------
# The site's download menu
# --------------------------------------------------------------------------
def publish(pdf: Path, html_dir: Path, skip: tuple[str, ...] = ()) -> int:
    """The PDF as book.pdf into the edition's folder of the site, and the
    download menu's entry for it shown on every page of the edition:
    _templates/article-header-buttons.html writes it hidden and with no href
    (a book built without `make pdf` has no dead link) and points it at the
    edition's own book.pdf. ``skip``: the folders of html_dir that hold
    another edition (en/ in the Chinese site). Returns the number of pages
    changed."""
    shutil.copyfile(pdf, html_dir / "book.pdf")
    changed = 0
    for f in html_dir.rglob("*.html"):
        if f.relative_to(html_dir).as_posix().startswith(skip):
            continue
        text = f.read_text(encoding="utf-8")
        new = (text.replace("<li data-bp-book-pdf hidden>", "<li data-bp-book-pdf>")
                   .replace("<a data-bp-pdf-href=", "<a href="))
        if new != text:
            f.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def build(edition: Edition, build_dir: Path) -> dict:
    """Print ``edition`` of the book built in ``build_dir`` (_build) to its PDF
    and publish it in the edition's site."""
    t0 = time.monotonic()
    html_dir, out, config_dir = (edition.html(build_dir), edition.out(build_dir),
                                 edition.config_dir(build_dir))
    for need in (html_dir / "index.html", config_dir / "_config.yml", config_dir / "_toc.yml"):
        if not need.is_file():
            sys.exit(f"make pdf: no {need} ({edition.name} edition): run `make book` first")
    docnames = toc_pages(config_dir / "_toc.yml")
    meta, captions = book_meta(config_dir), part_captions(config_dir)
    httpd, server = serve(build_dir / "html")
    base = server + edition.folder
    try:
        with tempfile.TemporaryDirectory(prefix="bp-pdf-") as tmp:
            tmp = Path(tmp)
            parts = [Part(d, tmp / f"{i:02d}.pdf") for i, d in enumerate(docnames)]
            asyncio.run(print_pages(parts, base,
                                    functools.partial(front_html, edition, meta, captions, base),
                                    tmp / "front.pdf", functools.partial(overlay_html, edition)))
            t1 = time.monotonic()
            info = join(parts, tmp / "front.pdf", tmp / "overlay.pdf", out, base,
                        edition, meta, captions)
    finally:
        httpd.shutdown()
        httpd.server_close()
    inside = tuple(e.folder for e in EDITIONS.values()
                   if e.folder != edition.folder and e.folder.startswith(edition.folder))
    info["pages_changed"] = publish(out, html_dir, skip=inside)
    info.update(seconds=round(time.monotonic() - t0, 1), print_seconds=round(t1 - t0, 1),
                size_mb=round(out.stat().st_size / 1e6, 1),
                chapters=[(p.title, p.start + 1, p.pages) for p in parts])
    return info


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", nargs="?", default=str(ROOT / "_build"),
                    help="the folder `make book` built into (default _build)")
    ap.add_argument("--edition", choices=sorted(EDITIONS), action="append",
                    help="only this edition (repeatable; default: every edition)")
    a = ap.parse_args(argv)
    for name in a.edition or EDITIONS:
        edition = EDITIONS[name]
        info = build(edition, Path(a.build).resolve())
        for title, first, n in info["chapters"]:
            print(f"  p. {first:>3}  {n:>3} pages  {title}")
        print(f"make pdf: {edition.out(Path(a.build))}: {info['pages']} pages "
              f"({info['front']} before chapter 1), {info['size_mb']} MB, {info['seconds']} s "
              f"(printing {info['print_seconds']} s)")


if __name__ == "__main__":
    main()
