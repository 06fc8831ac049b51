"""Choices to tick show their state in characters, and only the focused list highlights."""

from __future__ import annotations

from textual.widgets import OptionList, SelectionList

from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.form import values_from_data
from recovery_tui.core.journal import Journal
from tests.conftest import FIXED_NOW, settle
from tests.samples import SAMPLES, write_samples
from tests.steps import start_reflection


def rows(widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.option_count)]


async def test_ticked_and_unticked_choices_read_differently(make_app, app_paths, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    Journal(app_paths.journal).ensure()
    DraftStore(app_paths.journal).save(
        Draft(
            id="0a" * 16,
            entry_id="0b" * 16,
            created=FIXED_NOW,
            updated=FIXED_NOW,
            panel=1,
            values=values_from_data(SAMPLES[0]),
        )
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        traps = app.screen.query_one("#field-personal-traps .control", SelectionList)
        app.screen.set_focus(traps)
        await settle(pilot)
        shown = rows(traps)
        ticked = set(traps.selected)
        assert ticked == {"overgeneralising", "mind_reading"}
        for index, line in enumerate(shown):
            value = traps.get_option_at_index(index).value
            assert line.startswith("[x] " if value in ticked else "[ ] "), line
        # A ticked label is bold as well.
        first_ticked = next(i for i, line in enumerate(shown) if line.startswith("[x]"))
        label = list(traps.render_line(first_ticked))[-1]
        assert label.style is not None and label.style.bold
        # Space ticks the highlighted row: its characters change.
        before = shown[traps.highlighted]
        await pilot.press("space")
        await settle(pilot)
        after = rows(traps)[traps.highlighted]
        assert before[:3] != after[:3] and before[4:] == after[4:]


def row_background(widget, y: int):
    styles = [segment.style for segment in widget.render_line(y) if segment.text.strip()]
    return styles[0].bgcolor if styles and styles[0] else None


async def test_only_the_focused_list_shows_a_highlight(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_reflection(pilot)
        reasons = app.screen.query_one("#field-personal-reasons .control", SelectionList)
        traps = app.screen.query_one("#field-personal-traps .control", SelectionList)
        app.screen.set_focus(traps)
        await settle(pilot)
        # The list you are in: its highlighted row stands out from the next one.
        assert traps.highlighted == 0
        assert row_background(traps, 0) != row_background(traps, 1)
        # The list you are not in: its first row looks like every other row.
        assert reasons.highlighted == 0
        assert row_background(reasons, 0) == row_background(reasons, 1)
        await pilot.press("escape")
        await settle(pilot)
        # Home: "Lately" is focused; the other lists show no highlighted row.
        recent = app.screen.query_one("#recent", OptionList)
        assert recent.has_focus and recent.highlighted == 0
        assert row_background(recent, 0) != row_background(recent, 1)
        await pilot.press("tab")
        await settle(pilot)
        assert not recent.has_focus and recent.highlighted == 0
        assert row_background(recent, 0) == row_background(recent, 1)
