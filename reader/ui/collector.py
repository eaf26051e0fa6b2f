"""Python's full garbage collection: smaller, and run between keys when it can be.

The cyclic collector's oldest generation holds every long-lived object: on the
shared corpus a full collection took 20–45 ms, about once every few dozen keys,
and that press came late. Two things make those pauses rarer and shorter:

- what start-up made (the catalogue, the app, the stylesheet) is frozen once
  the first screen is up, so no full collection walks it again (about halves
  each pause);
- after half a second without input a full collection runs then, so fewer are
  left for Python to start in the middle of a key.

Python's own thresholds stay: Textual makes some 25,000 objects of cyclic
garbage a second while keys come, and left for a minute they took 0.6 s to
collect at once.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field

#: Quiet time after the last input before a full collection runs.
QUIET = 0.5


@dataclass
class Collector:
    """When to run the full collection, and running it."""

    last_input: float = field(default_factory=time.monotonic)
    started: bool = False

    def start(self) -> None:
        """Freeze what start-up made: it lives as long as the reader."""
        gc.freeze()
        self.started = True

    def input_seen(self, now: float | None = None) -> None:
        self.last_input = time.monotonic() if now is None else now

    def due(self, now: float, pending: int) -> bool:
        """Whether to collect fully now: quiet, and young collections since the last."""
        return pending > 0 and now - self.last_input >= QUIET

    def tick(self, now: float | None = None) -> bool:
        """Collect fully if due; whether it did."""
        now = time.monotonic() if now is None else now
        if not self.started or not self.due(now, gc.get_count()[2]):
            return False
        gc.collect()
        return True
