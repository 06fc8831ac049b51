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


async def test_a_pasted_escape_sequence_is_drawn_visibly_and_kept_as_typed(make_app, app_paths):
    from recovery_tui.core.journal import Journal
    from recovery_tui.widgets.prompt_field import PromptField

    pasted = "red \x1b[31malert\x1b[0m and a bell\x07"
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Acme")
        company = app.screen.query_one("#field-about-company", PromptField)
        company.control.insert_text_at_cursor(" \x1b[1m")  # type: ignore[attr-defined]
        happened = app.screen.query_one("#field-personal-what-happened", PromptField)
        happened.control.insert(pasted)  # type: ignore[attr-defined]
        await settle(pilot)
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "Acme ␛[1m" in shown
        assert "red ␛[31malert␛[0m and a bell␇" in shown
        assert company.value == "Acme \x1b[1m" and happened.value == pasted
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert on_screen(app, "Acme ␛[1m  ·  No stage noted")
    journal = Journal(app_paths.journal)
    (saved,) = journal.entry_files()
    entry = journal.read(saved)
    assert entry.about.company == "Acme \x1b[1m"
    assert entry.personal.what_happened == pasted
