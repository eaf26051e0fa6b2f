"""Read content files (YAML, schema version 1) into the model, safely.

Content comes from strangers, so loading is defensive: files are size-bounded,
must be UTF-8 text, YAML is composed by the safe (C when available) loader into
nodes and converted by hand, so no tag can construct an object and an alias can
never be expanded (a "billion laughs" file fails at its first alias). Every
problem carries the file and the line of the offending node. A bad file never
stops the others from loading.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.model import ARTICLE_KINDS, Article, ArticleKind, Byline, Page, PageRef

#: The schema version this code reads and writes.
SCHEMA_VERSION = 1
#: One page of text is a few tens of kilobytes; anything this big is not a page.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Article ids: short, and safe in file names, URLs and SQL without quoting games.
ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,128}")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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

_ALIAS_MESSAGE = "YAML anchors and aliases (&name, *name) are not allowed in content files"
_MERGE_MESSAGE = "YAML merge keys (<<) are not allowed in content files"
_PAGE_KEYS = {"schema", "paper", "date", "page", "source", "articles"}
_REF_KEYS = {"number", "name"}
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
}
_BYLINE_KEYS = {"role", "name"}


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with one content file, at a line (1-based; 0 = whole file)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """A content file could not be loaded; ``problems`` says why and where."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(slots=True)
class LoadResult:
    """What :func:`load_content` found: pages in reading order, and the problems."""

    pages: list[Page] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def skipped(self) -> list[Path]:
        """Files that were not loaded (each has at least one problem)."""
        loaded = set(self.files)
        return sorted({p.path for p in self.problems if p.path not in loaded})


class _Invalid(Exception):
    """Raised inside conversion: one problem, at a node."""

    def __init__(self, node: yaml.Node | None, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1 if node is not None else 0
        self.message = message


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ContentError([ContentProblem(path, 0, "empty file: expected a page (schema: 1)")])
    if b"\x00" in data:
        line = _line_of_offset(data, data.index(b"\x00"))
        raise ContentError(
            [ContentProblem(path, line, "binary file (NUL byte): content files are UTF-8 text")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_of_offset(data, error.start)
        raise ContentError(
            [
                ContentProblem(
                    path,
                    line,
                    f"not UTF-8 (byte 0x{data[error.start]:02x}): content files must be UTF-8; "
                    "convert legacy encodings with 'zhpaper import'",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _read(path: Path) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device named *.yaml would block or never end.
            raise ContentError([ContentProblem(path, 0, "not a regular file")])
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(
                [
                    ContentProblem(
                        path,
                        0,
                        f"file too large ({size / 1_048_576:.1f} MiB; the limit is "
                        f"{MAX_FILE_BYTES // 1_048_576} MiB): one file holds one page",
                    )
                ]
            )
        with path.open("rb") as handle:
            # Read one byte past the bound: the file may have grown since stat().
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentError([ContentProblem(path, 0, f"cannot read: {error.strerror}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ContentError([ContentProblem(path, 0, "file too large: one file holds one page")])
    return _decode(path, data)


class _Converter:
    """Turns composed YAML nodes into model values, refusing aliases and tags."""

    def __init__(self) -> None:
        self._seen: set[int] = set()
        #: Line of each article's id, in order (to place duplicate-id problems).
        self.id_lines: list[int] = []

    def visit(self, node: yaml.Node) -> None:
        # An alias makes the composer hand out the same node object twice.
        # Refusing the second visit bounds the work by the file's own size.
        if id(node) in self._seen:
            raise _Invalid(node, _ALIAS_MESSAGE)
        self._seen.add(id(node))

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            raise _Invalid(node, f"{what} must be a mapping (key: value)")
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.visit(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Invalid(key_node, _MERGE_MESSAGE)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _Invalid(key_node, f"{what}: keys must be plain names")
            key = key_node.value
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise _Invalid(key_node, f"{what}: unknown field {key!r} (known: {known})")
            if key in result:
                raise _Invalid(key_node, f"{what}: field {key!r} given twice")
            result[key] = value_node
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
            raise _Invalid(node, f"{what} must be a list")
        return list(node.value)

    def scalar(self, node: yaml.Node, what: str) -> tuple[str, str]:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode):
            raise _Invalid(node, f"{what} must be a single value, not a list or mapping")
        if node.tag not in _SCALAR_TAGS:
            raise _Invalid(node, f"{what}: YAML tag {node.tag!r} is not allowed in content files")
        return node.tag, node.value

    def string(self, node: yaml.Node, what: str, *, nullable: bool = True) -> str | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL and nullable:
            return None
        if tag != _STR:
            kind = "a string or null" if nullable else "a string"
            raise _Invalid(node, f"{what} must be {kind} (quote it if it is text), got {value!r}")
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL:
            return None
        if tag != _INT or not re.fullmatch(r"[0-9]{1,6}", value) or int(value) < 1:
            raise _Invalid(node, f"{what} must be a whole number ≥ 1 or null, got {value!r}")
        return int(value)

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        tag, value = self.scalar(node, what)
        if tag == _NULL:
            return None
        if tag in (_TIMESTAMP, _STR) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise _Invalid(node, f"{what} must be a date YYYY-MM-DD or null, got {value!r}")


def _screen(root: yaml.Node) -> None:
    """Refuse aliases, tags and merge keys first, in document order.

    Safety problems are reported before schema problems, and the walk visits
    each node once, so its cost is bounded by the file's size.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _Invalid(node, _ALIAS_MESSAGE)
        seen.add(id(node))
        if node.tag == "tag:yaml.org,2002:merge":
            raise _Invalid(node, _MERGE_MESSAGE)
        if isinstance(node, yaml.MappingNode):
            allowed, children = {_MAP}, [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            allowed, children = {_SEQ}, list(node.value)
        else:
            allowed, children = _SCALAR_TAGS, []
        if node.tag not in allowed:
            raise _Invalid(node, f"YAML tag {node.tag!r} is not allowed in content files")
        stack.extend(reversed(children))


def _byline(conv: _Converter, node: yaml.Node) -> tuple[Byline, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        conv.visit(node)
        return ()
    people = []
    for item in conv.sequence(node, "byline"):
        fields = conv.mapping(item, "byline entry", _BYLINE_KEYS)
        if "name" not in fields:
            raise _Invalid(item, "byline entry: missing field 'name'")
        name = conv.string(fields["name"], "byline name", nullable=False) or ""
        if not name.strip():
            raise _Invalid(fields["name"], "byline name must not be empty")
        role = conv.string(fields["role"], "byline role") if "role" in fields else None
        people.append(Byline(role=role or "", name=name))
    return tuple(people)


def _article(conv: _Converter, node: yaml.Node, ref: PageRef) -> Article:
    fields = conv.mapping(node, "article", _ARTICLE_KEYS)
    for required in ("id", "title", "paragraphs"):
        if required not in fields:
            raise _Invalid(node, f"article: missing required field {required!r}")
    article_id = conv.string(fields["id"], "id", nullable=False) or ""
    conv.id_lines.append(fields["id"].start_mark.line + 1)
    if not ID_PATTERN.fullmatch(article_id):
        raise _Invalid(fields["id"], f"id {article_id!r} must match [A-Za-z0-9._-]{{1,128}}")
    kind = ArticleKind.ARTICLE
    if "kind" in fields:
        kind_text = conv.string(fields["kind"], "kind", nullable=False) or ""
        if kind_text not in ARTICLE_KINDS:
            known = ", ".join(sorted(ARTICLE_KINDS))
            raise _Invalid(fields["kind"], f"kind {kind_text!r} is not one of: {known}")
        kind = ArticleKind(kind_text)
    title = conv.string(fields["title"], "title", nullable=False) or ""
    if not title.strip() and kind not in (ArticleKind.PHOTO, ArticleKind.BRIEF):
        raise _Invalid(fields["title"], f"title must not be empty for kind {kind.value!r}")
    paragraphs = tuple(
        conv.string(item, "paragraph", nullable=False) or ""
        for item in conv.sequence(fields["paragraphs"], "paragraphs")
    )
    optional = {
        name: conv.string(fields[name], name) if name in fields else None
        for name in ("section", "kicker", "subtitle", "dateline")
    }
    byline = _byline(conv, fields["byline"]) if "byline" in fields else ()
    return Article(
        id=article_id,
        title=title,
        paragraphs=paragraphs,
        kind=kind,
        byline=byline,
        page=ref,
        **optional,
    )


def _page(conv: _Converter, root: yaml.Node) -> Page:
    fields = conv.mapping(root, "page file", _PAGE_KEYS)
    for required in ("schema", "paper", "date", "page", "articles"):
        if required not in fields:
            raise _Invalid(root, f"missing required field {required!r}")
    tag, version = conv.scalar(fields["schema"], "schema")
    if tag != _INT or version != str(SCHEMA_VERSION):
        raise _Invalid(
            fields["schema"],
            f"schema {version!r} is not supported (this zhpaper reads schema {SCHEMA_VERSION})",
        )
    paper = conv.string(fields["paper"], "paper")
    date = conv.date(fields["date"], "date")
    page_fields = conv.mapping(fields["page"], "page", _REF_KEYS)
    for required in ("number", "name"):
        if required not in page_fields:
            raise _Invalid(fields["page"], f"page: missing field {required!r} (null if unknown)")
    number = conv.integer(page_fields["number"], "page.number")
    name = conv.string(page_fields["name"], "page.name")
    if "source" in fields:
        conv.string(fields["source"], "source")
    ref = PageRef(paper=paper, date=date, number=number, name=name)
    articles = [_article(conv, item, ref) for item in conv.sequence(fields["articles"], "articles")]
    return Page(ref=ref, articles=tuple(articles))


def parse_page(text: str, path: Path) -> Page:
    """Parse the text of one content file (``path`` is only for messages)."""
    return _parse(text, path)[0]


def _parse(text: str, path: Path) -> tuple[Page, list[int]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        reason = error.problem or error.context or "malformed YAML"
        raise ContentError([ContentProblem(path, line, f"YAML syntax: {reason}")]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, max(error.position, 0)) + 1
        message = (
            f"control character U+{error.character:04X} is not allowed "
            "(inside double quotes write it as an escape, e.g. \\x1b)"
            if isinstance(error.character, int)
            else "unreadable character"
        )
        raise ContentError([ContentProblem(path, line, message)]) from None
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else "malformed YAML"
        raise ContentError([ContentProblem(path, 0, f"YAML: {first_line}")]) from None
    if root is None:
        raise ContentError([ContentProblem(path, 0, "empty file: expected a page (schema: 1)")])
    conv = _Converter()
    try:
        _screen(root)
        return _page(conv, root), conv.id_lines
    except _Invalid as error:
        raise ContentError([ContentProblem(path, error.line, error.message)]) from None


def load_page_file(path: Path) -> Page:
    """Load one content file. Raises :class:`ContentError` with file:line problems."""
    return parse_page(_read(Path(path)), Path(path))


def iter_content_files(root: Path) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file below ``root``, sorted, README and hidden files excluded.

    Symbolic links to directories are not followed (no loops); hidden entries
    (``.git``, the writer's temporary files) are skipped.
    """
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.upper().startswith("README"):
                continue
            if name.endswith((".yaml", ".yml")):
                found.append(Path(directory, name))
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def _page_order(item: tuple[Path, Page]) -> tuple[object, ...]:
    ref = item[1].ref
    return (
        ref.paper is None,
        ref.paper or "",
        ref.date is None,
        ref.date or dt.date.min,
        ref.number is None,
        ref.number or 0,
        ref.name or "",
        item[0].parts,
    )


def load_content(root: Path) -> LoadResult:
    """Load every content file below ``root``; problems are collected, never raised.

    Pages come back in reading order (paper, date, page number). An article
    whose id was already seen is reported and dropped; the first one stays.
    """
    root = Path(root)
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(ContentProblem(root, 0, "content directory not found"))
        return result
    loaded: list[tuple[Path, Page]] = []
    id_lines: dict[Path, list[int]] = {}
    for path in iter_content_files(root):
        try:
            page, id_lines[path] = _parse(_read(path), path)
        except ContentError as error:
            result.problems.extend(error.problems)
            continue
        loaded.append((path, page))
    seen: dict[str, Path] = {}
    # Duplicates are judged in file order, so "the first" does not depend on dates.
    for index, (path, page) in enumerate(loaded):
        keep = []
        for article, line in zip(page.articles, id_lines[path], strict=True):
            if article.id in seen:
                result.problems.append(
                    ContentProblem(
                        path,
                        line,
                        f"duplicate id {article.id!r} (first used in {seen[article.id]}); "
                        "this article is skipped",
                    )
                )
                continue
            seen[article.id] = path
            keep.append(article)
        if len(keep) != len(page.articles):
            loaded[index] = (path, Page(ref=page.ref, articles=tuple(keep)))
    loaded.sort(key=_page_order)
    result.pages = [page for _, page in loaded]
    result.files = [path for path, _ in loaded]
    return result


__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "ContentError",
    "ContentProblem",
    "LoadResult",
    "iter_content_files",
    "load_content",
    "load_page_file",
    "parse_page",
]
