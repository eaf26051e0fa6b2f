"""Article ids for imported archives: unique, stable across re-imports, upgrade-safe.

How an id is made (content/README.md says the same for users):

* An input ``id`` is kept as given. Without one, the id is derived from the
  article: ``a-`` and 16 hex digits of the SHA-1 of paper, date, title and first
  paragraph (the formula of every earlier zhpaper, so archives it imported keep
  their ids, and with them read marks and bookmarks).
* Real papers reprint a story on another page of the same day, with the same
  title and first paragraph: the same derived id. So ids are counted in input
  order: the second article that would get id X gets ``X-2``, the third
  ``X-3`` (skipping any id already handed out). Derived ids are counted per
  edition (paper and date), input ids over the whole import.
* The same input gives the same ids every time, so re-running an import finds
  every article already stored and writes nothing; a resumed import recounts
  the lines it skips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, OrderedDict
from dataclasses import replace

from reader.model import Article, numbered_id

#: Editions whose derived-id counts are remembered (archives come in date order;
#: this bounds memory at a million articles while allowing some interleaving).
EDITIONS_KEPT = 512


def derived_id(paper: str | None, date: dt.date | None, title: str, paragraphs: list[str]) -> str:
    """The id of an article that the input gave none (see the module docstring)."""
    digest = hashlib.sha1(
        "\x1f".join([paper or "", str(date), title, paragraphs[0] if paragraphs else ""]).encode()
    ).hexdigest()
    return f"a-{digest[:16]}"


class IdAssigner:
    """Hands out ids in input order, never the same one twice (see the module docstring)."""

    def __init__(self) -> None:
        self._editions: OrderedDict[tuple[str | None, dt.date | None], Counter[str]] = OrderedDict()
        self._given: Counter[str] = Counter()

    def _counter(self, article: Article, given: bool) -> Counter[str]:
        if given:
            return self._given
        key = (article.page.paper, article.page.date)
        counter = self._editions.get(key)
        if counter is None:
            counter = self._editions[key] = Counter()
            if len(self._editions) > EDITIONS_KEPT:
                self._editions.popitem(last=False)
        else:
            self._editions.move_to_end(key)
        return counter

    def assign(self, article: Article, *, given: bool) -> Article:
        """``article`` with its final id; ``given``: the input named the id."""
        counter = self._counter(article, given)
        counter[article.id] += 1
        number = counter[article.id]
        if number == 1:
            return article
        candidate = numbered_id(article.id, number)
        while counter[candidate]:
            number += 1
            candidate = numbered_id(article.id, number)
        counter[candidate] += 1
        return replace(article, id=candidate)


__all__ = [
    "EDITIONS_KEPT",
    "IdAssigner",
    "derived_id",
]
