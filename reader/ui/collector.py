"""Python's cyclic garbage collection: kept small, and run when the reader is idle.

Textual makes some 25,000 objects of cyclic garbage a second while keys come.
Python collects its youngest objects every 700 allocations; what they cannot
free yet moves to the oldest generation, and about once a second a full
collection stops a key to walk that generation: 20–45 ms on the shared corpus
when it held everything start-up made. So:

- **start-up's objects are frozen** (``gc.freeze``) once the first screen is up:
  the catalogue, the app, the stylesheet live as long as the reader, and no
  full collection walks them again;
- **after half a second without input** (:data:`QUIET`) a full collection
  runs, and what survives it is frozen too (the kept screens and themes, the
  article on screen): Python's own full collections, while keys come, then
  walk only what was made since the last quiet moment;
- **after Python's own full collection** (while keys keep coming, with no quiet
  moment), the next input freezes what it left: the next one walks only what
  was made since, not everything since the last quiet moment (it had grown to
  40–50 ms, on every third or fourth key of a long run of keys);
- **after a long rest** (:data:`LONG_QUIET`), everything is unfrozen and
  collected once: what was frozen and has died since (a closed screen, an old
  notice) is freed, so freezing loses no memory for long.

A collection right after each key was tried and dropped: what it could not
free yet (the frame just drawn) was promoted to the oldest generation early,
and the full collections grew, not shrank.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from enum import Enum

#: Quiet time after the last input before a full collection runs.
QUIET = 0.5
#: Quiet time after which everything, frozen or not, is collected once.
LONG_QUIET = 30.0


class Collected(Enum):
    """What a look at the garbage did."""

    NOTHING = "nothing"
    FULL = "full"  # everything not frozen, and the survivors frozen
    EVERYTHING = "everything"  # frozen objects too, all frozen again


#: Each collection, and the quiet time after the last input it waits for.
STEPS = ((Collected.FULL, QUIET), (Collected.EVERYTHING, LONG_QUIET))


@dataclass
class Collector:
    """When to collect, and collecting: :meth:`look` after each input, and again when it says."""

    last_input: float = field(default_factory=time.monotonic)
    started: bool = False
    #: How many of :data:`STEPS` ran since the last input (all: none is due).
    steps_done: int = len(STEPS)

    #: Python ran a full collection of its own since the last input (freeze its survivors).
    full_collected: bool = False

    def start(self) -> None:
        """Freeze what start-up made: it lives as long as the reader."""
        gc.freeze()
        self.started = True
        gc.callbacks.append(self._collected)

    def stop(self) -> None:
        if self._collected in gc.callbacks:
            gc.callbacks.remove(self._collected)

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            self.full_collected = True

    def freeze_survivors(self) -> None:
        """Collect everything not frozen, and freeze what lives on (once started)."""
        if not self.started:
            return
        gc.collect()
        gc.freeze()

    def input_seen(self, now: float | None = None) -> None:
        self.last_input = time.monotonic() if now is None else now
        self.steps_done = 0
        if self.full_collected:
            # What outlived Python's own full collection lives on: the next one,
            # while keys still come, walks only what is made from now on.
            self.full_collected = False
            gc.freeze()

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
        if step is Collected.FULL:
            self.freeze_survivors()
        elif step is Collected.EVERYTHING:
            gc.unfreeze()
            self.freeze_survivors()
        if step is not Collected.NOTHING:
            self.steps_done += 1
        return step, again
