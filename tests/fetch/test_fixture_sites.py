"""Every expected.json of the fixture sites, field by field, through the real client.

One shared test for all source families (the house style's "one contract, one
adapter per family, one differential test"): the sites are served by
../shared/fixtures/serve.py on 127.0.0.1 and crawled from their entries.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from typing import Any

import pytest
from fetch_sites import WEB, Served

from reader.fetch.client import Client
from reader.fetch.crawl import crawl
from reader.fetch.epaper import page_list
from reader.fetch.sources import Job
from reader.model import Article

FIELDS = (
    "paper",
    "date",
    "page",
    "page_name",
    "section",
    "kind",
    "kicker",
    "title",
    "subtitle",
    "dateline",
    "byline",
    "paragraphs",
    "url",
)


def expected(site: str) -> dict[str, Any]:
    return json.loads((WEB / site / "expected.json").read_text(encoding="utf-8"))


def relative(served: Served, site: str, url: str | None) -> str | None:
    """A fetched URL as expected.json writes it: relative to the site, query dropped."""
    if url is None:
        return None
    prefix = served.url(site) + "/"
    assert url.startswith(prefix), url
    return urllib.parse.urlsplit(url[len(prefix) :]).path


def as_expected(item: Article, served: Served, site: str) -> dict[str, Any]:
    edition = item.page
    return {
        "paper": edition.paper,
        "date": edition.date.isoformat() if edition.date else None,
        "page": edition.number,
        "page_name": edition.name,
        "section": item.section,
        "kind": item.kind.value,
        "kicker": item.kicker,
        "title": item.title,
        "subtitle": item.subtitle,
        "dateline": item.dateline,
        "byline": [{"role": b.role, "name": b.name} for b in item.byline],
        "paragraphs": list(item.paragraphs),
        "url": relative(served, site, item.url),
    }


def compare(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    assert [g["title"] for g in got] == [w["title"] for w in want]
    for number, (g, w) in enumerate(zip(got, want, strict=True), start=1):
        for key in FIELDS:
            assert g[key] == w[key], f"article {number} ({w['title']}): {key}"


def crawl_site(served: Served, client: Client, site: str, entry: str, **job: Any) -> list[Article]:
    result = crawl(served.url(f"{site}/{entry}"), Job(client, **job))
    assert result.failures == []
    return result.items


@pytest.mark.parametrize("site", ["layout-paper", "founder-paper"])
def test_epaper_sites_every_field(fixture_site: Served, client: Client, site: str) -> None:
    want = expected(site)
    dates = tuple(sorted({dt.date.fromisoformat(a["date"]) for a in want["articles"]}))
    items = crawl_site(fixture_site, client, site, want["entry"], dates=dates)
    compare([as_expected(i, fixture_site, site) for i in items], want["articles"])
    # Every page: its PDF (read from the page, never built) and its article count.
    pages: dict[tuple[str, int], dict[str, Any]] = {}
    for item in items:
        key = (item.page.date.isoformat() if item.page.date else "", item.page.number or 0)
        page = pages.setdefault(
            key,
            {
                "date": key[0],
                "page": key[1],
                "page_name": item.page.name,
                "pdf": relative(fixture_site, site, item.page.pdf),
                "articles": 0,
            },
        )
        page["articles"] += 1
    assert list(pages.values()) == [
        {k: v for k, v in page.items() if k != "url"} for page in want["pages"]
    ]
    # … and its URL, as every page file lists the edition's pages.
    from reader.fetch.sources import Document

    for date in dates:
        first = next(p for p in want["pages"] if p["date"] == date.isoformat())
        doc = Document(client.get(fixture_site.url(f"{site}/{first['url']}")))
        listed = [relative(fixture_site, site, p.url) for p in page_list(doc)]
        assert listed == [p["url"] for p in want["pages"] if p["date"] == date.isoformat()]


def test_epaper_entry_alone_is_the_latest_edition(fixture_site: Served, client: Client) -> None:
    want = expected("layout-paper")
    latest = max(a["date"] for a in want["articles"])
    items = crawl_site(fixture_site, client, "layout-paper", "")  # the site's front door
    got = [as_expected(i, fixture_site, "layout-paper") for i in items]
    compare(got, [a for a in want["articles"] if a["date"] == latest])


def test_feeds_every_field(fixture_site: Served, client: Client) -> None:
    want = expected("feeds")
    got = []
    for feed in want["feeds"]:
        items = crawl_site(fixture_site, client, "feeds", feed)
        got += [as_expected(i, fixture_site, "feeds") | {"feed": feed} for i in items]
    compare(got, want["articles"])
    assert [g["feed"] for g in got] == [w["feed"] for w in want["articles"]]


def test_page_list_reads_both_templates(fixture_site: Served, client: Client) -> None:
    """The 版 list comes from the labels, in page order, with the PDF of each row."""
    from reader.fetch.sources import Document

    doc = Document(client.get(fixture_site.url("founder-paper/html/2025-02/21/node_3.htm")))
    pages = page_list(doc)
    assert [(p.number, p.name) for p in pages] == [(1, "要闻"), (2, "要闻"), (3, "民生")]
    assert all(p.pdf and p.pdf.endswith("_pdf.pdf") for p in pages)
