"""Boxes to type in that never send a control character to the terminal.

A pasted escape sequence ("\\x1b[31m") or one in a hand-edited file stays in the answer, as
typed, but is drawn as a visible symbol ("␛[31m"), one character for one, so nothing else
moves. Use these instead of Textual's Input and TextArea wherever a person's words are shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

from recovery_tui.core.printable import printable


def _visible(line: str) -> str:
    """`line` (no line breaks) with each control character drawn as one visible character.
    Tabs stay: the boxes lay them out themselves."""
    if line.isascii() and line.isprintable():
        return line
    return "\t".join(printable(part, one_line=True) for part in line.split("\t"))


class LiteralInput(Input):
    """A one-line box; what is drawn has control characters made visible."""

    @property
    def _value(self) -> Text:
        text = super()._value
        shown = _visible(text.plain)
        if shown == text.plain:
            return text
        return Text(shown, no_wrap=True, overflow="ignore", end="", spans=list(text.spans))


class LiteralTextArea(TextArea):
    """A text area; what is drawn has control characters made visible."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = _visible(line.plain)
        return line if shown == line.plain else Text(shown, end="", no_wrap=True)
