"""What was learnt, given back: stages, feedback, fit and the ways in, summed from the TOML
files with tomllib alone, and the same from the index."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import tomli_w

from recovery_tui.core.demo import write_demo
from recovery_tui.core.index.store import Index
from recovery_tui.core.insights.learnt import (
    NO_STAGE,
    SOURCE_SUGGESTS,
    Learnt,
    fit_sentence,
    learnt,
    routes_suggestion,
)
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.textkey import question_key
from tests.conftest import FIXED_NOW

WAYS = ["direct_application", "direct_application", "recruiter", None]


def with_applied_via(journal: Journal) -> dict[Path, dict]:  # type: ignore[type-arg]
    """The demo's files, most given a way the person applied (as schema 2 allows)."""
    raw = {}
    for number, path in enumerate(journal.entry_files()):
        data = tomllib.loads(path.read_text("utf-8"))
        way = WAYS[number % len(WAYS)]
        if way:
            data["about"]["applied_via"] = way
        path.write_text(tomli_w.dumps(data), "utf-8")
        raw[path] = data
    return raw


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_demo(journal, 200, seed=5, now=FIXED_NOW)
    return journal


def test_learnt_adds_up_as_the_files_and_the_index_agrees(journal: Journal, tmp_path: Path):
    raw = with_applied_via(journal)
    stages: Counter[str] = Counter()
    fits: Counter[int] = Counter()
    before: Counter[str] = Counter()
    now: Counter[str] = Counter()
    said: set[str] = set()
    for data in raw.values():
        stages[data["about"].get("stage", NO_STAGE)] += 1
        learn = data.get("learn", {})
        if learn.get("fit") is not None:
            fits[learn["fit"]] += 1
        before.update(learn.get("past_successes", {}).get("sources", []))
        if "applied_via" in data["about"]:
            now[data["about"]["applied_via"]] += 1
        words = learn.get("feedback", {}).get("said", "")
        if question_key(words):
            said.add(question_key(words))

    pairs, _ = journal.read_all()
    found = learnt(pairs)
    assert dict(found.by_stage) == dict(stages) and sum(dict(found.by_stage).values()) == 200
    counts = [count for _, count in found.by_stage]
    assert counts == sorted(counts, reverse=True)
    assert found.fit == tuple(fits[n] for n in range(1, 6)) and found.fit_count > 20
    assert found.found_before == dict(before) and found.applied_now == dict(now)
    assert found.feedback_count == len(said) > 0
    assert {question_key(item.text) for item in found.feedback} <= said
    days = [item.day for item in found.feedback]
    assert days == sorted(days, reverse=True)

    with Index.open(tmp_path / "index.sqlite3", journal) as index:
        index.refresh()
        assert index.learnt() == found


def test_the_fit_sentence_adds_up():
    found = Learnt(fit=(1, 0, 3, 4, 2))
    sentence = fit_sentence(found)
    counts = [int(n) for n in re.findall(r"\d of 5: (\d+)", sentence)]
    assert sum(counts) == int(re.search(r"in (\d+) reflections", sentence)[1]) == 10  # type: ignore[index]
    assert "On average 3.6 of 5." in sentence  # (1 + 9 + 16 + 10) / 10


@pytest.mark.parametrize(
    ("before", "now", "suggests"),
    [
        ({"recruiter": 3, "direct_application": 1}, {"direct_application": 5}, "recruiter"),
        (
            {"networking_contact": 2},
            {"direct_application": 5, "recruiter": 1},
            "networking_contact",
        ),
        ({"recruiter": 3}, {"recruiter": 5}, None),  # the same way: nothing to suggest
        ({"recruiter": 3}, {"networking_contact": 2}, None),  # both through people
        ({"recruiter": 2, "referral": 2}, {"direct_application": 5}, None),  # no clear lead
        ({}, {"direct_application": 5}, None),
        ({"other": 4}, {"direct_application": 5}, None),
    ],
)
def test_the_ways_in_suggest_something_only_when_they_differ(before, now, suggests):
    found = Learnt(found_before=before, applied_now=now)
    assert routes_suggestion(found) == (SOURCE_SUGGESTS[suggests] if suggests else None)
