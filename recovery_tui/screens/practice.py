"""The practice bank and the skill plan: what came up across every reflection, merged.

Questions you weren't ready for are merged when they are the same question (case, spacing
and punctuation aside); mark one practised with space and keep an answer sketch with enter.
Skills get a status. Both are kept in practice.toml in the journal folder.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index_insights import summed_up
from recovery_tui.core.insights import Question, Skill, practice_bank, skill_plan
from recovery_tui.core.practice import (
    PracticeState,
    QuestionState,
    SkillState,
    load_practice,
    save_practice,
)
from recovery_tui.screens.base import JournalScreen

NEXT_STATUS = {"to_do": "in_progress", "in_progress": "done", "done": "to_do"}
STATUS_WORDS = {"to_do": "to do", "in_progress": "in progress", "done": "done"}


def question_option(question: Question, state: QuestionState | None) -> Option:
    practised = bool(state and state.practised)
    box = Content.styled("[x] " if practised else "[ ] ", "bold $text-success" if practised else "")
    times = "once" if question.count == 1 else f"{question.count} times"
    where = ", ".join(question.companies[:3])
    detail = Content.styled(
        f"\n    came up {times}, last {question.last_seen.isoformat()} ({where})".replace(
            "\n    ", "\n    · "
        ),
        "italic",
    )
    sketch = ""
    if state and state.sketch:
        first = state.sketch.strip().splitlines()[0]
        sketch = f"\n    · sketch: {first[:70]}{'…' if len(first) > 70 else ''}"
    return Option(box + Content(question.text) + detail + Content(sketch), id=question.key)


def skill_option(skill: Skill, state: SkillState | None) -> Option:
    status = state.status if state else "to_do"
    times = "once" if skill.count == 1 else f"{skill.count} times"
    label = Content.styled(f"[{STATUS_WORDS[status]}] ", "bold $text-accent")
    return Option(
        label + Content(skill.text) + Content.styled(f"  · {times}", "$text-muted"), id=skill.key
    )


class SketchDialog(ModalScreen[str | None]):
    """Write or change the answer sketch for one question."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True, id="sketch.keep"),
        Binding("escape", "dismiss(None)", "Cancel", priority=True, id="sketch.cancel"),
        # A modal screen: the app's own (non-priority) help key doesn't reach it by itself.
        Binding("f1", "app.help", "Keys", show=False, id="app.help"),
    ]
    HELP_NAME = "Answer sketch"

    def __init__(self, question: str, sketch: str) -> None:
        super().__init__()
        self.question, self.sketch = question, sketch

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="dialog-title", markup=False)
            yield Static(
                "A few lines are enough: the point you'd make, one example. ctrl+s keeps it.",
                id="dialog-message",
                markup=False,
            )
            yield TextArea(self.sketch, id="sketch", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one("#sketch", TextArea)
        area.cursor_blink = getattr(self.app, "blink", True)
        self.set_focus(area)

    def action_keep(self) -> None:
        self.dismiss(self.query_one("#sketch", TextArea).text)


class PracticeScreen(JournalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="practice.back"),
        Binding(
            "space",
            "toggle",
            "Practised / status",
            id="practice.mark",
            tooltip="Mark practised, or move a skill on",
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    class Gathered(Message):
        def __init__(self, questions: list[Question], skills: list[Skill], state, error) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.questions, self.skills, self.state, self.error = questions, skills, state, error

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[Question] = []
        self.skills: list[Skill] = []
        self.state = PracticeState()
        self.read_only = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice-body", can_focus=False):
            yield Static("Gathering what came up…", id="practice-intro", markup=False)
            yield Label("Questions to practise", classes="section-title")
            yield OptionList(id="questions")
            yield Label("Skills to build", classes="section-title")
            yield OptionList(id="skills")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Practice"
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
        self.read_only = message.error is not None
        intro = (
            "Questions you weren't ready for, merged across every reflection, most frequent "
            "first. Space marks one practised; enter keeps an answer sketch."
        )
        if message.error:
            intro = f"{message.error} Changes can't be kept until then."
        elif not self.questions and not self.skills:
            intro = (
                "Nothing gathered yet. Step 2 of a reflection asks for the questions you "
                "weren't ready for and the skills to build; they collect here."
            )
        self.query_one("#practice-intro", Static).update(intro)
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

    def keep(self) -> bool:
        if self.read_only:
            self.notify("practice.toml can't be read, so changes aren't kept.", markup=False)
            return False
        try:
            save_practice(self.recovery.journal.paths.root, self.state)
        except (OSError, ValueError) as error:
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            self.notify(f"Couldn't keep that ({reason}).", severity="warning", markup=False)
            return False
        return True

    def action_toggle(self) -> None:
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None:
            return
        if focused.id == "questions":
            key = self.questions[focused.highlighted].key
            current = self.state.questions.get(key, QuestionState())
            self.state.questions[key] = current.model_copy(
                update={"practised": not current.practised}
            )
        else:
            key = self.skills[focused.highlighted].key
            current = self.state.skills.get(key, SkillState())
            self.state.skills[key] = current.model_copy(
                update={"status": NEXT_STATUS[current.status]}
            )
        if self.keep():
            self.redraw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id != "questions":
            self.action_toggle()
            return
        question = self.questions[event.option_index]
        current = self.state.questions.get(question.key, QuestionState())

        def kept(sketch: str | None) -> None:
            if sketch is None:
                return
            self.state.questions[question.key] = current.model_copy(
                update={"sketch": sketch.strip()}
            )
            if self.keep():
                self.redraw()

        self.app.push_screen(SketchDialog(question.text, current.sketch), kept)
