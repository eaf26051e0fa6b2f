"""Structures the fixture sites do not show but other papers use: handled, not special-cased.

Each test builds a small site in a temporary folder and serves it with the real
serve.py: a frameset front page, lettered sections (A01/B01) with eight-digit
date folders, an image map as the only article list, a related link into
another edition, captions in table cells, a GBK feed declared gb2312 with the
loose dates Chinese feeds use, and a single page with its date in a meta tag.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fetch_sites import Served

from reader.fetch.client import Client
from reader.fetch.crawl import Crawl, crawl
from reader.fetch.sources import Job

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>东岸晚报数字报</title></head><body>
<div class="bmdh">{nav}</div>
{articles}
<a href="../20250305/content_9.htm">昨日头版：旧闻一则</a>
</body></html>"""
ARTICLE = """<html><head><meta charset="gbk"><title>{title}</title></head><body>
<div class="nav"><a href="node_1.htm">A01版：要闻</a></div>
<!--enpproperty <title>{title}</title><author>本报记者 韩昇</author><introtitle>{kicker}</introtitle>/enpproperty-->
<founder-content><P>　　第一段正文，镕堃喆。</P>
<TABLE><TR><TD><IMG src="../../pic/1.jpg"></TD></TR><TR><TD>图为现场。</TD></TR></TABLE>
第二段正文<br>第三段正文</founder-content>
</body></html>"""


def crawl_served(root: Path, path: str, **job: object) -> tuple[Crawl, Served]:
    """Crawl ``path`` of ``root`` served by serve.py (stopped again before returning)."""
    served = Served(root)
    try:
        with Client(rate=0) as client:
            return crawl(served.url(path), Job(client, **job)), served  # type: ignore[arg-type]
    finally:
        served.close()


def build_epaper(root: Path) -> None:
    site = root / "dongan"
    day = site / "html" / "20250306"
    day.mkdir(parents=True)
    (site / "index.htm").write_text(
        '<html><frameset cols="20%,*"><frame src="html/20250306/node_1.htm"></frameset></html>'
    )
    nav = "".join(
        f'<a href="node_{n}.htm">{label}</a> <a href="../../pdf/{n}.pdf">PDF</a><br>'
        for n, label in ((1, "A01版：要闻"), (2, "A02版：本地"), (3, "B01版：体育"))
    )
    pages = {
        1: '<ul><li><a href="content_1.htm">东岸新闻一</a></li><li><a href="content_2.htm">东岸新闻二</a></li></ul>',
        2: '<map name="m"><area href="content_3.htm" coords="0,0,1,1"></map>',
        3: '<ul><li><a href="content_4.htm">体育新闻</a></li><li>本版编辑：王堃</li></ul>',
    }
    for number, articles in pages.items():
        page = PAGE.format(nav=nav, articles=articles)
        (day / f"node_{number}.htm").write_bytes(page.encode("gbk"))
    for number in range(1, 5):
        text = ARTICLE.format(title=f"标题{number}", kicker="引题" if number == 1 else "")
        (day / f"content_{number}.htm").write_bytes(text.encode("gbk"))
    other = site / "html" / "20250305"
    other.mkdir()
    (other / "content_9.htm").write_bytes(ARTICLE.format(title="旧闻", kicker="").encode("gbk"))


def test_frameset_lettered_sections_image_map_and_table_captions(tmp_path: Path) -> None:
    build_epaper(tmp_path)
    result, served = crawl_served(tmp_path, "dongan/")
    assert result.failures == []
    got = [(i.page.number, i.page.name, i.title, i.page.date, i.page.paper) for i in result.items]
    date = dt.date(2025, 3, 6)
    assert got == [
        (1, "A01 要闻", "标题1", date, "东岸晚报"),
        (1, "A01 要闻", "标题2", date, "东岸晚报"),
        (2, "A02 本地", "标题3", date, "东岸晚报"),  # from the image map
        (3, "B01 体育", "标题4", date, "东岸晚报"),  # B01 is not page 1 again
    ]
    first = result.items[0]
    assert first.kicker == "引题" and first.byline[0].name == "韩昇"
    assert first.paragraphs == ("第一段正文，镕堃喆。", "图为现场。", "第二段正文", "第三段正文")
    assert first.extra["images"] == (served.url("dongan/pic/1.jpg"),)
    assert first.page.pdf == served.url("dongan/pdf/1.pdf")
    assert result.items[3].page.pdf == served.url("dongan/pdf/3.pdf")


def test_another_date_is_found_by_rewriting_the_eight_digit_folder(tmp_path: Path) -> None:
    build_epaper(tmp_path)
    result, served = crawl_served(tmp_path, "dongan/index.htm", dates=(dt.date(2025, 3, 7),))
    assert result.items == [] and result.failures == []
    assert result.notes == [
        f"2025-03-07: no edition on this date ({served.url('dongan/html/20250307/node_1.htm')})"
    ]


def test_gbk_feed_declared_gb2312_with_loose_dates(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>西江日报</title>
<item><title>西江新闻镕</title><link>/a.html</link><pubDate>2025/04/01 23:30</pubDate>
<author>记者 刘喆</author><category>要闻</category>
<description><![CDATA[<p>全文第一段。</p><p>全文第二段。</p>]]></description></item>
</channel></rss>"""
    (tmp_path / "rss.xml").write_bytes(feed.encode("gbk"))
    result, served = crawl_served(tmp_path, "rss.xml")
    assert result.failures == []
    (item,) = result.items
    assert (item.page.paper, item.title, item.section) == ("西江日报", "西江新闻镕", "要闻")
    assert item.page.date == dt.date(2025, 4, 1)
    assert item.byline[0].name == "刘喆"
    assert item.paragraphs == ("全文第一段。", "全文第二段。")  # full text in <description>


def test_single_page_date_source_and_no_portal_text(tmp_path: Path) -> None:
    page = """<html><head><meta charset="utf-8"><title>一篇报道_东岸网</title>
<meta property="article:published_time" content="2025-04-01T18:00:00Z"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/x">国际</a></div>
<h1>一篇报道</h1><div class="info"><span>来源：东岸晚报</span></div>
<div class="content"><p>　　本报讯（记者 张堃）正文第一段，写得足够长，才像一篇真正的新闻报道的开头。</p>
<p>　　正文第二段，也写得足够长，这样正文抽取才会把它当作正文而不是导航。</p></div>
<div class="footer"><p>版权所有 东岸网 ICP备00000000号</p></div></body></html>"""
    (tmp_path / "news.html").write_text(page, encoding="utf-8")
    result, served = crawl_served(tmp_path, "news.html")
    assert result.family == "article" and result.failures == []
    (item,) = result.items
    assert item.title == "一篇报道" and item.page.date == dt.date(2025, 4, 2)
    assert item.source == "东岸晚报" and item.dateline == "本报讯"
    assert item.byline[0].name == "张堃"
    assert item.paragraphs[0].startswith("正文第一段") and len(item.paragraphs) == 2


def test_main_text_fallback_when_extraction_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback (the block with most paragraph text) keeps navigation and footers out."""
    import reader.fetch.single as single

    page = """<html><head><meta charset="utf-8"><title>报道_东岸网</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">要闻</a></li></ul>
<h1>报道</h1><div class="text"><p>　　第一段正文，讲一件事情的来龙去脉，写得足够长，才算得上一段真正的正文。</p>
<p>　　第二段正文。</p><p>（责任编辑：王堃）</p></div>
<div class="related"><p><a href="/x">相关新闻一</a></p><p><a href="/y">相关新闻二</a></p></div>
<div class="footer"><p>版权所有</p></div></body></html>"""
    (tmp_path / "n.html").write_text(page, encoding="utf-8")
    monkeypatch.setattr(single, "extract_paragraphs", lambda _text: [])
    result, _served = crawl_served(tmp_path, "n.html")
    (item,) = result.items
    assert item.title == "报道"
    assert item.paragraphs == (
        "第一段正文，讲一件事情的来龙去脉，写得足够长，才算得上一段真正的正文。",
        "第二段正文。",
    )


def test_feed_items_without_links_stay_apart(tmp_path: Path) -> None:
    items = "".join(
        f'<item><title>短讯{n}</title><guid isPermaLink="false">{guid}</guid><description>第{n}条。</description></item>'
        for n, guid in ((1, "g-1"), (2, "g-2"), (3, ""), (4, ""))
    )
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>快讯</title>{items}</channel></rss>'
    (tmp_path / "brief.xml").write_text(feed, encoding="utf-8")
    result, _served = crawl_served(tmp_path, "brief.xml")
    assert result.failures == []
    assert [a.title for a in result.items] == ["短讯1", "短讯2", "短讯3", "短讯4"]
    assert len({a.id for a in result.items}) == 4
    assert {a.url for a in result.items} == {None}
