"""What the browser tests share (Chromium's flags, path and local server are
tools/chromium.py's, shared with `make pdf`): the built book's folder,
opening a page with its console and requests recorded, and skipping (or, with
CI=true, failing) when there is no browser. The session fixtures that use it
(``browser``, ``server``, ``bases``) are in conftest.py.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field

import pytest
from conftest import BUILD

from tools.chromium import READY_JS

HTML = BUILD / "html"

CI = os.environ.get("CI", "").lower() == "true"

# --------------------------------------------------------------------------
# Browser, server
# --------------------------------------------------------------------------
def missing(reason: str):
    """Skip, or fail under CI=true, where the browser tests must run."""
    if CI:
        pytest.fail(f"{reason} -- CI=true, so this is a failure, not a skip "
                    "(.ci/run installs Debian's chromium)", pytrace=False)
    # shown in pytest's summary, at the line of the browser fixture that gave up
    warnings.warn(f"the browser tests are skipped: {reason}", stacklevel=2)
    pytest.skip(reason)


@dataclass
class Visit:
    url: str
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    outside: list = field(default_factory=list)
    info: dict = field(default_factory=dict)

    def assert_clean(self) -> None:
        """No uncaught exception, no console error, no request outside the site."""
        assert not self.page_errors and not self.console_errors, \
            f"{self.url}: errors while driving the page: {self.page_errors + self.console_errors}"
        assert not self.outside, f"{self.url}: requests outside the site: {self.outside}"


def inside_site(url: str, base: str) -> bool:
    """A request the site may make: its own files (http base or the
    _build/html folder on disk), or data the page already holds."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url.startswith(base)


# What the page checks read off the DOM in one go.
INFO_JS = """async () => {
  const out = {};
  const maths = [...document.querySelectorAll('.math')];
  out.maths = maths.length;
  out.untypeset = maths.filter(m => !m.querySelector('mjx-container'))
                       .map(m => m.textContent.trim().slice(0, 80)).slice(0, 5);
  out.mjx = document.querySelectorAll('mjx-container').length;
  // the reader's text: no code, no scripts, no typeset maths
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, mjx-container, .highlight, textarea')
       .forEach(e => e.remove());
  const text = clone.textContent;
  out.raw_tex = ['$$', '\\\\(', '\\\\[', '\\\\begin{', '\\\\frac']
      .filter(s => text.includes(s))
      .map(s => s + ' ... ' + text.slice(Math.max(0, text.indexOf(s) - 40), text.indexOf(s) + 60)
                                   .replace(/\\s+/g, ' '));
  const imgs = [...document.images];
  for (const img of imgs) {            // lazy images load only when asked
    if (img.loading === 'lazy') img.loading = 'eager';
  }
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  out.images = imgs.length;
  out.broken_images = imgs.filter(i => !(i.complete && i.naturalWidth > 0))
                          .map(i => (i.currentSrc || i.src).slice(0, 120));
  out.links = [...new Set([...document.querySelectorAll('a[href]')].map(a => a.href))];
  return out;
}"""


def open_page(browser, base: str, docname: str, **context_args):
    """A new context and page at docname, with its console, errors and
    requests recorded in a Visit; requests outside the site are aborted."""
    url = base + docname + ".html"
    visit = Visit(url)
    context = browser.new_context(**context_args)

    def route(r):
        if inside_site(r.request.url, base):
            r.continue_()
        else:
            if r.request.url not in visit.outside:
                visit.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(
        f"{m.text} [{m.location.get('url', '')}]"))
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
    page.on("request", lambda r: inside_site(r.url, base) or r.url in visit.outside
            or visit.outside.append(r.url))
    page.goto(url, wait_until="load")
    page.evaluate(READY_JS)
    return context, page, visit
