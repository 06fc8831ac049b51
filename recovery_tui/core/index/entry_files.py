"""Listing and reading the entry files for the index. No Textual here.

Each file is read with the app's one reader (`fsutil.read_file_and_stat`: a FIFO or a device
is never opened), parsed with tomllib and picked out by `extract`.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.index.extract import Extract, NotAnEntry, extract, from_view
from recovery_tui.core.index.model_view import validated
from recovery_tui.core.sync_names import is_conflict_copy

MAX_FILE_BYTES = fsutil.MAX_ENTRY_BYTES


Stamp = tuple[int, int]  # (size, mtime_ns)


def read_entry_file(path: str | os.PathLike[str]) -> tuple[Stamp, Extract | None]:
    """Read, parse and pick out one entry file: the model's values if the entry model accepts
    it (see `model_view`), else what fits of its main fields; None if it isn't an entry.
    Also the file's (size, mtime_ns) as read. Raises FileNotFoundError if it vanished, and
    another OSError if it can't be read (a FIFO or a device is never opened: `fsutil.read_file`).
    Tests spy on this to count parses."""
    try:
        raw, info = fsutil.read_file_and_stat(path, MAX_FILE_BYTES)
    except fsutil.TooLargeToRead as error:
        if error.info is None:  # it grew while being read: read again next time
            raise OSError(f"{Path(path).name} grew while being read") from None
        return (error.info.st_size, error.info.st_mtime_ns), None
    stamp = (info.st_size, info.st_mtime_ns)
    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
        found = validated(data)
        return stamp, from_view(found, data) if found is not None else extract(data)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, NotAnEntry):
        return stamp, None
    except (ValueError, TypeError, OverflowError):
        return stamp, None


def _listed(name: str) -> bool:
    return (
        name.endswith(".toml")
        and not name.startswith(".")
        and not fsutil.is_our_temp_file(name)
        and not is_conflict_copy(name)
        and fsutil.is_text_name(name)  # the index stores names as text; problems lists it
    )


def scan_entries(folder: Path, *, stamps: bool = True) -> dict[str, Stamp | None]:
    """File name -> (size, mtime_ns) of every candidate entry file in `folder`. Without
    `stamps` (when every file is to be read anyway), None for each: no stat per file."""
    found: dict[str, Stamp | None] = {}
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if not _listed(item.name):
                    continue
                try:
                    if not stamps:
                        if item.is_file():
                            found[item.name] = None
                        continue
                    info = item.stat()
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found[item.name] = (info.st_size, info.st_mtime_ns)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    return found
