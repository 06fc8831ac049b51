"""The history list from the index: rows, filters, sorts and the values to filter by.
No Textual here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from recovery_tui.core.index.connections import IndexConnections
from recovery_tui.core.index.extract import SEP
from recovery_tui.core.prompts import choice_label

SORTS = ("date", "company", "role", "stage", "sting_before", "sting_after")


@dataclass(frozen=True)
class Filter:
    """What the history list is narrowed to. Empty fields don't narrow anything.

    `text` narrows as you type: a case-insensitive substring of the company, role, tags or
    the stage's label. `company` and `tag` match whole values (case-insensitive), `stage`
    is a stage value (e.g. "after_final_round"), and the dates bound the date shown
    (inclusive).
    """

    text: str = ""
    stage: str | None = None
    company: str | None = None
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Row:
    """One entry as the history list shows it."""

    name: str
    path: Path
    id: str
    #: The date shown: when you heard (news_date), else the day it was written. ISO text.
    date: str
    created: str
    updated: str
    company: str
    role: str
    stage: str | None
    channel: str | None
    tags: tuple[str, ...]
    sting_before: int | None
    sting_after: int | None

    @property
    def stage_label(self) -> str:
        return choice_label(self.stage) if self.stage else ""


COLUMNS = (
    "e.name, e.id, e.date, e.created, e.updated, e.company, e.role, e.stage, e.channel, "
    "e.tags, e.sting_before, e.sting_after"
)


class RowQueries(IndexConnections):
    """The history list's queries (see `Index`)."""

    def _row(self, values: tuple[Any, ...]) -> Row:
        name = values[0]
        tags = tuple(values[9].split(SEP)) if values[9] else ()
        entry_id, day, created, updated, company, role, stage, channel = values[1:9]
        return Row(
            name,
            Path(self.journal.paths.entries) / name,
            entry_id,
            day,
            created,
            updated,
            company,
            role,
            stage,
            channel,
            tags,
            values[10],
            values[11],
        )

    def rows(
        self,
        filter: Filter | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Listed entries matching `filter`, sorted by one of `SORTS`; blanks sort last."""
        where, params = where_clause(filter or Filter())
        order = order_clause(sort, descending)
        sql = f"SELECT {COLUMNS} FROM entries e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        found = self._query(sql, [*params, -1 if limit is None else limit, max(offset, 0)])
        return [self._row(values) for values in found]

    def count(self, filter: Filter | None = None) -> int:
        where, params = where_clause(filter or Filter())
        found = self._query(f"SELECT count(*) FROM entries e WHERE {where}", params)
        return found[0][0] if found else 0

    def companies(self) -> list[str]:
        """Every company, one spelling each, A to Z."""
        found = self._query(
            "SELECT min(company) FROM entries GROUP BY company_key ORDER BY company_key"
        )
        return [company for (company,) in found]

    def tags(self) -> list[str]:
        """Every tag, one spelling each, A to Z."""
        spellings: dict[str, str] = {}
        for (joined,) in self._query("SELECT tags FROM entries WHERE tags != ''"):
            for tag in joined.split(SEP):
                key = tag.casefold()
                if key not in spellings or tag < spellings[key]:
                    spellings[key] = tag
        return [spellings[key] for key in sorted(spellings)]

    def stages(self) -> list[str]:
        """The stage values used by at least one entry, in the order of the stage list."""
        found = self._query(
            "SELECT stage FROM entries WHERE stage IS NOT NULL GROUP BY stage "
            "ORDER BY min(stage_order)"
        )
        return [stage for (stage,) in found]

    def failed(self) -> list[str]:
        """Names of .toml files that aren't listed because they couldn't be read as entries."""
        found = self._query("SELECT name FROM files WHERE NOT ok ORDER BY name")
        return [name for (name,) in found]


def where_clause(filter: Filter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1"]
    params: list[Any] = []
    text = filter.text.strip().casefold()
    if text:
        clauses.append("instr(e.haystack, ?) > 0")
        params.append(text)
    if filter.stage:
        clauses.append("e.stage = ?")
        params.append(filter.stage)
    if filter.company:
        clauses.append("e.company_key = ?")
        params.append(filter.company.strip().casefold())
    if filter.tag:
        clauses.append("instr(e.tag_keys, ?) > 0")
        params.append(SEP + filter.tag.strip().casefold() + SEP)
    if filter.date_from:
        clauses.append("e.date >= ?")
        params.append(filter.date_from.isoformat())
    if filter.date_to:
        clauses.append("e.date <= ?")
        params.append(filter.date_to.isoformat())
    return " AND ".join(clauses), params


def order_clause(sort: str, descending: bool) -> str:
    way = "DESC" if descending else "ASC"
    newest = "e.date DESC, e.created DESC, e.name DESC"
    if sort == "date":
        return f"e.date {way}, e.created {way}, e.name {way}"
    if sort == "company":
        return f"e.company_key {way}, {newest}"
    if sort == "role":
        return f"e.role_key = '', e.role_key {way}, {newest}"
    if sort == "stage":
        return f"e.stage_order IS NULL, e.stage_order {way}, {newest}"
    if sort in ("sting_before", "sting_after"):
        return f"e.{sort} IS NULL, e.{sort} {way}, {newest}"
    raise ValueError(f"Unknown sort {sort!r}; use one of {', '.join(SORTS)}")
