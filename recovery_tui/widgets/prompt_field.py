"""One prompt of a panel: its label, the control for its answer, a hint and an error line.

The control depends on the prompt's kind; `PromptField.value` reads and writes the answer in
the form used by `recovery_tui.core.form`. Dense, so a step fits a small screen: a one-line
answer is one row (no box; the label stands out while you are in it), and the hint is the
box's placeholder where there is a box to type in or pick from, else it sits beside the label.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from recovery_tui.core.form import FormValue
from recovery_tui.core.prompts import CHOICE_LABELS, Prompt
from recovery_tui.core.textkey import question_key
from recovery_tui.widgets.choice_list import ChoiceList
from recovery_tui.widgets.literal import literal
from recovery_tui.widgets.rating import Rating
from recovery_tui.widgets.text_box import LiteralInput, LiteralTextArea


def field_id(path: str) -> str:
    return "field-" + path.replace(".", "-").replace("_", "-")


#: Kinds whose hint is shown as the control's placeholder (a box to type in, a list to pick
#: from), not beside the label. A new kind whose control takes a placeholder adds itself here.
HINT_AS_PLACEHOLDER = {"line", "tags", "date", "text", "lines", "actions", "choice"}


class PromptField(Vertical):
    """A labelled control for one prompt."""

    def __init__(self, prompt: Prompt, value: FormValue = None) -> None:
        inside = prompt.kind in HINT_AS_PLACEHOLDER
        classes = f"prompt-field kind-{prompt.kind}" + (" -hint-inside" if inside else "")
        super().__init__(id=field_id(prompt.path), classes=classes)
        self.prompt = prompt
        self._initial = value

    def compose(self) -> ComposeResult:
        with Horizontal(classes="prompt-head"):
            yield Label(self.prompt.label, classes="prompt-label", markup=False)
            # Beside the label; hidden (-hint-inside) where the placeholder shows it.
            yield Static(self.prompt.hint, classes="prompt-hint", markup=False)
        yield self._make_control()
        yield Static("", classes="prompt-error", markup=False)

    # "-in": the prompt you are in (its label stands out). A class, not :focus-within, which
    # isn't restyled when a step is switched in and focused in one go.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.add_class("-in")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.remove_class("-in")

    def _make_control(self) -> Widget:
        prompt, value, kind = self.prompt, self._initial, self.prompt.kind
        if kind in {"line", "tags", "date"}:
            return LiteralInput(
                value=str(value or ""),
                placeholder=prompt.hint,
                classes="control",
                select_on_focus=False,
                compact=True,
            )
        if kind in {"text", "lines", "actions"}:
            return LiteralTextArea(
                str(value or ""),
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                placeholder=literal(prompt.hint),  # "[x]" in a hint is text, not markup
                compact=True,
                classes="control",
            )
        if kind == "choice":
            assert prompt.choices is not None
            options = [(label, str(key)) for key, label in CHOICE_LABELS[prompt.choices].items()]
            return Select(
                options,
                prompt=prompt.hint,
                value=value if value else Select.NULL,
                compact=True,
                classes="control",
            )
        if kind == "multi":
            assert prompt.choices is not None
            chosen = set(value) if isinstance(value, list) else set()
            return ChoiceList(
                *[
                    (label, str(key), str(key) in chosen)
                    for key, label in CHOICE_LABELS[prompt.choices].items()
                ],
                classes="control",
            )
        if kind == "feelings":  # naming feelings: a widget of its own (widgets/feelings.py)
            from recovery_tui.widgets.feelings import FeelingsInput

            return FeelingsInput(value, step=prompt.step, classes="control")
        if kind == "rating":
            return Rating(
                prompt.low,
                prompt.high,
                prompt.step,
                value if isinstance(value, int) else None,
                classes="control",
            )
        raise ValueError(f"Unknown prompt kind {kind!r}")

    @property
    def control(self) -> Widget:
        return self.query_one(".control")

    @property
    def value(self) -> FormValue:
        control: Any = self.control
        if self.prompt.kind == "feelings":
            return list(control.value)
        if isinstance(control, Input):
            return control.value
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Select):
            return None if control.value is Select.NULL else str(control.value)
        if isinstance(control, SelectionList):
            return [str(v) for v in control.selected]
        if isinstance(control, Rating):
            return control.value
        raise TypeError(type(control))

    @property
    def has_answer(self) -> bool:
        """Whether anything is typed, ticked or set here (such a prompt is never hidden)."""
        value = self.value
        if isinstance(value, str):
            return bool(value.strip())
        return value is not None and value != []

    def set_error(self, message: str | None) -> None:
        self.query_one(".prompt-error", Static).update(literal(message or ""))
        self.set_class(bool(message), "-invalid")

    def add_line(self, text: str) -> bool:
        """Add `text` as a last line of a one-per-line answer, unless a line already says
        the same (case, spacing and punctuation ignored). True if it was added."""
        area = self.control
        if not isinstance(area, TextArea):
            raise TypeError(f"{self.prompt.path} is not a one-per-line answer")
        lines = area.text.split("\n")
        if question_key(text) in {question_key(line) for line in lines}:
            return False
        # An edit, not a new text: ctrl+z takes it back, and the rest stays as typed.
        end = area.document.end
        last_line = area.document.get_line(end[0])
        area.replace(("\n" if last_line.strip() else "") + text, end, end)
        area.move_cursor(area.document.end)
        return True
