"""The unlock screen: an encrypted journal asks for its passphrase (or recovery key) once,
at start. The key is kept in memory only; a wrong passphrase says so and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from recovery_tui.widgets.literal import literal

if TYPE_CHECKING:
    from pathlib import Path

    from recovery_tui.app import RecoveryApp
    from recovery_tui.core.crypto.keys import JournalKey

OPENING = "Opening your journal. This takes a second or two, on purpose."


class UnlockScreen(Screen[None]):
    """Asks for the passphrase; on success hands the key to the app (`journal_unlocked`)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock"):
            yield Label("Your journal is encrypted", id="unlock-title")
            yield Static(
                "Type your passphrase to open it, or your recovery key if you lost the "
                "passphrase. It stays in memory until you quit.",
                id="unlock-message",
            )
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            yield Static("", id="unlock-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#unlock-status", Static).update(literal(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        secret = event.value
        if not secret:
            self._say("Type your passphrase first, then press enter.")
            return
        event.input.disabled = True
        self._say(OPENING)
        self._unlock(secret)

    @work(thread=True, exclusive=True, group="unlock")
    def _unlock(self, secret: str) -> None:
        from recovery_tui.core.crypto import keys

        try:
            key = keys.unlock(self.root, secret)
        except keys.WrongSecret as wrong:
            self.app.call_from_thread(self._refused, f"{str(wrong).capitalize()}. Nothing "
                                      "changed; try again.")  # fmt: skip
            return
        except keys.Locked as locked:
            self.app.call_from_thread(self._refused, f"Your journal can't be opened: {locked}.")
            return
        self.app.call_from_thread(self._opened, key)

    def _refused(self, message: str) -> None:
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self._say(message)

    def _opened(self, key: JournalKey) -> None:
        self.query_one("#passphrase", Input).value = ""
        self._say("Your journal is open.")
        app = cast("RecoveryApp", self.app)
        app.run_worker(app.journal_unlocked(key), group="unlock")
