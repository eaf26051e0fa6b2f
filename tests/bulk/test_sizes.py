"""Sizes: the importers never write what the loader refuses, and stay linear.

A page too big for one file is split into parts; a raw page with tens of
thousands of notes prints a summary of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.loader import MAX_NODES, load_content

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f7f43db65705d640.txt"
TEXT = "近年来，武川县坚持新时代好干部标准，把政治标准放在首位，树立重实干、重实绩的鲜明导向。"


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_more_articles_on_one_page_than_one_file_holds_are_split_and_all_load(
    tmp_path: Path, capsys
) -> None:
    count = MAX_NODES // 12  # more YAML values than one file may hold
    records = [
        {"id": f"a{i}", "title": f"标题{i}", "date": "2024-01-01", "page": 1, "paragraphs": [TEXT]}
        for i in range(count)
    ]
    source = _write_jsonl(tmp_path / "one-page.jsonl", records)
    out = tmp_path / "out"
    assert main(["import", "--jsonl", str(source), "--paper", "甲报", "--out", str(out)]) == 0
    assert main(["check", "--content", str(out)]) == 0
    loaded = load_content(out)
    assert not loaded.problems
    ids = [a.id for page in loaded.pages for a in page.articles]
    assert ids == [f"a{i}" for i in range(count)]  # in order, one page in several files
    assert len(loaded.files) > 1
    assert len({page.ref for page in loaded.pages}) == 1
    capsys.readouterr()
    # Resuming or re-running merges across all the parts: nothing is written twice.
    assert main(["import", "--jsonl", str(source), "--paper", "甲报", "--out", str(out)]) == 0
    assert f"{count:,} already stored" in capsys.readouterr().out
    assert [a.id for page in load_content(out).pages for a in page.articles] == ids


def test_an_article_no_file_can_hold_is_a_bad_line_not_a_file_check_refuses(
    tmp_path: Path, capsys
) -> None:
    huge = {"id": "h", "title": "大", "date": "2024-01-01", "paragraphs": ["字" * 13_000_000]}
    fine = {"id": "f", "title": "小", "date": "2024-01-01", "paragraphs": [TEXT]}
    source = _write_jsonl(tmp_path / "huge.jsonl", [huge, fine])
    out = tmp_path / "out"
    assert main(["import", "--jsonl", str(source), "--paper", "甲报", "--out", str(out)]) == 1
    assert "huge.jsonl:1: article too large" in capsys.readouterr().err
    assert main(["check", "--content", str(out)]) == 0


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")
def test_a_one_line_page_of_several_megabytes_imports_to_a_file_that_loads(
    tmp_path: Path,
) -> None:
    line = SEED.read_text("utf-8").replace("\n", "")
    raw = tmp_path / "one-line.txt"
    raw.write_text(line * (5_000_000 // len(line.encode())) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["import", str(raw), "--out", str(out)]) == 0
    assert main(["check", "--content", str(out)]) == 0
    loaded = load_content(out)
    text = "".join(p for page in loaded.pages for a in page.articles for p in a.paragraphs)
    assert text == raw.read_text("utf-8").strip()


def test_tens_of_thousands_of_notes_are_summarised(tmp_path: Path, capsys) -> None:
    pieces = [
        "本报讯（记者 张三 李四）",
        "■本报记者 郝晓燕 摄",
        "推动干部愿担",
        "党旗领航",
        "纷纷表示:",
        "“催化剂”。把考评结果",
    ]
    raw = tmp_path / "structure.txt"
    raw.write_text("\n".join(pieces[i % len(pieces)] for i in range(12_000)) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["import", str(raw), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) <= 40
    assert "more notes:" in printed[-1] and "×" in printed[-1]
    assert main(["check", "--content", str(out)]) == 0
