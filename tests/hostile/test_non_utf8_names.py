"""File and directory names that are not UTF-8 (GBK names from archives unzipped on Linux).

Made as a user meets them: with bytes paths, as ``unzip`` leaves them. Every
command works on them; names are kept losslessly (two names that differ in one
byte stay two) and shown with U+FFFD.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_hostile_index import write_paper

from reader.__main__ import main
from reader.contracts import ROOT
from reader.search.opening import open_catalog
from reader.state import ReadingState
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f7f43db65705d640.txt"


def gbk(parent: Path, name: str, suffix: bytes = b"") -> Path:
    """``parent / name`` with the name in GBK bytes, as Python sees it (surrogate escapes)."""
    return Path(os.fsdecode(os.fsencode(parent) + b"/" + name.encode("gbk") + suffix))


def test_import_of_a_gbk_named_raw_page_works_and_shows_the_name_safely(
    tmp_path: Path, capsys
) -> None:
    raw = gbk(tmp_path, "第一版", b".txt")
    raw.write_text("党旗领航\n\n干部队伍建设\n本报讯 近年来，干部队伍建设不断加强。\n", "utf-8")
    out = gbk(tmp_path, "人民日报")
    assert main(["import", str(raw), "--out", str(out), "--paper", "甲报"]) == 0
    printed = capsys.readouterr().out
    assert "\ufffd" in printed and "→" in printed
    written = [p for p in Path(out).rglob("*.yaml")]
    assert len(written) == 1
    assert "source: \ufffd" in written[0].read_text("utf-8")
    assert main(["check", "--content", str(out)]) == 0


def test_jsonl_import_from_a_gbk_named_file_works_and_resumes(tmp_path: Path, capsys) -> None:
    source = gbk(tmp_path, "档案", b".jsonl")
    line = {"title": "标题", "date": "2024-01-02", "paragraphs": ["干部正文。"]}
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "out"
    assert main(["import", "--jsonl", str(source), "--paper", "甲报", "--out", str(out)]) == 0
    assert "\ufffd" in capsys.readouterr().out
    # The same command again: the journal recognises the (non-UTF-8) source.
    assert main(["import", "--jsonl", str(source), "--paper", "甲报", "--out", str(out)]) == 0
    assert "1 already stored" in capsys.readouterr().out


def test_search_in_a_gbk_directory_keeps_names_that_differ_in_one_byte_apart(
    tmp_path: Path, capsys
) -> None:
    content = gbk(tmp_path, "报纸")
    write_paper(content, 2)
    pages = sorted(Path(content).rglob("*.yaml"))
    # Two page files whose names differ only in a byte that is not UTF-8.
    for page, byte in zip(pages, (b"\xfe", b"\xfd"), strict=True):
        page.rename(Path(os.fsdecode(os.fsencode(page.parent) + b"/\xc8" + byte + b".yaml")))
    assert main(["search", "干部", "--json", "--content", str(content)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 8
    (Path(content) / "broken.yaml").write_text("schema: [", "utf-8")
    bad = Path(os.fsdecode(os.fsencode(content) + b"/\xc8\xfe-bad.yaml"))
    shutil.copy(Path(content) / "broken.yaml", bad)
    assert main(["search", "干部", "--content", str(content)]) == 0
    err = capsys.readouterr().err
    assert "\ufffd\ufffd-bad.yaml" in err and "broken.yaml" in err


def test_reading_state_of_gbk_directories_is_kept_apart_and_survives(tmp_path: Path) -> None:
    one, two = (Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xc8" + b)) for b in (b"\xfe", b"\xfd"))
    for content, article in ((one, "a-1"), (two, "b-1")):
        content.mkdir()
        state = ReadingState(content)
        state.set_read(article)
        state.close()
    assert ReadingState(one).read_ids() == {"a-1"}
    assert ReadingState(two).read_ids() == {"b-1"}


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")
async def test_the_reader_opens_a_gbk_directory(tmp_path: Path) -> None:
    content = gbk(tmp_path, "报纸")
    write_paper(gbk(content, "第一版"), 3)
    app = ReaderApp(content, lambda path: open_catalog(path, background=True))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.catalog is not None
        assert screen.catalog.count(ROOT) == 12
        await pilot.press("m")  # a read mark, saved under the directory's key
        assert app.return_code is None
