"""Home as a dashboard: titled sections with counts, one row per line, what needs you at
the top, the same action once with where it came from, old ones stepping aside (no guilt),
drafts that say what they hold and can be discarded; and the screen of all open actions."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.screens.actions import ActionsScreen
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.home import HomeScreen
from tests.conftest import FIXED_NOW, SNAPSHOT_SIZE, settle
from tests.screen_text import on_screen, screen_text
from tests.test_snapshots import sample_draft


def reflection(journal: Journal, company: str, actions: list[dict], *, days_ago: int = 1) -> Path:
    when = FIXED_NOW - timedelta(days=days_ago)
    number = abs(hash((company, days_ago))) % 10**8
    entry = build_entry(
        {"about": {"company": company}, "prepare": {"actions": actions}},
        id=f"{number:08x}" * 4,
        created=when,
        updated=when,
    )
    return journal.save(entry)


def done_flags(path: Path) -> list[bool]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [action.get("done", False) for action in data["prepare"]["actions"]]


def lines_of(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def loaded(pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    return screen


def footer_labels(screen) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        active.binding.description: key
        for key, active in screen.active_bindings.items()
        if active.enabled and active.binding.show
    }


@pytest.fixture
def full_journal(app_paths) -> Journal:  # type: ignore[no-untyped-def]
    journal = Journal(app_paths.journal)
    write_demo(journal, 200, seed=1, now=FIXED_NOW)
    return journal


async def test_a_full_journal_fits_80x24_one_row_per_line(make_app, full_journal):
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        assert "Next actions  5 of " in text and "Lately  8 of 200" in text
        assert "Follow-ups to send  3 of " in text
        rows = text.splitlines()
        recent = screen.query_one("#recent", OptionList)
        shown = [row for row in rows if row.strip()[:4] == "2026"]
        assert len(shown) >= 5, "the person's own reflections show at 80x24"
        # Every line is one row: as many rows show as the lists hold, long ones end in "…".
        today = screen.query_one("#today", OptionList)
        assert today.option_count == 5 and today.region.height == 5
        assert recent.region.height == recent.option_count == 8
        assert any(row.rstrip().endswith("…") for row in rows)
        assert "overdue" not in text
        assert app.focused is recent and recent.region.bottom <= 23, "focus on a visible list"
        assert footer_labels(screen).get("Open") == "enter"


async def test_problems_and_drafts_show_at_the_top(make_app, app_paths, full_journal):
    sample_draft(app_paths, panel=2)
    (app_paths.journal.entries / "2026-11-20-broken-aaaaaaaa.toml").write_text("= nope", "utf-8")
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        rows = [row.strip() for row in screen_text(app).splitlines() if row.strip()]
        assert rows[1] == "1 file needs a look. Press f to see what and why."
        assert rows[2] == "Drafts  1"
        assert rows[3] == "Northwind Labs  ·  step 2  ·  just now"
        assert app.focused is screen.query_one("#drafts", OptionList)
        assert on_screen(app, "Lately  8 of 201")


async def test_the_same_action_shows_once_and_ticks_off_everywhere_with_undo(make_app, app_paths):
    journal = Journal(app_paths.journal)
    acme = reflection(journal, "Acme", [{"text": "Update my CV"}], days_ago=1)
    birch = reflection(
        journal, "Birch", [{"text": "update my CV."}, {"text": "Call Jo"}], days_ago=2
    )
    cedar = reflection(journal, "Cedar", [{"text": "Update my CV"}], days_ago=3)
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        today = screen.query_one("#today", OptionList)
        assert lines_of(today) == ["Update my CV  ·  Acme, Birch +1", "Call Jo  ·  Birch"]
        screen.set_focus(today)
        today.highlighted = 0
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Done" in footer and footer.rstrip().endswith("f1 Keys"), "all of it fits at 80"
        await pilot.press("space")
        await settle(pilot)
        assert done_flags(acme) == [True] and done_flags(cedar) == [True]
        assert done_flags(birch) == [True, False]
        assert lines_of(today) == ["Call Jo  ·  Birch"]
        note = app._notifications
        assert any("Done in 3 reflections (Acme, Birch, Cedar)" in n.message for n in note)
        assert any("u puts it back" in n.message for n in note)
        await pilot.press("u")
        await settle(pilot)
        assert done_flags(acme) == [False] and done_flags(birch) == [False, False]
        assert lines_of(today)[0] == "Update my CV  ·  Acme, Birch +1"


async def test_old_actions_step_aside_from_home_and_wait_on_the_full_list(make_app, app_paths):
    journal = Journal(app_paths.journal)
    reflection(journal, "Acme", [{"text": "Fresh one"}], days_ago=3)
    reflection(journal, "Birch", [{"text": "Old one", "due": "2026-10-01"}], days_ago=40)
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        today = screen.query_one("#today", OptionList)
        assert lines_of(today) == ["Fresh one  ·  Acme"]
        assert on_screen(app, "Next actions  1 of 2")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        listing = app.screen.query_one("#actions", OptionList)
        assert lines_of(listing) == [
            "Old one  ·  Birch  ·  was due 2026-10-01",
            "Fresh one  ·  Acme",
        ]


async def test_a_longer_stale_days_keeps_them_on_home(make_app, app_paths):
    journal = Journal(app_paths.journal)
    reflection(journal, "Birch", [{"text": "Old one"}], days_ago=40)
    app_paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text("stale_days = 60\n", "utf-8")
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        assert lines_of(screen.query_one("#today", OptionList)) == ["Old one  ·  Birch"]


async def test_when_every_action_is_old_home_says_where_they_are(make_app, app_paths):
    reflection(Journal(app_paths.journal), "Birch", [{"text": "Old one"}], days_ago=40)
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await loaded(pilot)
        assert on_screen(app, "Nothing new here. Older ones wait on the full list: press a.")


async def test_a_draft_is_discarded_only_when_you_say_so(make_app, app_paths):
    sample_draft(app_paths, panel=2)
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await loaded(pilot)
        assert app.focused is screen.query_one("#drafts", OptionList)
        assert footer_labels(screen).get("Discard") == "d"
        assert screen_text(app).splitlines()[-1].rstrip().endswith("f1 Keys")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "Northwind Labs  ·  step 2  ·  just now" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert list(app_paths.journal.drafts.iterdir()), "kept"
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not [p for p in app_paths.journal.drafts.iterdir() if p.suffix == ".toml"]
        assert not screen.home_data.has_drafts  # type: ignore[union-attr]
        assert not screen.query_one("#drafts", OptionList).display


async def test_the_actions_screen_filters_ticks_off_undoes_and_opens(make_app, app_paths):
    journal = Journal(app_paths.journal)
    acme = reflection(journal, "Acme", [{"text": "Update my CV"}, {"text": "Call Sam"}])
    birch = reflection(
        journal, "Birch", [{"text": "Update my CV"}, {"text": "Read a book"}], days_ago=2
    )
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        listing = screen.query_one("#actions", OptionList)
        assert app.focused is listing
        assert lines_of(listing) == [
            "Update my CV  ·  Acme, Birch",
            "Call Sam  ·  Acme",
            "Read a book  ·  Birch",
        ]
        # by entry: only the highlighted line's reflection, then all again
        listing.highlighted = 2
        await pilot.press("e")
        await settle(pilot)
        assert lines_of(listing) == ["Update my CV  ·  Birch", "Read a book  ·  Birch"]
        assert on_screen(app, "From Birch  2 of 3")
        # ticked off here: only what the line shows (Birch's), Acme's stays open
        listing.highlighted = 0
        await pilot.press("space")
        await settle(pilot)
        assert done_flags(birch) == [True, False] and done_flags(acme) == [False, False]
        await pilot.press("u")
        await settle(pilot)
        assert done_flags(birch) == [False, False]
        await pilot.press("e")
        await settle(pilot)
        assert listing.option_count == 3
        # by words, in the action or its company
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"sam")
        await settle(pilot)
        assert lines_of(listing) == ["Call Sam  ·  Acme"]
        await pilot.press("enter")  # from the box to the list
        await pilot.press("enter")  # opens the reflection it came from
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen) and app.screen.path == acme
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # clears the filter first
        await settle(pilot)
        assert app.screen is screen and listing.option_count == 3
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_reaches_the_actions_screen(make_app, app_paths):
    from recovery_tui.screens.palette import commands_for

    reflection(Journal(app_paths.journal), "Acme", [{"text": "Call Sam"}])
    app = make_app()
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await loaded(pilot)
        command = next(c for c in commands_for(app, app.screen) if c.title == "Next actions")
        await command.run()
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)


# snapshots -----------------------------------------------------------------------------


async def _loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)], ids=["80x24", "60x20", "120x40"])
def test_home_full_snapshot(snap_compare, make_app, full_journal, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_loaded)


def test_home_full_without_colour_snapshot(snap_compare, make_app, app_paths, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    write_demo(Journal(app_paths.journal), 200, seed=1, now=FIXED_NOW)
    sample_draft(app_paths, panel=2)
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=_loaded)


def test_actions_screen_snapshot(snap_compare, make_app, full_journal):
    async def to_actions(pilot) -> None:  # type: ignore[no-untyped-def]
        await _loaded(pilot)
        await pilot.press("a")
        await _loaded(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=to_actions)
