"""bench/keys.py: every key of the key table has a case; the reader cases read a long article."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reader.ui.keys import KEYS

BENCH = Path(__file__).resolve().parent.parent / "bench" / "keys.py"


def _bench():  # bench/ is not a package: load the script as a module (it runs nothing on import)
    spec = importlib.util.spec_from_file_location("bench_keys", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_key_of_the_key_table_has_a_case_or_a_reason() -> None:
    bench = _bench()
    pressed = {case.key for case in bench.CASES}
    missing = []
    for key in KEYS:
        if key.id in bench.NOT_MEASURED:
            continue
        sequences = {
            bench.SEQUENCES.get(name.strip(), name.strip()) for name in key.default_keys.split(",")
        }
        if not sequences & pressed:
            missing.append(f"{key.id} ({key.default_keys})")
    assert missing == [], "add a Case to bench/keys.py for: " + ", ".join(missing)


def test_every_case_presses_a_known_key() -> None:
    bench = _bench()
    known = {
        bench.SEQUENCES.get(n.strip(), n.strip()) for k in KEYS for n in k.default_keys.split(",")
    }
    for case in bench.CASES:
        assert case.key in known, case
        for key in (*case.before, *case.after):
            assert key in known or len(key) > 1, (case, key)  # a typed query ("總統") is text


def _record(article_id: str, date: str, paragraphs: list[str]) -> dict[str, object]:
    return {
        "id": article_id,
        "title": f"标题{article_id}",
        "date": date,
        "page": 1,
        "paragraphs": paragraphs,
    }


LONG_PARAGRAPH = "总统今天出席典礼，致词时表示，台湾与世界各国的交流会持续深化，也会继续守护民主。"


@pytest.fixture
def content(tmp_path: Path) -> tuple[Path, Path]:
    """Two editions: the newest holds one long article among short ones, the older a longer one."""
    from reader.importer.jsonl import import_records
    from reader.search.index import Index

    records = [
        _record("old-long", "2024-05-01", [LONG_PARAGRAPH] * 120),
        _record("new-short-1", "2024-05-09", ["短文。"]),
        _record("new-long", "2024-05-09", [LONG_PARAGRAPH] * 60),
        _record("new-short-2", "2024-05-09", ["另一篇短文。"]),
    ]
    content, cache = tmp_path / "content", tmp_path / "cache"
    import_records(records, content, paper="测试报")
    with Index(content, cache_dir=cache) as index:
        assert not index.sync().problems
    return content, cache


def test_the_reader_cases_read_the_longest_article_of_the_newest(
    content: tuple[Path, Path],
) -> None:
    from reader.search.engine import match_spans

    bench = _bench()
    long = bench.long_article(*content, newest=3)
    assert long is not None and long.id == "new-long"
    assert long.lines > 40  # more than a 120×40 terminal has rows
    assert long.word is not None
    assert match_spans(LONG_PARAGRAPH, long.word)  # the reader's find finds it
    # All four articles: the older edition's longer one.
    assert bench.long_article(*content, newest=10).id == "old-long"


def test_no_article_no_long_article(tmp_path: Path) -> None:
    from reader.search.index import Index

    (tmp_path / "content").mkdir()
    with Index(tmp_path / "content", cache_dir=tmp_path / "cache") as index:
        index.sync()
    assert _bench().long_article(tmp_path / "content", tmp_path / "cache") is None


def test_the_reader_starts_on_the_long_article_its_only_bookmark(
    content: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.loading import read_state

    bench = _bench()
    bench.start_at(content[0], tmp_path / "state", "new-long")
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    reading = read_state(content[0])  # what the reader reads at start
    assert reading.position is not None and reading.position.article_id == "new-long"
    assert reading.bookmarks == {"new-long"}
    assert reading.state is not None
    reading.state.close()


def test_every_reader_case_opens_the_long_article_first() -> None:
    bench = _bench()
    for case in bench.CASES:
        if case.context.startswith("reader") and case.context != "reader from results":
            assert case.before[: len(bench.OPEN_LONG)] == bench.OPEN_LONG, case


def test_keys_table_joins_runs_on_key_and_context(tmp_path, capsys, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("keys_table", BENCH.parent / "keys_table.py")
    assert spec is not None and spec.loader is not None
    keys_table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(keys_table)

    header = "| key | where | p50 ms | p95 ms | redraws |\n|---|---|---:|---:|---:|\n"
    (tmp_path / "a.txt").write_text(
        "first line\n" + header + "| `j` | list | 10 | 20 | 8 |\n| `t` | list | 90 | 130 | 8 |\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        header + "| `t` | list | 80 | 99 | 6 |\n| `M` | tree | 50 | 60 | 3 of 6 |\n",
        encoding="utf-8",
    )
    argv = ["keys_table", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--names", "x,y"]
    monkeypatch.setattr(sys, "argv", argv)
    assert keys_table.main() == 0
    out = capsys.readouterr().out
    assert "| `j` | list | 10 | 20 | – | – |" in out
    assert "| `t` | list | 90 | **130** | 80 | 99 |" in out  # over in one run: marked
    assert "| `M` | tree | – | – | 50 | 60 (3 of 6) |" in out
    assert "2 of 3 cases within p95 ≤ 100 ms in every run." in out
