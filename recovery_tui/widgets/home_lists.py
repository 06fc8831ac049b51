"""The lines of home's lists: drafts, next actions, follow-ups to send, recent reflections.

One function per kind of line, each shown literally (a company, an action, a file name are
whatever a person or a sync tool wrote), and `refill` to put new lines in a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from recovery_tui.core.prompts import PANELS, choice_label
from recovery_tui.widgets.literal import join, literal, literal_str

if TYPE_CHECKING:
    from recovery_tui.core.drafts import DamagedDraft, Draft
    from recovery_tui.core.insights.follow_ups import FollowUp
    from recovery_tui.core.insights.open_actions import OpenAction
    from recovery_tui.core.journal import EntrySummary


def entry_line(summary: EntrySummary, *, damaged: bool = False) -> Content:
    date = summary.date or "----------"
    if damaged:
        return join(date, "  ", summary.path.name, "  ·  needs a look (f)", one_line=True)
    stage = choice_label(summary.stage) if summary.stage else "No stage noted"
    return join(date, "  ", summary.company, "  ·  ", stage, one_line=True)


def action_line(action: OpenAction) -> Content:
    when = ""
    if action.due:
        when = f"  ·  {'overdue since' if action.overdue else 'by'} {action.due.isoformat()}"
    return join(action.text, "  ·  ", action.company, when, one_line=True)


def action_id(action: OpenAction) -> str:
    """The id of an action's line: its file and place there, so it is found again by id
    (not by position) after the list was refilled."""
    return f"{action.path.name}:{action.position}"


def follow_up_line(follow_up: FollowUp) -> Content:
    role = ("  ·  ", follow_up.role) if follow_up.role else ()
    if follow_up.followed_up is None:
        wait = f"  ·  asked {follow_up.days} days ago, no reply yet"
    else:
        wait = f"  ·  followed up {follow_up.days} days ago; fine to let it go"
    return join(follow_up.company, *role, wait, one_line=True)


def draft_line(draft: Draft) -> Content:
    when = draft.updated.strftime("%Y-%m-%d %H:%M")
    steps = f"  ·  step {draft.panel} of {len(PANELS)}  ·  last typed {when}"
    return join(draft.company, steps, one_line=True)


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
