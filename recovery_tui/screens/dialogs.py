"""Small modal questions with one key per answer.

Title, message and answers are shown literally: a message may name a file, and file names
are whatever a sync tool or a person made them. A dialog has a footer of its own with its
keys; while one is open, notifications show at the top (app.tcss), clear of its buttons.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from recovery_tui.textual_private import bind_key
from recovery_tui.widgets.literal import literal


class ChoiceDialog(ModalScreen[str | None]):
    """Ask one question; each answer has a key and a button. Escape picks the last answer."""

    def __init__(self, title: str, message: str, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text, self.message = title, message
        self.answers = answers
        self._bindings_from_answers()

    def _bindings_from_answers(self) -> None:
        for key, label, value in self.answers:
            bind_key(self, key, f"answer('{value}')", label, priority=True)
        if not any(key == "escape" for key, _, _ in self.answers):
            last = self.answers[-1][2]
            bind_key(self, "escape", f"answer('{last}')", "Cancel", priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.title_text), id="dialog-title")
            yield Static(literal(self.message), id="dialog-message")
            with Horizontal(id="dialog-buttons"):
                for index, (key, label, value) in enumerate(self.answers):
                    shown = "esc" if key == "escape" else key
                    yield Button(
                        literal(f"{label} ({shown})", one_line=True),
                        id=f"answer-{value}",
                        variant="primary" if index == 0 else "default",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.action_answer(event.button.id.removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
