"""Garbage collected when idle: a full collection after a quiet moment, everything after a rest."""

from __future__ import annotations

import gc
import weakref

import pytest

from reader.ui.collector import LONG_QUIET, QUIET, Collected, Collector


def test_nothing_is_due_while_keys_come() -> None:
    collector = Collector(started=True)
    collector.input_seen(100.0)
    step, again = collector.due(100.0 + QUIET / 2)
    assert step is Collected.NOTHING and again == pytest.approx(QUIET / 2)


def test_each_collection_in_turn_as_the_quiet_lasts() -> None:
    collector = Collector(started=True)
    collector.input_seen(0.0)
    try:
        frozen = gc.get_freeze_count()
        step, again = collector.look(QUIET)
        assert step is Collected.FULL and again == pytest.approx(LONG_QUIET - QUIET)
        assert gc.get_freeze_count() > frozen  # the survivors
        assert collector.look(QUIET)[0] is Collected.NOTHING  # once
        step, again = collector.look(LONG_QUIET)
        assert step is Collected.EVERYTHING and again is None
        assert collector.look(LONG_QUIET * 2) == (Collected.NOTHING, None)  # until an input
        collector.input_seen(LONG_QUIET * 3)
        assert collector.due(LONG_QUIET * 3 + 2 * QUIET)[0] is Collected.FULL  # again
    finally:
        gc.unfreeze()


def test_a_late_look_does_the_next_step_only() -> None:
    collector = Collector(started=True)
    collector.input_seen(0.0)
    try:
        assert collector.look(LONG_QUIET + 1) == (Collected.FULL, 0.0)
        assert collector.look(LONG_QUIET + 1) == (Collected.EVERYTHING, None)
    finally:
        gc.unfreeze()


def test_what_was_frozen_and_died_is_freed_after_a_rest() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the cyclic collector frees it

    collector = Collector(started=True)
    try:
        node = Node()
        alive = weakref.ref(node)
        collector.input_seen(0.0)
        collector.look(QUIET)  # node lives: frozen
        del node
        gc.collect()
        assert alive() is not None  # a full collection does not look at frozen objects
        collector.look(LONG_QUIET)  # unfrozen, freed, the rest frozen again
        assert alive() is None
    finally:
        gc.unfreeze()


def test_not_started_collects_nothing() -> None:
    collector = Collector()
    collector.input_seen(0.0)
    assert collector.look(LONG_QUIET) == (Collected.NOTHING, None)
    collector.freeze_survivors()
    assert gc.get_freeze_count() == 0


def test_after_pythons_own_full_collection_the_next_input_freezes_its_survivors() -> None:
    # While keys come there is no quiet moment: each of Python's own full
    # collections walked everything made since the last one, and grew (+50 ms
    # on every third or fourth escape in the bench). Its survivors are frozen.
    collector = Collector()
    collector.start()
    try:
        kept = [object() for _ in range(10)]
        collector.input_seen(0.0)
        assert not collector.full_collected
        gc.collect(1)  # a young collection: nothing to freeze
        assert not collector.full_collected
        gc.collect()  # as Python's own, when it is due
        assert collector.full_collected
        frozen = gc.get_freeze_count()
        collector.input_seen(1.0)
        assert not collector.full_collected and gc.get_freeze_count() > frozen
        assert len(kept) == 10
    finally:
        collector.stop()
        gc.unfreeze()
    assert collector._collected not in gc.callbacks
