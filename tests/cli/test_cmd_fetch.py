"""`zhpaper fetch`, `subscribe`, `subscriptions`, `unsubscribe` as a user runs them."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A temporary copy of the fixture sites on 127.0.0.1 (base URL, folder)."""
    if not (FIXTURES / "serve.py").is_file():
        pytest.skip("fixture sites not found")
    sys.path.insert(0, str(FIXTURES))
    from serve import start

    root = tmp_path / "web"
    shutil.copytree(FIXTURES / "web", root)
    server, base = start(str(root))
    yield base, root
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STATE", "CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"ZHPAPER_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("ZHPAPER_FETCH_RATE", "0")  # the rate limit has its own test


def test_fetch_prints_the_summary_and_exits_0(site, tmp_path: Path, capsys) -> None:
    base, _root = site
    out = tmp_path / "out"
    code = main(["fetch", base + "layout-paper/", "--out", str(out), "--date", "2025-03-04"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == ["北疆晨报 2025-03-04：3 版，8 篇"]
    assert len(list(out.rglob("page-*.yaml"))) == 3
    code = main(["fetch", base + "founder-paper/", "--out", str(out), "--paper", "青城日报社"])
    assert code == 0 and capsys.readouterr().out == "青城日报社 2025-02-21：3 版，7 篇\n"


def test_some_items_failing_exit_1_with_one_line_each(site, tmp_path: Path, capsys) -> None:
    base, root = site
    (root / "founder-paper" / "routes.json").write_text(
        json.dumps({"routes": {"html/2025-02/21/content_18812.htm": {"status": 404}}}), "utf-8"
    )
    code = main(["fetch", base + "founder-paper/index.htm", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == "青城日报 2025-02-21：3 版，6 篇\n"
    assert captured.err.splitlines() == [
        base + "founder-paper/html/2025-02/21/content_18812.htm?div=-1: HTTP 404 Not Found"
    ]


def test_unreachable_entry_and_bad_usage_exit_2(site, tmp_path: Path, capsys) -> None:
    base, _root = site
    assert main(["fetch", base + "nowhere/"]) == 2
    assert "nowhere/: HTTP 404" in capsys.readouterr().err
    assert main(["fetch", base, "--date", "2025-03-04", "--from", "2025-03-01"]) == 2
    assert main(["fetch", base, "--from", "2025-03-05", "--to", "2025-03-04"]) == 2
    with pytest.raises(SystemExit) as parse_error:  # argparse: one line, exit 2
        main(["fetch", base, "--date", "March"])
    assert parse_error.value.code == 2
    assert main(["fetch"]) == 2  # no URL and no subscriptions
    assert "zhpaper subscribe URL" in capsys.readouterr().err


def test_subscribe_fetch_quietly_and_unsubscribe(site, tmp_path: Path, capsys) -> None:
    base, _root = site
    assert main(["subscribe", base + "layout-paper/"]) == 0
    assert main(["subscribe", base + "feeds/atom.xml", "--name", "南海"]) == 0
    assert main(["subscribe", base + "layout-paper/"]) == 2  # already subscribed
    capsys.readouterr()
    assert main(["subscriptions"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith("北疆晨报") and listing[0].endswith("[layout]")
    assert listing[1].startswith("南海") and listing[1].endswith("[feed]")
    config = tmp_path / "config" / "subscriptions.toml"
    assert 'name = "北疆晨报"' in config.read_text(encoding="utf-8")
    assert main(["fetch"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""  # cron-friendly: quiet when all went well
    library = tmp_path / "data" / "library"
    assert len(list((library / "北疆晨报").rglob("page-*.yaml"))) == 3
    assert len(list((library / "南海商报").rglob("page-*.yaml"))) == 2
    assert main(["unsubscribe", "南海"]) == 0
    assert main(["unsubscribe", "南海"]) == 2
    capsys.readouterr()
    main(["subscriptions"])
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_subscribe_refuses_an_unreachable_url(site, capsys) -> None:
    base, _root = site
    assert main(["subscribe", base + "gone/"]) == 2
    assert "gone/: HTTP 404" in capsys.readouterr().err


def test_other_commands_default_to_the_library_like_the_reader(site, capsys) -> None:
    """After `zhpaper fetch`, `export`, `check` and `search` see what was fetched."""
    base, _root = site
    assert main(["export", "--format", "json"]) == 0  # an empty library: the bundled paper
    bundled = json.loads(capsys.readouterr().out)["articles"]
    assert main(["fetch", base + "founder-paper/"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json"]) == 0
    fetched = json.loads(capsys.readouterr().out)["articles"]
    assert len(fetched) == 7 and fetched != bundled
    assert main(["check"]) == 0
    assert main(["search", "周镕"]) == 0
    assert "盼国家平安、经济繁荣" in capsys.readouterr().out
