"""The input loop wakes at the parser's escape deadline (reader.ui.driver).

Textual's own loop asks its parser about a lone ESC only every 100 ms, so the
escape key (back, close) answered 100 ms late whatever ESCDELAY said. These
tests check the wait the loop computes, and that keys still arrive whole and in
order through a real pipe. No timings are asserted: speed is bench/keys.py's.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass

import pytest
from textual import constants, events, messages
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from reader.cli.read import ESCAPE_DELAY_MS
from reader.ui.app import ReaderApp
from reader.ui.driver import IDLE_WAIT, QuickEscapeDriver, input_wait
from reader.ui.private import parser_deadline

#: Bytes a terminal sends for PageDown.
PAGE_DOWN = b"\x1b[6~"
#: How long a test waits for a key before calling the driver stuck (not a timing).
STUCK = 10.0


@pytest.fixture(autouse=True)
def zhpaper_escape_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader sets ESCDELAY before Textual reads it (reader.cli.read.quick_escape);
    # the test process has Textual's 100 ms, which equals IDLE_WAIT and would make
    # "waits no longer than ESCDELAY" true of Textual's own loop as well.
    monkeypatch.setattr(constants, "ESCAPE_DELAY", ESCAPE_DELAY_MS / 1000)
    assert constants.ESCAPE_DELAY < IDLE_WAIT


def _fed(parser: XTermParser, text: str) -> list[Message]:
    return list(parser.feed(text))


def test_nothing_pending_waits_the_idle_step() -> None:
    parser = XTermParser()
    assert parser_deadline(parser) is None
    assert input_wait(parser, 0.0) == IDLE_WAIT
    # A whole key leaves nothing to wait for either.
    assert [e.key for e in _fed(parser, "a") if isinstance(e, events.Key)] == ["a"]
    assert input_wait(parser, 0.0) == IDLE_WAIT


def test_a_lone_escape_waits_no_longer_than_escdelay() -> None:
    parser = XTermParser()
    before = time.monotonic()
    assert _fed(parser, "\x1b") == []  # not yet a key: it may start a sequence
    deadline = parser_deadline(parser)
    assert deadline is not None
    assert before < deadline <= time.monotonic() + constants.ESCAPE_DELAY
    wait = input_wait(parser, time.monotonic())
    assert 0.0 <= wait <= constants.ESCAPE_DELAY < IDLE_WAIT
    assert input_wait(parser, deadline - constants.ESCAPE_DELAY / 2) == pytest.approx(
        constants.ESCAPE_DELAY / 2
    )


def test_once_the_deadline_has_passed_the_loop_does_not_wait() -> None:
    parser = XTermParser()
    _fed(parser, "\x1b")
    deadline = parser_deadline(parser)
    assert deadline is not None
    assert input_wait(parser, deadline) == 0.0
    assert input_wait(parser, deadline + 1.0) == 0.0


def test_the_rest_of_a_sequence_ends_the_wait() -> None:
    parser = XTermParser()
    _fed(parser, "\x1b")
    keys = [e.key for e in _fed(parser, "[6~") if isinstance(e, events.Key)]
    assert keys == ["pagedown"]
    assert parser_deadline(parser) is None
    assert input_wait(parser, 0.0) == IDLE_WAIT


def test_the_reader_runs_on_the_quick_driver_in_a_terminal(
    make_app: Callable[[], ReaderApp],
) -> None:
    # Where Textual would pick LinuxDriver (a terminal on Linux or macOS).
    assert make_app().driver_class is QuickEscapeDriver
    assert issubclass(QuickEscapeDriver, LinuxDriver)


class _Recorder:
    """The app as the driver sees it: where its messages go (Driver.send_message)."""

    def __init__(self) -> None:
        self.received: asyncio.Queue[Message] = asyncio.Queue()

    async def _post_message(self, message: Message) -> bool:
        await self.received.put(message)
        return True


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    # LinuxDriver installs its own handlers for ctrl+z: put the test process's back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


async def _next_key(app: _Recorder) -> str:
    while True:
        message = await asyncio.wait_for(app.received.get(), STUCK)
        if isinstance(message, events.Key):
            return message.key


@dataclass
class _InputThread:
    """The driver's input loop on its own thread, reading a pipe as its terminal."""

    app: _Recorder
    driver: QuickEscapeDriver
    thread: threading.Thread
    write_end: int

    async def next_message(self) -> Message:
        return await asyncio.wait_for(self.app.received.get(), STUCK)


@asynccontextmanager
async def _input_thread() -> AsyncIterator[_InputThread]:
    app = _Recorder()
    driver = QuickEscapeDriver(app)  # type: ignore[arg-type]
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        yield _InputThread(app, driver, thread, write_end)
    finally:
        driver.exit_event.set()
        await asyncio.to_thread(thread.join, STUCK)
        with suppress(OSError):
            os.close(write_end)
        os.close(read_end)


@pytest.mark.usefixtures("keep_signal_handlers")
async def test_keys_arrive_whole_and_in_order_through_the_input_thread() -> None:
    async with _input_thread() as loop:
        # A lone ESC is escape once its deadline passes; only then does "a" follow,
        # so it cannot be taken for alt+a.
        os.write(loop.write_end, b"\x1b")
        assert await _next_key(loop.app) == "escape"
        os.write(loop.write_end, b"a")
        assert await _next_key(loop.app) == "a"
        # A whole sequence in one write is one key, not escape then "[6~".
        os.write(loop.write_end, PAGE_DOWN)
        assert await _next_key(loop.app) == "pagedown"
        assert loop.app.received.empty()
    assert not loop.thread.is_alive(), "the input thread did not stop on exit_event"


@pytest.mark.usefixtures("keep_signal_handlers")
async def test_the_end_of_input_quits_instead_of_spinning() -> None:
    # A terminal that goes away without a hang-up signal (its pty master closed)
    # ends the input: Textual's loop selected again at once, for ever, on a core.
    async with _input_thread() as loop:
        os.write(loop.write_end, b"a")
        assert await _next_key(loop.app) == "a"
        os.close(loop.write_end)
        assert isinstance(await loop.next_message(), messages.ExitApp)
        await asyncio.to_thread(loop.thread.join, STUCK)
        assert not loop.thread.is_alive(), "the input thread went on after its input ended"
        assert loop.app.received.empty()  # said once
