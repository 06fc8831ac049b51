"""Where you are in a reflection: 1 Don't take it personally › 2 Learn from it › 3 Prepare next."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.core.prompts import PANELS

REVIEW_STEP = len(PANELS) + 1


def _steps() -> list[tuple[int, str]]:
    return [(p.number, f" {p.number} {p.title} ") for p in PANELS] + [(REVIEW_STEP, " Review ")]


class StepIndicator(Static):
    """Shows every step; the current one stands out. Click a step to go there.

    `step` is set by the screen that shows it: the session binds it to its own `panel`
    (`data_bind`), the review fixes it at REVIEW_STEP."""

    step: reactive[int] = reactive(1)

    @dataclass
    class Selected(Message):
        """A step was clicked (not the current one)."""

        step: int

    def step_at(self, x: int) -> int | None:
        """The step drawn at column `x` (separators belong to no step)."""
        offset = x - self.styles.padding.left
        for number, text in _steps():
            if 0 <= offset < len(text):
                return number
            offset -= len(text) + 1  # the separator
        return None

    def on_click(self, event: events.Click) -> None:
        step = self.step_at(event.x)
        if step is not None and step != self.step:
            self.post_message(self.Selected(step))

    def __init__(self, step: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StepIndicator.step, step)

    def render(self) -> Content:
        parts: list[Content] = []
        for number, text in _steps():
            if number == self.step:
                parts.append(Content.styled(text, "bold reverse $accent"))
            elif number < self.step:
                parts.append(Content.styled(text, "$text-success"))
            else:
                parts.append(Content.styled(text, "$text-muted"))
        separator = Content.styled("›", "$text-muted")
        return separator.join(parts)
