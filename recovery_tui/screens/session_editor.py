"""Your own editor for the answer you're in: ctrl+o in a reflection.

The work without Textual (temp file inside the journal, running the editor, reading back,
cleaning up, the words for each outcome) is in `recovery_tui.core.editor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.widgets import Input, TextArea

from recovery_tui.core import editor
from recovery_tui.core.paths import display_path

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp
    from recovery_tui.core.session import Session
    from recovery_tui.widgets.prompt_field import PromptField


class EditorMixin:
    """`action_open_editor` for the session screen."""

    if TYPE_CHECKING:
        session: Session

        def focused_field(self) -> PromptField | None: ...
        def keep_draft(self, *, force: bool = False) -> bool: ...
        async def settle_typing(self) -> None: ...
        def notify(self, message: str, **kwargs: object) -> None: ...
        @property
        def recovery(self) -> RecoveryApp: ...

    async def action_open_editor(self) -> None:
        await self.settle_typing()
        field = self.focused_field()
        control = field.control if field is not None else None
        if field is None or not isinstance(control, (Input, TextArea)):
            key = self.recovery.key_for("session.editor", "ctrl+o")
            self.notify(
                f"Your editor opens written answers. Move to one with tab, then press {key}.",
                markup=False,
            )
            return
        self.keep_draft(force=True)  # what was typed so far is safe while the editor runs
        text = control.value if isinstance(control, Input) else control.text
        folder = self.session.journal.paths.editing
        try:
            result = editor.edit_text(
                text,
                folder,
                name=field.prompt.path.rpartition(".")[2],
                single_line=isinstance(control, Input),
                run=self.run_in_terminal,
            )
        except SuspendNotSupported:
            self.notify(
                "Your editor can't open here: this terminal can't hand over the screen. "
                "Your answer is unchanged.",
                severity="warning",
                markup=False,
            )
            return
        kept = display_path(result.kept) if result.kept is not None else ""
        message = editor.explain(result, display_path(folder), kept)
        if result.outcome == "changed":
            assert result.text is not None
            self.bring_back(control, result.text)
            if isinstance(control, TextArea):
                message += " ctrl+z undoes it."
        calm = result.outcome in {"changed", "unchanged"}
        self.notify(
            message,
            severity="information" if calm else "warning",
            # A kept file's name takes a moment to read (or copy): longer than other notices.
            timeout=5 if calm else 20 if result.kept is not None else 12,
            markup=False,
        )

    def run_in_terminal(self, argv: Sequence[str]) -> int:
        """Hand the terminal to `argv` until it exits (SuspendNotSupported if it can't)."""
        with self.recovery.suspend():
            return editor.run_editor(argv)

    def bring_back(self, control: Input | TextArea, text: str) -> None:
        """Put the edited answer in its box (undoable in a text box) and keep a draft."""
        if isinstance(control, TextArea):
            control.replace(text, (0, 0), control.document.end, maintain_selection_offset=False)
        else:
            control.value = text
            control.cursor_position = len(text)
        self.keep_draft()
