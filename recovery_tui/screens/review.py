"""The whole reflection as a readable page before it is saved, with anything to fix listed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Header, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from recovery_tui.core.models import FieldIssue
from recovery_tui.core.render import render_markdown
from recovery_tui.screens.base import AppScreen
from recovery_tui.widgets.literal import join, literal_str, markdown_parser
from recovery_tui.widgets.step_indicator import REVIEW_STEP, StepIndicator


@dataclass(frozen=True)
class Back:
    """Back to the step the review was opened from."""


@dataclass(frozen=True)
class Save:
    """Save it: nothing is left to fix."""


@dataclass(frozen=True)
class Fix:
    """Go to the field at `path` (a prompt path, e.g. "about.company") to fix it."""

    path: str


@dataclass(frozen=True)
class GoToStep:
    """Go to step `step` (1 to the number of panels)."""

    step: int


ReviewChoice = Back | Save | Fix | GoToStep


class ReviewScreen(AppScreen[ReviewChoice]):
    """The reflection as it will read; dismisses with what the person chose (a ReviewChoice)."""

    BINDINGS = [
        Binding(
            "escape", "back", "Back", priority=True, id="review.back", tooltip="Back to step 3"
        ),
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="review.save", tooltip="Save and go home"
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    def __init__(self, data: Mapping[str, Any], issues: list[FieldIssue]) -> None:
        super().__init__()
        self.entry_data = data
        self.issues = issues

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator(REVIEW_STEP, id="steps")
        with VerticalScroll(id="review-body"):
            if self.issues:
                yield Label(
                    "A few things to fix before saving. Press enter on one to go there.",
                    id="issues-title",
                )
                yield OptionList(
                    *[
                        Option(join(issue.label, ": ", issue.message), id=issue.path)
                        for issue in self.issues
                    ],
                    id="issues",
                )
            else:
                save = self.recovery.key_for("review.save", "ctrl+s")
                yield Label(
                    f"This is how it will read. Press {save} to keep it.", id="ready", markup=False
                )
            yield Markdown(
                literal_str(render_markdown(self.entry_data)),
                id="review-markdown",
                parser_factory=markdown_parser,
            )
            # The end of the page: the same as ctrl+s (with something to fix, it says so).
            yield Button("Save", id="review-save", variant="primary", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Review"
        if self.issues:
            self.set_focus(self.query_one("#issues", OptionList), scroll_visible=False)
        else:
            self.set_focus(self.query_one("#review-body"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert event.option.id is not None
        self.dismiss(Fix(event.option.id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "review-save":
            event.stop()
            self.action_save()

    def on_step_indicator_selected(self, message: StepIndicator.Selected) -> None:
        self.dismiss(GoToStep(message.step))

    def action_back(self) -> None:
        self.dismiss(Back())

    def action_save(self) -> None:
        if self.issues:
            self.notify(
                "Fix the fields listed at the top first; enter takes you to each one.",
                title="Not saved yet",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(Save())
