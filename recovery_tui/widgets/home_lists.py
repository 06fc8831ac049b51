"""The lines of home's lists: drafts, next actions, follow-ups to send, recent reflections.

One function per kind of line, each shown literally (a company, an action, a file name are
whatever a person or a sync tool wrote), and `refill` to put new lines in a list. Each line
is one row: a long one ends in "…" (styles/app.tcss), it never wraps. `HomeList` is the list
they are shown in (enter shows as "Open" in the footer), `section_title` a section's title
with how many it shows of how many there are.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from recovery_tui.core.drafts import describe
from recovery_tui.core.prompts import choice_label
from recovery_tui.widgets.literal import join, literal, literal_str

if TYPE_CHECKING:
    from recovery_tui.core.drafts import DamagedDraft, Draft
    from recovery_tui.core.insights.follow_ups import FollowUp
    from recovery_tui.core.insights.open_actions import ActionGroup
    from recovery_tui.core.journal import EntrySummary


class HomeList(OptionList):
    """A list on home (or the actions screen): enter opens the highlighted line, and says so."""

    BINDINGS = [Binding("enter", "select", "Open", tooltip="Open the highlighted line")]


def section_title(name: str, shown: int, total: int) -> str:
    """ "Next actions  5 of 67", or "Drafts  2" when all of them show."""
    return f"{name}  {shown} of {total}" if total > shown else f"{name}  {shown}"


def entry_line(summary: EntrySummary, *, damaged: bool = False) -> Content:
    date = summary.date or "----------"
    if damaged:
        return join(date, "  ", summary.path.name, "  ·  needs a look (f)", one_line=True)
    stage = choice_label(summary.stage) if summary.stage else "No stage noted"
    return join(date, "  ", summary.company, "  ·  ", stage, one_line=True)


def action_line(group: ActionGroup) -> Content:
    """ "Update my CV  ·  Acme, Birch +1  ·  by 2026-12-01" (no guilt: "was due", never
    "overdue")."""
    first, when = group.first, ""
    if first.due:
        when = f"  ·  {'was due' if first.overdue else 'by'} {first.due.isoformat()}"
    return join(group.text, "  ·  ", group.where(), when, one_line=True)


def action_id(group: ActionGroup) -> str:
    """The id of an action's line: its first file and place there, so it is found again
    by id (not by position) after the list was refilled."""
    return f"{group.first.path.name}:{group.first.position}"


def follow_up_line(follow_up: FollowUp) -> Content:
    role = ("  ·  ", follow_up.role) if follow_up.role else ()
    if follow_up.followed_up is None:
        wait = f"  ·  asked {follow_up.days} days ago, no reply yet"
    else:
        wait = f"  ·  followed up {follow_up.days} days ago; fine to let it go"
    return join(follow_up.company, *role, wait, one_line=True)


def draft_line(draft: Draft, now: datetime) -> Content:
    """ "Acme  ·  step 2  ·  3 hours ago"."""
    return literal(describe(draft, now), one_line=True)


def damaged_draft_line(damaged: DamagedDraft) -> Content:
    return literal(f"drafts/{damaged.path.name}  ·  can't be opened, left as it is", one_line=True)


def damaged_draft_notice(damaged: DamagedDraft) -> str:
    return literal_str(
        f"drafts/{damaged.path.name} can't be opened: {damaged.reason}. It is left exactly as "
        "it is; open it in a text editor to copy your words from it.",
        one_line=True,
    )


def refill(option_list: OptionList, options: list[Option]) -> None:
    """New options, keeping the highlight where it was (or on the last one)."""
    highlighted = option_list.highlighted
    option_list.set_options(options)
    if options:
        option_list.highlighted = min(highlighted or 0, len(options) - 1)
