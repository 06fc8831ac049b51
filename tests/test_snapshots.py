"""SVG snapshots of every screen at 80x24: fixed clock, fixed ids, no cursor blink.

A changed snapshot is a change to look at: `uv run pytest tests/test_snapshots.py
--snapshot-report` writes snapshot_report.html; accept with `--snapshot-update`.
"""

from __future__ import annotations

import tomllib

import pytest
import tomli_w

from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.form import values_from_data
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION
from tests.conftest import FIXED_NOW, SNAPSHOT_SIZE, settle
from tests.samples import SAMPLES, write_samples


def sample_draft(app_paths, panel: int) -> None:
    values = values_from_data(SAMPLES[0])
    Journal(app_paths.journal).ensure()
    DraftStore(app_paths.journal).save(
        Draft(
            id="0a" * 16,
            entry_id="0b" * 16,
            created=FIXED_NOW,
            updated=FIXED_NOW,
            panel=panel,
            values=values,
        )
    )


def test_home_first_launch(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=settle)


def test_home_with_entries(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=settle)


def test_home_with_a_draft(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    sample_draft(app_paths, panel=2)
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=settle)


@pytest.mark.parametrize("panel", [1, 2, 3])
def test_session_panel_filled_in(snap_compare, make_app, app_paths, panel):
    sample_draft(app_paths, panel=panel)

    async def resume(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=resume)


def test_session_empty_first_panel(snap_compare, make_app):
    assert snap_compare(make_app(start="new"), terminal_size=SNAPSHOT_SIZE, run_before=settle)


def test_review_of_a_full_reflection(snap_compare, make_app, app_paths):
    sample_draft(app_paths, panel=3)

    async def review(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=review)


def test_review_lists_what_to_fix(snap_compare, make_app):
    async def review(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("tab", *"Designer", "ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)

    assert snap_compare(make_app(start="new"), terminal_size=SNAPSHOT_SIZE, run_before=review)


def test_leave_dialog(snap_compare, make_app):
    async def leave(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press(*"Acme", "escape")
        await settle(pilot)

    assert snap_compare(make_app(start="new"), terminal_size=SNAPSHOT_SIZE, run_before=leave)


def test_help_on_a_panel(snap_compare, make_app):
    async def help_(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(start="new"), terminal_size=SNAPSHOT_SIZE, run_before=help_)


def test_entry_view(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def open_(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=open_)


def test_entry_view_read_only(snap_compare, make_app, app_paths):
    target = write_samples(Journal(app_paths.journal))[0]
    data = tomllib.loads(target.read_text("utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    target.write_text(tomli_w.dumps(data), "utf-8")

    async def open_(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=open_)


def test_session_choices_ticked_without_colour(snap_compare, make_app, app_paths, monkeypatch):
    # Ticked and unticked differ in characters, not only in colour; only the list you are in
    # shows a highlighted row.
    monkeypatch.setenv("NO_COLOR", "1")
    sample_draft(app_paths, panel=1)

    async def to_the_traps(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        traps = pilot.app.screen.query_one("#field-personal-traps .control")
        pilot.app.screen.set_focus(traps)
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=to_the_traps)


def stage_draft(app_paths, stage: str, panel: int, **values) -> None:  # type: ignore[no-untyped-def]
    """A draft of a new reflection: a company, `stage` chosen, on step `panel`."""
    Journal(app_paths.journal).ensure()
    DraftStore(app_paths.journal).save(
        Draft(
            id="0c" * 16,
            entry_id="0d" * 16,
            created=FIXED_NOW,
            updated=FIXED_NOW,
            panel=panel,
            values={"about.company": "Harbour Clinic", "about.stage": stage, **values},
        )
    )


@pytest.mark.parametrize("stage", ["rejected_after_applying", "after_interview", "offer_withdrawn"])
def test_session_step_2_follows_the_stage(snap_compare, make_app, app_paths, stage):
    # After an application: targeting and how you applied; after an interview: what to
    # prepare and the questions; after a withdrawn offer: feedback and what worked before.
    stage_draft(app_paths, stage, panel=2)

    async def resume(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 40), run_before=resume)


def test_session_feelings_named_without_colour(snap_compare, make_app, app_paths, monkeypatch):
    # Each feeling named reads as words and a number ("70 of 100", "not set"), not colour.
    monkeypatch.setenv("NO_COLOR", "1")
    stage_draft(
        app_paths,
        "no_response",
        panel=1,
        **{"personal.feelings": ["70:disappointed", "40:tired", "90:restless", ":[b]flat[/b]"]},
    )

    async def to_the_feelings(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        feelings = screen.query_one("#field-personal-feelings")
        screen.set_focus(feelings.query(".feeling-strength").first())
        screen.query_one("#panel-1").scroll_to_widget(feelings, animate=False, top=True)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 40), run_before=to_the_feelings)


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
def test_session_first_step_small_and_large(snap_compare, make_app, app_paths, size):
    # The facts share rows as the width allows (two at 60 columns, three from 80).
    sample_draft(app_paths, panel=1)

    async def resume(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=resume)


def test_answer_sketch_dialog_shows_its_keys(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def sketch(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=sketch)
