"""The index database: where it lives, its tables, when to throw it away, and its errors."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from reader.store.durable import transaction
from reader.store.names import path_key, shown_name

#: Bump when tables or tokens change: an index of an older version is rebuilt.
SCHEMA_VERSION = 3

#: Levels of the catalogue tree as stored in ``nodes.level`` (see LEVEL_ORDER).
NODE_COLUMNS = ("paper", "year", "month", "date", "page_no", "page_name", "section")

DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE files(
    file_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,      -- relative to the content dir, '/'-separated
    sortkey TEXT NOT NULL,          -- path parts joined by U+0001: orders like Path.parts
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    problem TEXT                    -- why the file could not be (fully) indexed
);
-- docid: date << 20 | counter, so rowid order is recency (newest = largest).
-- seq: dense position in reading order (paper, date, page, file, position).
CREATE TABLE articles(
    docid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    file_id INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    seq INTEGER,
    paper TEXT, date TEXT, year INTEGER, month INTEGER,
    page_no INTEGER, page_name TEXT, section TEXT,
    section_f TEXT, bynames TEXT,
    kind TEXT NOT NULL, title TEXT NOT NULL, kicker TEXT,
    byline TEXT NOT NULL, char_count INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX articles_file ON articles(file_id, pos);
-- seq with id: the ids of a range (marking a whole paper read) come from the
-- index alone, never the table's rows (upgrade() adds it to older files).
CREATE INDEX articles_seq_id ON articles(seq, id);
-- id with seq: the seqs of a set of ids (the read marks, SqliteCatalog._mirror)
-- come from the index alone too (upgrade() adds it to older files).
CREATE INDEX articles_id_seq ON articles(id, seq);
-- One row per tree node (level 0 paper … 5 section), keyed by its whole path;
-- lo..hi is its seq range (contiguous when hi - lo + 1 = n).
CREATE TABLE nodes(
    level INTEGER NOT NULL,
    paper TEXT, year INTEGER, month INTEGER, date TEXT,
    page_no INTEGER, page_name TEXT, section TEXT,
    n INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL
);
CREATE INDEX nodes_key ON nodes(level, paper, year, month, date, page_no, page_name, section);
CREATE INDEX nodes_lo ON nodes(level, lo);
CREATE VIRTUAL TABLE uni USING fts5(text, content='', detail=none, tokenize='unicode61');
CREATE VIRTUAL TABLE bi USING fts5(head, body, content='', tokenize='unicode61');
"""


def fold_signature() -> str:
    """What folding depends on: an index folded differently must be rebuilt.

    The FTS tables are contentless, so deleting an article re-derives its tokens;
    that only works while folding gives the same tokens it gave when indexing.
    """
    import unicodedata

    import opencc

    version = getattr(opencc, "__version__", "?")
    return f"opencc {version}; unicode {unicodedata.unidata_version}"


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cache directory: parameter, else ``$ZHPAPER_CACHE_DIR``, else XDG cache."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("ZHPAPER_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("zhpaper"))


def db_path(content_dir: Path, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the index of ``content_dir`` lives: one file per content directory."""
    resolved = Path(content_dir).resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    # SQLite opens UTF-8 names only: a GBK directory name is shown with U+FFFD.
    name = shown_name(resolved.name) or "root"
    path = cache_root(cache_dir).resolve() / "index" / f"{name}-{digest}.sqlite3"
    if path.is_relative_to(resolved):
        raise ValueError(f"the index must not live inside the content directory {resolved}")
    return path


#: How long a connection waits on another zhpaper's lock before SQLITE_BUSY (then
#: the caller says so, or waits on: see ``reader.cli.search``). Read at each
#: connect, so a test that holds a lock on purpose can make it short.
BUSY_TIMEOUT_SECONDS = 5.0


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (we BEGIN/COMMIT ourselves), WAL journal."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False, isolation_level=None
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA cache_size=-32000")
    return conn


def check(conn: sqlite3.Connection) -> str | None:
    """Why this database cannot be used as it is (None: it can).

    Raises :class:`sqlite3.DatabaseError` for a file that is not a database.
    """
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if not tables:
        return "missing"
    if "meta" not in tables:
        return "not a zhpaper index"
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    if meta.get("schema") != str(SCHEMA_VERSION):
        return f"schema {meta.get('schema')} is not {SCHEMA_VERSION}"
    if meta.get("fold") != fold_signature():
        return "folding changed"
    if not {"files", "articles", "nodes", "uni", "bi"} <= tables:
        return "tables missing"
    return None


def create(conn: sqlite3.Connection, content_dir: Path) -> None:
    """Create the tables of an empty database."""
    with transaction(conn):
        # One statement at a time: executescript() would commit on its own.
        for statement in _statements(DDL):
            conn.execute(statement)
        # bm25 with the title fields weighted up, as the table's default rank, so
        # ORDER BY rank is computed inside FTS5.
        conn.execute("INSERT INTO bi (bi, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")
        _meta(conn, content_dir)


#: Indexes added to this schema since it began, each with the index it replaces
#: (or None): upgrade() builds those an older file lacks.
ADDED_INDEXES: tuple[tuple[str, str, str | None], ...] = (
    ("articles_seq_id", "CREATE INDEX articles_seq_id ON articles(seq, id)", "articles_seq"),
    ("articles_id_seq", "CREATE INDEX articles_id_seq ON articles(id, seq)", None),
)


def upgrade(conn: sqlite3.Connection) -> None:
    """Bring an index of this schema up to date where that needs no rebuild.

    Indexes added since (:data:`ADDED_INDEXES`) are built once, each in about
    0.1-0.5 s per 100,000 articles:

    - ``articles_seq_id`` replaced ``articles(seq)``: ids of a seq range are
      read from the index alone (a paper's 29,405 ids in about 13 ms, not 55);
    - ``articles_id_seq``: the seqs of a set of ids too (the read marks'
      mirror: a paper's 29,405 in about 18 ms, not 50).

    An index this process cannot write (a read-only cache, another zhpaper
    writing) keeps the old indexes, which answer the same, only slower, and is
    upgraded another time.
    """
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [(create, old) for name, create, old in ADDED_INDEXES if name not in names]
    if not missing:
        return
    try:
        with transaction(conn):
            for create, old in missing:
                conn.execute(create)
                if old is not None:
                    conn.execute(f"DROP INDEX IF EXISTS {old}")
    except sqlite3.OperationalError as error:
        if classify(error) not in (Trouble.BUSY, Trouble.FULL, Trouble.ENVIRONMENT):
            raise


def _statements(script: str) -> list[str]:
    """The SQL statements of ``script``, each whole (a ';' inside a comment is fine)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def _meta(conn: sqlite3.Connection, content_dir: Path) -> None:
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema", str(SCHEMA_VERSION)),
            ("fold", fold_signature()),
            ("content", path_key(content_dir)),
            ("order_dirty", "0"),
        ],
    )


def remove_files(path: Path) -> None:
    """Delete a database with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


__all__ = [
    "NODE_COLUMNS",
    "SCHEMA_VERSION",
    "cache_root",
    "check",
    "connect",
    "create",
    "db_path",
    "fold_signature",
    "remove_files",
    "upgrade",
]


class Trouble(StrEnum):
    """What an error from the index means: the one classification every caller uses."""

    #: Another zhpaper holds the index (SQLITE_BUSY, SQLITE_LOCKED): wait, or say so.
    BUSY = "busy"
    #: The disk is full (SQLITE_FULL, ENOSPC): say so; rebuilding would only fill it again.
    FULL = "full"
    #: The machine, not the file: permission, read-only, I/O, out of memory, cannot open.
    ENVIRONMENT = "environment"
    #: The database file itself is damaged (SQLITE_CORRUPT, SQLITE_NOTADB, "malformed"):
    #: move it aside and rebuild.
    DAMAGE = "damage"
    #: Anything else (a misuse, a bug): never a reason to throw the index away.
    OTHER = "other"


#: SQLite primary result codes (``sqlite_errorcode & 0xFF``) → what they mean here.
_SQLITE_TROUBLE = {
    3: Trouble.ENVIRONMENT,  # SQLITE_PERM
    5: Trouble.BUSY,  # SQLITE_BUSY
    6: Trouble.BUSY,  # SQLITE_LOCKED
    7: Trouble.ENVIRONMENT,  # SQLITE_NOMEM
    8: Trouble.ENVIRONMENT,  # SQLITE_READONLY
    10: Trouble.ENVIRONMENT,  # SQLITE_IOERR
    11: Trouble.DAMAGE,  # SQLITE_CORRUPT (FTS5's CORRUPT_VTAB included)
    13: Trouble.FULL,  # SQLITE_FULL
    14: Trouble.ENVIRONMENT,  # SQLITE_CANTOPEN
    26: Trouble.DAMAGE,  # SQLITE_NOTADB
}
#: Damage as some errors only say it in words (no result code attached).
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def classify(error: BaseException) -> Trouble:
    """What ``error`` (an ``sqlite3.Error``, an ``OSError`` …) says about the index.

    Only :attr:`Trouble.DAMAGE` lets the index be moved aside and rebuilt: for
    the others another live reader may hold it, a full disk would only fill
    again, or the fault is not the file's.
    """
    if isinstance(error, OSError):
        return Trouble.FULL if error.errno == errno.ENOSPC else Trouble.ENVIRONMENT
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_TROUBLE:
        return _SQLITE_TROUBLE[code & 0xFF]
    if isinstance(error, sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in _DAMAGE_WORDS
    ):
        return Trouble.DAMAGE
    return Trouble.OTHER
