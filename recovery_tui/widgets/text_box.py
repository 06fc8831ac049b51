"""Boxes to type in that never send a control character to the terminal.

A pasted escape sequence ("\\x1b[31m") or one in a hand-edited file stays in the answer, as
typed, but is drawn as a visible symbol ("␛[31m"), one character for one, so nothing else
moves. Use these instead of Textual's Input and TextArea wherever a person's words are shown.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.content import Content
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

    # While empty, tall enough for its whole placeholder (a hint cut off halfway helps no one);
    # once written in, as tall as what is written.
    def on_resize(self, event: events.Resize) -> None:
        self._fit_placeholder()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        if not self.placeholder:
            return
        width, placeholder = self.content_size.width, self.placeholder
        if isinstance(placeholder, str):
            placeholder = Content(placeholder)
        rows = len(placeholder.wrap(width)) if width and not self.text else 0
        if rows > 1:
            self.styles.min_height = rows
        elif self.styles.has_rule("min_height"):
            self.styles.min_height = None  # the stylesheet's min-height again
