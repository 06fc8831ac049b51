"""The command palette (ctrl+p): the app's own places and actions, only where they work."""

from __future__ import annotations

import tomllib

from textual.command import CommandList, CommandPalette

from recovery_tui.core.journal import Journal
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.samples import write_samples
from tests.steps import open_entry, start_reflection

TEXTUALS_DEFAULTS = {"Maximize", "Minimize", "Screenshot"}


async def palette_titles(pilot, query: str = "") -> list[tuple[str, str]]:
    """Open the palette, type `query`, and read (title, help) of what it lists."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    if query:
        await pilot.press(*query)
    await settle(pilot)  # the palette fills its list in a worker
    commands = pilot.app.screen.query_one(CommandList)
    listed = []
    for index in range(commands.option_count):
        hit = commands.get_option_at_index(index).hit
        listed.append((str(hit.text or hit.prompt), str(hit.help or "")))
    return listed


async def run_command(pilot, query: str) -> None:
    await palette_titles(pilot, query)
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_hist_enter_opens_history(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_command(pilot, "hist")
        assert isinstance(app.screen, HistoryScreen)


async def test_palette_on_home_lists_the_apps_places_and_none_of_textuals(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = await palette_titles(pilot)
        titles = [title for title, _ in listed]
        for place in ("New reflection", "History", "Progress", "Practice", "Trash"):
            assert place in titles
        assert titles[-3:] == ["Keys", "Theme", "Quit"]
        assert not TEXTUALS_DEFAULTS & set(titles)
        assert all(help_text and "!" not in help_text for _, help_text in listed)
        keys_help = dict(listed)["Keys"]
        assert "panel" not in keys_help  # not Textual's side panel
        # No drafts and no damaged files: nothing to resume, no files to look at.
        assert "Resume a draft" not in titles and "Files that need a look" not in titles


async def test_palette_offers_resume_when_there_is_a_draft(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        await pilot.press(*"Northwind", "escape")
        await settle(pilot)
        await pilot.press("k")  # keep as a draft
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await run_command(pilot, "resume")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.values()["about.company"] == "Northwind"


async def test_palette_keys_opens_the_apps_own_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_command(pilot, "keys")
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen_stack[0].query("HelpPanel")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_palette_places_follow_the_screen(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        titles = [title for title, _ in await palette_titles(pilot)]
        assert "Search" in titles and "Export" in titles and "New reflection" in titles
        assert "Prep packet" not in titles and "Trash" not in titles
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        titles = [title for title, _ in await palette_titles(pilot)]
        assert "Prep packet" in titles and "Search" not in titles


async def test_palette_in_a_reflection_lists_no_place_that_would_leave_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        await pilot.press(*"Northwind")
        titles = [title for title, _ in await palette_titles(pilot)]
        assert "Save" in titles and "Next step" in titles
        for place in ("History", "Progress", "Practice", "Trash", "New reflection"):
            assert place not in titles
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.values()["about.company"] == "Northwind"


async def test_palette_save_from_a_reflection_keeps_every_typed_word(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        await pilot.press(*"Northwind Labs")
        await run_command(pilot, "save")
        assert isinstance(app.screen, HomeScreen)
    (saved,) = app_paths.journal.entries.glob("*.toml")
    assert tomllib.loads(saved.read_text("utf-8"))["about"]["company"] == "Northwind Labs"


async def test_palette_quit_from_a_reflection_asks_first(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        await pilot.press(*"Northwind")
        await run_command(pilot, "quit")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.values()["about.company"] == "Northwind"


async def test_palette_on_a_saved_reflection(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(pilot)
        titles = [title for title, _ in await palette_titles(pilot)]
        for command in ("Edit", "Ask for feedback", "Export", "Delete", "New reflection"):
            assert command in titles
