"""Unique, stable ids on import: reprints stay two articles; re-runs write nothing.

Real papers reprint a front-page story on a later page of the same day, with the
same title and first paragraph; archives often carry no ``id``. Every article
must survive import, ``check`` and export, and re-importing must be harmless.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.importer.ids import IdAssigner, derived_id
from reader.importer.jsonl import import_jsonl, journal_path, parse_record
from reader.model import Page
from reader.store.loader import iter_content_files, load_content, load_page_file
from reader.store.writer import page_to_yaml

FIRST = "新华社北京5月9日电 国家主席今天在人民大会堂会见外宾。"


def _story(page: int, *, n: int = 0, **more: object) -> dict[str, object]:
    return {
        "title": "会见外宾",
        "date": "2024-05-09",
        "page": page,
        "paragraphs": [FIRST, f"第{n}种结尾。"],
        **more,
    }


RECORDS = [
    _story(1, n=1, url="http://x.cn/1.htm", source="新华社"),
    {"title": "别的新闻", "date": "2024-05-09", "page": 1, "paragraphs": ["别的。"]},
    _story(4, n=2, url="http://x.cn/4.htm", 版次="04"),  # the reprint on page 4
    _story(4, n=2, url="http://x.cn/4b.htm"),  # and the same again, on the same page
    _story(1, n=1, url="http://x.cn/1.htm", source="新华社", date="2024-05-10"),
]


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _snapshot(root: Path) -> dict[Path, tuple[int, bytes]]:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in iter_content_files(root)}


def _articles(root: Path) -> list:
    result = load_content(root)
    assert [str(p) for p in result.problems] == []
    return [a for page in result.pages for a in page.articles]


def test_reprints_stay_separate_articles_with_unique_ids(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    report = import_jsonl(_jsonl(tmp_path / "a.jsonl", RECORDS), out, paper="人民日报")
    assert (report.articles, report.errors) == (len(RECORDS), [])
    articles = _articles(out)
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids)) == len(RECORDS)
    first = derived_id("人民日报", articles[0].page.date, "会见外宾", [FIRST])
    # The first keeps the id every earlier zhpaper gave it; the reprints count on.
    assert sorted(i for i in ids if i.startswith(first)) == [first, f"{first}-2", f"{first}-3"]
    assert main(["check", "--content", str(out)]) == 0
    capsys.readouterr()
    assert main(["export", "--content", str(out)]) == 0
    exported = json.loads(capsys.readouterr().out)["articles"]
    assert sorted(a["url"] or "" for a in exported) == sorted(
        str(r.get("url", "")) for r in RECORDS
    )
    assert [a["extra"] for a in exported if a["extra"]] == [{"版次": "04"}]


def test_rerunning_the_same_import_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = _jsonl(tmp_path / "a.jsonl", RECORDS)
    import_jsonl(source, out, paper="人民日报")
    before = _snapshot(out)
    again = import_jsonl(source, out, paper="人民日报")
    assert (again.articles, again.upgraded, again.pages) == (0, 0, 0)
    assert again.unchanged == len(RECORDS)
    assert _snapshot(out) == before


def _as_older_zhpaper_wrote_it(out: Path) -> None:
    """Rewrite ``out`` as zhpaper before schema 2 did: one id for every reprint,
    no url, source, extra (schema 1)."""
    for path in iter_content_files(out):
        page = load_page_file(path)
        old = []
        for article in page.articles:
            plain = article.__class__(
                id=article.id.rsplit("-", 1)[0] if article.id.count("-") > 1 else article.id,
                title=article.title,
                paragraphs=article.paragraphs,
                page=article.page,
            )
            old.append(plain)
        text = page_to_yaml(Page(page.ref, tuple(old)))
        path.write_text(text.replace("schema: 2\n", "schema: 1\n", 1), "utf-8")


def test_an_archive_imported_by_the_previous_version_is_upgraded_not_duplicated(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    source = _jsonl(tmp_path / "a.jsonl", RECORDS)
    import_jsonl(source, out, paper="人民日报")
    expected = _articles(out)
    _as_older_zhpaper_wrote_it(out)
    old = load_content(out)
    assert any("duplicate id" in p.message for p in old.problems)  # what the bug left
    report = import_jsonl(source, out, paper="人民日报")
    assert (report.articles, report.errors) == (0, [])
    assert report.upgraded == 4 and report.unchanged == 1
    assert _articles(out) == expected  # every article, its id, url, source and extra
    before = _snapshot(out)
    assert import_jsonl(source, out, paper="人民日报").upgraded == 0
    assert _snapshot(out) == before


def test_a_resumed_import_gives_the_same_ids(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    source = _jsonl(tmp_path / "a.jsonl", RECORDS)
    import_jsonl(source, whole, paper="人民日报")
    # A run that died after the first two lines (the first page) were on disk.
    out = tmp_path / "out"
    import_jsonl(_jsonl(tmp_path / "head.jsonl", RECORDS[:2]), out, paper="人民日报")
    identity = {"source": str(source.resolve()), "size": source.stat().st_size, "paper": "人民日报"}
    journal_path(out, source).write_text(json.dumps({**identity, "lines_done": 2}))
    report = import_jsonl(source, out, paper="人民日报")
    assert report.resumed_at == 2 and report.articles == len(RECORDS) - 2
    assert _articles(out) == _articles(whole)


def test_given_ids_that_repeat_are_counted_too() -> None:
    ids = IdAssigner()
    records = [{"id": "x", "title": "甲", "paragraphs": []}] * 2 + [
        {"id": "x-2", "title": "乙", "paragraphs": []},
        {"id": "y" * 128, "title": "丙", "paragraphs": []},
        {"id": "y" * 128, "title": "丙", "paragraphs": []},
    ]
    got = [ids.assign(parse_record(r), given=True).id for r in records]
    assert got == ["x", "x-2", "x-2-2", "y" * 128, "y" * 126 + "-2"]


@pytest.mark.parametrize("same_page", [True, False])
def test_printf_two_reprints_then_check_and_export(tmp_path: Path, same_page: bool, capsys) -> None:
    """The issue's recipe: two records with one title and first paragraph."""
    records = [_story(1), _story(1 if same_page else 5)]
    source = _jsonl(tmp_path / "two.jsonl", records)
    out = tmp_path / "out"
    assert main(["import", "--jsonl", str(source), "--paper", "报", "--out", str(out)]) == 0
    assert main(["check", "--content", str(out)]) == 0
    capsys.readouterr()
    assert main(["export", "--content", str(out)]) == 0
    assert len(json.loads(capsys.readouterr().out)["articles"]) == 2


def test_a_reprint_met_long_after_its_edition_still_gets_its_own_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archives are not always in date order: an edition met again after many
    others (here: one, with a memory of one edition) is read back from disk."""
    from reader.importer import ids

    monkeypatch.setattr(ids, "EDITIONS_KEPT", 1)
    other_day = {**RECORDS[1], "date": "2024-06-01"}
    records = [RECORDS[0], other_day, RECORDS[2], RECORDS[3]]
    out = tmp_path / "out"
    source = _jsonl(tmp_path / "a.jsonl", records)
    import_jsonl(source, out, paper="人民日报")
    assert len({a.id for a in _articles(out)}) == len(records)
    before = _snapshot(out)
    assert import_jsonl(source, out, paper="人民日报").articles == 0
    assert _snapshot(out) == before
