"""History, filter, sort, search, delete and restore, driven with Pilot."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList

from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.search import SearchScreen
from recovery_tui.screens.trash import TrashScreen
from tests.conftest import FIXED_NOW, SNAPSHOT_SIZE, settle
from tests.samples import write_samples


def table_rows(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#history", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_history(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    assert pilot.app.screen.index_ready


async def test_history_lists_every_entry_newest_first_and_sorts(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        rows = table_rows(app)
        assert [r[1] for r in rows] == ["Northwind Labs", "Globex", "Initech"]
        assert rows[0][0] == "2026-11-24" and rows[0][4] == "75 → 45"
        assert rows[0][3] == "After the final round"
        await pilot.click("#history", offset=(15, 0))  # the Company header
        await settle(pilot)
        assert [r[1] for r in table_rows(app)] == ["Globex", "Initech", "Northwind Labs"]


async def test_filter_narrows_as_you_type_and_escape_clears_it(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("slash", *"ini")
        await settle(pilot)
        assert [r[1] for r in table_rows(app)] == ["Initech"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == ""
        assert len(table_rows(app)) == 3


async def test_more_rows_load_as_you_scroll(make_app, app_paths):
    write_demo(Journal(app_paths.journal), 650, seed=3, now=FIXED_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        table = app.screen.query_one("#history", DataTable)
        assert table.row_count == 300
        assert "650 reflections" in str(app.screen.query_one("#history-status").render())
        table.move_cursor(row=295)
        await settle(pilot)
        await settle(pilot)
        assert table.row_count == 600


async def test_open_delete_and_restore_from_the_trash(make_app, app_paths):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.path == paths[0]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert not paths[0].exists()
        assert [r[1] for r in table_rows(app)] == ["Globex", "Initech"]
        await pilot.press("escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert paths[0].exists()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert sorted(journal.entry_files()) == sorted(paths)


async def test_search_ranks_and_opens(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"job queue")
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 1
        assert app.screen.hits[0].row.company == "Northwind Labs"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)


def test_history_snapshot(snap_compare, make_app, app_paths):
    write_demo(Journal(app_paths.journal), 40, seed=7, now=FIXED_NOW)

    async def run(pilot):  # type: ignore[no-untyped-def]
        await open_history(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
def test_history_snapshot_narrow_and_wide(snap_compare, make_app, app_paths, size):
    """60 columns: every column still there, cut with "…"; 120: the preview beside it,
    sorted by company."""
    write_demo(Journal(app_paths.journal), 40, seed=7, now=FIXED_NOW)

    async def run(pilot):  # type: ignore[no-untyped-def]
        await open_history(pilot)
        if size[0] >= 120:
            await pilot.press("s")
            await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


def test_search_snapshot(snap_compare, make_app, app_paths):
    write_demo(Journal(app_paths.journal), 40, seed=7, now=FIXED_NOW)

    async def run(pilot):  # type: ignore[no-untyped-def]
        await open_history(pilot)
        await pilot.press("ctrl+f", *"portfolio")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


def test_trash_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "d", "d")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


async def test_export_one_entry_and_the_filtered_list(make_app, app_paths):
    import json
    import stat

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape", "h")
        await settle(pilot)
        await settle(pilot)
        await pilot.press("slash", *"north", "enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
    exports = app_paths.journal.exports
    assert stat.S_IMODE(exports.stat().st_mode) == 0o700
    markdown = (exports / "2026-11-25-northwind-labs-01010101.md").read_text("utf-8")
    assert "## Northwind Labs, Backend engineer" in markdown
    assert "How would you scale the job queue?" in markdown
    data = json.loads((exports / "recovery-journal-2026-11-25.json").read_text("utf-8"))
    assert [e["about"]["company"] for e in data["entries"]] == ["Northwind Labs"]
    for path in exports.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
