"""The search index and catalogue of one content directory, in one SQLite file.

:class:`Index` owns the database: it creates it in the cache directory, throws
it away and rebuilds it when it is corrupt or of an older schema, and keeps it
in step with the content files (:meth:`Index.sync`, :meth:`Index.reindex_file`).
Searching is :mod:`reader.search.engine`; browsing is
:class:`reader.search.catalog.SqliteCatalog`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Page
from reader.search import database, merging
from reader.search.order import keep_place, rebuild_order
from reader.search.prepare import (
    Prepared,
    default_lister,
    default_loader,
    default_workers,
    prepared_in_workers,
    problem_text,
)
from reader.search.rows import PreparedRow, RowWriter, prepare_page
from reader.store.durable import one_process_at_a_time, transaction
from reader.store.names import path_key, shown_name

if TYPE_CHECKING:
    from reader.store.loader import ContentProblem

Progress = Callable[[int, int], None]
Loader = Callable[[Path], Page]
Lister = Callable[[Path], Iterable[Path]]

#: Files per transaction: a killed build loses at most one batch.
BATCH_FILES = 200
#: Updates of at least this many files prepare them in worker processes.
PARALLEL_MIN_FILES = 400


@dataclass
class SyncReport:
    """What one :meth:`Index.sync` did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    #: (relative path, problem) for files that could not be (fully) indexed.
    problems: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def changed(self) -> int:
        """Files read or dropped in this run."""
        return self.added + self.updated + self.removed


def environment_error(error: BaseException) -> bool:
    """Whether an error is a lock, a full disk, a permission … (see :func:`database.classify`)."""
    return database.classify(error) in (
        database.Trouble.BUSY,
        database.Trouble.FULL,
        database.Trouble.ENVIRONMENT,
    )


def damage_error(error: BaseException) -> bool:
    """Whether an error says the index file is damaged (malformed, not a database, corrupt).

    Such an index is moved aside and rebuilt (:meth:`Index.sync`); any other
    error (a lock, a full disk, a bug) is not a reason to throw it away.
    """
    return isinstance(error, sqlite3.DatabaseError) and (
        database.classify(error) is database.Trouble.DAMAGE
    )


def unavailable_message(error: BaseException) -> str:
    """What the reader tells the user when the index cannot be used (issues 7, 12)."""
    trouble = database.classify(error)
    if trouble is database.Trouble.BUSY:
        return "另一个 zhpaper 正在更新搜索索引，请稍后再搜（index busy）"
    if trouble is database.Trouble.FULL:
        return "磁盘已满，无法建立搜索索引（disk full）"
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"搜索索引不可用：{reason}"


def _session_pid(marker: Path) -> int | None:
    try:
        return int(marker.name.split("-", 1)[0])
    except ValueError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


class Index:
    """The SQLite index of one content directory (see the module docstring).

    Each thread gets its own connection (WAL lets readers run while a sync
    writes); writes are serialised by a lock. Use it as a context manager or
    call :meth:`close`.
    """

    def __init__(
        self,
        content_dir: str | os.PathLike[str],
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        loader: Loader | None = None,
        lister: Lister | None = None,
        workers: int | None = None,
    ) -> None:
        self.content_dir = Path(content_dir).resolve()
        self.path = database.db_path(self.content_dir, cache_dir)
        self._loader = loader or default_loader
        self._lister = lister or default_lister
        #: Worker processes for big updates (0: prepare files in this process).
        self.workers = default_workers() if workers is None else workers
        # Connections per thread; guarded by their own lock so that readers never
        # wait for a sync, which holds ``_lock`` for its whole run.
        self._by_thread: dict[threading.Thread, sqlite3.Connection] = {}
        self._conn_lock = threading.Lock()
        self._lock = threading.RLock()
        self._writer: RowWriter | None = None
        #: Why the database was (re)created when opened, or None if it was reused.
        self.rebuilt: str | None = None
        #: Where a damaged database was moved aside to (when ``rebuilt`` says so).
        self.moved_aside: Path | None = None
        #: Set by :meth:`report_damage`: the next :meth:`sync` rebuilds first.
        self.damaged: str | None = None
        #: Called with the reason when damage is reported (the reader rebuilds then).
        self.on_damage: Callable[[str], None] | None = None
        self._inode: int | None = None
        self._session: Path | None = None
        self._open()

    # -- the database file -------------------------------------------------

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with one_process_at_a_time(self.path):
            self._open_checked(integrity=self._unclean_shutdown())
            self._begin_session()

    def _sessions(self) -> Path:
        return Path(f"{self.path}.sessions")

    def _unclean_shutdown(self) -> bool:
        """Whether a process that had the index open ended without closing it.

        Each open :class:`Index` leaves a marker named after its process; a
        marker whose process is gone means a kill, a crash or a power cut.
        """
        unclean = False
        try:
            markers = list(self._sessions().iterdir())
        except OSError:
            return False
        for marker in markers:
            pid = _session_pid(marker)
            if pid is None or not _alive(pid):
                unclean = True
                marker.unlink(missing_ok=True)
        return unclean

    def _begin_session(self) -> None:
        marker = self._sessions() / f"{os.getpid()}-{id(self):x}"
        try:
            marker.parent.mkdir(exist_ok=True)
            marker.touch()
        except OSError:  # a read-only cache: no marker, no check after a crash
            return
        self._session = marker

    def _open_checked(self, integrity: bool = False) -> None:
        conn: sqlite3.Connection | None = None
        try:
            conn = database.connect(self.path)
            reason = database.check(conn)
            if reason is None and integrity:
                # After an unclean shutdown: SQLite's quick check (b-tree structure).
                found = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
                if found != ["ok"]:
                    reason = f"damaged ({found[0].splitlines()[-1] if found else '?'})"
            if reason is None:
                database.upgrade(conn)
        except sqlite3.DatabaseError as error:
            if environment_error(error):
                # Locked by another live reader, or a full disk: not damage (issue 7).
                if conn is not None:
                    conn.close()
                raise
            reason = f"unreadable ({error})"
        if reason is None and conn is not None:
            self._register(conn)
            return
        if conn is not None:
            conn.close()
        self._rebuild_file(reason or "unreadable")

    def _rebuild_file(self, reason: str) -> None:
        """Start a new, empty database; a damaged one is kept aside, not deleted."""
        self._close_connections()
        damaged = reason.startswith(("damaged", "unreadable"))
        if damaged and self.path.exists():
            aside = self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, aside)
            self.moved_aside = aside
        database.remove_files(self.path)
        conn = database.connect(self.path)
        database.create(conn, self.content_dir)
        self._register(conn)
        self._writer = None
        self.rebuilt = reason
        self.damaged = None

    def report_damage(self, error: BaseException) -> None:
        """A query met damage (see :func:`damage_error`): the next :meth:`sync` rebuilds.

        Cheap and safe from any thread; tells ``on_damage`` once per damage.
        """
        first = self.damaged is None
        self.damaged = f"damaged ({error})"
        if first and self.on_damage is not None:
            self.on_damage(self.damaged)

    def _recover(self, reason: str) -> None:
        """Move the damaged database aside and start an empty one (in one process at a time).

        Another process may have done it already (the file is no longer the one
        opened): then this one only reconnects to the new file.
        """
        with one_process_at_a_time(self.path):
            try:
                replaced = self.path.stat().st_ino != self._inode
            except OSError:
                replaced = True
            if replaced:
                self._close_connections()
                self.damaged = None
                self._open_checked()
                if self.rebuilt is None:
                    self.rebuilt = reason
            else:
                self._rebuild_file(reason)

    def _register(self, conn: sqlite3.Connection) -> None:
        with self._conn_lock:
            self._by_thread[threading.current_thread()] = conn
        try:
            self._inode = self.path.stat().st_ino
        except OSError:
            self._inode = None

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection to the index.

        UI workers run each search in a new thread: a thread that has ended
        hands its connection to the next one, so connections do not pile up.
        """
        me = threading.current_thread()
        conn = self._by_thread.get(me)
        if conn is not None:
            return conn
        with self._conn_lock:
            dead = next((t for t in self._by_thread if not t.is_alive()), None)
            conn = self._by_thread.pop(dead) if dead is not None else database.connect(self.path)
            self._by_thread[me] = conn
        return conn

    def connection_count(self) -> int:
        """How many connections are open (for tests and diagnostics)."""
        return len(self._by_thread)

    def _close_connections(self) -> None:
        with self._conn_lock:
            for conn in self._by_thread.values():
                conn.close()
            self._by_thread.clear()

    def close(self) -> None:
        """Close every connection (the index can be reopened by using it again)."""
        self._close_connections()
        if self._session is not None:
            self._session.unlink(missing_ok=True)
            self._session = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        """One value of the ``meta`` table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def article_count(self) -> int:
        """How many articles are indexed."""
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def problems(self) -> list[tuple[str, str]]:
        """Every content file currently known to be (partly) unreadable, with why."""
        return [
            (shown_name(path), problem)
            for path, problem in self.db.execute(
                "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY sortkey"
            )
        ]

    def size_bytes(self) -> int:
        """Size of the database on disk (with its WAL)."""
        return sum(
            p.stat().st_size for s in ("", "-wal") if (p := Path(str(self.path) + s)).exists()
        )

    # -- writing -------------------------------------------------------------

    def _rows(self) -> RowWriter:
        """The row writer of the current update (one per sync/reindex/ingest)."""
        if self._writer is None or self._writer.db is not self.db:
            self._writer = RowWriter(self.db)
        return self._writer

    def _index_one(
        self, rel: str, mtime_ns: int, size: int, rows: list[PreparedRow] | None, err: str | None
    ) -> str | None:
        """(Re)index one file inside the current transaction; returns its problem."""
        if err is not None:  # it names the file, whose name may not be UTF-8
            err = shown_name(err)
        file_id = self._rows().file_row(rel, mtime_ns, size, err)
        self._rows().drop_file_articles(file_id)
        if rows is None:
            return err
        problems = self._rows().store_prepared(file_id, rows)
        problem = "; ".join(problems) if problems else None
        if problem:
            self.db.execute("UPDATE files SET problem = ? WHERE file_id = ?", (problem, file_id))
        return problem

    def _load(self, path: Path) -> tuple[Page | None, str | None]:
        try:
            return self._loader(path), None
        except Exception as error:  # a bad file is reported, never stops the rest
            return None, problem_text(error)

    def _prepare(self, path: Path) -> tuple[list[PreparedRow] | None, str | None]:
        page, err = self._load(path)
        return (prepare_page(page) if page is not None else None), err

    def _prepared_batches(self, paths: list[Path]) -> Generator[list[Prepared], None, None]:
        """Each batch of files loaded and prepared, in order (see reader.search.prepare)."""
        if self.workers > 0 and len(paths) >= PARALLEL_MIN_FILES and self._loader is default_loader:
            return prepared_in_workers(paths, BATCH_FILES, self.workers)
        return (
            [self._prepare(path) for path in paths[i : i + BATCH_FILES]]
            for i in range(0, len(paths), BATCH_FILES)
        )

    def _rel(self, path: Path) -> str:
        # Resolve the directory, not the file: a file that is a symbolic link
        # keeps its name inside the content directory.
        path = Path(path)
        rel = (path.parent.resolve() / path.name).relative_to(self.content_dir).as_posix()
        # A file name that is not UTF-8 (surrogate escapes) cannot be SQLite text
        # as it is: keyed losslessly, shown with U+FFFD (issue 12).
        return path_key(rel)

    def _finish(self) -> None:
        """Bring reading order and the tree up to date if an update left them stale."""
        if self.meta("order_dirty") != "0":
            with transaction(self.db) as db:
                rebuild_order(db)
                self._set_meta("order_dirty", "0")

    def _scan(self) -> Iterator[tuple[str, Path, int, int, str | None]]:
        """(key, path, mtime_ns, size, problem) of every content file, as ``check`` lists them.

        What cannot even be listed or stat()ed (a dangling link, a link loop, an
        unreadable directory) comes with its problem, the one ``check`` reports,
        so the reader's list of problems is ``check``'s (issue 12).
        """
        if not self.content_dir.is_dir():
            return
        unlisted: list[ContentProblem] = []
        lister = self._lister
        paths = (
            default_lister(self.content_dir, unlisted)
            if lister is default_lister
            else lister(self.content_dir)
        )
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                yield self._rel(path), path, 0, -1, self._load(path)[1] or "cannot read"
                continue
            yield self._rel(path), path, st.st_mtime_ns, st.st_size, None
        for problem in unlisted:
            yield self._rel(problem.path), problem.path, 0, -1, str(problem)

    def sync(
        self,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Bring the index in step with the content files; only changed files are read.

        Files whose (mtime_ns, size) differ from the index are re-read, deleted
        files are dropped. Work is committed every :data:`BATCH_FILES` files, so
        a killed or cancelled sync resumes where it stopped. ``progress(done,
        total)`` is called after each batch; ``should_cancel()`` is asked as often.
        """
        with self._lock:
            if self.damaged is not None:
                self._recover(self.damaged)
            try:
                return self._sync(progress, should_cancel)
            except sqlite3.DatabaseError as error:
                if not damage_error(error):
                    raise
                # Damage met while syncing: keep the file aside and start over
                # (the reader, told, shows the rebuild's progress).
                self._recover(f"damaged ({error})")
                if self.on_damage is not None:
                    self.on_damage(f"damaged ({error})")
                return self._sync(progress, should_cancel)

    def _sync(
        self, progress: Progress | None, should_cancel: Callable[[], bool] | None
    ) -> SyncReport:
        db = self.db
        report = SyncReport()
        # Merge what one-page re-indexes skipped, and merge again on big commits.
        merging.catch_up(db)
        known = {
            path: (file_id, mtime, size)
            for file_id, path, mtime, size in db.execute(
                "SELECT file_id, path, mtime_ns, size FROM files"
            )
        }
        todo: list[tuple[str, Path, int, int, bool]] = []
        unreadable: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        for rel, path, mtime_ns, size, problem in self._scan():
            seen.add(rel)
            old = known.get(rel)
            if old is not None and old[1:] == (mtime_ns, size):
                report.unchanged += 1
            elif problem is not None:
                unreadable.append((rel, problem, old is None))
            else:
                todo.append((rel, path, mtime_ns, size, old is None))
        gone = [(rel, old[0]) for rel, old in known.items() if rel not in seen]
        total = len(todo) + len(gone)
        if total:
            self._set_meta("order_dirty", "1")
        done = 0
        self._writer = None
        if gone:
            with transaction(db):
                for _rel, file_id in gone:
                    self._rows().drop_file_articles(file_id)
                    db.execute("DELETE FROM files WHERE file_id = ?", (file_id,))
            report.removed = done = len(gone)
            if progress:
                progress(done, total)
        if unreadable:
            db.execute("BEGIN IMMEDIATE")
            for rel, problem, new in unreadable:
                self._index_one(rel, 0, -1, None, problem)
                report.problems.append((shown_name(rel), problem))
                report.added += new
                report.updated += not new
            db.execute("COMMIT")
        prepared = self._prepared_batches([item[1] for item in todo])
        for start in range(0, len(todo), BATCH_FILES):
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                prepared.close()
                return report
            batch = todo[start : start + BATCH_FILES]
            # Parsed outside the write transaction: readers are never blocked by YAML.
            loaded = zip(batch, next(prepared), strict=True)
            with transaction(db):
                for (rel, _path, mtime_ns, size, new), (rows, err) in loaded:
                    problem = self._index_one(rel, mtime_ns, size, rows, err)
                    if problem:
                        report.problems.append((shown_name(rel), problem))
                    if new:
                        report.added += 1
                    else:
                        report.updated += 1
            done += len(batch)
            if progress:
                progress(done, total)
        self._finish()
        return report

    def reindex_file(self, path: str | os.PathLike[str]) -> str | None:
        """Re-read one changed (or deleted) content file now; returns its problem, if any.

        When the page keeps its place and its number of articles (a corrected
        typo, a changed section), only that page is touched. Otherwise reading
        order is renumbered, which costs time proportional to the archive.
        """
        path = Path(path)
        rel = self._rel(path)
        with self._lock:
            db = self.db
            old = db.execute(
                "SELECT f.file_id, count(a.docid), min(a.seq), max(a.seq), a.paper, a.date,"
                " a.page_no, a.page_name FROM files f LEFT JOIN articles a USING (file_id)"
                " WHERE f.path = ?",
                (rel,),
            ).fetchone()
            if not path.exists():
                if old is not None and old[0] is not None:
                    with transaction(db):
                        merging.pause(db)
                        self._rows().drop_file_articles(old[0])
                        db.execute("DELETE FROM files WHERE file_id = ?", (old[0],))
                        self._set_meta("order_dirty", "1")
                    self._finish()
                return None
            st = path.stat()
            page, err = self._load(path)
            rows = prepare_page(page) if page is not None else None
            self._writer = None
            with transaction(db):
                # A small commit: no FTS5 merge work now (most of its time at 1M);
                # the next sync() merges (see reader.search.merging).
                merging.pause(db)
                problem = self._index_one(rel, st.st_mtime_ns, st.st_size, rows, err)
                same_place = (
                    old is not None
                    and old[1]
                    and page is not None
                    and old[3] - old[2] + 1 == old[1]
                    and db.execute(
                        "SELECT count(*) FROM articles WHERE file_id = ?", (old[0],)
                    ).fetchone()[0]
                    == old[1]
                    and all(
                        (a.page.paper, a.page.date.isoformat() if a.page.date else None)
                        + (a.page.number, a.page.name)
                        == tuple(old[4:8])
                        for a in page.articles
                    )
                )
                if same_place:
                    assert old is not None
                    keep_place(db, old[0], old[2], tuple(old[4:8]))
                else:
                    self._set_meta("order_dirty", "1")
            self._finish()
            return problem

    def ingest(self, pages: Iterable[tuple[str, Page]], progress: Progress | None = None) -> int:
        """Index pages that are not read from files (benchmarks, importers).

        ``pages`` yields (relative path key, page); the same code path as
        :meth:`sync` stores them. Returns how many articles were stored.
        """
        with self._lock:
            db = self.db
            merging.catch_up(db)
            self._set_meta("order_dirty", "1")
            self._writer = None
            count = 0
            pending = iter(pages)
            while batch := list(islice(pending, BATCH_FILES)):
                with transaction(db):
                    for rel, page in batch:
                        self._index_one(rel, 0, 0, prepare_page(page), None)
                        count += len(page.articles)
                if progress and len(batch) == BATCH_FILES:
                    progress(count, 0)
            self._finish()
            return count


__all__ = [
    "BATCH_FILES",
    "Index",
    "SyncReport",
    "damage_error",
    "environment_error",
    "unavailable_message",
]
