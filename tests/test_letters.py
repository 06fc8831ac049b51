"""The letter a reflection's stage calls for, from the reflection's "Ask" key: its title, a
clear subject, one question for that stage, the future-roles line, and your name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.screens.feedback import FeedbackRequestScreen
from tests.conftest import FIXED_NOW, settle

LETTERS = {
    # stage: (dialog title, subject, the one question)
    "rejected_after_applying": (
        "Ask about your application",
        "Subject: A quick question about my application for the Year 4 teacher role",
        "Was there one thing in my application, such as a requirement it didn't show clearly,"
        " that kept it from going further?",
    ),
    "no_response": (
        "Check in on your application",
        "Subject: Checking in on my application for the Year 4 teacher role",
        "Is the role still open, or has it been filled?",
    ),
    "after_interview": (
        "Ask for feedback",
        "Subject: A quick question after my interview for the Year 4 teacher role",
        "Was there one answer or one skill that would have made the difference?",
    ),
    "offer_withdrawn": (
        "Stay in touch",
        "Subject: Staying in touch after the Year 4 teacher offer",
        "If the role opens again, would you be open to me getting back in touch?",
    ),
}


def write_one(app_paths, stage: str):  # type: ignore[no-untyped-def]
    about = {"company": "Hillside Primary", "role": "Year 4 teacher", "stage": stage}
    when = FIXED_NOW - timedelta(days=1)
    entry = build_entry(
        {"about": about, "learn": {"unready_questions": ["Behaviour plan"]}},
        id="0a" * 16,
        created=when,
        updated=when,
    )
    return Journal(app_paths.journal).save(entry)


async def open_letter(pilot, path) -> FeedbackRequestScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.app.open_entry(path)
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FeedbackRequestScreen)
    return screen


@pytest.mark.parametrize("stage", list(LETTERS))
async def test_each_stage_drafts_its_own_letter_signed_with_your_name(make_app, app_paths, stage):
    title, subject, question = LETTERS[stage]
    path = write_one(app_paths, stage)
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text('your_name = "Ana Reyes"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_letter(pilot, path)
        assert str(screen.query_one("#dialog-title").render()) == title
        await pilot.press(*"Mr Okafor")
        await settle(pilot)
        text = screen.text()
        paragraphs = text.split("\n\n")
        assert paragraphs[0] == subject
        assert paragraphs[1] == "Hi Mr Okafor,"
        assert question in paragraphs[3]
        assert text.count("?") == 1
        assert "roles with Hillside Primary that could fit." in paragraphs[4]
        assert paragraphs[5] == "Thank you,\nAna Reyes\n"
        assert "Behaviour plan" not in text  # nothing else from the reflection
        hint = str(screen.query_one("#dialog-message").render())
        assert "your_name" not in hint  # set: nothing to fill
        if stage in {"rejected_after_applying", "no_response"}:
            assert "interview" not in text.casefold()


async def test_without_your_name_the_letter_shows_where_to_sign(make_app, app_paths):
    path = write_one(app_paths, "no_response")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_letter(pilot, path)
        assert screen.text().endswith("Thank you,\n[your name]\n")
        hint = str(screen.query_one("#dialog-message").render())
        assert "replacing [your name], or set your_name in settings.toml" in hint
