"""What the reflections add up to: practice bank, skill plan, open actions, feedback
follow-ups, progress numbers and the prep packet. No Textual here.

Every function is pure: it takes ``(path, entry)`` pairs already read by the caller (for
example with `Journal.read`) and returns plain data. Progress is numbers only; the UI
phrases it. The date of an entry is the day the news came (``about.news_date``), else the
day it was written (``created``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_tui.core.prompts import FeedbackStatus, Stage
from recovery_tui.core.render import escape
from recovery_tui.core.settings import FOLLOW_UP_DAYS
from recovery_tui.core.textkey import question_key

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry

Pair = tuple[Path, "Entry"]

#: The stage key used in `Progress.months` for entries without a stage.
NO_STAGE = "not_set"
#: How far back the pipeline reaches.
PIPELINE_DAYS = 60
#: How many months the lift trend covers (ending with today's month).
TREND_MONTHS = 12


def entry_date(entry: Entry) -> date:
    """The day the news came, else the day the entry was written."""
    return entry.about.news_date or entry.created.date()


def _recency(pair: Pair) -> tuple[date, Any, str]:
    path, entry = pair
    return (entry_date(entry), entry.created, path.name)


def _newest_first(entries: Iterable[Pair]) -> list[Pair]:
    return sorted(entries, key=_recency, reverse=True)


def _distinct(items: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


# practice bank and skill plan ----------------------------------------------------------------


class FileList(Sequence[Path]):
    """The files a question came up in, read from the index: the paths are made on first
    use (a long list costs nothing until then). Equal to a tuple of the same paths."""

    def __init__(self, folder: Path, names: Callable[[], list[str]]) -> None:
        self._folder, self._names = folder, names
        self._paths: tuple[Path, ...] | None = None

    def _all(self) -> tuple[Path, ...]:
        if self._paths is None:
            self._paths = tuple(self._folder / name for name in self._names())
        return self._paths

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Path]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FileList):
            return self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class Question:
    """One question from "questions I was not ready for", merged across entries."""

    key: str
    text: str  # the most recent wording
    count: int  # how many entries it came up in
    last_seen: date
    companies: tuple[str, ...]  # distinct, most recent first
    files: Sequence[Path]  # most recent first (a tuple, or a `FileList` from the index)


@dataclass(frozen=True)
class Skill:
    """One skill, course or certification, merged across entries."""

    key: str
    text: str
    count: int
    last_seen: date
    companies: tuple[str, ...]


def _merge(entries: Iterable[Pair], items_of: Any) -> list[Question]:
    groups: dict[str, list[tuple[str, Pair]]] = {}
    for pair in _newest_first(entries):
        seen_here: set[str] = set()
        for text in items_of(pair[1]):
            key = question_key(text)
            if not key or key in seen_here:
                continue  # counted once per entry
            seen_here.add(key)
            groups.setdefault(key, []).append((text, pair))
    merged = [
        Question(
            key=key,
            text=found[0][0],
            count=len(found),
            last_seen=entry_date(found[0][1][1]),
            companies=_distinct(pair[1].about.company for _, pair in found),
            files=tuple(pair[0] for _, pair in found),
        )
        for key, found in groups.items()
    ]
    merged.sort(key=lambda q: (-q.count, -q.last_seen.toordinal(), q.key))
    return merged


def practice_bank(entries: Iterable[Pair]) -> list[Question]:
    """Every unready question, merged by `question_key`; most frequent first, then most
    recent. A question counts once per entry."""
    return _merge(entries, lambda entry: entry.learn.unready_questions)


def skill_plan(entries: Iterable[Pair]) -> list[Skill]:
    """Every skill, course and certification, merged and ordered like `practice_bank`."""
    return [
        Skill(q.key, q.text, q.count, q.last_seen, q.companies)
        for q in _merge(entries, lambda entry: entry.learn.skills)
    ]


# open actions and follow-ups -------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAction:
    path: Path
    index: int  # position in that entry's actions list
    text: str
    due: date | None
    overdue: bool
    company: str


def open_actions(entries: Iterable[Pair], today: date) -> list[OpenAction]:
    """Every action not done yet: soonest due first, then the undated ones, newest entry
    first. Overdue means due before today."""
    dated: list[OpenAction] = []
    undated: list[OpenAction] = []
    for path, entry in _newest_first(entries):
        for index, action in enumerate(entry.prepare.actions):
            if action.done:
                continue
            item = OpenAction(
                path,
                index,
                action.text,
                action.due,
                action.due is not None and action.due < today,
                entry.about.company,
            )
            (dated if action.due is not None else undated).append(item)
    dated.sort(key=lambda a: a.due or date.max)  # stable: newest entry first on a tie
    return dated + undated


@dataclass(frozen=True)
class FollowUp:
    path: Path
    company: str
    role: str
    asked_on: date | None
    days: int  # days since feedback was asked (or since the entry, without a date)


def waiting(
    path: Path,
    company: str,
    role: str,
    asked_on: date | None,
    written: date,
    today: date,
    after_days: int,
) -> FollowUp | None:
    """A follow-up if feedback asked on `asked_on` (else when the entry was `written`) has
    waited more than `after_days` days. One rule for `follow_ups` and the index."""
    days = (today - (asked_on or written)).days
    return FollowUp(path, company, role, asked_on, days) if days > after_days else None


def longest_wait_first(found: Iterable[FollowUp]) -> list[FollowUp]:
    return sorted(found, key=lambda f: (-f.days, f.path.name))


def follow_ups(
    entries: Iterable[Pair], today: date, after_days: int = FOLLOW_UP_DAYS
) -> list[FollowUp]:
    """Entries whose feedback is "asked, waiting" for more than `after_days` days, longest
    waiting first. The wait counts from the feedback date, else from the entry's creation.
    "Asked, no reply" is left out: the person already closed it."""
    found = (
        waiting(
            path,
            entry.about.company,
            entry.about.role,
            entry.learn.feedback.date,
            entry.created.date(),
            today,
            after_days,
        )
        for path, entry in entries
        if entry.learn.feedback.status == FeedbackStatus.ASKED
    )
    return longest_wait_first(f for f in found if f is not None)


_INTERVIEWED = {Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND, Stage.OFFER_WITHDRAWN}


def _is_placeholder(company: str) -> bool:
    return company.strip().casefold() in {"", "unknown", "?", "-"}


def _request_parts(entry: Entry, contact: str) -> tuple[str, str, str]:
    """The subject, what it was about ("the X role at Y") and the greeting of a request."""
    company = "" if _is_placeholder(entry.about.company) else entry.about.company.strip()
    role = entry.about.role.strip()
    if role and company:
        subject, what = f"Feedback on the {role} role", f"the {role} role at {company}"
    elif role:
        subject, what = f"Feedback on the {role} role", f"the {role} role"
    elif company:
        subject, what = f"Feedback on my application to {company}", f"the role at {company}"
    else:
        subject, what = "Feedback on my application", "the role"
    return subject, what, greeting(contact)


#: The greeting line of a drafted request or follow-up, as `greeting` writes it.
GREETING = re.compile(r"Hi .*,|Hello,")


def greeting(contact: str) -> str:
    """The first line of a request: to the contact by name, or to whoever reads it."""
    name = contact.strip()
    return f"Hi {name}," if name else "Hello,"


def feedback_request(entry: Entry, contact: str = "") -> str:
    """A short, polite email asking for feedback: a subject line, a blank line, the body.
    Uses only the company, role and contact name."""
    subject, what, greeting = _request_parts(entry, contact)
    part = "interviews" if entry.about.stage in _INTERVIEWED else "application"
    return "\n".join(
        [
            f"Subject: {subject}",
            "",
            greeting,
            "",
            f"Thank you for considering me for {what}, and for letting me know.",
            "",
            f"If you have a few minutes, I would value any feedback on my {part}: what went"
            " well and what I could do better next time. A line or two would help.",
            "",
            "Thanks again, and all the best,",
            "",
        ]
    )


def follow_up_request(entry: Entry, contact: str = "") -> str:
    """A gentle second note for feedback asked and not answered. Like `feedback_request`,
    it uses only the company, role, contact name and the day feedback was asked."""
    subject, what, greeting = _request_parts(entry, contact)
    asked = entry.learn.feedback.date
    when = f"my note of {asked.day} {asked:%B}" if asked else "my earlier note"
    return "\n".join(
        [
            f"Subject: Re: {subject}",
            "",
            greeting,
            "",
            f"I'm following up on {when} about {what.removesuffix('.')}. I know inboxes get busy.",
            "",
            "If you have a moment for a line or two of feedback, I would be grateful."
            " If not, no problem at all.",
            "",
            "Thank you,",
            "",
        ]
    )


# progress --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthStages:
    month: str  # YYYY-MM
    by_stage: dict[str, int]  # stage value (or NO_STAGE) -> entries
    total: int


@dataclass(frozen=True)
class MonthLift:
    month: str  # YYYY-MM
    lift: float | None  # average (before - after) that month; None without data
    count: int  # entries with both ratings that month


@dataclass(frozen=True)
class PipelineItem:
    text: str
    company: str  # the company of the entry it was written in
    day: date  # the date of that entry
    path: Path


@dataclass(frozen=True)
class Progress:
    total: int
    months: tuple[MonthStages, ...]  # oldest month first; only months with entries
    sting_before: float | None  # average over entries with a before rating
    sting_after: float | None  # average over entries with an after rating
    lift: float | None  # average (before - after) over entries with both
    lift_count: int
    trend: tuple[MonthLift, ...]  # TREND_MONTHS months, ending with today's month
    pipeline: tuple[PipelineItem, ...]  # last PIPELINE_DAYS days, newest first
    success_sources: dict[str, int]  # source value -> entries naming it, most first


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    months: list[str] = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def progress(entries: Iterable[Pair], today: date) -> Progress:
    pairs = _newest_first(entries)
    stages: dict[str, Counter[str]] = {}
    before: list[int] = []
    after: list[int] = []
    lifts: dict[str, list[int]] = {}
    all_lifts: list[int] = []
    pipeline: list[PipelineItem] = []
    sources: Counter[str] = Counter()
    for path, entry in pairs:
        day = entry_date(entry)
        month = _month(day)
        stage = entry.about.stage.value if entry.about.stage is not None else NO_STAGE
        stages.setdefault(month, Counter())[stage] += 1
        sting_before = entry.personal.sting_before
        sting_after = entry.prepare.sting_after
        if sting_before is not None:
            before.append(sting_before)
        if sting_after is not None:
            after.append(sting_after)
        if sting_before is not None and sting_after is not None:
            all_lifts.append(sting_before - sting_after)
            lifts.setdefault(month, []).append(sting_before - sting_after)
        if 0 <= (today - day).days <= PIPELINE_DAYS:
            pipeline.extend(
                PipelineItem(text, entry.about.company, day, path)
                for text in entry.prepare.pipeline
            )
        sources.update(source.value for source in entry.learn.past_successes.sources)
    months = tuple(
        MonthStages(month, dict(counts.most_common()), sum(counts.values()))
        for month, counts in sorted(stages.items())
    )
    trend = tuple(
        MonthLift(month, _mean(lifts.get(month, [])), len(lifts.get(month, [])))
        for month in _months_back(today, TREND_MONTHS)
    )
    return Progress(
        total=len(pairs),
        months=months,
        sting_before=_mean(before),
        sting_after=_mean(after),
        lift=_mean(all_lifts),
        lift_count=len(all_lifts),
        trend=trend,
        pipeline=tuple(pipeline),
        success_sources=dict(sources.most_common()),
    )


# prep packet -----------------------------------------------------------------------------------

_SKILL_STATUS = {"to_do": "to do", "in_progress": "in progress", "done": "done"}
_STATUS_ORDER = {"in_progress": 0, "to_do": 1, "done": 2}
_EMPTY = "Nothing here yet."


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _more(lines: list[str], total: int, shown: int) -> None:
    if total > shown:
        lines.append(f"- and {total - shown} more")


#: How many items of each list a prep packet shows (the index keeps that many).
PREP_LIMIT = 10


@dataclass(frozen=True)
class PrepParts:
    """What a prep packet is made of: the whole practice bank and skill plan, and the first
    items (up to the packet's limit) of the other lists, with how many there are in all."""

    bank: list[Question]
    plan: list[Skill]
    actions: list[OpenAction]
    action_count: int
    people: list[str]  # distinct (as `question_key` sees them), newest first
    people_count: int
    wins: list[str]  # distinct "what worked before", newest first
    win_count: int


def prep_parts(entries: Iterable[Pair], today: date, limit: int = PREP_LIMIT) -> PrepParts:
    pairs = _newest_first(entries)
    actions = open_actions(pairs, today)
    people = _distinct_by_key(person for _, entry in pairs for person in entry.prepare.people)
    wins = _distinct_by_key(
        entry.learn.past_successes.reuse for _, entry in pairs if entry.learn.past_successes.reuse
    )
    return PrepParts(
        practice_bank(pairs),
        skill_plan(pairs),
        actions[:limit],
        len(actions),
        people[:limit],
        len(people),
        wins[:limit],
        len(wins),
    )


def prep_packet(
    entries: Iterable[Pair], today: date, practice_state: Any, *, limit: int = PREP_LIMIT
) -> str:
    """One Markdown page for the next interview. `practice_state` is a
    `practice.PracticeState` (anything with ``questions`` and ``skills`` mappings)."""
    return write_prep(prep_parts(entries, today, limit), today, practice_state, limit=limit)


def write_prep(
    parts: PrepParts, today: date, practice_state: Any, *, limit: int = PREP_LIMIT
) -> str:
    """The prep packet of `parts` (cut to at least `limit` items each)."""
    questions_state = getattr(practice_state, "questions", {}) or {}
    skills_state = getattr(practice_state, "skills", {}) or {}
    lines = ["# Ready for the next one", "", f"Made on {today.isoformat()}.", ""]

    lines += ["## Questions to practise", ""]
    bank = parts.bank

    def practised(question: Question) -> bool:
        state = questions_state.get(question.key)
        return bool(state is not None and state.practised)

    for number, question in enumerate(bank[:limit], start=1):
        state = questions_state.get(question.key)
        mark = " (practised)" if practised(question) else ""
        companies = ", ".join(escape(company) for company in question.companies[:3])
        lines.append(f"{number}. {escape(question.text)}{mark}")
        lines.append(
            f"   Came up {_times(question.count)}, last on {question.last_seen.isoformat()}"
            f" ({companies})."
        )
        sketch = state.sketch.strip() if state is not None else ""
        if sketch:
            lines.append("   Your sketch: " + "  \n   ".join(escape(s) for s in sketch.split("\n")))
    if not bank:
        lines.append(_EMPTY)
    elif len(bank) > limit:
        lines += ["", f"And {len(bank) - limit} more in the practice bank."]
    lines.append("")

    lines += ["## Skills to build", ""]
    plan = parts.plan

    def status(skill: Skill) -> str:
        state = skills_state.get(skill.key)
        return state.status if state is not None else "to_do"

    open_skills = sorted(
        (skill for skill in plan if status(skill) != "done"),
        key=lambda skill: _STATUS_ORDER.get(status(skill), 1),
    )
    for skill in open_skills[:limit]:
        label = _SKILL_STATUS.get(status(skill), "to do")
        lines.append(f"- {escape(skill.text)}: {label} (came up {_times(skill.count)})")
    _more(lines, len(open_skills), limit)
    done = len(plan) - len(open_skills)
    if not plan:
        lines.append(_EMPTY)
    elif done:
        lines += ["", f"Done already: {done}."]
    lines.append("")

    lines += ["## Next actions", ""]
    actions = parts.actions
    for action in actions[:limit]:
        when = ""
        if action.due is not None:
            when = f" (by {action.due.isoformat()}{', overdue' if action.overdue else ''})"
        lines.append(f"- [ ] {escape(action.text)}{when} — {escape(action.company)}")
    _more(lines, parts.action_count, limit)
    if not actions:
        lines.append(_EMPTY)
    lines.append("")

    lines += ["## People to reach out to", ""]
    people = parts.people
    lines += [f"- {escape(person)}" for person in people[:limit]]
    _more(lines, parts.people_count, limit)
    if not people:
        lines.append(_EMPTY)
    lines.append("")

    lines += ["## What worked before", ""]
    reuse = parts.wins
    for text in reuse[:limit]:
        lines.append("- " + "  \n  ".join(escape(part) for part in text.split("\n")))
    _more(lines, parts.win_count, limit)
    if not reuse:
        lines.append(_EMPTY)
    lines.append("")
    return "\n".join(line for line in _squeeze(lines)) + "\n"


def _distinct_by_key(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = question_key(item)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _squeeze(lines: list[str]) -> list[str]:
    """No two blank lines in a row, none at the end."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


__all__ = [
    "FOLLOW_UP_DAYS",
    "GREETING",
    "NO_STAGE",
    "PIPELINE_DAYS",
    "PREP_LIMIT",
    "TREND_MONTHS",
    "FileList",
    "FollowUp",
    "MonthLift",
    "MonthStages",
    "OpenAction",
    "PipelineItem",
    "PrepParts",
    "Progress",
    "Question",
    "Skill",
    "entry_date",
    "feedback_request",
    "follow_up_request",
    "follow_ups",
    "greeting",
    "open_actions",
    "practice_bank",
    "prep_packet",
    "prep_parts",
    "progress",
    "question_key",
    "skill_plan",
    "write_prep",
]
