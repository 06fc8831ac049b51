"""`Problem`: a file that needs a look, and the words that say what is wrong with it. No
Textual here. Explanations never quote the file's text: they say what is wrong, where (a
line and column, a field, a byte), that the file is untouched, and what to do.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from recovery_tui.core import fsutil

if TYPE_CHECKING:
    from pydantic import ValidationError

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


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


def unreadable_problem(path: Path, error: OSError) -> Problem:
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


def foreign_problem(path: Path, *, folder: bool) -> Problem:
    if folder:
        what = "This is a folder, not a reflection"
    elif path.name.endswith(".toml"):
        what = "This isn't a regular file, so it isn't a reflection"
    else:
        what = "This isn't a reflection (reflections are .toml files)"
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


def too_large_problem(path: Path, size: int, limit: int) -> Problem:
    return Problem(
        path,
        "too_large",
        "",
        f"This file is {_size(size)}. A reflection is a few KB, so recovery-tui doesn't "
        f"open files over {_size(limit)}. {LEFT_AS_IS}; if it isn't a reflection, move it out "
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


def toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> Problem:
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
    "id": "Reflection id",
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


def invalid_problem(path: Path, error: ValidationError, newer: int | None) -> Problem:
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
            f"A newer version of recovery-tui wrote this reflection (format {newer}; this version "
            f"reads format {SCHEMA_VERSION}), and this version can't open it. {LEFT_AS_IS}; "
            "update recovery-tui to read it.",
        )
    return Problem(
        path,
        "invalid",
        where,
        "Part of this reflection can't be read, so it can't be opened. " + " ".join(details) + " "
        f"{LEFT_AS_IS}; fix it in a text editor and it will show up again.",
    )


def newer_readable_problem(path: Path, version: int) -> Problem:
    from recovery_tui.core.models import SCHEMA_VERSION

    return Problem(
        path,
        "newer_version",
        "Format version",
        f"A newer version of recovery-tui wrote this reflection (format {version}; this version "
        f"reads format {SCHEMA_VERSION}). You can read it here but not edit it, so nothing "
        "in it is lost. Update recovery-tui to edit it.",
    )


def folder_problem(folder: Path, error: OSError) -> Problem:
    cause = fsutil.describe_os_error(error)
    return Problem(
        folder,
        "unreadable",
        "",
        f"recovery-tui couldn't look inside the entries folder ({cause}). Nothing was "
        "changed; check the folder's permissions, then check again.",
    )
