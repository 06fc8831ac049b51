"""Next actions not done yet, across entries. No Textual here.

One order, here and in the index (`index.carry_forward`, `index.summary`): soonest due
first, then the undated ones; on a tie, newest entry first (`pairs.newest_first`), then as
listed in the entry.

`grouped` shows the same words from several reflections once, with where they came from;
`is_stale` says which actions step aside from home (no guilt: they stay on the full list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from recovery_tui.core.insights.pairs import Pair, newest_first
from recovery_tui.core.textkey import question_key


@dataclass(frozen=True)
class OpenAction:
    """A next action not done yet, and the entry file it lives in."""

    path: Path
    #: Its position in that entry's list of actions.
    position: int
    text: str
    due: date | None
    overdue: bool
    company: str
    #: The day its reflection was written (None if unknown: it never steps aside).
    written: date | None = None


def is_stale(action: OpenAction, today: date, stale_days: int) -> bool:
    """True once MORE than `stale_days` days have passed since the action was written and
    since it was due: it steps aside from home, and stays on the list of all actions."""
    if action.written is None:
        return False
    latest = max(action.written, action.due or action.written)
    return today - latest > timedelta(days=stale_days)


@dataclass(frozen=True)
class ActionGroup:
    """The same next action (case, spacing and punctuation aside) from one or more
    reflections, in the order of `open_actions`: its first one is the soonest."""

    actions: tuple[OpenAction, ...]

    @property
    def first(self) -> OpenAction:
        return self.actions[0]

    @property
    def text(self) -> str:
        return self.first.text

    @property
    def companies(self) -> list[str]:
        """Where it came from, soonest first, each company once."""
        return list(dict.fromkeys(action.company for action in self.actions))

    def where(self, shown: int = 2) -> str:
        """ "Acme", "Acme, Birch", "Acme, Birch +1": the companies it came from, briefly."""
        companies = self.companies
        more = len(companies) - shown
        listed = ", ".join(companies[:shown])
        return f"{listed} +{more}" if more > 0 else listed


def grouped(actions: Iterable[OpenAction]) -> list[ActionGroup]:
    """Open actions with the same words shown once, at the place of their soonest one."""
    groups: dict[str, list[OpenAction]] = {}
    for action in actions:
        groups.setdefault(question_key(action.text) or action.text, []).append(action)
    return [ActionGroup(tuple(members)) for members in groups.values()]


def open_actions(entries: Iterable[Pair], today: date) -> list[OpenAction]:
    """Every action not done yet: soonest due first, then the undated ones, newest entry
    first. Overdue means due before today."""
    dated: list[OpenAction] = []
    undated: list[OpenAction] = []
    for path, entry in newest_first(entries):
        for position, action in enumerate(entry.prepare.actions):
            if action.done:
                continue
            item = OpenAction(
                path,
                position,
                action.text,
                action.due,
                action.due is not None and action.due < today,
                entry.about.company,
                entry.created.date(),
            )
            (dated if action.due is not None else undated).append(item)
    dated.sort(key=lambda a: a.due or date.max)  # stable: newest entry first on a tie
    return dated + undated
