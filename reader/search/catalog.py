"""The catalogue contract answered from the index (see reader.contracts).

Every question is answered from the precomputed ``nodes`` table and the dense
reading-order number ``articles.seq`` (see :mod:`reader.search.order`):

* a scope is the union of the nodes at its finest level that match its
  filters; each node is a seq range, contiguous unless it is a section whose
  articles interleave with another section's on the same page;
* ``children``/``count`` add up node rows, never articles;
* ``summaries`` skips whole ranges to reach ``offset`` and then seeks by seq,
  so a window deep in a million articles costs the same as the first one.

Orders and labels are exactly :class:`reader.store.memory.MemoryCatalog`'s.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from reader.contracts import LEVEL_ORDER, ArticleSummary, Level, Node, Scope, node_label
from reader.model import Article, ArticleKind
from reader.search.index import Index, damage_error
from reader.search.records import decode_article
from reader.store.durable import transaction

# ORDER BY for children of each level (MemoryCatalog's _ORDER, in SQL).
_CHILD_ORDER = {
    Level.PAPER: "paper IS NULL, paper",
    Level.YEAR: "year IS NULL, year DESC",
    Level.MONTH: "month IS NULL, month DESC",
    Level.DATE: "date IS NULL, date DESC",
    Level.PAGE: "page_no IS NULL, ifnull(page_no, 0), ifnull(page_name, '')",
    Level.SECTION: "min(lo)",
}
_OLDEST_FIRST = {
    Level.YEAR: "year IS NULL, year",
    Level.MONTH: "month IS NULL, month",
    Level.DATE: "date IS NULL, date",
}
#: Display order of node rows of the date level or finer, newest edition first.
_NEWEST_NODES = "paper IS NULL, paper, date IS NULL, date DESC, lo"
_DATE_LEVEL = LEVEL_ORDER.index(Level.DATE)
_VALUE_COLUMNS = {
    Level.PAPER: ("paper",),
    Level.YEAR: ("year",),
    Level.MONTH: ("month",),
    Level.DATE: ("date",),
    Level.PAGE: ("page_no", "page_name"),
    Level.SECTION: ("section",),
}
_SUMMARY_COLUMNS = (
    "id, kind, title, kicker, byline, char_count, paper, date, page_no, page_name, section"
)


def _filters(scope: Scope) -> tuple[str, list[object]]:
    """SQL conditions (on nodes or articles columns) for a scope's filters."""
    conditions: list[str] = []
    params: list[object] = []
    for level, value in scope.filters:
        if level is Level.PAGE:
            assert isinstance(value, tuple)
            conditions.append("page_no IS ? AND page_name IS ?")
            params.extend(value)
        elif level is Level.DATE:
            conditions.append("date IS ?")
            params.append(value.isoformat() if isinstance(value, dt.date) else None)
        else:
            conditions.append(f"{_VALUE_COLUMNS[level][0]} IS ?")
            params.append(value)
    return " AND ".join(conditions) or "1", params


def _finest(scope: Scope, level: Level | None = None) -> int:
    levels = [LEVEL_ORDER.index(lvl) for lvl, _ in scope.filters]
    if level is not None:
        levels.append(LEVEL_ORDER.index(level))
    return max(levels, default=0)


def _decode_value(level: Level, row: tuple[Any, ...]) -> object:
    if level is Level.PAGE:
        return (row[0], row[1])
    if level is Level.DATE:
        return dt.date.fromisoformat(row[0]) if row[0] is not None else None
    return row[0]


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    date = row[7]
    return ArticleSummary(
        id=row[0],
        kind=ArticleKind(row[1]),
        title=row[2],
        kicker=row[3],
        byline=row[4],
        char_count=row[5],
        paper=row[6],
        date=dt.date.fromisoformat(date) if isinstance(date, str) else None,
        page=(row[8], row[9]),
        section=row[10],
    )


_Params = ParamSpec("_Params")
_Answer = TypeVar("_Answer")
_Question = Callable[Concatenate["SqliteCatalog", _Params], _Answer]


def _answer_or(
    empty: Callable[[], object],
) -> Callable[[_Question[_Params, _Answer]], _Question[_Params, _Answer]]:
    """Damage met by a question is reported to the index (which rebuilds) and answered empty.

    The reader is told through :attr:`Index.on_damage` and shows the rebuild;
    until then an empty answer is shown, never a traceback.
    """

    def wrap(method: _Question[_Params, _Answer]) -> _Question[_Params, _Answer]:
        @functools.wraps(method)
        def guarded(self: SqliteCatalog, *args: _Params.args, **kwargs: _Params.kwargs) -> _Answer:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.DatabaseError as error:
                if not damage_error(error):
                    raise
                self.index.report_damage(error)
                return cast(_Answer, empty())

        return guarded

    return wrap


class SqliteCatalog:
    """Implements :class:`reader.contracts.Catalog` over an :class:`Index`.

    Call :meth:`Index.sync` first: the catalogue shows what the index holds.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        #: Per connection: the read ids mirrored in its temp table, and the index
        #: version (PRAGMA data_version) they were looked up in.
        self._mirrors: dict[int, tuple[frozenset[str], int]] = {}
        #: Node ranges of recently shown scopes (a paper has thousands of editions),
        #: with the index version they were read at.
        self._range_cache: dict[tuple[object, ...], tuple[int, list[tuple[int, int, int]]]] = {}

    def _ranges(self, scope: Scope, newest_first: bool = False) -> list[tuple[int, int, int]]:
        """The scope as (n, lo, hi) node ranges in display order.

        Oldest first, the ranges ascend and a coarse scope is one range. Newest
        first, a scope coarser than one edition is split into its editions so
        that they can be listed newest first, each in its own reading order.
        """
        where, params = _filters(scope)
        level = _finest(scope)
        order = "+lo"
        if newest_first:
            level = max(level, _DATE_LEVEL)
            order = _NEWEST_NODES
        # "+lo": sort the few matching rows; without it SQLite walks the nodes_lo
        # index through every node of the level (0.2 s at 1M).
        sql = f"SELECT n, lo, hi FROM nodes WHERE level = ? AND {where} ORDER BY {order}"
        db = self.index.db
        # data_version counts per connection: cache per connection too.
        key = (id(db), sql, level, tuple(params))
        version = db.execute("PRAGMA data_version").fetchone()[0]
        cached = self._range_cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        ranges = list(db.execute(sql, [level, *params]))
        if len(self._range_cache) > 64:
            self._range_cache.clear()
        self._range_cache[key] = (version, ranges)
        return ranges

    @_answer_or(list)
    def children(self, scope: Scope, level: Level, newest_first: bool = True) -> list[Node]:
        """The values of ``level`` within ``scope`` with counts (from ``nodes``)."""
        where, params = _filters(scope)
        cols = ", ".join(_VALUE_COLUMNS[level])
        order = (
            _CHILD_ORDER[level] if newest_first else _OLDEST_FIRST.get(level, _CHILD_ORDER[level])
        )
        rows = self.index.db.execute(
            f"SELECT {cols}, sum(n) FROM nodes WHERE level = ? AND {where}"
            f" GROUP BY {cols} ORDER BY {order}",
            [_finest(scope, level), *params],
        ).fetchall()
        nodes = []
        for row in rows:
            value = _decode_value(level, row)
            nodes.append(
                Node(
                    level, value, node_label(level, value), int(row[-1]), scope.narrow(level, value)
                )
            )
        return nodes

    @_answer_or(int)
    def count_children(self, scope: Scope, level: Level) -> int:
        """``len(self.children(scope, level))``, without making the nodes."""
        where, params = _filters(scope)
        cols = ", ".join(_VALUE_COLUMNS[level])
        return self.index.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM nodes WHERE level = ? AND {where}"
            f" GROUP BY {cols})",
            [_finest(scope, level), *params],
        ).fetchone()[0]

    @_answer_or(int)
    def count(self, scope: Scope) -> int:
        """How many articles ``scope`` holds (a sum over node rows)."""
        return sum(n for n, _lo, _hi in self._ranges(scope))

    def _window(self, lo: int, hi: int, skip: int, limit: int, section: object, contiguous: bool):
        db = self.index.db
        if contiguous:
            return db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE seq BETWEEN ? AND ? ORDER BY seq",
                (lo + skip, min(hi, lo + skip + limit - 1)),
            ).fetchall()
        # A section interleaved on one page: the range is one page, so OFFSET is cheap.
        return db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE seq BETWEEN ? AND ?"
            " AND section IS ? ORDER BY seq LIMIT ? OFFSET ?",
            (lo, hi, section, limit, skip),
        ).fetchall()

    @_answer_or(list)
    def summaries(
        self, scope: Scope, offset: int, limit: int, newest_first: bool = True
    ) -> Sequence[ArticleSummary]:
        """A window of the scope in display order; cost does not grow with ``offset``."""
        out: list[ArticleSummary] = []
        section = scope.get(Level.SECTION)
        for n, lo, hi in self._ranges(scope, newest_first):
            if len(out) >= limit:
                break
            if offset >= n:
                offset -= n
                continue
            want = limit - len(out)
            rows = self._window(lo, hi, offset, want, section, hi - lo + 1 == n)
            out.extend(_summary(r) for r in rows)
            offset = 0
        return out

    @_answer_or(list)
    def ids(self, scope: Scope) -> list[str]:
        """Every article id in ``scope`` (ids only: a whole paper's summaries took 0.25 s)."""
        db = self.index.db
        section = scope.get(Level.SECTION)
        out: list[str] = []
        for n, lo, hi in self._ranges(scope):
            if hi - lo + 1 == n:
                rows = db.execute("SELECT id FROM articles WHERE seq BETWEEN ? AND ?", (lo, hi))
            else:  # a section interleaved with another on its page (one page's range)
                rows = db.execute(
                    "SELECT id FROM articles WHERE seq BETWEEN ? AND ? AND section IS ?",
                    (lo, hi, section),
                )
            out.extend(row[0] for row in rows)
        return out

    @_answer_or(lambda: None)
    def position(self, scope: Scope, article_id: str, newest_first: bool = True) -> int | None:
        """Index of ``article_id`` within ``scope``, or None."""
        db = self.index.db
        row = db.execute("SELECT seq, section FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        seq, section = row
        if scope.has(Level.SECTION) and section != scope.get(Level.SECTION):
            return None
        before = 0
        for n, lo, hi in self._ranges(scope, newest_first):
            if not lo <= seq <= hi:
                before += n
                continue
            if hi - lo + 1 == n:
                return before + seq - lo
            inside = db.execute(
                "SELECT count(*) FROM articles WHERE seq BETWEEN ? AND ? AND section IS ?",
                (lo, seq - 1, section),
            ).fetchone()[0]
            return before + inside
        return None

    @_answer_or(lambda: None)
    def step(
        self,
        article_id: str | None,
        direction: int,
        skip: AbstractSet[str] = frozenset(),
        newest_first: bool = True,
    ) -> str | None:
        """The next article in display order not in ``skip``: a few indexed queries.

        Editions are contiguous seq ranges (the ``nodes`` rows of the date level);
        the one holding ``article_id`` is searched first, then the first later
        edition (in display order) with fewer marked articles than it holds.
        Nothing is proportional to the archive but the numbering of its editions.
        """
        db = self.index.db
        self._mirror(skip)
        forward = direction > 0
        seq: int | None = None
        if article_id is not None:
            row = db.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None or row[0] is None:
                return None
            seq = row[0]
        order = _NEWEST_NODES if newest_first else "lo"
        editions = (
            f"SELECT lo, hi, n, row_number() OVER (ORDER BY {order}) AS r"
            f" FROM nodes WHERE level = {_DATE_LEVEL}"
        )
        unmarked = "NOT EXISTS (SELECT 1 FROM temp.marked m WHERE m.seq = a.seq)"
        pick = "min(a.seq)" if forward else "max(a.seq)"
        if seq is not None:
            # The rest of this edition.
            edition = db.execute(
                f"SELECT lo, hi FROM nodes WHERE level = {_DATE_LEVEL} AND ? BETWEEN lo AND hi",
                (seq,),
            ).fetchone()
            lo, hi = (seq + 1, edition[1]) if forward else (edition[0], seq - 1)
            found = db.execute(
                f"SELECT {pick} FROM articles a WHERE a.seq BETWEEN ? AND ? AND {unmarked}",
                (lo, hi),
            ).fetchone()[0]
            if found is not None:
                return self._id_at(found)
            after = f"r {'>' if forward else '<'} (SELECT r FROM e WHERE {seq} BETWEEN lo AND hi)"
        else:
            after = "1"
        # The first edition on, in display order, that is not wholly marked.
        row = db.execute(
            f"WITH e AS ({editions}) SELECT lo, hi FROM e WHERE {after}"
            " AND n > (SELECT count(*) FROM temp.marked m WHERE m.seq BETWEEN e.lo AND e.hi)"
            f" ORDER BY r {'' if forward else 'DESC'} LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        found = db.execute(
            f"SELECT {pick} FROM articles a WHERE a.seq BETWEEN ? AND ? AND {unmarked}", row
        ).fetchone()[0]
        return self._id_at(found) if found is not None else None

    def _id_at(self, seq: int) -> str:
        return self.index.db.execute("SELECT id FROM articles WHERE seq = ?", (seq,)).fetchone()[0]

    @_answer_or(lambda: None)
    def article(self, article_id: str) -> Article | None:
        """One whole article, read from its row."""
        row = self.index.db.execute(
            "SELECT data FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return decode_article(row[0]) if row else None

    def _mirror(self, ids: AbstractSet[str]) -> None:
        """Keep ``temp.marked`` (this connection's) = the seq numbers of ``ids``.

        Read marks are few next to the archive but many next to one tree node:
        holding their seqs in an indexed temp table turns "how many read in this
        node" into a range count. Only changed ids are looked up (or ``ids``
        themselves, when fewer); everything is redone when another connection (a
        sync) changed the index.
        """
        db = self.index.db
        version = db.execute("PRAGMA data_version").fetchone()[0]
        known = self._mirrors.get(id(db))
        if known is not None and known[1] == version and known[0] == ids:
            return
        # Deferred: only this connection's temp table is written, no lock on the index.
        with transaction(db, immediate=False):
            db.execute("CREATE TEMP TABLE IF NOT EXISTS marked(seq INTEGER PRIMARY KEY)")
            fresh = frozenset(ids)
            removed = known[0] - fresh if known is not None else frozenset[str]()
            if known is None or known[1] != version or len(removed) > len(fresh):
                # Emptied at once (SQLite truncates an unfiltered DELETE) and filled
                # anew: cheaper than looking up more removed ids than there are
                # marks left (after `u` of a paper: 29,405 lookups in about 100 ms).
                db.execute("DELETE FROM temp.marked")
                added, removed = fresh, frozenset[str]()
            else:
                added = fresh - known[0]
            # `seq IS NOT NULL` has SQLite read the seqs from articles(id, seq)
            # alone; for `id IN` only, it takes the unique index on id and the rows.
            sql = (
                "SELECT seq FROM articles"
                " WHERE id IN (SELECT value FROM json_each(?)) AND seq IS NOT NULL"
            )
            if removed:
                db.execute(
                    f"DELETE FROM temp.marked WHERE seq IN ({sql})", (json.dumps(list(removed)),)
                )
            if added:
                db.execute(f"INSERT OR IGNORE INTO temp.marked {sql}", (json.dumps(list(added)),))
        self._mirrors[id(db)] = (fresh, version)

    @_answer_or(int)
    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        """How many of ``ids`` lie within ``scope`` (range counts over the marked seqs)."""
        if not ids:
            return 0
        self._mirror(ids)
        db = self.index.db
        section = scope.get(Level.SECTION)
        total = 0
        for n, lo, hi in self._ranges(scope):
            if hi - lo + 1 == n:
                total += db.execute(
                    "SELECT count(*) FROM temp.marked WHERE seq BETWEEN ? AND ?", (lo, hi)
                ).fetchone()[0]
            else:  # a section interleaved with another on its page (one page's range)
                total += db.execute(
                    "SELECT count(*) FROM temp.marked m JOIN articles a ON a.seq = m.seq"
                    " WHERE m.seq BETWEEN ? AND ? AND a.section IS ?",
                    (lo, hi, section),
                ).fetchone()[0]
        return total


__all__ = ["SqliteCatalog"]
