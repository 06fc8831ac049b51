"""A bare Textual app with the same standard widgets and key count as recovery-tui's home.

It is row (a) of the startup benchmark: what any Textual app of this shape costs to start,
so recovery-tui's own cost can be read as a ratio against it. Deliberately imports nothing
from recovery_tui.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static


class BareHome(Screen[None]):
    BINDINGS = [
        Binding("n", "nothing", "New", priority=True),
        Binding("r", "nothing", "Resume", priority=True),
        Binding("question_mark", "nothing", "Keys", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(can_focus=False):
            yield Static("A plain paragraph of about the same length as the home screen's.")
            yield Static("A second plain paragraph, also about the same length as home's.")
            yield Static("Press [b]n[/b] to begin.")
            yield Label("First list")
            yield OptionList()
            yield Label("Second list")
            yield OptionList()
        yield Footer()

    def action_nothing(self) -> None:
        pass


class BareApp(App[None]):
    TITLE = "bare"
    BINDINGS = [
        Binding("f1", "nothing", "Keys"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, home: type[BareHome] = BareHome) -> None:
        super().__init__()
        self.home = home

    def get_default_screen(self) -> Screen:
        return self.home()

    def action_nothing(self) -> None:
        pass
