"""One saved reflection, read as a page. `e` edits it in the same three panels."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from recovery_tui.core.models import Entry
from recovery_tui.core.render import render_markdown
from recovery_tui.core.tomlio import entry_to_data

NEWER_VERSION_NOTICE = (
    "This reflection was written by a newer version of recovery-tui. You can read it here; "
    "to change it, use that newer version so nothing it added is lost."
)

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp


class EntryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("e", "edit", "Edit", priority=True, tooltip="Change it in the same three steps"),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    def __init__(self, entry: Entry, path: Path, fingerprint: str) -> None:
        super().__init__()
        self.entry, self.path, self.fingerprint = entry, path, fingerprint

    @property
    def read_only(self) -> bool:
        return self.entry.is_from_newer_version

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="entry-body"):
            if self.read_only:
                yield Static(NEWER_VERSION_NOTICE, id="read-only-notice", markup=False)
            yield Static(f"entries/{self.path.name}", id="entry-file", markup=False)
            yield Markdown(render_markdown(entry_to_data(self.entry)), id="entry-markdown")
        yield Footer()

    @property
    def recovery(self) -> RecoveryApp:
        return cast("RecoveryApp", self.app)

    def on_mount(self) -> None:
        self.sub_title = "Read only" if self.read_only else ""
        self.set_focus(self.query_one("#entry-body"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and self.read_only:
            return None  # shown greyed out in the footer
        return True

    async def action_edit(self) -> None:
        await self.recovery.edit_entry(self.entry, self.path, self.fingerprint)
