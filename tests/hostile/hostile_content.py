"""A content directory full of hostile text and broken files (tests and the tmux session).

Good pages carry terminal control sequences, Rich/Textual markup, bidi overrides
and zero-width characters in every field the reader shows; bad files cover each
way a content file can be broken. ``python tests/hostile/hostile_content.py DIR``
writes it for trying by hand.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from reader.model import Article, Byline, Page, PageRef
from reader.store.writer import page_path, write_page

#: Every escape a terminal acts on: OSC title, clear screen, cursor moves, BEL, C1 CSI, DEL.
CONTROLS = "\x1b]2;pwned\x07\x1b[2J\x1b[H\x1b[31m\x9b31m\x07\x08\x7f\x00\x1bP+q\x1b\\\r"
MARKUP_TITLE = "[@click=app.quit]点我[/]"
RED_TITLE = "[red]红色[/red]不应变色"
BIDI = "\u202e反转\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
PARAGRAPH = "近年来，武川县坚持新时代好干部标准，把政治标准放在首位，树立重实干、重实绩的鲜明导向。"

GOOD_DATE = dt.date(2024, 5, 4)


def hostile_pages() -> list[Page]:
    """Two valid pages whose text is as nasty as a scraper can make it."""
    ref = PageRef(f"恶意日报{BIDI}", GOOD_DATE, 1, f"要闻{CONTROLS}")
    articles = (
        Article(
            id="nasty-01",
            title=MARKUP_TITLE,
            section="[link=https://evil.example]栏目[/link]",
            kicker=f"引题{CONTROLS}",
            dateline="本报讯",
            byline=(Byline("记者", f"[bold]张三[/bold]{ZERO_WIDTH}"),),
            paragraphs=(
                f"第一段{CONTROLS}清屏之后{PARAGRAPH}",
                f"第二段{BIDI}{PARAGRAPH}{ZERO_WIDTH * 3}{PARAGRAPH}",
                "[@click=app.quit]点这里退出[/] [link=file:///etc/passwd]链接[/link] " + PARAGRAPH,
                ("零宽" + ZERO_WIDTH) * 30 + ("反" + BIDI) * 10 + PARAGRAPH,
            ),
        ),
        Article(
            id="nasty-02",
            title=RED_TITLE,
            section="[link=https://evil.example]栏目[/link]",
            paragraphs=(f"红色{CONTROLS}标题的正文。{PARAGRAPH}",),
        ),
        Article(
            id="nasty-03",
            title=f"标题{CONTROLS}{BIDI}{ZERO_WIDTH}结束",
            section=f"栏目{CONTROLS}",
            subtitle=f"副题\u202e倒过来\u202c{ZERO_WIDTH}",
            paragraphs=(f"{ZERO_WIDTH}{BIDI}{CONTROLS}" * 8 + PARAGRAPH,),
        ),
    )
    other = PageRef("正常日报", GOOD_DATE, 2, "要闻")
    plain = (
        Article(
            id="plain-01",
            title="好文章照常显示",
            section="时政",
            paragraphs=(PARAGRAPH * 3,),
        ),
    )
    return [Page(ref, articles), Page(other, plain)]


GOOD_YAML = """\
schema: 1
paper: 好报
date: 2024-05-05
page: {number: 1, name: null}
articles:
  - id: ok-01
    title: 好文件
    paragraphs: [第一段。]
"""

#: file name -> (bytes, words the problem message must contain). Lines are 1-based.
BAD_FILES: dict[str, tuple[bytes, int, str]] = {
    "bad-syntax.yaml": (b"schema: 1\narticles: [\n  - id: x\n", 3, "YAML syntax"),
    "bad-type.yaml": (
        GOOD_YAML.replace("ok-01", "t-01").replace("[第一段。]", "3").encode(),
        8,
        "paragraphs",
    ),
    "bad-missing.yaml": (
        GOOD_YAML.replace("ok-01", "m-01").replace("    title: 好文件\n", "").encode(),
        6,
        "title",
    ),
    "later-duplicate.yaml": (
        GOOD_YAML.replace("2024-05-05", "2024-05-06").encode(),
        6,
        "duplicate id",
    ),
    "bad-gbk.yaml": (GOOD_YAML.replace("ok-01", "g-01").encode("gb18030"), 2, "not UTF-8"),
    "bad-empty.yaml": (b"", 0, "empty file"),
    "bad-binary.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 3, "binary"),
    "bad-tag.yaml": (
        b"schema: 1\npaper: !!python/object/apply:os.system ['echo pwned']\n",
        2,
        "tag",
    ),
    "bad-laughs.yaml": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode()
            for i in range(9)
        ),
        1,
        "aliases",
    ),
    "bad-\x1b[2Jname.yaml": (b"schema: 1\n\x1b]2;pwned\x07: x\n", 2, "control character"),
    "bad-unknown-key.yaml": (
        GOOD_YAML.replace("ok-01", "u-01").replace("title:", '"titel\\x1b[2J":').encode(),
        7,
        "titel",
    ),
}


def write_hostile_content(root: Path, *, bad: bool = True) -> Path:
    """Write the hostile pages (and, if ``bad``, the broken files) below ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for page in hostile_pages():
        write_page(page, page_path(root, page), force=True)
    (root / "good.yaml").write_text(GOOD_YAML, encoding="utf-8")
    if bad:
        for name, (data, _line, _words) in BAD_FILES.items():
            (root / name).write_bytes(data)
    return root


if __name__ == "__main__":
    print(write_hostile_content(Path(sys.argv[1])))
