"""Reading entry files for the history index: tomllib and defensive field picking, no
pydantic (a full validation of 10,000 files would take longer than parsing them). No Textual.

A file that doesn't parse, or whose main fields (id, dates, company, stage, stings) don't fit
an entry, gives None; ``problems.find_problems`` says what is wrong with it.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from recovery_tui.core import fsutil
from recovery_tui.core.prompts import CHOICE_LABELS, Channel, Stage, SuccessSource
from recovery_tui.core.sync_names import is_conflict_copy

_STAGE_ORDER = {stage.value: number for number, stage in enumerate(Stage)}
MAX_FILE_BYTES = fsutil.MAX_ENTRY_BYTES
_STAGES = frozenset(_STAGE_ORDER)
_CHANNELS = frozenset(channel.value for channel in Channel)
_LABELS = {value: label for labels in CHOICE_LABELS.values() for value, label in labels.items()}
_CHOICE_KEYS = frozenset({"stage", "channel", "traps", "reasons", "status", "sources"})
_SKIP_TOP = frozenset({"schema_version", "id", "created", "updated"})
_ID = re.compile(r"^[0-9a-f]{8,}$")
_SEP = "\x1f"  # between tags in one column; never in a tag


class _NotAnEntry(Exception):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _NotAnEntry
    return value.strip()


def _moment(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise _NotAnEntry from None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _NotAnEntry
    return value


def _day(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        raise _NotAnEntry
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise _NotAnEntry from None
    raise _NotAnEntry


def _choice(value: Any, allowed: frozenset[str]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip() in allowed:
        return value.strip()
    raise _NotAnEntry


def _sting(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return value
    raise _NotAnEntry


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _NotAnEntry
    return value


def _tag_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[,\n]", value)
    if not isinstance(value, list):
        raise _NotAnEntry
    tags: list[str] = []
    for item in value:
        tag = _text(item).replace(_SEP, " ")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _collect(value: Any, key: str, out: list[str]) -> None:
    """Every string under `value`; stored choice values also as the words shown for them."""
    if isinstance(value, str):
        if key in _CHOICE_KEYS and value in _LABELS:
            out.append(_LABELS[value])  # the words shown, not the stored value
        elif value:
            out.append(value)
    elif isinstance(value, dict):
        for child_key, child in value.items():
            _collect(child, child_key, out)
    elif isinstance(value, list):
        for item in value:
            _collect(item, key, out)


@dataclass(frozen=True)
class _Extract:
    id: str
    date: str
    created: str
    updated: str
    company: str
    role: str
    stage: str | None
    channel: str | None
    tags: list[str]
    sting_before: int | None
    sting_after: int | None
    body: str
    #: Next actions as (position in the file's list, text, done, due date ISO text or "").
    actions: tuple[tuple[int, str, bool, str], ...] = ()
    #: learn.feedback: its status value ("" when unset or unknown) and date (ISO or "").
    feedback_status: str = ""
    feedback_date: str = ""
    #: What can be reused in a new reflection, as (kind, position, text, detail):
    #: ("person", n, a line of prepare.people, "") and
    #: ("success", 0, learn.past_successes.reuse, its sources joined by commas).
    reusables: tuple[tuple[str, int, str, str], ...] = ()


def extract(data: Any) -> _Extract:
    """The listed fields and all the words of one parsed entry file; raises _NotAnEntry if
    its main fields don't fit an entry (checked like the model would, without pydantic)."""
    if not isinstance(data, dict) or not data:
        raise _NotAnEntry
    entry_id = data.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise _NotAnEntry
    created = _moment(data.get("created"))
    updated = _moment(data.get("updated"))
    about = _section(data, "about")
    personal = _section(data, "personal")
    learn = _section(data, "learn")
    prepare = _section(data, "prepare")
    company = _text(about.get("company"))
    if not company:
        raise _NotAnEntry
    role = _text(about.get("role"))
    stage = _choice(about.get("stage"), _STAGES)
    channel = _choice(about.get("channel"), _CHANNELS)
    news = _day(about.get("news_date"))
    tags = _tag_list(about.get("tags"))
    words: list[str] = []
    if stage:
        words.append(_LABELS[stage])
    for key, value in data.items():
        if key in _SKIP_TOP:
            continue
        if key == "about" and isinstance(value, dict):
            for about_key, about_value in value.items():
                if about_key not in ("company", "role", "tags", "stage"):
                    _collect(about_value, about_key, words)
        else:
            _collect(value, key, words)
    return _Extract(
        id=entry_id,
        date=news or created.date().isoformat(),
        created=created.isoformat(),
        updated=updated.isoformat(),
        company=company,
        role=role,
        stage=stage,
        channel=channel,
        tags=tags,
        sting_before=_sting(personal.get("sting_before")),
        sting_after=_sting(prepare.get("sting_after")),
        body="\n".join(words),
        actions=_actions(prepare.get("actions")),
        **_feedback(learn.get("feedback")),
        reusables=_reusables(learn.get("past_successes"), prepare.get("people")),
    )


def _feedback(value: Any) -> dict[str, str]:
    """The feedback status and date, leniently: a value that doesn't fit reads as unset
    (the problem scan, not the index, says what is wrong with a file)."""
    if not isinstance(value, dict):
        return {}
    status = value.get("status")
    try:
        day = _day(value.get("date"))
    except _NotAnEntry:
        day = ""
    return {
        "feedback_status": status.strip() if isinstance(status, str) else "",
        "feedback_date": day,
    }


def _lines(value: Any) -> list[str]:
    """A list of lines as the model keeps them: trimmed, blank ones dropped."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def _reusables(successes: Any, people: Any) -> tuple[tuple[str, int, str, str], ...]:
    found = [("person", position, text, "") for position, text in enumerate(_lines(people))]
    if isinstance(successes, dict):
        reuse = successes.get("reuse")
        sources = successes.get("sources")
        named = CHOICE_LABELS[SuccessSource]
        labels = [
            named[source]
            for source in (sources if isinstance(sources, list) else [])
            if isinstance(source, str) and source in named
        ]
        if isinstance(reuse, str) and reuse.strip():
            found.append(("success", 0, reuse.strip(), ", ".join(labels)))
    return tuple(found)


def _actions(value: Any) -> tuple[tuple[int, str, bool, str], ...]:
    """Next actions as the model would keep them: a table with a non-blank text."""
    if not isinstance(value, list):
        return ()
    found = []
    for position, item in enumerate(value):
        if not isinstance(item, dict):
            continue
        text = _text(item.get("text"))
        if text:
            done = item.get("done") is True
            found.append((position, text, done, _day(item.get("due")) or ""))
    return tuple(found)


def read_entry_file(path: str | os.PathLike[str]) -> _Extract | None:
    """Read, parse and pick out one entry file. None if it isn't a readable entry.
    Raises FileNotFoundError if it vanished, another OSError if it can't be read (a FIFO
    or a device is never opened). Tests spy on this to count parses."""
    try:
        raw = fsutil.read_file(Path(path), MAX_FILE_BYTES)
    except fsutil.TooLargeToRead:
        return None
    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
        return extract(data)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, _NotAnEntry):
        return None
    except (ValueError, TypeError, OverflowError):
        return None


def _listed(name: str) -> bool:
    return (
        name.endswith(".toml")
        and not name.startswith(".")
        and not fsutil.is_our_temp_file(name)
        and not is_conflict_copy(name)
        and fsutil.is_text_name(name)  # the index stores names as text; problems lists it
    )


def scan_entries(folder: Path) -> dict[str, tuple[int, int]]:
    """File name -> (size, mtime_ns) of every candidate entry file in `folder`."""
    found: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if not _listed(item.name):
                    continue
                try:
                    info = item.stat()
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found[item.name] = (info.st_size, info.st_mtime_ns)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    return found
