"""One reflection being written or edited, as a plain object. No Textual here.

The session screen (`screens/session.py`) shows the prompts and asks the questions; a
`Session` keeps the rest: which reflection it is (entry id, created time), the fingerprint of
the file being edited, its draft (the draft's id, and what was last written, so a draft is
written only when the answers changed), whether anything is unsaved, building and checking
the entry, and saving it: as itself, as a copy, or dropped for the version on disk.

Every step that can go more than one way returns a typed outcome; the screen turns it into
words. Answers come in as `FormValues` (one value per prompt path), as the screen holds them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recovery_tui.core import journal as journal_module
from recovery_tui.core.drafts import Draft, DraftStore, DraftTooLarge
from recovery_tui.core.form import (
    FormValues,
    data_from_values,
    is_blank,
    own_prompts_for,
    values_from_data,
)
from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION, Entry, FieldIssue, build_entry, explain
from recovery_tui.core.prompts import OWN_PREFIX, PANELS, OwnPrompt

# -- what a save came to ------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """Written to `path`; the draft is gone. Also how a session that saved ends."""

    path: Path


@dataclass(frozen=True)
class Invalid:
    """Nothing written: what to fix first, one issue per field, in the order of the form."""

    issues: list[FieldIssue]


@dataclass(frozen=True)
class ChangedOnDisk:
    """Nothing written: the file being edited was changed or removed since it was opened
    (another window, an editor, a sync tool). Theirs is left as it is; save mine as a copy
    (`Session.save_as_copy`) or take theirs (`Session.reload`)."""

    path: Path
    #: The fingerprint of what is on disk now; None if it is gone (or can't be read).
    theirs: str | None


@dataclass(frozen=True)
class TooLarge:
    """Nothing written: larger than a reflection recovery-tui reads back (`limit` bytes)."""

    limit: int


@dataclass(frozen=True)
class ReadOnly:
    """Nothing written: a newer version of recovery-tui wrote this reflection or its file."""

    cause: str


@dataclass(frozen=True)
class Refused:
    """Nothing written, for a reason in words: the file isn't a plain reflection file in
    entries/ (a link, a folder...)."""

    cause: str


@dataclass(frozen=True)
class Failed:
    """Nothing written: the disk or the system said no (full, read-only, the folder gone)."""

    #: In words, e.g. "the disk is full" (`fsutil.describe_os_error`).
    cause: str
    error: OSError


SaveOutcome = Saved | Invalid | ChangedOnDisk | TooLarge | ReadOnly | Refused | Failed


# -- how a session ended, for whoever opened it -------------------------------------------


@dataclass(frozen=True)
class Reloaded:
    """The person chose the version on disk: nothing of theirs is pending; show `path`."""

    path: Path


@dataclass(frozen=True)
class Left:
    """Left without saving: kept as a draft, discarded, or nothing was typed."""


SessionOutcome = Saved | Reloaded | Left


# -- what keeping a draft came to ---------------------------------------------------------


@dataclass(frozen=True)
class DraftWritten:
    path: Path


@dataclass(frozen=True)
class DraftUnchanged:
    """Nothing to write: the draft has these answers already, or nothing is pending."""


@dataclass(frozen=True)
class DraftRemoved:
    """The answers are back to what is saved (or blank): the draft went."""


@dataclass(frozen=True)
class DraftFailed:
    """Not kept. `first` when the draft was fine until now: say so once, not every time."""

    cause: str
    first: bool


DraftOutcome = DraftWritten | DraftUnchanged | DraftRemoved | DraftFailed


# -- why a resumed draft became a new reflection ------------------------------------------


@dataclass(frozen=True)
class NotInEntries:
    """The draft names a file that isn't a reflection in entries/: it is left alone, and the
    draft saves as a new reflection."""


@dataclass(frozen=True)
class WrittenByNewer:
    """A newer version has since written the file the draft changes: left as it is, and the
    draft saves as a new reflection."""

    name: str


@dataclass(frozen=True)
class Unreadable:
    """The saved version can't be read now (`gone`: not there any more). The draft still
    edits it: saving will find it changed and offer a copy."""

    name: str
    gone: bool


ResumeNote = NotInEntries | WrittenByNewer | Unreadable


class Session:
    """A new reflection, a saved one being edited, or a draft of either, picked up again."""

    def __init__(
        self,
        journal: Journal,
        drafts: DraftStore,
        clock: Callable[[], datetime],
        new_id: Callable[[], str],
        *,
        entry: Entry | None = None,
        entry_path: Path | None = None,
        fingerprint: str | None = None,
        draft: Draft | None = None,
        own_prompts: Sequence[OwnPrompt] = (),
    ) -> None:
        self.journal, self.drafts, self.clock, self.new_id = journal, drafts, clock, new_id
        #: The file being edited; None for a new reflection.
        self.entry_path = entry_path
        #: The saved entry's data: keys this version doesn't show are written back as they were.
        self.base: dict[str, Any] = entry.model_dump(mode="python") if entry else {}
        #: The person's own prompts: those in settings, then any this reflection answered
        #: that settings don't ask any more (with the label saved), then a draft's.
        self.own: tuple[OwnPrompt, ...] = own_prompts_for(self.base, own_prompts)
        if draft is not None:
            known = {prompt.path for prompt in self.own}
            self.own += tuple(
                OwnPrompt(
                    path.removeprefix(OWN_PREFIX), 3, path.removeprefix(OWN_PREFIX), long=True
                )
                for path in draft.values
                if path.startswith(OWN_PREFIX) and path not in known
            )
        #: The answers as saved (all blank for a new reflection).
        self.baseline: FormValues = values_from_data(self.base, self.own)
        #: The answers to show first: the saved ones, with a draft's on top.
        self.initial: FormValues = dict(self.baseline)
        if draft is not None:
            self.entry_id, self.draft_id, self.created = draft.entry_id, draft.id, draft.created
            self.fingerprint = draft.base_fingerprint
            self.initial.update(draft.values)
            #: The step to start on (1 to the number of panels).
            self.start_panel = min(max(draft.panel, 1), len(PANELS))
        else:
            self.entry_id = entry.id if entry else new_id()
            self.draft_id = new_id()
            self.created = entry.created if entry else clock()
            self.fingerprint = fingerprint
            self.start_panel = 1
        #: Saved, or reloaded: nothing of this session is pending any more.
        self.ended: Saved | Reloaded | None = None
        #: The person chose to discard what they typed: no draft is written after.
        self.discarded = False
        self._last_draft: FormValues | None = dict(draft.values) if draft else None
        self._draft_failed = False
        self._failed_values: FormValues | None = None
        self._failed_cause = ""

    @property
    def editing(self) -> bool:
        return self.entry_path is not None

    @property
    def drafted(self) -> bool:
        """Whether the answers last given are in a draft on disk now."""
        return self._last_draft is not None and not self._draft_failed

    # -- the answers ------------------------------------------------------------------------

    def has_unsaved_work(self, values: FormValues) -> bool:
        if self.ended is not None:
            return False
        if self.entry_path is None:
            return not is_blank(values)
        return values != self.baseline

    def data(self, values: FormValues) -> dict[str, Any]:
        return data_from_values(values, self.base, self.own)

    def build(self, values: FormValues) -> Entry:
        """Validate the answers into an entry (raises ValidationError). Saving is the
        person's own edit, so an older file becomes the current format: every key kept."""
        data = self.data(values)
        data["schema_version"] = max(_version(data.get("schema_version")), SCHEMA_VERSION)
        return build_entry(data, id=self.entry_id, created=self.created, updated=self.clock())

    def issues(self, values: FormValues) -> list[FieldIssue]:
        try:
            self.build(values)
        except ValidationError as error:
            return explain(error)
        return []

    # -- the draft --------------------------------------------------------------------------

    def keep_draft(self, values: FormValues, panel: int, *, force: bool = False) -> DraftOutcome:
        """Write the draft if the answers changed since it was last written (`force`: even
        if not, e.g. for a new step). A draft isn't kept once the session saved, reloaded
        or discarded, and goes once nothing is unsaved."""
        if self.ended is not None or self.discarded:
            return DraftUnchanged()
        if not force and values == self._last_draft:
            return DraftUnchanged()
        if not force and values == self._failed_values:
            return DraftFailed(self._failed_cause, first=False)  # not again every half second
        if not self.has_unsaved_work(values):
            if self._last_draft is not None:
                self.discard_draft()
                return DraftRemoved()
            return DraftUnchanged()
        draft = Draft(
            id=self.draft_id,
            entry_id=self.entry_id,
            created=self.created,
            updated=self.clock(),
            panel=panel,
            values=values,
            editing=self.entry_path.name if self.entry_path else None,
            base_fingerprint=self.fingerprint,
        )
        try:
            path = self.drafts.save(draft)
        except (OSError, DraftTooLarge) as error:
            first = not self._draft_failed
            self._draft_failed = True
            self._failed_values = values
            self._failed_cause = (
                describe_os_error(error)
                if isinstance(error, OSError)
                else "it is too long to keep as a draft"
            )
            return DraftFailed(self._failed_cause, first=first)
        self._draft_failed = False
        self._failed_values = None
        self._last_draft = values
        return DraftWritten(path)

    def discard_draft(self) -> None:
        """Remove the draft file, if there is one (a failure to remove it is left quiet)."""
        with contextlib.suppress(OSError):
            self.drafts.remove(self.draft_id)
        self._last_draft = None

    # -- saving -----------------------------------------------------------------------------

    def save(self, values: FormValues) -> SaveOutcome:
        """Save the answers: the file being edited is replaced only if it is still the one
        that was opened; a new reflection gets a new file."""
        try:
            entry = self.build(values)
        except ValidationError as error:
            return Invalid(explain(error))
        return self._write(entry, self.entry_path)

    def save_as_copy(self, values: FormValues) -> SaveOutcome:
        """Save the answers as a new reflection of their own (after `ChangedOnDisk`)."""
        try:
            entry = self.build(values)
        except ValidationError as error:
            return Invalid(explain(error))
        now = self.clock()
        copy = entry.model_copy(update={"id": self.new_id(), "created": now, "updated": now})
        return self._write(copy, None)

    def reload(self) -> Reloaded:
        """Drop these answers for the version on disk (after `ChangedOnDisk`)."""
        assert self.entry_path is not None
        self.ended = Reloaded(self.entry_path)
        self.discard_draft()
        return self.ended

    def _write(self, entry: Entry, path: Path | None) -> SaveOutcome:
        try:
            saved = self.journal.save(
                entry, path, expected=self.fingerprint if path else None, create_folder=False
            )
        except journal_module.ChangedOnDisk as error:
            theirs = None
            with contextlib.suppress(OSError):
                theirs = self.journal.fingerprint_of(error.path)
            return ChangedOnDisk(error.path, theirs)
        except journal_module.TooLarge as error:
            return TooLarge(error.limit)
        except journal_module.ReadOnlyEntry as error:
            return ReadOnly(str(error))
        except journal_module.CantSave as error:
            return Refused(str(error))
        except OSError as error:
            return Failed(describe_os_error(error), error)
        self.ended = Saved(saved)
        self.discard_draft()
        return self.ended


def _version(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else SCHEMA_VERSION


def resume(
    journal: Journal,
    drafts: DraftStore,
    clock: Callable[[], datetime],
    new_id: Callable[[], str],
    draft: Draft,
    own_prompts: Sequence[OwnPrompt] = (),
) -> tuple[Session, ResumeNote | None]:
    """The session for a draft picked up again, and why it isn't what the draft says, if so.

    A draft that changes a saved reflection edits that file only if it is a plain file
    inside entries/ that this version may change; otherwise the draft becomes a new
    reflection, with an id of its own, and nothing else is touched.
    """
    entry: Entry | None = None
    path: Path | None = None
    note: ResumeNote | None = None
    if draft.editing:
        path = journal.entry_path(draft.editing)
        if path is None:
            note = NotInEntries()
        else:
            try:
                loaded = journal.load(path)[0]
            except FileNotFoundError:
                note = Unreadable(path.name, gone=True)
            except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
                note = Unreadable(path.name, gone=False)
            else:
                if loaded.is_from_newer_version:
                    note, path = WrittenByNewer(path.name), None
                else:
                    entry = loaded
        if path is None:  # a new reflection: with an id of its own
            draft = replace(draft, editing=None, base_fingerprint=None, entry_id=new_id())
    session = Session(
        journal, drafts, clock, new_id,
        entry=entry, entry_path=path, draft=draft, own_prompts=own_prompts,
    )  # fmt: skip
    return session, note
