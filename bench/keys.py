"""Key latency: how long each key of the reader takes until the screen settles.

    python bench/keys.py --corpus                 # the shared corpus, imported into a temp dir
    python bench/keys.py --articles 100000        # a generated archive (bench/make_archive.py)
    python bench/keys.py --content DIR            # any content directory
    python bench/keys.py --corpus --only escape,enter   # a few keys again
    python bench/keys.py --corpus --samples       # each press's time too, under its row

The reader runs in a real pty (120×40 unless --size says otherwise), exactly as
a user starts it. For every key it sends the key's bytes and times until the
terminal output goes quiet (no byte for --quiet-ms): the time from the key to
the last byte of the redraw it caused. Each key is pressed --repeat times in
its own context (the list, the reader, the tree, search) and the p50 and p95
are printed as a Markdown table (the README's table joins two such outputs,
one per archive, by key and context). The first line says when, on what, and
the machine's load average then (the table means little on a busy machine).

Keys that scroll the reader (j, space, G, PageDown …) have nothing to do in an
article that fits the pane, and the article under the cursor at start is often
a short one. So before starting the reader the bench picks, with the project's
own catalogue (reader.search), the longest of the first :data:`NEWEST` articles
in the reader's order (the first paper's newest editions, where the reader
starts) and writes into the reader's private state (reader.state) both the last
position (the reader starts on that article) and a bookmark on it, its only
bookmark. Every reader case opens it with ``B enter`` (:data:`OPEN_LONG`): the
bookmark list reopens that article at its top wherever earlier cases left the
list's cursor (``J``, ``n`` or ``space`` at the end move on to other articles,
and ``enter`` alone would open whatever they left under the cursor). ``n`` and
``N`` between matches need matches shown: those cases look for a word that
occurs all through the long article with ``ctrl+f`` first (:data:`FIND_WORD`).
Cases that move a cursor to an edge (``G``, ``g``, ``PageDown`` in the tree)
move it back after each press, so that every press has something to do.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from terminal import start_reader  # noqa: E402

from reader.contracts import ROOT  # noqa: E402
from reader.model import Article  # noqa: E402
from reader.search.catalog import SqliteCatalog  # noqa: E402
from reader.search.engine import match_spans  # noqa: E402
from reader.search.index import Index  # noqa: E402
from reader.state import Position, ReadingState, state_db_path  # noqa: E402
from reader.state.settings import DEFAULT_MEASURE  # noqa: E402
from reader.typeset import TypesetOptions, set_article  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/tw-president-news.jsonl.gz"

ESC = "\x1b"
PAGE_DOWN = "\x1b[6~"
PAGE_UP = "\x1b[5~"
SHIFT_TAB = "\x1b[Z"
CTRL_F = "\x06"
CTRL_P = "\x10"

#: The reader cases read the longest of this many articles at the top of the
#: reader's order (the first paper's newest editions: where the reader starts).
NEWEST = 300
#: From anywhere in the list: open the long article (the only bookmark) at its top.
OPEN_LONG = ("B", "\r")
#: Typed where a case says so: a word found all through the long article.
FIND_WORD = "<word>"
#: Open the long article and find that word in it (its matches shown: n/N walk them).
FIND_IN_LONG = (*OPEN_LONG, CTRL_F, FIND_WORD, "\r")

#: What a terminal sends for each key (Textual's names): tests/test_bench_keys.py
#: checks that every key of reader.ui.keys is pressed by some case below.
SEQUENCES = {
    "escape": ESC,
    "pagedown": PAGE_DOWN,
    "pageup": PAGE_UP,
    "shift+tab": SHIFT_TAB,
    "tab": "\t",
    "enter": "\r",
    "space": " ",
    "ctrl+f": CTRL_F,
    "ctrl+p": CTRL_P,
    "slash": "/",
    "question_mark": "?",
    "exclamation_mark": "!",
    "plus": "+",
    "minus": "-",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
}
#: Keys of the reader not measured, and why.
NOT_MEASURED = {
    "quit": "ends the run",
    "fetch": "fetches from the network (subscriptions)",
    "open_url": "starts a browser",
}


@dataclass(frozen=True)
class Case:
    """One key measured in one context: keys to get there, the key, keys to leave."""

    label: str
    context: str
    key: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


CASES: tuple[Case, ...] = (
    Case("j", "list", "j", after=("k",)),
    Case("k", "list", "k", before=("j",)),
    Case("PageDown", "list", PAGE_DOWN, after=(PAGE_UP,)),
    Case("G", "list", "G", after=("g",)),
    Case("g", "list", "g", before=("G",)),
    Case("n", "list", "n"),
    Case("p", "list", "p"),
    Case("J", "list", "J"),
    Case("K", "list", "K"),
    Case("]", "list", "]"),
    Case("[", "list", "["),
    Case("}", "list", "}"),
    Case("{", "list", "{"),
    Case("D", "list", "D"),
    Case("O", "list", "O", after=("O",)),
    Case("enter", "list", "\r", after=(ESC,)),
    Case("j", "reader", "j", before=OPEN_LONG, after=(ESC,)),
    Case("space", "reader", " ", before=OPEN_LONG, after=(ESC,)),
    Case("b", "reader", "b", before=(*OPEN_LONG, " "), after=(ESC,)),
    Case("J", "reader", "J", before=OPEN_LONG, after=(ESC,)),
    Case("K", "reader", "K", before=OPEN_LONG, after=(ESC,)),
    Case("escape", "reader", ESC, before=OPEN_LONG),
    Case("y", "reader", "y", before=OPEN_LONG, after=(ESC,)),
    Case("Y", "list", "Y"),
    Case("F", "reader", "F", before=OPEN_LONG, after=("F", ESC)),
    Case("PageDown", "tree", PAGE_DOWN, before=(SHIFT_TAB,), after=(PAGE_UP, "\t")),
    Case("h", "tree", "h", before=(SHIFT_TAB,), after=("l", "\t")),
    Case("l", "tree", "l", before=(SHIFT_TAB, "h"), after=("\t",)),
    Case("/", "list", "/", after=(ESC,)),
    Case("escape", "search", ESC, before=("/",)),
    # g: the tree's first node, the whole paper (29,405 articles in the 100k archive).
    Case("M", "tree", "M", before=(SHIFT_TAB, "g"), after=("u", "\t")),
    Case("u", "tree", "u", before=(SHIFT_TAB, "g", "M"), after=("\t",)),
    # The rest of the key table (add a case here for a new key: a test checks).
    Case("PageUp", "list", PAGE_UP, before=(PAGE_DOWN,)),
    Case("PageDown", "reader", PAGE_DOWN, before=OPEN_LONG, after=(ESC,)),
    Case("PageUp", "reader", PAGE_UP, before=(*OPEN_LONG, PAGE_DOWN), after=(ESC,)),
    Case("PageUp", "tree", PAGE_UP, before=(SHIFT_TAB, PAGE_DOWN), after=("\t",)),
    Case("G", "reader", "G", before=OPEN_LONG, after=(ESC,)),
    Case("g", "reader", "g", before=(*OPEN_LONG, "G"), after=(ESC,)),
    Case("n", "reader", "n", before=OPEN_LONG, after=(ESC,)),
    # n and N between the matches of a find in the article (escape clears them).
    Case("n", "reader, matches", "n", before=FIND_IN_LONG, after=(ESC, ESC)),
    Case("N", "reader, matches", "N", before=FIND_IN_LONG, after=(ESC, ESC)),
    Case("tab", "list", "\t", after=(SHIFT_TAB,)),
    Case("shift+tab", "list", SHIFT_TAB, after=("\t",)),
    Case("d", "list", "d", after=(ESC,)),
    Case("M", "list", "M", after=("u",)),
    Case("u", "list", "u", before=("M",)),
    Case("m", "list", "m", after=("m",)),
    Case("s", "list", "s", after=("s",)),
    Case("B", "list", "B", before=("s",), after=(ESC, "s")),
    Case("+", "reader", "+", before=OPEN_LONG, after=("-", ESC)),
    Case("-", "reader", "-", before=OPEN_LONG, after=("+", ESC)),
    Case("f", "reader", "f", before=OPEN_LONG, after=("f", ESC)),
    Case("i", "reader", "i", before=OPEN_LONG, after=("i", ESC)),
    Case("o", "reader", "o", before=OPEN_LONG, after=("o", ESC)),
    Case("a", "reader", "a", before=OPEN_LONG, after=("a", ESC)),
    Case("Y", "reader", "Y", before=OPEN_LONG, after=(ESC,)),
    Case("ctrl+f", "reader", CTRL_F, before=OPEN_LONG, after=(ESC, ESC)),
    Case("t", "list", "t", after=("T",)),
    Case("T", "list", "T", after=("t",)),
    Case("?", "list", "?", after=(ESC,)),
    Case("escape", "help", ESC, before=("?",)),
    Case("!", "list", "!", after=(ESC,)),
    Case("ctrl+p", "list", CTRL_P, after=(ESC,)),
    # The search results (a virtual list): 總統 matches most of the shared corpus,
    # so G lands on a page that is not loaded yet and fetches it in a worker.
    Case("G", "results", "G", before=("/", "總統", "\t"), after=(ESC,)),
    Case("PageDown", "results", PAGE_DOWN, before=("/", "總統", "\t"), after=(ESC,)),
    Case("j", "results", "j", before=("/", "總統", "\t"), after=(ESC,)),
    Case("g", "results", "g", before=("/", "總統", "\t", "G"), after=(ESC,)),
    Case("enter", "results", "\r", before=("/", "總統", "\t"), after=(ESC, ESC)),
    Case("escape", "reader from results", ESC, before=("/", "總統", "\t", "\r"), after=(ESC,)),
)


@dataclass(frozen=True)
class LongArticle:
    """The article the reader cases read, and a word for the cases that find in it."""

    id: str
    title: str
    #: Display lines at the default measure (the pane at 120×40 sets it so):
    #: more than the terminal has rows, so it does not fit the pane.
    lines: int
    #: Two characters in at least three of its paragraphs; None if no such pair.
    word: str | None


def long_article(content: Path, cache: Path, newest: int = NEWEST) -> LongArticle | None:
    """The longest of the first ``newest`` articles in the reader's order; None if none.

    Asked of the index in ``cache`` (built already) through the reader's own
    catalogue, in the order of its tree and lists: the first paper, newest
    editions first, each in the reading order of its pages.
    """
    with Index(content, cache_dir=cache) as index:
        catalog = SqliteCatalog(index)
        summaries = catalog.summaries(ROOT, 0, newest)
        if not summaries:
            return None
        longest = max(summaries, key=lambda summary: summary.char_count)
        article = catalog.article(longest.id)
    if article is None:
        return None
    lines = len(set_article(article, DEFAULT_MEASURE * 2, TypesetOptions()))
    return LongArticle(article.id, article.title, lines, _spread_word(article))


def _spread_word(article: Article, paragraphs: int = 3) -> str | None:
    """Two letters or characters that the reader's find matches in most paragraphs.

    At least ``paragraphs`` of them, so n and N jump through the whole article.
    """
    spread: Counter[str] = Counter()
    for text in article.paragraphs:
        spread.update({text[i : i + 2] for i in range(len(text) - 1) if text[i : i + 2].isalnum()})
    for word, count in spread.most_common(20):
        if count < paragraphs:
            break
        if sum(1 for text in article.paragraphs if match_spans(text, word)) >= paragraphs:
            return word
    return None


def start_at(content: Path, state_dir: Path, article_id: str) -> None:
    """Make the reader (state in ``state_dir``) start on ``article_id``, its only bookmark."""
    state = ReadingState(content, db_path=state_dir / state_db_path().name)
    try:
        state.save_position(Position(article_id))
        state.set_bookmark(article_id)
    finally:
        state.close()


class Terminal:
    """The reader in a pty; a thread records when output bytes arrive."""

    def __init__(self, content: Path, env: dict[str, str], cols: int, rows: int) -> None:
        self.proc, self.master = start_reader(content, env, cols, rows)
        self.last_byte = time.perf_counter()
        self.bytes = 0
        self._stop = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.bytes += len(data)
            self.last_byte = time.perf_counter()

    def settle(self, quiet: float, limit: float) -> float:
        """Wait until no output came for ``quiet`` s; the time of the last byte."""
        started = time.perf_counter()
        while True:
            time.sleep(quiet / 4)
            now = time.perf_counter()
            if now - self.last_byte >= quiet or now - started > limit:
                return self.last_byte

    def press(self, key: str, quiet: float) -> float | None:
        """Send ``key``; seconds until its redraw ended, None if nothing was redrawn.

        The redraw is over when the output has been quiet for ``quiet`` seconds
        after its first byte; a key that changes nothing is given two seconds.
        """
        self.settle(quiet, 5)
        before = self.bytes
        sent = time.perf_counter()
        os.write(self.master, key.encode())
        while self.bytes == before:
            if time.perf_counter() - sent > 2:
                return None
            time.sleep(0.001)
        last = self.settle(quiet, 10)
        return last - sent

    def start(self, limit: float = 120) -> None:
        """Wait for the first screen, then for the output to rest."""
        started = time.perf_counter()
        while self.bytes < 2000 and time.perf_counter() - started < limit:
            time.sleep(0.05)
        self.settle(2.0, limit)

    def close(self) -> None:
        try:
            os.write(self.master, b"q")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        self._stop = True
        os.close(self.master)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _import_corpus(into: Path) -> Path:
    content = into / "corpus"
    subprocess.run(
        [sys.executable, "-m", "reader", "import", "--jsonl", str(CORPUS), "--paper", "总统府新闻"]
        + ["--out", str(content)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return content


def _build_index(content: Path, cache: Path) -> None:
    with Index(content, cache_dir=cache) as index:
        index.sync()


def _header(content: Path, cols: int, rows: int, repeat: int, quiet: float) -> str:
    """The first line: when, how idle the machine was, and what was measured."""
    now = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = " ".join(f"{figure:.2f}" for figure in os.getloadavg())
    return (
        f"{now}, load average {load}: {content} at {cols}×{rows}, "
        f"{repeat} presses each, quiet {quiet * 1000:.0f} ms"
    )


def _describe(long: LongArticle | None, rows: int) -> str:
    """What the reader cases read (said under the first line)."""
    if long is None:
        return "reader cases: no article to read"
    fits = (
        " (WARNING: fits the pane, scrolling keys have nothing to do)" if long.lines <= rows else ""
    )
    word = f"find {long.word}" if long.word else "no word to find: n/N between matches skipped"
    return f"reader cases read {long.title} ({long.id}, {long.lines} lines){fits}; {word}"


def measure(
    content: Path,
    cache: Path,
    cols: int,
    rows: int,
    repeat: int,
    quiet: float,
    where: str | None = None,
    only: set[str] | None = None,
    samples: bool = False,
) -> None:
    """Print the table of settle times for every case (or those of one context, or keys)."""
    long = long_article(content, cache)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "ZHPAPER_STATE_DIR": str(Path(tmp) / "state"),
            "ZHPAPER_CONFIG_DIR": str(Path(tmp) / "config"),
            "ZHPAPER_CACHE_DIR": str(cache),
        }
        if long is not None:
            start_at(content, Path(env["ZHPAPER_STATE_DIR"]), long.id)
        typed = {FIND_WORD: long.word if long is not None else None}
        print(_header(content, cols, rows, repeat, quiet))
        print(_describe(long, rows))
        terminal = Terminal(content, env, cols, rows)
        try:
            terminal.start()
            print("| key | where | p50 ms | p95 ms | redraws |\n|---|---|---:|---:|---:|")
            for case in CASES:
                if where is not None and case.context != where:
                    continue
                if only is not None and case.label not in only:
                    continue
                keys = (*case.before, case.key, *case.after)
                if any(key in typed and typed[key] is None for key in keys):
                    print(f"| `{case.label}` | {case.context} | – | – | not run |")
                    continue
                times: list[float] = []
                for _ in range(repeat):
                    for key in case.before:
                        terminal.press(typed.get(key) or key, quiet)
                    took = terminal.press(case.key, quiet)
                    if took is not None:
                        times.append(took * 1000)
                    for key in case.after:
                        terminal.press(key, quiet)
                if not times:
                    print(f"| `{case.label}` | {case.context} | – | – | 0 of {repeat} redrew |")
                    continue
                p50, p95 = statistics.median(times), _percentile(times, 95)
                counted = f"{len(times)}" + (f" of {repeat}" if len(times) < repeat else "")
                print(f"| `{case.label}` | {case.context} | {p50:.0f} | {p95:.0f} | {counted} |")
                if samples:
                    print("<!-- " + " ".join(f"{took:.0f}" for took in times) + " -->")
                sys.stdout.flush()
        finally:
            terminal.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--content", type=Path, help="a content directory")
    source.add_argument("--corpus", action="store_true", help="import the shared corpus first")
    source.add_argument("--articles", type=int, help="generate an archive of this many")
    parser.add_argument("--size", default="120x40", help="terminal COLSxROWS (default 120x40)")
    parser.add_argument("--repeat", type=int, default=20, help="presses of each key")
    parser.add_argument("--quiet-ms", type=float, default=60, help="silence that ends a redraw")
    parser.add_argument("--keep", type=Path, help="keep the content and index here (reused)")
    parser.add_argument("--where", help="only the keys of this context (list, reader, results …)")
    parser.add_argument(
        "--samples", action="store_true", help="each press's time too, in order, under its row"
    )
    parser.add_argument(
        "--only", help="only these keys, by the table's labels, comma-separated (escape,enter)"
    )
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    only = None
    if args.only:
        only = {label.strip() for label in args.only.split(",") if label.strip()}
        unknown = only - {case.label for case in CASES}
        if unknown:
            parser.error("no case has the label " + ", ".join(sorted(unknown)))
    work = args.keep or Path(tempfile.mkdtemp(prefix="zhpaper-keys-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.content:
            content = args.content
        elif args.corpus:
            content = work / "corpus"
            if not content.exists():
                content = _import_corpus(work)
        else:
            from run import ensure_archive

            content = ensure_archive(args.articles, work / f"archive-{args.articles}")
        cache = work / "cache"
        _build_index(content, cache)
        measure(
            content,
            cache,
            cols,
            rows,
            args.repeat,
            args.quiet_ms / 1000,
            args.where,
            only,
            args.samples,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
