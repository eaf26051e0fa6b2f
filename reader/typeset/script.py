"""Simplified ⇄ traditional display (the reader's 简繁 toggle, ``F``).

Display only: the content files and the search index keep the text as printed
(search folds both scripts anyway, see :mod:`reader.search.fold`), and ``y``
copies the printed text, so a quotation is the paper's own.

Which OpenCC configurations: ``s2tw`` and ``tw2s``, character conversions only.
Not ``s2twp``: the phrase configurations swap vocabulary (软件 → 軟體, 信息 → 資訊),
which is translation, not a change of script. Not the plain ``s2t`` either: it
writes OpenCC's own dictionary forms (爲, 着, 裏), which neither Taiwan nor Hong
Kong prints; ``s2tw`` gives the forms readers of traditional text see every
day (為, 著, 裡), and ``tw2s`` reads them back correctly (著力 → 着力, where
``t2s`` leaves 著). Both still use phrases to choose a character (头发 → 頭髮,
发展 → 發展); OpenCC's phrase segmentation is not perfect (好干部 → 好乾部).

Offsets survive: a text whose conversion changes its length (a rare phrase
rule) is converted again character by character, so a search match or a saved
reading place (paragraph, offset) means the same in both scripts.

Building a converter reads OpenCC's dictionaries (~100 ms the first time):
:func:`load_converter` belongs in a worker; :func:`converter_ready` says whether
the UI thread may call :func:`convert` without waiting.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from reader.model import Article, Byline

#: Display script → OpenCC configuration ("original" converts nothing).
CONFIGS = {"traditional": "s2tw", "simplified": "tw2s"}

_converters: dict[str, Any] = {}
_lock = threading.Lock()
#: Per-character conversions, for texts whose whole conversion changed length.
_by_char: dict[tuple[str, str], str] = {}


def converter_ready(script: str) -> bool:
    """Whether converting to ``script`` needs no dictionary loading (always true for original)."""
    return script not in CONFIGS or script in _converters


def load_converter(script: str) -> Any:
    """The OpenCC converter for ``script``, built once (slow the first time: call in a worker)."""
    converter = _converters.get(script)
    if converter is None:
        with _lock:
            converter = _converters.get(script)
            if converter is None:
                import opencc  # lazily: OpenCC loads its dictionaries on construction

                converter = opencc.OpenCC(CONFIGS[script])
                _converters[script] = converter
    return converter


def convert(text: str, script: str) -> str:
    """``text`` in ``script`` ("original" returns it unchanged), always of the same length."""
    if script not in CONFIGS or not text or text.isascii():
        return text
    converter = load_converter(script)
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_char(converter, script, char) for char in text)


def _char(converter: Any, script: str, char: str) -> str:
    key = (script, char)
    found = _by_char.get(key)
    if found is None:
        found = converter.convert(char)
        found = found if len(found) == 1 else char
        _by_char[key] = found
    return found


def convert_article(article: Article, script: str) -> Article:
    """``article`` as shown in ``script``: every text a reader sees, never its id, url or extra."""
    if script not in CONFIGS:
        return article

    def c(text: str | None) -> str | None:
        return convert(text, script) if text else text

    page = article.page
    return replace(
        article,
        title=convert(article.title, script),
        paragraphs=tuple(convert(p, script) for p in article.paragraphs),
        section=c(article.section),
        kicker=c(article.kicker),
        subtitle=c(article.subtitle),
        dateline=c(article.dateline),
        byline=tuple(
            Byline(convert(b.role, script), convert(b.name, script)) for b in article.byline
        ),
        page=replace(page, paper=c(page.paper), name=c(page.name)),
        source=c(article.source),
    )


def has_traditional(text: str) -> bool:
    """Whether ``text`` has traditional characters (so the useful toggle is to simplified)."""
    return convert(text, "simplified") != text


__all__ = [
    "CONFIGS",
    "convert",
    "convert_article",
    "converter_ready",
    "load_converter",
    "has_traditional",
]
