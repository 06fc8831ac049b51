"""Entries out as a Markdown document or a JSON file, and JSON back in. No Textual here.

The JSON document is ``{"format": "recovery-tui", "version": 1, "entries": [...]}`` with each
entry as ``Entry.model_dump(mode="json")``: every field, keys this version doesn't know
included. Importing validates every entry with the same model and saves new ones with
`Journal.save`; an id already in the journal is skipped, never overwritten.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recovery_tui.core import fsutil, render
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION, Entry, explain
from recovery_tui.core.printable import printable
from recovery_tui.core.tomlio import entry_to_data

FORMAT = "recovery-tui"
VERSION = 1
TITLE = "Recovery journal"


def _count(number: int) -> str:
    return f"{number} reflection{'' if number == 1 else 's'}"


def export_markdown(entries: Iterable[Entry], title: str = TITLE) -> str:
    """One readable document: a title, then one section per entry (its title as a level-2
    heading, the day it was written, then each panel and answered prompt as headings)."""
    entries = list(entries)
    out = [f"# {render.escape(title)}", "", f"{_count(len(entries))}.", ""]
    for entry in entries:
        section = render.render_markdown(entry_to_data(entry), heading_level=2)
        heading, _, rest = section.partition("\n")
        written = f"_Written {entry.created.date().isoformat()}_"
        out += [heading, "", written, "", rest.strip("\n"), ""]
    return "\n".join(out).rstrip() + "\n"


#: Characters json.dumps leaves as they are that a terminal may act on (DEL, the C1
#: controls such as CSI, the line separators) or that aren't text (lone surrogates).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def json_text(data: object) -> str:
    """`data` as indented JSON whose every control character is an escape (``\\u009b``):
    the same data, read back exactly, and safe to print to a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def export_json(entries: Iterable[Entry]) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "entries": [entry.model_dump(mode="json") for entry in entries],
    }
    return json_text(document) + "\n"


@dataclass
class ImportResult:
    added: list[Path] = field(default_factory=list)
    #: Ids that were already in the journal (or earlier in the same file).
    skipped: list[str] = field(default_factory=list)
    #: One plain message per entry that couldn't be imported; never quotes what it says.
    invalid: list[str] = field(default_factory=list)


class NotAnExport(ValueError):
    """The text isn't a recovery-tui JSON export; the message says why, in plain words."""


def _entries_of(text: str) -> list[Any]:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise NotAnExport(f"This file isn't valid JSON{where}. Nothing was imported.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotAnExport(
            'This file isn\'t a recovery-tui export (it has no "format": "recovery-tui"). '
            "Nothing was imported."
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise NotAnExport("This export has no version number. Nothing was imported.")
    if version > VERSION:
        raise NotAnExport(
            f"A newer version of recovery-tui made this export (version {version}; this "
            f"version reads {VERSION}). Nothing was imported; update recovery-tui first."
        )
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise NotAnExport("This export has no list of reflections. Nothing was imported.")
    return entries


def existing_ids(journal: Journal, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are already in the journal. Cheap: file names carry the first 8
    characters of the id, so only files whose name matches are read."""
    wanted = {entry_id for entry_id in ids if len(entry_id) >= 8}
    by_short: dict[str, list[Path]] = {}
    for path in journal.entry_files():
        short = path.stem.rsplit("-", 1)[-1][:8]
        by_short.setdefault(short, []).append(path)
    found: set[str] = set()
    for entry_id in wanted:
        for path in by_short.get(entry_id[:8], []):
            try:
                raw = fsutil.read_file(path, fsutil.MAX_ENTRY_BYTES)  # a FIFO is never opened
                data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
            except (OSError, ValueError, RecursionError):  # TOMLDecodeError, UnicodeDecodeError
                continue
            if data.get("id") == entry_id:
                found.add(entry_id)
                break
    return found


def _where(path: tuple[object, ...]) -> str:
    shown = ".".join(str(part) for part in path) or "the reflection"
    shown = shown if len(shown) <= 60 else f"{shown[:57]}..."
    return printable(shown, one_line=True)


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in text)


def _unsavable_value(data: object, *, nulls: bool) -> str | None:
    """The first value in `data` that a reflection file can't hold, described with where it
    is (never what it says): half of a character pair (a lone surrogate, which isn't text)
    anywhere, and with `nulls` an empty value (JSON null; TOML has none)."""
    stack: list[tuple[tuple[object, ...], object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and _has_surrogate(value):
            return f"{_where(path)} has a broken character (half of a pair), which isn't text"
        if value is None and nulls:
            return f"{_where(path)} is empty (null), which a reflection file can't hold"
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(key, str) and _has_surrogate(key):
                    return (
                        f"a name in {_where(path)} has a broken character (half of a pair), "
                        "which isn't text"
                    )
                stack.append(((*path, key), inner))
        elif isinstance(value, list):
            stack.extend(((*path, number + 1), inner) for number, inner in enumerate(value))
    return None


def _unsavable(entry: Entry) -> str | None:
    """Why `entry` can't be written to its file and read back the same, or None."""
    from recovery_tui.core import tomlio

    try:
        problem = _unsavable_value(entry_to_data(entry), nulls=True)
        if problem is not None:
            return problem
        text = tomlio.dumps(entry)
        text.encode("utf-8")
        if tomlio.dumps(tomlio.loads(text)) != text:
            return "it wouldn't read back the same from its file"
    except RecursionError:
        return "it is nested too deeply to save"
    except (TypeError, ValueError, UnicodeError, OverflowError):
        return "it has a value a reflection file can't hold"
    return None


def import_json(journal: Journal, text: str, *, durable: bool = True) -> ImportResult:
    """Validate and save every entry of a JSON export whose id isn't in the journal yet.

    Raises NotAnExport if the text isn't an export at all. Each entry is all or nothing:
    one that doesn't validate, or couldn't be saved and read back exactly as it is, is
    listed in `invalid` (by its number in the file and why, never quoting it) and the rest
    are still imported.
    """
    from pydantic import ValidationError

    items = _entries_of(text)
    result = ImportResult()
    valid: list[Entry] = []
    total = len(items)
    for number, item in enumerate(items, start=1):
        which = f"Reflection {number} of {total}"
        problem = _unsavable_value(item, nulls=False)
        if problem is not None:
            result.invalid.append(f"{which} can't be imported: {problem}.")
            continue
        try:
            entry = Entry.model_validate(item)
        except ValidationError as error:
            fields = "; ".join(
                f"{issue.label or 'the reflection'}: {issue.message}" for issue in explain(error)
            )
            result.invalid.append(f"{which} can't be imported. {printable(fields)}")
            continue
        except (ValueError, TypeError, RecursionError):
            result.invalid.append(f"{which} can't be imported: it isn't a reflection.")
            continue
        if entry.schema_version > SCHEMA_VERSION:
            result.invalid.append(
                f"{which} was written by a newer version of recovery-tui (format "
                f"{entry.schema_version}); update recovery-tui to import it."
            )
            continue
        problem = _unsavable(entry)
        if problem is not None:
            result.invalid.append(f"{which} can't be imported: {problem}.")
            continue
        valid.append(entry)
    present = existing_ids(journal, (entry.id for entry in valid))
    for entry in valid:
        if entry.id in present:
            result.skipped.append(entry.id)
            continue
        result.added.append(journal.save(entry, durable=durable))
        present.add(entry.id)
    return result


__all__ = [
    "FORMAT",
    "VERSION",
    "ImportResult",
    "NotAnExport",
    "existing_ids",
    "export_json",
    "export_markdown",
    "import_json",
    "json_text",
    "plain_note",
]


def plain_note(journal_root: Path) -> str:
    """For an encrypted journal, the sentence that says an export is plain text ("" if not)."""
    if (Path(journal_root) / fsutil.ENCRYPTION_MARKER).is_file():
        return ". It is plain text: your journal is encrypted, this file isn't"
    return ""


def write_export(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write an export into `folder` (0700) as a new 0600 file, never replacing one:
    ``stem.md``, else ``stem (2).md`` and so on. Returns the file written."""
    fsutil.ensure_private_dir(folder)
    data = text.encode("utf-8")
    for number in range(1, 1000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}"
        try:
            fsutil.atomic_write(folder / name, data, new=True)
        except FileExistsError:
            continue
        return folder / name
    raise FileExistsError(f"Too many exports named {stem}{suffix} in {folder}")
