"""简繁 display conversion: characters only, Taiwan's printed forms, lengths kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Article, Byline, PageRef
from reader.typeset.script import convert, convert_article, has_traditional


def test_traditional_is_the_printed_form_and_never_new_vocabulary() -> None:
    assert convert("以加强培训为基本，着力构建", "traditional") == "以加強培訓為基本，著力構建"
    assert convert("软件信息", "traditional") == "軟件信息"  # not 軟體資訊: no translation
    assert convert("着力锻炼", "simplified") == "着力锻炼"
    assert convert("總統為著力鍛鍊", "simplified") == "总统为着力锻炼"
    assert convert("干部 ABC", "original") == "干部 ABC"


def test_which_way_is_useful() -> None:
    assert has_traditional("總統府新聞")
    assert not has_traditional("总统府新闻")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=80))
def test_lengths_are_kept_so_offsets_hold(text: str) -> None:
    for script in ("traditional", "simplified"):
        assert len(convert(text, script)) == len(text)


def test_convert_article_changes_what_is_read_never_ids_or_urls() -> None:
    article = Article(
        id="干部-1",
        title="干部",
        paragraphs=("发展",),
        section="时政",
        kicker="武川县",
        byline=(Byline("记者", "云艳芳"),),
        page=PageRef("内蒙古日报", None, 1, "要闻"),
        url="https://example.com/干部",
        source="新华社",
        extra={"备注": "干部"},
    )
    shown = convert_article(article, "traditional")
    assert (shown.title, shown.paragraphs, shown.section, shown.kicker) == (
        "幹部",
        ("發展",),
        "時政",
        "武川縣",
    )
    assert shown.byline == (Byline("記者", "雲豔芳"),)
    assert (shown.page.paper, shown.page.name, shown.source) == ("內蒙古日報", "要聞", "新華社")
    assert (shown.id, shown.url, shown.extra_data()) == (article.id, article.url, {"备注": "干部"})
    assert convert_article(article, "original") is article
