"""F1: every key of the screen you were on, and what the three steps are for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from recovery_tui.core.prompts import PANELS

ABOUT_PANELS = "\n".join(f"{p.number}  {p.title}: {p.intro}" for p in PANELS)
CLOSING = "Every answer is optional except the company. A draft is kept as you type."

Keys = list[tuple[str, str]]


def key_lines(keys: Keys) -> str:
    width = max((len(key) for key, _ in keys), default=0) + 3
    return "\n".join(f"{key:<{width}}{what}" for key, what in keys)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "Close")]

    def __init__(self, screen_name: str, keys: Keys, widget_keys: Keys | None = None) -> None:
        super().__init__()
        self.screen_name, self.keys = screen_name, keys
        self.widget_keys = widget_keys or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Label(f"Keys: {self.screen_name}", classes="help-title")
            yield Static(key_lines(self.keys), classes="help-keys", markup=False)
            if self.widget_keys:
                yield Label("In the box you are in", classes="help-title")
                yield Static(key_lines(self.widget_keys), classes="help-keys", markup=False)
            yield Label("The three steps", classes="help-title")
            yield Static(ABOUT_PANELS, classes="help-text", markup=False)
            yield Static(CLOSING, classes="help-text", markup=False)
            yield Static("escape closes this.", classes="help-text help-close", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#help-body"))
