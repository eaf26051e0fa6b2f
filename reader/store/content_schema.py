"""Composed YAML nodes → model values, for content files of schema versions 1 and 2.

Conversion is by hand from the composed node tree, never by PyYAML's
constructors: no tag can build an object, an alias (the same node met twice)
is refused at once, and every error carries the line of the offending node.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from reader.model import ARTICLE_KINDS, Article, ArticleKind, Byline, Page, PageRef

T = TypeVar("T")

#: The schema version this code writes.
SCHEMA_VERSION = 2
#: The schema versions this code reads (2 added url, source, extra and the page's pdf).
READABLE_VERSIONS = ("1", "2")
#: Article ids: short, and safe in file names, URLs and SQL without quoting games.
ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,128}")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    _INT,
    _NULL,
    _TIMESTAMP,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:float",
}

ALIAS_MESSAGE = "YAML anchors and aliases (&name, *name) are not allowed in content files"
MERGE_MESSAGE = "YAML merge keys (<<) are not allowed in content files"
_PAGE_KEYS = {"schema", "paper", "date", "page", "source", "pdf", "articles"}
_REF_KEYS = {"number", "name"}
#: Fields that schema 1 files may not use.
_V2_PAGE_KEYS = {"pdf"}
_V2_ARTICLE_KEYS = {"url", "source", "extra"}
#: ``extra`` holds an archive's own fields, a few levels deep at most.
MAX_EXTRA_DEPTH = 64
_ARTICLE_KEYS = {
    "id",
    "kind",
    "section",
    "kicker",
    "title",
    "subtitle",
    "dateline",
    "byline",
    "paragraphs",
    *_V2_ARTICLE_KEYS,
}
_BYLINE_KEYS = {"role", "name"}


#: Builds plain scalars only (int, float, bool, null): never called on anything else.
_SCALARS = yaml.constructor.SafeConstructor()


class Invalid(Exception):
    """Raised inside conversion: one problem, at a node."""

    def __init__(self, node: yaml.Node | None, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1 if node is not None else 0
        self.message = message


class InvalidPage(Exception):
    """Every problem found in one page file (conversion goes on past each one)."""

    def __init__(self, problems: list[Invalid]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


class Converter:
    """Turns composed YAML nodes into model values, refusing aliases and tags."""

    def __init__(self) -> None:
        self._seen: set[int] = set()
        #: Line of each article's id, in order (to place duplicate-id problems).
        self.id_lines: list[int] = []

    def visit(self, node: yaml.Node) -> None:
        # An alias makes the composer hand out the same node object twice.
        # Refusing the second visit bounds the work by the file's own size.
        if id(node) in self._seen:
            raise Invalid(node, ALIAS_MESSAGE)
        self._seen.add(id(node))

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            raise Invalid(node, f"{what} must be a mapping (key: value)")
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.visit(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise Invalid(key_node, MERGE_MESSAGE)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise Invalid(key_node, f"{what}: keys must be plain names")
            key = key_node.value
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise Invalid(key_node, f"{what}: unknown field {key!r} (known: {known})")
            if key in result:
                raise Invalid(key_node, f"{what}: field {key!r} given twice")
            result[key] = value_node
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
            raise Invalid(node, f"{what} must be a list")
        return list(node.value)

    def scalar(self, node: yaml.Node, what: str) -> tuple[str, str]:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode):
            raise Invalid(node, f"{what} must be a single value, not a list or mapping")
        if node.tag not in _SCALAR_TAGS:
            raise Invalid(node, f"{what}: YAML tag {node.tag!r} is not allowed in content files")
        return node.tag, node.value

    def string(self, node: yaml.Node, what: str, *, nullable: bool = True) -> str | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL and nullable:
            return None
        if tag != _STR:
            kind = "a string or null" if nullable else "a string"
            raise Invalid(node, f"{what} must be {kind} (quote it if it is text), got {value!r}")
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL:
            return None
        if tag != _INT or not re.fullmatch(r"[0-9]{1,6}", value) or int(value) < 1:
            raise Invalid(node, f"{what} must be a whole number ≥ 1 or null, got {value!r}")
        return int(value)

    def data(self, node: yaml.Node, what: str, depth: int = 0) -> Any:
        """Any plain YAML value as JSON-like data (str, int, float, bool, None, list, dict).

        Used for ``extra``: whatever the input said is kept, so scalars keep
        their text unless YAML types them as numbers, booleans or null (the
        writer quotes strings that would read back as anything else).
        """
        if depth > MAX_EXTRA_DEPTH:
            raise Invalid(node, f"{what}: nested more than {MAX_EXTRA_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            self.visit(node)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.string(key_node, f"{what} key", nullable=False) or ""
                if key in result:
                    raise Invalid(key_node, f"{what}: key {key!r} given twice")
                result[key] = self.data(value_node, what, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            self.visit(node)
            return [self.data(item, what, depth + 1) for item in node.value]
        tag, value = self.scalar(node, what)
        if tag in (_STR, _TIMESTAMP):
            return value  # a date written without quotes stays the text it is
        return _SCALARS.construct_object(node)

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL:
            return None
        if tag in (_TIMESTAMP, _STR) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise Invalid(node, f"{what} must be a date YYYY-MM-DD or null, got {value!r}")


def screen(root: yaml.Node) -> None:
    """Refuse aliases, tags and merge keys first, in document order.

    Safety problems are reported before schema problems, and the walk visits
    each node once, so its cost is bounded by the file's size.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise Invalid(node, ALIAS_MESSAGE)
        seen.add(id(node))
        if node.tag == "tag:yaml.org,2002:merge":
            raise Invalid(node, MERGE_MESSAGE)
        if isinstance(node, yaml.MappingNode):
            allowed, children = {_MAP}, [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            allowed, children = {_SEQ}, list(node.value)
        else:
            allowed, children = _SCALAR_TAGS, []
        if node.tag not in allowed:
            raise Invalid(node, f"YAML tag {node.tag!r} is not allowed in content files")
        stack.extend(reversed(children))


def _byline(conv: Converter, node: yaml.Node) -> tuple[Byline, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        conv.visit(node)
        return ()
    people = []
    for item in conv.sequence(node, "byline"):
        fields = conv.mapping(item, "byline entry", _BYLINE_KEYS)
        if "name" not in fields:
            raise Invalid(item, "byline entry: missing field 'name'")
        name = conv.string(fields["name"], "byline name", nullable=False) or ""
        if not name.strip():
            raise Invalid(fields["name"], "byline name must not be empty")
        role = conv.string(fields["role"], "byline role") if "role" in fields else None
        people.append(Byline(role=role or "", name=name))
    return tuple(people)


def _article(conv: Converter, node: yaml.Node, ref: PageRef, version: str) -> Article:
    fields = conv.mapping(node, "article", _ARTICLE_KEYS)
    if version == "1":
        _refuse_v2(fields, _V2_ARTICLE_KEYS, "article")
    for required in ("id", "title", "paragraphs"):
        if required not in fields:
            raise Invalid(node, f"article: missing required field {required!r}")
    article_id = conv.string(fields["id"], "id", nullable=False) or ""
    conv.id_lines.append(fields["id"].start_mark.line + 1)
    if not ID_PATTERN.fullmatch(article_id):
        raise Invalid(fields["id"], f"id {article_id!r} must match [A-Za-z0-9._-]{{1,128}}")
    kind = ArticleKind.ARTICLE
    if "kind" in fields:
        kind_text = conv.string(fields["kind"], "kind", nullable=False) or ""
        if kind_text not in ARTICLE_KINDS:
            known = ", ".join(sorted(ARTICLE_KINDS))
            raise Invalid(fields["kind"], f"kind {kind_text!r} is not one of: {known}")
        kind = ArticleKind(kind_text)
    title = conv.string(fields["title"], "title", nullable=False) or ""
    if not title.strip() and kind not in (ArticleKind.PHOTO, ArticleKind.BRIEF):
        raise Invalid(fields["title"], f"title must not be empty for kind {kind.value!r}")
    paragraphs = tuple(
        conv.string(item, "paragraph", nullable=False) or ""
        for item in conv.sequence(fields["paragraphs"], "paragraphs")
    )
    optional = {
        name: conv.string(fields[name], name) if name in fields else None
        for name in ("section", "kicker", "subtitle", "dateline")
    }
    byline = _byline(conv, fields["byline"]) if "byline" in fields else ()
    extra: dict[str, Any] = {}
    if "extra" in fields and not _is_null(fields["extra"]):
        extra = conv.data(fields["extra"], "extra")
        if not isinstance(extra, dict):
            raise Invalid(fields["extra"], "extra must be a mapping (key: value)")
    return Article(
        id=article_id,
        title=title,
        paragraphs=paragraphs,
        kind=kind,
        byline=byline,
        page=ref,
        url=conv.string(fields["url"], "url") if "url" in fields else None,
        source=conv.string(fields["source"], "source") if "source" in fields else None,
        extra=extra,
        **optional,
    )


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _refuse_v2(fields: dict[str, yaml.Node], v2_keys: set[str], what: str) -> None:
    found = sorted(v2_keys & fields.keys())
    if found:
        key = found[0]
        raise Invalid(fields[key], f"{what}: field {key!r} needs 'schema: 2' (this file says 1)")


def page_from_node(conv: Converter, root: yaml.Node) -> Page:
    fields = conv.mapping(root, "page file", _PAGE_KEYS)
    for required in ("schema", "paper", "date", "page", "articles"):
        if required not in fields:
            raise Invalid(root, f"missing required field {required!r}")
    tag, version = conv.scalar(fields["schema"], "schema")
    if tag != _INT or version not in READABLE_VERSIONS:
        raise Invalid(
            fields["schema"],
            f"schema {version!r} is not supported "
            f"(this zhpaper reads schema {' and '.join(READABLE_VERSIONS)})",
        )
    if version == "1":
        _refuse_v2(fields, _V2_PAGE_KEYS, "page file")
    # From here on a problem does not stop the reading: the user sees every
    # problem of the file at once, not one per run of `zhpaper check`.
    problems: list[Invalid] = []

    def attempt(convert: Callable[[], T], fallback: T) -> T:
        try:
            return convert()
        except Invalid as problem:
            problems.append(problem)
            return fallback

    paper = attempt(lambda: conv.string(fields["paper"], "paper"), None)
    date = attempt(lambda: conv.date(fields["date"], "date"), None)
    page_fields = conv.mapping(fields["page"], "page", _REF_KEYS)
    for required in ("number", "name"):
        if required not in page_fields:
            raise Invalid(fields["page"], f"page: missing field {required!r} (null if unknown)")
    number = attempt(lambda: conv.integer(page_fields["number"], "page.number"), None)
    name = attempt(lambda: conv.string(page_fields["name"], "page.name"), None)
    if "source" in fields:
        attempt(lambda: conv.string(fields["source"], "source"), None)
    pdf = attempt(lambda: conv.string(fields["pdf"], "pdf"), None) if "pdf" in fields else None
    ref = PageRef(paper=paper, date=date, number=number, name=name, pdf=pdf)
    articles = [
        attempt(lambda item=item: _article(conv, item, ref, version), None)  # type: ignore[misc]
        for item in conv.sequence(fields["articles"], "articles")
    ]
    if problems:
        raise InvalidPage(problems)
    return Page(ref=ref, articles=tuple(a for a in articles if a is not None))


__all__ = [
    "ID_PATTERN",
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "Converter",
    "Invalid",
    "InvalidPage",
    "page_from_node",
    "screen",
]
