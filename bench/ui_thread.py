"""What the reader does on its UI thread, and how long each call takes.

    python bench/ui_thread.py --content DIR [--keys "j j J n M u B"] [--size 120x40]

The reader runs headless (Textual's Pilot) over DIR's index (built first if
needed, in --cache). Every catalogue question, every reading-state write and
the screen's handlers that touch them are timed when they run on the UI thread
(workers are not counted: that is where slow work belongs). The keys are
pressed twice; the table lists each call's count, median and worst time and
the key that caused the worst. Nothing on the UI thread should take over 50 ms.
Timings of a shared machine are noisy: compare runs made one after the other.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_KEYS = (
    "j j j pagedown pagedown pageup G g enter space space b escape J K n p "
    "right_square_bracket left_square_bracket right_curly_bracket left_curly_bracket D O O "
    "s j s B escape M u shift+tab l h pagedown pageup up up up M u tab enter J K escape "
    "question_mark escape"
)

#: (module, class, methods) timed when called on the UI thread.
TIMED = (
    (
        "reader.search.catalog",
        "SqliteCatalog",
        "children count_children count summaries position step article count_among",
    ),
    (
        "reader.state.store",
        "ReadingState",
        "read_ids set_read set_read_many bookmarks set_bookmark save_position",
    ),
    (
        "reader.ui.screens.main",
        "MainScreen",
        "open_article _follow _show_scope _fill _set_read_many _scope_read _found "
        "action_bookmarks _mark_read _reader_moved action_fold",
    ),
    ("reader.ui.widgets.sidebar", "Sidebar", "load refresh_counts find_scope select"),
    ("reader.ui.widgets.reading_pane", "ReadingPane", "_layout"),
    ("reader.ui.widgets.article_list", "ArticleList", "summary"),
)


class Timings:
    """Calls on the UI thread: label → [(ms, key being handled)]."""

    def __init__(self) -> None:
        self.calls: dict[str, list[tuple[float, str]]] = defaultdict(list)
        self.key = "start"
        self._ui = threading.main_thread()

    def wrap(self, owner: type, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        label = f"{owner.__name__}.{name}"

        @wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is not self._ui:
                return original(*args, **kwargs)
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls[label].append(((time.perf_counter() - started) * 1000, self.key))

        setattr(owner, name, timed)

    def print_table(self) -> None:
        print("| call on the UI thread | calls | median ms | worst ms | worst on key |")
        print("|---|---:|---:|---:|---|")
        rows = sorted(self.calls.items(), key=lambda item: -max(ms for ms, _ in item[1]))
        for label, calls in rows:
            worst, key = max(calls)
            median = statistics.median(ms for ms, _ in calls)
            print(f"| `{label}` | {len(calls)} | {median:.1f} | {worst:.1f} | `{key}` |")


async def drive(content: Path, keys: list[str], size: tuple[int, int], timings: Timings) -> None:
    from reader.search.opening import open_catalog
    from reader.ui.app import ReaderApp

    opened = open_catalog(content)  # brings the index up to date first (not timed)
    app = ReaderApp(content, lambda _dir: opened)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(2):
            for key in keys:
                timings.key = key
                await pilot.press(key)
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, required=True, help="a content directory")
    parser.add_argument("--cache", type=Path, help="where the index is kept (default: a temp dir)")
    parser.add_argument("--keys", default=DEFAULT_KEYS, help="Textual key names, space-separated")
    parser.add_argument("--size", default="120x40", help="COLSxROWS (default 120x40)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="zhpaper-ui-thread-"))
    os.environ["ZHPAPER_CACHE_DIR"] = str(args.cache or scratch / "cache")
    os.environ["ZHPAPER_STATE_DIR"] = str(scratch / "state")
    os.environ["ZHPAPER_CONFIG_DIR"] = str(scratch / "config")
    timings = Timings()
    import importlib

    for module, name, methods in TIMED:
        owner = getattr(importlib.import_module(module), name)
        for method in methods.split():
            timings.wrap(owner, method)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    print(f"{args.content} at {cols}×{rows}: {args.keys}\n")
    asyncio.run(drive(args.content, args.keys.split(), (cols, rows), timings))
    timings.print_table()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
