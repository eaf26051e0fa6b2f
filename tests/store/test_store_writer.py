"""The writer: readable YAML that loads back equal, atomic, never clobbering."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import UserError
from reader.model import Article, ArticleKind, Byline, Page, PageRef
from reader.store.loader import iter_content_files, load_page_file, parse_page
from reader.store.writer import page_path, page_to_yaml, safe_dir_name, write_page

REF = PageRef(paper="青城日报", date=dt.date(2023, 3, 1), number=3, name="党建")


def _page(ref: PageRef = REF, prefix: str = "f7f43db6", **changes) -> Page:
    article = Article(
        id=f"{prefix}-01",
        title="多举措提振干部干事创业精气神",
        paragraphs=("近年来,武川县坚持新时代好干部标准。", "第二段。"),
        section="党旗领航",
        kicker="武川县",
        dateline="本报讯",
        byline=(Byline("记者", "云艳芳"), Byline("通讯员", "武组轩")),
        page=ref,
    )
    photo = Article(
        id=f"{prefix}-02",
        title="",
        kind=ArticleKind.PHOTO,
        paragraphs=("图片说明。", "■本报记者 郝晓燕 摄"),
        byline=(Byline("摄影", "郝晓燕"),),
        page=ref,
    )
    return Page(ref=ref, articles=(article, photo))


def test_yaml_is_readable_and_loads_back_equal() -> None:
    page = _page()
    text = page_to_yaml(page, source="raw.txt")
    assert "多举措提振干部干事创业精气神" in text  # CJK unescaped
    assert "- {role: 记者, name: 云艳芳}" in text
    assert "\\u" not in text and "\\x" not in text
    assert text.startswith("schema: 2\npaper: 青城日报\ndate: '2023-03-01'\n")
    assert parse_page(text, Path("x.yaml")) == page


def test_unknown_values_are_written_as_null() -> None:
    page = _page(PageRef())
    text = page_to_yaml(page)
    assert "paper: null\ndate: null\npage:\n  number: null\n  name: null\n" in text
    assert parse_page(text, Path("x.yaml")) == page


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(title=_TEXT.filter(str.strip), paragraphs=st.lists(_TEXT, max_size=4), name=_TEXT)
def test_any_text_round_trips(title: str, paragraphs: list[str], name: str) -> None:
    article = Article(
        id="x-01",
        title=title,
        paragraphs=tuple(paragraphs),
        kicker=name or None,
        byline=(Byline("记者", name),) if name.strip() else (),
        page=REF,
    )
    page = Page(ref=REF, articles=(article,))
    assert parse_page(page_to_yaml(page), Path("x.yaml")) == page


@pytest.mark.parametrize(
    ("ref", "prefix", "expected"),
    [
        (REF, "f7f43db6", "青城日报/2023/03/2023-03-01/page-03.yaml"),
        (PageRef("青城日报", dt.date(2023, 3, 1)), "f7f43db6", "青城日报/2023/03/2023-03-01/page-unknown-f7f43db6.yaml"),
        (PageRef("青城日报", None, 3), "f7f43db6", "青城日报/undated/{b}/page-03-f7f43db6.yaml"),
        (PageRef(), "f7f43db6", "unknown-paper/undated/{b}/page-unknown-f7f43db6.yaml"),
        (PageRef("a/b:c*?", dt.date(2023, 12, 31), 12), "k1k1", "a_b_c__/2023/12/2023-12-31/page-12.yaml"),
    ],
)  # fmt: skip
def test_page_path_layout(ref: PageRef, prefix: str, expected: str) -> None:
    path = page_path(Path("/c"), _page(ref, prefix))
    relative = path.relative_to("/c").as_posix()
    parts = expected.split("/")
    if "{b}" in parts:
        at = parts.index("{b}")
        bucket = relative.split("/")[at]
        assert len(bucket) == 2 and int(bucket, 16) >= 0
        expected = expected.replace("{b}", bucket)
    assert relative == expected


def test_undated_pages_spread_over_buckets() -> None:
    buckets = {page_path(Path("/c"), _page(PageRef(), f"{n:08x}")).parent.name for n in range(2000)}
    assert len(buckets) > 200  # 256 possible: no directory collects them all


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("呼和浩特日报", "呼和浩特日报"),
        ("人民日报/海外版", "人民日报_海外版"),
        ("..", "_"),
        (".hidden", "_.hidden"),
        ("CON", "_CON"),
        ("  a \t b  ", "a b"),
        ("报\x1b[2J", "报_[2J"),
    ],
)
def test_safe_dir_name(name: str, expected: str) -> None:
    assert safe_dir_name(name) == expected


def test_safe_dir_name_bounds_length_and_stays_distinct() -> None:
    one, two = safe_dir_name("报" * 200 + "甲"), safe_dir_name("报" * 200 + "乙")
    assert len(one.encode()) <= 120 and one != two and one.startswith("报报报")


def test_write_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    page = _page()
    target = page_path(tmp_path, page)
    write_page(page, target)
    assert load_page_file(target) == page
    before = target.read_bytes()
    changed = _page(prefix="other")
    with pytest.raises(UserError, match="exists; use --force"):
        write_page(changed, target)
    assert target.read_bytes() == before
    write_page(changed, target, force=True)
    assert load_page_file(target) == changed
    # No temporary files are left behind, and none would be read as content.
    assert sorted(os.listdir(target.parent)) == [target.name]
    assert list(iter_content_files(tmp_path)) == [target]


def test_write_into_read_only_directory_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Root ignores directory modes, so the refusal is simulated where it happens.
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(UserError, match="cannot write .*p.yaml: Permission denied"):
        write_page(_page(), tmp_path / "p.yaml")
    assert os.listdir(tmp_path) == []


def test_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "p.yaml"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(UserError, match="No space left on device"):
        write_page(_page(), target)
    assert os.listdir(tmp_path) == []
