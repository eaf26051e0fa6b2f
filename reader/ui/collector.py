"""Python's cyclic garbage collection: run between keys, and kept small.

Textual makes some 25,000 objects of cyclic garbage a second while keys come.
Left to Python, a young collection runs every 700 allocations, what it cannot
free yet (the frame being drawn is still alive) moves to the oldest generation,
and about once a second a full collection stops a key for 15–25 ms to free
some 20,000 objects there: in the benchmark (bench/keys.py) one press in five
or ten came late by that much. So:

- **after each key**, once it has been done for :data:`AFTER_KEY` seconds, a
  young collection (generations 0 and 1) frees its garbage before any of it
  grows old: 1–3 ms, when nothing is waiting;
- **after half a second without input** (:data:`QUIET`) a full collection
  runs, and what survives it is frozen (``gc.freeze``): it is what the reader
  keeps (the catalogue, the kept screens and themes, the article on screen),
  and no later full collection walks it again;
- **after a long rest** (:data:`LONG_QUIET`), everything is unfrozen and
  collected once: what was frozen and has died since (a closed screen, an old
  notice) is freed, so freezing loses no memory for long.

Python's own collections stay on, as a backstop while keys come faster than
:data:`AFTER_KEY` (a held key): they are then small, the old generation
holding only what lived through the last quiet moment.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from enum import Enum

#: Seconds after the last input before its young garbage is collected.
AFTER_KEY = 0.05
#: Quiet time after the last input before a full collection runs.
QUIET = 0.5
#: Quiet time after which everything, frozen or not, is collected once.
LONG_QUIET = 30.0


class Collected(Enum):
    """What a look at the garbage did."""

    NOTHING = "nothing"
    YOUNG = "young"  # generations 0 and 1
    FULL = "full"  # everything not frozen, and the survivors frozen
    EVERYTHING = "everything"  # frozen objects too, all frozen again


#: Each collection, and the quiet time after the last input it waits for.
STEPS = ((Collected.YOUNG, AFTER_KEY), (Collected.FULL, QUIET), (Collected.EVERYTHING, LONG_QUIET))


@dataclass
class Collector:
    """When to collect, and collecting: :meth:`look` after each input, and again when it says."""

    last_input: float = field(default_factory=time.monotonic)
    started: bool = False
    #: How many of :data:`STEPS` ran since the last input (all: none is due).
    steps_done: int = len(STEPS)

    def start(self) -> None:
        """Freeze what start-up made: it lives as long as the reader."""
        gc.freeze()
        self.started = True

    def freeze_survivors(self) -> None:
        """Collect everything not frozen, and freeze what lives on (once started)."""
        if not self.started:
            return
        gc.collect()
        gc.freeze()

    def input_seen(self, now: float | None = None) -> None:
        self.last_input = time.monotonic() if now is None else now
        self.steps_done = 0

    def due(self, now: float) -> tuple[Collected, float | None]:
        """What to collect now, and in how many seconds to look again (None: after an input)."""
        if self.steps_done == len(STEPS):
            return Collected.NOTHING, None
        quiet = now - self.last_input
        step, after = STEPS[self.steps_done]
        if quiet < after:
            return Collected.NOTHING, after - quiet
        following = STEPS[self.steps_done + 1 :]
        return step, (max(0.0, following[0][1] - quiet) if following else None)

    def look(self, now: float | None = None) -> tuple[Collected, float | None]:
        """Collect what is due; what it was, and when to look again (None: after an input)."""
        now = time.monotonic() if now is None else now
        if not self.started:
            return Collected.NOTHING, None
        step, again = self.due(now)
        if step is Collected.YOUNG:
            gc.collect(1)
        elif step is Collected.FULL:
            self.freeze_survivors()
        elif step is Collected.EVERYTHING:
            gc.unfreeze()
            self.freeze_survivors()
        if step is not Collected.NOTHING:
            self.steps_done += 1
        return step, again
