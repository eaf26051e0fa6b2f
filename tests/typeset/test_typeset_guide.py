"""The 25 cases of ../shared/guides/cjk-typesetting.md §4, table-driven; then the
cases a real national daily's archive added (issue 11), in the same form."""

from __future__ import annotations

import pytest

from reader.typeset import break_opportunities, wrap_paragraph

PLAIN = {"indent": False, "fullwidth_punctuation": False}

CASES = [
    (1, "一二三四五六七八九十", 10, {}, "一二三四五 / 六七八九十"),
    (2, "一二三四五六七八九十", 9, {}, "一二三四 / 五六七八 / 九十"),
    (3, "一二三四，五六七八", 8, {}, "一二三 / 四，五六 / 七八"),
    (4, "他说：“好的。”我们走", 8, {}, "他说： / “好的。” / 我们走"),
    (5, "本报讯（记者 云艳芳）近年来", 8, {}, "本报讯 / （记者 / 云艳芳） / 近年来"),
    (6, "本报讯(记者 宋向华)今年", 8, {}, "本报讯 / (记者 宋 / 向华)今 / 年"),
    (7, "投资523亿元", 6, {}, "投资 / 523亿 / 元"),
    (8, "使用Python开发", 8, {}, "使用 / Python开 / 发"),
    (9, "2022—2023年度", 6, {}, "2022— / 2023年 / 度"),
    (10, "他说——我们走", 5, {}, "他说 / ——我 / 们走"),
    (11, "等等……好", 5, {}, "等 / 等…… / 好"),
    (12, "马克·吐温", 4, {}, "马 / 克· / 吐温"),
    (13, "武川县坚持,近年来", 10, {}, "武川县坚 / 持,近年来"),
    (14, "武川县坚持,近年来", 10, {"fullwidth_punctuation": True}, "武川县坚 / 持，近年来"),
    (15, "“成长期”“壮年期”", 10, {}, "“成长期” / “壮年期”"),
    (16, "八(3)中队全体", 4, {}, "八 / (3) / 中队 / 全体"),
    (17, "八(3)中队全体", 6, {"fullwidth_punctuation": True}, "八 / （3） / 中队全 / 体"),
    (18, "这是真的？！”他说", 8, {}, "这是真 / 的？！” / 他说"),
    (19, "这是真的？！”他说", 6, {}, "这是真 / 的？！ / ”他说"),
    (20, "记者 刘沙沙 报道", 6, {}, "记者 / 刘沙沙 / 报道"),
    (
        21,
        "武川县坚持新时代好干部标准",
        12,
        {"indent": True},
        "　　武川县坚 / 持新时代好干 / 部标准",
    ),
    (22, "一二三四，五六七八九", 10, {"hanging": True}, "一二三四， / 五六七八 / 九"),
    (23, "一二三四，五六七八九", 10, {}, "一二三四， / 五六七八九"),
    (24, "一二三，四五六七", 7, {"push_in": True}, "一二三, / 四五六 / 七"),
    (25, "见supercalifragilistic页", 8, {}, "见 / supercal / ifragili / stic页"),
]


# Issue 11: on a real archive the reader's lines had bad starts and split numbers,
# all at widths ≤ 30. Quotes next to Latin letters or digits in Chinese text are
# opening and closing marks (clreq), not UAX #14's gluing QU; a unit wider than the
# line folds inside rather than opening a line with its closing mark; a first line
# never holds only the indent.
REAL_ARCHIVE_CASES = [
    (26, "他说“5G”和“AI”很重要", 8, {}, "他说“5G” / 和“AI”很 / 重要"),
    (27, "他说“5G”很重要", 6, {}, "他说 / “5G”很 / 重要"),
    (
        28,
        "比例分别为“56.36%”和“61.19%”——截至去年12月",
        16,
        {},
        "比例分别为 / “56.36%”和 / “61.19%”——截至去 / 年12月",
    ),
    (29, "截至“2023年12月31日”，共有", 10, {}, "截至“2023 / 年12月31 / 日”，共有"),
    (30, "I’m “fine”, he said", 8, {}, "I’m / “fine”, / he said"),  # not Chinese: as UAX #14
    (
        31,
        "英国国家医疗服务体系（Better\u00a0Health\u00a0Campaign）的数据",
        24,
        {},
        "英国国家医疗服务体系 / （Better\u00a0Health\u00a0Campaig / n）的数据",
    ),
    (
        32,
        "来信请寄zhang.san.long.name@example.com。谢谢",
        16,
        {},
        "来信请寄 / zhang.san.long.n / ame@example.co / m。谢谢",
    ),
    (33, "网址（https://www.gov.cn/zhengce）", 16, {}, "网址（https:// / www.gov.cn/ / zhengce）"),
    (
        34,
        "请访问https://www.example.com/a，了解更多。",
        16,
        {},
        "请访问https:// / www.example.com/ / a，了解更多。",
    ),
    (
        35,
        "祝\u00a0\u00a0庆\u00a0\u00a0庆\u00a0\u00a0伟摄影报道（人民视觉）",
        16,
        {"indent": True},
        "　　祝\u00a0\u00a0庆\u00a0\u00a0庆\u00a0\u00a0 / 伟摄影报道（人民 / 视觉）",
    ),
    (36, "这是真的？！”他说", 6, {}, "这是真 / 的？！ / ”他说"),  # no clean fold: case 19 holds
]


@pytest.mark.parametrize(
    ("number", "text", "width", "options", "expected"),
    CASES + REAL_ARCHIVE_CASES,
    ids=[str(c[0]) for c in CASES + REAL_ARCHIVE_CASES],
)
def test_guide_case(number: int, text: str, width: int, options: dict, expected: str) -> None:
    assert " / ".join(wrap_paragraph(text, width, **{**PLAIN, **options})) == expected


def test_defaults_are_the_readers() -> None:
    # indent and full-width punctuation are on unless asked otherwise
    assert wrap_paragraph("武川县坚持,近年来", 30) == ["\u3000\u3000武川县坚持，近年来"]


def test_empty_paragraph_has_no_lines() -> None:
    assert wrap_paragraph("", 20) == []


def test_fullwidth_transform_only_in_cjk_context() -> None:
    lines = wrap_paragraph("共1,000人,增长3.5%(同比)。Hello, world (ok)", 80, indent=False)
    assert lines == ["共1,000人，增长3.5%（同比）。Hello, world (ok)"]


def test_quotes_in_chinese_text_leave_breaks_between_the_chinese() -> None:
    text = "他说“5G”和“AI”很重要"
    breaks = break_opportunities(text)
    assert [text[:b] for b in breaks if text.index("说") < b <= text.index("很")] == [
        "他说",
        "他说“5G”",
        "他说“5G”和",
        "他说“5G”和“AI”",
    ]
    # Plain UAX #14 (the conformance mode) is unchanged: no break there at all.
    assert [b for b in break_opportunities(text, tailored=False) if 2 <= b <= 10] == []
