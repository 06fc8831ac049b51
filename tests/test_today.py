"""Next actions on home: listed from every entry, ticked off in their own file only."""

from __future__ import annotations

import hashlib
import tomllib

import tomli_w
from textual.widgets import OptionList

from recovery_tui.core.journal import Journal
from recovery_tui.screens.entry import EntryScreen
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples


def digests(folder) -> dict:  # type: ignore[no-untyped-def]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


async def focus_today(pilot) -> OptionList:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await settle(pilot)
    today = pilot.app.screen.query_one("#today", OptionList)
    pilot.app.screen.set_focus(today)
    await pilot.pause()
    return today


async def test_open_actions_are_listed_soonest_first(make_app, app_paths):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    data = tomllib.loads(paths[2].read_text("utf-8"))
    data["prepare"]["actions"] = [
        {"text": "Send thank-you note", "done": False, "due": tomllib.loads("d=2026-11-20")["d"]},
        {"text": "Update the CV", "done": False},
    ]
    paths[2].write_text(tomli_w.dumps(data), "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        today = await focus_today(pilot)
        lines = [str(today.get_option_at_index(i).prompt) for i in range(today.option_count)]
    assert lines == [
        "Send thank-you note  ·  Initech  ·  was due 2026-11-20",
        "Email Sam at TalentBridge  ·  Northwind Labs  ·  by 2026-11-27",
        "Update the CV  ·  Initech",
    ]


async def test_space_ticks_off_an_action_in_that_file_only(make_app, app_paths):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    before = digests(app_paths.journal.entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        today = await focus_today(pilot)
        assert today.option_count == 1
        await pilot.press("space")
        await settle(pilot)
        await settle(pilot)
        assert today.option_count == 0
    after = digests(app_paths.journal.entries)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {paths[0].name}
    assert set(after) == set(before), "no file added or removed"
    data = tomllib.loads(paths[0].read_text("utf-8"))
    assert [a["done"] for a in data["prepare"]["actions"]] == [True, True]


async def test_enter_on_an_action_opens_its_entry(make_app, app_paths):
    paths = write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_today(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.path == paths[0]


def test_home_with_next_actions_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


async def test_progress_screen_adds_it_up_and_writes_a_prep_packet(make_app, app_paths):
    from recovery_tui.screens.progress import ProgressScreen

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        headline = str(app.screen.query_one("#progress-headline").render())
        assert headline.startswith("3 reflections so far")
        sting = str(app.screen.query_one("#progress-sting").render())
        # Northwind 75 -> 45 and Initech 40 -> 20: 57.5 before, 32.5 after, 25 less.
        assert "it stung 58 of 100 on average before and 33 after: 25 points less." in sting
        await pilot.press("w")
        await settle(pilot)
    packet = (app_paths.journal.exports / "prep-packet-2026-11-25.md").read_text("utf-8")
    assert packet.startswith("# Ready for the next one")
    assert "How would you scale the job queue?" in packet
    assert "Email Sam at TalentBridge" in packet


def test_progress_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


def test_progress_snapshot_without_colour(snap_compare, make_app, app_paths, monkeypatch):
    """The charts tell before from after by character (█, ░), so they read with NO_COLOR."""
    monkeypatch.setenv("NO_COLOR", "1")
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)
