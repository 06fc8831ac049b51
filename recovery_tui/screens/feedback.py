"""The letter that fits a reflection's stage (a feedback request, a check-in, a keep-in-touch
note) or the one follow-up to it, to copy or export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

from recovery_tui.core.insights import letters
from recovery_tui.core.insights.letters import (
    NAME_PLACEHOLDER,
    Kind,
    feedback_request,
    follow_up_request,
    kind_of,
)
from recovery_tui.core.models import Entry
from recovery_tui.widgets.text_box import LiteralInput, LiteralTextArea

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp

HINT = "Add who to write to, then {copy} copies the text and {export} exports it. Edit freely."
FOLLOW_UP_HINT = (
    "One gentle follow-up. {copy} copies it, {export} exports it. Once it's sent, press {sent} "
    "on it at home."
)
FOLLOWED_UP_HINT = (
    "You followed up once already; a second note rarely brings a reply. At home, {let_go} "
    "lets this one go."
)
NAME_HINT = f" Sign it by replacing {NAME_PLACEHOLDER}, or set your_name in settings.toml."

TITLES = {
    Kind.INTERVIEW: "Ask for feedback",
    Kind.APPLICATION: "Ask about your application",
    Kind.SILENCE: "Check in on your application",
    Kind.WITHDRAWN: "Stay in touch",
}


class FeedbackRequestScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+y", "copy", "Copy", priority=True, id="feedback.copy"),
        Binding("ctrl+x", "export", "Export", priority=True, id="feedback.export"),
        Binding("escape", "dismiss(None)", "Close", priority=True, id="feedback.close"),
        # A modal screen: the app's own (non-priority) help key doesn't reach it by itself.
        Binding("f1", "app.help", "Keys", show=False, id="app.help"),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]
    HELP_NAME = "A letter after a no"

    if TYPE_CHECKING:  # self.app is this app (typing only, as Textual's docs suggest)
        app = getters.app(RecoveryApp)

    def __init__(self, entry: Entry, path: Path, *, follow_up: bool = False) -> None:
        super().__init__()
        self.entry, self.path, self.follow_up = entry, path, follow_up
        self.stem = path.stem
        self.draft = follow_up_request if follow_up else feedback_request

    def compose(self) -> ComposeResult:
        title = "Follow up, once" if self.follow_up else TITLES[kind_of(self.entry)]
        your_name = self.app.settings.your_name
        with Vertical(id="dialog", classes="feedback"):
            yield Label(title, id="dialog-title")
            key_for = self.app.key_for
            hint = HINT
            if self.follow_up:
                followed_up = self.entry.learn.feedback.followed_up is not None
                hint = FOLLOWED_UP_HINT if followed_up else FOLLOW_UP_HINT
            hint = hint.format(
                copy=key_for("feedback.copy", "ctrl+y"),
                export=key_for("feedback.export", "ctrl+x"),
                sent=key_for("home.sent", "space"),
                let_go=key_for("home.let_go", "l"),
            )
            if not your_name:
                hint += NAME_HINT
            yield Static(hint, id="dialog-message", markup=False)
            yield LiteralInput(placeholder="Their name, e.g. Priya (optional)", id="contact")
            text = self.draft(self.entry, your_name=your_name)
            yield LiteralTextArea(text, id="request", soft_wrap=True)
        yield Footer()  # its keys: copy, export, close

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#contact", Input))

    @on(Input.Changed, "#contact")
    def readdress(self, event: Input.Changed) -> None:
        """A new name changes the greeting only: words the person wrote in the body stay."""
        area = self.query_one("#request", TextArea)
        lines = area.text.split("\n")
        found = (n for n, line in enumerate(lines) if letters.GREETING.fullmatch(line))
        greeting = next(found, None)
        if greeting is None:
            return  # they rewrote the greeting themselves
        start, end = (greeting, 0), (greeting, len(lines[greeting]))
        area.replace(letters.greeting(event.value), start, end, maintain_selection_offset=False)

    def text(self) -> str:
        return self.query_one("#request", TextArea).text

    def note_asked(self) -> str:
        """Note on the reflection that feedback was asked today, so home can suggest a
        follow-up later. Returns what to add to the notification ("" if already noted)."""
        from recovery_tui.core.actions import WrittenByNewerVersion, set_feedback_asked
        from recovery_tui.core.fsutil import describe_os_error
        from recovery_tui.core.journal import ChangedOnDisk

        app = self.app
        now = app.clock()
        try:
            noted = set_feedback_asked(app.journal, self.path, now.date(), now=now)
        except WrittenByNewerVersion:
            return (
                " It isn't noted as asked: a newer version of recovery-tui wrote this "
                "reflection, so it is left as it is here."
            )
        except (OSError, ValueError, ChangedOnDisk) as error:
            reason = describe_os_error(error) if isinstance(error, OSError) else "it changed"
            return (
                f" It couldn't be noted as asked in {self.path.name} ({reason}); "
                "the file is left as it is."
            )
        if not noted:
            return ""
        app.journal_changed()
        return (
            " Noted as asked today: if no reply comes within "
            f"{app.follow_up_days} days, home suggests a follow-up."
        )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text())
        self.notify(
            "Copied. If your terminal doesn't pass copies on, use ctrl+x to export instead."
            + self.note_asked(),
            markup=False,
        )

    def action_export(self) -> None:
        from recovery_tui.core.export import write_export
        from recovery_tui.core.paths import display_path

        folder = self.app.journal.paths.exports
        try:
            kind = "feedback-follow-up" if self.follow_up else "feedback-request"
            path = write_export(folder, f"{kind}-{self.stem}", ".txt", self.text())
        except OSError as error:
            self.app.tell_failure("Couldn't export it", error, severity="information")
            return
        self.notify(f"Exported to {display_path(path)}." + self.note_asked(), markup=False)
