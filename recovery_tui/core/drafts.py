"""Reflections in progress, kept in ``drafts/`` so nothing typed is lost. No Textual here.

A draft is the session's form values plus which panel it was on, written atomically (0600)
as ``drafts/<draft id>.toml``. It is removed once the reflection is saved or discarded.

A draft file is checked as strictly as an entry: one that can't be used as it is (not TOML,
dates that aren't dates, a choice this version doesn't know, a newer draft format, not a
regular file, too large) is listed as damaged and left exactly as it is; it is never
resumed, rewritten or removed. Reading and writing share one size limit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from recovery_tui.core import fsutil
from recovery_tui.core.form import FormValues
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.prompts import OWN_PREFIX, PROMPTS

DRAFT_VERSION = 1
#: Larger than a reflection may be (tomlio.MAX_FILE_BYTES, 4 MB): an answer too long to save
#: as a reflection is still kept as a draft while it is shortened. Reading and writing a
#: draft share this limit, so a draft that was written can always be read back.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: A draft id is also its file name: letters, digits, - and _ only (never a path).
_DRAFT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: The id the reflection gets: what `models.Entry` accepts (lowercase hex, 8 or more).
_ENTRY_ID = re.compile(r"^[0-9a-f]{8,64}$")
_TEXT_KINDS = frozenset({"line", "text", "lines", "tags", "date", "actions"})


@dataclass
class Draft:
    #: This draft's own id: one per writing session, so two windows never share a draft.
    id: str
    #: The id the entry has (or will have once saved).
    entry_id: str
    created: datetime
    updated: datetime
    panel: int = 1
    values: FormValues = field(default_factory=dict)
    #: File name (under entries/) of the entry being edited, if this is an edit. Read from a
    #: file, so only ever used through `Journal.entry_path`.
    editing: str | None = None
    #: Fingerprint of the entry file as it was when editing began.
    base_fingerprint: str | None = None

    @property
    def company(self) -> str:
        company = self.values.get("about.company")
        return company.strip() if isinstance(company, str) and company.strip() else "Untitled"


def ago(then: datetime, now: datetime) -> str:
    """When, in plain words: "just now", "5 minutes ago", "3 hours ago", "yesterday",
    "4 days ago", and from a week on the date itself."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return "a minute ago" if minutes == 1 else f"{minutes} minutes ago"
    if seconds < 86400:
        hours = int(seconds // 3600)
        return "an hour ago" if hours == 1 else f"{hours} hours ago"
    days = (now.date() - then.astimezone(now.tzinfo).date()).days
    if days <= 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return then.astimezone(now.tzinfo).date().isoformat()


def describe(draft: Draft, now: datetime) -> str:
    """What a draft holds, in one line: "Acme · step 2 · 3 hours ago" (with "changes to"
    before the company when it edits a saved reflection)."""
    what = f"changes to {draft.company}" if draft.editing else draft.company
    return f"{what}  ·  step {draft.panel}  ·  {ago(draft.updated, now)}"


@dataclass(frozen=True)
class DamagedDraft:
    """A file in ``drafts/`` that can't be resumed as it is; it is left alone."""

    path: Path
    #: Why, in plain words, e.g. "its dates aren't dates". Never quotes what was typed.
    reason: str


class DraftDamaged(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DraftTooLarge(ValueError):
    """The draft would be larger than a draft file the app reads back (MAX_FILE_BYTES)."""


def is_draft_id(value: object) -> bool:
    return isinstance(value, str) and bool(_DRAFT_ID.match(value))


def _to_toml(draft: Draft) -> str:
    data: dict[str, Any] = {
        "draft_version": DRAFT_VERSION,
        "id": draft.id,
        "entry_id": draft.entry_id,
        "created": draft.created,
        "updated": draft.updated,
        "panel": draft.panel,
    }
    if draft.editing:
        data["editing"] = draft.editing
    if draft.base_fingerprint:
        data["base_fingerprint"] = draft.base_fingerprint
    data["values"] = {k: v for k, v in draft.values.items() if v is not None}
    return tomli_w.dumps(data, multiline_strings=True)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _moment(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise DraftDamaged("its dates aren't dates")
    return value


def _check_value(path: str, value: Any) -> None:
    if path.startswith(OWN_PREFIX):  # one of your own prompts: a line or a long answer
        if not isinstance(value, str):
            raise DraftDamaged("the answer to one of your own prompts isn't text")
        return
    prompt = PROMPTS.get(path)
    if prompt is None:  # resuming would drop it: what was typed there would be lost
        raise DraftDamaged("it holds an answer to a question this version doesn't ask")
    kind = prompt.kind
    if kind in _TEXT_KINDS:
        ok = isinstance(value, str)
    elif kind == "choice":
        assert prompt.choices is not None
        ok = isinstance(value, str) and (value == "" or value in {str(c) for c in prompt.choices})
    elif kind == "multi":
        assert prompt.choices is not None
        allowed = {str(c) for c in prompt.choices}
        ok = isinstance(value, list) and all(
            isinstance(item, str) and item in allowed for item in value
        )
    elif kind == "rating":
        ok = _is_int(value) and prompt.low <= value <= prompt.high
    elif kind == "feelings":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    else:
        ok = False
    if not ok:
        raise DraftDamaged(f"the answer to “{prompt.label}” isn't one this version can show")


def parse_draft(text: str, name: str) -> Draft:
    """Read one draft file's text (its file is ``<name>.toml``). Raises DraftDamaged."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise DraftDamaged("it isn't valid TOML") from None
    except RecursionError:
        raise DraftDamaged("it is nested too deeply to read") from None
    version = data.get("draft_version", DRAFT_VERSION)
    if not _is_int(version):
        raise DraftDamaged("its format version isn't a number")
    if version > DRAFT_VERSION:
        raise DraftDamaged("a newer version of recovery-tui wrote it")
    # The file name is the draft's id: writing it back or removing it touches this file only.
    if not is_draft_id(name):
        raise DraftDamaged("its file name isn't one recovery-tui gives a draft")
    if not isinstance(data.get("id", name), str):
        raise DraftDamaged("its id isn't text")
    entry_id = data.get("entry_id", data.get("id", name))
    if not isinstance(entry_id, str) or not _ENTRY_ID.match(entry_id):
        raise DraftDamaged("its reflection id isn't one recovery-tui makes")
    created, updated = _moment(data, "created"), _moment(data, "updated")
    panel = data.get("panel", 1)
    if not _is_int(panel):
        raise DraftDamaged("its step isn't a number")
    editing = data.get("editing")
    base = data.get("base_fingerprint")
    if editing is not None and not isinstance(editing, str):
        raise DraftDamaged("the reflection it changes isn't named as text")
    if base is not None and not isinstance(base, str):
        raise DraftDamaged("its fingerprint isn't text")
    values = data.get("values", {})
    if not isinstance(values, dict):
        raise DraftDamaged("its answers aren't a table")
    for path, value in values.items():
        _check_value(path, value)
    return Draft(
        id=name,
        entry_id=entry_id,
        created=created,
        updated=updated,
        panel=panel,
        values=values,
        editing=editing,
        base_fingerprint=base,
    )


def read_draft(path: Path) -> Draft:
    """Read and check one draft file. Raises DraftDamaged (and OSError if it can't be read)."""
    try:
        raw = fsutil.read_file(path, MAX_FILE_BYTES, follow_symlinks=False)
    except fsutil.NotAFile:
        raise DraftDamaged("it isn't a regular file") from None
    except fsutil.TooLargeToRead:
        raise DraftDamaged("it is too large to be a draft") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise DraftDamaged("it isn't UTF-8 text") from None
    return parse_draft(text, path.name.removesuffix(".toml"))


class DraftStore:
    def __init__(self, paths: JournalPaths) -> None:
        self.folder = paths.drafts
        self.root = paths.root

    def path_for(self, draft_id: str) -> Path:
        if not is_draft_id(draft_id):  # never a path: a draft id is only ever a file name
            raise ValueError(f"{draft_id!r} isn't a draft id")
        return self.folder / f"{draft_id}.toml"

    def save(self, draft: Draft) -> Path:
        """Write the draft. DraftTooLarge (nothing written) if it is larger than a draft that
        is read back; the draft kept before, if any, stays as it was."""
        if not self.root.is_dir():  # never recreate a journal folder that was removed
            raise FileNotFoundError(errno.ENOENT, "The journal folder is gone", str(self.root))
        path = self.path_for(draft.id)
        data = _to_toml(draft).encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise DraftTooLarge(f"the draft would be larger than {MAX_FILE_BYTES} bytes")
        fsutil.ensure_private_dir(self.folder)
        fsutil.atomic_write(path, data)
        return path

    def discard(self, draft: Draft) -> None:
        """The person chose to throw this draft away (they were asked first): its file goes.
        A saved reflection it was changing stays as it was."""
        self.remove(draft.id)

    def remove(self, draft_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_for(draft_id).unlink()
            fsutil.fsync_dir(self.folder)

    def load(self) -> tuple[list[Draft], list[DamagedDraft]]:
        """Every draft that can be resumed, most recently updated first, and every one that
        can't (by name). Hidden files (our temp files among them) are skipped, and so are
        names that aren't UTF-8 (``problems.scan.find_problems`` lists those)."""
        drafts: list[Draft] = []
        damaged: list[DamagedDraft] = []
        try:
            with os.scandir(self.folder) as listing:
                names = sorted(item.name for item in listing)
        except OSError:
            return [], []
        for name in names:
            if name.startswith(".") or not name.endswith(".toml") or not fsutil.is_text_name(name):
                continue
            path = self.folder / name
            try:
                drafts.append(read_draft(path))
            except DraftDamaged as error:
                damaged.append(DamagedDraft(path, error.reason))
            except FileNotFoundError:
                continue  # removed meanwhile (resumed and saved in another window)
            except OSError as error:
                cause = fsutil.describe_os_error(error)
                damaged.append(DamagedDraft(path, f"it can't be read ({cause})"))
        drafts.sort(key=lambda d: d.updated, reverse=True)
        return drafts, damaged

    def load_all(self) -> list[Draft]:
        """Every draft that can be resumed, most recently updated first."""
        return self.load()[0]
