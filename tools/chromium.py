"""Debian's Chromium as the book's tools and tests drive it (Playwright):
its flags, where it is, a quiet local server for the built site, and the
wait for a page to be ready (``make pdf`` and tests/browser_kit.py).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

# No sandbox (root), none of Chromium's own background traffic, and the
# network cut for the page too: any host but 127.0.0.1 fails to resolve.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# Waits for what a reader waits for: every widget view drawn by embed.js
# (it replaces each view <script> by a .widget-subarea), MathJax done, every
# image (the print frames' panels too) decoded, the fonts loaded.
READY_JS = """async () => {
  const views = () => document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length;
  const shown = () => document.querySelectorAll('.widget-subarea > *').length;
  for (let t = 0; t < 400 && shown() < views(); t++)
    await new Promise(r => setTimeout(r, 50));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise)
    await MathJax.startup.promise;
  const imgs = [...document.images];
  imgs.forEach(i => { if (i.loading === 'lazy') i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  await document.fonts.ready;
  return {views: views(), shown: shown(),
          untypeset: [...document.querySelectorAll('.math')]
                       .filter(m => !m.querySelector('mjx-container')).length};
}"""


def chromium_path() -> str | None:
    """$CHROMIUM, or Debian's /usr/bin/chromium, or one on the PATH; None if none."""
    for c in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
              shutil.which("chromium-browser")):
        if c and os.access(c, os.X_OK):
            return c
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """``folder`` on http://127.0.0.1:<free port>/ in a thread: (server, base URL).
    Stop it with ``server.shutdown(); server.server_close()``."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
