"""Articles as plain text and as JSON-ready dicts.

What `zhpaper export` and `zhpaper show` print, and what the reader copies to
the clipboard (``y`` the article with its citation line, ``Y`` the citation).
"""

from __future__ import annotations

import datetime as dt

from reader.model import Article, ArticleKind
from reader.store.sanitize import visible_controls

#: Printed between articles in the text export: clear, and never part of an article.
SEPARATOR = "\n" + "—" * 20 + "\n\n"


def _byline_printed(article: Article) -> str:
    parts: list[str] = []
    previous: str | None = None
    for person in article.byline:
        if person.role != previous and person.role:
            parts.append(person.role)
        previous = person.role
        parts.append(person.name)
    return " ".join(parts)


def _date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def place_line(article: Article) -> str:
    """Paper, date, page and section on one line (only the parts that are known)."""
    ref = article.page
    parts: list[str] = []
    if ref.paper:
        parts.append(ref.paper)
    if ref.date:
        parts.append(_date_text(ref.date))
    if ref.number is not None:
        parts.append(f"第{ref.number}版" + (f" {ref.name}" if ref.name else ""))
    elif ref.name:
        parts.append(ref.name)
    if article.section:
        parts.append(f"【{article.section}】")
    return " ".join(parts)


def citation_line(article: Article) -> str:
    """``标题 · 报纸 · 2025年7月1日 · 第3版``: how to cite the article.

    Built from the model only; a part that is unknown is left out (never 未注明),
    so an undated, unpaged item cites as its title and paper alone. Terminal-safe
    (see :func:`reader.store.sanitize.visible_controls`).
    """
    ref = article.page
    parts = [
        article.title.strip(),
        (ref.paper or "").strip(),
        _date_text(ref.date) if ref.date else "",
        f"第{ref.number}版" if ref.number is not None else "",
    ]
    return visible_controls(" · ".join(p for p in parts if p), keep_newlines=False)


def article_as_text(article: Article, *, cite: bool = False) -> str:
    """The article as a reader would paste it: head lines, then paragraphs.

    The first line says where it was printed (paper, date, page, section), or
    with ``cite`` its :func:`citation_line` (what ``zhpaper show`` prints and
    the reader copies). The source or credit and the url close it.
    Control characters and bidi overrides are made visible (see
    :func:`reader.store.sanitize.visible_controls`): this text goes to terminals.
    """
    head: list[str] = []
    where = citation_line(article) if cite else place_line(article)
    if where:
        head.append(where)
    if article.kicker:
        head.append(f"{article.kicker}：")
    if article.title:
        head.append(article.title)
    if article.subtitle:
        head.append(article.subtitle)
    # A photo's credit line is part of its caption text already.
    byline = _byline_printed(article) if article.kind is not ArticleKind.PHOTO else ""
    credit = (article.dateline or "") + (f"({byline})" if byline else "")
    if credit:
        head.append(credit)
    if article.kind is ArticleKind.PHOTO and not article.title:
        head.append("〔图片〕")
    blocks = ["\n".join(visible_controls(line, keep_newlines=False) for line in head)]
    blocks.extend(visible_controls(p, keep_newlines=False) for p in article.paragraphs)
    tail = [source_line(article.source)] if article.source else []
    if article.url:
        tail.append(article.url)
    if article.page.pdf:
        tail.append(f"版面 PDF：{article.page.pdf}")
    blocks.append("\n".join(visible_controls(line, keep_newlines=False) for line in tail))
    return "\n\n".join(b for b in blocks if b) + "\n"


def source_line(source: str) -> str:
    """A source or credit as printed below an article: ``来源：新华社``.

    Archives give it bare (新华社) or already labelled (来源：新华社,
    資料來源：中華民國總統府): a label is never doubled.
    """
    source = source.strip()
    labelled = any(source.startswith(label) for label in _SOURCE_LABELS)
    return source if labelled else f"来源：{source}"


#: How a credit line is already labelled in the archives (simplified and traditional).
_SOURCE_LABELS = (
    "来源",
    "來源",
    "资料来源",
    "資料來源",
    "稿源",
    "转载",
    "轉載",
    "（来源",
    "（來源",
)


def articles_as_text(articles: list[Article]) -> str:
    """Several articles, separated by a rule line."""
    return SEPARATOR.join(article_as_text(a) for a in articles)


def article_as_json(article: Article) -> dict[str, object]:
    """The export JSON object of one article (keys of issue 2, plus schema 2's)."""
    ref = article.page
    return {
        "id": article.id,
        "paper": ref.paper,
        "date": ref.date.isoformat() if ref.date else None,
        "page": ref.number,
        "section": article.section,
        "kind": article.kind.value,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "dateline": article.dateline,
        "byline": [{"role": b.role, "name": b.name} for b in article.byline],
        "paragraphs": list(article.paragraphs),
        "page_name": ref.name,
        "page_pdf": ref.pdf,
        "url": article.url,
        "source": article.source,
        "extra": article.extra_data(),
    }


__all__ = [
    "SEPARATOR",
    "article_as_json",
    "article_as_text",
    "articles_as_text",
    "citation_line",
    "place_line",
    "source_line",
]
