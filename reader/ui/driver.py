"""The terminal driver: Textual's, with an escape key that answers at once.

A terminal sends the escape key as one ESC byte, and the start of every other
key's sequence (arrows, PageDown) as the same byte: the parser waits ESCDELAY
(10 ms in zhpaper, see reader.cli.read.quick_escape) for more before it calls it
escape. Textual's input loop, though, looks at that deadline only every 100 ms,
so escape — back, close — waited 100 ms on every press. This driver's loop
sleeps until the next input or the parser's deadline, whichever comes first.
"""

from __future__ import annotations

import os
import selectors
import time
from codecs import getincrementaldecoder

from textual import messages
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from reader.ui.private import parser_deadline

#: The longest wait for input between checks that the app is closing.
IDLE_WAIT = 0.1


def input_wait(parser: object, now: float) -> float:
    """Seconds to wait for input before the parser must be asked for a lone escape."""
    deadline = parser_deadline(parser)
    if deadline is None:
        return IDLE_WAIT
    return min(IDLE_WAIT, max(0.0, deadline - now))


class QuickEscapeDriver(LinuxDriver):
    """LinuxDriver whose input loop wakes up at the parser's escape deadline."""

    def _terminal_gone(self) -> None:
        """The input ended (the terminal closed, the pipe's writer went away): quit.

        Textual's loop breaks out of that read and selects again, which answers
        at once: a reader whose terminal went without a hang-up signal (a pty
        master closed by its program) spun on a core for ever. Its app exits as
        on quit, keeping the reading position.
        """
        if not self.exit_event.is_set():
            self.exit_event.set()
            self.process_message(messages.ExitApp())

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def pump(timeout: float, final: bool = False) -> None:
            for _key, mask in selector.select(timeout):
                if mask & selectors.EVENT_READ:
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:  # EIO: the terminal is gone
                        data = b""
                    if not data:
                        self._terminal_gone()
                        return
                    for event in parser.feed(decode(data, final=final)):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                pump(input_wait(parser, time.monotonic()))
            selector.unregister(self.fileno)
            pump(IDLE_WAIT, final=True)
        finally:
            selector.close()
