"""The loader: good files load, bad files are named FILE:LINE, nothing crashes."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import ArticleKind, Byline
from reader.store.loader import (
    MAX_FILE_BYTES,
    ContentError,
    ContentProblem,
    iter_content_files,
    load_content,
    load_page_file,
    parse_page,
)

GOOD = textwrap.dedent(
    """\
    schema: 1
    paper: 青城日报
    date: 2023-03-01
    page:
      number: 3
      name: 党建
    articles:
      - id: p1-01
        section: 党旗领航
        kicker: 武川县
        title: 多举措提振干部干事创业精气神
        dateline: 本报讯
        byline:
          - {role: 记者, name: 云艳芳}
        paragraphs:
          - 第一段。
      - id: p1-02
        kind: photo
        title: ""
        paragraphs: [图片说明。]
    """
)


def _write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_good_file_loads(tmp_path: Path) -> None:
    page = load_page_file(_write(tmp_path, "a.yaml", GOOD))
    first, photo = page.articles
    assert (page.ref.paper, page.ref.date, page.ref.number, page.ref.name) == (
        "青城日报",
        dt.date(2023, 3, 1),
        3,
        "党建",
    )
    assert first.byline == (Byline("记者", "云艳芳"),)
    assert first.page == page.ref and first.kind is ArticleKind.ARTICLE
    assert photo.kind is ArticleKind.PHOTO and photo.section is None
    assert photo.paragraphs == ("图片说明。",)


def _problem(text: str) -> ContentProblem:
    with pytest.raises(ContentError) as caught:
        parse_page(text, Path("f.yaml"))
    [problem] = caught.value.problems
    return problem


BAD = [
    # (change to GOOD: old, new), expected line, words in the message
    (("schema: 1", "schema: 3"), 1, "schema '3' is not supported"),
    (("paper: 青城日报", "paper: [a, b]"), 2, "paper must be a single value"),
    (("date: 2023-03-01", "date: 2023-02-30"), 3, "date must be a date"),
    (("date: 2023-03-01", "date: yesterday"), 3, "date must be a date"),
    (("number: 3", "number: -3"), 5, "page.number must be a whole number"),
    (("number: 3", "number: '3'"), 5, "page.number must be a whole number"),
    (("  name: 党建\n", "  name: 党建\n  extra: 1\n"), 7, "unknown field 'extra'"),
    (("id: p1-01", "id: 'p1 01'"), 8, "must match"),
    (("id: p1-01", "id: 12"), 8, "id must be a string"),
    (("title: 多举措提振干部干事创业精气神", "title: 123"), 11, "title must be a string"),
    (("title: 多举措提振干部干事创业精气神", "title: ''"), 11, "title must not be empty"),
    (("kind: photo", "kind: poem"), 18, "kind 'poem' is not one of"),
    (("- {role: 记者, name: 云艳芳}", "- {role: 记者}"), 14, "missing field 'name'"),
    (("- {role: 记者, name: 云艳芳}", "- 云艳芳"), 14, "byline entry must be a mapping"),
    (("      - 第一段。", "      - [nested]"), 16, "paragraph must be a single value"),
    (("paragraphs: [图片说明。]", "paragraphs: 图片说明。"), 20, "paragraphs must be a list"),
    (('    title: ""\n', ""), 17, "missing required field 'title'"),
    (("  - id: p1-01", "  - id: p1-01\n    titel: x"), 9, "unknown field 'titel'"),
    (("paper: 青城日报", "paper: !!python/object:os.system x"), 2, "tag"),
    (("paper: 青城日报", "paper: !custom x"), 2, "tag"),
    (("paper: 青城日报", "paper: &p 青城日报\nsource: *p"), 2, "aliases"),
    (("schema: 1", "schema: 1\nschema: 1"), 2, "given twice"),
    (
        ("page:\n  number: 3\n  name: 党建\n", "page: {<<: {number: 3}, name: 党建}\n"),
        4,
        "merge keys",
    ),
    (("section: 党旗领航", "section: 党旗领航: 错"), 9, "YAML syntax"),
]


@pytest.mark.parametrize(("change", "line", "words"), BAD, ids=[row[2] for row in BAD])
def test_bad_content_is_named_with_its_line(change, line: int, words: str) -> None:
    old, new = change
    assert old in GOOD
    problem = _problem(GOOD.replace(old, new, 1))
    assert words in problem.message
    assert problem.line == line
    assert str(problem) == f"f.yaml:{line}: {problem.message}"


def test_billion_laughs_fails_fast_and_small() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    tracemalloc.start()
    problem = _problem("\n".join(lines) + "\n")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Safety first: the alias is reported before the unknown top-level keys.
    assert "aliases" in problem.message and problem.line == 1
    assert peak < 20 * 1024 * 1024  # expanded, it would take gigabytes


def test_billion_laughs_inside_a_valid_page_is_refused_at_the_alias() -> None:
    text = GOOD.replace("      - 第一段。", "      - &x 第一段。\n      - *x")
    problem = _problem(text)
    assert "aliases" in problem.message and problem.line == 16


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 0, "empty file"),
        (b"  \n\n", 0, "empty file"),
        (b"# only a comment\n", 0, "empty file"),
        (b"schema: 1\n\x00\x01\x02", 2, "binary file"),
        (b"schema: 1\npaper: \xc7\xe0\xb3\xc7\n", 2, "not UTF-8"),
        ("schema: 1\npaper: 青城\n".encode("utf-16"), 1, "binary file"),
        (b"schema: 1\npaper: a\x1b[2Jb\n", 2, "control character U+001B"),
        (b"- just\n- a list\n", 1, "page file must be a mapping"),
    ],
)
def test_bad_files_are_reported(tmp_path: Path, data: bytes, line: int, words: str) -> None:
    path = _write(tmp_path, "bad.yaml", data)
    with pytest.raises(ContentError) as caught:
        load_page_file(path)
    [problem] = caught.value.problems
    assert words in problem.message
    assert (problem.path, problem.line) == (path, line)


def test_file_size_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ContentError, match="file too large"):
        load_page_file(path)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = load_content(tmp_path)
    assert [(p.path, p.message) for p in result.problems] == [(fifo, "not a regular file")]


def test_bad_files_never_stop_the_others(tmp_path: Path) -> None:
    _write(tmp_path, "p/a.yaml", GOOD)
    _write(tmp_path, "p/b.yaml", b"\x00binary")
    _write(tmp_path, "p/c.yml", GOOD.replace("p1-", "p2-").replace("number: 3", "number: 4"))
    _write(tmp_path, "p/d.yaml", "schema: 1\npaper: [\n")
    _write(tmp_path, "p/e.yaml", GOOD)  # every id a duplicate of a.yaml's
    _write(tmp_path, "README.yaml", "not: content")
    _write(tmp_path, ".hidden/x.yaml", "junk: [")
    _write(tmp_path, "p/.page-01.yaml.abc.tmp", "junk")
    result = load_content(tmp_path)
    names = sorted(p.name for p in result.files)
    assert names == ["a.yaml", "c.yml", "e.yaml"]
    # e.yaml's articles are kept, under derived ids (nothing is skipped silently).
    assert [a.id for page in result.pages for a in page.articles] == [
        "p1-01",
        "p1-02",
        "p1-01-2",
        "p1-02-2",
        "p2-01",
        "p2-02",
    ]
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in result.problems]
    assert messages[0].startswith("b.yaml:1: binary file")
    assert messages[1].startswith("d.yaml:3: YAML syntax")
    assert messages[2].startswith("e.yaml:8: duplicate id 'p1-01'")
    assert messages[3].startswith("e.yaml:17: duplicate id 'p1-02'")
    assert messages[3].endswith("this article is kept as 'p1-02-2'")
    assert len(messages) == 4
    assert sorted(p.name for p in result.skipped) == ["b.yaml", "d.yaml"]


def test_pages_come_in_reading_order(tmp_path: Path) -> None:
    later = GOOD.replace("2023-03-01", "2023-03-02").replace("p1-", "p0-")
    _write(tmp_path, "a.yaml", later)
    _write(tmp_path, "b.yaml", GOOD)
    _write(tmp_path, "c.yaml", GOOD.replace("date: 2023-03-01", "date: null").replace("p1-", "p3-"))
    result = load_content(tmp_path)
    assert [p.ref.date for p in result.pages] == [dt.date(2023, 3, 1), dt.date(2023, 3, 2), None]


def test_iter_content_files_is_sorted(tmp_path: Path) -> None:
    for name in ["b/2.yaml", "a/10.yaml", "a/9.yml", "README.yaml", "a/x.txt"]:
        _write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_content_files(tmp_path)]
    assert found == ["a/10.yaml", "a/9.yml", "b/2.yaml"]


def test_missing_directory_is_a_problem(tmp_path: Path) -> None:
    result = load_content(tmp_path / "nope")
    assert [p.message for p in result.problems] == ["content directory not found"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_loader_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        parse_page(data.decode("utf-8", "replace"), Path("fuzz.yaml"))
    except ContentError as error:
        assert error.problems and all(isinstance(p.line, int) for p in error.problems)


_YAMLISH = st.lists(
    st.sampled_from(
        [
            "schema: 1\n",
            "paper: null\n",
            "date: 2023-01-01\n",
            "page: {number: 1, name: null}\n",
            "articles:\n",
            "  - id: a\n",
            "    title: t\n",
            "    paragraphs: [x]\n",
            "    byline: [{role: r, name: n}]\n",
            "  - &a {id: b, title: t, paragraphs: []}\n",
            "  - *a\n",
            "!!binary aGVsbG8=\n",
            "? [a]\n: b\n",
            "[[[[\n",
            "{\n",
            '"\\x1b"\n',
            "---\n",
            "- ",
            ": ",
            "\t",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_YAMLISH)
def test_loader_never_crashes_on_yaml_like_text(text: str) -> None:
    try:
        parse_page(text, Path("fuzz.yaml"))
    except ContentError as error:
        assert error.problems


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_load_page_file_never_crashes_on_bytes(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    try:
        load_page_file(path)
    except ContentError as error:
        assert error.problems


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = textwrap.dedent(
        """\
        schema: 1
        paper: 青城日报
        date: 2023-13-01
        page: {number: 1, name: null}
        articles:
          - id: a
            title: 5
            paragraphs: [一]
          - id: b
            title: 好
            paragraphs: [一]
          - id: c
            kind: poem
            title: 好
            paragraphs: [一]
        """
    )
    with pytest.raises(ContentError) as caught:
        parse_page(text, Path("p.yaml"))
    assert [(p.line, p.message.split()[0]) for p in caught.value.problems] == [
        (3, "date"),
        (7, "title"),
        (13, "kind"),
    ]
