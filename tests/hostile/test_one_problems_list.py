"""The reader's ``!`` list and ``zhpaper check`` name the same problems.

Dangling symbolic links, symbolic link loops and unreadable directories are
problems for both, with the bad files of the hostile directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_content import write_hostile_content

from reader.search.opening import open_catalog
from reader.store.loader import load_content


def _break_it(content: Path, unreadable_dir: bool) -> None:
    (content / "dangling.yaml").symlink_to(content / "gone.yaml")
    (content / "loop-a.yaml").symlink_to(content / "loop-b.yaml")
    (content / "loop-b.yaml").symlink_to(content / "loop-a.yaml")
    if unreadable_dir:
        locked = content / "locked"
        locked.mkdir()
        (locked / "inside.yaml").write_text("schema: 1\n", "utf-8")
        locked.chmod(0)


def _files_named(lines: list[str], content: Path) -> set[str]:
    """The content files (relative names) the problem lines are about (named first)."""
    paths = sorted(content.rglob("*"), key=lambda p: -len(str(p)))
    named = set()
    for line in lines:
        for path in paths:
            rel = path.relative_to(content).as_posix()
            if line.startswith((f"{path}:", f"{rel}:")):
                named.add(rel)
                break
    return named


@pytest.mark.parametrize(
    "unreadable_dir",
    [
        False,
        pytest.param(
            True,
            marks=pytest.mark.skipif(
                os.geteuid() == 0, reason="root reads a directory of mode 000"
            ),
        ),
    ],
)
def test_the_problems_list_of_the_reader_is_the_one_of_check(
    tmp_path: Path, unreadable_dir: bool
) -> None:
    content = write_hostile_content(tmp_path / "content")
    _break_it(content, unreadable_dir)
    try:
        checked = [str(problem) for problem in load_content(content).problems]
        shown = list(open_catalog(content).problems)
        assert {"dangling.yaml", "loop-a.yaml", "loop-b.yaml"} <= _files_named(checked, content)
        assert _files_named(shown, content) == _files_named(checked, content)
        if unreadable_dir:
            assert "locked" in _files_named(shown, content)
    finally:
        if unreadable_dir:
            (content / "locked").chmod(0o755)


def test_a_fixed_link_leaves_the_list(tmp_path: Path) -> None:
    content = write_hostile_content(tmp_path / "content")
    _break_it(content, False)
    before = len(open_catalog(content).problems)
    (content / "dangling.yaml").unlink()
    assert len(open_catalog(content).problems) == before - 1
