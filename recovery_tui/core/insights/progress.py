"""The numbers behind Progress: entries by month and stage, the sting before and after,
the pipeline and what found roles. Numbers only; the UI phrases them. No Textual here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from recovery_tui.core.insights.pairs import Pair, entry_date, newest_first

#: The stage key used in `Progress.months` for entries without a stage.
NO_STAGE = "not_set"


#: How far back the pipeline reaches.
PIPELINE_DAYS = 60


#: How many months the lift trend covers (ending with today's month).
TREND_MONTHS = 12


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


def months_back(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    months: list[str] = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def progress(entries: Iterable[Pair], today: date) -> Progress:
    pairs = newest_first(entries)
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
        for month in months_back(today, TREND_MONTHS)
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
