"""Each screen's header names what it shows; a company in it is shown as written."""

from __future__ import annotations

from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from recovery_tui.core.journal import Journal
from tests.conftest import settle
from tests.samples import write_samples
from tests.steps import open_entry, start_reflection, write_reflection


def header_text(app) -> str:
    """The words the header shows now, as drawn on screen."""
    title = app.screen.query_one(Header).query_one(HeaderTitle)
    return str(title.render())


async def test_each_place_is_named_in_its_header(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_text(app) == "recovery-tui"
        for key, name in [("h", "History"), ("p", "Progress"), ("b", "Practice"),
                          ("t", "Trash")]:  # fmt: skip
            await pilot.press(key)
            await settle(pilot)
            assert header_text(app) == name
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("h", "ctrl+f")
        await settle(pilot)
        assert header_text(app) == "Search"


async def test_a_saved_reflection_is_named_by_its_company_and_date(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(pilot)
        assert header_text(app) == "Northwind Labs · 2026-11-24"
        await pilot.press("e")
        await settle(pilot)
        assert header_text(app) == (
            "Editing Northwind Labs · step 1 of 3: Don't take it personally"
        )


async def test_a_new_reflection_names_its_step(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        assert header_text(app) == "New reflection · step 1 of 3: Don't take it personally"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert header_text(app) == "New reflection · step 2 of 3: Learn from it"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert header_text(app) == "New reflection · step 3 of 3: Prepare next"


async def test_a_company_in_the_header_is_never_markup(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await write_reflection(pilot, "Acme [/] [b]Bold")
        await open_entry(pilot)
        await settle(pilot)
        assert header_text(app) == "Acme [/] [b]Bold · 2026-11-25"
        await pilot.press("e")
        await settle(pilot)
        assert header_text(app).startswith("Editing Acme [/] [b]Bold · step 1 of 3")
