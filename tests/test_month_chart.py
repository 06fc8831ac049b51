"""The month chart: only the months it is given, a labelled month axis and value axis."""

from __future__ import annotations

import pytest

from recovery_tui.widgets.month_chart import ChartRow, chart_lines, nice_top

ROWS = [ChartRow(f"2026-{m:02d}", (v,)) for m, v in [(8, 22), (9, 25), (10, 18), (11, 15)]]


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_four_months_draw_four_bars_and_both_axes(width):
    lines = chart_lines(ROWS, ("",), width, value_axis="reflections written")
    assert all(len(line) <= width for line in lines)
    assert lines[0].startswith("Month")
    bars = lines[1:-3]
    assert [line[:7] for line in bars] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    lengths = [line.count("█") for line in bars]
    assert lengths.index(max(lengths)) == 1 and lengths.index(min(lengths)) == 3
    assert [line.rsplit(" ", 1)[1] for line in bars] == ["22", "25", "18", "15"]
    assert "└" in lines[-3] and lines[-2].split()[0] == "0"
    assert lines[-1].strip() == "reflections written"


def test_the_value_axis_ends_on_a_round_number_above_the_highest():
    assert nice_top(25) == (40, 10)
    assert nice_top(3) == (4, 1)
    assert nice_top(100) == (100, 25)
    assert nice_top(0) == (1.0, 1.0)


def test_two_series_differ_by_character_and_a_long_note_ends_in_an_ellipsis():
    rows = [ChartRow("2026-11", (58, 33), note="(mostly: Turned down after applying)")]
    lines = chart_lines(rows, ("before", "after"), 50, top=100)
    assert "█" in lines[1] and "58 before" in lines[1]
    assert "░" in lines[2] and "█" not in lines[2] and "33 after" in lines[2]
    assert lines[1].endswith("…") and len(lines[1]) == 50
    assert lines[-1].split() == ["0", "25", "50", "75", "100"]


def test_nothing_to_draw_draws_nothing():
    assert chart_lines([], ("",), 80) == []
