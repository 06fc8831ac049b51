"""Feedback asked and still waiting: whom to follow up with, once, and whom to let go.
No Textual here.

A request asked (``learn.feedback.first_asked``, else its date, else the day the entry was
written) shows once more than `after_days` days have passed. After the one follow-up
(``followed_up``) it shows again only when that has waited as long too, now to be let go;
once let go (``let_go``), or closed as "asked, no reply", it doesn't show."""

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
    days: int  # days since the follow-up, else since asked (or since the entry, undated)
    #: The day the one follow-up was sent; then there is nothing more to send, only to let go.
    followed_up: date | None = None


def waiting(
    path: Path,
    company: str,
    role: str,
    asked_on: date | None,
    written: date,
    today: date,
    after_days: int,
    followed_up: date | None = None,
) -> FollowUp | None:
    """A follow-up if feedback asked on `asked_on` (else when the entry was `written`), or
    the follow-up sent on `followed_up`, has waited more than `after_days` days. One rule
    for `follow_ups` and the index (both leave out what was let go)."""
    days = (today - (followed_up or asked_on or written)).days
    if days <= after_days:
        return None
    return FollowUp(path, company, role, asked_on, days, followed_up)


def longest_wait_first(found: Iterable[FollowUp]) -> list[FollowUp]:
    return sorted(found, key=lambda f: (-f.days, f.path.name))


def follow_ups(
    entries: Iterable[Pair], today: date, after_days: int = FOLLOW_UP_DAYS
) -> list[FollowUp]:
    """Entries whose feedback is "asked, waiting" for more than `after_days` days, longest
    waiting first. The wait counts from the follow-up, else from the day first asked (the
    feedback date in files from before it was kept), else from the entry's creation.
    "Asked, no reply" and requests let go are left out: the person already closed them."""
    found = (
        waiting(
            path,
            entry.about.company,
            entry.about.role,
            entry.learn.feedback.first_asked or entry.learn.feedback.date,
            entry.created.date(),
            today,
            after_days,
            entry.learn.feedback.followed_up,
        )
        for path, entry in entries
        if entry.learn.feedback.status == FeedbackStatus.ASKED
        and entry.learn.feedback.let_go is None
    )
    return longest_wait_first(f for f in found if f is not None)


__all__ = ["FOLLOW_UP_DAYS", "FollowUp", "follow_ups", "longest_wait_first", "waiting"]
