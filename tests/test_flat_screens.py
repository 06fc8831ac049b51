"""Practice, Progress and the prep packet open from the index's sums: no entry file is read
and validated again to show them (so they take as long with 10,000 reflections as with 100:
benchmarks/run.py measures that, not these tests)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from recovery_tui.commands import entries as entry_commands
from recovery_tui.core.demo import write_demo
from recovery_tui.core.index.store import Index
from recovery_tui.core.insights.practice_bank import practice_bank, skill_plan
from recovery_tui.core.insights.prep_packet import prep_packet
from recovery_tui.core.insights.progress import progress
from recovery_tui.core.journal import Journal
from recovery_tui.core.practice import load_practice
from recovery_tui.screens.practice import PracticeScreen
from recovery_tui.screens.progress import ProgressScreen
from tests.conftest import FIXED_NOW, settle


@pytest.fixture
def indexed(app_paths) -> Journal:  # type: ignore[no-untyped-def]
    """A demo journal whose index is built, as home leaves it."""
    journal = Journal(app_paths.journal)
    write_demo(journal, 120, seed=2, now=FIXED_NOW)
    with Index.open(app_paths.index_file, journal) as index:
        index.refresh()
    return journal


@pytest.fixture
def no_full_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every entry file read and validated, by name; reading one fails the test."""
    reads: list[str] = []

    def read(self: Journal, path: Path) -> Any:
        reads.append(path.name)
        raise AssertionError(f"{path.name} was read and validated again")

    monkeypatch.setattr(Journal, "read", read)
    return reads


async def test_progress_and_its_prep_packet_come_from_the_index(
    make_app, app_paths, indexed, no_full_reads
):  # type: ignore[no-untyped-def]
    pairs = [(path, Journal.load(indexed, path)[0]) for path in indexed.entry_files()]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert str(screen.query_one("#progress-headline").render()).startswith(
            "120 reflections so far"
        )
        assert screen.report == progress(pairs, FIXED_NOW.date())
        await pilot.press("w")
        await settle(pilot)
    assert no_full_reads == []
    packet = (app_paths.journal.exports / "prep-packet-2026-11-25.md").read_text("utf-8")
    state = load_practice(app_paths.journal.root)
    assert packet == prep_packet(pairs, FIXED_NOW.date(), state)


async def test_practice_comes_from_the_index(make_app, app_paths, indexed, no_full_reads):  # type: ignore[no-untyped-def]
    pairs = [(path, Journal.load(indexed, path)[0]) for path in indexed.entry_files()]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.questions == practice_bank(pairs)
        assert screen.skills == skill_plan(pairs)
        assert screen.query_one("#questions", OptionList).option_count == len(screen.questions)
    assert no_full_reads == []


async def test_practice_catches_up_with_a_file_changed_since_the_index_was_built(
    make_app, app_paths, indexed
):  # type: ignore[no-untyped-def]
    """The sums come first; the refresh after them notices the change and shows it."""
    newest = indexed.entry_files()[0]
    entry = indexed.read(newest)
    learn = entry.learn.model_copy(update={"unready_questions": ["What is new here?"]})
    indexed.save(entry.model_copy(update={"learn": learn}), newest, durable=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert any(q.text == "What is new here?" for q in app.screen.questions)


def test_export_prep_of_the_whole_journal_comes_from_the_index(app_paths, indexed, no_full_reads):  # type: ignore[no-untyped-def]
    from argparse import Namespace

    pairs = [(path, Journal.load(indexed, path)[0]) for path in indexed.entry_files()]
    out, err = io.StringIO(), io.StringIO()
    args = Namespace(out=None, force=False, prep=True, format="markdown", stage=None,
                     company=None, tag=None, since=None, until=None, search=None)  # fmt: skip
    assert entry_commands.export(app_paths, args, out=out, err=err) == 0
    today = entry_commands._today()
    assert out.getvalue() == prep_packet(pairs, today, load_practice(indexed.paths.root))
    assert no_full_reads == [] and err.getvalue() == ""


def test_export_prep_of_some_reflections_reads_those(app_paths, indexed):  # type: ignore[no-untyped-def]
    from argparse import Namespace

    pairs = [(path, indexed.read(path)) for path in indexed.entry_files()]
    chosen = [(path, entry) for path, entry in pairs if entry.about.stage == "after_interview"]
    assert 0 < len(chosen) < len(pairs)
    out, err = io.StringIO(), io.StringIO()
    args = Namespace(out=None, force=False, prep=True, format="md", stage="after_interview",
                     company=None, tag=None, since=None, until=None, search=None)  # fmt: skip
    assert entry_commands.export(app_paths, args, out=out, err=err) == 0
    state = load_practice(indexed.paths.root)
    assert out.getvalue() == prep_packet(chosen, entry_commands._today(), state)
