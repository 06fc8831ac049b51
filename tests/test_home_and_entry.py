"""Home, the entry view, editing a saved entry, help and the theme, driven with Pilot."""

from __future__ import annotations

import tomllib

import tomli_w
from textual.widgets import Input, OptionList

from recovery_tui.core.journal import Journal
from recovery_tui.core.settings import load_settings
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.palette import commands_for
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.samples import write_samples
from tests.steps import open_entry, start_reflection


async def test_home_lists_latest_entries_newest_first(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        lines = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        assert lines[0].startswith("2026-11-24  Northwind Labs  ·  After the final round")
        assert "Globex" in lines[1] and "No response" in lines[1]
        assert "Initech" in lines[2]
        assert not app.screen.has_class("-first-launch")


async def test_first_launch_explains_and_offers_n(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-first-launch")
        assert app.screen.query_one("#first-launch").display
        assert app.screen.query_one("#begin").display


async def test_open_edit_and_save_rewrites_the_same_file_keeping_unknown_keys(make_app, app_paths):
    journal = Journal(app_paths.journal)
    paths = write_samples(journal)
    target = paths[1]  # Globex
    data = tomllib.loads(target.read_text("utf-8"))
    data["from_the_future"] = {"mood_colour": "teal"}
    data["about"]["hiring_manager"] = "Ada"
    target.write_text(tomli_w.dumps(data), "utf-8")
    others = {p: p.read_bytes() for p in paths if p != target}

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = await open_entry(pilot, "down")
        assert entry.path == target
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("tab", *"Platform engineer", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    assert sorted(journal.entry_files()) == sorted(paths), "no new file, nothing removed"
    saved = tomllib.loads(target.read_text("utf-8"))
    assert saved["about"]["role"] == "Platform engineer"
    assert saved["about"]["hiring_manager"] == "Ada"
    assert saved["from_the_future"] == {"mood_colour": "teal"}
    assert saved["created"] == data["created"]
    assert saved["id"] == data["id"]
    for path, content in others.items():
        assert path.read_bytes() == content


async def test_newer_schema_opens_read_only(make_app, app_paths):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    data = tomllib.loads(target.read_text("utf-8"))
    data["schema_version"] = 7
    target.write_text(tomli_w.dumps(data), "utf-8")
    before = target.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = await open_entry(pilot)
        assert entry.query_one("#read-only-notice").display
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen), "editing is refused"
    assert target.read_bytes() == before


async def test_damaged_file_is_left_alone_and_the_rest_works(make_app, app_paths):
    journal = Journal(app_paths.journal)
    write_samples(journal)
    broken = app_paths.journal.entries / "2026-11-30-broken-abcdef12.toml"
    broken.write_bytes(b"this is = = not toml\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the broken one sorts first
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("left exactly as it is" in n.message for n in app._notifications)
        await open_entry(pilot, "down")
    assert broken.read_bytes() == b"this is = = not toml\n"


async def test_f1_lists_the_keys_of_the_current_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = {key: what for key, what in app.screen.keys}
        assert described["^n"].startswith("Next step")
        assert described["esc"].startswith("Previous step")
        assert described["^s"].startswith("Save")
        assert described["^q"].startswith("Quit")
        assert described["f1"].startswith("Every key")
        assert app.screen.widget_keys, "the focused text box's keys are listed too"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_question_mark_opens_help_on_home_but_types_in_a_text_box(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "n")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one("#field-about-company Input", Input).value == "?"


async def test_mouse_click_opens_an_entry(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#recent", offset=(5, 1))
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "-globex-" in app.screen.path.name


async def test_theme_is_remembered(make_app, app_paths):
    app = make_app(remember_theme=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_settings(app_paths.settings_file).settings.theme == "nord"
    again = make_app(remember_theme=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_runs_with_no_color(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        await start_reflection(pilot)


async def test_command_palette_offers_the_apps_commands(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in commands_for(app, app.screen)]
        assert "New reflection" in titles and "Keys" in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new reflection")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
