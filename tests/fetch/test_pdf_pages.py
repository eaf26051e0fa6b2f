"""An e-paper page that lists no article pages but links its print PDF is read from the PDF.

The site is a copy of the layout fixture whose page 3 of 2025-03-05 keeps only
its PDF link (the seed page set in four columns, ../shared/fixtures/pdf), served
by the real serve.py on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from fetch_sites import FIXTURES, Served, copy_web

from reader.fetch.client import Client
from reader.fetch.crawl import crawl
from reader.fetch.sources import Job

DAY = Path("layout-paper/pc/layout/202503/05")
PDF = FIXTURES / "pdf" / "qingcheng-2025-02-20-p3.pdf"


def _site_with_pdf_only_page(root: Path) -> str:
    copy_web(root)
    page = root / DAY / "node_03.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<ul class="news-list">.*?</ul>', "", html, flags=re.S)
    link = re.search(r'href="(\.\./\.\./\.\./attachement/[^"]+\.pdf)"', html)
    assert link is not None
    target = (page.parent / link.group(1)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PDF, target)
    page.write_text(html, encoding="utf-8")
    return str(DAY / "node_01.html")


def test_a_page_with_only_its_pdf_is_read_from_the_pdf(tmp_path: Path) -> None:
    entry = _site_with_pdf_only_page(tmp_path / "web")
    expected = json.loads((FIXTURES / "pdf" / "expected.json").read_text(encoding="utf-8"))
    seed = [a for a in expected["articles"] if a["file"].startswith("qingcheng")]
    with Served(tmp_path / "web") as served, Client(rate=0) as client:
        result = crawl(served.url(entry), Job(client))
    assert not result.failures
    on_page_3 = [a for a in result.items if a.page.number == 3]
    # The page keeps what the e-paper says of it (paper, date, number, name, PDF link);
    # the articles are the PDF's, in its reading order, every field as printed.
    assert [a.title for a in on_page_3] == [a["title"] for a in seed]
    assert [list(a.paragraphs) for a in on_page_3] == [a["paragraphs"] for a in seed]
    assert {a.page.paper for a in on_page_3} == {"北疆晨报"}
    assert {str(a.page.date) for a in on_page_3} == {"2025-03-05"}
    assert all(a.page.pdf and a.page.pdf.endswith(".pdf") for a in on_page_3)
    assert len({a.id for a in result.items}) == len(result.items)
    # Pages 1 and 2 are still read from their article pages.
    assert [a.page.number for a in result.items if a.page.number != 3]


def test_a_damaged_pdf_is_one_failure_and_the_rest_is_kept(tmp_path: Path) -> None:
    entry = _site_with_pdf_only_page(tmp_path / "web")
    for pdf in (tmp_path / "web" / "layout-paper" / "pc" / "attachement").rglob("*.pdf"):
        pdf.write_bytes(b"%PDF-1.4\n garbage")
    with Served(tmp_path / "web") as served, Client(rate=0) as client:
        result = crawl(served.url(entry), Job(client))
    assert len(result.failures) == 1
    assert result.failures[0].url.endswith(".pdf")
    assert result.items and all(a.page.number != 3 for a in result.items)
