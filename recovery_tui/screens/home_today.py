"""Home's "Next actions" and "Follow-ups to send": read from every reflection through the
history index, ticked off (or noted as sent) with space, right in the file they come from.

A mixin for `HomeScreen`, which shows the lists (`#today`, `#follow-ups`); the lists follow
`actions` and `follow_ups`, and so do the sections' classes (`HomeScreen.show_what_there_is`).
The same action from several reflections is one line; one ticked off is ticked off in each
of them (u puts them back). Actions older than the `stale_days` setting step aside from
home; all of them are on the actions screen (a).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.actions import set_follow_up_sent, set_let_go
from recovery_tui.core.insights.open_actions import ActionGroup, OpenAction, grouped, is_stale
from recovery_tui.core.journal import CantSave, ChangedOnDisk
from recovery_tui.screens.action_ticks import done_message, set_done
from recovery_tui.widgets.home_lists import (
    action_id,
    action_line,
    follow_up_line,
    refill,
    section_title,
)

if TYPE_CHECKING:
    from recovery_tui.core.insights.follow_ups import FollowUp
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
#: When every open action is older than `stale_days`: no guilt, and where they are.
OLDER_ONES = "Nothing new here. Older ones wait on the full list: press {key}."


@dataclass
class ActionsListed(Message):
    actions: list[ActionGroup]
    #: How many lines the actions screen has (every open action, the same words once).
    actions_total: int
    follow_ups: list[FollowUp]
    follow_ups_total: int


def on_home(actions: list[OpenAction], today: date, stale_days: int) -> list[ActionGroup]:
    """The lines home shows: the same words once, only those with an action not older than
    `stale_days`, ordered and dated by their newer ones (a line's older ones come after
    them, and are ticked off with it)."""
    place = {id(action): number for number, action in enumerate(actions)}
    shown: list[tuple[int, ActionGroup]] = []
    for group in grouped(actions):
        fresh = [a for a in group.actions if not is_stale(a, today, stale_days)]
        if fresh:
            kept = {id(a) for a in fresh}
            rest = [a for a in group.actions if id(a) not in kept]
            shown.append((place[id(fresh[0])], ActionGroup((*fresh, *rest))))
    return [group for _, group in sorted(shown, key=lambda pair: pair[0])]


class TodayMixin(_Base):
    """`list_actions`, and space on a next action or a follow-up, for the home screen."""

    #: The open next actions shown, soonest first, each wording once; `#today` shows them.
    actions: var[list[ActionGroup]] = var(list, init=False, always_update=True)
    actions_total: var[int] = var(0, init=False)
    #: The follow-ups to send, longest waiting first; `#follow-ups` shows them.
    follow_ups: var[list[FollowUp]] = var(list, init=False, always_update=True)
    follow_ups_total: var[int] = var(0, init=False)
    #: What the last tick on home ticked off, for u to put back.
    ticked: var[list[OpenAction]] = var(list, init=False)

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
            actions = index.open_actions(today, limit=None)
            waiting = index.follow_ups(today, self.recovery.follow_up_days)
        fresh = on_home(actions, today, self.recovery.stale_days)
        if not worker.is_cancelled:
            self.post_message(
                ActionsListed(
                    fresh[:TODAY_COUNT],
                    len(grouped(actions)),
                    waiting[:FOLLOW_UPS_SHOWN],
                    len(waiting),
                )
            )

    def on_actions_listed(self, message: ActionsListed) -> None:
        self.actions_total, self.follow_ups_total = message.actions_total, message.follow_ups_total
        self.actions, self.follow_ups = message.actions, message.follow_ups

    def watch_actions(self, actions: list[ActionGroup]) -> None:
        self.show_what_there_is()
        title = section_title("Next actions", len(actions), self.actions_total)
        self.query_one("#today-title", Label).update(f"{title}  ·  {self._all_key} for all")
        options = [Option(action_line(a), id=action_id(a)) for a in actions]
        if not options and self.actions_total:
            options = [Option(OLDER_ONES.format(key=self._all_key), disabled=True)]
        refill(self.query_one("#today", OptionList), options)
        self.refresh_bindings()

    def watch_follow_ups(self, follow_ups: list[FollowUp]) -> None:
        self.show_what_there_is()
        title = section_title("Follow-ups to send", len(follow_ups), self.follow_ups_total)
        self.query_one("#follow-ups-title", Label).update(title)
        options = [Option(follow_up_line(f), id=f.path.name) for f in follow_ups]
        refill(self.query_one("#follow-ups", OptionList), options)
        self.refresh_bindings()

    @property
    def _all_key(self) -> str:
        return self.recovery.key_for("home.actions", "a")

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
        group = self.actions[today.highlighted]
        ticked = set_done(self, group.actions, done=True)
        if ticked:
            self.ticked = ticked
            undo = self.recovery.key_for("home.undo", "u")
            self.notify(done_message(group, undo), markup=False)
            self.actions = [a for a in self.actions if a is not group]
        self.list_actions()

    def action_undo(self) -> None:
        """Put back what the last tick on home ticked off."""
        ticked, self.ticked = self.ticked, []
        if ticked and set_done(self, ticked, done=False):
            self.notify(f"Put back: {ticked[0].text}", markup=False)
        self.list_actions()
        self.refresh_bindings()

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
