"""Words a person typed are shown exactly as typed: never parsed as markup, never run, and
never a control character sent to the terminal."""

from __future__ import annotations

from textual.widgets import OptionList

from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.screen_text import on_screen, screen_text


async def write_new_reflection(app, pilot, company: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, SessionScreen)
    await pilot.press(*company, "ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen), [n.message for n in app._notifications]


async def test_a_company_with_a_closing_tag_is_saved_shown_and_shown_again_next_time(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await write_new_reflection(app, pilot, "Acme [/]")
        recent = app.screen.query_one("#recent", OptionList)
        assert "Acme [/]" in str(recent.get_option_at_index(0).prompt)
        assert on_screen(app, "Acme [/]  ·  No stage noted")
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        assert on_screen(again, "Acme [/]  ·  No stage noted")
        await pilot.press("enter")  # the reflection itself
        await settle(pilot)
        assert isinstance(again.screen, EntryScreen)
        assert on_screen(again, "Acme [/]")
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert again.return_code == 0


async def test_brackets_in_a_company_stay_and_style_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await write_new_reflection(app, pilot, "Acme [UK]")
        await write_new_reflection(app, pilot, "Initech [b]")
        app.clear_notifications()
        await settle(pilot)
        assert on_screen(app, "Acme [UK]  ·  No stage noted")
        assert on_screen(app, "Initech [b]  ·  No stage noted")
        recent = app.screen.query_one("#recent", OptionList)
        for index in range(recent.option_count):
            line = recent._get_visual(recent.get_option_at_index(index))  # as drawn
            assert not any("bold" in str(span.style) for span in line.spans), line.spans


async def test_a_company_written_as_a_click_action_does_nothing_when_clicked(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await write_new_reflection(app, pilot, "[@click=app.quit]x[/]")
        app.clear_notifications()
        await settle(pilot)
        # Click right where the company starts (as markup, the clickable "x" was drawn there).
        lines = screen_text(app).splitlines()
        row = next(y for y, line in enumerate(lines) if "2026-11-25" in line)
        column = lines[row].index("2026-11-25") + len("2026-11-25  ")
        await pilot.click(offset=(column, row))
        await settle(pilot)
        assert app.return_code is None and app.is_running
        assert isinstance(app.screen, EntryScreen)  # a click on a line opens it, no more
        lines = screen_text(app).splitlines()
        title = next(y for y, line in enumerate(lines) if "[@click=app.quit]x[/]" in line)
        await pilot.click(offset=(lines[title].index("x[/]"), title))
        await settle(pilot)
        assert app.return_code is None and app.is_running
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert on_screen(app, "[@click=app.quit]x[/]  ·  No stage noted")
