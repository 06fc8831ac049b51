"""Step 1's thought record: feelings named (from the list and in your own words) with how
strong each is, evidence for and against, the kinder thought and how much you believe it;
saved, drafted, reviewed and shown in the entry view."""

from __future__ import annotations

import tomllib
from typing import Any

from recovery_tui.core.prompts import PANELS
from recovery_tui.widgets.feelings import FeelingsInput
from recovery_tui.widgets.prompt_field import PromptField, field_id
from tests.screen_text import screen_text
from tests.steps import open_entry, save_and_go_home, settle, start_reflection


def test_feelings_come_before_traps_and_belief_after_the_kinder_thought() -> None:
    paths = [prompt.path for prompt in PANELS[0].prompts]
    order = [
        "personal.sting_before",
        "personal.feelings",
        "personal.recurring_thought",
        "personal.evidence_for",
        "personal.evidence_against",
        "personal.traps",
        "personal.balanced_thought",
        "personal.belief",
    ]
    assert [paths.index(path) for path in order] == sorted(paths.index(p) for p in order)


async def test_name_feelings_rate_them_and_find_them_everywhere(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 160)) as pilot:  # tall: the whole review shows
        screen = await start_reflection(pilot)
        await pilot.press(*"Harbour Clinic")
        field = screen.query_one(f"#{field_id('personal.feelings')}", PromptField)
        feelings = field.control
        assert isinstance(feelings, FeelingsInput)
        screen.set_focus(feelings.query_one(".feelings-list"))
        # Tick "Disappointed" and "Embarrassed", then type two of my own, [literal] words.
        await pilot.press("space", "down", "down", "space", "tab", *"restless, [b]flat[/b]")
        await settle(pilot)
        names = [row.feeling for row in feelings.query(".feeling-row")]
        assert names == ["disappointed", "embarrassed", "restless", "[b]flat[/b]"]
        # Tab walks the strengths in order; a digit sets one (7 is 70).
        await pilot.press("tab", "7", "tab", "4", "tab", "9")
        await settle(pilot)
        assert field.value == [
            "70:disappointed",
            "40:embarrassed",
            "90:restless",
            ":[b]flat[/b]",
        ]
        # Un-tick "Embarrassed": its row goes; tick it again: its strength comes back.
        screen.set_focus(feelings.query_one(".feelings-list"))
        await pilot.press("space")  # the list's cursor stays where it was
        await settle(pilot)
        assert ":embarrassed" not in str(field.value) and len(field.value or []) == 3
        await pilot.press("space")
        await settle(pilot)
        assert "40:embarrassed" in (field.value or [])
        # Evidence, the kinder thought and how much I believe it.
        for path, words in (
            ("personal.evidence_for", "Two clinics said no"),
            ("personal.evidence_against", "One asked me back"),
        ):
            screen.set_focus(screen.query_one(f"#{field_id(path)}", PromptField).control)
            await pilot.press(*words)
        belief = screen.query_one(f"#{field_id('personal.belief')}", PromptField)
        screen.set_focus(belief.control)
        await pilot.press("6")
        await settle(pilot)
        assert screen.keep_draft(force=True)
        (draft,) = app.drafts.load_all()
        assert draft.values["personal.feelings"] == field.value
        # The review shows it all.
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        review = screen_text(app)
        for words in ("Disappointed: 70 of 100", "restless: 90 of 100", "[b]flat[/b]"):
            assert words in review, review
        await pilot.press("escape")
        await settle(pilot)
        await save_and_go_home(pilot)
        (saved,) = app.journal.entry_files()
        data = tomllib.loads(saved.read_text("utf-8"))
        assert data["personal"]["feelings"] == [
            {"name": "disappointed", "strength": 70},
            {"name": "embarrassed", "strength": 40},
            {"name": "restless", "strength": 90},
            {"name": "[b]flat[/b]"},
        ]
        assert data["personal"]["evidence_for"] == "Two clinics said no"
        assert data["personal"]["evidence_against"] == "One asked me back"
        assert data["personal"]["belief"] == 60
        entry = await open_entry(pilot)
        shown = screen_text(app)
        assert entry is app.screen
        for words in (
            "What you feel",
            "Embarrassed: 40 of 100",
            "[b]flat[/b]",
            "What doesn't fit it",
            "One asked me back",
            "How much you believe that kinder thought",
            "60 of 100",
        ):
            assert words in shown, shown
        # Editing shows the feelings as they were saved.
        await pilot.press("e")
        await settle(pilot)
        again = app.screen.query_one(f"#{field_id('personal.feelings')}", PromptField)
        assert again.value == [
            "70:disappointed",
            "40:embarrassed",
            "90:restless",
            ":[b]flat[/b]",
        ]
