"""Files in the journal that can't be used as they are, and sync conflicts to settle.

Nothing here changes a damaged file. Conflict copies from sync tools can be settled: the
side you don't keep goes to the journal's trash folder, never deleted outright.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.core.conflicts import resolve_conflict
from recovery_tui.core.fsutil import shown_name
from recovery_tui.core.journal import Journal
from recovery_tui.core.problems.explain import Problem, shown_path
from recovery_tui.core.problems.scan import find_problems
from recovery_tui.screens.base import AppScreen
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.widgets.literal import Part, join, literal_str

INTRO = (
    "These files can't be used as they are. Each one is left exactly as it is, and "
    "everything else keeps working. Fix a file in a text editor, or move it out of the folder."
)
CLEAN = "Nothing to fix. Every file in your journal reads cleanly."


#: Problems settled here (keep the original, the copy, or both); the rest are explained.
SETTLED_HERE = {"conflict", "duplicate"}


def problem_option(problem: Problem, journal: Journal) -> Option:
    name = shown_path(problem.path, journal.paths.root)
    parts: list[Part] = [(literal_str(name, one_line=True), "bold")]
    if problem.where:
        parts.append((f"  ({problem.where})", "$text-muted"))
    parts += ["\n", problem.explanation]
    if problem.kind in SETTLED_HERE:
        parts.append(("  Press enter to settle it.", "$text-accent"))
    return Option(join(*parts, "\n"), id=str(problem.path))


def conflict_difference(problem: Problem, most: int = 6) -> str:
    """Where the copy differs from the original, one line per answer (original / copy)."""
    from recovery_tui.core.fsutil import MAX_ENTRY_BYTES, read_file
    from recovery_tui.core.sync.merge import differences

    if problem.original is None:
        return ""
    try:
        lines = differences(
            read_file(problem.original, MAX_ENTRY_BYTES), read_file(problem.path, MAX_ENTRY_BYTES)
        )
    except (OSError, ValueError):
        return ""
    if not lines:
        return ""
    shown = "\n".join(f"  {line}" for line in lines[:most])
    more = f"\n  and {len(lines) - most} more" if len(lines) > most else ""
    return f"\n\nWhere they differ (original / copy):\n{shown}{more}\n\n"


class ProblemsScreen(AppScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="problems.back"),
        Binding("f5,ctrl+r", "rescan", "Look again", id="problems.look_again"),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    @dataclass
    class Found(Message):
        problems: list[Problem]

    def __init__(self, journal: Journal, problems: list[Problem] | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.problems = problems or []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems-body", can_focus=False):
            yield Static(INTRO, id="problems-intro", markup=False)
            yield OptionList(id="problems")
            yield Static(CLEAN, id="problems-clean", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Files that need a look"
        self.show(self.problems)
        self.action_rescan()

    def show(self, problems: list[Problem]) -> None:
        self.problems = problems
        listing = self.query_one("#problems", OptionList)
        listing.set_options(problem_option(p, self.journal) for p in problems)
        self.set_class(not problems, "-clean")
        if problems:
            self.set_focus(listing, scroll_visible=False)
            listing.highlighted = 0
            body = self.query_one("#problems-body", VerticalScroll)
            self.call_after_refresh(body.scroll_home, animate=False)

    @work(thread=True, exclusive=True, group="problems")
    def action_rescan(self) -> None:
        settings_file = self.recovery.paths.settings_file
        self.post_message(self.Found(find_problems(self.journal, settings_file=settings_file)))

    def on_problems_screen_found(self, message: Found) -> None:
        self.show(message.problems)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problem = self.problems[event.option_index]
        if problem.kind not in SETTLED_HERE:
            title = shown_name(problem.path.name)
            self.notify(problem.explanation, title=title, markup=False)
            return
        original = problem.original.name if problem.original else "the original"

        def decided(choice: str | None) -> None:
            if choice in {"keep_original", "keep_copy", "keep_both"}:
                self.settle(problem, choice)

        if problem.kind == "duplicate":
            title = "Two files, one reflection"
            what = f"{original} and {problem.path.name} hold the same reflection."
            both = "both as separate reflections (the copy gets an id of its own)"
        else:
            title = "Two versions of one reflection"
            what = f"A sync tool kept both {original} and {problem.path.name}."
            what += conflict_difference(problem)
            both = "both as separate reflections"
        self.app.push_screen(
            ChoiceDialog(
                title,
                f"{what} Which should stay: the original, the copy, or {both}? What you "
                "don't keep goes to the trash folder in your journal, not away for good.",
                [
                    ("o", "Original", "keep_original"),
                    ("c", "The copy", "keep_copy"),
                    ("b", "Both", "keep_both"),
                    ("escape", "Not now", "stay"),
                ],
            ),
            decided,
        )

    def settle(self, problem: Problem, choice: str) -> None:
        try:
            resolve_conflict(self.journal, problem, choice)
        except OSError as error:
            self.recovery.tell_failure(
                "Couldn't settle it", error, "Both versions are still there.", title="Not settled"
            )
        except ValueError as error:
            self.notify(str(error), title="Not settled", severity="warning", markup=False)
        else:
            done = {
                "keep_both": "Kept both. The copy is now a reflection of its own.",
                "keep_copy": "Kept the copy. The original is in the trash folder.",
                "keep_original": "Kept the original. The copy is in the trash folder.",
            }
            self.notify(done[choice], title="Settled", markup=False)
        self.action_rescan()
