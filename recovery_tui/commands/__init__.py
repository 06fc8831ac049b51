"""What the command line's subcommands do; `recovery_tui.cli` parses and dispatches.

Each module imports quickly: pydantic and the index load only when a command needs them.
"""

from __future__ import annotations

PROG = "recovery-tui"


class Refusal(Exception):
    """A command that can't go ahead; the message says why and what to do."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def count_entries(count: int) -> str:
    """ "1 reflection", "3 reflections": the word a person reads, everywhere."""
    return f"{count} reflection{'' if count == 1 else 's'}"


def printable(text: str) -> str:
    """A file name safe to print: control characters and undecodable bytes escaped."""
    return "".join(
        char if char.isprintable() else f"\\x{ord(char):02x}" if ord(char) < 256
        else f"\\u{ord(char):04x}"
        for char in text
    )  # fmt: skip
