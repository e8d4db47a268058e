"""A Sphinx extension: a page's Binder and Colab buttons open its reader notebook.

sphinx-book-theme builds each launch link from the page's source file,
book/<page>.ipynb, whose Markdown only the book build resolves. The readers
of Binder (JupyterLab) and Colab get notebooks/<page>.ipynb instead, the
same chapter with its MyST resolved (tools/reader.py). This hook runs after
the theme's (html-page-context, priority 501) and points the links of the
launch menu there, when that reader notebook exists; the buttons themselves
exist only when repository.url is set (tools/colab_cell.py --book-config).
Loaded from _config.yml (sphinx.local_extensions), like cjk_breaks.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

READER_DIR = "notebooks"     # tools/reader.py writes the reader notebooks here (its OUT)


def reader_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    name = f"{PurePosixPath(pagename).name}.ipynb"
    if not (Path(app.srcdir) / READER_DIR / name).is_file():
        return
    prefix = app.config.html_theme_options.get("path_to_docs", "").strip("/")
    prefix = f"{prefix}/" if prefix else ""
    source, reader = f"/{prefix}{pagename}.ipynb", f"/{prefix}{READER_DIR}/{name}"
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            url = button.get("url", "")
            if url.endswith(source):
                button["url"] = url.removesuffix(source) + reader


def setup(app):
    app.connect("html-page-context", reader_links, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
