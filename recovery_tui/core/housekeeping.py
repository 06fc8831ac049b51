"""Housekeeping: temp files that interrupted writes and closed editors left behind are
removed. The one place outside saving that deletes files, and only those. No Textual here."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.paths import JournalPaths


def clean_stale_temp_files(
    paths: JournalPaths, older_than: float = 600.0, now: float | None = None
) -> list[Path]:
    """Remove temp files our own interrupted writes left in entries/, drafts/ and trash/,
    and answers an editor had open in editing/ when the app or terminal was closed.

    Only names matching `fsutil.is_our_temp_file` (or `editor.is_editor_temp_file` in
    editing/), only regular files, and only those last modified more than `older_than`
    seconds ago (a younger one may be another window's write in progress); in editing/ only
    after `editor.STALE_AFTER_SECONDS`, as an editor may be open there for a long time.
    Words an editor couldn't bring back (``kept-...``, see `editor.KEPT_PREFIX`) are the
    person's own writing and are never removed. Nothing else is ever removed. Returns what
    was removed.
    """
    from recovery_tui.core import editor

    now = time.time() if now is None else now
    removed: list[Path] = []
    for folder in (paths.entries, paths.drafts, paths.trash):
        removed.extend(_clean_folder(folder, older_than, now, fsutil.is_our_temp_file))
    removed.extend(
        _clean_folder(
            paths.editing,
            max(older_than, editor.STALE_AFTER_SECONDS),
            now,
            editor.is_editor_temp_file,
        )
    )
    return removed


def _clean_folder(
    folder: Path, older_than: float, now: float, is_temp: Callable[[str], bool]
) -> list[Path]:
    removed: list[Path] = []
    try:
        with os.scandir(folder) as listing:
            candidates = [item for item in listing if is_temp(item.name)]
    except OSError:
        return removed
    for item in candidates:
        try:
            info = item.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime <= older_than:
                continue
            os.unlink(item.path)
        except OSError:
            continue
        removed.append(Path(item.path))
    if removed:
        with contextlib.suppress(OSError):
            fsutil.fsync_dir(folder)
    return removed
