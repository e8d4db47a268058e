"""Tests of the built HTML book (_build/html): run them after `make book`.

`make test` builds the book first and then runs this file; on its own,
`.venv/bin/python -m pytest tests/test_book.py` skips if there is no build.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import BUILD

from bpcore.equations import EQUATIONS
from tools.toc import numbered_chapters, pages

ROOT = Path(__file__).resolve().parents[1]
HTML = BUILD / "html"

pytestmark = pytest.mark.skipif(
    not (HTML / "searchindex.js").is_file(),
    reason="the book is not built: run `make book` first (make test does)",
)


def page(docname: str) -> str:
    return (HTML / f"{docname}.html").read_text(encoding="utf8")


def built_chapters() -> dict[int, str]:
    return {n: d for n, d in numbered_chapters().items() if (HTML / f"{d}.html").is_file()}


def equation_labels():
    """The labels of bpcore.equations whose chapter is in the toc and built."""
    built = built_chapters()
    return [lab for lab, (num, _) in EQUATIONS.items() if int(num.split(".")[0]) in built]


EQ_RE = re.compile(
    r'<div class="math notranslate nohighlight" id="equation-(?P<label>[^"]+)">\s*'
    r'<span class="eqno">\((?P<number>[^)<]*)\)<a class="headerlink"[^>]*>[^<]*</a></span>'
    r'(?P<tex>.*?)</div>', re.S)


def equations_on(docname: str) -> dict[str, tuple[str, str]]:
    """{id: (printed number, LaTeX)} of the labelled display maths of a page.

    The id is the label as docutils writes it into the HTML: lower case."""
    return {m["label"]: (m["number"], html.unescape(m["tex"]).strip())
            for m in EQ_RE.finditer(page(docname))}


def html_id(label: str) -> str:
    return label.lower()


def test_equation_labels_stay_distinct_in_html():
    """HTML ids are lower case: two labels differing only in case would share
    an anchor (eq-delta-L vs eq-delta-l did, before the rename)."""
    ids = [html_id(label) for label in EQUATIONS]
    assert len(set(ids)) == len(ids)


def label_at(docname: str, anchor: str) -> str | None:
    """The bpcore.equations label whose equation is #equation-<anchor> on docname."""
    chapters = {d: n for n, d in built_chapters().items()}
    n = chapters.get(docname)
    for label, (number, _) in EQUATIONS.items():
        if n is not None and int(number.split(".")[0]) == n and html_id(label) == anchor:
            return label
    return None


def test_chapters_in_toc_are_built():
    chapters = numbered_chapters()
    assert chapters, "_toc.yml has no numbered part"
    assert chapters[1] == "book/ch1_forward"
    missing = [d for d in chapters.values() if not (HTML / f"{d}.html").is_file()]
    assert not missing, f"chapters listed in _toc.yml but not built: {missing}"


@pytest.mark.parametrize("label", equation_labels())
def test_equation_number_matches_bpcore(label):
    """Sphinx prints label's number as bpcore.equations does, on its chapter's page."""
    number, latex = EQUATIONS[label]
    docname = built_chapters()[int(number.split(".")[0])]
    eqs = equations_on(docname)
    assert html_id(label) in eqs, \
        f"{docname} has no equation labelled {label!r} (has {sorted(eqs)})"
    shown = eqs[html_id(label)][0]
    assert shown == number, f"{label} is printed as ({shown}), bpcore.equations says ({number})"


@pytest.mark.parametrize("label", equation_labels())
def test_equation_latex_matches_bpcore(label):
    """The formula on the page is the one the slider panels print (the page
    may follow it with a qualifier such as the range of l)."""
    number, latex = EQUATIONS[label]
    docname = built_chapters()[int(number.split(".")[0])]
    tex = equations_on(docname).get(html_id(label), ("", ""))[1]
    tex = tex.removeprefix(r"\[").removesuffix(r"\]")
    tex = re.sub(r"\\begin\{split\}|\\end\{split\}", "", tex)

    def squash(s: str) -> str:
        return re.sub(r"\s+", "", s).rstrip(".,")

    # the page may add a qualifier after the formula (", \qquad l = L-1, \dots, 1")
    assert squash(tex).startswith(squash(latex)), \
        f"{label}: page has {tex!r}, bpcore.equations has {latex!r}"


def test_equation_references_show_numbers():
    """Every {eq} reference to a known label prints that label's number."""
    refs = 0
    for d in [*built_chapters().values(), "book/intro"]:
        for m in re.finditer(r'<a class="reference internal" href="([^"#]*)#equation-([^"]+)">'
                             r'\(([^)<]*)\)</a>', page(d)):
            target, anchor, shown = m.groups()
            target_doc = ((Path(d).parent / target.removesuffix(".html")).as_posix()
                          if target else d)
            label = label_at(target_doc, anchor)
            assert label is not None, \
                f"{d}: reference to #equation-{anchor} on {target_doc}, not in bpcore.equations"
            refs += 1
            assert shown == EQUATIONS[label][0], f"{d}: reference to {label} shows ({shown})"
    assert refs > 0


def test_chapters_label_only_their_equations_of_the_table():
    """Labelled equations of the chapters are exactly those of the table,
    so the numbers the widgets print cannot be shifted by an extra label."""
    for n, d in built_chapters().items():
        known = {html_id(lab) for lab, (num, _) in EQUATIONS.items()
                 if int(num.split(".")[0]) == n}
        extra = [lab for lab in equations_on(d) if lab not in known]
        assert not extra, f"{d} labels equations that bpcore.equations does not know: {extra}"


def search_index() -> dict:
    text = (HTML / "searchindex.js").read_text(encoding="utf8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def test_search_is_chinese_and_segmented():
    idx = search_index()
    ch1 = idx["docnames"].index("book/ch1_forward")
    opts = (HTML / "_static" / "documentation_options.js").read_text(encoding="utf8")
    assert "zh" in opts.lower()

    def docs(term):
        """Pages found for term (Sphinx files a word under titleterms
        instead of terms when it is also in a heading of that page)."""
        found = set()
        for table in ("terms", "titleterms"):
            v = idx[table].get(term, [])
            found |= {v} if isinstance(v, int) else set(v)
        return found

    # words that jieba cuts out of running Chinese text (no spaces around them)
    for word in ("神经元", "激活", "权重", "损失"):
        assert ch1 in docs(word), f"search cannot find {word!r} in chapter 1"
    # the book's compound terms are whole index words too (jieba user
    # dictionary book/_static/jieba_userdict.txt), next to their parts
    for word in ("正向传播", "正向", "传播", "损失函数"):
        assert ch1 in docs(word), f"search cannot find {word!r} in chapter 1"
    assert docs("反向传播"), "search cannot find 反向传播 anywhere"
    # the whole sentence is not one token: the text was segmented
    assert not any(len(t) > 12 and re.search(r"[\u4e00-\u9fff]{12}", t) for t in idx["terms"])


def test_launch_buttons_follow_the_repository_url():
    """The GitHub, Binder and Colab buttons of this build are those of
    `repository.url` in _config.yml: none on any page while it is "", each
    built from it when it is set (tests/test_colab.py checks the opposite
    setting on a second build)."""
    from test_colab import BRANCH, URL, launch_problems

    problems = launch_problems(HTML, URL, BRANCH)
    assert not problems, "\n".join(problems[:20])


def test_page_language_is_chinese():
    assert re.search(r'<html[^>]*lang="zh[-_]CN"', page("book/intro"))


def test_forward_slider_is_embedded_with_its_links():
    """Chapter 1's slider works without a kernel: its widget state (Stack,
    IntSlider, Play and the jslinks between them) is in the page."""
    text = page("book/ch1_forward")
    m = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
                  text, re.S)
    assert m, "no widget state in chapter 1: was the notebook executed?"
    state = json.loads(m.group(1))["state"]
    models = {v["model_name"] for v in state.values()}
    assert {"StackModel", "IntSliderModel", "PlayModel", "LinkModel"} <= models
    stacks = [v for v in state.values() if v["model_name"] == "StackModel"]
    assert any(len(s["state"]["children"]) >= 3 for s in stacks)


def test_glue_pasted_everywhere():
    for d in ["book/intro", *built_chapters().values()]:
        text = page(d)
        assert "{glue" not in text, f"{d}: an unpasted glue role"
        assert "pasted" in text or d == "book/intro"


def test_bibliography_lists_the_four_sources():
    text = page("book/references")
    for needle in ("Rumelhart", "Nielsen", "Goodfellow", "LeCun"):
        assert needle in text


# An alt that says nothing: empty, a file name or type, matplotlib's repr of a
# figure ("<Figure size 640x480 with 1 Axes>"), a word such as "figure".
EMPTY_ALT = re.compile(r"\s*(|<Figure size.*|.*\.(png|svg|jpe?g|gif)|png|svg|image|img|figure|"
                       r"图|图片|plot|chart|alt|alt text|picture)\s*", re.I | re.S)


def images_of(text: str) -> list[tuple[str, str | None, str]]:
    """(src, alt or None, where) of every <img> a reader of the page gets: in
    the HTML, and in the HTML of the saved widget state (the panels that the
    widget manager draws in the browser)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    found = [(i.get("src", ""), i.get("alt"), "page") for i in soup.find_all("img")]
    for script in soup.find_all("script", type="application/vnd.jupyter.widget-state+json"):
        for model_id, model in json.loads(script.string)["state"].items():
            value = model.get("state", {}).get("value")
            if isinstance(value, str) and "<img" in value:
                found += [(i.get("src", ""), i.get("alt"), f"widget {model_id}")
                          for i in BeautifulSoup(value, "html.parser").find_all("img")]
    return found


def built_html_files() -> list[Path]:
    return sorted(HTML.rglob("*.html"))


def test_every_image_has_a_meaningful_alt():
    """No <img> of the built site (pages, theme, widget panels) lacks alt
    text or has one that says nothing."""
    bad = []
    for path in built_html_files():
        for src, alt, where in images_of(path.read_text(encoding="utf8")):
            if alt is None or EMPTY_ALT.fullmatch(alt):
                bad.append(f"{path.relative_to(HTML)} ({where}): {src[:60]} alt={alt!r}")
    assert not bad, "images without a meaningful alt:\n" + "\n".join(bad[:20])


def test_figures_alt_text_is_chinese_and_distinct():
    """Every figure of the book (the chapters' matplotlib figures and the
    panels' pictures) describes itself in Chinese, and no two different
    figures of a page share an alt: each says what it shows."""
    for d in pages():
        seen: dict[str, str] = {}
        for src, alt, where in images_of(page(d)):
            if not (src.startswith("data:") or "_images/" in src):
                continue                      # the theme's logos and launch icons
            assert alt and re.search(r"[\u4e00-\u9fff]", alt) and len(alt) > 10, \
                f"{d} ({where}): a figure whose alt is not a Chinese description: {alt!r}"
            other = seen.setdefault(alt, src)
            assert other == src, f"{d}: two different figures share the alt {alt[:80]!r}"


def test_no_space_where_a_chinese_line_wraps():
    """tools/cjk_breaks.py: the source wraps paragraphs; a line break between
    two Chinese characters must not reach the page, where it shows as a space."""
    from bs4 import BeautifulSoup

    from tools.cjk_breaks import CJK

    wrap = re.compile(rf".{{0,12}}[{CJK}][ \t]*\n[ \t]*[{CJK}].{{0,12}}")
    for d in pages():
        soup = BeautifulSoup(page(d), "html.parser")
        found = [m for p in soup.select("main p") for m in wrap.findall(p.get_text())]
        assert not found, f"{d}: line breaks inside Chinese text: {found[:3]}"
