"""The footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds itself (removes and mounts a widget per key) whenever
the screen's bindings may have changed, which is at every change of focus:
tab, enter and escape between the panes paid for a rebuild that showed the same
keys. This one compares what it would show first.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None

    @staticmethod
    def shown_keys(screen: Screen) -> tuple[object, ...]:
        """What the footer shows for ``screen``: each shown key, its label and state."""
        shown: list[tuple[object, ...]] = []
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.show or key == screen.app.COMMAND_PALETTE_BINDING:
                shown.append(
                    (key, binding.action, binding.description, binding.key_display)
                    + (active.enabled, active.tooltip)
                )
        return tuple(shown)

    def bindings_changed(self, screen: Screen) -> None:
        shown = self.shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # rebuilt (Footer skips it while the terminal is unfocused)
