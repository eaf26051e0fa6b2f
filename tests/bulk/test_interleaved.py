"""import --jsonl with pages interleaved writes each page once per batch, not at each change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.importer.jsonl as jsonl
from reader.importer.jsonl import import_jsonl
from reader.store.loader import load_page_file


def _interleaved(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            record = {
                "title": f"第{n}篇",
                "date": "2024-05-01",
                "page": 1 + n % 2,  # page 1, page 2, page 1, …
                "paragraphs": [f"正文{n}。", "同一段。"],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_interleaved_pages_are_each_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    _interleaved(source, 600)
    writes: list[Path] = []
    real = jsonl.write_page

    def counting(page, path, **kwargs):  # type: ignore[no-untyped-def]
        writes.append(path)
        return real(page, path, **kwargs)

    monkeypatch.setattr(jsonl, "write_page", counting)
    report = import_jsonl(source, tmp_path / "out", paper="日报")
    assert report.articles == 600 and not report.errors
    assert sorted(p.name for p in writes) == ["page-01.yaml", "page-02.yaml"]
    stored = [
        a.title
        for f in sorted((tmp_path / "out").rglob("page-*.yaml"))
        for a in load_page_file(f).articles
    ]
    assert sorted(stored) == sorted(f"第{n}篇" for n in range(600))


def test_a_batch_boundary_keeps_ids_unique_and_a_rerun_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "BATCH_ARTICLES", 7)
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n in range(40):  # the same story reprinted on pages 1 and 2, in batches of 7
            record = {
                "title": "同题",
                "date": "2024-05-01",
                "page": 1 + n % 2,
                "paragraphs": ["同一段。", f"第{n}段"],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    first = import_jsonl(source, tmp_path / "out", paper="日报")
    assert first.articles == 40
    ids = [
        a.id
        for f in sorted((tmp_path / "out").rglob("page-*.yaml"))
        for a in load_page_file(f).articles
    ]
    assert len(ids) == 40 == len(set(ids))
    again = import_jsonl(source, tmp_path / "out", paper="日报")
    assert again.articles == 0 and again.unchanged == 40
