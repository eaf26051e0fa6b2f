"""Properties: the importer never drops, adds or reorders a character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.importer import EncodingProblem, decode_bytes, import_bytes
from reader.importer.parse import parse_page
from reader.importer.printed import comparable, page_as_printed

# Lines built from the pieces real pages are made of, so the rules actually fire
# (kickers, datelines, bylines, credits, column breaks), plus arbitrary text.
_PIECES = st.sampled_from(
    [
        "党旗领航",
        "武川县：",
        "新城区:",
        "多举措提振干部干事创业精气神",
        "——副题在这里",
        "本报讯(记者 云艳芳 通讯员 武组轩)近年来,",
        "本报讯（记者 张三 李四）",
        "本报讯(本报评论员)",
        "新华社北京3月5日电（记者 王敏）",
        "■本报记者 郝晓燕 摄",
        "张三 摄",
        "推动干部愿担",
        "当,树立基层导向。",
        "“催化剂”。把考评结果",
        "考后运用结果,注入激励",
        "这是一句话。",
        "纷纷表示:",
        "ABC",
        "def",
        "(",
        ")",
        "：",
        "—",
        " ",
        "\t",
        "",
    ]
)
_LINE = st.one_of(
    st.lists(_PIECES, min_size=0, max_size=4).map("".join),
    st.text(max_size=30),
)
_PAGE = st.lists(_LINE, max_size=25).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_importer_keeps_every_character_in_order(text: str) -> None:
    page, _notes, _joins = parse_page(text, id_prefix="abcd1234")
    assert comparable(page_as_printed(page)) == comparable(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_importer_keeps_arbitrary_text(text: str) -> None:
    page, _notes, _joins = parse_page(text, id_prefix="abcd1234")
    assert comparable(page_as_printed(page)) == comparable(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_import_or_refuse_clearly(data: bytes) -> None:
    try:
        report = import_bytes(data, source="fuzz.txt")
    except EncodingProblem as problem:
        assert str(problem) and "\n" not in str(problem)
        return
    decoded = decode_bytes(data)
    assert comparable(page_as_printed(report.page)) == comparable(decoded.text)


@settings(max_examples=100, deadline=None)
@given(_PAGE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]), st.booleans())
def test_encodings_and_line_ends_decode_back(text: str, encoding: str, crlf: bool) -> None:
    raw = text.replace("\r", "")
    if crlf:
        raw = raw.replace("\n", "\r\n")
    try:
        data = raw.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decoded = decode_bytes(data)
    except EncodingProblem:
        # Only text that really looks binary (many controls) may be refused.
        controls = [c for c in raw if (c < " " or "\x7f" <= c <= "\x9f") and c not in "\t\n\r\f\v"]
        assert controls or not raw
        return
    assert comparable(decoded.text) == comparable(raw.lstrip("\ufeff"))
