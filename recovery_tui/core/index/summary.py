"""The index's answers for Practice, Progress and the prep packet. No Textual here.

A part of `store.Index`. Each refresh that changed something sums the journal up once
(`rebuild_summary`: one pass over the ``facts`` of the entries the model accepts) into the
``summary`` table; opening a screen then reads only those sums, so it takes as long with
10,000 reflections as with 100. Only the pipeline depends on the day, and is read by date
(the entries of the last `insights.progress.PIPELINE_DAYS` days).

The answers are the same values as the `insights` functions (`practice_bank`, `skill_plan`,
`progress`, `prep_parts`) give for the same files read with `Journal.read_all`: the same
entries (those the model accepts), the same order (newest first: the date shown, then the
moment written, then the file name), the same ties.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recovery_tui.core.index.connections import IndexConnections
from recovery_tui.core.index.schema import NEWEST
from recovery_tui.core.insights.learnt import FEEDBACK_LIMIT, Learnt, Said, by_count
from recovery_tui.core.insights.open_actions import OpenAction
from recovery_tui.core.insights.practice_bank import FileList, Question, Skill
from recovery_tui.core.insights.prep_packet import PREP_LIMIT, PrepParts
from recovery_tui.core.insights.progress import (
    NO_STAGE,
    PIPELINE_DAYS,
    MonthLift,
    MonthStages,
    PipelineItem,
    Progress,
    months_between,
)

if TYPE_CHECKING:
    pass


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _Group:
    """One key of the practice bank or the skill plan, as `insights.practice_bank` merges it."""

    __slots__ = ("companies", "count", "day", "names", "seen", "text")

    def __init__(self, text: str, day: str) -> None:
        self.text, self.day, self.count = text, day, 0
        self.companies: list[str] = []
        self.seen: set[str] = set()
        self.names: list[str] = []

    def add(self, company: str, company_key: str, name: str) -> None:
        self.count += 1
        if company_key not in self.seen:
            self.seen.add(company_key)
            self.companies.append(company)
        self.names.append(name)


def _merged(groups: dict[str, _Group]) -> list[tuple[str, _Group]]:
    """Most frequent first, then most recent, then by key (as `insights.practice_bank`)."""
    found = sorted(groups.items())
    found.sort(key=lambda item: (item[1].count, item[1].day), reverse=True)  # stable
    return found


def _by_count(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Most first; stable, so equal counts keep the order they were first met in."""
    return sorted(items, key=lambda item: item[1], reverse=True)


class _Distinct:
    """The first `limit` texts of distinct non-empty keys met, and how many keys there are."""

    __slots__ = ("limit", "seen", "top")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.seen: set[str] = set()
        self.top: list[str] = []

    def add(self, key: str, text: str) -> None:
        if key and key not in self.seen:
            self.seen.add(key)
            if len(self.top) < self.limit:
                self.top.append(text)

    def part(self) -> dict[str, Any]:
        return {"top": self.top, "count": len(self.seen)}


def rebuild_summary(connection: sqlite3.Connection) -> None:
    """Sum the journal up again into ``summary`` (the caller holds a write transaction):
    one pass over the entries the model accepts, newest first, as `insights` goes."""
    questions: dict[str, _Group] = {}
    skills: dict[str, _Group] = {}
    months: dict[str, list[Any]] = {}  # month -> [{stage: entries}, sums of the stings]
    sources: dict[str, int] = {}
    dated: list[tuple[str, int, list[Any]]] = []
    undated: list[list[Any]] = []
    people, wins = _Distinct(PREP_LIMIT), _Distinct(PREP_LIMIT)
    said: list[list[str]] = []  # [words, company, date], distinct, newest first
    said_seen: set[str] = set()
    fits = [0] * 5
    applied: dict[str, int] = {}
    rows = connection.execute(
        "SELECT e.name, e.company, e.company_key, e.date, e.stage, e.sting_before,"
        " e.sting_after, e.facts, substr(e.created, 1, 10) FROM entries e WHERE e.valid"
        f" ORDER BY {NEWEST}"
    )
    for number, row in enumerate(rows):
        name, company, company_key, day, stage, before, after, facts, written = row
        asked, skilled, _, named, lines, win, actions, words, fit, via = json.loads(facts)
        for groups, items in ((questions, asked), (skills, skilled)):
            for key, text in items:
                group = groups.get(key)
                if group is None:
                    group = groups[key] = _Group(text, day)
                group.add(company, company_key, name)
        month = months.get(day[:7])
        if month is None:
            month = months[day[:7]] = [{}, 0, 0, 0, 0, 0, 0, 0]
        month[0][stage] = month[0].get(stage, 0) + 1
        if before is not None:
            month[1] += 1
            month[2] += before
        if after is not None:
            month[3] += 1
            month[4] += after
        if before is not None and after is not None:
            month[5] += 1
            month[6] += before - after
            month[7] += before
        if words is not None and words[0] not in said_seen:
            said_seen.add(words[0])
            said.append([words[1], company, day])
        if fit is not None:
            fits[fit - 1] += 1
        if via is not None:
            applied[via] = applied.get(via, 0) + 1
        for source in named:
            sources[source] = sources.get(source, 0) + 1
        for key, text in lines:
            people.add(key, text)
        if win is not None:
            wins.add(*win)
        for position, text, due in actions:
            item = [name, position, text, due, company, written]
            if due:
                dated.append((due, number, item))  # ties: newest entry, then position
            else:
                undated.append(item)
    open_actions = [item for *_, item in heapq.nsmallest(PREP_LIMIT, dated)] + undated
    parts = {
        "bank": [[key, g.text, g.count, g.day, g.companies] for key, g in _merged(questions)],
        "skills": [[key, g.text, g.count, g.day, g.companies] for key, g in _merged(skills)],
        "months": [
            [month, _by_count(sums[0].items()), *sums[1:]] for month, sums in sorted(months.items())
        ],
        "sources": _by_count(sources.items()),
        "actions": {"top": open_actions[:PREP_LIMIT], "count": len(dated) + len(undated)},
        "people": people.part(),
        "wins": wins.part(),
        "learnt": {
            "said": said[:FEEDBACK_LIMIT],
            "said_count": len(said),
            "fit": fits,
            "applied": list(applied.items()),
        },
        "stamp": os.urandom(8).hex(),  # tells a reader that the sums changed
    }
    connection.execute("DELETE FROM summary")
    connection.execute("DELETE FROM bank_files")
    connection.executemany(
        "INSERT INTO summary VALUES (?, ?)", [(part, _json(value)) for part, value in parts.items()]
    )
    connection.executemany(
        "INSERT INTO bank_files VALUES (?, ?)",
        [(key, _json(group.names)) for key, group in questions.items()],
    )


def _day(text: str) -> date:
    return date.fromisoformat(text)


class InsightQueries(IndexConnections):
    """Reads of the ``summary`` table (see `Index`)."""

    def _parts(self, *names: str) -> dict[str, Any] | None:
        marks = ", ".join("?" * len(names))
        found = dict(self._query(f"SELECT part, value FROM summary WHERE part IN ({marks})", names))
        if len(found) < len(names):
            return None
        return {name: json.loads(value) for name, value in found.items()}

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads that see the same sums (one read transaction), even while another
        window or thread sums the journal up again."""
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("COMMIT")

    def summary_stamp(self) -> str | None:
        """Changes each time the journal is summed up again; None before the first time
        (until the first refresh has finished)."""
        found = self._query("SELECT value FROM summary WHERE part = 'stamp'")
        return found[0][0] if found else None

    def _file_names(self, key: str) -> list[str]:
        """The files a question came up in, newest first, read when first asked for."""
        with contextlib.closing(
            sqlite3.connect(f"{self.db_path.absolute().as_uri()}?mode=ro", uri=True)
        ) as connection:
            found = connection.execute(
                "SELECT names FROM bank_files WHERE key = ?", (key,)
            ).fetchone()
        return json.loads(found[0]) if found else []

    def practice_bank(self) -> list[Question]:
        """As `insights.practice_bank` of every entry the model accepts."""
        parts = self._parts("bank")
        if parts is None:
            return []
        folder = self.journal.paths.entries
        return [
            Question(
                key,
                text,
                count,
                _day(day),
                tuple(companies),
                FileList(folder, functools.partial(self._file_names, key)),
            )
            for key, text, count, day, companies in parts["bank"]
        ]

    def skill_plan(self) -> list[Skill]:
        """As `insights.skill_plan` of every entry the model accepts."""
        parts = self._parts("skills")
        if parts is None:
            return []
        return [
            Skill(key, text, count, _day(day), tuple(companies))
            for key, text, count, day, companies in parts["skills"]
        ]

    def progress(self, today: date) -> Progress:
        """As `insights.progress` of every entry the model accepts."""
        parts = self._parts("months", "sources") or {"months": [], "sources": []}
        months, lifts = [], {}
        before, after, both = [0, 0], [0, 0], [0, 0]
        both_before = 0
        for month, stages, *sums in parts["months"]:
            by_stage = {stage or NO_STAGE: count for stage, count in stages}
            months.append(MonthStages(month, by_stage, sum(by_stage.values())))
            for number, pair in enumerate((before, after, both)):
                pair[0] += sums[2 * number]
                pair[1] += sums[2 * number + 1]
            both_before += sums[6]
            lifts[month] = (sums[4], sums[5], sums[6])
        trend = tuple(
            MonthLift(
                month,
                total / count if count else None,
                count,
                high / count if count else None,
                (high - total) / count if count else None,
            )
            for month in (months_between(months[0].month, months[-1].month) if months else [])
            for count, total, high in [lifts.get(month, (0, 0, 0))]
        )
        since = today - timedelta(days=PIPELINE_DAYS)
        folder = self.journal.paths.entries
        pipeline = [
            PipelineItem(text, company, day, path)
            for name, company, day_text, items in self._query(
                "SELECT e.name, e.company, e.date, json_extract(e.facts, '$[2]') FROM entries e"
                f" WHERE e.valid AND e.date BETWEEN ? AND ? ORDER BY {NEWEST}",
                (since.isoformat(), today.isoformat()),
            )
            if items != "[]"
            for day, path in [(_day(day_text), folder / name)]
            for text in json.loads(items)
        ]

        def mean(pair: list[Any]) -> float | None:
            return pair[1] / pair[0] if pair[0] else None

        return Progress(
            total=sum(month.total for month in months),
            months=tuple(months),
            sting_before=mean(before),
            sting_after=mean(after),
            lift=mean(both),
            lift_count=both[0],
            both_before=both_before / both[0] if both[0] else None,
            both_after=(both_before - both[1]) / both[0] if both[0] else None,
            trend=trend,
            pipeline=tuple(pipeline),
            success_sources=dict(parts["sources"]),
        )

    def prep_parts(self, today: date) -> PrepParts:
        """As `insights.prep_parts` of every entry the model accepts (`PREP_LIMIT` items)."""
        parts = self._parts("actions", "people", "wins")
        if parts is None:
            parts = {name: {"top": [], "count": 0} for name in ("actions", "people", "wins")}
        folder = self.journal.paths.entries
        actions = [
            OpenAction(
                folder / name,
                position,
                text,
                _day(due) if due else None,
                bool(due) and due < today.isoformat(),
                company,
                _day(written) if written else None,
            )
            for name, position, text, due, company, written in parts["actions"]["top"]
        ]
        return PrepParts(
            self.practice_bank(),
            self.skill_plan(),
            actions,
            parts["actions"]["count"],
            parts["people"]["top"],
            parts["people"]["count"],
            parts["wins"]["top"],
            parts["wins"]["count"],
            self.learnt(),
        )

    def learnt(self) -> Learnt:
        """As `insights.learnt` of every entry the model accepts."""
        parts = self._parts("months", "sources", "learnt")
        if parts is None:
            return Learnt()
        stages: dict[str, int] = {}
        for _, by_stage, *_ in parts["months"]:
            for stage, count in by_stage:
                stages[stage or NO_STAGE] = stages.get(stage or NO_STAGE, 0) + count
        found = parts["learnt"]
        return Learnt(
            by_count(stages.items()),
            tuple(Said(text, company, _day(day)) for text, company, day in found["said"]),
            found["said_count"],
            tuple(found["fit"]),
            dict(by_count(parts["sources"])),
            dict(by_count(found["applied"])),
        )

    def file_counts(self) -> tuple[int, int]:
        """How many entry files the model accepts, and how many it doesn't (the Problems
        screen says why): the entries these sums are made of, and those left out."""
        found = self._query(
            "SELECT (SELECT count(*) FROM entries WHERE valid), (SELECT count(*) FROM files)"
        )
        readable, files = found[0] if found else (0, 0)
        return readable, files - readable
