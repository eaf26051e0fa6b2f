"""The client's manners against real servers on 127.0.0.1: errors, retries, cache, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fetch_sites import Scripted, Served

from reader.fetch.client import USER_AGENT, Client, FetchError


def write_routes(site: Path, routes: dict[str, object], **extra: object) -> None:
    (site / "routes.json").write_text(json.dumps({"routes": routes, **extra}), encoding="utf-8")


def test_404_is_reported_at_once_never_retried(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with Scripted(root, {}) as server:
        client = Client(rate=0, backoff=0.01, retries=3)
        with client, pytest.raises(FetchError) as caught:
            client.get(server.url("missing.html"))
        assert caught.value.status == 404
        assert caught.value.reason.startswith("HTTP 404")
        assert server.requests_for("/missing.html") == 1
        assert client.stats.retries == 0


def test_5xx_then_success_is_retried_with_backoff(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "page.html").write_text("<p>好</p>", encoding="utf-8")
    pauses: list[float] = []
    with Scripted(root, {"/page.html": [503, 502, "ok"]}) as server:
        with Client(rate=0, backoff=0.01, retries=3, sleep=pauses.append) as client:
            fetched = client.get(server.url("page.html"))
        assert fetched.text() == "<p>好</p>"
        assert server.requests_for("/page.html") == 3
        assert pauses == [0.01, 0.02]  # exponential backoff


def test_5xx_every_time_gives_up_with_one_line(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with Scripted(root, {"/down.html": [500]}) as server:
        with Client(rate=0, backoff=0.0, retries=3) as client, pytest.raises(FetchError) as caught:
            client.get(server.url("down.html"))
        assert "HTTP 500" in caught.value.reason and "3 tries" in caught.value.reason
        assert server.requests_for("/down.html") == 3


def test_a_stalling_server_times_out_and_is_retried(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "slow.html").write_text("<p>x</p>", encoding="utf-8")
    with Scripted(root, {"/slow.html": [("stall", 1.5)]}) as server:
        client = Client(rate=0, backoff=0.0, retries=2, timeout=0.3)
        with client, pytest.raises(FetchError) as caught:
            client.get(server.url("slow.html"))
        assert "timed out" in caught.value.reason
        assert server.requests_for("/slow.html") == 2


def test_redirect_chain_is_followed_and_the_linked_url_kept(site_copy: Served) -> None:
    site = site_copy.root / "layout-paper"
    write_routes(
        site,
        {
            "a.html": {"status": 301, "location": "b.html"},
            "b.html": {"status": 302, "location": "/layout-paper/c.html"},
            "c.html": {"status": 307, "location": "pc/layout/index.html"},
            "loop.html": {"status": 302, "location": "loop.html"},
        },
    )
    with Client(rate=0) as client:
        fetched = client.get(site_copy.url("layout-paper/a.html"))
        assert fetched.url == site_copy.url("layout-paper/a.html")
        assert fetched.final_url == site_copy.url("layout-paper/pc/layout/index.html")
        assert "202503/05/node_01.html" in fetched.text()
        with pytest.raises(FetchError, match="too many redirects"):
            client.get(site_copy.url("layout-paper/loop.html"))


def test_user_agent_names_zhpaper(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "p.html").write_text("<p>x</p>", encoding="utf-8")
    with Scripted(root, {}) as server:
        with Client(rate=0) as client:
            client.get(server.url("p.html"))
        headers = server.seen[0][1]
        assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("zhpaper/")


def test_unchanged_page_is_not_downloaded_again(fixture_site: Served, tmp_path: Path) -> None:
    url = fixture_site.url("layout-paper/pc/layout/202503/04/node_01.html")
    with Client(rate=0, cache_dir=tmp_path / "cache") as client:
        first = client.get(url)
        before = client.stats.bytes_received
    with Client(rate=0, cache_dir=tmp_path / "cache") as client:  # a later run
        second = client.get(url)
        assert client.stats.bytes_received == 0 and client.stats.not_modified == 1
    assert first.transferred > 1000 and before >= first.transferred
    assert second.from_cache and second.transferred == 0 and second.content == first.content


def test_interrupted_download_resumes_with_range(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    data = "　　正文。".encode() * 20_000
    (root / "big.html").write_bytes(data)
    with Scripted(root, {"/big.html": [("cut", 50_000), "ok"]}) as server:
        with Client(
            rate=0, backoff=0.0, retries=2, timeout=0.5, cache_dir=tmp_path / "c"
        ) as client:
            fetched = client.get(server.url("big.html"))
        assert fetched.content == data
        assert client.stats.resumed == 1
        assert server.seen[1][1]["Range"] == "bytes=50000-"
        assert server.seen[1][1]["If-Range"] == '"v1"'
        assert fetched.transferred == len(data) - 50_000


def test_rate_limit_spaces_requests_per_host(fixture_site: Served) -> None:
    """At most 2 requests a second to one host (a fake clock: no timing in tests)."""
    now = [0.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds

    with Client(rate=2.0, clock=lambda: now[0], sleep=sleep) as client:
        for _ in range(3):
            client.get(fixture_site.url("layout-paper/index.html"))
    assert pauses == [0.5, 0.5]


def test_only_http_urls(tmp_path: Path) -> None:
    with Client(rate=0) as client, pytest.raises(FetchError, match="not an http"):
        client.get(f"file://{tmp_path}")


def test_etag_makes_the_next_request_conditional(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "p.html").write_text("<p>镕</p>", encoding="utf-8")
    with Scripted(root, {"/p.html": ["etag"]}) as server:
        for run in range(2):
            with Client(rate=0, cache_dir=tmp_path / "cache") as client:
                fetched = client.get(server.url("p.html"))
            assert fetched.text() == "<p>镕</p>" and fetched.from_cache == bool(run)
        assert "If-None-Match" not in server.seen[0][1]
        assert server.seen[1][1]["If-None-Match"] == '"e1"'


def test_retry_after_is_honoured_within_reason(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "p.html").write_text("<p>x</p>", encoding="utf-8")
    busy = ("status", 503, {"Retry-After": "3"})
    gone = ("status", 429, {"Retry-After": "3600"})
    pauses: list[float] = []
    with Scripted(root, {"/p.html": [busy, "ok"], "/q.html": [gone]}) as server:
        with Client(rate=0, backoff=0.01, sleep=pauses.append) as client:
            client.get(server.url("p.html"))
            assert pauses == [3.0]  # the server's wish, not our 0.01 s backoff
            with pytest.raises(FetchError, match="come back later"):
                client.get(server.url("q.html"))  # an hour: reported, not waited for
        assert server.requests_for("/q.html") == 1
