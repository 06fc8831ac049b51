"""What the entry model makes of a parsed entry file, read without pydantic. No Textual.

`view(data)` walks every field the model declares, checks it the way the model would and
tidies it the same way (`textclean`), and returns the values the index keeps. It is only
sure of the plain shapes this app writes: text as text, numbers as numbers, dates as TOML
dates. Anything else (a rating written as "50", a date as a string, a field of the wrong
kind) raises `Unsure`, and `validated` asks the model itself, so the answer is always the
model's: a file the model accepts gives its values, one it refuses gives None.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from recovery_tui.core.prompts import (
    Channel,
    FeedbackStatus,
    OtherReason,
    Stage,
    SuccessSource,
    ThinkingTrap,
)
from recovery_tui.core.textclean import clean_text, split_items

_ID = re.compile(r"[0-9a-f]{8,}")
_STAGES = frozenset(Stage)
_CHANNELS = frozenset(Channel)
_STATUSES = frozenset(FeedbackStatus)
_TRAPS = frozenset(ThinkingTrap)
_REASONS = frozenset(OtherReason)
_SOURCES = frozenset(SuccessSource)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


class Unsure(Exception):
    """The file holds something only the model itself can judge."""


class View(NamedTuple):
    """The fields the index keeps, as the validated `Entry` would hold them."""

    id: str
    created: datetime
    updated: datetime
    company: str
    role: str
    stage: str | None
    channel: str | None
    news_date: date | None
    tags: list[str]
    sting_before: int | None
    sting_after: int | None
    feedback_status: str | None
    #: The day feedback was first asked, else its date (files from before first_asked).
    feedback_date: date | None
    unready_questions: list[str]
    skills: list[str]
    sources: list[str]
    reuse: str
    #: Next actions as (text, done, due), blank ones dropped as the model drops them.
    actions: list[tuple[str, bool, date | None]]
    pipeline: list[str]
    people: list[str]
    said: str  # learn.feedback.said
    fit: int | None
    applied_via: str | None
    followed_up: date | None = None
    let_go: bool = False


def created_us(moment: datetime) -> int:
    """An aware moment as microseconds since 1970 in UTC: sorts as aware datetimes compare."""
    return (moment - _EPOCH) // _MICROSECOND


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if type(value) is not dict:
        raise Unsure
    return value


def _text(section: dict[str, Any], key: str) -> str:
    value = section.get(key)
    if value is None:
        return ""
    if type(value) is not str:
        raise Unsure
    cleaned: str = clean_text(value)
    return cleaned


def _items(section: dict[str, Any], key: str, separators: str = "\n") -> list[str]:
    """A list of lines (or tags) as `textclean.split_items` leaves it, all of them text."""
    value = section.get(key)
    if value is None:
        return []
    if type(value) is not list:
        value = split_items(value, separators)
        if type(value) is not list:
            raise Unsure
    items = []
    for item in value:
        if type(item) is not str:
            raise Unsure
        item = clean_text(item)
        if item:
            items.append(item)
    return items


def _choice(section: dict[str, Any], key: str, allowed: frozenset[str]) -> str | None:
    value = section.get(key)
    if value is None:
        return None
    if type(value) is not str:
        raise Unsure
    cleaned: str = clean_text(value)
    if cleaned == "":
        return None
    if cleaned in allowed:
        return cleaned
    raise Unsure


def _choices(section: dict[str, Any], key: str, allowed: frozenset[str]) -> list[str]:
    value = section.get(key)
    if value is None:
        return []
    if type(value) is not list:
        raise Unsure
    for item in value:
        if type(item) is not str or item not in allowed:
            raise Unsure
    return value


def _rating(section: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = section.get(key)
    if value is None:
        return None
    if type(value) is int and low <= value <= high:
        return value
    if type(value) is str and value.strip() == "":
        return None
    raise Unsure


def _day(section: dict[str, Any], key: str) -> date | None:
    value = section.get(key)
    if value is None:
        return None
    if type(value) is date:
        return value
    if type(value) is str and value.strip() == "":
        return None
    raise Unsure


def _moment(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    if type(value) is not datetime or value.utcoffset() is None:
        raise Unsure
    return value


def _actions(prepare: dict[str, Any]) -> list[tuple[str, bool, date | None]]:
    value = prepare.get("actions")
    if value is None:
        return []
    if type(value) is not list:
        raise Unsure
    found = []
    for item in value:
        if type(item) is not dict:
            raise Unsure
        text = item.get("text", "")
        if type(text) is not str:
            raise Unsure
        text = clean_text(text)
        if not text:
            continue  # the model drops an action without words
        done = item.get("done", False)
        if done is not True and done is not False:
            raise Unsure
        found.append((text, done, _day(item, "due")))
    return found


def _schema_2(
    data: dict[str, Any],
    about: dict[str, Any],
    personal: dict[str, Any],
    learn: dict[str, Any],
    feedback: dict[str, Any],
) -> None:
    """The schema-2 fields the index doesn't keep, checked only as far as the model would
    refuse them: anything but their plain shapes is left to the model (`Unsure`)."""
    for section, key in (
        (personal, "evidence_for"),
        (personal, "evidence_against"),
        (learn, "targeting"),
    ):
        _text(section, key)
    _choice(about, "applied_via", _SOURCES)
    _rating(personal, "belief", 0, 100)
    for key in ("first_asked", "followed_up", "let_go"):
        _day(feedback, key)
    for key, needs in (("feelings", ("name",)), ("own", ("key", "label"))):
        holder = personal if key == "feelings" else data
        items = holder.get(key, [])
        if type(items) is not list:
            raise Unsure
        for item in items:
            if type(item) is not dict:
                raise Unsure
            for name in needs:
                if type(item.get(name)) is not str or not clean_text(item[name]):
                    raise Unsure
            if key == "feelings":
                _rating(item, "strength", 0, 100)
            else:
                _text(item, "answer")
                step = item.get("step")
                if type(step) is not int or not 1 <= step <= 3:
                    raise Unsure


def view(data: dict[str, Any]) -> View:
    """The model's values for a parsed file, or `Unsure` (see the module's docstring)."""
    version = data.get("schema_version", 1)
    if type(version) is not int:
        raise Unsure
    entry_id = data.get("id")
    if type(entry_id) is not str or not _ID.fullmatch(entry_id):
        raise Unsure
    created = _moment(data, "created")
    updated = _moment(data, "updated")
    about = data.get("about")
    if type(about) is not dict:
        raise Unsure
    personal = _section(data, "personal")
    learn = _section(data, "learn")
    prepare = _section(data, "prepare")
    feedback = _section(learn, "feedback")
    successes = _section(learn, "past_successes")
    company = _text(about, "company")
    if not company:
        raise Unsure
    for section, key in (
        (personal, "what_happened"),
        (personal, "recurring_thought"),
        (personal, "other_reasons"),
        (personal, "balanced_thought"),
        (learn, "prepare_better"),
        (learn, "fit_notes"),
        (feedback, "said"),
        (prepare, "carry_forward"),
    ):
        if key in section and type(section[key]) is not str:
            raise Unsure
    _choices(personal, "traps", _TRAPS)
    _choices(personal, "reasons", _REASONS)
    _schema_2(data, about, personal, learn, feedback)
    return View(
        entry_id,
        created,
        updated,
        company,
        _text(about, "role"),
        _choice(about, "stage", _STAGES),
        _choice(about, "channel", _CHANNELS),
        _day(about, "news_date"),
        _items(about, "tags", ",\n"),
        _rating(personal, "sting_before", 0, 100),
        _rating(prepare, "sting_after", 0, 100),
        _choice(feedback, "status", _STATUSES),
        _day(feedback, "first_asked") or _day(feedback, "date"),
        _items(learn, "unready_questions"),
        _items(learn, "skills"),
        _choices(successes, "sources", _SOURCES),
        _text(successes, "reuse"),
        _actions(prepare),
        _items(prepare, "pipeline"),
        _items(prepare, "people"),
        _text(feedback, "said"),
        _rating(learn, "fit", 1, 5),
        _choice(about, "applied_via", _SOURCES),
        _day(feedback, "followed_up"),
        _day(feedback, "let_go") is not None,
    )


def validated(data: Any) -> View | None:
    """The model's values for a parsed file, asking the model itself when `view` isn't sure:
    None if the model refuses the file. Loads pydantic only for such a file."""
    try:
        return view(data)
    except Unsure:
        pass
    from recovery_tui.core.models import Entry
    from recovery_tui.core.tomlio import entry_to_data

    try:
        entry = Entry.model_validate(data)
    except (ValueError, TypeError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None
    # As the model holds it, every value has the plain shape `view` is sure of.
    return view(entry_to_data(entry))
