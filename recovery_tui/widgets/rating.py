"""A rating you set with the arrow keys, number keys or a click."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Rating(Widget, can_focus=True):
    """An optional whole number between `low` and `high`, shown as a bar."""

    BINDINGS = [
        Binding("right,l,plus,equals_sign", "step(1)", "More", show=False),
        Binding("left,h,minus", "step(-1)", "Less", show=False),
        Binding("home", "set_to('low')", "Lowest", show=False),
        Binding("end", "set_to('high')", "Highest", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    DEFAULT_CSS = """
    Rating {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    """

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        rating: Rating
        value: int | None

        @property
        def control(self) -> Rating:
            return self.rating

    def __init__(
        self,
        low: int = 0,
        high: int = 100,
        step: int = 5,
        value: int | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.low, self.high, self.step = low, high, step
        self.set_reactive(Rating.value, value)

    def validate_value(self, value: int | None) -> int | None:
        if value is None:
            return None
        return max(self.low, min(self.high, int(value)))

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, direction: int) -> None:
        if self.value is None:
            middle = self.low + (self.high - self.low) // 2
            self.value = middle - middle % self.step if self.step > 1 else middle
        else:
            self.value = self.value + direction * self.step

    def action_set_to(self, where: str) -> None:
        self.value = self.low if where == "low" else self.high

    def action_clear(self) -> None:
        self.value = None

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            digit = int(event.character)
            if self.high <= 9:
                if self.low <= digit <= self.high:
                    self.value = digit
            else:  # 0..100: 1 is 10, 9 is 90, 0 is 0 (home/end for the ends)
                self.value = digit * self.high // 10
            event.stop()

    def on_click(self, event: events.Click) -> None:
        width = self._bar_width()
        if width <= 0:
            return
        x = event.x - 1  # padding
        fraction = max(0.0, min(1.0, x / max(1, width - 1)))
        raw = self.low + fraction * (self.high - self.low)
        self.value = int(round(raw / self.step) * self.step) if self.step > 1 else round(raw)
        self.focus()

    def _bar_width(self) -> int:
        return max(5, min(40, self.size.width - 16))

    def render(self) -> Content:
        width = self._bar_width()
        if self.value is None:
            filled = 0
            caption = "not set"
        else:
            span = max(1, self.high - self.low)
            filled = round((self.value - self.low) / span * width)
            caption = f"{self.value} of {self.high}"
        bar = Content.styled("█" * filled, "$accent") + Content.styled(
            "░" * (width - filled), "$foreground 30%"
        )
        return Content.assemble(bar, "  ", Content.styled(caption, "bold"))
