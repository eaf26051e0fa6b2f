"""bench/keys.py measures every key of the reader's key table (a new key needs a case)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from reader.ui.keys import KEYS

BENCH = Path(__file__).resolve().parent.parent / "bench" / "keys.py"


def _bench():  # bench/ is not a package: load the script as a module (it runs nothing on import)
    spec = importlib.util.spec_from_file_location("bench_keys", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_key_of_the_key_table_has_a_case_or_a_reason() -> None:
    bench = _bench()
    pressed = {case.key for case in bench.CASES}
    missing = []
    for key in KEYS:
        if key.id in bench.NOT_MEASURED:
            continue
        sequences = {
            bench.SEQUENCES.get(name.strip(), name.strip()) for name in key.default_keys.split(",")
        }
        if not sequences & pressed:
            missing.append(f"{key.id} ({key.default_keys})")
    assert missing == [], "add a Case to bench/keys.py for: " + ", ".join(missing)


def test_every_case_presses_a_known_key() -> None:
    bench = _bench()
    known = {
        bench.SEQUENCES.get(n.strip(), n.strip()) for k in KEYS for n in k.default_keys.split(",")
    }
    for case in bench.CASES:
        assert case.key in known, case
        for key in (*case.before, *case.after):
            assert key in known or len(key) > 1, (case, key)  # a typed query ("總統") is text
