"""The trash folder: reflections you deleted, and the losing side of settled conflicts.

Nothing is ever deleted from here by the app; `enter` puts a file back in the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.core.journal import EntrySummary, summarise
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.trash import restore_from_trash, trashed_files
from recovery_tui.screens.base import JournalScreen
from recovery_tui.widgets.home_lists import entry_line
from recovery_tui.widgets.literal import join, literal

INTRO = (
    "What you deleted waits here, in the trash folder of your journal. Press enter on one to "
    "put it back. To remove something for good, delete the file yourself."
)
EMPTY = "The trash is empty."


def trash_line(summary: EntrySummary) -> Content:
    return join(entry_line(summary), "\n  ", literal(summary.path.name, one_line=True))


class TrashScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="trash.back"),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    @dataclass
    class Listed(Message):
        items: list[EntrySummary]

    def __init__(self, paths: JournalPaths) -> None:
        super().__init__()
        self.paths = paths
        self.items: list[EntrySummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trash-body", can_focus=False):
            yield Static(INTRO, id="trash-intro", markup=False)
            yield OptionList(id="trash")
            yield Static(EMPTY, id="trash-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Trash"
        self.list_trash()

    def read_journal_again(self) -> None:
        self.list_trash()

    @work(thread=True, exclusive=True, group="trash")
    def list_trash(self) -> None:
        self.post_message(self.Listed([summarise(p) for p in trashed_files(self.paths)]))

    def on_trash_screen_listed(self, message: Listed) -> None:
        self.items = message.items
        listing = self.query_one("#trash", OptionList)
        listing.set_options(Option(trash_line(s), id=str(s.path)) for s in self.items)
        self.set_class(not self.items, "-empty")
        if self.items:
            self.set_focus(listing, scroll_visible=False)
            listing.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.items[event.option_index]
        try:
            restored = restore_from_trash(self.paths, item.path)
        except OSError as error:
            self.recovery.tell_failure("Couldn't put it back", error, "It is still in the trash.")
            self.list_trash()
        else:
            self.notify(f"Back in your journal as entries/{restored.name}", markup=False)
            self.recovery.journal_changed()  # this list and every one below it
