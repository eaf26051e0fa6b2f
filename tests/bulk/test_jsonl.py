"""Bulk import of JSON Lines archives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reader.errors import UserError
from reader.importer.jsonl import RecordError, import_jsonl, journal_path, parse_record
from reader.store.loader import load_content

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "tw-president-news.jsonl.gz"


def _write(path: Path, records: list[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _record(n: int, date: str = "2024-03-01", page: object = 1, **extra: object) -> dict:
    return {
        "id": f"x-{n}",
        "title": f"标题{n}",
        "date": date,
        "page": page,
        "paragraphs": [f"第{n}篇正文。"],
        **extra,
    }


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"paragraphs": ["正文"]}, "'title' is missing"),
        ({"title": "标题", "paragraphs": "正文", "date": "2024-13-01"}, "not a date"),
        ({"title": "标题", "paragraphs": [1]}, "list of strings"),
        ({"title": "标题", "paragraphs": [], "kind": "poem"}, "unknown kind"),
        ({"title": "标题", "paragraphs": [], "id": "a/b"}, "'id' may hold only"),
        ({"title": "标题", "paragraphs": [], "page": 0}, "page number"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_records_are_explained(record: object, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        parse_record(record)


def test_record_fields() -> None:
    article = parse_record(
        {
            "title": "题",
            "date": "2024-03-01",
            "paragraphs": ["甲", " "],
            "page": {"number": 3, "name": "要闻"},
            "byline": [{"role": "记者", "name": "王伟"}, "李娜"],
            "section": "头条",
            "id": 42,
        },
        paper="某报",
    )
    assert article.id == "42"
    assert article.paragraphs == ("甲",)
    assert (article.page.paper, article.page.number, article.page.name) == ("某报", 3, "要闻")
    assert article.byline_text() == "记者 王伟 李娜"
    # Without an id, the id is derived from the content: stable across runs.
    a = parse_record({"title": "题", "paragraphs": ["甲"]})
    assert a.id == parse_record({"title": "题", "paragraphs": ["甲"]}).id


def test_import_groups_pages_and_reports_bad_lines(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "a.jsonl",
        [
            _record(1),
            _record(2),
            "{not json",
            _record(3, page=2),
            {"title": 5},
            _record(4, date="2024-03-02"),
        ],
    )
    report = import_jsonl(source, tmp_path / "out", paper="某报")
    assert report.articles == 4
    assert report.pages == 3
    assert [e.split(":")[0] for e in report.errors] == ["line 3", "line 5"]
    loaded = load_content(tmp_path / "out")
    assert not loaded.problems
    assert [len(p.articles) for p in loaded.pages] == [2, 1, 1]
    assert not journal_path(tmp_path / "out", source).exists()


def test_reimport_is_harmless_and_conflicts_need_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = _write(tmp_path / "a.jsonl", [_record(1), _record(2)])
    import_jsonl(source, out, paper="某报")
    again = import_jsonl(source, out, paper="某报")
    assert again.unchanged == 2 and again.articles == 0
    changed = _write(tmp_path / "b.jsonl", [{**_record(1), "title": "改过的标题"}])
    with pytest.raises(UserError, match="--force"):
        import_jsonl(changed, out, paper="某报")
    import_jsonl(changed, out, paper="某报", force=True)
    titles = [a.title for p in load_content(out).pages for a in p.articles]
    assert titles == ["改过的标题", "标题2"]


def test_resume_continues_after_the_journal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = _write(tmp_path / "a.jsonl", [_record(n, page=n) for n in range(1, 6)])
    # A previous run got the first three lines onto disk, then died.
    import_jsonl(
        _write(tmp_path / "head.jsonl", [_record(n, page=n) for n in range(1, 4)]),
        out,
        paper="某报",
    )
    journal = journal_path(out, source)
    journal.write_text(
        json.dumps(
            {
                "source": str(source.resolve()),
                "size": source.stat().st_size,
                "paper": "某报",
                "lines_done": 3,
            }
        )
    )
    report = import_jsonl(source, out, paper="某报")
    assert report.resumed_at == 3 and report.articles == 2
    assert sum(len(p.articles) for p in load_content(out).pages) == 5


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "gbk.jsonl"
    source.write_bytes(json.dumps(_record(1), ensure_ascii=False).encode("gb18030"))
    with pytest.raises(UserError, match="not UTF-8"):
        import_jsonl(source, tmp_path / "out")


def test_gzip_input(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(_record(1), ensure_ascii=False) + "\n")
    assert import_jsonl(source, tmp_path / "out").articles == 1


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present at ../shared/corpus")
def test_the_shared_corpus_imports(tmp_path: Path) -> None:
    report = import_jsonl(CORPUS, tmp_path / "tw", paper="總統府新聞")
    assert report.errors == []
    assert report.articles == 12353


def test_cli_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    source = _write(tmp_path / "a.jsonl", [_record(1), "oops"])
    assert (
        main(["import", "--jsonl", str(source), "--paper", "某报", "--out", str(tmp_path / "o")])
        == 1
    )
    captured = capsys.readouterr()
    assert "1 articles written" in captured.out
    assert f"{source}:2: not valid JSON" in captured.err
    assert main(["import", "--jsonl", str(source), "x.txt", "--out", str(tmp_path / "o")]) == 2
    assert "not both" in capsys.readouterr().err
