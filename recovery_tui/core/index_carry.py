"""The index's answers for carrying lessons forward: open next actions and follow-ups for
home, people and past wins for step 3. No Textual here.

A mixin of `recovery_tui.core.index.Index`, kept apart so that file stays about building
and searching the index; these queries only read the tables it fills.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recovery_tui.core.insights import FollowUp
    from recovery_tui.core.journal import Journal


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


@dataclass(frozen=True)
class Reusable:
    """Something from past reflections worth using again: a person to reach out to, or
    what worked before (with how the role was found, as `detail`)."""

    kind: str  # "person" or "success"
    text: str
    detail: str
    #: The company of the newest reflection it was written in.
    company: str
    #: In how many reflections it was written (the same words, however typed).
    times: int


class CarryForwardQueries:
    """Queries over the actions, entries and reuse tables (see `Index`)."""

    if TYPE_CHECKING:  # given by Index
        journal: Journal

        def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]: ...

    def open_actions(self, today: date, limit: int = 50) -> list[OpenAction]:
        """Next actions not done yet, from every entry: soonest due first (overdue ones
        first of all), then those without a date, newest entry first."""
        found = self._query(
            "SELECT a.name, a.position, a.text, a.due, e.company, e.date FROM actions a "
            "JOIN entries e ON e.name = a.name WHERE a.done = 0 "
            "ORDER BY a.due = '', a.due, e.date DESC, a.name DESC, a.position LIMIT ?",
            (limit,),
        )
        folder = self.journal.paths.entries
        return [
            OpenAction(
                path=folder / name,
                position=position,
                text=text,
                due=date.fromisoformat(due) if due else None,
                overdue=bool(due) and due < today.isoformat(),
                company=company,
            )
            for name, position, text, due, company, _ in found
        ]

    def follow_ups(self, today: date, after_days: int = 7) -> list[FollowUp]:
        """Feedback asked and still waiting after `after_days` days, longest wait first;
        the same rule as `insights.follow_ups`, read from the index."""
        from recovery_tui.core.insights import longest_wait_first, waiting

        found = self._query(
            "SELECT name, company, role, feedback_date, substr(created, 1, 10) FROM entries "
            "WHERE feedback_status = 'asked'"
        )
        folder = self.journal.paths.entries
        follow_ups = (
            waiting(
                folder / name,
                company,
                role,
                date.fromisoformat(asked) if asked else None,
                date.fromisoformat(created),
                today,
                after_days,
            )
            for name, company, role, asked, created in found
        )
        return longest_wait_first(f for f in follow_ups if f is not None)

    def reusables(self, kind: str, limit: int = 20) -> list[Reusable]:
        """People ("person") or past successes ("success") from every reflection, one per
        wording (case, spacing and punctuation ignored), most recently written first."""
        # The newest wording of each, from its newest reflection (a window, not a bare
        # column beside max(): with two aggregates SQLite may take any row's values).
        found = self._query(
            "SELECT text, detail, company, times FROM ("
            " SELECT r.text, r.detail, e.company, r.position,"
            "  count(*) OVER (PARTITION BY r.key) AS times,"
            "  row_number() OVER (PARTITION BY r.key"
            "   ORDER BY e.date DESC, e.created DESC, r.name DESC, r.position) AS rank,"
            "  e.date AS day, e.created AS created, r.name AS name"
            " FROM reuse r JOIN entries e ON e.name = r.name WHERE r.kind = ?"
            ") WHERE rank = 1 ORDER BY day DESC, created DESC, name DESC, position LIMIT ?",
            (kind, limit),
        )
        return [Reusable(kind, *values[:4]) for values in found]
