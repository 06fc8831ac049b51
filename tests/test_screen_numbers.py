"""The numbers people see: every figure on the Progress and Practice screens, read off the
screen and checked against sums made here from the TOML files with tomllib alone."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.prompts import CHOICE_LABELS
from recovery_tui.widgets.month_chart import MonthChart
from tests.conftest import FIXED_NOW, settle
from tests.core.test_insights import day_of, expected_merge, key

TODAY = FIXED_NOW.date()
LABELS = {value: label for labels in CHOICE_LABELS.values() for value, label in labels.items()}


@pytest.fixture
def demo_raw(app_paths) -> dict[Path, dict[str, Any]]:  # type: ignore[no-untyped-def]
    journal = Journal(app_paths.journal)
    write_demo(journal, 300, seed=4, now=FIXED_NOW)
    return {path: tomllib.loads(path.read_text("utf-8")) for path in journal.entry_files()}


def shown(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


def half_up(value: float) -> int:
    return int(value + 0.5)  # the values are never negative


def mean(values: list[int]) -> float:
    return sum(values) / len(values)


async def test_every_number_on_the_progress_screen_matches_the_files(make_app, demo_raw):  # type: ignore[no-untyped-def]
    # Sums from the files.
    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    befores, afters, lifts = [], [], []
    boths: list[tuple[int, int]] = []
    month_boths: dict[str, list[tuple[int, int]]] = defaultdict(list)
    pipeline: list[tuple[date, str, str]] = []
    sources: Counter[str] = Counter()
    for data in demo_raw.values():
        day = day_of(data)
        month = day.strftime("%Y-%m")
        by_month[month][data["about"].get("stage", "")] += 1
        before = data.get("personal", {}).get("sting_before")
        after = data.get("prepare", {}).get("sting_after")
        befores += [before] if before is not None else []
        afters += [after] if after is not None else []
        if before is not None and after is not None:
            lifts.append(before - after)
            boths.append((before, after))
            month_boths[month].append((before, after))
        if timedelta(0) <= TODAY - day <= timedelta(days=60):
            company = data["about"]["company"]
            pipeline += [
                (day, item, company) for item in data.get("prepare", {}).get("pipeline", [])
            ]
        sources.update(data.get("learn", {}).get("past_successes", {}).get("sources", []))

    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen

        assert shown(screen, "#progress-headline").startswith("300 reflections so far.")

        sting = shown(screen, "#progress-sting")
        numbers = re.fullmatch(
            r"Over the ([\d,]+) reflections rated before and after writing, it stung (\d+) of "
            r"100 on average before and (\d+) after: (\d+) points less\.",
            sting,
        )
        assert numbers, sting
        highs = [before for before, _ in boths]
        assert int(numbers[1].replace(",", "")) == len(boths) == len(lifts)
        assert int(numbers[2]) == half_up(mean(highs))
        assert int(numbers[3]) == half_up((sum(highs) - sum(lifts)) / len(highs))
        assert int(numbers[4]) == int(numbers[2]) - int(numbers[3])  # adds up as written

        # Only the months it has, oldest first, with labelled axes.
        months = sorted(by_month)[-12:]
        trend = screen.query_one("#progress-trend", MonthChart)
        assert [row.label for row in trend.rows] == months
        for row in trend.rows:
            pairs = month_boths[row.label]
            want = (
                (half_up(mean([b for b, _ in pairs])), half_up(mean([a for _, a in pairs])))
                if pairs
                else (None, None)
            )
            assert row.values == want
        lines = trend.lines()
        assert lines[0].startswith("Month") and "└" in lines[-3]
        assert lines[-2].split() == ["0", "25", "50", "75", "100"]
        assert lines[-1].strip().startswith("sting, 0 to 100")
        drawn = [line.split("│")[0].strip() for line in lines[1:-3]]
        assert [label for label in drawn if label] == months

        chart = screen.query_one("#progress-months", MonthChart)
        assert [row.label for row in chart.rows] == months
        for row in chart.rows:
            assert row.values == (sum(by_month[row.label].values()),)
            counts = by_month[row.label].most_common()
            clear = len(counts) == 1 or counts[0][1] > counts[1][1]
            if clear and counts[0][0]:
                assert row.note == f"(mostly: {LABELS[counts[0][0]]})", row
            else:
                assert row.note == "", row
        lines = chart.lines()
        assert lines[0].startswith("Month") and lines[-1].strip() == "reflections written"
        for line, row in zip(lines[1:], chart.rows, strict=False):
            assert line.startswith(row.label) and f" {row.values[0]:.0f}" in line

        pipeline.sort(key=lambda item: item[0], reverse=True)
        lines = shown(screen, "#progress-pipeline").splitlines()
        items = [line for line in lines if line.startswith("• ")]
        got = [re.fullmatch(r"• (.+)  \((.+), (\d{4}-\d\d-\d\d)\)", line) for line in items]
        got_items = [(date.fromisoformat(m[3]), m[1], m[2]) for m in got if m]
        assert len(got_items) == len(items) == 8
        # The newest eight, newest first (which of several on the same day is left open).
        assert [item[0] for item in got_items] == [item[0] for item in pipeline[:8]]
        assert set(got_items) <= set(pipeline)
        assert {item for item in pipeline if item[0] > pipeline[7][0]} <= set(got_items)
        assert lines[-1] == f"and {len(pipeline) - 8} more"

        got_sources = {
            label: int(count)
            for label, count in re.findall(r"• (.+): (\d+)", shown(screen, "#progress-sources"))
        }
        assert got_sources == {LABELS[source]: count for source, count in sources.items()}
        assert sum(got_sources.values()) > 10


async def test_every_row_of_the_practice_bank_matches_the_files(make_app, demo_raw):  # type: ignore[no-untyped-def]
    questions = expected_merge(demo_raw, "unready_questions")
    skills = expected_merge(demo_raw, "skills")
    companies_of: dict[str, list[str]] = {}
    for k, want in questions.items():
        newest_first = [demo_raw[path]["about"]["company"] for path in want["files"]]
        unique: list[str] = []
        for company in newest_first:
            if company.casefold() not in {c.casefold() for c in unique}:
                unique.append(company)
        companies_of[k] = unique[:3]

    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        listing = app.screen.query_one("#questions", OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert len(rows) == len(questions) > 10
        for row in rows:
            found = re.fullmatch(
                r"\[ \] (.+)\n    · came up (once|\d+ times), last (\S+) \((.+)\)", row
            )
            assert found, row
            want = questions[key(found[1])]
            assert found[1] == want["text"]
            assert found[2] == ("once" if want["count"] == 1 else f"{want['count']} times")
            assert date.fromisoformat(found[3]) == want["last_seen"]
            assert found[4].split(", ") == companies_of[key(found[1])]

        listing = app.screen.query_one("#skills", OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert len(rows) == len(skills) > 5
        for row in rows:
            found = re.fullmatch(r"\[to do\] (.+)  · (once|\d+ times)", row)
            assert found, row
            want = skills[key(found[1])]
            assert found[2] == ("once" if want["count"] == 1 else f"{want['count']} times")


async def test_what_was_learnt_on_progress_adds_up_as_the_files(make_app, app_paths):  # type: ignore[no-untyped-def]
    from tests.core.test_learnt import with_applied_via

    journal = Journal(app_paths.journal)
    write_demo(journal, 120, seed=6, now=FIXED_NOW)
    raw = with_applied_via(journal)
    stages: Counter[str] = Counter()
    fits: Counter[int] = Counter()
    now: Counter[str] = Counter()
    said: dict[str, tuple[str, str]] = {}
    for data in sorted(raw.values(), key=day_of, reverse=True):
        stages[data["about"].get("stage", "")] += 1
        learn = data.get("learn", {})
        if learn.get("fit") is not None:
            fits[learn["fit"]] += 1
        if "applied_via" in data["about"]:
            now[data["about"]["applied_via"]] += 1
        words = learn.get("feedback", {}).get("said", "")
        if words.strip():
            said.setdefault(key(words), (words, data["about"]["company"]))

    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen

        lines = shown(screen, "#progress-stages").splitlines()
        got = {m[1]: int(m[2]) for line in lines if (m := re.fullmatch(r"• (.+): (\d+)", line))}
        want = {LABELS[s] if s else "No stage given": n for s, n in stages.items()}
        assert got == want and sum(got.values()) == 120
        assert list(got.values()) == sorted(got.values(), reverse=True)
        assert len(lines) > len(got)  # a suggestion under each stage

        fit = shown(screen, "#progress-fit")
        counts = {int(r): int(n) for r, n in re.findall(r"(\d) of 5: (\d+)", fit)}
        assert counts == dict(fits)
        total = int(re.search(r"in ([\d,]+) reflections", fit)[1])  # type: ignore[index]
        assert total == sum(fits.values()) == sum(counts.values())
        average = sum(r * n for r, n in fits.items()) / total
        assert f"On average {average:.1f} of 5." in fit

        applied = dict(re.findall(r"• (.+): (\d+)", shown(screen, "#progress-applied")))
        assert {k: int(v) for k, v in applied.items()} == {LABELS[w]: n for w, n in now.items()}

        feedback = shown(screen, "#progress-feedback").splitlines()
        items = [re.fullmatch(r"• “(.+)” \((.+), \d{4}-\d\d-\d\d\)", line) for line in feedback]
        found = [(m[1], m[2]) for m in items if m]
        assert found and found == list(said.values())[: len(found)]
        if len(said) > 5:
            assert feedback[-1] == f"and {len(said) - 5} more in the prep packet"
