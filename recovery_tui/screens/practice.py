"""The practice bank and the skill plan: what came up across every reflection, merged.

Questions you weren't ready for are merged when they are the same question (case, spacing
and punctuation aside); mark one practised with space and keep an answer sketch with enter.
Skills get a status. Both are kept in practice.toml in the journal folder.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index.place import summed_up
from recovery_tui.core.insights.practice_bank import Question, Skill, practice_bank, skill_plan
from recovery_tui.core.paths import display_path
from recovery_tui.core.practice import (
    STAR,
    STAR_LABELS,
    PracticeReadOnly,
    PracticeState,
    PracticeTooLarge,
    QuestionState,
    SkillState,
    keep_sketch,
    load_practice,
    update_practice,
)
from recovery_tui.screens.base import JournalScreen, essential_keys
from recovery_tui.screens.practice_sketch import SketchDialog
from recovery_tui.widgets.literal import Part, join, literal, literal_str

__all__ = ["PracticeScreen", "SketchDialog"]

NEXT_STATUS = {"to_do": "in_progress", "in_progress": "done", "done": "to_do"}
STATUS_WORDS = {"to_do": "to do", "in_progress": "in progress", "done": "done"}


def question_option(question: Question, state: QuestionState | None) -> Option:
    practised = bool(state and state.practised)
    box = ("[x] ", "bold $text-success") if practised else "[ ] "
    times = "once" if question.count == 1 else f"{question.count} times"
    where = ", ".join(literal_str(company, one_line=True) for company in question.companies[:3])
    detail = (f"\n    · came up {times}, last {question.last_seen.isoformat()} ({where})", "italic")
    sketch: list[Part] = []
    star = state.star() if state else []
    if star:
        first = star[0][1].splitlines()[0]
        sketch = [
            f"\n    · STAR, {len(star)} of 4: ",
            literal(first[:60] + ("…" if len(first) > 60 else "")),
        ]
    elif state and state.sketch.strip():
        first = state.sketch.strip().splitlines()[0]
        sketch = ["\n    · sketch: ", literal(first[:70] + ("…" if len(first) > 70 else ""))]
    text = literal(question.text, one_line=True)
    return Option(join(box, text, detail, *sketch), id=question.key)


def skill_option(skill: Skill, state: SkillState | None) -> Option:
    status = state.status if state else "to_do"
    times = "once" if skill.count == 1 else f"{skill.count} times"
    return Option(
        join(
            (f"[{STATUS_WORDS[status]}] ", "bold $text-accent"),
            literal(skill.text, one_line=True),
            (f"  · {times}", "$text-muted"),
        ),
        id=skill.key,
    )


class PracticeScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="practice.back"),
        Binding(
            "space",
            "mark",
            "Mark",
            id="practice.mark",
            tooltip="Mark practised, or move a skill on",
        ),
        *essential_keys(),  # Quit and Keys still show at 60 columns
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    class Gathered(Message):
        def __init__(
            self,
            questions: list[Question],
            skills: list[Skill],
            state: PracticeState,
            error: str | None,
        ) -> None:
            super().__init__()
            self.questions, self.skills, self.state, self.error = questions, skills, state, error

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[Question] = []
        self.skills: list[Skill] = []
        self.state = PracticeState()
        self.read_only = False
        #: Why changes can't be kept now (practice.toml damaged, or from a newer version).
        self.read_only_reason = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice-body", can_focus=False):
            yield Static("Gathering what came up…", id="practice-intro", markup=False)
            yield Label("Questions to practise", classes="section-title")
            yield OptionList(id="questions")
            yield Label("Skills to build", classes="section-title")
            yield OptionList(id="skills")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Practice"
        self.gather()

    def read_journal_again(self) -> None:
        self.gather()

    @work(thread=True, exclusive=True, group="practice", exit_on_error=False)
    def gather(self) -> None:
        """What came up, from the index's sums at once; again if a refresh changed them."""
        worker = get_current_worker()
        for questions, skills in summed_up(
            self.recovery.paths.index_file,
            self.recovery.journal,
            lambda index: (index.practice_bank(), index.skill_plan()),
            lambda pairs: (practice_bank(pairs), skill_plan(pairs)),
            stop=lambda: worker.is_cancelled,
        ):
            self.post_message(self.Gathered(questions, skills, *self._state()))

    def _state(self) -> tuple[PracticeState, str | None]:
        try:
            return load_practice(self.recovery.journal.paths.root), None
        except ValueError as problem:
            return PracticeState(), str(problem)

    def on_practice_screen_gathered(self, message: Gathered) -> None:
        self.questions, self.skills, self.state = message.questions, message.skills, message.state
        newer = message.state.is_from_newer_version
        self.read_only = message.error is not None or newer
        self.read_only_reason = (
            "practice.toml can't be read"
            if message.error
            else "a newer version of recovery-tui wrote practice.toml"
            if newer
            else ""
        )
        intro = (
            "Questions you weren't ready for, merged across every reflection, most frequent "
            "first. Space marks one practised; enter keeps an answer sketch."
        )
        if message.error:
            intro = f"{message.error} Changes can't be kept until then."
        elif newer:
            intro = (
                "A newer version of recovery-tui wrote practice.toml. You can read it here; "
                "this version doesn't change it, so nothing it added is lost."
            )
        elif not self.questions and not self.skills:
            intro = (
                "Nothing gathered yet. Step 2 of a reflection asks for the questions you "
                "weren't ready for and the skills to build; they collect here."
            )
        self.query_one("#practice-intro", Static).update(literal(intro))
        self.redraw()
        for listing in (
            self.query_one("#questions", OptionList),
            self.query_one("#skills", OptionList),
        ):
            if listing.option_count and listing.highlighted is None:
                listing.highlighted = 0
        if not isinstance(self.focused, OptionList) or not self.focused.option_count:
            first = next((lst for lst in self.query(OptionList) if lst.option_count), None)
            if first is not None:
                self.set_focus(first, scroll_visible=False)

    def redraw(self) -> None:
        for selector, options in (
            (
                "#questions",
                [question_option(q, self.state.questions.get(q.key)) for q in self.questions],
            ),
            ("#skills", [skill_option(s, self.state.skills.get(s.key)) for s in self.skills]),
        ):
            listing = self.query_one(selector, OptionList)
            highlighted = listing.highlighted
            listing.set_options(options)
            if highlighted is not None and highlighted < listing.option_count:
                listing.highlighted = highlighted

    def keep(self, change: Callable[[PracticeState], None]) -> bool:
        """Make `change` to practice.toml as it is now (what another window kept stays), and
        show the result. False, with the reason shown, if it couldn't be kept."""
        if self.read_only:
            self.notify(f"{self.read_only_reason}, so changes aren't kept.", markup=False)
            return False
        try:
            self.state = update_practice(self.recovery.journal.paths.root, change)
        except (OSError, ValueError) as error:
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            if isinstance(error, ValueError) and not isinstance(error, PracticeTooLarge):
                self._now_read_only(error)
            self.notify(f"Couldn't keep that ({reason}).", severity="warning", markup=False)
            return False
        self.redraw()
        return True

    def _now_read_only(self, error: ValueError) -> None:
        """practice.toml turned out damaged, or from a newer version: leave it alone now."""
        self.read_only = True
        self.read_only_reason = (
            "a newer version of recovery-tui wrote practice.toml"
            if isinstance(error, PracticeReadOnly)
            else "practice.toml can't be read"
        )

    def action_mark(self) -> None:
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return
        # The change is what the person saw and asked for, made to the file as it is now.
        if focused.id == "questions":
            key = self.questions[focused.highlighted].key
            practised = not self.state.questions.get(key, QuestionState()).practised

            def change(state: PracticeState) -> None:
                current = state.questions.get(key, QuestionState())
                state.questions[key] = current.model_copy(update={"practised": practised})

        else:
            key = self.skills[focused.highlighted].key
            status = NEXT_STATUS[self.state.skills.get(key, SkillState()).status]

            def change(state: PracticeState) -> None:
                current = state.skills.get(key, SkillState())
                state.skills[key] = current.model_copy(update={"status": status})

        self.keep(change)

    def keep_sketch(self, question: Question, sketch: dict[str, str] | str) -> bool:
        """Keep a sketch from the dialog (its STAR parts and notes): in practice.toml, or (if
        that can't be changed) in a file of its own, named in a notice. False, with the
        text still in the dialog, if it couldn't be kept anywhere."""
        parts = {"sketch": sketch} if isinstance(sketch, str) else sketch
        parts = {key: value.strip() for key, value in parts.items()}
        star = [(STAR_LABELS[key], parts.get(key, "")) for key in STAR if parts.get(key)]
        text = "\n".join([*(f"{label}: {value}" for label, value in star), parts["sketch"]])
        text = text.strip()

        def change(state: PracticeState) -> None:
            current = state.questions.get(question.key, QuestionState())
            state.questions[question.key] = current.model_copy(update=parts)

        if not self.read_only:
            try:
                self.state = update_practice(self.recovery.journal.paths.root, change)
            except PracticeTooLarge as error:
                self.notify(
                    f"{error}. Your sketch is still here; shorten it, then press ctrl+s again.",
                    title="Not kept yet",
                    severity="warning",
                    timeout=12,
                    markup=False,
                )
                return False
            except OSError as error:
                self.notify(
                    f"Couldn't keep it ({describe_os_error(error)}). Your sketch is still "
                    "here; press ctrl+s again when that's fixed.",
                    severity="warning",
                    timeout=12,
                    markup=False,
                )
                return False
            except ValueError as error:  # damaged meanwhile, or from a newer version
                self._now_read_only(error)
            else:
                self.redraw()
                return True
        if not text:
            return True  # nothing typed, nothing to keep
        return self._keep_aside(question, text)

    def _keep_aside(self, question: Question, text: str) -> bool:
        root = self.recovery.journal.paths.root
        try:
            kept = keep_sketch(root, question.text, text)
        except OSError as error:
            self.notify(
                f"{self.read_only_reason}, and your sketch couldn't be kept elsewhere either "
                f"({describe_os_error(error)}). It is still here.",
                severity="warning",
                timeout=12,
                markup=False,
            )
            return False
        self.notify(
            f"{self.read_only_reason}, so your sketch is kept in {display_path(kept)}. "
            "practice.toml is left as it is.",
            title="Sketch kept",
            timeout=15,
            markup=False,
        )
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id != "questions":
            self.action_mark()
            return
        question = self.questions[event.option_index]
        current = self.state.questions.get(question.key, QuestionState())
        self.app.push_screen(
            SketchDialog(question.text, current, keep=lambda text: self.keep_sketch(question, text))
        )
