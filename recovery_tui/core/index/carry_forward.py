"""The index's answers for carrying lessons forward: open next actions and follow-ups for
home, people and past wins for step 3. No Textual here.

A part of `store.Index`: these queries only read the tables `refresh` fills.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from recovery_tui.core.index.connections import IndexConnections
from recovery_tui.core.index.schema import NEWEST
from recovery_tui.core.insights.open_actions import OpenAction

if TYPE_CHECKING:
    from recovery_tui.core.insights.follow_ups import FollowUp


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


class CarryForwardQueries(IndexConnections):
    """Queries over the actions, entries and reuse tables (see `Index`)."""

    def open_actions(self, today: date, limit: int | None = 50) -> list[OpenAction]:
        """Next actions not done yet, from every entry, in the order of
        `insights.open_actions.open_actions`: soonest due first (overdue ones first of all),
        then those without a date; on a tie, newest entry first, then as listed in it.
        All of them with `limit` None."""
        found = self._query(
            "SELECT a.name, a.position, a.text, a.due, e.company, substr(e.created, 1, 10) "
            "FROM actions a JOIN entries e ON e.name = a.name WHERE a.done = 0 "
            f"ORDER BY a.due = '', a.due, {NEWEST}, a.position LIMIT ?",
            (-1 if limit is None else limit,),
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
                written=date.fromisoformat(written) if written else None,
            )
            for name, position, text, due, company, written in found
        ]

    def follow_ups(self, today: date, after_days: int = 7) -> list[FollowUp]:
        """Feedback asked and still waiting after `after_days` days, longest wait first;
        the same rule as `insights.follow_ups.follow_ups`, read from the index."""
        from recovery_tui.core.insights.follow_ups import longest_wait_first, waiting

        found = self._query(
            "SELECT name, company, role, feedback_date, substr(created, 1, 10), followed_up "
            "FROM entries WHERE feedback_status = 'asked' AND let_go = 0"
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
                date.fromisoformat(followed_up) if followed_up else None,
            )
            for name, company, role, asked, created, followed_up in found
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
