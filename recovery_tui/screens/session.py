"""The guided reflection: three panels, a step indicator, drafts kept as you type."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Select, Static

from recovery_tui.core.drafts import Draft, DraftStore, DraftTooLarge
from recovery_tui.core.form import FormValues, data_from_values, is_blank, values_from_data
from recovery_tui.core.fsutil import describe_os_error, size_words
from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.journal import CantSave, ChangedOnDisk, Journal, TooLarge
from recovery_tui.core.models import Entry, FieldIssue, build_entry, explain
from recovery_tui.core.paths import display_path
from recovery_tui.core.prompts import PANELS, panel_of
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.session_editor import EditorMixin
from recovery_tui.widgets.prompt_field import PromptField, field_id
from recovery_tui.widgets.reuse_box import ReuseBox, ReuseList
from recovery_tui.widgets.step_indicator import REVIEW_STEP, StepIndicator

DRAFT_EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class SessionOutcome:
    """How a session ended: saved to a file, asked to reload the file, or neither."""

    saved: Path | None = None
    reload: Path | None = None


class SessionScreen(EditorMixin, Screen[SessionOutcome]):
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

    def __init__(
        self,
        journal: Journal,
        drafts: DraftStore,
        clock: Callable[[], datetime],
        new_id: Callable[[], str],
        *,
        entry: Entry | None = None,
        entry_path: Path | None = None,
        fingerprint: str | None = None,
        draft: Draft | None = None,
        index: IndexPlace | None = None,
    ) -> None:
        super().__init__()
        self.journal, self.drafts, self.clock, self.new_id = journal, drafts, clock, new_id
        self.entry_path = entry_path
        self.base: dict[str, Any] = entry.model_dump(mode="python") if entry else {}
        self.baseline: FormValues = values_from_data(self.base)
        initial = dict(self.baseline)
        if draft is not None:
            self.entry_id, self.draft_id, self.created = draft.entry_id, draft.id, draft.created
            self.fingerprint = draft.base_fingerprint
            initial.update(draft.values)
            self.panel = min(max(draft.panel, 1), len(PANELS))
        else:
            self.entry_id = entry.id if entry else new_id()
            self.draft_id = new_id()
            self.created = entry.created if entry else clock()
            self.fingerprint = fingerprint
            self.panel = 1
        self._initial = initial
        self._last_draft: FormValues | None = dict(draft.values) if draft else None
        self._draft_failed = False
        self._failed_values: FormValues | None = None
        self.saved_path: Path | None = None
        #: Set when the person chose to discard what they typed: no draft is written after.
        self.discarded = False
        #: Where past reflections are indexed; None: nothing is offered for reuse.
        self.index = index

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator(self.panel, id="steps")
        with ContentSwitcher(initial=f"panel-{self.panel}", id="panels"):
            for panel in PANELS:
                with VerticalScroll(id=f"panel-{panel.number}", classes="panel", can_focus=False):
                    yield Static(panel.intro, classes="panel-intro", markup=False)
                    if panel.key == "prepare":
                        yield ReuseBox(id="reuse")
                    for prompt in panel.prompts:
                        yield PromptField(prompt, self._initial.get(prompt.path))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Editing a reflection" if self.entry_path else "New reflection"
        self.set_interval(DRAFT_EVERY_SECONDS, self.keep_draft)
        self._focus_first()
        if self.index is not None and self.entry_path is None:
            self.query_one(ReuseBox).gather(self.index)

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
        node = self.focused
        while node is not None and not isinstance(node, PromptField):
            node = node.parent
        return node

    def fields(self) -> list[PromptField]:
        return list(self.query(PromptField))

    def values(self) -> FormValues:
        return {field.prompt.path: field.value for field in self.fields()}

    def has_unsaved_work(self, values: FormValues | None = None) -> bool:
        if self.saved_path is not None:
            return False
        values = self.values() if values is None else values
        if self.entry_path is None:
            return not is_blank(values)
        return values != self.baseline

    def data(self) -> dict[str, Any]:
        return data_from_values(self.values(), self.base)

    def build(self) -> Entry:
        """Validate what was typed into an entry (raises ValidationError)."""
        return build_entry(
            self.data(), id=self.entry_id, created=self.created, updated=self.clock()
        )

    # -- drafts ---------------------------------------------------------------------------

    def keep_draft(self, *, force: bool = False) -> bool:
        """Write the draft if anything changed since the last write (runs every half second).
        False if what is on screen now couldn't be kept as a draft (the reason was shown)."""
        if self.saved_path is not None or self.discarded or not self.is_mounted:
            return True
        values = self.values()
        if not force and values == self._last_draft:
            return True
        if not force and values == self._failed_values:
            return False  # the same words failed just now: not again every half second
        if not self.has_unsaved_work(values):
            if self._last_draft is not None:
                self.discard_draft()
            return True
        draft = Draft(
            id=self.draft_id,
            entry_id=self.entry_id,
            created=self.created,
            updated=self.clock(),
            panel=self.panel,
            values=values,
            editing=self.entry_path.name if self.entry_path else None,
            base_fingerprint=self.fingerprint,
        )
        try:
            self.drafts.save(draft)
        except (OSError, DraftTooLarge) as error:
            if not self._draft_failed:
                cause = (
                    describe_os_error(error)
                    if isinstance(error, OSError)
                    else "it is too long to keep as a draft"
                )
                self.notify(
                    f"Couldn't keep a draft in {display_path(self.drafts.folder)} "
                    f"({cause}). Your words are still here; "
                    "save when you can.",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
            self._draft_failed = True
            self._failed_values = values
            return False
        self._draft_failed = False
        self._failed_values = None
        self._last_draft = values
        return True

    def discard_draft(self) -> None:
        with contextlib.suppress(OSError):
            self.drafts.remove(self.draft_id)
        self._last_draft = None

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

    def show_panel(self, number: int, focus_path: str | None = None) -> None:
        self.panel = number
        self.query_one("#panels", ContentSwitcher).current = f"panel-{number}"
        self.query_one(StepIndicator).step = number
        self.refresh_bindings()
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
        self.set_focus(panel.query(PromptField).first().control, scroll_visible=False)

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
            self.dismiss(SessionOutcome())
            return

        def leave() -> None:
            self.dismiss(SessionOutcome())

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
                self.discarded = True  # the half-second timer must not write it back
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

    # -- review and save ------------------------------------------------------------------

    def issues(self) -> list[FieldIssue]:
        try:
            self.build()
        except ValidationError as error:
            return explain(error)
        return []

    def show_issues(self, issues: list[FieldIssue]) -> None:
        by_path = {issue.path: issue.message for issue in issues}
        for field in self.fields():
            field.set_error(by_path.get(field.prompt.path))

    def open_review(self) -> None:
        from recovery_tui.screens.review import ReviewScreen

        self.keep_draft(force=True)
        issues = self.issues()
        self.show_issues(issues)
        self.query_one(StepIndicator).step = REVIEW_STEP

        def returned(result: tuple[str, str] | None) -> None:
            self.query_one(StepIndicator).step = self.panel
            if result is None:
                self._focus_first()
            elif result[0] == "save":
                self.save()
            elif result[0] == "jump":
                self.jump_to(result[1])
            elif result[0] == "panel":
                self.show_panel(int(result[1]))

        self.app.push_screen(ReviewScreen(self.data(), issues), returned)

    async def action_save(self) -> None:
        await self.settle_typing()
        self.save()

    def save(self) -> None:
        try:
            entry = self.build()
        except ValidationError as error:
            issues = explain(error)
            self.show_issues(issues)
            self.notify(
                "Nearly there: " + "; ".join(f"{i.label}: {i.message}" for i in issues),
                title="Not saved yet",
                severity="warning",
                markup=False,
            )
            self.jump_to(issues[0].path)
            return
        self.write(entry, self.entry_path)

    def write(self, entry: Entry, path: Path | None) -> None:
        """Write the entry; on success go home, on failure keep everything and say why."""
        try:
            saved = self.journal.save(
                entry, path, expected=self.fingerprint if path else None, create_folder=False
            )
        except ChangedOnDisk:
            self.keep_draft(force=True)
            self.ask_about_change(entry)
            return
        except CantSave as error:
            self.keep_draft(force=True)
            drafted = self._last_draft is not None and not self._draft_failed
            kept = "here and in drafts" if drafted else "here"
            if isinstance(error, TooLarge):
                message = (
                    "This reflection is too long to save: a reflection can hold up to "
                    f"{size_words(error.limit)}, the most recovery-tui reads back. Nothing was "
                    f"written; your words are still {kept}. Shorten the longest answer, then "
                    "press ctrl+s again."
                )
            else:
                message = (
                    f"Couldn't save it: {error}. Nothing was written; your words are still {kept}."
                )
            self.notify(message, title="Not saved", severity="error", timeout=20, markup=False)
            return
        except OSError as error:
            self.keep_draft(force=True)
            where = display_path(self.journal.paths.root)
            drafted = self._last_draft is not None and not self._draft_failed
            kept = "and in drafts" if drafted else "in this window"
            self.notify(
                f"Couldn't save to {where} ({describe_os_error(error)}). Your reflection is "
                f"still here {kept}; fix that and press ctrl+s again.",
                title="Not saved",
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        self.saved_path = saved
        self.discard_draft()
        self.dismiss(SessionOutcome(saved=saved))

    def ask_about_change(self, entry: Entry) -> None:
        assert self.entry_path is not None
        name = f"entries/{self.entry_path.name}"

        def decided(choice: str | None) -> None:
            if choice == "copy":
                now = self.clock()
                copy = entry.model_copy(
                    update={"id": self.new_id(), "created": now, "updated": now}
                )
                self.write(copy, None)
            elif choice == "reload":
                self.saved_path = self.entry_path  # nothing of ours is pending any more
                self.discard_draft()
                self.dismiss(SessionOutcome(reload=self.entry_path))

        self.app.push_screen(
            ChoiceDialog(
                "This reflection changed on disk",
                f"Since you opened it, {name} was changed or removed by something else: "
                "another window, an editor or a sync tool. Nothing was overwritten, and what "
                "you wrote is still here and in drafts.",
                [
                    ("c", "Save mine as a copy", "copy"),
                    ("r", "Reload theirs", "reload"),
                    ("escape", "Not now", "stay"),
                ],
            ),
            decided,
        )
