"""The history table: columns that share the whole width, cells that end in "…" when too
long, and the sorted column marked ▲ (ascending) or ▼ (descending).

The words in a cell are shown literally (see `literal.cell`); a cell too long for its
column is cut by Rich with an ellipsis, so a name is never cut mid-word without "…".
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from recovery_tui.core.index.queries import Row
from recovery_tui.core.printable import printable
from recovery_tui.core.prompts import choice_label
from recovery_tui.textual_private import refit_table


@dataclass(frozen=True)
class Column:
    key: str  # the column's key, also its sort (see `sort_of`)
    label: str
    share: float  # of the width left after the fixed columns; 0 for a fixed one
    width: int  # the fixed width, or the least a shared column gets


COLUMNS = (
    Column("date", "Date", 0, 10),
    Column("company", "Company", 0.34, 7),
    Column("role", "Role", 0.30, 6),
    Column("stage", "Stage", 0.36, 7),
    Column("sting", "Sting", 0, 8),
)
KEYS = tuple(column.key for column in COLUMNS)

#: What each column sorts by in the index (see `index.queries.SORTS`).
SORTS = {"sting": "sting_before"}

#: The order a column starts in when it becomes the sorted one: newest and most first.
STARTS_DESCENDING = frozenset({"date", "sting"})


def sort_of(key: str) -> str:
    return SORTS.get(key, key)


def sting(row: Row) -> str:
    if (row.sting_before, row.sting_after) == (None, None):
        return ""
    before = "–" if row.sting_before is None else str(row.sting_before)
    after = "–" if row.sting_after is None else str(row.sting_after)
    return f"{before} → {after}"


def fitted(text: object) -> Text:
    """A cell: `text` literally, on one line, ending in "…" if its column is narrower."""
    return Text(printable(text, one_line=True), end="", no_wrap=True, overflow="ellipsis")


def row_cells(row: Row) -> tuple[Text, ...]:
    stage = choice_label(row.stage) if row.stage else ""
    return tuple(fitted(text) for text in (row.date, row.company, row.role, stage, sting(row)))


def widths(total: int, padding: int = 1) -> dict[str, int]:
    """Each column's width so that all of them fill `total` cells (padding included)."""
    spare = total - sum(2 * padding for _ in COLUMNS)
    spare -= sum(column.width for column in COLUMNS if not column.share)
    shared = [column for column in COLUMNS if column.share]
    found = {column.key: column.width for column in COLUMNS if not column.share}
    for column in shared:
        found[column.key] = max(column.width, int(spare * column.share))
    left = spare - sum(found[column.key] for column in shared)
    if left > 0:
        found[shared[0].key] += left  # what rounding left over goes to the company
    return found


class HistoryTable(DataTable[Text]):
    """Reflections as rows (one per file), sorted by one column in one direction."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.sort_key, self.descending = "date", True

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(column.label, key=column.key, width=column.width)
        self.show_sort(self.sort_key, self.descending)
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Share the whole width between the columns (room kept for the scroll bar)."""
        total = self.size.width - self.styles.scrollbar_size_vertical
        if total <= 0:
            return
        found = widths(total, self.cell_padding)
        for key, column in self.columns.items():
            column.auto_width = False
            column.width = found[str(key.value)]
        refit_table(self)

    def show_sort(self, key: str, descending: bool) -> None:
        """Mark the sorted column's header ▼ (descending) or ▲ (ascending)."""
        self.sort_key, self.descending = key, descending
        for column in COLUMNS:
            mark = (" ▼" if descending else " ▲") if column.key == key else ""
            self.columns[ColumnKey(column.key)].label = fitted(column.label + mark)
        refit_table(self)

    def add_entry(self, row: Row) -> None:
        self.add_row(*row_cells(row), key=row.name)

    def add_name_only(self, day: str, company: str, name: str) -> None:
        """A row known only from its file name, until the index has the details."""
        self.add_row(*(fitted(text) for text in (day, company, "", "", "")), key=name)
