"""Turning a journal's files into age files and back, one atomic step per file. No Textual here.

Each file is read, encrypted (or decrypted) and written over itself with
`fsutil.atomic_write` under the journal's write lock, so a kill at any moment leaves it
whole in its old or its new form; a second run skips the files already done.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.crypto.keys import JournalKey

#: The largest file converted (an entry is a few KB; the readers' own limits are lower).
MAX_BYTES = 16 * 1024 * 1024


@dataclass
class Converted:
    done: int = 0
    already: int = 0
    skipped: list[Path] = field(default_factory=list)  # couldn't be read or decrypted


def sealed_files(root: Path) -> Iterator[Path]:
    """Every file an encrypted journal keeps encrypted, sorted (our temp files left out)."""
    root = Path(root)
    for folder_name in sorted(fsutil.SEALED_FOLDERS):
        folder = root / folder_name
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or fsutil.is_our_temp_file(path.name):
                continue
            if path.is_file() and not path.is_symlink():
                yield path
    for name in sorted(fsutil.SEALED_FILES):
        path = root / name
        if path.is_file() and not path.is_symlink():
            yield path


def _convert_one(path: Path, change: Callable[[bytes], bytes | None]) -> bool | None:
    """True if converted, False if already in the wanted form, None if it couldn't be."""
    try:
        data = fsutil.read_file(path, MAX_BYTES, follow_symlinks=False, raw=True)
    except (OSError, ValueError):
        return None
    new = change(data)
    if new is None:
        return False
    info = path.stat()
    fsutil.atomic_write(path, new, raw=True)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the journal's order stays
    return True


def convert(
    root: Path,
    key: JournalKey,
    *,
    to_age: bool,
    progress: Callable[[int], None] | None = None,
) -> Converted:
    """Encrypt (``to_age``) or decrypt every kept-encrypted file of the journal at `root`."""

    def change(data: bytes) -> bytes | None:
        if fsutil.is_age(data) == to_age:
            return None
        return key.seal(data) if to_age else key.unseal(data)

    result = Converted()
    for count, path in enumerate(sealed_files(root), 1):
        with fsutil.write_lock(root):
            try:
                outcome = _convert_one(path, change)
            except fsutil.JournalLocked:  # an age file for another key
                outcome = None
        if outcome is None:
            result.skipped.append(path)
        elif outcome:
            result.done += 1
        else:
            result.already += 1
        if progress is not None:
            progress(count)
    return result
