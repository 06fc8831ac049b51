"""On "Prepare next": people and what worked before, from past reflections, one key to reuse.

The box stays hidden until there is something to show. `enter` (or a click) on a line posts
`ReuseBox.Picked`; the session adds it to the right answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.widgets.literal import join

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp
    from recovery_tui.core.index.carry_forward import Reusable
    from recovery_tui.core.index.place import IndexPlace

TITLE = "From your past reflections"
HINT = "{key} comes here; enter adds a person to People to reach out to, a win to Next actions."


def reusable_line(item: Reusable) -> Content:
    if item.kind == "person":
        return join("Reach out  ·  ", item.text, one_line=True)
    how = ("  ·  ", item.detail) if item.detail else ()
    return join("Worked before  ·  ", item.text, *how, one_line=True)


class ReuseList(OptionList):
    BINDINGS = [Binding("enter", "select", "Add it", tooltip="Add the highlighted line")]


#: How many past wins and people are offered (wins first: there are fewer).
WINS, PEOPLE = 3, 5


class ReuseBox(Vertical):
    """A titled list of what can be reused; hidden while empty."""

    if TYPE_CHECKING:  # self.app is this app (typing only, as Textual's docs suggest)
        app = getters.app(RecoveryApp)

    @dataclass
    class Gathered(Message):
        """What was found (it may be nothing). The box shows it, then lets it bubble up, so
        the screen can update its keys."""

        items: list[Reusable]

    @dataclass
    class Picked(Message):
        item: Reusable

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="reuse-box")
        self.items: list[Reusable] = []

    def compose(self) -> ComposeResult:
        yield Label(TITLE, classes="prompt-label")
        yield ReuseList(id="reuse-list")
        key = self.app.key_for("session.reuse", "ctrl+r")
        yield Static(HINT.format(key=key), classes="prompt-hint", markup=False)

    def on_mount(self) -> None:
        self.display = False

    @property
    def options(self) -> ReuseList:
        return self.query_one(ReuseList)

    @work(thread=True, exclusive=True, group="reuse", exit_on_error=False)
    def gather(self, index: IndexPlace) -> None:
        """Wins and people from past reflections, through the index, off the UI thread."""
        worker = get_current_worker()
        with index.open(refresh=True, stop=lambda: worker.is_cancelled) as opened:
            found = opened.reusables("success", WINS) + opened.reusables("person", PEOPLE)
        if not worker.is_cancelled:
            self.post_message(self.Gathered(found))  # never blocks, even while the app quits

    def on_reuse_box_gathered(self, message: Gathered) -> None:
        if self.is_mounted:
            self.show(message.items)

    def show(self, items: list[Reusable]) -> None:
        self.items = items
        self.options.set_options(
            Option(reusable_line(item), id=str(n)) for n, item in enumerate(items)
        )
        if items:
            self.options.highlighted = 0
        self.display = bool(items)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self.items[event.option_index]))
