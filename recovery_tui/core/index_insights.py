"""The index's answers for Practice, Progress and the prep packet. No Textual here.

A mixin of `recovery_tui.core.index.Index`. Each refresh that changed something sums the
journal up once (`rebuild_summary`, in SQL over the entries the model accepts) into the
``summary`` table; opening a screen then reads only those sums, so it takes as long with
10,000 reflections as with 100. Only the pipeline depends on the day, and is read by date.

The answers are the same values as `insights.practice_bank`, `skill_plan`, `progress` and
`prep_parts` give for the same files read with `Journal.read_all`: the same entries (those
the model accepts), the same order (newest first: the date shown, then the moment written,
then the file name), the same ties.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from recovery_tui.core.index import Index
    from recovery_tui.core.insights import Pair, PrepParts, Progress, Question, Skill

Answer = TypeVar("Answer")

SUMMARY_SCHEMA = """
CREATE TABLE summary(part TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE bank_files(key TEXT PRIMARY KEY, names TEXT NOT NULL) WITHOUT ROWID;
"""
#: Newest first, as `insights` orders entries (e is the entries table).
_NEWEST = "e.date DESC, e.created_us DESC, e.name DESC"
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _bank(connection: sqlite3.Connection, column: str) -> list[list[Any]]:
    """[key, wording, count, last seen, companies, file names] for each key, most frequent
    first, then most recent; the wording and companies as `insights._merge` picks them."""
    found = connection.execute(
        "SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), e.company,"
        f" e.company_key, e.date, e.name FROM entries e, json_each(e.{column}) j"
        f" WHERE e.valid AND e.{column} IS NOT NULL"
        f" ORDER BY json_extract(j.value, '$[0]'), {_NEWEST}"
    )
    groups: list[list[Any]] = []
    seen: set[str] = set()
    current: list[Any] = [None]
    for key, text, company, company_key, day, name in found:
        if key != current[0]:
            current = [key, text, 0, day, [], []]
            groups.append(current)
            seen = set()
        current[2] += 1
        if company_key not in seen:
            seen.add(company_key)
            current[4].append(company)
        current[5].append(name)
    groups.sort(key=lambda group: (group[2], group[3]), reverse=True)  # stable: key A to Z
    return groups


def _top(connection: sqlite3.Connection, kind: str, limit: int) -> dict[str, Any]:
    """The first `limit` distinct people or wins (by key), newest first, and their number."""
    found = connection.execute(
        "SELECT text FROM (SELECT r.text, r.position, e.date, e.created_us, e.name,"
        f" row_number() OVER (PARTITION BY r.key ORDER BY {_NEWEST}, r.position) AS rank"
        " FROM reuse r JOIN entries e ON e.name = r.name"
        " WHERE e.valid AND r.kind = ? AND r.key != '') AS e"
        f" WHERE rank = 1 ORDER BY {_NEWEST}, position LIMIT ?",
        (kind, limit),
    )
    count = connection.execute(
        "SELECT count(DISTINCT r.key) FROM reuse r JOIN entries e ON e.name = r.name"
        " WHERE e.valid AND r.kind = ? AND r.key != ''",
        (kind,),
    )
    return {"top": [text for (text,) in found], "count": count.fetchone()[0]}


def rebuild_summary(connection: sqlite3.Connection) -> None:
    """Sum the journal up again into ``summary`` (the caller holds a write transaction)."""
    from recovery_tui.core.insights import NO_STAGE, PREP_LIMIT

    parts: dict[str, Any] = {}
    questions = _bank(connection, "questions")
    parts["bank"] = [group[:5] for group in questions]
    parts["skills"] = [group[:5] for group in _bank(connection, "skills")]
    stages: dict[str, list[list[Any]]] = {}
    for month, stage, count in connection.execute(
        "SELECT month, stage, count(*) AS n FROM (SELECT substr(e.date, 1, 7) AS month,"
        f" coalesce(e.stage, ?) AS stage, row_number() OVER (ORDER BY {_NEWEST}) AS rank"
        " FROM entries e WHERE e.valid) GROUP BY month, stage ORDER BY month, n DESC, min(rank)",
        (NO_STAGE,),
    ):
        stages.setdefault(month, []).append([stage, count])
    parts["months"] = [
        [month, stages[month], *sums]
        for month, *sums in connection.execute(
            "SELECT substr(date, 1, 7) AS month, count(sting_before),"
            " coalesce(sum(sting_before), 0), count(sting_after), coalesce(sum(sting_after), 0),"
            " count(sting_before - sting_after), coalesce(sum(sting_before - sting_after), 0)"
            " FROM entries WHERE valid"
            " GROUP BY month ORDER BY month"
        )
    ]
    # Ties in the order first met, newest entry first: as `Counter.most_common` leaves them.
    parts["sources"] = connection.execute(
        "SELECT j.value, count(*) AS n FROM (SELECT sources,"
        f" row_number() OVER (ORDER BY {_NEWEST}) AS rank FROM entries e"
        " WHERE e.valid AND e.sources IS NOT NULL) AS e, json_each(e.sources) j"
        " GROUP BY j.value ORDER BY n DESC, min(e.rank * 4294967296 + j.key)"
    ).fetchall()
    open_actions = "FROM actions a JOIN entries e ON e.name = a.name WHERE e.valid AND a.done = 0"
    parts["actions"] = {
        "top": connection.execute(
            f"SELECT a.name, a.position, a.text, a.due, e.company {open_actions}"
            f" ORDER BY a.due = '', a.due, {_NEWEST}, a.position LIMIT ?",
            (PREP_LIMIT,),
        ).fetchall(),
        "count": connection.execute(f"SELECT count(*) {open_actions}").fetchone()[0],
    }
    parts["people"] = _top(connection, "person", PREP_LIMIT)
    parts["wins"] = _top(connection, "success", PREP_LIMIT)
    parts["stamp"] = os.urandom(8).hex()  # tells a reader that the sums changed
    connection.execute("DELETE FROM summary")
    connection.execute("DELETE FROM bank_files")
    connection.executemany(
        "INSERT INTO summary VALUES (?, ?)", [(part, _json(value)) for part, value in parts.items()]
    )
    connection.executemany(
        "INSERT INTO bank_files VALUES (?, ?)",
        [(group[0], _json(group[5])) for group in questions],
    )


def _day(text: str) -> date:
    return date.fromisoformat(text)


class InsightQueries:
    """Reads of the ``summary`` table (see `Index`)."""

    if TYPE_CHECKING:  # given by Index
        journal: Any
        db_path: Path

        def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]: ...

    def _parts(self, *names: str) -> dict[str, Any] | None:
        marks = ", ".join("?" * len(names))
        found = dict(self._query(f"SELECT part, value FROM summary WHERE part IN ({marks})", names))
        if len(found) < len(names):
            return None
        return {name: json.loads(value) for name, value in found.items()}

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
        from recovery_tui.core.insights import FileList, Question

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
                FileList(folder, lambda key=key: self._file_names(key)),
            )
            for key, text, count, day, companies in parts["bank"]
        ]

    def skill_plan(self) -> list[Skill]:
        """As `insights.skill_plan` of every entry the model accepts."""
        from recovery_tui.core.insights import Skill

        parts = self._parts("skills")
        if parts is None:
            return []
        return [
            Skill(key, text, count, _day(day), tuple(companies))
            for key, text, count, day, companies in parts["skills"]
        ]

    def progress(self, today: date) -> Progress:
        """As `insights.progress` of every entry the model accepts."""
        from recovery_tui.core.insights import (
            PIPELINE_DAYS,
            TREND_MONTHS,
            MonthLift,
            MonthStages,
            PipelineItem,
            Progress,
            _months_back,
        )

        parts = self._parts("months", "sources") or {"months": [], "sources": []}
        months, lifts = [], {}
        before, after, both = [0, 0], [0, 0], [0, 0]
        for month, stages, *sums in parts["months"]:
            months.append(MonthStages(month, dict(stages), sum(n for _, n in stages)))
            for number, pair in enumerate((before, after, both)):
                pair[0] += sums[2 * number]
                pair[1] += sums[2 * number + 1]
            lifts[month] = (sums[4], sums[5])
        trend = tuple(
            MonthLift(month, total / count if count else None, count)
            for month in _months_back(today, TREND_MONTHS)
            for count, total in [lifts.get(month, (0, 0))]
        )
        since = today - timedelta(days=PIPELINE_DAYS)
        folder = self.journal.paths.entries
        pipeline = [
            PipelineItem(text, company, day, path)
            for name, company, day_text, items in self._query(
                "SELECT e.name, e.company, e.date, e.pipeline FROM entries e WHERE e.valid AND"
                f" e.pipeline IS NOT NULL AND e.date BETWEEN ? AND ? ORDER BY {_NEWEST}",
                (since.isoformat(), today.isoformat()),
            )
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
            trend=trend,
            pipeline=tuple(pipeline),
            success_sources=dict(parts["sources"]),
        )

    def prep_parts(self, today: date) -> PrepParts:
        """As `insights.prep_parts` of every entry the model accepts (`PREP_LIMIT` items)."""
        from recovery_tui.core.insights import OpenAction, PrepParts

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
            )
            for name, position, text, due, company in parts["actions"]["top"]
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
        )

    def file_counts(self) -> tuple[int, int]:
        """How many entry files the model accepts, and how many it doesn't (the Problems
        screen says why): the entries these sums are made of, and those left out."""
        found = self._query(
            "SELECT (SELECT count(*) FROM entries WHERE valid), (SELECT count(*) FROM files)"
        )
        readable, files = found[0] if found else (0, 0)
        return readable, files - readable


def summed_up(
    index_file: Path,
    journal: Any,
    from_index: Callable[[Index], Answer],
    from_files: Callable[[list[Pair]], Answer],
    stop: Callable[[], bool] | None = None,
) -> Iterator[Answer]:
    """An answer from the index's sums at once, then a fresh one if refreshing the index
    changed them (or summed the journal up for the first time). If the index can't be used
    (the cache folder is read-only or full), one answer from reading every file instead."""
    from recovery_tui.core.index import Index

    try:
        with Index.open(index_file, journal) as index:
            stamp = index.summary_stamp()
            if stamp is not None:
                yield from_index(index)
            index.refresh(stop=stop)
            if (stop is None or not stop()) and index.summary_stamp() != stamp:
                yield from_index(index)
        return
    except (OSError, sqlite3.Error):
        pass
    pairs, _ = journal.read_all()
    yield from_files(pairs)
