"""Crawls that meet real-site faults: each failure is one line, the rest is still imported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fetch_sites import Served

from reader.fetch.client import Client
from reader.fetch.crawl import crawl
from reader.fetch.decode import UndecodablePage, decode_page
from reader.fetch.sources import Job
from reader.fetch.update import fetch_into
from reader.store.loader import load_content


def expected(site: str) -> list[dict[str, object]]:
    from fetch_sites import WEB

    return json.loads((WEB / site / "expected.json").read_text(encoding="utf-8"))["articles"]


def test_wrong_charset_header_is_overruled_by_the_bytes(site_copy: Served, client: Client) -> None:
    """GBK pages served as utf-8, UTF-8 pages served as gb2312: no mojibake either way."""
    for site, header in (("founder-paper", ".htm"), ("layout-paper", ".html")):
        wrong = "utf-8" if site == "founder-paper" else "gb2312"
        (site_copy.root / site / "routes.json").write_text(
            json.dumps({"content_types": {header: f"text/html; charset={wrong}"}}), encoding="utf-8"
        )
    founder = crawl(site_copy.url("founder-paper/"), Job(client))
    assert founder.failures == []
    assert [i.title for i in founder.items] == [a["title"] for a in expected("founder-paper")]
    assert founder.items[0].byline[0].name == "周镕"
    layout = crawl(site_copy.url("layout-paper/"), Job(client))
    assert layout.failures == [] and layout.items[0].page.paper == "北疆晨报"


def test_gb2312_declared_pages_decode_as_gb18030() -> None:
    text = "记者 周镕 张堃 刘喆 𠀀 ——"
    data = f'<meta charset="gb2312"><p>{text}</p>'.encode("gb18030")
    decoded, codec = decode_page(data, "text/html")
    assert codec == "gb18030" and text in decoded
    assert decode_page("好".encode("utf-8-sig"), "text/html; charset=gbk") == ("好", "utf-8")
    with pytest.raises(UndecodablePage, match="offset"):
        decode_page(b'<meta charset="big5">\xff\xff\xff', None)


def test_empty_and_missing_articles_fail_alone(
    site_copy: Served, client: Client, tmp_path: Path
) -> None:
    day = site_copy.root / "layout-paper" / "pc" / "content" / "202503" / "05"
    (day / "content_3002102.html").write_bytes(b"")
    (site_copy.root / "layout-paper" / "routes.json").write_text(
        json.dumps({"routes": {"pc/content/202503/05/content_3002301.html": {"status": 404}}}),
        encoding="utf-8",
    )
    out = tmp_path / "library"
    outcome = fetch_into(site_copy.url("layout-paper/"), out, client)
    reasons = {f.url.rsplit("/", 1)[1]: f.reason for f in outcome.failures}
    assert reasons == {
        "content_3002102.html": "empty page",
        "content_3002301.html": "HTTP 404 Not Found",
    }
    assert len(outcome.items) == 6
    assert sum(len(p.articles) for p in load_content(out).pages) == 6


def test_feed_item_without_a_date(site_copy: Served, client: Client, tmp_path: Path) -> None:
    rss = site_copy.root / "feeds" / "rss.xml"
    text = rss.read_text(encoding="utf-8")
    rss.write_text(text.replace("<pubDate>Tue, 01 Apr 2025 10:05:00 +0800</pubDate>", ""), "utf-8")
    out = tmp_path / "library"
    outcome = fetch_into(site_copy.url("feeds/rss.xml"), out, client)
    assert outcome.failures == []
    undated = [i for i in outcome.items if i.page.date is None]
    assert [i.title for i in undated] == ["总统参拜南投“紫南宫”"]
    assert undated[0].section == "财经" and undated[0].byline[0].name == "陈思远"
    assert "南海商报 （无日期）：1 篇" in outcome.summary()
    pages = load_content(out).pages
    assert sum(len(p.articles) for p in pages) == 5
    assert [p.ref.date for p in pages if p.ref.date is None] == [None]


def test_dates_select_the_feed_items(fixture_site: Served, client: Client) -> None:
    result = crawl(fixture_site.url("feeds/rss.xml"), Job(client, dates=(dt.date(2025, 4, 2),)))
    assert [i.page.date for i in result.items] == [dt.date(2025, 4, 2)] * 2


def test_interrupted_crawl_resumes_without_downloading_again(
    fixture_site: Served, tmp_path: Path
) -> None:
    out, cache = tmp_path / "library", tmp_path / "cache"
    url = fixture_site.url("layout-paper/")
    requests = iter(range(1000))
    with Client(rate=0, cache_dir=cache) as client:
        first = fetch_into(url, out, client, should_stop=lambda: next(requests) >= 9)
        first_bytes = client.stats.bytes_received
    assert first.stopped and 0 < len(first.items) < 8
    stored_then = sum(len(p.articles) for p in load_content(out).pages)
    assert stored_then == len(first.items)  # complete pages and articles are on disk
    with Client(rate=0, cache_dir=cache) as client:
        second = fetch_into(url, out, client)
        assert client.stats.not_modified == 9  # everything fetched before: 304, no body
    assert not second.stopped and second.failures == []
    assert len(second.written.new) == 8 - len(first.items)
    assert sum(len(p.articles) for p in load_content(out).pages) == 8
    assert first_bytes > 0


def test_reprint_stays_two_articles(fixture_site: Served, client: Client, tmp_path: Path) -> None:
    out = tmp_path / "library"
    fetch_into(fixture_site.url("layout-paper/"), out, client, dates=[dt.date(2025, 3, 4)])
    articles = [a for p in load_content(out).pages for a in p.articles]
    titles = [a.title for a in articles]
    assert titles.count("强调持续扩大投资技职教育精进青年专业能力") == 2
    assert len({a.id for a in articles}) == len(articles) == 8
    again = fetch_into(fixture_site.url("layout-paper/"), out, client, dates=[dt.date(2025, 3, 4)])
    assert again.written.new == [] and again.written.unchanged == 8


def test_binary_answers_are_refused_before_any_parser(
    site_copy: Served, client: Client, tmp_path: Path
) -> None:
    """A PDF at the entry is an error (exit 2); a binary behind an article link one failure."""
    from reader.fetch.crawl import EntryError

    pdf = "layout-paper/pc/attachement/202503/04/9c0630a2-4ece-513b-b7c5-31dc186c59eb.pdf"
    with pytest.raises(EntryError, match=r"not a web page \(application/pdf\)"):
        fetch_into(site_copy.url(pdf), tmp_path / "a", client)
    article = site_copy.root / "layout-paper/pc/content/202503/05/content_3002102.html"
    article.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    outcome = fetch_into(site_copy.url("layout-paper/"), tmp_path / "b", client)
    assert [(f.url.rsplit("/", 1)[1], f.reason) for f in outcome.failures] == [
        ("content_3002102.html", "cannot decode: binary data (NUL bytes), not a web page")
    ]
    assert len(outcome.items) == 7
