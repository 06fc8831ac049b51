"""History as a table: columns that share the width and end in "…", ▲/▼ on the sorted
column, s and S to sort by any column either way, and a preview from 120 columns up."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Select

from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.prompts import Stage
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.widgets.history_table import COLUMNS, KEYS, HistoryTable, widths
from tests.conftest import FIXED_NOW, settle


@pytest.mark.parametrize("total", [58, 78, 118, 198])
def test_the_columns_fill_the_whole_width(total):
    found = widths(total)
    assert sum(found.values()) + 2 * len(COLUMNS) == total
    assert found["date"] == 10 and found["sting"] == 8


def shown(table: HistoryTable) -> list[list[str]]:
    """Each row's cells as drawn on the screen (cut to their columns)."""
    rows = []
    for y in range(1, min(table.row_count, table.size.height - 1) + 1):
        line = "".join(segment.text for segment in table.render_line(y))
        cells, x = [], 0
        for column in table.ordered_columns:
            cells.append(line[x + 1 : x + 1 + column.width].rstrip())
            x += column.width + 2
        rows.append(cells)
    return rows


def written(table: HistoryTable) -> list[list[str]]:
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_history(pilot) -> HistoryTable:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen) and screen.index_ready
    return screen.query_one("#history", HistoryTable)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (200, 50)])
async def test_cells_too_long_end_in_an_ellipsis_at_every_width(make_app, app_paths, size):
    write_demo(Journal(app_paths.journal), 30, seed=3, now=FIXED_NOW)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        table = await open_history(pilot)
        assert sum(c.width + 2 for c in table.ordered_columns) == (
            table.size.width - table.styles.scrollbar_size_vertical
        )
        cut = 0
        for drawn, full in zip(shown(table), written(table), strict=False):
            for column, text, whole in zip(table.ordered_columns, drawn, full, strict=True):
                if len(whole) > column.width:
                    cut += 1
                    assert text == whole[: column.width - 1] + "…", (text, whole)
                else:
                    assert text == whole
        assert cut if size[0] < 200 else True  # the narrow ones cut something


async def test_s_sorts_by_each_column_in_turn_and_S_flips_it(make_app, app_paths):
    write_demo(Journal(app_paths.journal), 30, seed=3, now=FIXED_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(pilot)
        order = [s.value for s in Stage]

        def key_of(column: str, cells: list[str]):  # type: ignore[no-untyped-def]
            value = cells[KEYS.index(column)]
            if column == "sting":
                before = value.split(" → ")[0]
                return -1 if before in ("", "–") else int(before)
            if column == "stage":
                labels = {table_label: n for n, table_label in enumerate(stage_labels)}
                return labels.get(value, len(order))
            return value.casefold()

        from recovery_tui.core.prompts import choice_label

        stage_labels = [choice_label(s) for s in Stage]
        assert str(table.columns["date"].label) == "Date ▼"
        for column in [*KEYS[1:], KEYS[0]]:
            await pilot.press("s")
            await settle(pilot)
            rows = written(table)
            labels = [str(c.label) for c in table.ordered_columns]
            mark = labels[KEYS.index(column)]
            assert mark.endswith(" ▼" if column in ("date", "sting") else " ▲"), labels
            assert sum("▲" in label or "▼" in label for label in labels) == 1
            keys = [key_of(column, row) for row in rows]
            if column == "sting":
                known = [k for k in keys if k >= 0]
                assert known == sorted(known, reverse=True) and keys[: len(known)] == known
            elif column == "stage":
                set_ = [k for k in keys if k < len(order)]
                assert set_ == sorted(set_) and keys[: len(set_)] == set_
            elif column == "date":
                assert keys == sorted(keys, reverse=True)
            else:
                named = [k for k in keys if k]
                assert named == sorted(named)
            await pilot.press("S")
            await settle(pilot)
            flipped = [key_of(column, row) for row in written(table)]
            assert str(table.ordered_columns[KEYS.index(column)].label)[-1] in "▲▼"
            assert str(table.ordered_columns[KEYS.index(column)].label) != mark
            if column in ("date", "company", "role"):
                named = [k for k in flipped if k]
                assert named == sorted(named, reverse=column != "date") != [k for k in keys if k]
            await pilot.press("S")  # back the first way before the next column
            await settle(pilot)
        status = str(app.screen.query_one("#history-status").render())
        assert "sorted by date, newest first" in status


async def test_the_stage_picker_is_wide_enough_for_its_labels(make_app, app_paths):
    write_demo(Journal(app_paths.journal), 5, seed=3, now=FIXED_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        picker = app.screen.query_one("#pick-stage", Select)
        picker.expanded = True
        await settle(pilot)
        from textual.widgets._select import SelectOverlay

        overlay = picker.query_one(SelectOverlay)
        from recovery_tui.core.prompts import choice_label

        longest = max(len(choice_label(s)) for s in Stage)
        assert overlay.size.width >= longest + 2


async def test_a_preview_beside_the_table_from_120_columns(make_app, app_paths):
    write_demo(Journal(app_paths.journal), 10, seed=3, now=FIXED_NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_history(pilot)
        preview = app.screen.query_one("#history-preview")
        assert preview.display and preview.size.width >= 30
        text = app.screen.query_one("#history-preview-text", Markdown).source
        first = written(table)[0]
        assert first[1] in text
        await pilot.press("down")
        await settle(pilot)
        second = written(table)[1]
        text = app.screen.query_one("#history-preview-text", Markdown).source
        assert second[1] in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not preview.display
