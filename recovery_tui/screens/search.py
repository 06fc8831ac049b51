"""Search the words of every reflection; results ranked, matches highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.index.queries import Filter
from recovery_tui.core.index.search import Hit, marked_spans
from recovery_tui.screens.base import JournalScreen
from recovery_tui.widgets.literal import Part, join
from recovery_tui.widgets.text_box import LiteralInput

SEARCH_LIMIT = 100
HINT = "Type any words: a company, a question you froze on, a skill. Enter opens a result."
#: How a match stands out in a snippet.
MATCH = "bold reverse $accent"


def highlighted(snippet: str) -> Content:
    """The snippet on one line, literally, with each match in the match style."""
    plain, spans = marked_spans(" · ".join(line.strip() for line in snippet.splitlines()))
    parts: list[Part] = []
    done = 0
    for start, end in spans:
        parts += [plain[done:start], (plain[start:end], MATCH)]
        done = end
    parts.append(plain[done:])
    return join(*parts, one_line=True)


def hit_option(hit: Hit) -> Option:
    row = hit.row
    head: list[Part] = [(f"{row.date}  {row.company}", "bold")]
    if row.stage_label:
        head.append((f"  ·  {row.stage_label}", "$text-muted"))
    return Option(join(*head, one_line=True) + "\n" + highlighted(hit.snippet) + "\n", id=row.name)


class SearchScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="search.back"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    class Indexed(Message):
        """The index caught up with the files: the same words are looked up again."""

    @dataclass
    class Found(Message):
        query: str
        hits: list[Hit]
        ms: float

    def __init__(self, index: IndexPlace) -> None:
        super().__init__()
        self.index = index
        self.hits: list[Hit] = []
        self.shown_query = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield LiteralInput(placeholder="Search every reflection", id="search-input")
        yield Static(HINT, id="search-status", markup=False)
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.set_focus(self.query_one("#search-input", Input))
        self.read_journal_again()

    def read_journal_again(self) -> None:
        self.refresh_index()

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def refresh_index(self) -> None:
        """Bring the index up to date with the files (only changed ones are read)."""
        worker = get_current_worker()
        self.index.refresh(stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(self.Indexed())

    def on_search_screen_indexed(self) -> None:
        self.search(self.query_one("#search-input", Input).value)

    @on(Input.Changed, "#search-input")
    def look(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str) -> None:
        import time

        started = time.perf_counter()
        with self.index.open() as index:
            hits = index.search(query, Filter(), limit=SEARCH_LIMIT) if query.strip() else []
        self.post_message(self.Found(query, hits, (time.perf_counter() - started) * 1000))

    def on_search_screen_found(self, message: Found) -> None:
        if message.query != self.query_one("#search-input", Input).value:
            return  # typing went on; a newer answer is coming
        again = message.query == self.shown_query  # the same words, after a change
        self.hits, self.shown_query = message.hits, message.query
        results = self.query_one("#search-results", OptionList)
        highlighted = results.highlighted
        results.set_options(hit_option(hit) for hit in message.hits)
        if again and highlighted is not None and results.option_count:
            results.highlighted = min(highlighted, results.option_count - 1)
        if results.has_focus and not results.option_count:
            self.set_focus(self.query_one("#search-input", Input))
        status = self.query_one("#search-status", Static)
        if not message.query.strip():
            status.update(HINT)
        elif not message.hits:
            status.update("Nothing found. Try fewer or shorter words.")
        else:
            count = len(message.hits)
            many = f"The best {count} matches" if count >= SEARCH_LIMIT else f"{count} found"
            status.update(f"{many}, best first. Down arrow to reach them, enter to open.")

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            self.set_focus(results)
            if results.highlighted is None:
                results.highlighted = 0

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = self.hits[event.option_index].row.name
        await self.recovery.open_entry(self.recovery.journal.paths.entries / name)

    @on(Input.Submitted, "#search-input")
    def submit(self) -> None:
        self.action_to_results()
