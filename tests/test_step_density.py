"""Dense steps: enough of each step on one screen, and a visible way on at the end of it.

The figures come from tools/step_density.py, the same logic the report's figures come from.
"""

from __future__ import annotations

from textual.widgets import Button

from recovery_tui.core.prompts import PANELS
from recovery_tui.screens.review import ReviewScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.facts_grid import FactsGrid
from recovery_tui.widgets.prompt_field import PromptField
from recovery_tui.widgets.step_indicator import StepIndicator
from tests.conftest import settle
from tools.step_density import measure_steps


async def test_at_80x24_each_step_shows_at_least_six_prompts_and_step_1_stays_short(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        found = await measure_steps(pilot)
    for density in found:
        assert density.visible >= min(6, density.prompts), density.line()
    # Step 1 was 2.0 screens with its 13 prompts; the whole thought record (feelings with
    # their strengths, evidence for and against, belief) made it 17, and 3.2 screens. The aim
    # of 2 is missed (said in the note); this keeps it from growing further.
    assert found[0].screens <= 3.3, found[0].line()
    # Every step scrolls less than it did (75, 51 and 16 rows before it was made dense).
    assert [d.scroll_rows < before for d, before in zip(found, (75, 51, 16), strict=True)] == [
        True
    ] * 3


async def test_step_1_facts_share_rows_and_wrap_to_fewer_at_60_columns(make_app):
    for size, per_row in (((80, 24), 3), ((60, 20), 2)):
        app = make_app(start="new")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            facts = app.screen.query_one(FactsGrid)
            rows = {field.region.y for field in facts.query(PromptField)}
            assert len(facts.query(PromptField)) == 6
            assert len(rows) == 6 // per_row, (size, rows)


def focused_path(app) -> str | None:  # type: ignore[no-untyped-def]
    node = app.focused
    while node is not None and not isinstance(node, PromptField):
        node = node.parent
    return node.prompt.path if node else None


async def test_tab_past_the_last_prompt_reaches_next_and_enter_goes_on(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for panel in PANELS:
            last = panel.prompts[-1].path
            presses = 0
            while focused_path(app) != last:
                await pilot.press("tab")
                presses += 1
                assert presses < 40, f"tab never reached {last}"
            await pilot.press("tab")
            focused = app.focused
            assert isinstance(focused, Button) and focused.id == f"next-{panel.number}"
            following = PANELS[panel.number].title if panel.number < len(PANELS) else "Review"
            assert str(focused.label) == f"Next: {following} ›"
            assert focused.region.bottom <= screen.size.height - 1  # scrolled into view
            await pilot.press("enter")
            await settle(pilot)
            if panel.number < len(PANELS):
                assert screen.query_one(StepIndicator).step == panel.number + 1
                assert focused_path(app) == PANELS[panel.number].prompts[0].path
        assert isinstance(app.screen, ReviewScreen)


async def test_next_works_with_the_mouse(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.show_panel(3)
        await settle(pilot)
        assert await pilot.click("#next-3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_the_review_ends_with_save_which_saves(make_app, app_paths):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Acme Robotics", "ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("tab")  # from the page to the button at its end
        save = app.focused
        assert isinstance(save, Button) and save.id == "review-save" and str(save.label) == "Save"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, (ReviewScreen, SessionScreen))
    saved = list(app_paths.journal.entries.glob("*.toml"))
    assert len(saved) == 1 and "Acme Robotics" in saved[0].read_text("utf-8")
