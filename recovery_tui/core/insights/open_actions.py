"""Next actions not done yet, across entries. No Textual here.

One order, here and in the index (`index.carry_forward`, `index.summary`): soonest due
first, then the undated ones; on a tie, newest entry first (`pairs.newest_first`), then as
listed in the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from recovery_tui.core.insights.pairs import Pair, newest_first


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
            )
            (dated if action.due is not None else undated).append(item)
    dated.sort(key=lambda a: a.due or date.max)  # stable: newest entry first on a tie
    return dated + undated
