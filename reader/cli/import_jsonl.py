"""`zhpaper import --jsonl FILE`: bulk import with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from reader.errors import UserError, say
from reader.importer.jsonl import import_jsonl

#: How many bad lines are listed one by one before the rest are only counted.
SHOWN_ERRORS = 20


def run_jsonl(source: Path, out: Path, *, paper: str | None, force: bool) -> int:
    """Import ``source`` into ``out``; exit status 1 if any line could not be imported."""
    if not source.is_file():
        raise UserError(f"{source}: no such file")
    console = Console(stderr=True)
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]:,} articles"),
        TimeRemainingColumn(),
    )
    with Progress(
        *columns, console=console, transient=False, disable=not console.is_terminal
    ) as bar:
        task = bar.add_task("importing", total=None, articles=0)

        def progress(done: int, total: int | None, articles: int) -> None:
            bar.update(task, completed=done, total=total, articles=articles)

        report = import_jsonl(source, out, paper=paper, force=force, progress=progress)
    if report.resumed_at:
        say(f"resumed after line {report.resumed_at:,} (an earlier import was interrupted)")
    summary = (
        f"{source} → {out}: {report.articles:,} articles written in {report.pages:,} page files"
        + (f", {report.unchanged:,} already stored" if report.unchanged else "")
        + (f", {report.upgraded:,} upgraded from an earlier import" if report.upgraded else "")
    )
    say(summary)
    for error in report.errors[:SHOWN_ERRORS]:
        where = error.removeprefix("line ")  # "N: message" → FILE:N: message
        say(f"  {source}:{where}", file=sys.stderr)
    if len(report.errors) > SHOWN_ERRORS:
        say(f"  … and {len(report.errors) - SHOWN_ERRORS:,} more bad lines", file=sys.stderr)
    if report.errors:
        say(f"{len(report.errors):,} line(s) could not be imported (listed above)", file=sys.stderr)
        return 1
    return 0
