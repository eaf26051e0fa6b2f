"""Article ids for imported archives: unique, stable across re-imports, upgrade-safe.

How an id is made (content/README.md says the same for users):

* An input ``id`` is kept as given. Without one, the id is derived from the
  article: ``a-`` and 16 hex digits of the SHA-1 of paper, date, title and first
  paragraph (the formula of every earlier zhpaper, so archives it imported keep
  their ids, and with them read marks and bookmarks).
* Real papers reprint a story on another page of the same day, with the same
  title and first paragraph: the same derived id. So an article gets the first
  of X, ``X-2``, ``X-3`` … that no other article holds: neither one met earlier
  in this import (two identical records are two printings) nor one already
  stored in the edition's directory with other content (a later page, an
  earlier import). Derived ids are checked per edition (paper and date), input
  ids over the whole import.
* The same input gives the same ids every time, so re-running an import finds
  every article already stored and writes nothing; a resumed import recounts
  the lines it skips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.model import Article, PageRef, numbered_id
from reader.store.writer import is_upgrade

#: Editions whose derived-id counts are remembered (archives come in date order;
#: this bounds memory at a million articles while allowing some interleaving).
EDITIONS_KEPT = 512


def derived_id(paper: str | None, date: dt.date | None, title: str, paragraphs: list[str]) -> str:
    """The id of an article that the input gave none (see the module docstring)."""
    digest = hashlib.sha1(
        "\x1f".join([paper or "", str(date), title, paragraphs[0] if paragraphs else ""]).encode()
    ).hexdigest()
    return f"a-{digest[:16]}"


#: Articles already stored for an edition (paper, date), read when it is first met.
StoredArticles = Callable[[PageRef], Iterable[Article]]


class _Edition:
    """Ids of one edition: handed out in this run, and found on disk before."""

    __slots__ = ("assigned", "stored")

    def __init__(self, stored: Iterable[Article]) -> None:
        self.assigned: Counter[str] = Counter()
        self.stored: dict[str, list[Article]] = {}
        for article in stored:
            self.stored.setdefault(article.id, []).append(article)

    def taken(self, candidate: str, article: Article) -> bool:
        """Whether ``candidate`` belongs to another article than ``article``."""
        if self.assigned[candidate]:
            return True  # in this run, even by an identical record: two printings
        stored = self.stored.get(candidate)
        # Stored: taken unless one of its holders is this article (an older zhpaper
        # may have given one id to a story and its reprints).
        return stored is not None and not any(same_article(old, article) for old in stored)


class IdAssigner:
    """Hands out ids in input order, never the same one twice (see the module docstring).

    ``stored`` reads the articles already in the content directory for an
    edition; with it, an id on disk is taken unless it holds this same article
    (a re-run), so an edition met again after many others, or in a later
    import, never reuses another article's id.
    """

    def __init__(self, stored: StoredArticles | None = None) -> None:
        self._stored = stored or (lambda _ref: ())
        self._editions: OrderedDict[tuple[str | None, dt.date | None], _Edition] = OrderedDict()
        self._given = _Edition(())

    def _edition(self, article: Article, given: bool) -> _Edition:
        if given:
            return self._given
        key = (article.page.paper, article.page.date)
        edition = self._editions.get(key)
        if edition is None:
            edition = self._editions[key] = _Edition(self._stored(article.page))
            if len(self._editions) > EDITIONS_KEPT:
                # Undated articles have no edition directory to read back: never forgotten.
                oldest = next((k for k in self._editions if k[1] is not None and k != key), None)
                if oldest is not None:
                    del self._editions[oldest]
        else:
            self._editions.move_to_end(key)
        return edition

    def assign(self, article: Article, *, given: bool) -> Article:
        """``article`` with its final id; ``given``: the input named the id."""
        edition = self._edition(article, given)
        candidate = article.id
        number = 1
        while edition.taken(candidate, article):
            number += 1
            candidate = numbered_id(article.id, number)
        edition.assigned[candidate] += 1
        return article if candidate == article.id else replace(article, id=candidate)


def same_article(stored: Article, incoming: Article) -> bool:
    """Whether ``stored`` is ``incoming`` under some id (perhaps without its newer fields)."""
    return replace(incoming, id=stored.id) == stored or is_upgrade(stored, incoming)


__all__ = [
    "EDITIONS_KEPT",
    "IdAssigner",
    "derived_id",
    "same_article",
]
