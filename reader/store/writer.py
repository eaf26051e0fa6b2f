"""Write pages as content files: readable YAML, atomically, never clobbering.

The layout (see content/README.md) keeps every directory small even for a
million articles: ``PAPER/YYYY/MM/YYYY-MM-DD/page-NN.yaml``. Pages whose date or
number is unknown get a name derived from their ids, so two unknown pages
never collide, and undated pages are spread over 256 buckets.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.errors import UserError
from reader.model import NO_EXTRA, Article, ArticleKind, Page, PageRef
from reader.store.durable import (
    default_file_mode,
    fsync_dir,
    held_while_writing,
    remove_abandoned_temp_files,
)
from reader.store.loader import (
    MAX_FILE_BYTES,
    MAX_NODES,
    SCHEMA_VERSION,
    ContentError,
    load_page_file,
)
from reader.store.names import shown_name

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Directory name for pages whose paper is unknown.
UNKNOWN_PAPER = "unknown-paper"
#: Directory name for pages whose date is unknown.
UNDATED = "undated"
# Characters that are unsafe in a file name on some system we support (Windows
# included, since content directories get copied around), plus controls.
# Bidi controls and zero-width characters too: a directory named with U+202E
# would print reversed in `ls`, and invisible characters make look-alike names.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]')
_WINDOWS_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
_MAX_NAME_BYTES = 120


class _FlowMapping(dict):  # type: ignore[type-arg]
    """A mapping dumped on one line: ``{role: 记者, name: 云艳芳}``."""


class _ContentDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Block style, with byline entries in flow style."""


def _represent_flow(dumper: yaml.SafeDumper, data: _FlowMapping) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_ContentDumper.add_representer(_FlowMapping, _represent_flow)


def safe_dir_name(name: str) -> str:
    """``name`` as a file-system-safe directory name that stays readable Chinese.

    Only characters no file system accepts (``/ \\ : * ? " < > |``, controls) and
    characters that would make names print wrongly (bidi controls, zero-width
    characters) are replaced, by ``_``; names that Windows reserves or that
    start with a dot are prefixed; overlong names are cut at a character
    boundary with a short hash so that two long names stay distinct.
    """
    text = " ".join(unicodedata.normalize("NFC", name).split())
    text = _UNSAFE.sub("_", text).rstrip(". ")
    if not text:
        return "_"
    if text.startswith(".") or _WINDOWS_RESERVED.fullmatch(text):
        text = "_" + text
    if len(text.encode("utf-8")) > _MAX_NAME_BYTES:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        cut = text.encode("utf-8")[: _MAX_NAME_BYTES - 9].decode("utf-8", "ignore")
        text = f"{cut}-{digest}"
    return text


def page_key(page: Page) -> str:
    """A short stable token for a page: its articles' common id prefix, else a hash."""
    ids = [a.id for a in page.articles]
    # Importer ids are PREFIX-NN: the prefix names the page.
    stems = {article_id.rsplit("-", 1)[0] for article_id in ids}
    if len(stems) == 1:
        prefix = stems.pop()
        if len(prefix) >= 4:
            return prefix
    text = "\n".join([*ids, *(p for a in page.articles for p in a.paragraphs)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def page_path(root: Path, page: Page) -> Path:
    """Where ``page`` goes under ``root``: ``PAPER/YYYY/MM/YYYY-MM-DD/page-NN.yaml``.

    Unknown paper → ``unknown-paper/``; unknown date → ``PAPER/undated/KK/``
    (KK: two characters of the page key, 256-way); unknown page number →
    ``page-unknown-KEY.yaml``. Undated pages always carry the key in the file
    name, since many undated pages may share a number.
    """
    ref = page.ref
    paper = safe_dir_name(ref.paper) if ref.paper else UNKNOWN_PAPER
    key = safe_dir_name(page_key(page))
    number = f"{ref.number:02d}" if ref.number is not None else "unknown"
    if ref.date is not None:
        d = ref.date
        directory = Path(root, paper, f"{d.year:04d}", f"{d.month:02d}", d.isoformat())
        name = f"page-{number}.yaml" if ref.number is not None else f"page-unknown-{key}.yaml"
    else:
        bucket = hashlib.sha256(key.encode("utf-8")).hexdigest()[:2]
        directory = Path(root, paper, UNDATED, bucket)
        name = f"page-{number}-{key}.yaml"
    return directory / name


def _article_data(article: Article) -> dict[str, object]:
    data: dict[str, object] = {"id": article.id}
    if article.kind is not ArticleKind.ARTICLE:
        data["kind"] = article.kind.value
    data["section"] = article.section
    if article.kicker is not None:
        data["kicker"] = article.kicker
    data["title"] = article.title
    if article.subtitle is not None:
        data["subtitle"] = article.subtitle
    if article.dateline is not None:
        data["dateline"] = article.dateline
    if article.byline:
        data["byline"] = [_FlowMapping(role=b.role, name=b.name) for b in article.byline]
    data["paragraphs"] = list(article.paragraphs)
    data.update(article.provenance())
    return data


def page_to_yaml(page: Page, *, source: str | None = None) -> str:
    """The content-file text for ``page``: block style, CJK unescaped, in schema order."""
    ref = page.ref
    data: dict[str, object] = {
        "schema": SCHEMA_VERSION,
        "paper": ref.paper,
        "date": ref.date.isoformat() if ref.date else None,
        "page": {"number": ref.number, "name": ref.name},
    }
    if source is not None:
        data["source"] = shown_name(source)
    if ref.pdf is not None:
        data["pdf"] = ref.pdf
    data["articles"] = [_article_data(a) for a in page.articles]
    text = yaml.dump(
        data,
        Dumper=_ContentDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one paragraph per line: diffs stay readable
        indent=2,
    )
    return text


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically: temp file in the same dir, fsync, rename.

    Refuses (``UserError``) to replace an existing file unless ``force``. A
    crash at any moment leaves either no file / the old file, or the new one.
    """
    path = Path(path)
    if path.exists() and not force:
        raise UserError(f"{path} exists; use --force to overwrite it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # What importers killed mid-write left behind (never a live writer's file).
        remove_abandoned_temp_files(path)
        # A leading dot keeps readers (iter_content_files) away from the half-written file.
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # mkstemp makes 0600 files: content files get what the umask says, as any file would.
        os.fchmod(fd, default_file_mode())
        held_while_writing(fd)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force:
            # link() fails if the target appeared meanwhile: no race with another writer.
            try:
                os.link(temp_name, path)
            except FileExistsError:
                raise UserError(f"{path} exists; use --force to overwrite it") from None
            except OSError:
                os.replace(temp_name, path)  # file systems without hard links
            else:
                os.unlink(temp_name)
        else:
            os.replace(temp_name, path)
        fsync_dir(path.parent)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


#: A page is split into several files (``page-01.yaml``, ``page-01~002.yaml`` …)
#: beyond these estimates, well inside what the loader accepts in one file.
PART_BYTES = MAX_FILE_BYTES // 8
PART_VALUES = MAX_NODES // 5


def _estimate(article: Article) -> tuple[int, int]:
    """(bytes, YAML values) an article takes in a content file, roughly (from above)."""
    text = (article.title, article.kicker, article.subtitle, article.dateline, article.section)
    chars = sum(len(t) for t in text if t) + sum(len(p) for p in article.paragraphs)
    values = 16 + len(article.paragraphs) + 4 * len(article.byline) + 4 * len(article.extra)
    return 3 * chars + 40 * values + len(repr(article.extra)), values


def too_large(article: Article) -> str | None:
    """Why ``article`` cannot be written to a content file at all (None: it can)."""
    size, values = _estimate(article)
    if size > MAX_FILE_BYTES // 2 or values > MAX_NODES // 2:
        return f"article too large for one content file (about {size / 1_048_576:.0f} MiB)"
    return None


def split_for_files(page: Page) -> list[Page]:
    """``page`` as the parts that are each written to one file, articles in order."""
    parts: list[list[Article]] = [[]]
    size = values = 0
    for article in page.articles:
        more_bytes, more_values = _estimate(article)
        if parts[-1] and (size + more_bytes > PART_BYTES or values + more_values > PART_VALUES):
            parts.append([])
            size = values = 0
        parts[-1].append(article)
        size += more_bytes
        values += more_values
    return [Page(page.ref, tuple(articles)) for articles in parts]


def part_path(path: Path, number: int) -> Path:
    """The file of part ``number`` (1 is ``path`` itself) of the page written at ``path``."""
    return path if number == 1 else path.with_name(f"{path.stem}~{number:03d}{path.suffix}")


def page_files(path: Path) -> list[Path]:
    """The files holding the page written at ``path``: itself, then its parts in order."""
    parts = sorted(path.parent.glob(f"{path.stem}~[0-9][0-9][0-9]{path.suffix}"))
    return [path, *parts] if path.exists() else parts


def write_page(page: Page, path: Path, *, force: bool = False, source: str | None = None) -> None:
    """Write ``page`` to ``path`` atomically; refuses to overwrite unless ``force``.

    A page too big for one file goes to ``path`` and its parts (see
    :func:`split_for_files`); parts left from a bigger earlier version go. What
    the loader would refuse (one article beyond its limits) is never written.
    """
    parts = split_for_files(page)
    for number, part in enumerate(parts, start=1):
        text = page_to_yaml(part, source=source)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            article = part.articles[0]
            raise UserError(
                f"article {article.id} is too large for one content file "
                f"(more than {MAX_FILE_BYTES // 1_048_576} MiB); nothing more was written"
            )
        write_text_atomic(part_path(path, number), text, force=force)
    for stale in page_files(path)[len(parts) :]:
        stale.unlink(missing_ok=True)


def without_new_fields(article: Article) -> Article:
    """``article`` as a zhpaper without schema 2 would have stored it."""
    page = article.page
    plain_page = PageRef(page.paper, page.date, page.number, page.name)
    return dataclasses.replace(article, url=None, source=None, extra=NO_EXTRA, page=plain_page)


def is_upgrade(stored: Article, incoming: Article) -> bool:
    """Whether ``incoming`` is ``stored`` with what an older import could not keep.

    True when they differ only in fields of schema 2 (url, source, extra, the
    page's pdf) that ``stored`` does not have, and perhaps in the id (a reprint
    that an older import stored under its original's id).
    """
    if stored.url or stored.source or stored.extra or stored.page.pdf:
        return False
    return without_new_fields(dataclasses.replace(incoming, id=stored.id)) == stored


@dataclass
class Merged:
    """The result of merging a page into the file already at its path."""

    page: Page  # what to write (the stored articles, then the new ones)
    new: list[str] = field(default_factory=list)  # ids added
    replaced: list[str] = field(default_factory=list)  # ids whose text changed
    #: ids stored incompletely by an older zhpaper (see :func:`is_upgrade`), now complete.
    upgraded: list[str] = field(default_factory=list)
    unchanged: int = 0  # articles already stored exactly so
    ref_changed: bool = False  # the page gained its PDF link

    @property
    def changed(self) -> bool:
        return bool(self.new or self.replaced or self.upgraded or self.ref_changed)


def merge_with_stored(
    path: Path, page: Page, *, replace: bool, first_ids: Sequence[str] | None = None
) -> Merged:
    """``page`` merged by article id into the page file at ``path`` (which must exist).

    Stored articles keep their place; new ids are appended in ``page``'s order.
    An article an older zhpaper stored without fields it could not keep (url,
    source, extra, the page's pdf) is completed in place; a reprint it stored
    under its original's id (``first_ids[i]``: the id article ``i`` had before
    it was made unique) is renamed, not stored twice. An id stored with other
    text is replaced when ``replace``, else it is a ``UserError`` naming the id
    and the file. A file that cannot be read is left alone (``UserError``).
    """
    parts: list[Page] = []
    for file in page_files(path):  # a big page is several files
        try:
            parts.append(load_page_file(file))
        except ContentError as error:
            raise UserError(
                f"{file} exists and cannot be read, so it is left alone: {error.problems[0]}"
            ) from None
    stored = Page(parts[0].ref, tuple(a for part in parts for a in part.articles))
    merged = list(stored.articles)
    position: dict[str, int] = {}
    for index, old in enumerate(merged):
        position.setdefault(old.id, index)
    claimed: set[int] = set()
    result = Merged(stored)
    for number, article in enumerate(page.articles):
        first_id = first_ids[number] if first_ids is not None else article.id
        at: int | None = position.get(article.id)
        if at is None or at in claimed:
            at = next(
                (
                    i
                    for i, old in enumerate(merged)
                    if i not in claimed and old.id == first_id and is_upgrade(old, article)
                ),
                None,
            )
            if at is None:
                claimed.add(len(merged))
                merged.append(article)
                result.new.append(article.id)
                continue
        claimed.add(at)
        old = merged[at]
        if old == article:
            result.unchanged += 1
        elif is_upgrade(old, article):
            merged[at] = article
            result.upgraded.append(article.id)
        elif replace:
            merged[at] = article
            result.replaced.append(article.id)
        else:
            raise UserError(
                f"article {article.id} is already stored in {path} with other text;"
                " use --force to replace it"
            )
    # The page's PDF link is kept once known; a page that has one adds it.
    ref = page.ref if stored.ref.pdf is None and page.ref.pdf else stored.ref
    result.ref_changed = ref != stored.ref
    result.page = Page(ref, tuple(merged))
    return result


__all__ = [
    "UNDATED",
    "Merged",
    "is_upgrade",
    "without_new_fields",
    "merge_with_stored",
    "UNKNOWN_PAPER",
    "page_files",
    "page_key",
    "page_path",
    "part_path",
    "split_for_files",
    "too_large",
    "page_to_yaml",
    "safe_dir_name",
    "write_page",
    "write_text_atomic",
]
