"""Progress: what the reflections add up to, phrased as steps forward, never as a streak.

Every number is read from the index's sums of the entry files (in a worker, see
`index.place.summed_up`). `w` writes a prep packet for the next interview into the
journal's exports folder.
"""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Label, Sparkline, Static
from textual.worker import get_current_worker

from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index.place import summed_up
from recovery_tui.core.insights.prep_packet import PrepParts, prep_parts, write_prep
from recovery_tui.core.insights.progress import Progress, progress
from recovery_tui.core.paths import display_path
from recovery_tui.core.prompts import choice_label
from recovery_tui.screens.base import JournalScreen
from recovery_tui.widgets.literal import literal

BAR_WIDTH = 30
MONTHS_SHOWN = 12


def headline(report: Progress) -> str:
    if report.total == 0:
        return "Nothing here yet. Your first reflection will start this page."
    noun = "reflection" if report.total == 1 else "reflections"
    return (
        f"{report.total:,} {noun} so far. Each no you wrote down is a step closer to the next "
        "yes, and proof that you keep going."
    )


def sting_text(report: Progress) -> str:
    if report.lift is None:
        return "Rate how much it stings before and after writing, and the change shows here."
    before = f"{report.sting_before:.0f}" if report.sting_before is not None else "–"
    after = f"{report.sting_after:.0f}" if report.sting_after is not None else "–"
    change = (
        f"Writing it down eased it by about {report.lift:.0f} points"
        if report.lift > 0.5
        else "Writing it down didn't change the sting much, and that is fine too"
    )
    return (
        f"On average it stung {before} of 100 before writing and {after} after. {change} "
        f"(over {report.lift_count:,} reflections with both ratings)."
    )


def month_bars(report: Progress) -> str:
    months = report.months[-MONTHS_SHOWN:]
    if not months:
        return "No months to show yet."
    top = max(month.total for month in months)
    lines = []
    for month in months:
        bar = "█" * max(1, round(month.total / top * BAR_WIDTH))
        stages = sorted(month.by_stage.items(), key=lambda item: -item[1])
        clear_lead = len(stages) == 1 or (len(stages) > 1 and stages[0][1] > stages[1][1])
        most = choice_label(stages[0][0]) if clear_lead and stages[0][0] != "not_set" else ""
        lines.append(
            f"{month.month}  {bar} {month.total}" + (f"  (mostly: {most})" if most else "")
        )
    return "\n".join(lines)


def pipeline_text(report: Progress) -> str:
    if not report.pipeline:
        return "Nothing listed in the last two months. Step 3 of a reflection is the place for it."
    items = [
        f"• {item.text}  ({item.company}, {item.day.isoformat()})" for item in report.pipeline[:8]
    ]
    if len(report.pipeline) > 8:
        items.append(f"and {len(report.pipeline) - 8} more")
    return "\n".join(items)


def sources_text(report: Progress) -> str:
    if not report.success_sources:
        return "Note how you landed earlier roles in step 2, and the patterns show here."
    return "\n".join(
        f"• {choice_label(source)}: {count}" for source, count in report.success_sources.items()
    )


class ProgressScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="progress.back"),
        Binding(
            "w",
            "prep_packet",
            "Prep packet",
            id="progress.prep_packet",
            tooltip="Write a prep packet for the next interview",
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    class Computed(Message):
        def __init__(self, report: Progress, parts: PrepParts) -> None:
            super().__init__()
            self.report, self.parts = report, parts

    def __init__(self) -> None:
        super().__init__()
        self.parts: PrepParts | None = None  # what a prep packet is made of
        self.report: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-body"):
            yield Static("Adding it up…", id="progress-headline", markup=False)
            yield Label("How much it stung", classes="section-title")
            yield Static("", id="progress-sting", markup=False)
            yield Sparkline([], id="progress-trend")
            yield Static("", id="progress-trend-note", markup=False)
            yield Label("Month by month", classes="section-title")
            yield Static("", id="progress-months", markup=False)
            yield Label("Still in the pipeline", classes="section-title")
            yield Static("", id="progress-pipeline", markup=False)
            yield Label("What opened doors before", classes="section-title")
            yield Static("", id="progress-sources", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.set_focus(self.query_one("#progress-body"))
        self.compute()

    def read_journal_again(self) -> None:
        self.compute()

    def today(self) -> date:
        return self.recovery.clock().date()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def compute(self) -> None:
        worker = get_current_worker()
        today = self.today()
        for report, parts in summed_up(
            self.recovery.paths.index_file,
            self.recovery.journal,
            lambda index: (index.progress(today), index.prep_parts(today)),
            lambda pairs: (progress(pairs, today), prep_parts(pairs, today)),
            stop=lambda: worker.is_cancelled,
        ):
            self.post_message(self.Computed(report, parts))

    def on_progress_screen_computed(self, message: Computed) -> None:
        report = self.report = message.report
        self.parts = message.parts
        self.query_one("#progress-headline", Static).update(headline(report))
        self.query_one("#progress-sting", Static).update(sting_text(report))
        lifts = [month.lift or 0.0 for month in report.trend]
        self.query_one("#progress-trend", Sparkline).data = lifts
        first, last = report.trend[0].month, report.trend[-1].month
        self.query_one("#progress-trend-note", Static).update(
            f"How much writing eased the sting, month by month, {first} to {last}."
        )
        self.query_one("#progress-months", Static).update(literal(month_bars(report)))
        self.query_one("#progress-pipeline", Static).update(literal(pipeline_text(report)))
        self.query_one("#progress-sources", Static).update(literal(sources_text(report)))

    def action_prep_packet(self) -> None:
        from recovery_tui.core.export import write_export
        from recovery_tui.core.practice import PracticeState, load_practice

        journal = self.recovery.journal
        try:
            state = load_practice(journal.paths.root)
        except ValueError as error:
            self.notify(f"{error} The packet is written without practice notes.", markup=False)
            state = PracticeState()
        parts = self.parts if self.parts is not None else prep_parts([], self.today())
        text = write_prep(parts, self.today(), state)
        try:
            path = write_export(
                journal.paths.exports, f"prep-packet-{self.today().isoformat()}", ".md", text
            )
        except OSError as error:
            self.notify(
                f"Couldn't write the packet ({describe_os_error(error)}). Nothing else changed.",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Prep packet written to {display_path(path)}", title="Ready", markup=False)
