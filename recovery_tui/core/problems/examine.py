"""Reading and checking one file: read once (never a FIFO or a device), decoded, parsed and
validated. Never changes a file. No Textual here, and no pydantic at import time: the model
layer is loaded on first check."""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_tui.core import fsutil
from recovery_tui.core.problems.explain import (
    LEFT_AS_IS,
    Problem,
    foreign_problem,
    invalid_problem,
    newer_readable_problem,
    toml_problem,
    too_large_problem,
    unreadable_problem,
)

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry


@dataclass(frozen=True)
class Examined:
    problem: Problem | None
    entry: Entry | None = None  # the validated entry, if the file is a readable entry
    raw: bytes | None = None


class Gone(Exception):
    """The file vanished between listing and reading (another window, a sync tool)."""


def _read(path: Path, limit: int) -> bytes | Problem:
    """The file's bytes (at most `limit` + 1 of them), or the Problem that stops reading.
    Only a regular file is opened: a socket can't be, and a FIFO or a device may never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise Gone from None
    except OSError as error:
        return unreadable_problem(path, error)
    if not stat.S_ISREG(mode):
        return foreign_problem(path, folder=stat.S_ISDIR(mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: swapped for a FIFO since, it still can't hang
    except FileNotFoundError:
        raise Gone from None
    except OSError as error:
        return unreadable_problem(path, error)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return foreign_problem(path, folder=True)
        if not stat.S_ISREG(info.st_mode):
            return foreign_problem(path, folder=False)
        if info.st_size > limit:
            return too_large_problem(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limit:  # it grew after the size check
            return too_large_problem(path, len(raw), limit)
        return fsutil.unseal_for(path, raw) if fsutil.is_age(raw) else raw
    except OSError as error:
        return unreadable_problem(path, error)
    finally:
        os.close(fd)


def _declared_version(data: dict[str, Any]) -> int | None:
    version = data.get("schema_version")
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def examine(path: Path) -> Examined:
    """Read, decode, parse and validate one file. Raises Gone if it vanished."""
    from pydantic import ValidationError

    from recovery_tui.core import tomlio
    from recovery_tui.core.models import SCHEMA_VERSION, Entry

    raw = _read(path, tomlio.MAX_FILE_BYTES)
    if isinstance(raw, Problem):
        return Examined(raw)
    try:
        text = tomlio.decode(raw)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        where = f"byte {error.start}, line {line}"
        return Examined(
            Problem(
                path,
                "not_utf8",
                where,
                f"This file isn't UTF-8 text (the first byte that doesn't fit is byte "
                f"{error.start}, on line {line}), so it can't be opened. It may have been "
                f"saved in another encoding. {LEFT_AS_IS}; save it as UTF-8 in a text editor "
                "and it will show up again.",
            ),
            raw=raw,
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Examined(toml_problem(path, error), raw=raw)
    except RecursionError:
        return Examined(
            Problem(
                path,
                "not_toml",
                "",
                "This file nests lists or tables too deeply to read, so it can't be opened. "
                f"{LEFT_AS_IS}; if it isn't a reflection, move it out of the entries folder.",
            ),
            raw=raw,
        )
    if not data:
        return Examined(
            Problem(
                path,
                "invalid",
                "",
                "This file is empty: there's no reflection in it. A program may have stopped "
                f"while writing it. {LEFT_AS_IS}; if you don't need it, move it out of the "
                "entries folder.",
            ),
            raw=raw,
        )
    declared = _declared_version(data)
    newer = declared if declared is not None and declared > SCHEMA_VERSION else None
    try:
        entry = Entry.model_validate(data)
    except ValidationError as error:
        return Examined(invalid_problem(path, error, newer), raw=raw)
    except (RecursionError, ValueError, TypeError):
        return Examined(
            Problem(
                path,
                "invalid",
                "",
                "recovery-tui couldn't make sense of this file, so it can't be opened. "
                f"{LEFT_AS_IS}.",
            ),
            raw=raw,
        )
    if entry.is_from_newer_version:
        return Examined(newer_readable_problem(path, entry.schema_version), entry, raw)
    return Examined(None, entry, raw)


def check_file(path: Path) -> Problem | None:
    """What is wrong with one entry file, or None if it is a readable entry of this version.

    Reads the file once and never changes it. Never raises for anything in the file: a file
    that can't be read at all is an "unreadable" problem. It looks at the content only;
    `find_problems` also sorts out conflict copies and non-.toml files by their names.
    """
    try:
        return examine(path).problem
    except Gone:
        return Problem(
            path,
            "unreadable",
            "",
            "This file isn't there any more. Another window or a sync tool may have moved "
            "it; nothing was changed.",
        )
