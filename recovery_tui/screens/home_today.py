"""Home's "Next actions" and "Follow-ups to send": read from every reflection through the
history index, ticked off (or noted as sent) with space, right in the file they come from.

A mixin for `HomeScreen`, which shows the lists (`#today`, `#follow-ups`); the lists follow
`actions` and `follow_ups`, and so do the sections' classes (`HomeScreen.show_what_there_is`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.actions import set_action_done, set_follow_up_sent, set_let_go
from recovery_tui.core.journal import CantSave, ChangedOnDisk
from recovery_tui.widgets.home_lists import action_id, action_line, follow_up_line, refill

if TYPE_CHECKING:
    from recovery_tui.core.insights.follow_ups import FollowUp
    from recovery_tui.core.insights.open_actions import OpenAction
    from recovery_tui.core.journal import Journal
    from recovery_tui.screens.base import JournalScreen

    # For the type checker the mixin is the screen it is mixed into; at run time it is a
    # plain class, so HomeScreen's own base comes once in its method order.
    _Base = JournalScreen[None]
else:
    _Base = object

#: Home stays a glance at 80x24: the soonest next actions and the longest-waiting follow-ups.
TODAY_COUNT = 5
FOLLOW_UPS_SHOWN = 3


@dataclass
class ActionsListed(Message):
    actions: list[OpenAction]
    follow_ups: list[FollowUp]


class TodayMixin(_Base):
    """`list_actions`, and space on a next action or a follow-up, for the home screen."""

    #: The open next actions shown, soonest first; `#today` shows them.
    actions: var[list[OpenAction]] = var(list, init=False, always_update=True)
    #: The follow-ups to send, longest waiting first; `#follow-ups` shows them.
    follow_ups: var[list[FollowUp]] = var(list, init=False, always_update=True)

    if TYPE_CHECKING:
        journal: Journal

        def show_what_there_is(self) -> None: ...

    @work(thread=True, exclusive=True, group="home-actions", exit_on_error=False)
    def list_actions(self) -> None:
        """Open next actions and follow-ups to send, from every entry, through the index."""
        worker = get_current_worker()
        today = self.recovery.clock().date()
        with self.recovery.history_index.open(
            refresh=True, stop=lambda: worker.is_cancelled
        ) as index:
            actions = index.open_actions(today, limit=TODAY_COUNT)
            waiting = index.follow_ups(today, self.recovery.follow_up_days)
            follow_ups = waiting[:FOLLOW_UPS_SHOWN]
        if not worker.is_cancelled:
            self.post_message(ActionsListed(actions, follow_ups))

    def on_actions_listed(self, message: ActionsListed) -> None:
        self.actions, self.follow_ups = message.actions, message.follow_ups

    def watch_actions(self, actions: list[OpenAction]) -> None:
        self.show_what_there_is()
        options = [Option(action_line(a), id=action_id(a)) for a in actions]
        refill(self.query_one("#today", OptionList), options)
        self.refresh_bindings()

    def watch_follow_ups(self, follow_ups: list[FollowUp]) -> None:
        self.show_what_there_is()
        options = [Option(follow_up_line(f), id=f.path.name) for f in follow_ups]
        refill(self.query_one("#follow-ups", OptionList), options)
        self.refresh_bindings()

    def highlighted_follow_up(self) -> FollowUp | None:
        """The follow-up the focused list highlights, if that list has focus."""
        follow_ups = self.query_one("#follow-ups", OptionList)
        index = follow_ups.highlighted
        if not follow_ups.has_focus or index is None or index >= len(self.follow_ups):
            return None
        return self.follow_ups[index]

    def can_follow_up(self, *, let_go: bool) -> bool:
        """Sent is offered until the one follow-up went out; then Let go instead (one of
        the two in the footer, so home's keys still fit 80 columns)."""
        follow_up = self.highlighted_follow_up()
        return follow_up is not None and (follow_up.followed_up is not None) == let_go

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "follow-ups":
            self.refresh_bindings()  # Sent or Let go, for the line highlighted

    def action_toggle_action(self) -> None:
        today = self.query_one("#today", OptionList)
        if not today.has_focus or today.highlighted is None or not self.actions:
            return
        action = self.actions[today.highlighted]
        if self._change_one(
            action.path,
            lambda: set_action_done(
                self.journal,
                action.path,
                action.position,
                action.text,
                done=True,
                now=self.recovery.clock(),
            ),
            failed="Couldn't tick it off",
            done=f"Done: {action.text}",
        ):
            self.actions = [a for a in self.actions if a is not action]

    def action_follow_up_sent(self) -> None:
        follow_up = self.highlighted_follow_up()
        if follow_up is None or follow_up.followed_up is not None:
            return  # after the one follow-up, home offers to let it go instead
        now = self.recovery.clock()
        if self._change_one(
            follow_up.path,
            lambda: set_follow_up_sent(self.journal, follow_up.path, now.date(), now=now),
            failed="Couldn't note it",
            done=f"Noted as sent. If {follow_up.company} stays quiet for more than "
            f"{self.recovery.follow_up_days} days, it comes back here, to let go.",
        ):
            self.follow_ups = [f for f in self.follow_ups if f is not follow_up]

    def action_let_go(self) -> None:
        """Let the highlighted request go: it leaves home, its reflection keeps every date."""
        follow_up = self.highlighted_follow_up()
        if follow_up is None or follow_up.followed_up is None:
            return
        now = self.recovery.clock()
        if self._change_one(
            follow_up.path,
            lambda: set_let_go(self.journal, follow_up.path, now.date(), now=now),
            failed="Couldn't let it go",
            done=f"Let go: no more waiting on {follow_up.company}. Asking was worth it either "
            "way; the dates stay in that reflection.",
        ):
            self.follow_ups = [f for f in self.follow_ups if f is not follow_up]

    def _change_one(
        self, path: Path, change: Callable[[], object], *, failed: str, done: str
    ) -> bool:
        """Rewrite one entry file from a home list; True if it worked (the caller then drops
        its line). Either way the lists are read again (another window may have changed
        things)."""
        try:
            change()
        except (OSError, ValueError, ChangedOnDisk) as error:  # CantSave is a ValueError
            self.recovery.tell_failure(
                f"{failed} in {path.name}",
                error if isinstance(error, OSError | CantSave) else "it changed",
                "Nothing was changed; the list will catch up in a moment.",
            )
            self.list_actions()
            return False
        self.notify(done, markup=False)
        self.recovery.journal_changed()  # these lists, and any screen that shows that file
        return True
