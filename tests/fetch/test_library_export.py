"""Fetched → written → loaded → exported: every expected field survives the round trip."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from pathlib import Path

import pytest
from fetch_sites import WEB, Served

from reader.cli import main
from reader.fetch.client import Client
from reader.fetch.update import fetch_into

SITES = {
    "layout-paper": ["pc/layout/index.html"],
    "founder-paper": ["index.htm"],
    "feeds": ["rss.xml", "atom.xml"],
}
FIELDS = ("paper", "date", "page", "page_name", "section", "kind", "kicker", "title")
FIELDS += ("subtitle", "dateline", "byline", "paragraphs")


def test_export_holds_every_expected_article(
    fixture_site: Served, client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    days = [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    for site, entries in SITES.items():
        for entry in entries:
            dates = days if site == "layout-paper" else []
            outcome = fetch_into(fixture_site.url(f"{site}/{entry}"), library, client, dates=dates)
            assert outcome.failures == []
    assert main(["export", "--content", str(library), "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)["articles"]
    assert len({a["id"] for a in exported}) == len(exported) == 16 + 7 + 9
    by_url = {urllib.parse.urlsplit(a["url"]).path: a for a in exported}
    for site in SITES:
        want = json.loads((WEB / site / "expected.json").read_text(encoding="utf-8"))
        pdfs = {(p["date"], p["page"]): p["pdf"] for p in want.get("pages", [])}
        for article in want["articles"]:
            got = by_url[f"/{site}/{article['url']}"]
            for key in FIELDS:
                assert got[key] == article[key], (site, article["url"], key)
            pdf = pdfs.get((article["date"], article["page"]))
            assert got["page_pdf"] == (fixture_site.url(f"{site}/{pdf}") if pdf else None)
    # A portal page's 来源 line is kept as the source; a photo keeps its image URL.
    assert by_url["/feeds/articles/a3.html"]["source"] == "南海商报"
    photo = by_url["/layout-paper/pc/content/202503/04/content_3001202.html"]
    assert photo["extra"]["images"] == [
        fixture_site.url("layout-paper/pc/pic/202503/04/p3001202.jpg")
    ]
