"""Changing one entry from a list or a dialog: ticking off a next action, noting a follow-up
sent (home), noting feedback asked (the feedback request). No Textual here.

Only the one entry file is rewritten, atomically, and only if it still holds that action at
that position; a file changed in the meantime is never overwritten.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from recovery_tui.core.journal import Journal
from recovery_tui.core.prompts import FeedbackStatus


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
    action = "Ticked off a next action" if done else "Unticked a next action"
    return journal.save(updated, path, expected=fingerprint, create_folder=False, action=action)


class FeedbackMoved(ValueError):
    """The entry's feedback is no longer "asked, waiting" (it was edited meanwhile)."""


def set_follow_up_sent(journal: Journal, path: Path, on: date, *, now: datetime) -> Path:
    """Note that a follow-up was sent `on` that day: the wait starts again from then.
    The status stays "asked"; only this entry's file is rewritten."""
    entry, fingerprint = journal.load(path)
    feedback = entry.learn.feedback
    if feedback.status != FeedbackStatus.ASKED:
        raise FeedbackMoved(f"{path.name} changed since the list was made")
    learn = entry.learn.model_copy(update={"feedback": feedback.model_copy(update={"date": on})})
    updated = entry.model_copy(update={"learn": learn, "updated": now})
    return journal.save(
        updated, path, expected=fingerprint, create_folder=False, action="Follow-up sent"
    )


class WrittenByNewerVersion(ValueError):
    """The file was written by a newer version of recovery-tui: it is only read, never
    rewritten here, so nothing that version added is lost."""


def set_feedback_asked(journal: Journal, path: Path, on: date, *, now: datetime) -> bool:
    """Note that feedback was asked `on` that day, so the follow-up reminder can start.
    Feedback already asked or received is left as it is (returns False); otherwise only
    this entry's file is rewritten (returns True)."""
    entry, fingerprint = journal.load(path)
    if entry.is_from_newer_version:
        raise WrittenByNewerVersion(f"{path.name} was written by a newer version")
    feedback = entry.learn.feedback
    if feedback.status in {FeedbackStatus.ASKED, FeedbackStatus.RECEIVED}:
        return False
    asked = feedback.model_copy(update={"status": FeedbackStatus.ASKED, "date": on})
    learn = entry.learn.model_copy(update={"feedback": asked})
    updated = entry.model_copy(update={"learn": learn, "updated": now})
    journal.save(updated, path, expected=fingerprint, create_folder=False, action="Feedback asked")
    return True
