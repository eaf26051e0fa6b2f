"""The seed page: structure as a reader would read it, and nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.importer import import_file
from reader.importer.printed import comparable, page_as_printed
from reader.model import ArticleKind, Byline
from reader.store.loader import load_content
from reader.store.locate import bundled_content_dir

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f7f43db65705d640.txt"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")

# id, kind, section, kicker, title, bylines, paragraph count, first/last words
EXPECTED = [
    ("f7f43db6-01", "article", "党旗领航", "武川县", "多举措提振干部干事创业精气神",
     [("记者", "云艳芳"), ("通讯员", "武组轩")], 2, "近年来,武川县", "干多干少一"),
    ("f7f43db6-02", "article", "党旗领航", "新城区", "抓好考核“全链条”评出基层好书记",
     [("记者", "刘沙沙")], 4, "强有力、", "的良好氛围。"),
    ("f7f43db6-03", "article", "基层实践", "市工信局", "强化党建引领助力文明城市创建",
     [("记者", "宋向华"), ("通讯员", "张立富")], 6, "今年以来,", "要求对方立即整改。"),
    ("f7f43db6-04", "article", "基层实践", "市区域经济合作局", "着力推动党建与业务工作深度融合",
     [("记者", "云艳芳")], 3, "近年来,市区域", "争取在各方面更进一步。"),
    ("f7f43db6-05", "article", "深入学习贯彻党的二十大精神", "回民区",
     "用好“四类课堂”推动党的二十大精神落地生根",
     [("记者", "郝晓燕"), ("通讯员", "于萍")], 2, "回民区充分发挥", "实际举措。"),
    ("f7f43db6-06", "article", "铸牢中华民族共同体意识", "土左旗退役军人事务局",
     "开展“民族团结进步故事宣讲”志愿服务活动",
     [("记者", "吕会生"), ("通讯员", "郭静")], 2, "为引导广大青少年", "宣传活动。"),
    ("f7f43db6-07", "article", "铸牢中华民族共同体意识", "呼和浩特市回民中学",
     "开展“传承红色基因”系列教育活动",
     [("记者", "吕会生"), ("通讯员", "费莉萍")], 3, "为做好青少年", "代代相传。"),
    ("f7f43db6-08", "photo", "铸牢中华民族共同体意识", None, "",
     [("摄影", "郝晓燕")], 2, "日前,自治区", "■本报记者 郝晓燕 摄"),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_page():
    return import_file(SEED).page


@pytest.mark.parametrize("row", EXPECTED, ids=[row[0] for row in EXPECTED])
def test_seed_structure(seed_page, row) -> None:
    ident, kind, section, kicker, title, byline, count, first, last = row
    article = next(a for a in seed_page.articles if a.id == ident)
    assert article.kind is ArticleKind(kind)
    assert (article.section, article.kicker, article.title) == (section, kicker, title)
    assert article.byline == tuple(Byline(role, name) for role, name in byline)
    assert article.dateline == ("本报讯" if kind == "article" else None)
    assert len(article.paragraphs) == count
    assert article.paragraphs[0].startswith(first)
    assert article.paragraphs[-1].endswith(last)


def test_seed_has_seven_articles_and_a_photo_in_four_sections(seed_page) -> None:
    assert [a.id for a in seed_page.articles] == [row[0] for row in EXPECTED]
    assert seed_page.sections == (
        "党旗领航",
        "基层实践",
        "深入学习贯彻党的二十大精神",
        "铸牢中华民族共同体意识",
    )
    ref = seed_page.articles[0].page
    assert (ref.paper, ref.date, ref.number, ref.name) == (None, None, None, None)


@pytest.mark.parametrize(
    "joined",
    [
        "推动干部愿担当,树立基层导向",
        "一名一名干部过筛子,摸准查实干部",
        "明确了激励对象、评选条件",
        "考后运用结果,注入激励“催化剂”。把考评结果",
        "清除各类下地、捆扎、拆除",
        "专业化招商服务机构对接合作",
        "感受到近十年来",
        # Kept as printed: the cut sentence and the > typo inside 《》.
        "“牛皮癣”,铲除了生活垃圾",
        "《呼包鄂乌“十四五”一体化发展规划>实施方案》",
    ],
)
def test_column_breaks_are_joined_and_odd_spots_kept(seed_page, joined: str) -> None:
    paragraphs = [p for a in seed_page.articles for p in a.paragraphs]
    assert sum(joined in p for p in paragraphs) == 1


def test_importer_loses_nothing_on_the_seed(seed_page) -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert comparable(page_as_printed(seed_page)) == comparable(raw)


def _stored_text() -> str:
    result = load_content(bundled_content_dir())
    assert result.problems == []
    return "\n".join(page_as_printed(page) for page in result.pages)


def test_bundled_content_has_every_han_character_of_the_seed() -> None:
    raw = SEED.read_text(encoding="utf-8")
    stored = _stored_text()
    assert len(HAN.findall(stored)) == len(HAN.findall(raw))
    assert HAN.findall(stored) == HAN.findall(raw)
    # Every non-space character, in order (bracket and colon widths aside).
    assert comparable(stored) == comparable(raw)


def test_bundled_content_is_what_the_importer_makes(seed_page) -> None:
    result = load_content(bundled_content_dir())
    assert [a for page in result.pages for a in page.articles] == list(seed_page.articles)
