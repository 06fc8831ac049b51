"""The stage chosen on step 1 shapes step 2: targeting after an application or silence,
interview questions after interviews, a short path after a withdrawn offer. A prompt that
holds an answer is never hidden."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from textual.widgets import Select

from recovery_tui.core.form import get_path
from recovery_tui.core.prompts import PANELS, PROMPTS, Stage
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.prompt_field import PromptField, field_id
from tests.steps import messages, save_and_go_home, settle, start_reflection

STAGES = list(Stage)


def shown(screen: SessionScreen, number: int) -> list[str]:
    panel = screen.query_one(f"#panel-{number}")
    return [field.prompt.path for field in panel.query(PromptField) if field.display]


async def choose_stage(pilot: Any, screen: SessionScreen, stage: Stage) -> None:
    """From the company box: tab to "Where it ended", open it, pick `stage` with the keys."""
    await pilot.press("tab", "tab")
    select = screen.query_one(f"#{field_id('about.stage')}", PromptField).control
    assert isinstance(select, Select) and screen.focused is select
    await pilot.press("enter")
    await settle(pilot)
    current = select.value
    start = STAGES.index(Stage(current)) + 1 if current is not Select.NULL else 0
    # The open list starts on the blank choice ("Choose one"), or on the stage chosen.
    moves = STAGES.index(stage) + 1 - start
    await pilot.press(*["down" if moves > 0 else "up"] * abs(moves), "enter")
    await settle(pilot)
    assert select.value == stage.value


APPLICATION_ONLY = {"learn.targeting", "about.applied_via"}
INTERVIEW_ONLY = {"learn.prepare_better", "learn.unready_questions"}
NOT_AFTER_WITHDRAWN = {"learn.fit", "learn.fit_notes", "learn.skills"}


@pytest.mark.parametrize(
    ("stage", "asked", "not_asked"),
    [
        (Stage.AFTER_APPLYING, APPLICATION_ONLY | NOT_AFTER_WITHDRAWN, INTERVIEW_ONLY),
        (Stage.NO_RESPONSE, APPLICATION_ONLY | NOT_AFTER_WITHDRAWN, INTERVIEW_ONLY),
        (Stage.INTERVIEW, INTERVIEW_ONLY | NOT_AFTER_WITHDRAWN, APPLICATION_ONLY),
        (
            Stage.OFFER_WITHDRAWN,
            {"learn.feedback.said", "learn.past_successes.reuse"},
            APPLICATION_ONLY | INTERVIEW_ONLY | NOT_AFTER_WITHDRAWN,
        ),
    ],
)
async def test_the_stage_shapes_step_2(
    make_app: Any, stage: Stage, asked: set[str], not_asked: set[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_reflection(pilot)
        everything = {p.path for p in PANELS[1].prompts}
        assert set(shown(screen, 2)) == everything  # no stage yet: every prompt
        await pilot.press(*"Northwind")
        await choose_stage(pilot, screen, stage)
        await pilot.press("ctrl+n")
        await settle(pilot)
        step_2 = shown(screen, 2)
        assert asked <= set(step_2), step_2
        assert not (not_asked & set(step_2)), step_2
        assert "learn.feedback.status" in step_2
        # Focus lands on the first prompt asked, and tab walks only the ones shown.
        first = screen.query_one(f"#{field_id(step_2[0])}", PromptField)
        assert screen.focused is first.control
        written = next(p for p in step_2 if PROMPTS[p].kind == "text")
        screen.set_focus(screen.query_one(f"#{field_id(written)}", PromptField).control)
        await pilot.press(*"Something I noticed")
        await save_and_go_home(pilot)
    (saved,) = app.journal.entry_files()
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["about"]["stage"] == stage.value
    assert get_path(data, written) == "Something I noticed", messages(app)


async def test_an_answered_prompt_stays_when_the_stage_changes(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_reflection(pilot)
        await pilot.press(*"Globex")
        await choose_stage(pilot, screen, Stage.INTERVIEW)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert shown(screen, 2)[0] == "learn.prepare_better"
        await pilot.press(*"Practise the safety questions")
        await pilot.press("escape")
        await settle(pilot)
        screen.set_focus(screen.query_one(f"#{field_id('about.company')}", PromptField).control)
        await choose_stage(pilot, screen, Stage.NO_RESPONSE)
        step_2 = shown(screen, 2)
        assert "learn.prepare_better" in step_2  # it holds words: never hidden
        assert "learn.unready_questions" not in step_2  # empty: hidden
        assert "learn.targeting" in step_2
        await save_and_go_home(pilot)
    (saved,) = app.journal.entry_files()
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["learn"]["prepare_better"] == "Practise the safety questions"
    assert data["about"]["stage"] == "no_response"
