"""Ticking off a next action from outside its entry (the Today list). No Textual here.

Only the one entry file is rewritten, atomically, and only if it still holds that action at
that position; a file changed in the meantime is never overwritten.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from recovery_tui.core.journal import Journal


class ActionMoved(ValueError):
    """The entry no longer has that action where the list said (it was edited meanwhile)."""


def set_action_done(
    journal: Journal, path: Path, position: int, text: str, *, done: bool, now: datetime
) -> Path:
    entry, fingerprint = journal.load(path)
    actions = list(entry.prepare.actions)
    if position >= len(actions) or actions[position].text != text:
        raise ActionMoved(f"{path.name} changed since the list was made")
    actions[position] = actions[position].model_copy(update={"done": done})
    prepare = entry.prepare.model_copy(update={"actions": actions})
    updated = entry.model_copy(update={"prepare": prepare, "updated": now})
    return journal.save(updated, path, expected=fingerprint, create_folder=False)
