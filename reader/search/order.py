"""Reading order and the catalogue tree, precomputed after each index update.

``articles.seq`` numbers every article densely in the MemoryCatalog's reading
order, so any paper›year›month›date›page scope is one seq range and a window
at any offset is an index seek, not a scan. ``nodes`` holds one row per tree
node with its count and seq range, so the sidebar never counts articles.
"""

from __future__ import annotations

import sqlite3

_RENUMBER = """
UPDATE articles SET seq = r.n
FROM (
    SELECT a.docid AS d, row_number() OVER (
        ORDER BY a.paper IS NULL, a.paper, a.date IS NULL, a.date,
                 a.page_no IS NULL, a.page_no, ifnull(a.page_name, ''), f.sortkey, a.pos
    ) - 1 AS n
    FROM articles a JOIN files f USING (file_id)
) AS r
WHERE articles.docid = r.d AND articles.seq IS NOT r.n
"""

# Columns of a node at each level (0 paper … 5 section); finer columns stay NULL.
_LEVEL_COLUMNS = (
    ("paper",),
    ("paper", "year"),
    ("paper", "year", "month"),
    ("paper", "year", "month", "date"),
    ("paper", "year", "month", "date", "page_no", "page_name"),
    ("paper", "year", "month", "date", "page_no", "page_name", "section"),
)
_ALL = ("paper", "year", "month", "date", "page_no", "page_name", "section")


def _node_insert(level: int, where: str = "") -> str:
    cols = _LEVEL_COLUMNS[level]
    select = ", ".join(c if c in cols else "NULL" for c in _ALL)
    return (
        f"INSERT INTO nodes SELECT {level}, {select}, count(*), min(seq), max(seq) "
        f"FROM articles {where} GROUP BY {', '.join(cols)}"
    )


def _node_rollup(level: int) -> str:
    """Nodes of ``level`` from those one level finer: no pass over the articles."""
    cols = _LEVEL_COLUMNS[level]
    select = ", ".join(c if c in cols else "NULL" for c in _ALL)
    return (
        f"INSERT INTO nodes SELECT {level}, {select}, sum(n), min(lo), max(hi) "
        f"FROM nodes WHERE level = {level + 1} GROUP BY {', '.join(cols)}"
    )


def rebuild_order(conn: sqlite3.Connection) -> None:
    """Renumber ``seq`` and rebuild ``nodes`` (inside the caller's transaction)."""
    conn.execute(_RENUMBER)
    conn.execute("DELETE FROM nodes")
    finest = len(_LEVEL_COLUMNS) - 1
    conn.execute(_node_insert(finest))
    for level in range(finest - 1, -1, -1):
        conn.execute(_node_rollup(level))


def refresh_page_sections(conn: sqlite3.Connection, lo: int, hi: int) -> None:
    """Recompute the section nodes of one page whose seq range ``lo..hi`` is unchanged.

    Used when one file is re-indexed with the same page and article count: the
    seq numbers stay put, only sections (and texts) may have moved.
    """
    row = conn.execute(
        "SELECT paper, year, month, date, page_no, page_name FROM articles WHERE seq = ?", (lo,)
    ).fetchone()
    # Every key column, year and month too: the whole nodes_key index is used
    # (without them one page's nodes were found by scanning its paper's).
    conn.execute(
        "DELETE FROM nodes WHERE level = 5 AND paper IS ? AND year IS ? AND month IS ?"
        " AND date IS ? AND page_no IS ? AND page_name IS ?",
        row,
    )
    conn.execute(_node_insert(5, "WHERE seq BETWEEN ? AND ?"), (lo, hi))


def keep_place(db: sqlite3.Connection, file_id: int, lo: int, page_key: tuple[object, ...]) -> None:
    """Give a re-read file's articles the seq range ``lo…`` they had before.

    Only valid when the file holds as many articles as before, on the same page
    (``page_key``: paper, ISO date, page number, page name): then nothing else
    moves, and only that page's section nodes need recounting.
    """
    docids = db.execute(
        "SELECT docid FROM articles WHERE file_id = ? ORDER BY pos", (file_id,)
    ).fetchall()
    db.executemany(
        "UPDATE articles SET seq = ? WHERE docid = ?",
        [(lo + i, docid) for i, (docid,) in enumerate(docids)],
    )
    paper, date, page_no, page_name = page_key
    year, month = (int(date[:4]), int(date[5:7])) if isinstance(date, str) else (None, None)
    node = db.execute(
        "SELECT lo, hi FROM nodes WHERE level = 4 AND paper IS ? AND year IS ? AND month IS ?"
        " AND date IS ? AND page_no IS ? AND page_name IS ?",
        (paper, year, month, date, page_no, page_name),
    ).fetchone()
    refresh_page_sections(db, node[0], node[1])


__all__ = ["keep_place", "rebuild_order", "refresh_page_sections"]
