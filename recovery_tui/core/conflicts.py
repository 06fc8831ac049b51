"""Settling a sync conflict or a duplicate: keep the original, the copy, or both. No Textual
here.

Nothing is deleted outright: the side that is not kept goes to ``trash/``. Keeping both gives
the copy an id of its own, so the two are never mistaken for one reflection again.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from recovery_tui.core import fsutil, trash
from recovery_tui.core.journal import Journal
from recovery_tui.core.problems.examine import Examined, Gone, examine
from recovery_tui.core.problems.explain import Problem
from recovery_tui.core.sync import hook
from recovery_tui.core.sync_names import conflict_original

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry

# --- resolving a conflict ------------------------------------------------------------------

ConflictChoice = Literal["keep_original", "keep_copy", "keep_both"]


@dataclass(frozen=True)
class Resolution:
    """What resolving a conflict did: the entry files kept and where the rest went."""

    kept: tuple[Path, ...]
    trashed: tuple[Path, ...]


_WHY_NOT = {
    "not_toml": "it isn't valid TOML",
    "invalid": "some of it doesn't fit what an entry holds",
    "newer_version": "a newer version of recovery-tui wrote it",
    "not_utf8": "it isn't UTF-8 text",
    "too_large": "it's far too large for an entry",
    "unreadable": "it can't be read",
    "foreign": "it isn't a regular file",
}


def _copy_must_open(examined: Examined, what: str) -> Entry:
    """The copy's entry; ValueError (saying why, and that nothing changed) if it has none."""
    if examined.entry is None:
        kind = examined.problem.kind if examined.problem else ""
        why = _WHY_NOT.get(kind, "it can't be read")
        raise ValueError(
            f"This copy can't be opened ({why}), so it "
            f"can't {what}. Nothing was changed; keep the original, or fix the copy in a "
            "text editor first."
        )
    return examined.entry


def resolve_conflict(journal: Journal, problem: Problem, choice: str) -> Resolution:
    """Settle a conflict copy or a duplicate (a copy with the same entry id, see
    `duplicates`). Nothing is deleted: the losing side goes to ``trash/``.

    - "keep_original": the copy goes to the trash.
    - "keep_copy": the original goes to the trash, the copy's exact bytes take the
      original's name (atomically), then the copy goes to the trash.
    - "keep_both": the copy is saved as a new entry with a new id, then goes to the trash.

    Raises ValueError (with a plain message; nothing changed) if the choice can't be done,
    e.g. the copy doesn't validate for "keep_copy" or "keep_both".
    """
    from recovery_tui.core.models import new_id

    paths = journal.paths
    copy = problem.path
    if problem.kind == "conflict":
        original = conflict_original(copy)
    elif problem.kind == "duplicate":
        original = problem.original
    else:
        original = None
    if original is None:
        raise ValueError(f"{copy.name} isn't a conflict copy or a duplicate. Nothing was changed.")
    if choice not in ("keep_original", "keep_copy", "keep_both"):
        raise ValueError(f"Unknown choice {choice!r}. Nothing was changed.")
    if not os.path.lexists(copy):
        raise ValueError(f"{copy.name} isn't there any more. Nothing was changed.")
    original_exists = os.path.lexists(original)

    if choice == "keep_original":
        if not original_exists:
            raise ValueError(
                f"{original.name} isn't there any more, so there's no original to keep. "
                "Nothing was changed; keep the copy instead."
            )
        return Resolution((original,), (trash.move_to_trash(paths, copy),))

    try:
        examined = examine(copy)
    except Gone:
        raise ValueError(f"{copy.name} isn't there any more. Nothing was changed.") from None

    if choice == "keep_copy":
        _copy_must_open(examined, "replace the original")
        assert examined.raw is not None
        trashed: list[Path] = []
        if original_exists:
            trashed.append(trash.move_to_trash(paths, original))
        try:
            fsutil.atomic_write(original, examined.raw, new=True)
        except BaseException:
            if trashed:  # put the original back where it was
                with contextlib.suppress(OSError):
                    trash.move_back(trashed[0], original)
            raise
        trashed.append(trash.move_to_trash(paths, copy))
        hook.note(paths.root, "Settled a conflict: kept the copy", original)
        return Resolution((original,), tuple(trashed))

    entry = _copy_must_open(examined, "be kept as an entry of its own")
    if entry.is_from_newer_version:
        raise ValueError(
            "A newer version of recovery-tui wrote this copy, so this version can't save it "
            "as a new entry. Nothing was changed; update recovery-tui, or keep the copy in "
            "place of the original."
        )
    saved = journal.save(
        entry.model_copy(update={"id": new_id()}), action="Settled a conflict: kept both"
    )
    kept = (original, saved) if original_exists else (saved,)
    return Resolution(kept, (trash.move_to_trash(paths, copy),))
