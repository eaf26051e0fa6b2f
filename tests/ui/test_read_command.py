"""`zhpaper [read] [--content DIR]`: argument handling and the catalogue it opens."""

from __future__ import annotations

from pathlib import Path

from ui_fixtures import pages

from reader.cli import main
from reader.contracts import ROOT
from reader.search.opening import open_catalog
from reader.store.writer import page_path, write_page


def test_missing_content_dir_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    code = main(["--content", str(tmp_path / "nowhere")])
    assert code != 0
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err


def test_open_catalog_reads_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    content = tmp_path / "content"  # the cache (ZHPAPER_CACHE_DIR) is tmp_path/cache
    for page in pages():
        write_page(page, page_path(content, page))
    (content / "broken.yaml").write_text("schema: 1\npaper: [\n", encoding="utf-8")
    opened = open_catalog(content)
    assert opened.notice is None  # the index was used, not the files directly
    assert opened.catalog.count(ROOT) == 10
    assert len(opened.problems) == 1 and "broken.yaml:" in opened.problems[0]
