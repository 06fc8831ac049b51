"""Textual keeps the state: one reactive for the step, home's sections following their data,
typed results from the review and the session, handled by whoever opened them; messages that
carry a result are dataclasses; one way to tell the person that something failed."""

from __future__ import annotations

import dataclasses
import errno

import pytest
from textual.widgets import ContentSwitcher

from recovery_tui.core.journal import Journal
from recovery_tui.core.models import FieldIssue
from recovery_tui.core.session import Saved
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeData, HomeScreen
from recovery_tui.screens.home_today import ActionsListed
from recovery_tui.screens.problems import ProblemsScreen
from recovery_tui.screens.review import Back, Fix, ReviewScreen, Save
from recovery_tui.screens.search import SearchScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.screens.trash import TrashScreen
from recovery_tui.widgets.rating import Rating
from recovery_tui.widgets.reuse_box import ReuseBox
from recovery_tui.widgets.step_indicator import StepIndicator
from tests.conftest import settle
from tests.samples import write_samples
from tests.steps import messages, open_entry, start_reflection


async def test_the_step_is_one_reactive_the_indicator_and_the_panels_follow(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        session = await start_reflection(pilot)
        steps = session.query_one(StepIndicator)
        panels = session.query_one("#panels", ContentSwitcher)
        for step in (3, 2, 1):
            session.panel = step
            await pilot.pause()
            assert (steps.step, panels.current) == (step, f"panel-{step}")


async def test_homes_sections_follow_the_data_they_were_given(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.has_class("-has-entries", "-has-actions")
        assert not home.has_class("-first-launch", "-loading")

        home.actions_total, home.actions = 0, []
        home.home_data = HomeData(recent=[], drafts=[])
        await pilot.pause()
        assert not home.has_class("-has-actions") and not home.has_class("-has-entries")
        assert home.has_class("-first-launch")
        assert home.query_one("#today").option_count == 0
        assert home.query_one("#recent").option_count == 0


async def test_the_review_says_what_was_chosen_as_a_typed_result(make_app):
    chosen: list[object] = []
    missing = FieldIssue("about.company", "Company", "Add the company's name.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in (("escape",), ("enter",)):
            app.push_screen(ReviewScreen({}, [missing]), chosen.append)
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
        app.push_screen(ReviewScreen({"about": {"company": "Acme"}}, []), chosen.append)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert chosen == [Back(), Fix("about.company"), Save()]


async def test_a_new_reflection_over_a_page_comes_back_to_that_page(make_app, app_paths):
    """Only an edit replaces the page it was opened from; a new reflection started from the
    command palette while reading one comes back to the page as it was."""
    paths = write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_entry(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new reflection", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press(*"Hooli", "ctrl+s")
        await settle(pilot)
        assert app.screen is page and page.path == paths[0]
        assert any(m.startswith("Your reflection is safe in entries/") for m in messages(app))


async def test_an_edit_ends_with_its_outcome_for_the_page_that_opened_it(
    make_app, app_paths, monkeypatch
):
    target = write_samples(Journal(app_paths.journal))[0]
    ended: list[object] = []
    show = EntryScreen.show_what_is_saved

    async def recorded(self, outcome):  # type: ignore[no-untyped-def]
        ended.append(outcome)
        await show(self, outcome)

    monkeypatch.setattr(EntryScreen, "show_what_is_saved", recorded)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", *" too", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen) and app.screen.path == target
    assert ended == [Saved(target)]


@pytest.mark.parametrize(
    "message",
    [
        HomeScreen.Loaded,
        HomeScreen.ProblemsCounted,
        ActionsListed,
        HistoryScreen.Refreshed,
        HistoryScreen.Progress,
        HistoryScreen.Page,
        SearchScreen.Found,
        ProblemsScreen.Found,
        TrashScreen.Listed,
        StepIndicator.Selected,
        ReuseBox.Gathered,
        ReuseBox.Picked,
        Rating.Changed,
    ],
)
def test_a_message_that_carries_a_result_is_a_dataclass(message):
    assert dataclasses.is_dataclass(message)
    assert [field.name for field in dataclasses.fields(message)], "it carries something"


async def test_a_failure_is_told_in_words_and_literally(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.tell_failure(
            "Couldn't put [b]it[/b] back",
            OSError(errno.ENOSPC, "No space left on device"),
            "It is still in the trash.",
        )
        app.tell_failure("Couldn't note it", "it changed")
        await pilot.pause()
        notes = list(app._notifications)[-2:]
    assert [n.message for n in notes] == [
        "Couldn't put [b]it[/b] back (the disk is full). It is still in the trash.",
        "Couldn't note it (it changed).",
    ]
    assert [n.markup for n in notes] == [False, False]
    assert notes[0].severity == "warning"
