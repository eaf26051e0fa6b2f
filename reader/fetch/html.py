"""Small HTML helpers over lxml: parse decoded text, read links, forwards and text.

Pages arrive here already decoded (reader.fetch.decode): lxml never sees bytes,
so it never guesses a charset.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

import lxml.html
from lxml import etree

#: Whitespace as pages use it between a role and names: NBSP, ideographic space, tabs.
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_REFRESH = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]+)['\"]?\s*$", re.I)
_SCRIPT_LOCATION = re.compile(
    r"""(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)"""
)


#: A page with less visible text than this, and one iframe, is a wrapper around it.
MIN_PAGE_TEXT = 200


class NotAPage(ValueError):
    """Text that holds no HTML document (empty, or only blanks)."""


@dataclass(frozen=True, slots=True)
class Link:
    """An ``<a href>``: where it points (absolute), as written, and its text."""

    url: str
    href: str
    text: str
    element: lxml.html.HtmlElement


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The document tree of decoded ``text``; :class:`NotAPage` when there is none."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise NotAPage("empty page")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise NotAPage(f"not an HTML page ({error})") from None


def squeeze(text: str) -> str:
    """Runs of any blank (NBSP and U+3000 included) as one space; ends stripped."""
    return _SPACES.sub(" ", text).strip()


def element_text(element: lxml.html.HtmlElement | None) -> str:
    """An element's text with ``str.strip()`` applied: interior blanks kept as printed."""
    if element is None:
        return ""
    return str(element.text_content()).strip()


def absolute(base: str, href: str) -> str:
    """``href`` resolved against ``base``, without its fragment."""
    return urllib.parse.urldefrag(urllib.parse.urljoin(base, href.strip()))[0]


def links(doc: lxml.html.HtmlElement, base: str) -> list[Link]:
    """Every ``<a href>`` in document order (javascript:, mailto: and # skipped)."""
    found = []
    for element in doc.iter("a"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        found.append(Link(absolute(base, href), href, element_text(element), element))
    return found


def forward_target(doc: lxml.html.HtmlElement, base: str) -> str | None:
    """Where a forwarding page sends the reader: meta refresh, else a script's location."""
    for meta in doc.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH.match(meta.get("content") or "")
            if match and match.group(1).strip():
                return absolute(base, match.group(1))
    for script in doc.iter("script"):
        match = _SCRIPT_LOCATION.search(script.text or "")
        if match:
            return absolute(base, match.group(1) or match.group(2))
    # Old e-papers wrap the edition in a frameset, or in the only iframe of an empty page.
    frames = [f.get("src") for f in doc.iter("frame") if (f.get("src") or "").strip()]
    if not frames and len(element_text(doc.find(".//body"))) < MIN_PAGE_TEXT:
        iframes = [f.get("src") for f in doc.iter("iframe") if (f.get("src") or "").strip()]
        frames = iframes if len(iframes) == 1 else []
    if frames and frames[0] and not frames[0].startswith(("about:", "javascript:")):
        return absolute(base, frames[0])
    return None


def comments(doc: lxml.html.HtmlElement) -> list[str]:
    """The text of every HTML comment (templates hide metadata there)."""
    return [str(c.text or "") for c in doc.iter(etree.Comment)]


def strip_query(url: str) -> str:
    """``url`` without its query and fragment (what a printed link would show)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


__all__ = [
    "Link",
    "NotAPage",
    "absolute",
    "comments",
    "element_text",
    "forward_target",
    "links",
    "parse_html",
    "squeeze",
    "strip_query",
]
