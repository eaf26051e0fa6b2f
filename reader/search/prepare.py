"""Loading and preparing content files for the index, here or in worker processes.

Loading YAML, folding, tokenizing and compressing are most of the CPU work of
indexing; SQLite's single writer is the rest. A big update therefore prepares
files in worker processes while the writer inserts the previous batch.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Page
from reader.search.rows import PreparedRow, prepare_page

if TYPE_CHECKING:
    from reader.store.loader import ContentProblem

Prepared = tuple[list[PreparedRow] | None, str | None]


def default_loader(path: Path) -> Page:
    """The store's loader (imported late: the search layer loads without it)."""
    from reader.store.loader import load_page_file

    return load_page_file(path)


def default_lister(root: Path, problems: list[ContentProblem] | None = None) -> Iterable[Path]:
    """Every content file below ``root``, as the store lists them (and ``check``).

    Directories that cannot be read are added to ``problems`` when given.
    """
    from reader.store.loader import iter_content_files

    return iter_content_files(root, problems)


def default_workers() -> int:
    """Worker processes for a big update on this machine."""
    # One core stays with the writer (this process); beyond 3 helpers the
    # single SQLite writer is the bottleneck anyway.
    return max(0, min(3, (os.cpu_count() or 1) - 1))


def problem_text(error: Exception) -> str:
    """One line saying why a file could not be loaded."""
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(str(p) for p in problems)
    return f"{type(error).__name__}: {error}"


def prepare_file(path: Path) -> Prepared:
    """Load and prepare one file with the real loader (runs in worker processes)."""
    try:
        page = default_loader(path)
    except Exception as error:  # reported per file, never stops the rest
        return None, problem_text(error)
    return prepare_page(page), None


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: leave when the process that started us is gone.

    A SIGKILLed reader cannot shut its pool down, and a worker waiting on the
    task queue never sees EOF (it holds the queue's write end itself), so it
    would wait forever (issue 7: found by the kill tests).
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def prepared_in_workers(
    paths: list[Path], batch_files: int, workers: int
) -> Generator[list[Prepared], None, None]:
    """Each batch of ``paths`` prepared by ``workers`` processes, in order.

    Two batches are in flight at most, so memory stays bounded whatever the
    archive's size. Closing the generator cancels the work not yet started. If
    a worker dies (killed, out of memory), the rest is prepared in this process.
    """
    import multiprocessing
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor

    batches = [paths[i : i + batch_files] for i in range(0, len(paths), batch_files)]
    if not batches:
        return
    context = multiprocessing.get_context("spawn")  # fork is unsafe in threaded apps
    start = 0  # the first batch not yet handed out
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        try:
            pending = pool.map(prepare_file, batches[0], chunksize=10)
            for index in range(len(batches)):
                following = (
                    pool.map(prepare_file, batches[index + 1], chunksize=10)
                    if index + 1 < len(batches)
                    else None
                )
                yield list(pending)
                start = index + 1
                if following is not None:
                    pending = following
        except BrokenExecutor:
            pass  # a dead worker must not end the sync with a traceback (issue 7)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    for batch in batches[start:]:
        yield [prepare_file(path) for path in batch]


__all__ = [
    "Prepared",
    "default_loader",
    "default_lister",
    "default_workers",
    "prepare_file",
    "prepared_in_workers",
    "problem_text",
]
