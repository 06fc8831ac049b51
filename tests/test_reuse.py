"""Prepare next offers people and wins from past reflections; one key adds them."""

from __future__ import annotations

import tomllib

from textual.widgets import Static

from recovery_tui.core.journal import Journal
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.reuse_box import ReuseBox, reusable_line
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples


async def to_prepare_next(pilot) -> SessionScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"Hooli", "ctrl+n", "ctrl+n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen) and screen.panel == 3
    return screen


def answer(screen: SessionScreen, path: str) -> object:
    return screen.values()[path]


def footer_keys(screen: SessionScreen) -> set[str]:
    return {b.binding.description for b in screen.active_bindings.values()}


async def test_people_and_wins_from_past_reflections_are_offered(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_prepare_next(pilot)
        box = screen.query_one(ReuseBox)
        assert box.display
        assert [reusable_line(item) for item in box.items] == [
            "Worked before  ·  Ask Priya for a referral again.  ·  A referral",
            "Reach out  ·  Sam Ortiz, recruiter",
        ]
        assert "Reuse" in footer_keys(screen)


async def test_one_key_adds_each_to_the_right_answer_once(make_app, app_paths):
    journal = Journal(app_paths.journal)
    write_samples(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_prepare_next(pilot)
        await pilot.press(*"Call Jo", "ctrl+r")
        assert {"Add it", "Reuse"} <= footer_keys(screen)
        assert "Editor" not in footer_keys(screen), "no answer to write in the list"
        await pilot.press("down", "enter")
        assert answer(screen, "prepare.people") == "Sam Ortiz, recruiter"
        await pilot.press("up", "enter")
        assert answer(screen, "prepare.actions") == "Call Jo\nAsk Priya for a referral again."
        await pilot.press("enter")  # twice: not added again
        await pilot.pause()
        assert answer(screen, "prepare.actions") == "Call Jo\nAsk Priya for a referral again."
        assert "already" in str(list(app._notifications)[-1].message)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = sorted(journal.entry_files(), key=lambda p: "hooli" not in p.name)[0]
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["prepare"]["people"] == ["Sam Ortiz, recruiter"]
    assert [a["text"] for a in data["prepare"]["actions"]] == [
        "Call Jo",
        "Ask Priya for a referral again.",
    ]


async def test_nothing_to_reuse_in_a_new_journal(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_prepare_next(pilot)
        assert not screen.query_one(ReuseBox).display
        assert "Reuse" not in footer_keys(screen)
        await pilot.press("ctrl+r", *"x")  # the key does nothing; typing goes on
        assert answer(screen, "prepare.actions") == "x"


async def test_editing_a_saved_reflection_offers_nothing(make_app, app_paths):
    paths = write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.open_entry(paths[1])
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen) and app.screen.panel == 3
        assert not app.screen.query_one(ReuseBox).display
        hint = app.screen.query_one("#reuse .prompt-hint", Static)
        assert "ctrl+r" in str(hint.render())


def test_prepare_next_with_past_reflections_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await to_prepare_next(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)
