"""Progress: what the reflections add up to, phrased as steps forward, never as a streak.

Every number is read from the index's sums of the entry files (in a worker, see
`index.place.summed_up`). `w` writes a prep packet for the next interview into the
journal's exports folder.
"""

from __future__ import annotations

import math
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Label, Static
from textual.worker import get_current_worker

from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index.place import summed_up
from recovery_tui.core.insights.learnt import (
    STAGE_SUGGESTS,
    Learnt,
    fit_sentence,
    routes_suggestion,
    stage_name,
)
from recovery_tui.core.insights.prep_packet import PrepParts, prep_parts, write_prep
from recovery_tui.core.insights.progress import NO_STAGE, Progress, progress
from recovery_tui.core.paths import display_path
from recovery_tui.core.prompts import choice_label
from recovery_tui.screens.base import JournalScreen
from recovery_tui.widgets.literal import literal
from recovery_tui.widgets.month_chart import ChartRow, MonthChart

#: How many months the charts show at most (the newest).
MONTHS_SHOWN = 12


def headline(report: Progress) -> str:
    if report.total == 0:
        return "Nothing here yet. Your first reflection will start this page."
    noun = "reflection" if report.total == 1 else "reflections"
    return (
        f"{report.total:,} {noun} so far. Each no you wrote down is a step closer to the next "
        "yes, and proof that you keep going."
    )


def half_up(value: float) -> int:
    """Rounded as people round (57.5 is 58, 32.5 is 33), not to the even number."""
    return math.floor(value + 0.5)


def sting_text(report: Progress) -> str:
    """Over the reflections rated both before and after: the two averages, rounded, and
    their difference as shown (so the sentence's numbers subtract exactly)."""
    if report.both_before is None or report.both_after is None:
        return "Rate how much it stings before and after writing, and the change shows here."
    before, after = half_up(report.both_before), half_up(report.both_after)
    count = report.lift_count
    over = f"Over the {count:,} reflection{'s' if count != 1 else ''} rated before and after"
    if before > after:
        change = f"{before - after} point{'s' if before - after != 1 else ''} less"
    elif before < after:
        change = f"{after - before} point{'s' if after - before != 1 else ''} more"
    else:
        change = "about the same"
    return (
        f"{over} writing, it stung {before} of 100 on average before and {after} after: {change}."
    )


def _more_months(count: int) -> str:
    return f", the last {MONTHS_SHOWN} of {count} months" if count > MONTHS_SHOWN else ""


def sting_rows(report: Progress) -> list[ChartRow]:
    return [
        ChartRow(
            month.month,
            (
                None if month.before is None else half_up(month.before),
                None if month.after is None else half_up(month.after),
            ),
        )
        for month in report.trend[-MONTHS_SHOWN:]
    ]


def month_rows(report: Progress) -> list[ChartRow]:
    rows = []
    for month in report.months[-MONTHS_SHOWN:]:
        stages = sorted(month.by_stage.items(), key=lambda item: -item[1])
        clear_lead = len(stages) == 1 or (len(stages) > 1 and stages[0][1] > stages[1][1])
        most = choice_label(stages[0][0]) if clear_lead and stages[0][0] != NO_STAGE else ""
        rows.append(ChartRow(month.month, (month.total,), f"(mostly: {most})" if most else ""))
    return rows


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


def applied_text(found: Learnt) -> str:
    if not found.applied_now:
        return "How you applied this time goes on step 1, and shows here."
    return "\n".join(f"• {choice_label(way)}: {count}" for way, count in found.applied_now.items())


def stages_text(found: Learnt) -> str:
    if not found.by_stage:
        return "Nothing here yet."
    lines = []
    for stage, count in found.by_stage:
        lines.append(f"• {stage_name(stage)}: {count}")
        if stage in STAGE_SUGGESTS:
            lines.append(f"  {STAGE_SUGGESTS[stage]}")
    return "\n".join(lines)


FEEDBACK_SHOWN = 5


def feedback_text(found: Learnt) -> str:
    if not found.feedback:
        return "No feedback recorded yet. What they say goes on step 2."
    lines = [
        f"• “{said.text}” ({said.company}, {said.day.isoformat()})"
        for said in found.feedback[:FEEDBACK_SHOWN]
    ]
    if found.feedback_count > FEEDBACK_SHOWN:
        lines.append(f"and {found.feedback_count - FEEDBACK_SHOWN} more in the prep packet")
    return "\n".join(lines)


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
            yield MonthChart(id="progress-trend")
            yield Label("Month by month", classes="section-title")
            yield MonthChart(id="progress-months")
            yield Label("Still in the pipeline", classes="section-title")
            yield Static("", id="progress-pipeline", markup=False)
            yield Label("Where the nos came, and what each suggests", classes="section-title")
            yield Static("", id="progress-stages", markup=False)
            yield Label("What they told you", classes="section-title")
            yield Static("", id="progress-feedback", markup=False)
            yield Label("How well the roles fitted", classes="section-title")
            yield Static("", id="progress-fit", markup=False)
            yield Label("How you found roles before", classes="section-title")
            yield Static("", id="progress-sources", markup=False)
            yield Label("How you apply now", classes="section-title")
            yield Static("", id="progress-applied", markup=False)
            yield Static("", id="progress-routes", markup=False)
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
        rated = [month for month in report.trend if month.count]
        self.query_one("#progress-trend", MonthChart).show(
            sting_rows(report) if rated else [],
            ("before", "after"),
            top=100,
            value_axis="sting, 0 to 100: █ before, ░ after writing"
            + _more_months(len(report.trend)),
        )
        self.query_one("#progress-months", MonthChart).show(
            month_rows(report),
            value_axis="reflections written" + _more_months(len(report.months)),
            empty="No months to show yet.",
        )
        found = message.parts.learnt
        texts = {
            "#progress-pipeline": pipeline_text(report),
            "#progress-stages": stages_text(found),
            "#progress-feedback": feedback_text(found),
            "#progress-fit": fit_sentence(found),
            "#progress-sources": sources_text(report),
            "#progress-applied": applied_text(found),
            "#progress-routes": routes_suggestion(found) or "",
        }
        for selector, text in texts.items():
            self.query_one(selector, Static).update(literal(text))

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
