"""Damaged files and sync conflicts, as a person meets them on home and the Problems screen."""

from __future__ import annotations

import hashlib

from textual.widgets import OptionList

from recovery_tui.core.journal import Journal
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.problems import ProblemsScreen
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples

DAMAGED = {
    "2026-11-20-broken-aaaaaaaa.toml": b"this = = broken\n",
    "2026-11-21-latin-cccccccc.toml": b"\xff\xfe latin",
    "notes.txt": b"not an entry\n",
}


def damage(app_paths) -> dict:  # type: ignore[no-untyped-def]
    entries = app_paths.journal.entries
    for name, data in DAMAGED.items():
        (entries / name).write_bytes(data)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in entries.iterdir()}


def conflict_copy_of(path):  # type: ignore[no-untyped-def]
    copy = path.with_name(path.stem + ".sync-conflict-20261125-101010-ABCDEFG.toml")
    copy.write_text(path.read_text("utf-8").replace("Backend engineer", "From the laptop"))
    return copy


async def test_home_counts_problems_and_nothing_is_touched(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    before = damage(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#problems-line").render())
        assert line.startswith("3 files need a look")
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        names = sorted(p.path.name for p in app.screen.problems)
        assert names == sorted(DAMAGED)
        listing = app.screen.query_one("#problems", OptionList)
        assert listing.option_count == 3
        await pilot.press("enter", "escape")
        await settle(pilot)
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in app_paths.journal.entries.iterdir()
    }
    assert after == before


async def test_a_sync_conflict_is_settled_from_the_problems_screen(make_app, app_paths):
    journal = Journal(app_paths.journal)
    original = write_samples(journal)[0]
    copy = conflict_copy_of(original)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")  # keep the copy
        await settle(pilot)
        assert app.screen.has_class("-clean")
    assert "From the laptop" in original.read_text("utf-8")
    assert not copy.exists()
    trashed = sorted(p.name for p in app_paths.journal.trash.iterdir())
    assert len(trashed) == 2, "the old original and the copy's file are in the trash"


async def test_keep_both_makes_the_copy_its_own_entry(make_app, app_paths):
    journal = Journal(app_paths.journal)
    original = write_samples(journal)[0]
    conflict_copy_of(original)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter", "b")
        await settle(pilot)
    roles = sorted(journal.read(p).about.role for p in journal.entry_files())
    assert roles.count("Backend engineer") == 1 and roles.count("From the laptop") == 1


def test_problems_screen_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    damage(app_paths)

    async def open_(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=open_)


def test_home_with_problems_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    damage(app_paths)
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=settle)


async def test_a_duplicate_is_listed_and_keep_both_gives_the_copy_a_new_id(make_app, app_paths):
    journal = Journal(app_paths.journal)
    original = write_samples(journal)[0]
    copy = original.with_name(f"{original.stem} (1).toml")
    copy.write_text(original.read_text("utf-8").replace("Backend engineer", "From the laptop"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert [(p.path, p.kind) for p in app.screen.problems] == [(copy, "duplicate")]
        listing = app.screen.query_one("#problems", OptionList)
        shown = str(listing.get_option_at_index(0).prompt)
        assert original.name in shown and "Press enter to settle it." in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("b")  # keep both
        await settle(pilot)
        assert app.screen.has_class("-clean")
    kept = [journal.read(p) for p in journal.entry_files()]
    assert sorted(e.about.role for e in kept).count("From the laptop") == 1
    assert len({e.id for e in kept}) == len(kept) == 4
