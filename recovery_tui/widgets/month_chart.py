"""A bar chart of months, drawn in characters: one bar (or a few, one per series) for each
month it is given and no other, a labelled month axis on the left and a labelled value
axis with ticks below. Series differ by character (█, ░), not only by colour, so the chart
reads the same with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

#: The characters that tell series apart.
FILLS = ("█", "░")

#: Steps a value axis may count in (times a power of ten).
_STEPS = (1, 2, 2.5, 5)


@dataclass(frozen=True)
class ChartRow:
    label: str  # the month, YYYY-MM
    values: tuple[float | None, ...]  # one per series; None: nothing to draw
    note: str = ""  # said after the first bar, e.g. "(mostly: After an interview)"


def nice_top(highest: float, ticks: int = 4) -> tuple[float, float]:
    """The axis' end and step: the smallest round step with `ticks` steps reaching `highest`."""
    if highest <= 0:
        return 1.0, 1.0
    power = 1.0
    while power * 10 < highest:
        power *= 10
    while power > highest and power > 1:
        power /= 10
    for scale in (power / 10, power, power * 10):
        for step in _STEPS:
            size = step * scale
            if size >= 1 and size * ticks >= highest:
                return size * ticks, size
    return highest, highest / ticks


def number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def chart_lines(
    rows: Sequence[ChartRow],
    series: Sequence[str],
    width: int,
    *,
    top: float | None = None,
    month_axis: str = "Month",
    value_axis: str = "",
) -> list[str]:
    """The chart as lines of at most `width` characters (at least a 10-cell bar)."""
    if not rows:
        return []
    label_width = max(len(month_axis), *(len(row.label) for row in rows))
    tails = [
        f" {number(value)}" + (f" {series[n]}" if len(series) > 1 else "")
        for row in rows
        for n, value in enumerate(row.values)
        if value is not None
    ]
    notes = [len(row.note) + 2 for row in rows if row.note]
    tail_width = max((len(tail) for tail in tails), default=2) + max(notes, default=0)
    # The bars get at least half the room: a long note is cut with "…" instead.
    bar_width = max(10, width - label_width - 2 - tail_width, (width - label_width - 2) // 2)
    highest = max((value for row in rows for value in row.values if value is not None), default=0)
    if top is None:
        top, step = nice_top(highest)
    else:
        step = top / 4
    lines = [month_axis.ljust(label_width) + " │"]
    for row in rows:
        for n, value in enumerate(row.values):
            label = row.label if n == 0 else ""
            if value is None:
                bar = " –"
            else:
                cells = round(value / top * bar_width) if top else 0
                cells = max(cells, 1) if value > 0 else cells
                bar = FILLS[n % len(FILLS)] * cells + f" {number(value)}"
                bar += f" {series[n]}" if len(series) > 1 else ""
            note = f"  {row.note}" if n == 0 and row.note else ""
            lines.append((label.ljust(label_width) + " │" + bar + note).rstrip())
    ticks = [step * n for n in range(round(top / step) + 1)]
    axis = ["─"] * (bar_width + 1)
    names = [" "] * (bar_width + 8)
    for tick in ticks:
        at = round(tick / top * bar_width)
        axis[min(at, bar_width)] = "┬" if at else "┼"
        text = number(tick)
        start = max(0, min(at - len(text) // 2, len(names) - len(text)))
        if all(cell == " " for cell in names[max(0, start - 1) : start + len(text) + 1]):
            names[start : start + len(text)] = text  # only where it doesn't touch another
    lines.append(" " * label_width + " └" + "".join(axis[1:]))
    lines.append(" " * (label_width + 1) + "".join(names).rstrip())
    if value_axis:
        lines.append(" " * (label_width + 2) + value_axis)
    return [line[: width - 1] + "…" if len(line) > width else line for line in lines]


class MonthChart(Widget):
    """A `chart_lines` chart that fits its width; `show` gives it months to draw."""

    DEFAULT_CSS = """
    MonthChart {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[ChartRow, ...] = ()
        self.series: tuple[str, ...] = ("",)
        self.top: float | None = None
        self.value_axis = ""
        self.empty = ""

    def show(
        self,
        rows: Sequence[ChartRow],
        series: Sequence[str] = ("",),
        *,
        top: float | None = None,
        value_axis: str = "",
        empty: str = "",
    ) -> None:
        self.rows, self.series, self.top = tuple(rows), tuple(series), top
        self.value_axis, self.empty = value_axis, empty
        self.refresh(layout=True)

    def lines(self, width: int | None = None) -> list[str]:
        width = width or self.size.width or 80
        found = chart_lines(self.rows, self.series, width, top=self.top, value_axis=self.value_axis)
        return found or ([self.empty] if self.empty else [])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines(width)))

    def render(self) -> Content:
        return Content("\n".join(self.lines()))
