"""Opening an article's url: a browser outside this terminal, or none.

Python's :mod:`webbrowser` picks the user's browser, but on a machine without a
display it picks a text browser (lynx, w3m …) and runs it *in this terminal*,
waiting for it: it would take the screen from the reader and fight Textual
for the keyboard. Over SSH a browser would open on the far machine, where the
reader's user is not. In those cases the reader shows the url and copies it
instead (:class:`reader.ui.screens.url.UrlScreen`).

A browser started by a command (``xdg-open``, ``$BROWSER``: webbrowser's
GenericBrowser family) is started here as webbrowser's BackgroundBrowser does,
but with its output discarded: a GUI browser's console chatter (``Gtk-Message:
…``) would otherwise be written over the reader's screen. Others (macOS, the
remote-controlled Firefox/Chrome classes, which already silence it) open
through webbrowser itself.

:func:`usable_browser` may be slow (``webbrowser`` probes the system on first
use, ``xdg-settings`` included): call it in a worker, never on the UI thread.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from collections.abc import Mapping
from urllib.parse import urlsplit

#: Browsers that run inside the terminal they are started from.
TEXT_BROWSERS = frozenset(
    {"lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl", "netrik"}
)


def web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address a browser may be asked to open.

    Content comes from strangers: a ``file:``, ``javascript:`` or custom-scheme
    link, or one with spaces or control characters, is shown, never opened.
    """
    if not url.isprintable() or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def over_ssh(env: Mapping[str, str] | None = None) -> bool:
    """Whether the reader runs in an SSH session (a browser would open on the server)."""
    env = os.environ if env is None else env
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def takes_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Whether ``browser`` would run in this terminal, over the reader."""
    command = (getattr(browser, "name", "") or "").split()
    name = os.path.basename(command[0]) if command else ""
    if name in TEXT_BROWSERS:
        return True
    # GenericBrowser (not Background) waits for the command in the foreground:
    # a console browser named by $BROWSER or an alternatives link, say.
    return type(browser) is webbrowser.GenericBrowser and name.startswith("www-")


def usable_browser() -> webbrowser.BaseBrowser | None:
    """The browser ``webbrowser`` would use, if it opens outside this terminal; else None."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    return None if takes_terminal(browser) else browser


#: How long a launcher (xdg-open) may take to say it failed.
LAUNCH_WAIT_SECONDS = 2.0


def _launch_quietly(browser: webbrowser.GenericBrowser, url: str) -> bool:
    """Start ``browser`` on ``url`` in its own session, its output discarded; False if it failed."""
    sys.audit("webbrowser.open", url)
    command = [browser.name, *(arg.replace("%s", url) for arg in browser.args)]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )
    except OSError:
        return False
    try:
        return process.wait(timeout=LAUNCH_WAIT_SECONDS) == 0
    except subprocess.TimeoutExpired:
        return True  # still running: the browser itself, not a launcher that failed


def open_in_browser(url: str) -> str | None:
    """Open ``url`` in the user's browser; None when it opened, else why not (in Chinese).

    Blocks while ``webbrowser`` probes and starts the browser: run it in a worker.
    """
    browser = usable_browser()
    if browser is None:
        return "没有可用的图形浏览器（文本浏览器会占用这个终端）"
    try:
        if isinstance(browser, webbrowser.GenericBrowser):
            opened = _launch_quietly(browser, url)
        else:
            opened = browser.open(url)
    except OSError as error:
        return f"浏览器没有打开：{error.strerror or error}"
    return None if opened else "浏览器没有打开"
