"""Files in ``entries/`` that can't be shown as entries, and sync-tool conflict copies.

Checking never changes a file: each one is read once, decoded, parsed and validated, and
what is wrong is said in plain words with where it is (a line and column, a field, a byte).
Explanations never quote the file's text. Conflict copies are listed here and settled in
`conflicts`; their names are recognised in `sync_names`.

No Textual here, and no pydantic at import time (``journal`` imports this module and must
stay quick to import): the model layer is loaded on first check.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from recovery_tui.core import fsutil
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.sync_names import conflict_match, is_conflict_copy

if TYPE_CHECKING:
    from pydantic import ValidationError

    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import Entry

ProblemKind = Literal[
    "not_toml", "invalid", "newer_version", "not_utf8", "too_large", "unreadable", "conflict",
    "foreign", "bad_name", "duplicate",
]  # fmt: skip

LEFT_AS_IS = "The file is left exactly as it is"


@dataclass(frozen=True)
class Problem:
    """One file in ``entries/`` that needs a look."""

    path: Path
    kind: str
    #: Where in the file: "line 3, column 5", a field label, "byte 120, line 4", or "".
    where: str
    #: What is wrong, that the file is untouched, and what to do. Never quotes the file.
    explanation: str
    #: For a conflict copy or a duplicate: the entry it is a copy of, if that file exists.
    original: Path | None = None


def shown_path(path: Path, root: Path) -> str:
    """Where a problem is, as a person reads it: relative to the journal folder when it is
    inside it, ``~/...`` otherwise; bytes of a name that aren't UTF-8 as ``\\xff``."""
    from recovery_tui.core.paths import display_path

    try:
        name = str(path.relative_to(root))
    except ValueError:
        name = display_path(path)
    return fsutil.shown_name(name)


# --- checking one file ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Examined:
    problem: Problem | None
    entry: Entry | None = None  # the validated entry, if the file is a readable entry
    raw: bytes | None = None


class _Gone(Exception):
    """The file vanished between listing and reading (another window, a sync tool)."""


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


def _read(path: Path, limit: int) -> bytes | Problem:
    """The file's bytes (at most `limit` + 1 of them), or the Problem that stops reading.
    Only a regular file is opened: a socket can't be, and a FIFO or a device may never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise _Gone from None
    except OSError as error:
        return _unreadable(path, error)
    if not stat.S_ISREG(mode):
        return _foreign(path, folder=stat.S_ISDIR(mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: swapped for a FIFO since, it still can't hang
    except FileNotFoundError:
        raise _Gone from None
    except OSError as error:
        return _unreadable(path, error)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return _foreign(path, folder=True)
        if not stat.S_ISREG(info.st_mode):
            return _foreign(path, folder=False)
        if info.st_size > limit:
            return _too_large(path, info.st_size, limit)
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
            return _too_large(path, len(raw), limit)
        return raw
    except OSError as error:
        return _unreadable(path, error)
    finally:
        os.close(fd)


def _unreadable(path: Path, error: OSError) -> Problem:
    cause = fsutil.describe_os_error(error)
    if isinstance(error, PermissionError):
        todo = "check who owns it and its permissions (e.g. chmod 600), then check again."
    else:
        todo = "check the disk, then check again."
    return Problem(
        path,
        "unreadable",
        "",
        f"recovery-tui couldn't read this file ({cause}). {LEFT_AS_IS}; {todo}",
    )


def _foreign(path: Path, *, folder: bool) -> Problem:
    if folder:
        what = "This is a folder, not an entry"
    elif path.name.endswith(".toml"):
        what = "This isn't a regular file, so it isn't an entry"
    else:
        what = "This isn't a journal entry (entries are .toml files)"
    return Problem(
        path,
        "foreign",
        "",
        f"{what}. recovery-tui leaves it alone; move it out of the entries folder "
        "if you'd like it off this list.",
    )


def bad_name_problem(path: Path, *, draft: bool = False) -> Problem:
    """A file whose name isn't UTF-8 text: it can't be listed, stored in the index or shown,
    so it is skipped everywhere and named here."""
    comes_back = "the draft will show up on home again" if draft else "it will show up again"
    return Problem(
        path,
        "bad_name",
        "",
        "This file's name isn't UTF-8 text (its odd bytes show here as \\xNN), so "
        "recovery-tui can't list it. It may have come from another computer or an old backup. "
        f"{LEFT_AS_IS}; give it a plain name ending in .toml and {comes_back}.",
    )


def _too_large(path: Path, size: int, limit: int) -> Problem:
    return Problem(
        path,
        "too_large",
        "",
        f"This file is {_size(size)}. A reflection is a few KB, so recovery-tui doesn't "
        f"open files over {_size(limit)}. {LEFT_AS_IS}; if it isn't an entry, move it out "
        "of the entries folder.",
    )


#: tomllib's reasons (message prefixes), in plain words.
_TOML_REASONS: tuple[tuple[str, str], ...] = (
    ("Expected newline or end of document", "more text after a value on the same line"),
    ("Invalid statement", "a line that is neither name = value nor a [section] heading"),
    ("Expected '=' after a key", "a line with no '=' after its name"),
    ("Invalid initial character for a key", "a name that starts with a character TOML "
     "doesn't allow"),
    ("Found invalid character", "a character TOML doesn't expect there"),
    ("Cannot declare", "the same section declared twice"),
    ("Cannot overwrite a value", "the same name given a value twice"),
    ("Cannot mutate immutable namespace", "the same name given a value twice"),
    ("Cannot redefine namespace", "the same name given a value twice"),
    ("Duplicate inline table key", "the same name given a value twice"),
    ("Expected ']]'", "a [[list]] heading that isn't closed"),
    ("Expected ']'", "a [section] heading that isn't closed"),
    ("Unclosed array", "a list that isn't closed with ]"),
    ("Unclosed inline table", "a { ... } table that isn't closed"),
    ("Unescaped '\\'", "a backslash that doesn't start a valid escape"),
    ("Invalid hex value", "a backslash escape that isn't valid"),
    ("Escaped character is not", "a backslash escape that isn't valid"),
    ("Unterminated string", "text whose closing quote is missing"),
    ("Illegal character", "a control character (such as a NUL byte) that TOML text can't "
     "contain"),
    ("Invalid date or datetime", "a date or time that doesn't exist"),
    ("Invalid value", "a value TOML can't read (text needs quotes around it)"),
)  # fmt: skip
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")


def _toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    reason = next(
        (plain for prefix, plain in _TOML_REASONS if message.startswith(prefix)),
        "something TOML can't read",
    )
    line = getattr(error, "lineno", None)  # Python 3.14+
    column = getattr(error, "colno", None)
    if line is None:
        match = _TOML_AT.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
    if line is not None:
        where = f"line {line}, column {column}"
        place = f"At {where} "
    elif message.endswith("(at end of document)"):
        where, place = "end of file", "At the end of the file "
    else:
        where, place = "", "Somewhere in it "
    return Problem(
        path,
        "not_toml",
        where,
        f"This file isn't valid TOML, so it can't be opened. {place}there's {reason}. "
        f"{LEFT_AS_IS}; fix that spot in a text editor and it will show up again.",
    )


_SECTION_LABELS = {
    "id": "Entry id",
    "created": "Created",
    "updated": "Last updated",
    "schema_version": "Format version",
    "about": "Company",
}


def _label(path: str, label: str) -> str:
    if label != path:
        return label
    if path in _SECTION_LABELS:
        return _SECTION_LABELS[path]
    from recovery_tui.core.prompts import PANELS

    for panel in PANELS:
        if path == panel.key:
            return panel.title
    return path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _field_message(path: str, message: str) -> str:
    if path in {"created", "updated"} and message != "Field required":
        return "Use a date and time with a time zone, e.g. 2026-11-24 09:30:00+01:00."
    if path == "id" and message != "Field required":
        return "Use 8 or more of the digits 0-9 and the letters a-f."
    if message == "Field required":
        return "It's missing."
    if message.startswith("Input should be a valid dictionary"):
        return "It should be a [section] of its own."
    if message.startswith("Input should be "):
        message = "It should be " + message.removeprefix("Input should be ").split(",")[0]
        return message.rstrip(".") + "."
    return message


def _invalid_problem(path: Path, error: ValidationError, newer: int | None) -> Problem:
    from recovery_tui.core.models import SCHEMA_VERSION, explain

    issues = explain(error)
    labels: list[str] = []
    details: list[str] = []
    for issue in issues:
        label = _label(issue.path, issue.label)
        if label not in labels:
            labels.append(label)
            details.append(f"{label}: {_field_message(issue.path, issue.message)}")
    where = ", ".join(labels)
    if newer is not None:
        return Problem(
            path,
            "newer_version",
            where,
            f"A newer version of recovery-tui wrote this entry (format {newer}; this version "
            f"reads format {SCHEMA_VERSION}), and this version can't open it. {LEFT_AS_IS}; "
            "update recovery-tui to read it.",
        )
    return Problem(
        path,
        "invalid",
        where,
        "Part of this entry can't be read, so it can't be opened. " + " ".join(details) + " "
        f"{LEFT_AS_IS}; fix it in a text editor and it will show up again.",
    )


def _newer_readable(path: Path, version: int) -> Problem:
    from recovery_tui.core.models import SCHEMA_VERSION

    return Problem(
        path,
        "newer_version",
        "Format version",
        f"A newer version of recovery-tui wrote this entry (format {version}; this version "
        f"reads format {SCHEMA_VERSION}). You can read it here but not edit it, so nothing "
        "in it is lost. Update recovery-tui to edit it.",
    )


def _declared_version(data: dict[str, Any]) -> int | None:
    version = data.get("schema_version")
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def _examine(path: Path) -> _Examined:
    """Read, decode, parse and validate one file. Raises _Gone if it vanished."""
    from pydantic import ValidationError

    from recovery_tui.core import tomlio
    from recovery_tui.core.models import SCHEMA_VERSION, Entry

    raw = _read(path, tomlio.MAX_FILE_BYTES)
    if isinstance(raw, Problem):
        return _Examined(raw)
    try:
        text = tomlio.decode(raw)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        where = f"byte {error.start}, line {line}"
        return _Examined(
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
        return _Examined(_toml_problem(path, error), raw=raw)
    except RecursionError:
        return _Examined(
            Problem(
                path,
                "not_toml",
                "",
                "This file nests lists or tables too deeply to read, so it can't be opened. "
                f"{LEFT_AS_IS}; if it isn't an entry, move it out of the entries folder.",
            ),
            raw=raw,
        )
    if not data:
        return _Examined(
            Problem(
                path,
                "invalid",
                "",
                "This file is empty: there's no entry in it. A program may have stopped "
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
        return _Examined(_invalid_problem(path, error, newer), raw=raw)
    except (RecursionError, ValueError, TypeError):
        return _Examined(
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
        return _Examined(_newer_readable(path, entry.schema_version), entry, raw)
    return _Examined(None, entry, raw)


def check_file(path: Path) -> Problem | None:
    """What is wrong with one entry file, or None if it is a readable entry of this version.

    Reads the file once and never changes it. Never raises for anything in the file: a file
    that can't be read at all is an "unreadable" problem. It looks at the content only;
    `find_problems` also sorts out conflict copies and non-.toml files by their names.
    """
    try:
        return _examine(path).problem
    except _Gone:
        return Problem(
            path,
            "unreadable",
            "",
            "This file isn't there any more. Another window or a sync tool may have moved "
            "it; nothing was changed.",
        )


# --- the whole journal ---------------------------------------------------------------------


def _conflict_problem(path: Path) -> Problem:
    match = conflict_match(path.name)
    assert match is not None
    original_name, tool = match
    original = path.with_name(original_name)
    exists = os.path.lexists(original)
    try:
        copy = _examine(path).problem
    except _Gone:
        copy = None
    tool = tool[0].upper() + tool[1:]
    if exists:
        text = (
            f"{tool} made this copy because "
            f"{original_name} changed in two places at once. Both are kept. Choose which to "
            "keep, or keep both; the other goes to the trash folder, nothing is deleted."
        )
    else:
        text = (
            f"{tool} made this copy of "
            f"{original_name}, which isn't in the journal any more. It is kept; choose to "
            "keep it as the entry, or move it to the trash folder."
        )
    if copy is not None and copy.kind != "newer_version":
        text += " This copy can't be opened itself, so only the original can be kept."
    return Problem(path, "conflict", "", text, original if exists else None)


def _folder_problem(folder: Path, error: OSError) -> Problem:
    cause = fsutil.describe_os_error(error)
    return Problem(
        folder,
        "unreadable",
        "",
        f"recovery-tui couldn't look inside the entries folder ({cause}). Nothing was "
        "changed; check the folder's permissions, then check again.",
    )


def find_problems(
    journal: Journal,
    *,
    cache: ProblemCache | None = None,
    stop: Callable[[], bool] | None = None,
    settings_file: Path | None = None,
) -> list[Problem]:
    """Every file that needs a look, by file name: first those under ``entries/``, then
    the odd ones in ``drafts/``, ``practice.toml`` and (if given) the settings file.

    Hidden files (our own temp files among them) are skipped. A name that isn't UTF-8 is
    "bad_name"; conflict copies are "conflict"; anything that isn't a regular .toml file
    (a subfolder, notes.txt, a FIFO or socket) is "foreign"; every other .toml file is
    checked with `check_file`, and a readable entry whose id another one has too is a
    "duplicate" (see `duplicates`). Nothing is changed, and nothing but regular files is
    ever opened.

    With a `cache`, a file whose size and modification time are unchanged since the last
    scan is not read again (what was found in it last time is used), so looking again is
    cheap; `problem_cache` keeps it between runs. `stop` is asked between files; when
    it says yes the scan ends early (with what it found so far).
    """
    from recovery_tui.core.duplicates import duplicate_problems
    from recovery_tui.core.odd_files import outside_entries

    folder = journal.paths.entries
    try:
        with os.scandir(folder) as listing:
            items = [(item.name, _is_dir(item), _stamp(item)) for item in listing]
    except (FileNotFoundError, NotADirectoryError):
        items = []
    except OSError as error:
        return [_folder_problem(folder, error)]
    problems: list[Problem] = []
    #: File name -> entry id of every entry that reads cleanly, to find duplicates.
    ids: dict[str, str] = {}
    for name, is_dir, stamp in sorted(items):
        if stop is not None and stop():
            return problems
        if name.startswith(".") or fsutil.is_our_temp_file(name):
            continue
        path = folder / name
        if not fsutil.is_text_name(name):
            problems.append(bad_name_problem(path))
        elif is_dir:
            problems.append(_foreign(path, folder=True))
        elif is_conflict_copy(name):
            problems.append(_conflict_problem(path))
        elif not name.endswith(".toml"):
            problems.append(_foreign(path, folder=False))
        else:
            known = cache.get(name) if cache is not None and stamp is not None else None
            if known is not None and known[:2] == stamp:  # unchanged: as found last time
                if len(known) == 3:
                    ids[name] = known[2]
                else:
                    problems.append(Problem(path, *known[2:]))
                continue
            try:
                examined = _examine(path)
            except _Gone:
                continue
            if examined.problem is not None:
                problems.append(examined.problem)
            else:
                assert examined.entry is not None  # no problem: the file is a readable entry
                ids[name] = examined.entry.id
            if cache is not None and stamp is not None:
                cache[name] = _cached(stamp, examined)
    if cache is not None:
        seen = {name for name, _, _ in items}
        for name in [name for name in cache if name not in seen]:
            del cache[name]
    problems.extend(duplicate_problems(folder, ids))
    problems.sort(key=lambda problem: problem.path.name)
    if stop is None or not stop():
        problems.extend(outside_entries(journal.paths, settings_file))
    return problems


#: File name -> (size, mtime_ns, entry id) of the .toml files that were fine when last
#: checked (the ids find duplicates), and (size, mtime_ns, kind, where, explanation) of
#: those that were not.
Cached = tuple[int, int, str] | tuple[int, int, str, str, str]
ProblemCache = dict[str, Cached]


def _cached(stamp: tuple[int, int], examined: _Examined) -> Cached:
    """What the cache keeps of a file examined with `stamp`."""
    problem = examined.problem
    if problem is None:
        assert examined.entry is not None  # no problem: the file is a readable entry
        return (*stamp, examined.entry.id)
    return (*stamp, problem.kind, problem.where, problem.explanation)


def _stamp(item: os.DirEntry[str]) -> tuple[int, int] | None:
    try:
        info = item.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False


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
