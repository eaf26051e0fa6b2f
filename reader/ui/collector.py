"""Python's full garbage collection, run between keys instead of during them.

The cyclic collector's oldest generation holds every long-lived object (the
catalogue, the caches of drawn lines): collecting it took 20–45 ms on the shared
corpus, about once every few dozen keys, and that press then came late. Young
collections stay automatic (under a millisecond); the full one runs when the
reader has had no input for a moment, or at the latest every minute.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field

#: Quiet time after the last input before a full collection may run.
QUIET = 0.5
#: A full collection runs at least this often, however busy the keyboard.
AT_LATEST = 60.0
#: Young collections between full ones (Python's own default).
YOUNG_COLLECTIONS = 10


@dataclass
class Collector:
    """When to run the full collection, and running it."""

    last_input: float = field(default_factory=time.monotonic)
    last_full: float = field(default_factory=time.monotonic)
    started: bool = False

    def start(self) -> None:
        """Freeze what start-up made (never garbage) and take the full collection over."""
        gc.freeze()
        young, middle, _old = gc.get_threshold()
        # Python still collects the oldest generation once this many middle ones
        # ran: a number it never reaches leaves the full collection to tick().
        gc.set_threshold(young, middle, 1_000_000)
        self.started = True

    def input_seen(self, now: float | None = None) -> None:
        self.last_input = time.monotonic() if now is None else now

    def due(self, now: float, pending: int) -> bool:
        """Whether to collect fully now, after ``pending`` middle collections since the last."""
        if pending < YOUNG_COLLECTIONS:
            return False
        quiet = now - self.last_input >= QUIET
        return quiet or now - self.last_full >= AT_LATEST

    def tick(self, now: float | None = None) -> bool:
        """Collect fully if due; whether it did."""
        now = time.monotonic() if now is None else now
        if not self.started or not self.due(now, gc.get_count()[2]):
            return False
        gc.collect()
        self.last_full = now
        return True
