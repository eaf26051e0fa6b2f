"""When the full garbage collection runs: after a quiet moment, never while keys come."""

from __future__ import annotations

import gc

from reader.ui.collector import QUIET, Collector


def test_due_only_when_quiet_and_something_to_collect() -> None:
    collector = Collector(last_input=100.0)
    assert not collector.due(100.0 + QUIET / 2, pending=5)  # typing
    assert not collector.due(100.0 + QUIET * 2, pending=0)  # nothing since the last
    assert collector.due(100.0 + QUIET, pending=1)


def test_start_freezes_and_tick_collects_when_due() -> None:
    collector = Collector()
    assert not collector.tick(now=1e12)  # not started: nothing
    try:
        collector.start()
        assert collector.started and gc.get_freeze_count() > 0
        collector.input_seen(0.0)
        gc.collect(1)  # a young collection counts toward the next full one
        assert not collector.tick(now=QUIET / 2)
        assert collector.tick(now=QUIET + 1.0)
        assert gc.get_count()[2] == 0
    finally:
        gc.unfreeze()
