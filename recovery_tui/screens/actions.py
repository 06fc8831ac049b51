"""Every open next action, from every reflection (home shows only the soonest few, and none
older than the `stale_days` setting): narrow them as you type, or to one reflection; tick
them off (u puts them back); enter opens the reflection an action came from.

The same words from several reflections are one line that says where they came from; one
ticked off is ticked off in each reflection the line lists (a filter narrows the list first,
so only what the line shows is changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.insights.open_actions import ActionGroup, OpenAction, grouped
from recovery_tui.core.textkey import question_key
from recovery_tui.screens.action_ticks import done_message, set_done
from recovery_tui.screens.base import JournalScreen, essential_keys
from recovery_tui.widgets.home_lists import HomeList, action_id, action_line, section_title
from recovery_tui.widgets.text_box import LiteralInput

INTRO = (
    "Every next action not done yet. Home shows the soonest few; those older than {days} "
    "days step aside there and wait here."
)
EMPTY = "No open next actions. The ones you write on step 3 of a reflection show here."
NO_MATCH = "No open action matches. Escape clears the filter."


@dataclass(frozen=True)
class Narrowing:
    """What the list is narrowed to: words (in the action or its company), one reflection."""

    words: str = ""
    only: Path | None = None
    #: The company of `only`, for the line that says so.
    only_company: str = ""

    def keeps(self, action: OpenAction) -> bool:
        if self.only is not None and action.path != self.only:
            return False
        words = question_key(self.words)
        if not words:
            return True
        return words in question_key(f"{action.text} {action.company}")


class ActionsScreen(JournalScreen[None]):
    HELP_NAME = "Next actions"
    BINDINGS = [
        Binding("escape", "back", "Back", priority=True, id="actions.back"),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="actions.filter",
            tooltip="Narrow the list as you type",
        ),
        Binding(
            "space",
            "done",
            "Done",
            id="actions.done",
            tooltip="Tick off the highlighted line, in each reflection",
        ),
        *essential_keys(),  # Quit and Keys still show at 60 columns
        Binding(
            "e",
            "only_entry",
            "By reflection",
            id="actions.entry",
            tooltip="Only the highlighted line's reflection; again: all",
        ),
        Binding(
            "u", "undo", "Undo", id="actions.undo", tooltip="Put back what you last ticked off"
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]
    READ_ON_EVERY_RETURN = True  # back from a reflection: it may have been edited

    #: Every open action, soonest first, as the index has them; None until first read.
    everything: var[list[OpenAction] | None] = var(None, init=False, always_update=True)
    narrowing: var[Narrowing] = var(Narrowing, init=False)
    #: The lines shown now.
    shown: var[list[ActionGroup]] = var(list, init=False, always_update=True)
    #: What was ticked off here, last first, for u to put back one tick at a time.
    undo_stack: var[list[list[OpenAction]]] = var(list, init=False, always_update=True)

    @dataclass
    class Listed(Message):
        actions: list[OpenAction]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="actions-body"):
            yield Static(
                INTRO.format(days=self.recovery.stale_days), id="actions-intro", markup=False
            )
            yield LiteralInput(
                placeholder="/ Filter: words, or a company", id="actions-filter", compact=True
            )
            yield Label("", id="actions-title", classes="section-title")
            yield HomeList(id="actions")
            yield Static("", id="actions-empty", markup=False)
        yield Footer(compact=True, show_command_palette=False)  # as on home: ctrl+p in F1

    def on_mount(self) -> None:
        self.title = "Next actions"
        self.list_all()

    def read_journal_again(self) -> None:
        self.list_all()

    @work(thread=True, exclusive=True, group="actions")
    def list_all(self) -> None:
        worker = get_current_worker()
        today = self.recovery.clock().date()
        with self.recovery.history_index.open(
            refresh=True, stop=lambda: worker.is_cancelled
        ) as index:
            found = index.open_actions(today, limit=None)
        if not worker.is_cancelled:
            self.post_message(self.Listed(found))

    def on_actions_screen_listed(self, message: Listed) -> None:
        first = self.everything is None
        self.everything = message.actions
        if first:
            listing = self.query_one("#actions", OptionList)
            if listing.option_count:
                self.set_focus(listing, scroll_visible=False)

    def watch_everything(self) -> None:
        self._narrow()

    def watch_narrowing(self) -> None:
        self._narrow()

    def _narrow(self) -> None:
        everything = self.everything or []
        narrowing = self.narrowing
        self.shown = grouped(a for a in everything if narrowing.keeps(a))

    def watch_shown(self, shown: list[ActionGroup]) -> None:
        listing = self.query_one("#actions", OptionList)
        before = listing.highlighted
        listing.set_options(Option(action_line(g), id=action_id(g)) for g in shown)
        if shown:
            listing.highlighted = min(before or 0, len(shown) - 1)
        total = len(grouped(self.everything or []))
        name = "Open next actions"
        if self.narrowing.only is not None:
            name = f"From {self.narrowing.only_company}"
        self.query_one("#actions-title", Label).update(section_title(name, len(shown), total))
        empty = EMPTY if not self.everything else NO_MATCH
        self.query_one("#actions-empty", Static).update(empty)
        self.set_class(self.everything is not None and not shown, "-empty")
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        narrowing = self.narrowing
        self.narrowing = Narrowing(event.value, narrowing.only, narrowing.only_company)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one("#actions", OptionList))

    def _highlighted(self) -> ActionGroup | None:
        listing = self.query_one("#actions", OptionList)
        index = listing.highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_list = self.focused is self.query_one("#actions", OptionList)
        if action == "done":
            return on_list and bool(self.shown)
        if action == "only_entry":
            return self.narrowing.only is not None or (on_list and bool(self.shown))
        if action == "undo":
            return bool(self.undo_stack)
        return True

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#actions-filter", Input))

    def action_back(self) -> None:
        box = self.query_one("#actions-filter", Input)
        if box.value:
            box.value = ""  # escape clears the filter first, then one reflection, then leaves
            return
        if self.narrowing.only is not None:
            self.narrowing = Narrowing()
            return
        self.app.pop_screen()

    def action_only_entry(self) -> None:
        narrowing = self.narrowing
        if narrowing.only is not None:
            self.narrowing = Narrowing(narrowing.words)
            return
        group = self._highlighted()
        if group is not None:
            first = group.first
            self.narrowing = Narrowing(narrowing.words, first.path, first.company)

    def action_done(self) -> None:
        group = self._highlighted()
        if group is None or self.focused is not self.query_one("#actions", OptionList):
            return
        ticked = set_done(self, group.actions, done=True)
        if ticked:
            self.undo_stack = [*self.undo_stack, ticked]
            undo = self.recovery.key_for("actions.undo", "u")
            self.notify(done_message(group, undo), markup=False)
            gone = set(ticked)
            self.everything = [a for a in self.everything or [] if a not in gone]
        self.list_all()

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        *rest, last = self.undo_stack
        self.undo_stack = rest
        if set_done(self, last, done=False):
            self.notify(f"Put back: {last[0].text}", markup=False)
        self.list_all()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = next((g for g in self.shown if action_id(g) == event.option.id), None)
        if group is not None:  # the reflection it came from (the soonest, if several)
            await self.recovery.open_entry(group.first.path)
