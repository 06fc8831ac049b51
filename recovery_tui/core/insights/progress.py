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
    before: float | None = None  # the average before, over those same entries
    after: float | None = None  # the average after, over those same entries


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
    #: Every month from the first with entries to the last (a month between without any
    #: has a count of 0), oldest first.
    trend: tuple[MonthLift, ...]
    pipeline: tuple[PipelineItem, ...]  # last PIPELINE_DAYS days, newest first
    success_sources: dict[str, int]  # source value -> entries naming it, most first
    both_before: float | None = None  # average before, over entries with both ratings
    both_after: float | None = None  # average after, over entries with both ratings


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month = int(first[:4]), int(first[5:7])
    months: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def progress(entries: Iterable[Pair], today: date) -> Progress:
    pairs = newest_first(entries)
    stages: dict[str, Counter[str]] = {}
    before: list[int] = []
    after: list[int] = []
    lifts: dict[str, list[int]] = {}
    highs: dict[str, list[int]] = {}  # the before ratings of entries with both
    all_lifts: list[int] = []
    all_highs: list[int] = []
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
            all_highs.append(sting_before)
            lifts.setdefault(month, []).append(sting_before - sting_after)
            highs.setdefault(month, []).append(sting_before)
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
        MonthLift(
            month,
            _mean(lifts.get(month, [])),
            len(lifts.get(month, [])),
            _mean(highs.get(month, [])),
            _after(highs.get(month, []), lifts.get(month, [])),
        )
        for month in (months_between(months[0].month, months[-1].month) if months else [])
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
        both_before=_mean(all_highs),
        both_after=_after(all_highs, all_lifts),
    )


def _after(highs: Sequence[int], lifts: Sequence[int]) -> float | None:
    """The average after, as (sum before - sum lift) / count: the same sum as the index."""
    return (sum(highs) - sum(lifts)) / len(highs) if highs else None
