"""Errors that reach the user as one clear line, never a traceback."""


class UserError(Exception):
    """A problem the user can fix (bad argument, unreadable file …).

    ``reader.__main__`` prints it as ``zhpaper: error: <message>`` and exits with
    ``exit_code``.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        from reader.store.sanitize import visible_controls

        # Messages quote file names and file content: keep the terminal safe.
        super().__init__(visible_controls(message, keep_newlines=False))
        self.exit_code = exit_code
