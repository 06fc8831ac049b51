"""Where you are in a reflection: 1 Don't take it personally › 2 Learn from it › 3 Prepare next."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.core.prompts import PANELS

REVIEW_STEP = len(PANELS) + 1


class StepIndicator(Static):
    """Shows every step; the current one stands out, the ones behind you are ticked."""

    step: reactive[int] = reactive(1)

    def __init__(self, step: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StepIndicator.step, step)

    def render(self) -> Content:
        parts: list[Content] = []
        names = [(panel.number, panel.title) for panel in PANELS] + [(REVIEW_STEP, "Review")]
        for number, title in names:
            text = f" {number} {title} " if number != REVIEW_STEP else f" {title} "
            if number == self.step:
                parts.append(Content.styled(text, "bold reverse $accent"))
            elif number < self.step:
                parts.append(Content.styled(text, "$text-success"))
            else:
                parts.append(Content.styled(text, "$text-muted"))
        separator = Content.styled("›", "$text-muted")
        return separator.join(parts)
