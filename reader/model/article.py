"""Articles and their bylines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class ArticleKind(StrEnum):
    """What an item on a page is. Real pages carry more than news stories."""

    ARTICLE = "article"  # 消息、通讯: the ordinary story
    PHOTO = "photo"  # 图片新闻: a photo with its caption and credit
    BRIEF = "brief"  # 简讯: a short item, often without a headline of its own
    EDITORIAL = "editorial"  # 社论、评论员文章
    COMMENTARY = "commentary"  # 评论、言论、署名文章
    INTERVIEW = "interview"  # 访谈、专访
    NOTICE = "notice"  # 公告、启事


ARTICLE_KINDS: frozenset[str] = frozenset(kind.value for kind in ArticleKind)


@dataclass(frozen=True, slots=True)
class Byline:
    """One credited person, with the role as printed (记者, 通讯员, 实习生, 摄影 …)."""

    role: str
    name: str


@dataclass(frozen=True, slots=True)
class PageRef:
    """Where an article was printed. Any part may be unknown (None): never guessed."""

    paper: str | None = None
    date: dt.date | None = None
    number: int | None = None
    name: str | None = None
    #: The printed page as a PDF (a URL), when the archive links one.
    pdf: str | None = None

    def sort_key(self) -> tuple[bool, str, bool, dt.date, bool, int, str]:
        """Reading order of pages: paper, date (oldest first), number; unknowns last."""
        return (
            self.paper is None,
            self.paper or "",
            self.date is None,
            self.date or dt.date.min,
            self.number is None,
            self.number or 0,
            self.name or "",
        )


#: Longest article id the content format allows.
MAX_ID_LENGTH = 128


def numbered_id(article_id: str, number: int) -> str:
    """The ``number``-th article of one id: ``X-2``, ``X-3`` …, cut to :data:`MAX_ID_LENGTH`.

    Used wherever two articles would share an id (reprints on import, colliding
    ids in hand-edited files): the later one gets the first such id not taken.
    """
    suffix = f"-{number}"
    return article_id[: MAX_ID_LENGTH - len(suffix)] + suffix


def free_id(article_id: str, taken: Container[str]) -> str:
    """The first of ``X-2``, ``X-3`` … (see :func:`numbered_id`) not in ``taken``."""
    number = 2
    while (candidate := numbered_id(article_id, number)) in taken:
        number += 1
    return candidate


#: An empty, read-only ``extra`` mapping (shared: it can never change).
NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def freeze_json(value: Any) -> Any:
    """A JSON value made read-only: objects become mapping proxies, arrays tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): freeze_json(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze_json(v) for v in value)
    return value


def thaw_json(value: Any) -> Any:
    """Inverse of :func:`freeze_json`: plain dicts and lists, ready for json/yaml."""
    if isinstance(value, Mapping):
        return {k: thaw_json(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw_json(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Article:
    """One item on a page, as structured data.

    ``id`` is stable and unique within a content directory. ``paragraphs`` hold the
    body text exactly as printed (half-width punctuation included: converting it is
    a display choice, see reader.typeset). ``url`` is where the article was
    published online, ``source`` its source or credit line as given (来源：新华社).
    ``extra`` keeps every other field of the input, unchanged, so nothing an
    archive said is lost; it is read-only (see :func:`freeze_json`) and takes no
    part in hashing.
    """

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    kind: ArticleKind = ArticleKind.ARTICLE
    section: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    byline: tuple[Byline, ...] = ()
    page: PageRef = field(default_factory=PageRef)
    url: str | None = None
    source: str | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, hash=False)

    def __post_init__(self) -> None:
        if self.extra is not NO_EXTRA:
            frozen = freeze_json(self.extra) if self.extra else NO_EXTRA
            object.__setattr__(self, "extra", frozen)

    def extra_data(self) -> dict[str, Any]:
        """``extra`` as plain, mutable JSON data (a fresh copy)."""
        return thaw_json(self.extra) if self.extra else {}

    def provenance(self) -> dict[str, Any]:
        """``url``, ``source`` and ``extra`` as plain data, only those that are set.

        What the content file and the index store of schema 2's article fields
        (most archives have none, and every byte is stored).
        """
        data: dict[str, Any] = {}
        if self.url is not None:
            data["url"] = self.url
        if self.source is not None:
            data["source"] = self.source
        if self.extra:
            data["extra"] = self.extra_data()
        return data

    @property
    def char_count(self) -> int:
        """Length of the body in characters (what the article list shows)."""
        return sum(len(p) for p in self.paragraphs)

    def byline_text(self) -> str:
        """The byline as a reader would say it: 记者 云艳芳 通讯员 武组轩."""
        return " ".join(f"{b.role} {b.name}" if b.role else b.name for b in self.byline)
