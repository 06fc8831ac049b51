"""After a delete, a restore or a save, every list in the screen stack shows what is there."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static

from recovery_tui.core.journal import Journal
from recovery_tui.core.trash import move_to_trash
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.progress import ProgressScreen
from recovery_tui.screens.search import SearchScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.screens.trash import TrashScreen
from tests.conftest import settle
from tests.samples import write_samples


def options(app, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(selector, OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def companies_in_history(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#history", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def search_for(pilot, words: str) -> OptionList:  # type: ignore[no-untyped-def]
    """From home: history, then search, then type `words`."""
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await pilot.press("ctrl+f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*words)
    await settle(pilot)
    return pilot.app.screen.query_one("#search-results", OptionList)


async def test_a_reflection_deleted_from_search_is_gone_from_every_list(make_app, app_paths):
    paths = write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await search_for(pilot, "northwind")
        assert [hit.row.name for hit in app.screen.hits] == [paths[0].name]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("d", "d")  # delete, and confirm
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert not paths[0].exists()
        assert results.option_count == 0 and app.screen.hits == []
        assert "Nothing found" in str(app.screen.query_one("#search-status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert companies_in_history(app) == ["Globex", "Initech"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert all("Northwind" not in line for line in options(app, "#recent"))
        assert all("Northwind" not in line for line in options(app, "#today"))


async def test_a_result_gone_meanwhile_says_so_and_leaves_the_list(make_app, app_paths):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await search_for(pilot, "northwind")
        assert results.option_count == 1
        move_to_trash(journal.paths, paths[0])  # another window deletes it
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert not any("could not be read" in m for m in messages(app))
        assert any("isn't in your journal any more" in m for m in messages(app))
        assert results.option_count == 0


async def test_a_reflection_restored_from_the_trash_is_back_in_history_and_search(
    make_app, app_paths
):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await search_for(pilot, "northwind")
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("d", "d")
        await settle(pilot)
        assert results.option_count == 0
        await pilot.press("escape", "escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert paths[0].exists()
        assert app.screen.items == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Northwind" in line for line in options(app, "#recent"))
        results = await search_for(pilot, "northwind")
        assert [hit.row.name for hit in app.screen.hits] == [paths[0].name]
        await pilot.press("escape")
        await settle(pilot)
        assert companies_in_history(app) == ["Northwind Labs", "Globex", "Initech"]


async def test_progress_below_a_new_reflection_counts_it(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen) and app.screen.report.total == 3
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new reflection", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press(*"Hooli", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert app.screen.report.total == 4
        headline = str(app.screen.query_one("#progress-headline", Static).render())
        assert headline.startswith("4 reflections so far")
