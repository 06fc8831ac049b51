"""Boxes to type in that never send a control character to the terminal.

A pasted escape sequence ("\\x1b[31m") or one in a hand-edited file stays in the answer, as
typed, but is drawn as a visible symbol ("␛[31m"), one character for one, so nothing else
moves. Use these instead of Textual's Input and TextArea wherever a person's words are shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from recovery_tui.core.printable import printable
from recovery_tui.textual_private import DrawnInput


def _visible(line: str) -> str:
    """`line` (no line breaks) with each control character drawn as one visible character.
    Tabs stay: the boxes lay them out themselves."""
    if line.isascii() and line.isprintable():
        return line
    return "\t".join(printable(part, one_line=True) for part in line.split("\t"))


class LiteralInput(DrawnInput):
    """A one-line box; what is drawn has control characters made visible."""

    def drawn(self) -> Text | None:
        # From the value itself: Rich's Text drops some control characters (bell,
        # backspace...), which would put the cursor out of step with what is drawn.
        if self.password or self.highlighter is not None:
            return None
        return Text(_visible(self.value), no_wrap=True, overflow="ignore", end="")


class LiteralTextArea(TextArea):
    """A text area; what is drawn has control characters made visible."""

    def get_line(self, line_index: int) -> Text:
        # From the document itself, for the same reason as in LiteralInput.
        line = self.document.get_line(line_index)
        return Text(_visible(line), end="", no_wrap=True)
