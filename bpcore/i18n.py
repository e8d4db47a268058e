"""The words bpcore prints, in the book's two languages.

Every sentence that code puts on a page (a glued sentence, a widget label, a
panel title, an alt text, a live-region summary) is written once, in
Chinese, as a :meth:`str.format` template passed to :func:`t`; its English
is in :data:`bpcore.messages_en.EN`, the package's one catalogue::

    from bpcore.i18n import t
    t("第 {e} 轮", e=25)          # "第 25 轮", or "epoch 25" in English

The language is ``BPCORE_LANG`` (``zh`` when unset) or, in a live kernel,
:func:`set_language`. A Chinese template with no English raises
``KeyError`` in English (never a silent Chinese word in the English edition).

The book is executed once, in Chinese, for both editions. While the build
runs, ``BPCORE_I18N_RECORD`` names a folder: every call of :func:`t` then
also renders its English and appends the pair (Chinese text, English text)
to a file there, and ``tools/i18n.py`` translates the executed outputs of
the English edition with those pairs (a Chinese template with no English is
recorded with ``null`` and fails that step, naming the template).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .messages_en import EN

__all__ = ["LANGUAGES", "language", "set_language", "t", "listing"]

LANGUAGES = ("zh", "en")

_language = os.environ.get("BPCORE_LANG", "zh")
_recorded: set[tuple[str, str | None]] = set()


def language() -> str:
    """The language :func:`t` writes: ``"zh"`` or ``"en"``."""
    return _language


def set_language(lang: str) -> None:
    """Switch the words of code output (widgets, glued sentences) in a live
    kernel: ``bp.set_language("en")``. Only outputs made afterwards change."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _language = lang


def _english(zh: str, args: dict) -> str | None:
    """The English of template ``zh`` rendered with ``args``, or None if the
    catalogue lacks it."""
    en = EN.get(zh)
    return None if en is None else en.format(**args)


def _record(folder: str, zh_text: str, en_text: str | None, template: str) -> None:
    """Append one (Chinese, English) pair to this process's file in
    ``folder`` (``BPCORE_I18N_RECORD``; each pair once per process)."""
    if (zh_text, en_text) in _recorded:
        return
    _recorded.add((zh_text, en_text))
    path = Path(folder) / f"pairs-{os.getpid()}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"zh": zh_text, "en": en_text, "template": template},
                           ensure_ascii=False) + "\n")


def t(zh: str, /, **args) -> str:
    """Template ``zh`` (Chinese, ``str.format`` fields) rendered with
    ``args`` in the current language."""
    zh_text = zh.format(**args)
    recording = os.environ.get("BPCORE_I18N_RECORD")
    if _language == "zh" and not recording:
        return zh_text
    en_text = _english(zh, args)
    if recording:
        _record(recording, zh_text, en_text, zh)
    if _language == "zh":
        return zh_text
    if en_text is None:
        raise KeyError(f"no English for {zh!r}: add it to bpcore/messages_en.py")
    return en_text


def listing(items: Iterable, *, style: str = "list") -> str:
    """``items`` joined as a list in the current language, each join a
    template of :func:`t`: ``style="list"`` gives "1, 2, 4" in English,
    ``"and"`` "1, 2 and 4", ``"clauses"`` "a; b" (and the same in Chinese,
    with Chinese punctuation)."""
    if style not in ("list", "and", "clauses"):
        raise ValueError(f"unknown style {style!r}: choose list, and or clauses")
    items = [str(x) for x in items]
    if not items:
        raise ValueError("listing() needs at least one item")
    text = items[0]
    for k, item in enumerate(items[1:], start=2):
        if style == "clauses":
            text = t("{items}；{item}", items=text, item=item)
        elif style == "and" and k == len(items):
            text = t("{items} 和 {item}", items=text, item=item)
        else:
            text = t("{items}、{item}", items=text, item=item)
    return text
