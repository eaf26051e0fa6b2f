"""Table-driven: pages with other layouts, encodings and line ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer import EncodingProblem, decode_bytes, id_prefix_for, import_bytes, import_file
from reader.importer.lines import parse_byline, parse_credit, parse_dateline
from reader.importer.printed import comparable, page_as_printed
from reader.model import Byline

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def _row(article):
    return (
        article.kind.value,
        article.section,
        article.kicker,
        article.title,
        article.subtitle,
        article.dateline,
        [(b.role, b.name) for b in article.byline],
        len(article.paragraphs),
    )


LAYOUTS = {
    # GBK with CRLF; headline without kicker; roles 通讯员 before 记者; 实习生; （）.
    "gbk_crlf.txt": (
        "gb18030",
        True,
        [
            ("article", "经济新闻", None, "春耕备耕忙", None, "本报讯",
             [("通讯员", "王小明"), ("记者", "李华")], 2),
            ("article", "经济新闻", "土默特左旗", "农机补贴直达农户", None, "本报讯",
             [("记者", "张伟"), ("实习生", "刘洋")], 1),
        ],
    ),
    # UTF-16 with BOM; kicker, title and ——subtitle; 新华社 dateline; two names, one role.
    "utf16_bom.txt": (
        "utf-16",
        False,
        [
            ("article", "要闻", "全国两会", "政府工作报告提出今年发展主要预期目标",
             "——国内生产总值增长5%左右", "新华社北京3月5日电",
             [("记者", "王敏"), ("记者", "张三")], 2),
        ],
    ),
    # UTF-8 with BOM; briefs without byline; a titled photo credited to an intern.
    "briefs_utf8_bom.txt": (
        "utf-8-sig",
        False,
        [
            ("brief", "简讯", None, "市图书馆延长开放时间", None, None, [], 1),
            ("brief", "简讯", None, "社区举办健康讲座", None, None, [], 1),
            ("photo", "简讯", None, "青城公园迎春花开", None, None, [("摄影", "王芳")], 2),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts(name: str) -> None:
    encoding, crlf, expected = LAYOUTS[name]
    report = import_file(PAGES / name)
    assert (report.encoding, report.crlf) == (encoding, crlf)
    assert [_row(a) for a in report.page.articles] == expected
    text = decode_bytes((PAGES / name).read_bytes()).text
    assert comparable(page_as_printed(report.page)) == comparable(text)
    assert all(a.id.startswith(id_prefix_for(name) + "-") for a in report.page.articles)


def test_gbk_page_column_break_joined() -> None:
    first = import_file(PAGES / "gbk_crlf.txt").page.articles[0]
    assert first.paragraphs[0] == "眼下正值春耕备耕关键时期,各地农民抢抓农时,田间地头一派繁忙景象。"


def test_ids_are_stable_and_from_the_file_name() -> None:
    assert id_prefix_for("000_f7f43db65705d640.txt") == "f7f43db6"
    assert id_prefix_for("page.txt") == id_prefix_for("page.txt")
    assert id_prefix_for("page.txt") != id_prefix_for("page2.txt")
    one = import_bytes("标题\n\n正文。".encode(), source="x.txt").page
    two = import_bytes("标题\n\n正文。".encode(), source="x.txt").page
    assert [a.id for a in one.articles] == [a.id for a in two.articles]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记者 云艳芳 通讯员 武组轩", [("记者", "云艳芳"), ("通讯员", "武组轩")]),
        ("通讯员 武组轩 记者 云艳芳", [("通讯员", "武组轩"), ("记者", "云艳芳")]),
        ("记者云艳芳", [("记者", "云艳芳")]),
        ("记者 张三 李四 实习生 王五", [("记者", "张三"), ("记者", "李四"), ("实习生", "王五")]),
        ("特约记者 阿拉坦·巴根", [("特约记者", "阿拉坦·巴根")]),
        ("本报评论员", None),
        ("张三", None),  # a name without a role is not a byline we can structure
        ("记者 张三、李四", None),  # 、 would be lost: left as text
        ("记者", None),
    ],
)
def test_parse_byline(text: str, expected) -> None:
    result = parse_byline(text)
    assert (None if result is None else [(b.role, b.name) for b in result]) == expected


@pytest.mark.parametrize(
    ("line", "dateline", "byline", "rest"),
    [
        ("本报讯(记者 云艳芳 通讯员 武组轩)近年来,", "本报讯", ["云艳芳", "武组轩"], "近年来,"),
        ("本报讯（记者 刘沙沙）强有力", "本报讯", ["刘沙沙"], "强有力"),
        ("本报讯 近日,市里", "本报讯", [], "近日,市里"),
        ("新华社北京3月5日电（记者 王敏）开幕", "新华社北京3月5日电", ["王敏"], "开幕"),
        ("本报讯(本报评论员)文章", "本报讯", [], "(本报评论员)文章"),
        ("本报讯(记者 张三）混合括号", "本报讯", [], "(记者 张三）混合括号"),
        ("本报记者从市电力公司获悉", None, None, None),
        ("近年来,本报讯", None, None, None),
    ],
)
def test_parse_dateline(line, dateline, byline, rest) -> None:
    parts = parse_dateline(line)
    if dateline is None:
        assert parts is None
        return
    assert parts is not None
    assert (parts.dateline, [b.name for b in parts.byline], parts.rest) == (dateline, byline, rest)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("■本报记者 郝晓燕 摄", ["郝晓燕"]),
        ("本报记者郝晓燕摄", ["郝晓燕"]),
        ("■新华社记者 王敏 张三 摄", ["王敏", "张三"]),
        ("张三 摄影", ["张三"]),
        ("■实习生 王芳 摄", ["王芳"]),
        ("他们在现场拍摄", None),
        ("■本报记者 郝晓燕 摄 " + "很长" * 30, None),
    ],
)
def test_parse_credit(line: str, names) -> None:
    result = parse_credit(line.strip())
    assert (None if result is None else [b.name for b in result]) == names
    if result is not None:
        assert all(b == Byline("摄影", b.name) for b in result)


INLINE = [
    # A headline without kicker or dateline followed by a paragraph: a brief.
    ("标题一\n\n第一段。\n", [("brief", None, None, "标题一", 1)]),
    # Text before any headline: kept as an untitled brief, reported.
    ("没有标题的文字。\n", [("brief", None, None, "", 1)]),
    # A dateline inside an article (no headline in between) stays text.
    (
        "标题\n\n本报讯(记者 甲乙)第一段。\n\n本报讯(记者 丙丁)第二段。\n",
        [("article", None, None, "标题", 2)],
    ),
    # A credit with nothing before it: an empty photo, reported.
    ("■本报记者 郝晓燕 摄\n", [("photo", None, None, "", 1)]),
    # A kicker with no title: kept as the kicker of an untitled brief, reported.
    ("武川县：\n\n本报讯(记者 甲乙)正文。\n", [("brief", None, "武川县", "", 1)]),
    # Long article then a caption and a credit: the last block becomes the photo's caption.
    (
        "标题\n\n本报讯(记者 甲乙)一段。\n\n二段。\n\n图片说明。\n\n张三 摄\n",
        [("article", None, None, "标题", 2), ("photo", None, None, "", 2)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), INLINE)
def test_inline_layouts(text: str, expected) -> None:
    report = import_bytes(text.encode(), source="inline.txt")
    rows = [
        (a.kind.value, a.section, a.kicker, a.title, len(a.paragraphs))
        for a in report.page.articles
    ]
    assert rows == expected
    assert comparable(page_as_printed(report.page)) == comparable(text)


def test_unclassified_text_is_reported() -> None:
    report = import_bytes("没有标题的文字。\n".encode(), source="inline.txt")
    assert [str(n) for n in report.notes] == ["line 1: text without a headline: untitled brief"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("中文，UTF-8".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "中文".encode(), "utf-8-sig"),
        ("中文 text".encode("utf-16-le"), "utf-16-le"),
        ("ascii text here".encode("utf-16-be"), "utf-16-be"),
        ("中文".encode("utf-16"), "utf-16"),
        ("中文，GBK编码的报纸".encode("gbk"), "gb18030"),
        ("𠀀 GB18030 四字节".encode("gb18030"), "gb18030"),
    ],
)
def test_encoding_detection(data: bytes, encoding: str) -> None:
    assert decode_bytes(data).encoding == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "binary"),
        (b"text\x1b\x1b\x1b\x1b\x01\x02\x03", "binary"),
        (b"abc \xff\xfe\xfd not text", "cannot decode"),
    ],
)
def test_binary_and_undecodable_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(EncodingProblem, match=message):
        decode_bytes(data)
