"""The guided reflection: three panels, a step indicator, drafts kept as you type.

What the reflection is (its ids, the file being edited, the draft, saving) is a plain object,
`recovery_tui.core.session.Session`; this screen shows it, and the step being written is one
reactive, `panel`, that the step indicator and the panels follow.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.reactive import var
from textual.widgets import Button, ContentSwitcher, Footer, Header, Select, Static

from recovery_tui.core.form import FormValues
from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.paths import display_path
from recovery_tui.core.prompts import PANELS, Panel, Prompt, panel_of
from recovery_tui.core.session import DraftFailed, Left, Saved, Session, SessionOutcome
from recovery_tui.screens.base import AppScreen, essential_keys
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.session_editor import EditorMixin
from recovery_tui.screens.session_saving import SavingMixin
from recovery_tui.widgets.facts_grid import FACTS_HINT, FactsGrid, is_fact
from recovery_tui.widgets.literal import literal_str
from recovery_tui.widgets.prompt_field import PromptField, field_id
from recovery_tui.widgets.reuse_box import ReuseBox, ReuseList
from recovery_tui.widgets.step_indicator import REVIEW_STEP, StepIndicator

DRAFT_EVERY_SECONDS = 0.5


def next_label(panel: Panel) -> str:
    """What the control at the end of a step says: "Next: Learn from it ›"."""
    following = PANELS[panel.number] if panel.number < len(PANELS) else None
    return f"Next: {following.title if following else 'Review'} ›"


class SessionScreen(SavingMixin, EditorMixin, AppScreen[SessionOutcome]):
    """Write a new reflection, or edit a saved one."""

    BINDINGS = [
        Binding(
            "ctrl+n",
            "next_panel",
            "Next",
            priority=True,
            id="session.next",
            tooltip="Next step (after 3: review)",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            priority=True,
            id="session.back",
            tooltip="Previous step (from step 1: leave)",
        ),
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="session.save", tooltip="Save and go home"
        ),
        # The app's own Quit and Keys, again here only to come right after Save in the footer:
        # at 60 columns the footer then still shows Next, Back, Save, Quit and Keys, and cuts
        # Reuse and Editor (F1 and the palette list those). Same ids, so a remapped key
        # moves both.
        *essential_keys(),
        Binding(
            "ctrl+r",
            "reuse",
            "Reuse",
            priority=True,
            id="session.reuse",
            tooltip="People and wins from past reflections, to add with enter",
        ),
        # Not ctrl+e: in a text box that is "end of line".
        Binding(
            "ctrl+o",
            "open_editor",
            "Editor",
            priority=True,
            id="session.editor",
            tooltip="Write this answer in your editor ($EDITOR)",
        ),
        # Priority, so keys typed right after them never race ahead of the focus change.
        Binding("tab", "app.focus_next", "Next prompt", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous prompt", show=False, priority=True),
        # Not priority: a text box takes "?" as a character; on a rating or a list it opens help.
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    #: The step being written (1 to the number of panels): the step indicator shows it and
    #: the panels switch to it. The review is a screen of its own, on top.
    panel: var[int] = var(1, init=False)

    def __init__(self, session: Session, *, index: IndexPlace | None = None) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(SessionScreen.panel, session.start_panel)
        #: Where past reflections are indexed; None: nothing is offered for reuse.
        self.index = index

    @property
    def entry_path(self) -> Path | None:
        """The file being edited; None for a new reflection."""
        return self.session.entry_path

    @property
    def saved_path(self) -> Path | None:
        """The file this session saved, once it has (benchmarks/run.py waits for it)."""
        ended = self.session.ended
        return ended.path if isinstance(ended, Saved) else None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator(self.panel, id="steps").data_bind(step=SessionScreen.panel)
        with ContentSwitcher(initial=f"panel-{self.panel}", id="panels"):
            for panel in PANELS:
                with VerticalScroll(id=f"panel-{panel.number}", classes="panel", can_focus=False):
                    yield Static(panel.intro, classes="panel-intro", markup=False)
                    if panel.key == "prepare":
                        yield ReuseBox(id="reuse")
                    yield from self._compose_prompts(panel)
                    yield Button(
                        next_label(panel),
                        id=f"next-{panel.number}",
                        classes="next-step",
                        compact=True,
                        tooltip="Next step (ctrl+n)",
                    )
        yield Footer(compact=True)

    def _compose_prompts(self, panel: Panel) -> ComposeResult:
        facts = [p for p in panel.prompts if is_fact(panel, p)]
        if facts:
            with FactsGrid(id="facts"):
                for prompt in facts:
                    yield self._field(prompt)
            yield Static(FACTS_HINT, id="facts-hint", classes="prompt-hint", markup=False)
        for prompt in panel.prompts:
            if prompt not in facts:
                yield self._field(prompt)
        for own in self.session.own:  # your own prompts (settings), last
            if own.step == panel.number:
                yield PromptField(own.prompt, self.session.initial.get(own.path))

    def _field(self, prompt: Prompt) -> PromptField:
        return PromptField(prompt, self.session.initial.get(prompt.path))

    @on(events.DescendantFocus)
    def _show_fact_hint(self, event: events.DescendantFocus) -> None:
        """Under the facts, the whole hint of the fact you are in."""
        field = self.focused_field()
        if field is not None and isinstance(field.parent, FactsGrid):
            self.query_one("#facts-hint", Static).update(field.prompt.hint)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("next-step"):
            event.stop()
            await self.action_next_panel()

    def on_mount(self) -> None:
        self.show_prompts_for_stage()
        self.title = self.step_title()
        self.set_interval(DRAFT_EVERY_SECONDS, self.keep_draft)
        self._focus_first()
        if self.index is not None and self.entry_path is None:
            self.query_one(ReuseBox).gather(self.index)

    def watch_panel(self, panel: int) -> None:
        self.title = self.step_title()
        self.query_one("#panels", ContentSwitcher).current = f"panel-{panel}"
        self.refresh_bindings()  # ctrl+r is offered on the last step only

    # -- the stage shapes the steps --------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        field = event.select.parent
        if isinstance(field, PromptField) and field.prompt.path == "about.stage":
            self.show_prompts_for_stage()

    def show_prompts_for_stage(self) -> None:
        """Show the prompts asked after the stage chosen on step 1, hide the others; a
        prompt that holds an answer always stays (`Prompt.asked_after`)."""
        stage = self.query_one(f"#{field_id('about.stage')}", PromptField).value
        for field in self.fields():
            field.display = (
                field.prompt.asked_after(stage if isinstance(stage, str) else None)
                or field.has_answer
            )

    # -- reading the answers ----------------------------------------------------------------

    async def settle_typing(self) -> None:
        """Wait until the focused box has taken every key already sent to it.

        Priority keys (ctrl+n, ctrl+s, escape) are handled by the app ahead of the keys still
        queued in the focused box; awaiting this inside their actions keeps the order a
        person typed in, and holds back later keys until the action is done.
        """
        focused = self.focused
        if focused is None or not focused.is_running:
            return
        done = asyncio.Event()
        focused.call_later(done.set)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=2)

    def focused_field(self) -> PromptField | None:
        node: DOMNode | None = self.focused
        while node is not None and not isinstance(node, PromptField):
            node = node.parent
        return node

    def fields(self) -> list[PromptField]:
        return list(self.query(PromptField))

    def values(self) -> FormValues:
        return {field.prompt.path: field.value for field in self.fields()}

    def has_unsaved_work(self) -> bool:
        return self.session.has_unsaved_work(self.values())

    # -- drafts ---------------------------------------------------------------------------

    def keep_draft(self, *, force: bool = False) -> bool:
        """Write the draft if anything changed since the last write (runs every half second).
        False if what is on screen now couldn't be kept as a draft (the reason was shown)."""
        if not self.is_mounted:
            return True
        kept = self.session.keep_draft(self.values(), self.panel, force=force)
        if not isinstance(kept, DraftFailed):
            return True
        if kept.first:
            self.recovery.tell_failure(
                f"Couldn't keep a draft in {display_path(self.session.drafts.folder)}",
                kept.cause,
                "Your words are still here; save when you can.",
                severity="warning",
                timeout=8,
            )
        return False

    def discard_draft(self) -> None:
        self.session.discard_draft()

    # -- reusing what worked before --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reuse":
            return self.panel == len(PANELS) and bool(self.query_one(ReuseBox).items)
        if action == "open_editor":
            return not isinstance(self.focused, ReuseList)  # no answer to write there
        return True

    def on_reuse_box_gathered(self) -> None:
        self.refresh_bindings()

    async def action_reuse(self) -> None:
        await self.settle_typing()
        self.set_focus(self.query_one(ReuseBox).options)

    def on_reuse_box_picked(self, message: ReuseBox.Picked) -> None:
        item = message.item
        path = "prepare.people" if item.kind == "person" else "prepare.actions"
        field = self.query_one(f"#{field_id(path)}", PromptField)
        if field.add_line(item.text):
            self.notify(f"Added to {field.prompt.label}.", markup=False)
        else:
            self.notify(f"It's already in {field.prompt.label}.", markup=False)

    # -- moving around --------------------------------------------------------------------

    def step_title(self) -> str:
        """What the header says: "New reflection · step 1 of 3: Don't take it personally",
        or "Editing Northwind Labs · step 2 of 3: Learn from it" (the company as written)."""
        panel = PANELS[self.panel - 1]
        company = self.session.base.get("about", {}).get("company") if self.entry_path else None
        what = literal_str(f"Editing {company}", one_line=True) if company else "New reflection"
        return f"{what} · step {panel.number} of {len(PANELS)}: {panel.title}"

    def show_panel(self, number: int, focus_path: str | None = None) -> None:
        self.panel = number
        self.keep_draft(force=True)
        if focus_path:
            self._focus_path(focus_path)
        else:
            self._focus_first()

    def _focus_first(self) -> None:
        panel = self.query_one(f"#panel-{self.panel}", VerticalScroll)
        panel.scroll_home(animate=False)
        # Screen.set_focus is immediate (Widget.focus waits a turn), so keys typed
        # right after a panel change land in its first prompt.
        fields = panel.query(PromptField)
        first = next((field for field in fields if field.display), fields.first())  # stage
        self.set_focus(first.control, scroll_visible=False)

    def _focus_path(self, path: str) -> None:
        field = self.query_one(f"#{field_id(path)}", PromptField)
        self.set_focus(field.control, scroll_visible=False)
        # After the next layout: a panel just switched in has no place on screen yet.
        self.call_after_refresh(field.scroll_visible, animate=False, top=True)

    def jump_to(self, path: str) -> None:
        panel = panel_of(path)
        self.show_panel(panel.number if panel else 1, focus_path=path if panel else None)

    async def on_step_indicator_selected(self, message: StepIndicator.Selected) -> None:
        await self.settle_typing()
        if message.step == REVIEW_STEP:
            self.open_review()
        else:
            self.show_panel(message.step)

    async def action_next_panel(self) -> None:
        await self.settle_typing()
        if self.panel < len(PANELS):
            self.show_panel(self.panel + 1)
        else:
            self.open_review()

    async def action_back(self) -> None:
        await self.settle_typing()
        select = self.focused.parent if self.focused else None
        if isinstance(select, Select) and select.expanded:
            select.expanded = False  # escape closes an open list first
            select.focus()
            return
        if self.panel > 1:
            self.show_panel(self.panel - 1)
            return
        if not self.has_unsaved_work():
            self.discard_draft()
            self.dismiss(Left())
            return

        def leave() -> None:
            self.dismiss(Left())

        self.ask_keep_or_discard(
            "Leave this reflection?",
            "What you typed can wait for you as a draft.",
            ("Keep as draft", "Discard"),
            then=leave,
            kept_note="Kept as a draft. Press r on the home screen to pick it up again.",
        )

    def ask_keep_or_discard(
        self,
        title: str,
        message: str,
        labels: tuple[str, str],
        *,
        then: Callable[[], None],
        kept_note: str | None = None,
    ) -> None:
        """Ask whether to keep what was typed as a draft or discard it; then call `then`.
        Escape stays, with nothing lost either way (a draft is written before asking)."""
        self.keep_draft(force=True)

        def decided(choice: str | None) -> None:
            if choice == "keep":
                if not self.keep_draft(force=True):
                    # Not kept: stay here, with every word still on screen.
                    self.notify(
                        "Your reflection couldn't be kept as a draft, so it stays open here "
                        "with everything you wrote. Save it when you can, or choose discard "
                        "to leave without it.",
                        title="Still here",
                        severity="warning",
                        timeout=12,
                        markup=False,
                    )
                    return
                if kept_note:
                    self.notify(kept_note, markup=False)
                then()
            elif choice == "discard":
                self.session.discarded = True  # the half-second timer must not write it back
                self.discard_draft()
                then()

        self.app.push_screen(
            ChoiceDialog(
                title,
                message,
                [("k", labels[0], "keep"), ("d", labels[1], "discard"), ("escape", "Stay", "stay")],
            ),
            decided,
        )
