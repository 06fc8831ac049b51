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
from textual.widgets import OptionList, Sparkline

from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.prompts import CHOICE_LABELS
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


def mean(values: list[int]) -> float:
    return sum(values) / len(values)


async def test_every_number_on_the_progress_screen_matches_the_files(make_app, demo_raw):  # type: ignore[no-untyped-def]
    # Sums from the files.
    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    befores, afters, lifts = [], [], []
    month_lifts: dict[str, list[int]] = defaultdict(list)
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
            month_lifts[month].append(before - after)
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
            r"On average it stung (\d+) of 100 before writing and (\d+) after\. Writing it "
            r"down eased it by about (\d+) points \(over ([\d,]+) reflections with both "
            r"ratings\)\.",
            sting,
        )
        assert numbers, sting
        assert int(numbers[1]) == round(mean(befores))
        assert int(numbers[2]) == round(mean(afters))
        assert int(numbers[3]) == round(mean(lifts))
        assert int(numbers[4].replace(",", "")) == len(lifts)

        months = [
            f"{TODAY.year - (TODAY.month <= n)}-{(TODAY.month - n - 1) % 12 + 1:02d}"
            for n in range(11, -1, -1)
        ]
        trend = screen.query_one("#progress-trend", Sparkline).data
        want_trend = [mean(month_lifts[m]) if month_lifts[m] else 0.0 for m in months]
        assert trend == pytest.approx(want_trend)
        assert f"{months[0]} to {months[-1]}" in shown(screen, "#progress-trend-note")

        bars = shown(screen, "#progress-months").splitlines()
        listed = sorted(by_month)[-12:]
        assert [line.split()[0] for line in bars] == listed
        for line in bars:
            month = line.split()[0]
            total = int(re.search(r"█+ (\d+)", line)[1])  # type: ignore[index]
            assert total == sum(by_month[month].values())
            counts = by_month[month].most_common()
            mostly = re.search(r"\(mostly: (.+)\)$", line)
            clear = len(counts) == 1 or counts[0][1] > counts[1][1]
            if clear and counts[0][0]:
                assert mostly and mostly[1] == LABELS[counts[0][0]], line
            else:
                assert mostly is None, line

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
