"""Articles as plain text and as JSON-ready dicts (what `zhpaper export` prints)."""

from __future__ import annotations

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


def place_line(article: Article) -> str:
    """Paper, date, page and section on one line (only the parts that are known)."""
    ref = article.page
    parts: list[str] = []
    if ref.paper:
        parts.append(ref.paper)
    if ref.date:
        parts.append(f"{ref.date.year}年{ref.date.month}月{ref.date.day}日")
    if ref.number is not None:
        parts.append(f"第{ref.number}版" + (f" {ref.name}" if ref.name else ""))
    elif ref.name:
        parts.append(ref.name)
    if article.section:
        parts.append(f"【{article.section}】")
    return " ".join(parts)


def article_as_text(article: Article) -> str:
    """The article as a reader would paste it: head lines, then paragraphs.

    Control characters and bidi overrides are made visible (see
    :func:`reader.store.sanitize.visible_controls`): this text goes to terminals.
    """
    head: list[str] = []
    where = place_line(article)
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
    tail = [f"来源：{article.source}"] if article.source else []
    if article.url:
        tail.append(article.url)
    if article.page.pdf:
        tail.append(f"版面 PDF：{article.page.pdf}")
    blocks.append("\n".join(visible_controls(line, keep_newlines=False) for line in tail))
    return "\n\n".join(b for b in blocks if b) + "\n"


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


__all__ = ["SEPARATOR", "article_as_json", "article_as_text", "articles_as_text", "place_line"]
