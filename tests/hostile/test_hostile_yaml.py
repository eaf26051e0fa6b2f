"""YAML from strangers: no object tags, no alias bombs, no nesting bombs, bounded messages.

tests/store covers tags, billion laughs, size and arbitrary bytes; these are the
cases it did not have (deep nesting, huge numbers, many keys, long values
quoted in messages), each bounded in time and memory and named FILE:LINE.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from reader.store.loader import MAX_MESSAGE_CHARS, ContentError, load_content, parse_page

BASE = "schema: 1\npaper: 报\ndate: 2024-01-01\npage: {number: NUMBER, name: null}\narticles: []\n"

CASES = {
    "deep-flow": ("schema: 1\npaper: " + "[" * 200_000 + "]" * 200_000 + "\n", 2, "nesting"),
    "deep-map": ("schema: 1\npaper: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", 2, "nesting"),
    "deep-block": (
        "schema: 1\npaper:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),
        1001,
        "nesting",
    ),
    "huge-int": (BASE.replace("NUMBER", "1" * 100_000), 4, "whole number"),
    "inf": (BASE.replace("NUMBER", ".inf"), 4, "whole number"),
    "python-name": (
        "schema: 1\npaper: !!python/name:os.system\n",
        2,
        "not allowed",
    ),
    "python-object-new": (
        "schema: 1\npaper: !!python/object/new:subprocess.Popen [[touch, /tmp/pwned]]\n",
        2,
        "not allowed",
    ),
    "local-tag": ("schema: 1\npaper: !custom x\n", 2, "not allowed"),
    "binary-tag": ("schema: 1\npaper: !!binary aGVsbG8=\n", 2, "not allowed"),
    "set-tag": ("schema: 1\npaper: !!set {a, b}\n", 2, "not allowed"),
    "merge": ("schema: 1\n<<: {paper: x}\n", 2, "merge"),
    # Refused while streaming, before ~65 bytes of nodes per byte of text are built.
    "many-keys": (
        "schema: 1\n" + "".join(f"k{i}: {i}\n" for i in range(100_000)),
        50000,
        "too many",
    ),
    "many-items": ("schema: 1\npaper: [" + "1," * 200_000 + "1]\n", 2, "too many"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_yaml_is_refused_clearly_and_cheaply(name: str) -> None:
    text, line, words = CASES[name]
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as caught:
            parse_page(text, Path(f"{name}.yaml"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (problem,) = caught.value.problems
    assert (problem.line, words in problem.message) == (line, True), str(problem)
    assert len(problem.message) <= MAX_MESSAGE_CHARS  # a 100 kB value is not quoted whole
    # Bounded memory: a small multiple of the text, never an expansion.
    assert peak < 40 * len(text.encode()) + 5_000_000, peak
    assert not Path("/tmp/pwned").exists()


def test_a_directory_of_bombs_still_loads_the_good_page(tmp_path: Path) -> None:
    for name, (text, _line, _words) in CASES.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(
        BASE.replace("NUMBER", "1").replace(
            "articles: []", "articles:\n  - {id: ok, title: 好, paragraphs: [正文]}"
        ),
        encoding="utf-8",
    )
    result = load_content(tmp_path)
    assert [a.id for page in result.pages for a in page.articles] == ["ok"]
    assert len(result.skipped) == len(CASES)
