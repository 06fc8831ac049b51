"""Changing one entry from a list or a dialog: ticking off a next action, noting a follow-up
sent (home), noting feedback asked (the feedback request). No Textual here.

Only the one entry file is rewritten, atomically, and only if it still holds that action at
that position; a file changed in the meantime is never overwritten.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui.core.journal import Journal
from recovery_tui.core.prompts import FeedbackStatus

if TYPE_CHECKING:  # home imports this module: the models load only when a file is changed
    from recovery_tui.core.models import Entry, Feedback


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
    """Note that the one follow-up was sent `on` that day (``followed_up``): the wait starts
    again from then, and after it home offers to let the request go. The day feedback was
    first asked is kept (filled from the feedback date if a file from before didn't have
    it); the status stays "asked". Only this entry's file is rewritten."""
    entry, fingerprint = journal.load(path)
    feedback = entry.learn.feedback
    if feedback.status != FeedbackStatus.ASKED or feedback.let_go is not None:
        raise FeedbackMoved(f"{path.name} changed since the list was made")
    first = feedback.first_asked or feedback.date
    noted = feedback.model_copy(update={"first_asked": first, "followed_up": on})
    return _save_feedback(journal, path, entry, noted, fingerprint, now)


def set_let_go(journal: Journal, path: Path, on: date, *, now: datetime) -> Path:
    """Let a request with no reply go, kindly: ``let_go`` is that day and the status
    becomes "asked, no reply", so it leaves home; every date before is kept."""
    entry, fingerprint = journal.load(path)
    feedback = entry.learn.feedback
    if feedback.status != FeedbackStatus.ASKED or feedback.let_go is not None:
        raise FeedbackMoved(f"{path.name} changed since the list was made")
    first = feedback.first_asked or feedback.date
    update = {"status": FeedbackStatus.NO_REPLY, "first_asked": first, "let_go": on}
    let_go = feedback.model_copy(update=update)
    return _save_feedback(journal, path, entry, let_go, fingerprint, now)


def _save_feedback(
    journal: Journal, path: Path, entry: Entry, feedback: Feedback, fingerprint: str, now: datetime
) -> Path:
    learn = entry.learn.model_copy(update={"feedback": feedback})
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
    # A new request (perhaps after one let go): the wait starts again, the first day stays.
    first = feedback.first_asked or on
    update = {"status": FeedbackStatus.ASKED, "date": on, "first_asked": first}
    asked = feedback.model_copy(update={**update, "followed_up": None, "let_go": None})
    learn = entry.learn.model_copy(update={"feedback": asked})
    updated = entry.model_copy(update={"learn": learn, "updated": now})
    journal.save(updated, path, expected=fingerprint, create_folder=False, action="Feedback asked")
    return True
