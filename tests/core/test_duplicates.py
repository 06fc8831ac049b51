"""Two files holding one reflection (the same entry id): found, explained and settled."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from recovery_tui.core.conflicts import resolve_conflict
from recovery_tui.core.journal import Journal
from recovery_tui.core.problems.scan import ProblemCache, find_problems
from tests.samples import write_samples

#: Copies as sync tools name them (Dropbox, Google Drive, OneDrive, iCloud), and by hand.
COPY_NAMES = {
    "numbered": "{stem} (1).toml",
    "machine name": "{stem}-DESKTOP-ABC.toml",
    "case conflict": "{stem} (Case Conflict).toml",
    "dash number": "{stem}-2.toml",
    "by hand": "old copy.toml",
}


def entry_id(path: Path) -> str:
    return tomllib.loads(path.read_text("utf-8"))["id"]


def copy_of(original: Path, pattern: str, *, change: bool = False) -> Path:
    copy = original.with_name(pattern.format(stem=original.stem))
    raw = original.read_bytes()
    copy.write_bytes(raw.replace(b"Backend engineer", b"From the laptop") if change else raw)
    return copy


@pytest.mark.parametrize("pattern", COPY_NAMES.values(), ids=COPY_NAMES.keys())
def test_a_copy_with_the_same_id_is_a_duplicate_of_the_original(
    journal: Journal, pattern: str
) -> None:
    original = write_samples(journal)[0]
    copy = copy_of(original, pattern)
    problems = find_problems(journal)
    assert [(p.path, p.kind, p.original) for p in problems] == [(copy, "duplicate", original)]
    text = problems[0].explanation
    assert original.name in text and "same reflection" in text
    assert "exactly alike" in text and "keep both" in text and "trash" in text


def test_copies_that_differ_say_so_and_more_than_two_are_all_named(journal: Journal) -> None:
    original = write_samples(journal)[0]
    one = copy_of(original, "{stem} (1).toml", change=True)
    two = copy_of(original, "{stem} (2).toml")
    problems = find_problems(journal)
    assert [(p.path, p.original) for p in problems] == [(one, original), (two, original)]
    assert "They differ" in problems[0].explanation
    assert "exactly alike" in problems[1].explanation


def test_without_the_apps_own_name_the_shortest_name_is_the_original(journal: Journal) -> None:
    sample = write_samples(journal)[0]
    short = sample.rename(sample.with_name("acme.toml"))
    longer = copy_of(short, "{stem} copy.toml")
    (problem,) = find_problems(journal)
    assert (problem.path, problem.original) == (longer, short)


def test_duplicates_are_found_again_when_nothing_was_reread(journal: Journal) -> None:
    original = write_samples(journal)[0]
    copy = copy_of(original, "{stem} (1).toml")
    cache: ProblemCache = {}
    assert [p.path for p in find_problems(journal, cache=cache)] == [copy]
    assert [p.path for p in find_problems(journal, cache=cache)] == [copy]


def test_keep_original_trashes_the_copy(journal: Journal) -> None:
    original = write_samples(journal)[0]
    before = original.read_bytes()
    copy = copy_of(original, "{stem} (1).toml", change=True)
    (problem,) = find_problems(journal)
    resolution = resolve_conflict(journal, problem, "keep_original")
    assert resolution.kept == (original,)
    assert not copy.exists() and original.read_bytes() == before
    assert [p.name for p in journal.paths.trash.iterdir()] == [copy.name]
    assert find_problems(journal) == []


def test_keep_copy_puts_the_copy_in_the_originals_place(journal: Journal) -> None:
    original = write_samples(journal)[0]
    copy = copy_of(original, "{stem}-DESKTOP-ABC.toml", change=True)
    wanted = copy.read_bytes()
    (problem,) = find_problems(journal)
    resolve_conflict(journal, problem, "keep_copy")
    assert original.read_bytes() == wanted and not copy.exists()
    assert len(os.listdir(journal.paths.trash)) == 2
    assert find_problems(journal) == []


def test_keep_both_gives_the_copy_an_id_of_its_own(journal: Journal) -> None:
    original = write_samples(journal)[0]
    copy = copy_of(original, "{stem} (Case Conflict).toml", change=True)
    (problem,) = find_problems(journal)
    resolution = resolve_conflict(journal, problem, "keep_both")
    kept_original, saved = resolution.kept
    assert kept_original == original and saved != copy and not copy.exists()
    assert entry_id(saved) != entry_id(original)
    assert journal.read(saved).about.role == "From the laptop"
    assert journal.read(original).about.role == "Backend engineer"
    assert find_problems(journal) == []
