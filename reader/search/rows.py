"""Writing articles into the index tables (the one code path for files and ingest)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from reader.model import Page, free_id
from reader.search.fold import fold
from reader.search.records import (
    Tokens,
    article_tokens,
    date_key,
    decode_article,
    encode_article,
    folded_names,
)
from reader.store.loader import duplicate_message
from reader.store.names import shown_name


@dataclass(frozen=True, slots=True)
class PreparedRow:
    """One article ready to insert: plain values only, so it pickles cheaply."""

    date_key: int
    #: articles columns from ``id`` to ``data``, in INSERT order.
    columns: tuple[object, ...]
    tokens: Tokens


def prepare_page(page: Page) -> list[PreparedRow]:
    """Fold, tokenize and encode a page's articles: the CPU work of indexing."""
    rows = []
    for article in page.articles:
        ref = article.page
        date = ref.date
        columns = (
            article.id,
            ref.paper,
            date.isoformat() if date else None,
            date.year if date else None,
            date.month if date else None,
            ref.number,
            ref.name,
            article.section,
            fold(article.section) if article.section is not None else None,
            folded_names(article),
            article.kind.value,
            article.title,
            article.kicker,
            article.byline_text(),
            article.char_count,
            encode_article(article),
        )
        rows.append(PreparedRow(date_key(date), columns, article_tokens(article)))
    return rows


class _TakenIds:
    """The ids already in the index, as a container (for :func:`reader.model.free_id`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __contains__(self, article_id: object) -> bool:
        found = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return found is not None


class RowWriter:
    """Inserts and deletes article rows, keeping the FTS tables in step.

    Holds the next free rowid per date while one update runs (rowids are
    date-keyed, see :func:`reader.search.records.date_key`).
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._next_docid: dict[int, int] = {}

    def docid(self, key: int) -> int:
        """A fresh rowid for an article of the date encoded in ``key``."""
        nxt = self._next_docid.get(key)
        if nxt is None:
            top = self.db.execute(
                "SELECT max(docid) FROM articles WHERE docid >= ? AND docid < ?",
                (key, key + (1 << 20)),
            ).fetchone()[0]
            nxt = key if top is None else top + 1
        self._next_docid[key] = nxt + 1
        return nxt

    def store_page(self, file_id: int, page: Page) -> list[str]:
        """Insert one page's articles; returns problems (a taken id gets a derived one)."""
        return self.store_prepared(file_id, prepare_page(page))

    def store_prepared(self, file_id: int, rows: list[PreparedRow]) -> list[str]:
        """Insert rows made by :func:`prepare_page` (perhaps in another process)."""
        db = self.db
        problems: list[str] = []
        for pos, row in enumerate(rows):
            docid = self.docid(row.date_key)
            try:
                db.execute(
                    "INSERT INTO articles (docid, file_id, pos, id, paper, date, year, month,"
                    " page_no, page_name, section, section_f, bynames, kind, title, kicker,"
                    " byline, char_count, data)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (docid, file_id, pos, *row.columns),
                )
            except sqlite3.IntegrityError:
                # Another file holds this id (hand-edited content): keep the
                # article under a derived id, as the loader does, and say so.
                article_id = str(row.columns[0])
                other = db.execute(
                    "SELECT f.path FROM articles a JOIN files f USING (file_id) WHERE a.id = ?",
                    (article_id,),
                ).fetchone()
                new_id = free_id(article_id, _TakenIds(db))
                problems.append(
                    duplicate_message(article_id, other[0] if other else "this file", new_id)
                )
                article = replace(decode_article(row.columns[-1]), id=new_id)  # type: ignore[arg-type]
                db.execute(
                    "INSERT INTO articles (docid, file_id, pos, id, paper, date, year, month,"
                    " page_no, page_name, section, section_f, bynames, kind, title, kicker,"
                    " byline, char_count, data)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (docid, file_id, pos, new_id, *row.columns[1:-1], encode_article(article)),
                )
            db.execute("INSERT INTO uni (rowid, text) VALUES (?, ?)", (docid, row.tokens.uni))
            db.execute(
                "INSERT INTO bi (rowid, head, body) VALUES (?, ?, ?)",
                (docid, row.tokens.head, row.tokens.body),
            )
        return problems

    def drop_file_articles(self, file_id: int) -> None:
        """Remove a file's articles, from the FTS tables too (contentless: re-derive)."""
        db = self.db
        rows = db.execute("SELECT docid, data FROM articles WHERE file_id = ?", (file_id,))
        for docid, blob in rows.fetchall():
            tokens = article_tokens(decode_article(blob))
            db.execute(
                "INSERT INTO uni (uni, rowid, text) VALUES ('delete', ?, ?)", (docid, tokens.uni)
            )
            db.execute(
                "INSERT INTO bi (bi, rowid, head, body) VALUES ('delete', ?, ?, ?)",
                (docid, tokens.head, tokens.body),
            )
        db.execute("DELETE FROM articles WHERE file_id = ?", (file_id,))

    def file_row(self, rel: str, mtime_ns: int, size: int, problem: str | None) -> int:
        db = self.db
        row = db.execute("SELECT file_id FROM files WHERE path = ?", (rel,)).fetchone()
        if row:
            db.execute(
                "UPDATE files SET mtime_ns = ?, size = ?, problem = ? WHERE file_id = ?",
                (mtime_ns, size, problem, row[0]),
            )
            return row[0]
        cur = db.execute(
            "INSERT INTO files (path, sortkey, mtime_ns, size, problem) VALUES (?, ?, ?, ?, ?)",
            (rel, "\x01".join(shown_name(rel).split("/")), mtime_ns, size, problem),
        )
        return int(cur.lastrowid or 0)


__all__ = ["PreparedRow", "RowWriter", "prepare_page"]
