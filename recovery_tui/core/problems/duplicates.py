"""Two files in ``entries/`` holding the same reflection: the same entry id. No Textual here.

Sync tools and copied folders leave such copies beside the original: ``name (1).toml``,
``name-DESKTOP-ABC.toml``, ``name (Case Conflict).toml``, ``name-2.toml``; a copy made by
hand can have any name. Each shows as a reflection of its own, so the id, not the name, is
what finds them. The file with the name this app gave the entry (else the shortest name) is
taken as the original; every other one is a "duplicate" problem pointing at it, settled like
a sync conflict by `conflicts.resolve_conflict` (keep one, or keep both: the copy then gets
an id of its own). Nothing here changes a file.
"""

from __future__ import annotations

from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.journal import named_for
from recovery_tui.core.problems.explain import Problem


def duplicate_problems(folder: Path, ids: dict[str, str]) -> list[Problem]:
    """A "duplicate" problem for every copy among the files in `folder` that share an id.

    `ids` maps each file name to the id of the entry in it (readable entries only)."""
    names_by_id: dict[str, list[str]] = {}
    for name, entry_id in ids.items():
        names_by_id.setdefault(entry_id, []).append(name)
    problems: list[Problem] = []
    for entry_id, names in names_by_id.items():
        if len(names) < 2:
            continue
        original = min(names, key=lambda name: (not named_for(name, entry_id), len(name), name))
        for name in sorted(names):
            if name != original:
                problems.append(_duplicate(folder / name, folder / original))
    return problems


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return fsutil.read_file(one, fsutil.MAX_ENTRY_BYTES) == fsutil.read_file(
            other, fsutil.MAX_ENTRY_BYTES
        )
    except (OSError, fsutil.TooLargeToRead):
        return False


def _duplicate(copy: Path, original: Path) -> Problem:
    if _same_bytes(copy, original):
        alike = "The two files are exactly alike, so keeping one loses nothing."
    else:
        alike = "They differ, so have a look at both before you choose."
    return Problem(
        copy,
        "duplicate",
        "",
        f"This file and {original.name} hold the same reflection (the same id), so it "
        f"shows twice. A sync tool or a copied folder may have made the copy. {alike} Choose "
        "which to keep, or keep both (the copy then gets an id of its own); the one you "
        "don't keep goes to the trash folder, nothing is deleted.",
        original,
    )
