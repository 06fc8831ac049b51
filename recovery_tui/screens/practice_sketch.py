"""The answer sketch of one practice question: a STAR sketch (situation, task, action,
result), a line each, and free notes; ctrl+s keeps it, escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

from recovery_tui.core.practice import STAR, STAR_LABELS, QuestionState
from recovery_tui.widgets.literal import literal
from recovery_tui.widgets.text_box import LiteralInput, LiteralTextArea

#: What the STAR boxes suggest, as examples from many kinds of work.
STAR_HINTS = {
    "situation": "e.g. A night shift two nurses short",
    "task": "e.g. Keep every patient's meds on time",
    "action": "e.g. Split the rounds, asked the ward next door for one hour",
    "result": "e.g. No missed doses; the rota changed after",
}


class SketchDialog(ModalScreen[dict[str, str] | None]):
    """Write or change the answer sketch for one question: a STAR sketch (situation,
    task, action, result), one line each, and free notes."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True, id="sketch.keep"),
        Binding("escape", "dismiss(None)", "Cancel", priority=True, id="sketch.cancel"),
        # A modal screen: the app's own (non-priority) help key doesn't reach it by itself.
        Binding("f1", "app.help", "Keys", show=False, id="app.help"),
    ]
    HELP_NAME = "Answer sketch"

    def __init__(
        self,
        question: str,
        sketch: QuestionState | str,
        keep: Callable[[dict[str, str]], bool] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.state = sketch if isinstance(sketch, QuestionState) else QuestionState(sketch=sketch)
        #: Keeps the sketch; False when it couldn't (then the dialog stays, text and all).
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="sketch"):
            yield Label(literal(self.question), id="dialog-title")
            yield Static(
                "A STAR sketch, a line each: where you were, what was asked of you, what you "
                "did, what came of it. Any part can stay empty. ctrl+s keeps it, escape "
                "cancels.",
                id="dialog-message",
                markup=False,
            )
            for part in STAR:
                with Horizontal(classes="star-row"):
                    yield Label(STAR_LABELS[part], classes="star-label")
                    yield LiteralInput(
                        getattr(self.state, part),
                        placeholder=STAR_HINTS[part],
                        id=f"star-{part}",
                        compact=True,
                    )
            yield Label("Notes", classes="star-label")
            yield LiteralTextArea(
                self.state.sketch, id="sketch", soft_wrap=True, tab_behavior="focus"
            )
        yield Footer()  # its keys: keep, cancel

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#star-situation", Input))

    @on(Input.Submitted)
    def next_box(self) -> None:
        self.focus_next()

    def written(self) -> dict[str, str]:
        found = {part: self.query_one(f"#star-{part}", Input).value for part in STAR}
        found["sketch"] = self.query_one("#sketch", TextArea).text
        return found

    def action_keep(self) -> None:
        text = self.written()
        if self.keep is None or self.keep(text):
            self.dismiss(text)
