"""The practice bank and skill plan screen: mark practised, keep a sketch, move a skill on."""

from __future__ import annotations

import stat
import tomllib

from textual.widgets import OptionList

from recovery_tui.core.insights import question_key
from recovery_tui.core.journal import Journal
from recovery_tui.screens.practice import PracticeScreen, SketchDialog
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples


async def open_practice(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PracticeScreen)


async def test_practised_sketch_and_skill_status_are_kept(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        questions = app.screen.query_one("#questions", OptionList)
        assert questions.option_count == 2
        assert app.focused is questions
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SketchDialog)
        await pilot.press(*"Start with the queue, then shard by tenant.", "ctrl+s")
        await settle(pilot)
        await pilot.press(
            "tab", "space", "space"
        )  # Kubernetes basics: to do -> in progress -> done
        await settle(pilot)
    state_file = app_paths.journal.root / "practice.toml"
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    state = tomllib.loads(state_file.read_text("utf-8"))
    first = question_key("How would you scale the job queue?")
    assert state["questions"][first] == {
        "practised": True,
        "sketch": "Start with the queue, then shard by tenant.",
    }
    assert state["skills"][question_key("Kubernetes basics")]["status"] == "done"


def test_practice_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await open_practice(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


async def test_a_feedback_request_is_drafted_addressed_and_exported(make_app, app_paths):
    from recovery_tui.screens.entry import EntryScreen
    from recovery_tui.screens.feedback import FeedbackRequestScreen

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackRequestScreen)
        await pilot.press(*"Priya")
        await settle(pilot)
        text = app.screen.text()
        assert text.startswith("Subject: Feedback on the Backend engineer role"), text
        assert "Hi Priya," in text
        assert "Northwind Labs" in text
        assert "three days" not in text, "no entry text beyond company, role and name"
        await pilot.press("ctrl+x")
        await settle(pilot)
    exported = app_paths.journal.exports / "feedback-request-2026-11-25-northwind-labs-01010101.txt"
    assert "Hi Priya," in exported.read_text("utf-8")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


def test_feedback_request_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "a")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)
