"""Join outputs of bench/keys.py (one per archive) into the README's key-latency table.

    python bench/keys.py --corpus > corpus.txt
    python bench/keys.py --articles 100000 > 100k.txt
    python bench/keys_table.py corpus.txt 100k.txt --names corpus,100k

Rows are matched on (key, where); a case missing from one run shows a dash.
Keys whose p95 is over the target (100 ms) in any run are marked, and counted
at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: The issue's target: p95 at most this many ms for every key.
TARGET_MS = 100


def read_rows(path: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(key, where) → (p50, p95, redraws) from one keys.py output."""
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("`"):
            continue
        key, where, p50, p95, redraws = cells
        rows[(key, where)] = (p50, p95, redraws)
    return rows


def over(p95: str) -> bool:
    return p95.isdigit() and int(p95) > TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="outputs of bench/keys.py")
    parser.add_argument("--names", help="a name per run, comma-separated (default: file names)")
    args = parser.parse_args()
    names = args.names.split(",") if args.names else [path.stem for path in args.runs]
    if len(names) != len(args.runs):
        parser.error("give one name per run")
    runs = [read_rows(path) for path in args.runs]
    keys: list[tuple[str, str]] = []
    for run in runs:
        keys += [key for key in run if key not in keys]
    header = ["key", "where"] + [f"{name} {p}" for name in names for p in ("p50", "p95")]
    print("| " + " | ".join(header) + " |")
    print("|---|---|" + "---:|" * (2 * len(runs)))
    late = 0
    for key in keys:
        cells = [key[0], key[1]]
        missed = False
        for run in runs:
            p50, p95, redraws = run.get(key, ("–", "–", ""))
            missed |= over(p95)
            partial = "" if redraws.isdigit() or not redraws else f" ({redraws})"
            cells += [p50, f"**{p95}**" if over(p95) else p95 + partial]
        late += missed
        print("| " + " | ".join(cells) + " |")
    print(f"\n{len(keys) - late} of {len(keys)} cases within p95 ≤ {TARGET_MS} ms in every run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
