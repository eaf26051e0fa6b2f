"""When the full garbage collection runs: between keys, and at the latest every minute."""

from __future__ import annotations

import gc

import pytest

from reader.ui.collector import AT_LATEST, QUIET, YOUNG_COLLECTIONS, Collector


def test_not_due_while_keys_come_or_with_little_to_collect() -> None:
    collector = Collector(last_input=100.0, last_full=100.0)
    assert not collector.due(100.0 + QUIET / 2, pending=YOUNG_COLLECTIONS)  # typing
    assert not collector.due(100.0 + QUIET * 2, pending=YOUNG_COLLECTIONS - 1)  # little
    assert collector.due(100.0 + QUIET, pending=YOUNG_COLLECTIONS)  # quiet: now


def test_due_at_the_latest_after_a_minute_of_keys() -> None:
    collector = Collector(last_input=100.0, last_full=100.0)
    collector.input_seen(100.0 + AT_LATEST)
    assert collector.due(100.0 + AT_LATEST, pending=YOUNG_COLLECTIONS)


def test_start_freezes_and_leaves_the_full_collection_to_tick() -> None:
    threshold = gc.get_threshold()
    collector = Collector()
    assert not collector.tick(now=1e12)  # not started: Python's own collector rules
    try:
        collector.start()
        assert collector.started and gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] >= 1_000_000
        collector.input_seen(0.0)
        for _ in range(YOUNG_COLLECTIONS + 1):
            gc.collect(1)  # each counts toward the full collection
        assert collector.tick(now=QUIET + 1.0)
        assert gc.get_count()[2] == 0 and collector.last_full == QUIET + 1.0
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


@pytest.mark.parametrize("pending", [0, YOUNG_COLLECTIONS - 1])
def test_tick_does_nothing_when_not_due(pending: int) -> None:
    collector = Collector(last_input=0.0, last_full=0.0, started=True)
    assert not collector.due(QUIET * 10, pending)
