"""What the index keeps of one parsed entry file: its listed fields, its words and the facts
the sums need. tomllib's output and defensive field picking, no pydantic (a full validation
of 10,000 files would take longer than parsing them). No Textual here.

A file whose main fields (id, dates, company, stage, stings) don't fit an entry raises
`NotAnEntry`; ``problems`` says what is wrong with it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any, NamedTuple

from recovery_tui.core.index.model_view import View, created_us
from recovery_tui.core.prompts import CHOICE_LABELS, Channel, Stage, SuccessSource
from recovery_tui.core.textkey import question_key

_STAGE_ORDER = {stage.value: number for number, stage in enumerate(Stage)}


_STAGES = frozenset(_STAGE_ORDER)


_CHANNELS = frozenset(channel.value for channel in Channel)


LABELS = {value: label for labels in CHOICE_LABELS.values() for value, label in labels.items()}


_CHOICE_KEYS = frozenset({"stage", "channel", "traps", "reasons", "status", "sources"})


_SKIP_TOP = frozenset({"schema_version", "id", "created", "updated"})


_ID = re.compile(r"^[0-9a-f]{8,}$")


SEP = "\x1f"  # between tags in one column; never in a tag


_SOURCE_LABELS = CHOICE_LABELS[SuccessSource]


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class NotAnEntry(Exception):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise NotAnEntry
    return value.strip()


def _moment(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise NotAnEntry from None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise NotAnEntry
    return value


def _day(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        raise NotAnEntry
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise NotAnEntry from None
    raise NotAnEntry


def _choice(value: Any, allowed: frozenset[str]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip() in allowed:
        return value.strip()
    raise NotAnEntry


def _sting(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return value
    raise NotAnEntry


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise NotAnEntry
    return value


def _tag_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[,\n]", value)
    if not isinstance(value, list):
        raise NotAnEntry
    tags: list[str] = []
    for item in value:
        tag = _text(item).replace(SEP, " ")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _collect(value: Any, key: str, out: list[str]) -> None:
    """Every string under `value`; stored choice values as the words shown for them."""
    kind = type(value)
    if kind is str:
        if value:
            out.append(LABELS.get(value, value) if key in _CHOICE_KEYS else value)
    elif kind is dict:
        for child_key, child in value.items():
            _collect(child, child_key, out)
    elif kind is list:
        choice = key in _CHOICE_KEYS
        for item in value:
            if type(item) is str:
                if item:
                    out.append(LABELS.get(item, item) if choice else item)
            else:
                _collect(item, key, out)


class Extract(NamedTuple):
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
    #: learn.feedback: its status value ("" when unset or unknown), the day first asked
    #: (its date in files from before that was kept), the follow-up's day (ISO or ""), and
    #: whether the person let it go.
    feedback_status: str = ""
    feedback_date: str = ""
    followed_up: str = ""
    let_go: bool = False
    #: What can be reused in a new reflection, as (kind, position, text, detail):
    #: ("person", n, a line of prepare.people, "") and
    #: ("success", 0, learn.past_successes.reuse, its sources joined by commas).
    reusables: tuple[tuple[str, int, str, str], ...] = ()
    #: What insights need, set only when the entry model accepts the file (the fields
    #: above are then the model's values too): `created` in UTC microseconds, and `FACTS`
    #: as a JSON array.
    created_us: int | None = None
    facts: str | None = None


#: What `Extract.facts` holds, in this order: the unready questions and the skills as
#: [key, wording] (the first wording of each key), the pipeline, the success sources, the
#: people as [key, line], what worked before as [key, text] (or null), the next actions
#: not done yet as [position, text, due date or ""], the feedback recorded as [key, words]
#: (or null), the fit rating (or null) and how the person applied (or null).
FACTS = (
    "questions",
    "skills",
    "pipeline",
    "sources",
    "people",
    "win",
    "open_actions",
    "said",
    "fit",
    "applied_via",
)


def _words(data: dict[str, Any], stage: str | None) -> str:
    """All the words of a parsed file, choice values as the words shown for them."""
    words: list[str] = []
    if stage:
        words.append(LABELS[stage])
    for key, value in data.items():
        if key in _SKIP_TOP:
            continue
        if key == "about" and isinstance(value, dict):
            for about_key, about_value in value.items():
                if about_key not in ("company", "role", "tags", "stage"):
                    _collect(about_value, about_key, words)
        else:
            _collect(value, key, words)
    return "\n".join(words)


def _keyed(items: list[str]) -> list[list[str]]:
    """[[key, wording], ...]: the first wording of each key, as `insights.practice_bank` counts."""
    found: list[list[str]] = []
    seen: set[str] = set()
    for text in items:
        key = question_key(text)
        if key and key not in seen:
            seen.add(key)
            found.append([key, text])
    return found


def from_view(found: View, data: dict[str, Any]) -> Extract:
    """The listed fields, words and insight facts of a file the entry model accepts."""
    tags: list[str] = []
    for tag in found.tags:
        tag = tag.replace(SEP, " ")
        if tag not in tags:
            tags.append(tag)
    reusables = [("person", position, text, "") for position, text in enumerate(found.people)]
    if found.reuse:
        detail = ", ".join(_SOURCE_LABELS[source] for source in found.sources)
        reusables.append(("success", 0, found.reuse, detail))
    actions = [
        (position, text, done, due.isoformat() if due else "")
        for position, (text, done, due) in enumerate(found.actions)
    ]
    created = found.created
    facts = [
        _keyed(found.unready_questions),
        _keyed(found.skills),
        found.pipeline,
        found.sources,
        [[question_key(text), text] for text in found.people],
        [question_key(found.reuse), found.reuse] if found.reuse else None,
        [[position, text, due] for position, text, done, due in actions if not done],
        [question_key(found.said), found.said] if question_key(found.said) else None,
        found.fit,
        found.applied_via,
    ]
    return Extract(
        id=found.id,
        date=(found.news_date or created.date()).isoformat(),
        created=created.isoformat(),
        updated=found.updated.isoformat(),
        company=found.company,
        role=found.role,
        stage=found.stage,
        channel=found.channel,
        tags=tags,
        sting_before=found.sting_before,
        sting_after=found.sting_after,
        body=_words(data, found.stage),
        actions=tuple(actions),
        feedback_status=found.feedback_status or "",
        feedback_date=found.feedback_date.isoformat() if found.feedback_date else "",
        followed_up=found.followed_up.isoformat() if found.followed_up else "",
        let_go=found.let_go,
        reusables=tuple(reusables),
        created_us=created_us(created),
        facts=_json(facts),
    )


def extract(data: Any) -> Extract:
    """The listed fields and all the words of one parsed entry file; raises NotAnEntry if
    its main fields don't fit an entry (checked like the model would, without pydantic)."""
    if not isinstance(data, dict) or not data:
        raise NotAnEntry
    entry_id = data.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise NotAnEntry
    created = _moment(data.get("created"))
    updated = _moment(data.get("updated"))
    about = _section(data, "about")
    personal = _section(data, "personal")
    learn = _section(data, "learn")
    prepare = _section(data, "prepare")
    company = _text(about.get("company"))
    if not company:
        raise NotAnEntry
    role = _text(about.get("role"))
    stage = _choice(about.get("stage"), _STAGES)
    channel = _choice(about.get("channel"), _CHANNELS)
    news = _day(about.get("news_date"))
    tags = _tag_list(about.get("tags"))
    feedback = _feedback(learn.get("feedback"))
    return Extract(
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
        body=_words(data, stage),
        actions=_actions(prepare.get("actions")),
        feedback_status=feedback[0],
        feedback_date=feedback[1],
        followed_up=feedback[2],
        let_go=feedback[3],
        reusables=_reusables(learn.get("past_successes"), prepare.get("people")),
    )


def _lenient_day(value: Any) -> str:
    try:
        return _day(value)
    except NotAnEntry:
        return ""


def _feedback(value: Any) -> tuple[str, str, str, bool]:
    """The feedback status, day first asked (else its date), follow-up day and whether it
    was let go, leniently: a value that doesn't fit reads as unset (the problem scan, not
    the index, says what is wrong with a file)."""
    if not isinstance(value, dict):
        return "", "", "", False
    status = value.get("status")
    asked = _lenient_day(value.get("first_asked")) or _lenient_day(value.get("date"))
    let_go = bool(_lenient_day(value.get("let_go")))
    followed_up = _lenient_day(value.get("followed_up"))
    return (status.strip() if isinstance(status, str) else ""), asked, followed_up, let_go


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
