"""Ticking off a next action (every reflection it came from) and undoing it, for home and
the actions screen: only the files it lives in are rewritten."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from recovery_tui.core.actions import set_action_done
from recovery_tui.core.journal import CantSave, ChangedOnDisk

if TYPE_CHECKING:
    from recovery_tui.core.insights.open_actions import ActionGroup, OpenAction
    from recovery_tui.screens.base import JournalScreen


def set_done(
    screen: JournalScreen[Any], actions: Sequence[OpenAction], *, done: bool
) -> list[OpenAction]:
    """Tick off (or put back) each action, in its own file; the ones that worked. A failure
    is told once and the rest are left as they are."""
    changed: list[OpenAction] = []
    journal = screen.recovery.journal
    for action in actions:
        try:
            set_action_done(
                journal,
                action.path,
                action.position,
                action.text,
                done=done,
                now=screen.recovery.clock(),
            )
        except (OSError, ValueError, ChangedOnDisk) as error:  # CantSave is a ValueError
            screen.recovery.tell_failure(
                f"Couldn't {'tick it off' if done else 'put it back'} in {action.path.name}",
                error if isinstance(error, OSError | CantSave) else "it changed",
                (
                    f"{len(changed)} other reflections were changed, nothing else"
                    if len(changed) > 1
                    else "1 other reflection was changed, nothing else"
                    if changed
                    else "Nothing was changed"
                )
                + "; the list will catch up in a moment.",
            )
            break
        changed.append(action)
    screen.recovery.journal_changed()  # the lists, and any screen that shows those files
    return changed


def done_message(group: ActionGroup, undo_key: str) -> str:
    """ "Done: Update my CV. u puts it back." and, from several reflections, which."""
    count = len(group.actions)
    where = f" in {count} reflections ({', '.join(group.companies)})" if count > 1 else ""
    return f"Done{where}: {group.text}. {undo_key} puts it back."
