"""F1: every key of the screen you were on, and what the three panels are for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from recovery_tui.core.prompts import PANELS

ABOUT_PANELS = "\n".join(f"{p.number}. **{p.title}**: {p.intro}" for p in PANELS)

ALWAYS = [
    ("tab / shift+tab", "Next or previous prompt"),
    ("ctrl+p", "Command palette: every command by name"),
    ("F1", "This help"),
]


def key_table(keys: list[tuple[str, str]]) -> str:
    rows = ["| Key | What it does |", "|---|---|"]
    rows += [f"| `{key}` | {what} |" for key, what in keys]
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close")]

    def __init__(self, screen_name: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.screen_name, self.keys = screen_name, keys

    def compose(self) -> ComposeResult:
        text = (
            f"# Keys: {self.screen_name}\n\n{key_table(self.keys + ALWAYS)}\n\n"
            f"## The three steps\n\n{ABOUT_PANELS}\n\n"
            "Every answer is optional except the company. Drafts are kept as you type.\n\n"
            "Press escape to close."
        )
        with VerticalScroll(id="help-body"):
            yield Markdown(text, id="help-markdown")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
