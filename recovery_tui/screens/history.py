"""Every reflection in a table, newest first: sort, narrow as you type, filter, open.

Rows come from the history index (a derived cache of the entry files). On a first visit, or
after files changed, the index is brought up to date in a worker while the rows already
known are shown; a progress line appears when that takes more than a moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Markdown,
    ProgressBar,
    Select,
    Static,
)
from textual.worker import get_current_worker

from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.index.queries import Filter, Row
from recovery_tui.core.journal import summary_from_name
from recovery_tui.core.prompts import Stage, choice_label
from recovery_tui.core.render import render_markdown
from recovery_tui.core.tomlio import entry_to_data
from recovery_tui.screens.base import JournalScreen, essential_keys
from recovery_tui.widgets.history_table import KEYS, STARTS_DESCENDING, HistoryTable, sort_of
from recovery_tui.widgets.literal import literal, literal_str, markdown_parser
from recovery_tui.widgets.text_box import LiteralInput

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry

PAGE = 300
SHOW_PROGRESS_AFTER = 0.3
#: From this width up, a preview of the highlighted reflection sits beside the table.
PREVIEW_FROM = 120

#: How each sort reads in the status line: (its name, descending, ascending).
SORT_WORDS = {
    "date": ("date", "newest first", "oldest first"),
    "company": ("company", "Z to A", "A to Z"),
    "role": ("role", "Z to A", "A to Z"),
    "stage": ("stage", "last stage first", "first stage first"),
    "sting": ("how much it stung", "most first", "least first"),
}


def sort_words(key: str, descending: bool) -> str:
    name, down, up = SORT_WORDS[key]
    return f"sorted by {name}, {down if descending else up}"


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


class HistoryScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", priority=True, id="history.back"),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="history.filter",
            tooltip="Narrow the list as you type",
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            id="history.search",
            tooltip="Search the words of every reflection",
        ),
        *essential_keys(),  # Quit and Keys still show at 60 columns
        Binding("s", "sort", "Sort", id="history.sort", tooltip="Sort by the next column"),
        Binding(
            "S",
            "flip_sort",
            "Flip",
            id="history.flip_sort",
            tooltip="Sort the other way round",
        ),
        Binding(
            "x", "export", "Export", id="history.export", tooltip="Export what the list shows now"
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]
    READ_ON_EVERY_RETURN = True  # back from a reflection: it may have been edited or deleted

    @dataclass
    class Refreshed(Message):
        companies: list[str]
        tags: list[str]

    @dataclass
    class Progress(Message):
        done: int
        total: int

    @dataclass
    class Page(Message):
        rows: list[Row]
        total: int
        offset: int
        generation: int

    def __init__(self, index: IndexPlace) -> None:
        super().__init__()
        self.index = index
        self.filter = Filter()
        self.sort_key, self.descending = "date", True  # a key of `history_table.KEYS`
        self.loaded = self.total = 0
        self.generation = 0
        self.index_ready = False
        self._loading_more = False
        self.preview_name = ""  # the file the preview shows

    def compose(self) -> ComposeResult:
        yield Header()
        yield LiteralInput(
            placeholder="/ to narrow: company, role, stage or tag", id="filter", compact=True
        )
        with Horizontal(id="pickers"):
            yield Select[str]([], prompt="Any stage", id="pick-stage", compact=True)
            yield Select[str]([], prompt="Any company", id="pick-company", compact=True)
            yield Select[str]([], prompt="Any tag", id="pick-tag", compact=True)
            yield LiteralInput(placeholder="from YYYY-MM-DD", id="pick-from", compact=True)
            yield LiteralInput(placeholder="to YYYY-MM-DD", id="pick-to", compact=True)
        yield Static("", id="history-status", markup=False)
        yield ProgressBar(id="history-progress", show_eta=False)
        with Horizontal(id="history-body"):
            yield HistoryTable(id="history")
            with VerticalScroll(id="history-preview"):
                yield Markdown("", id="history-preview-text", parser_factory=markdown_parser)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "History"
        table = self.query_one("#history", HistoryTable)
        self.set_class(self.size.width >= PREVIEW_FROM, "-wide")
        stages = [(literal(choice_label(s)), s.value) for s in Stage]
        self.query_one("#pick-stage", Select).set_options(stages)
        self.show_names_first()
        self.set_focus(table)
        self.refresh_index()
        self.set_timer(SHOW_PROGRESS_AFTER, self._maybe_show_progress)

    def on_resize(self) -> None:
        wide = self.size.width >= PREVIEW_FROM
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            if wide:
                self.show_preview()

    # -- loading ------------------------------------------------------------------------

    def show_names_first(self) -> None:
        """Rows at once, from file names alone, until the index has the details."""
        files = self.recovery.journal.entry_files()
        table = self.query_one("#history", HistoryTable)
        for path in files[:PAGE]:
            summary = summary_from_name(path)
            table.add_name_only(summary.date, summary.company, path.name)
        self.loaded, self.total = min(PAGE, len(files)), len(files)
        self._status()

    @work(thread=True, exclusive=True, group="history-index", exit_on_error=False)
    def refresh_index(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        index = self.index.open(refresh=True, progress=progress, stop=lambda: worker.is_cancelled)
        try:
            pickers = (index.companies(), index.tags())
        finally:
            index.close()
        if not worker.is_cancelled:
            self.post_message(self.Refreshed(*pickers))

    def on_history_screen_progress(self, message: Progress) -> None:
        bar = self.query_one("#history-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self.query_one("#history-status", Static).update(
            f"Reading your journal: {message.done:,} of {message.total:,} reflections"
        )

    def _maybe_show_progress(self) -> None:
        if not self.index_ready:
            self.add_class("-indexing")

    def on_history_screen_refreshed(self, message: Refreshed) -> None:
        self.index_ready = True
        self.remove_class("-indexing")
        pickers = (("#pick-company", message.companies), ("#pick-tag", message.tags))
        for selector, names in pickers:
            self.query_one(selector, Select).set_options(
                (literal(name, one_line=True), name) for name in names
            )
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        self.load_page(0, self.generation)

    @work(thread=True, group="history-page", exit_on_error=False)
    def load_page(self, offset: int, generation: int) -> None:
        index = self.index.open()
        try:
            rows = index.rows(
                self.filter,
                sort=sort_of(self.sort_key),
                descending=self.descending,
                limit=PAGE,
                offset=offset,
            )
            total = index.count(self.filter) if offset == 0 else self.total
        finally:
            index.close()
        self.post_message(self.Page(rows, total, offset, generation))

    def on_history_screen_page(self, message: Page) -> None:
        if message.generation != self.generation:
            return  # an older filter's answer
        table = self.query_one("#history", HistoryTable)
        if message.offset == 0:
            table.clear()
        for row in message.rows:
            table.add_entry(row)
        self.loaded = message.offset + len(message.rows)
        self.total = message.total
        self._loading_more = False
        self._status()

    def _status(self) -> None:
        if self.total == 0:
            text = (
                "Nothing matches. Clear the filter to see everything."
                if self.filter != Filter()
                else "No reflections yet. Press n on the home screen to write the first one."
            )
        elif self.loaded < self.total:
            text = (
                f"{self.total:,} reflections; the newest {self.loaded:,} shown, more as you scroll"
            )
        else:
            text = f"{self.total:,} reflection{'s' if self.total != 1 else ''}"
        if self.total:
            text += f", {sort_words(self.sort_key, self.descending)}"
        if not self.index_ready and self.total:
            text += " (reading the details…)"
        self.query_one("#history-status", Static).update(text)

    @on(DataTable.RowHighlighted, "#history")
    def more_when_near_the_end(self, event: DataTable.RowHighlighted) -> None:
        near_end = event.cursor_row >= self.loaded - 20
        if self.index_ready and near_end and self.loaded < self.total and not self._loading_more:
            self._loading_more = True
            self.load_page(self.loaded, self.generation)
        self.show_preview()

    # -- filtering and sorting ------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def narrow(self) -> None:
        def picked(selector: str) -> str | None:
            value = self.query_one(selector, Select).value
            return None if value is Select.NULL else str(value)

        self.filter = Filter(
            text=self.query_one("#filter", Input).value.strip(),
            stage=picked("#pick-stage"),
            company=picked("#pick-company"),
            tag=picked("#pick-tag"),
            date_from=parse_day(self.query_one("#pick-from", Input).value),
            date_to=parse_day(self.query_one("#pick-to", Input).value),
        )
        if self.index_ready:
            self.reload()

    @on(Input.Submitted)
    def to_the_list(self) -> None:
        """Enter in a filter box goes to the list, keeping the filter."""
        self.set_focus(self.query_one("#history", HistoryTable))

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#filter", Input))

    def action_sort(self) -> None:
        """Sort by the next column (after the last, the first again)."""
        self.sort_by(KEYS[(KEYS.index(self.sort_key) + 1) % len(KEYS)])

    def action_flip_sort(self) -> None:
        self.sort_by(self.sort_key)

    @on(DataTable.HeaderSelected)
    def header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    def sort_by(self, key: str) -> None:
        """Sort by `key` (a column of `history_table.COLUMNS`): the same column again flips
        the order; another starts newest (or most) first, or A to Z."""
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, key in STARTS_DESCENDING
        self.query_one("#history", HistoryTable).show_sort(self.sort_key, self.descending)
        self._status()
        if self.index_ready:
            self.reload()

    # -- the preview ----------------------------------------------------------------------

    def show_preview(self) -> None:
        """Show the highlighted reflection beside the table, when there is room for it."""
        if not self.has_class("-wide"):
            return
        table = self.query_one("#history", HistoryTable)
        if not table.row_count:
            self.query_one("#history-preview-text", Markdown).update("")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.read_preview(str(row_key.value))

    @work(thread=True, exclusive=True, group="history-preview", exit_on_error=False)
    def read_preview(self, name: str) -> None:
        worker = get_current_worker()
        try:
            entry = self.recovery.journal.read(self.recovery.journal.paths.entries / name)
        except (OSError, ValueError):
            text = "This file can't be read just now. The Problems screen (f) says why."
        else:
            text = render_markdown(entry_to_data(entry), heading_level=2)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._preview_read, name, literal_str(text))

    def _preview_read(self, name: str, text: str) -> None:
        self.preview_name = name
        self.query_one("#history-preview-text", Markdown).update(text)
        self.query_one("#history-preview", VerticalScroll).scroll_home(animate=False)

    # -- opening --------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#history")
    async def open_row(self, event: DataTable.RowSelected) -> None:
        name = str(event.row_key.value)
        await self.recovery.open_entry(self.recovery.journal.paths.entries / name)

    def read_journal_again(self) -> None:
        self.refresh_index()

    def action_export(self) -> None:
        if not self.index_ready:
            self.notify("Still reading your journal; try again in a moment.", markup=False)
            return
        self.gather_for_export()

    @work(thread=True, exclusive=True, group="history-export", exit_on_error=False)
    def gather_for_export(self) -> None:
        journal = self.recovery.journal
        with self.index.open() as index:
            rows = index.rows(self.filter, sort=sort_of(self.sort_key), descending=self.descending)
        pairs, unreadable = journal.read_all([row.path for row in rows])
        entries = [entry for _, entry in pairs]
        self.app.call_from_thread(self._export_gathered, entries, unreadable)

    def _export_gathered(self, entries: list[Entry], unreadable: int) -> None:
        if unreadable:
            self.notify(f"{unreadable} file(s) couldn't be read and are left out.", markup=False)
        if entries:
            self.recovery.export(
                entries, f"recovery-journal-{self.recovery.clock().date().isoformat()}"
            )

    async def action_search(self) -> None:
        from recovery_tui.screens.search import SearchScreen

        await self.app.push_screen(SearchScreen(self.index))

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input) and focused.value:
            focused.value = ""  # escape clears a filter first
            return
        self.app.pop_screen()
