"""set_article, SetLine offsets, line_index_for, and the width measure."""

from __future__ import annotations

from itertools import groupby

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.model import Article, ArticleKind, Byline
from reader.typeset import SetLine, TypesetOptions, line_index_for, set_article
from reader.typeset.wrap import _char_cells

ARTICLE = Article(
    id="a1",
    title="多举措提振干部干事创业精气神，一个很长的标题会换行",
    kicker="武川县",
    subtitle="副题",
    dateline="本报讯",
    byline=(Byline("记者", "云艳芳"), Byline("通讯员", "武组轩")),
    paragraphs=(
        "近年来,武川县坚持新时代好干部标准,聚焦干部选用管用全链条。",
        "",
        "武川县在选干部、配班子、抓监督的全过程中落实“硬杠杠”要求。",
    ),
)


def test_roles_order_and_blocks() -> None:
    lines = set_article(ARTICLE, 20)
    roles = [line.role for line in lines]
    groups = [role for role, _ in groupby(roles)]
    assert groups[:7] == ["kicker", "title", "subtitle", "dateline", "byline", "blank", "paragraph"]
    assert roles.count("title") > 1  # a long headline wraps by the same rules
    assert "byline" in roles and roles.index("byline") < roles.index("paragraph")
    assert {line.block for line in lines if line.role == "paragraph"} == {0, 2}
    assert all(line.block == -1 for line in lines if line.role != "paragraph")
    assert all(cell_len(line.text) <= 20 for line in lines)
    # headings are not indented; the first paragraph line is
    assert not any(line.text.startswith("\u3000") for line in lines if line.role == "title")
    first = next(line for line in lines if line.role == "paragraph")
    assert first.text.startswith("\u3000\u3000") and first.start == 0
    # full-width punctuation is a display change only: offsets index the stored text
    assert "，" in "".join(line.text for line in lines) and "，" not in ARTICLE.paragraphs[0]


def test_paragraph_lines_tile_each_paragraph() -> None:
    for width in range(16, 81):
        lines = set_article(ARTICLE, width)
        for block, text in enumerate(ARTICLE.paragraphs):
            own = [line for line in lines if line.block == block]
            if not text:
                assert own == []
                continue
            assert own[0].start == 0 and own[-1].end == len(text)
            assert all(a.end == b.start for a, b in zip(own, own[1:], strict=False))


def test_paragraph_spacing_option() -> None:
    spaced = set_article(ARTICLE, 30)
    tight = set_article(ARTICLE, 30, TypesetOptions(paragraph_spacing=False))
    blanks = sum(line.role == "blank" for line in spaced)
    assert blanks == 2  # after the head, between the two paragraphs
    assert sum(line.role == "blank" for line in tight) == 1
    assert TypesetOptions() == TypesetOptions(indent=True, fullwidth_punctuation=True)


def test_photo_caption_and_credit() -> None:
    photo = Article(
        id="p1",
        title="",
        kind=ArticleKind.PHOTO,
        paragraphs=("图为武川县干部在田间地头调研。",),
        byline=(Byline("摄影", "王强"),),
    )
    lines = set_article(photo, 40)
    assert [line.role for line in lines] == ["caption", "byline"]
    assert lines[0].text == "图为武川县干部在田间地头调研。"
    assert lines[1].text == "摄影 王强"


def test_line_index_for() -> None:
    lines = set_article(ARTICLE, 16)
    for block, text in enumerate(ARTICLE.paragraphs):
        for offset in range(len(text)):
            i = line_index_for(lines, block, offset)
            line = lines[i]
            assert line.block == block and line.start <= offset < line.end
    last = line_index_for(lines, 2, 10_000)
    assert lines[last].block == 2 and lines[last].end == len(ARTICLE.paragraphs[2])
    # an empty paragraph has no lines: the next paragraph's first line stands in
    assert lines[line_index_for(lines, 1, 0)].block == 2
    assert line_index_for([], 0, 0) == 0
    assert isinstance(lines[0], SetLine)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_cell_prefix_sums_agree_with_rich(text: str) -> None:
    # the fast per-character table must measure exactly as rich.cells.cell_len
    if "\u200d" in text or "\ufe0f" in text:
        return  # measured by cell_len itself (not a sum over characters)
    cells, _ = _char_cells(text, False)
    for a in range(len(text)):
        assert cells[-1] - cells[a] == cell_len(text[a:])


def test_printed_photo_credit_is_not_repeated() -> None:
    photo = Article(
        id="p2",
        title="",
        kind=ArticleKind.PHOTO,
        paragraphs=("日前，某地开展了活动。", "■本报记者 郝晓燕 摄"),
        byline=(Byline("摄影", "郝晓燕"),),
    )
    lines = set_article(photo, 40)
    assert [line.text for line in lines if line.role != "blank"] == [
        "日前，某地开展了活动。",
        "■本报记者 郝晓燕 摄",
    ]
