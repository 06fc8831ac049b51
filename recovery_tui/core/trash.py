"""The journal's trash folder: files set aside, never deleted. No Textual here.

``<journal>/trash/`` (0700) holds files the person chose not to keep, e.g. the losing side of
a sync conflict. A move never replaces a file already there: a clashing name gets a numbered
suffix (``name (trashed 2).toml``), and a restore that would clash does the same in
``entries/`` (``name (2).toml``). Both folders are fsynced after every move.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.sync import hook

_TRASHED_SUFFIX = re.compile(r"^(?P<stem>.+) \(trashed \d+\)(?P<ext>\.[^.]*)?$")
_MAX_TRIES = 10_000


def _split(name: str) -> tuple[str, str]:
    """``a.b.toml`` -> (``a.b``, ``.toml``); a name without a dot has no extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + ext


def _candidates(name: str, label: str) -> list[str]:
    stem, ext = _split(name)
    return [name, *(f"{stem} ({label}{n}){ext}" for n in range(2, _MAX_TRIES))]


def _move_no_replace(source: Path, target: Path) -> None:
    """Move `source` to `target` in the same filesystem; FileExistsError if `target` exists.

    A hard link then an unlink is a move that can never replace a file (rename would). A
    crash between the two leaves the file under both names, never under none. Filesystems
    without hard links fall back to check-then-rename.
    """
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}:
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.rename(source, target)
        return
    try:
        os.unlink(source)
    except BaseException:
        # The file is now under both names; take the new one away again.
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _move_into(source: Path, folder: Path, name: str, label: str) -> Path:
    for candidate in _candidates(name, label):
        target = folder / candidate
        try:
            _move_no_replace(source, target)
        except FileExistsError:
            continue
        fsutil.fsync_dir(folder)
        fsutil.fsync_dir(source.parent)
        return target
    raise FileExistsError(errno.EEXIST, "No free name left", str(folder / name))


def move_to_trash(paths: JournalPaths, path: Path) -> Path:
    """Move one file of the journal into ``trash/``; returns where it went.

    The file is renamed, never copied, rewritten or deleted. Raises ValueError for a folder
    or for a file that is already in the trash, and OSError if the move itself fails (the
    file then stays where it was).
    """
    if path.is_dir() and not path.is_symlink():
        raise ValueError(f"{path.name} is a folder; only files go to the trash.")
    if path.parent.absolute() == paths.trash.absolute():
        raise ValueError(f"{path.name} is already in the trash.")
    if not os.path.lexists(path):
        raise FileNotFoundError(errno.ENOENT, "No such file", str(path))
    fsutil.ensure_private_dir(paths.trash)
    target = _move_into(path, paths.trash, path.name, "trashed ")
    hook.note(paths.root, "Moved to the trash", path, target)
    return target


def original_name(trashed_name: str) -> str:
    """The name a trashed file had before a clash gave it a ``(trashed N)`` suffix."""
    match = _TRASHED_SUFFIX.match(trashed_name)
    if not match:
        return trashed_name
    return match.group("stem") + (match.group("ext") or "")


def restore_from_trash(paths: JournalPaths, trashed: Path) -> Path:
    """Move a trashed file back into ``entries/`` under its original name, or ``name (2)``
    if that name is taken. Returns the restored path."""
    if trashed.parent.absolute() != paths.trash.absolute():
        raise ValueError(f"{trashed.name} isn't in the trash folder.")
    if not os.path.lexists(trashed):
        raise FileNotFoundError(errno.ENOENT, "No such file", str(trashed))
    fsutil.ensure_private_dir(paths.entries)
    target = _move_into(trashed, paths.entries, original_name(trashed.name), "")
    hook.note(paths.root, "Restored from the trash", trashed, target)
    return target


def move_back(trashed: Path, target: Path) -> None:
    """Undo a move to the trash: `trashed` back to exactly `target`, which must be free."""
    _move_no_replace(trashed, target)
    fsutil.fsync_dir(target.parent)
    fsutil.fsync_dir(trashed.parent)


def trashed_files(paths: JournalPaths) -> list[Path]:
    """Files in the trash, by name (hidden files and our temp files left out)."""
    try:
        names = [
            entry.name
            for entry in os.scandir(paths.trash)
            if not entry.name.startswith(".") and not entry.is_dir(follow_symlinks=False)
        ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [paths.trash / name for name in sorted(names)]
