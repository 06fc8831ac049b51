"""Feedback asked and still waiting: whom to follow up with. No Textual here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from recovery_tui.core.insights.pairs import Pair
from recovery_tui.core.prompts import FeedbackStatus
from recovery_tui.core.settings import FOLLOW_UP_DAYS


@dataclass(frozen=True)
class FollowUp:
    path: Path
    company: str
    role: str
    asked_on: date | None
    days: int  # days since feedback was asked (or since the entry, without a date)


def waiting(
    path: Path,
    company: str,
    role: str,
    asked_on: date | None,
    written: date,
    today: date,
    after_days: int,
) -> FollowUp | None:
    """A follow-up if feedback asked on `asked_on` (else when the entry was `written`) has
    waited more than `after_days` days. One rule for `follow_ups` and the index."""
    days = (today - (asked_on or written)).days
    return FollowUp(path, company, role, asked_on, days) if days > after_days else None


def longest_wait_first(found: Iterable[FollowUp]) -> list[FollowUp]:
    return sorted(found, key=lambda f: (-f.days, f.path.name))


def follow_ups(
    entries: Iterable[Pair], today: date, after_days: int = FOLLOW_UP_DAYS
) -> list[FollowUp]:
    """Entries whose feedback is "asked, waiting" for more than `after_days` days, longest
    waiting first. The wait counts from the feedback date, else from the entry's creation.
    "Asked, no reply" is left out: the person already closed it."""
    found = (
        waiting(
            path,
            entry.about.company,
            entry.about.role,
            entry.learn.feedback.date,
            entry.created.date(),
            today,
            after_days,
        )
        for path, entry in entries
        if entry.learn.feedback.status == FeedbackStatus.ASKED
    )
    return longest_wait_first(f for f in found if f is not None)


__all__ = ["FOLLOW_UP_DAYS", "FollowUp", "follow_ups", "longest_wait_first", "waiting"]
