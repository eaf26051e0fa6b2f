"""Read content files (YAML, schema versions 1 and 2) into the model, safely.

Content comes from strangers, so loading is defensive: files are size-bounded,
must be UTF-8 text, YAML is composed by the safe (C when available) loader into
nodes and converted by hand, so no tag can construct an object and an alias can
never be expanded (a "billion laughs" file fails at its first alias). Every
problem carries the file and the line of the offending node. A bad file never
stops the others from loading.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from reader.model import Page, free_id
from reader.store.content_schema import (
    SCHEMA_VERSION,
    Converter,
    Invalid,
    InvalidPage,
    page_from_node,
    screen,
)

#: One page of text is a few tens of kilobytes. The importers accept raw pages
#: up to 16 MiB (one line of it can be one article) and split a bigger page
#: into several files (reader.store.writer), so anything they write loads.
MAX_FILE_BYTES = 24 * 1024 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


#: Ends the problem of an article whose id was taken: it is kept, under another id.
KEPT_AS = "this article is kept as"


def duplicate_message(article_id: str, first: object, new_id: str) -> str:
    """The problem of an article whose id ``first`` (a file) already used."""
    return f"duplicate id {article_id!r} (first used in {first}); {KEPT_AS} {new_id!r}"


def problem_counts(problems: Iterable[str]) -> tuple[int, int]:
    """(problems that cost a file, articles kept under a derived id) in problem lines.

    A line about a duplicate id (see :func:`duplicate_message`) loses nothing;
    every other line is a file, or part of one, that could not be read.
    """
    files = articles = 0
    for line in problems:
        renamed = line.count(KEPT_AS)
        articles += renamed
        files += not renamed
    return files, articles


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ContentError(
            [ContentProblem(path, 0, f"empty file: expected a page (schema: {SCHEMA_VERSION})")]
        )
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


def parse_page(text: str, path: Path) -> Page:
    """Parse the text of one content file (``path`` is only for messages)."""
    return _parse(text, path)[0]


#: A page has hundreds of YAML nodes, not hundreds of thousands. Composing a node
#: costs ~65 times its text (4 MiB of "a: 1" lines would take ~300 MB), so big
#: files are first scanned as a stream of events, which costs no more than the text.
MAX_NODES = 100_000
_SCAN_ABOVE_CHARS = 256 * 1024


def _count_nodes(text: str, path: Path) -> None:
    loader = _Loader(text)
    try:
        count = 0
        while loader.check_event():
            event = loader.get_event()
            count += isinstance(event, yaml.NodeEvent)
            if count > MAX_NODES:
                raise ContentError(
                    [
                        ContentProblem(
                            path,
                            event.start_mark.line + 1 if event.start_mark else 0,
                            f"too many YAML values (more than {MAX_NODES:,}): "
                            "one file holds one page",
                        )
                    ]
                )
    except yaml.YAMLError:
        return  # compose() below reports it with its line
    finally:
        loader.dispose()


def _parse(text: str, path: Path) -> tuple[Page, list[int]]:
    if len(text) > _SCAN_ABOVE_CHARS:
        _count_nodes(text, path)
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
        raise ContentError(
            [ContentProblem(path, 0, f"empty file: expected a page (schema: {SCHEMA_VERSION})")]
        )
    conv = Converter()
    try:
        screen(root)
        return page_from_node(conv, root), conv.id_lines
    except Invalid as error:
        raise ContentError([ContentProblem(path, error.line, _short(error.message))]) from None
    except InvalidPage as errors:
        raise ContentError(
            [ContentProblem(path, e.line, _short(e.message)) for e in errors.problems]
        ) from None


#: A message quotes the offending value; a 4 MiB value must not become a 4 MiB line.
MAX_MESSAGE_CHARS = 300


def _short(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 1] + "…"


def load_page_file(path: Path) -> Page:
    """Load one content file. Raises :class:`ContentError` with file:line problems."""
    return parse_page(_read(Path(path)), Path(path))


def iter_content_files(root: Path, problems: list[ContentProblem] | None = None) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file below ``root``, sorted, README and hidden files excluded.

    Symbolic links to directories are not followed (no loops); hidden entries
    (``.git``, the writer's temporary files) are skipped. A directory that
    cannot be read is added to ``problems`` (when given), never silently lost.
    """

    def unreadable(error: OSError) -> None:
        if problems is not None:
            where = Path(error.filename) if error.filename else Path(root)
            problems.append(ContentProblem(where, 0, f"cannot read directory: {error.strerror}"))

    found: list[Path] = []
    for directory, subdirs, files in os.walk(root, onerror=unreadable):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.upper().startswith("README"):
                continue
            if name.endswith((".yaml", ".yml")):
                found.append(Path(directory, name))
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def _page_order(item: tuple[Path, Page]) -> tuple[object, ...]:
    return (*item[1].ref.sort_key(), item[0].parts)


def load_content(root: Path) -> LoadResult:
    """Load every content file below ``root``; problems are collected, never raised.

    Pages come back in reading order (paper, date, page number). An article
    whose id was already seen (in file order) is reported and kept under the
    first free id ``X-2``, ``X-3`` … (:func:`reader.model.free_id`): nothing is dropped.
    """
    root = Path(root)
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(ContentProblem(root, 0, "content directory not found"))
        return result
    loaded: list[tuple[Path, Page]] = []
    id_lines: dict[Path, list[int]] = {}
    for path in iter_content_files(root, result.problems):
        try:
            page, id_lines[path] = _parse(_read(path), path)
        except ContentError as error:
            result.problems.extend(error.problems)
            continue
        loaded.append((path, page))
    seen: dict[str, Path] = {}
    every_id = {article.id for _, page in loaded for article in page.articles}
    # Duplicates are judged in file order, so "the first" does not depend on dates.
    for index, (path, page) in enumerate(loaded):
        kept = list(page.articles)
        renamed = False
        for position, (article, line) in enumerate(zip(page.articles, id_lines[path], strict=True)):
            if article.id in seen:
                new_id = free_id(article.id, every_id)
                every_id.add(new_id)
                result.problems.append(
                    ContentProblem(
                        path, line, duplicate_message(article.id, seen[article.id], new_id)
                    )
                )
                kept[position] = replace(article, id=new_id)
                seen[new_id] = path
                renamed = True
                continue
            seen[article.id] = path
        if renamed:
            loaded[index] = (path, Page(ref=page.ref, articles=tuple(kept)))
    loaded.sort(key=_page_order)
    result.pages = [page for _, page in loaded]
    result.files = [path for path, _ in loaded]
    return result


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "SCHEMA_VERSION",
    "ContentError",
    "KEPT_AS",
    "ContentProblem",
    "LoadResult",
    "duplicate_message",
    "problem_counts",
    "iter_content_files",
    "load_content",
    "load_page_file",
    "parse_page",
]
