"""Reflections in progress, kept in ``drafts/`` so nothing typed is lost. No Textual here.

A draft is the session's form values plus which panel it was on, written atomically (0600)
as ``drafts/<entry id>.toml``. It is removed once the reflection is saved or discarded.
"""

from __future__ import annotations

import contextlib
import errno
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from recovery_tui.core import fsutil
from recovery_tui.core.form import FormValues
from recovery_tui.paths import JournalPaths

DRAFT_VERSION = 1


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
    #: File name (under entries/) of the entry being edited, if this is an edit.
    editing: str | None = None
    #: Fingerprint of the entry file as it was when editing began.
    base_fingerprint: str | None = None

    @property
    def company(self) -> str:
        company = self.values.get("about.company")
        return company.strip() if isinstance(company, str) and company.strip() else "Untitled"


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


def _from_toml(text: str) -> Draft:
    data = tomllib.loads(text)
    values = data.get("values", {})
    if not isinstance(values, dict):
        raise ValueError("values is not a table")
    return Draft(
        id=str(data["id"]),
        entry_id=str(data.get("entry_id", data["id"])),
        created=data["created"],
        updated=data["updated"],
        panel=int(data.get("panel", 1)),
        values=values,
        editing=data.get("editing"),
        base_fingerprint=data.get("base_fingerprint"),
    )


class DraftStore:
    def __init__(self, paths: JournalPaths) -> None:
        self.folder = paths.drafts
        self.root = paths.root

    def path_for(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}.toml"

    def save(self, draft: Draft) -> Path:
        if not self.root.is_dir():  # never recreate a journal folder that was removed
            raise FileNotFoundError(errno.ENOENT, "The journal folder is gone", str(self.root))
        fsutil.ensure_private_dir(self.folder)
        path = self.path_for(draft.id)
        fsutil.atomic_write(path, _to_toml(draft).encode("utf-8"))
        return path

    def remove(self, draft_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_for(draft_id).unlink()
            fsutil.fsync_dir(self.folder)

    def load_all(self) -> list[Draft]:
        """Every readable draft, most recently updated first. Broken drafts are left alone,
        and so is anything that isn't a regular file (a FIFO would block the read) or whose
        name isn't UTF-8; ``problems.find_problems`` lists those."""
        drafts: list[Draft] = []
        try:
            paths = sorted(self.folder.glob("*.toml"))
        except OSError:
            return []
        for path in paths:
            if path.name.startswith(".") or not fsutil.is_text_name(path.name):
                continue
            try:
                text = fsutil.read_regular(path).decode("utf-8")
                drafts.append(_from_toml(text.replace("\r\n", "\n").replace("\r", "\n")))
            except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
                continue
        drafts.sort(key=lambda d: d.updated, reverse=True)
        return drafts
