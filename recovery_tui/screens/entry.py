"""One saved reflection, read as a page. `e` edits it in the same three panels."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from recovery_tui.core.models import Entry
from recovery_tui.core.render import render_markdown
from recovery_tui.core.session import Reloaded, Saved, SessionOutcome
from recovery_tui.core.tomlio import entry_to_data
from recovery_tui.core.trash import move_to_trash
from recovery_tui.screens.base import JournalScreen, essential_keys
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.widgets.literal import literal, literal_str, markdown_parser

NEWER_VERSION_NOTICE = (
    "This reflection was written by a newer version of recovery-tui. You can read it here; "
    "to change it, use that newer version so nothing it added is lost."
)


def entry_title(entry: Entry) -> str:
    """What the header says: the company and the date, as written ("Northwind Labs ·
    2026-11-24"); the header shows it literally, on one line."""
    when = entry.about.news_date or entry.created.date()
    return literal_str(f"{entry.about.company} · {when.isoformat()}", one_line=True)


class EntryScreen(JournalScreen[None]):
    HELP_NAME = "A saved reflection"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="entry.back"),
        Binding(
            "e",
            "edit",
            "Edit",
            priority=True,
            id="entry.edit",
            tooltip="Change it in the same three steps",
        ),
        *essential_keys(),  # Quit and Keys still show at 60 columns
        Binding(
            "d",
            "delete",
            "Delete",
            priority=True,
            id="entry.delete",
            tooltip="Move it to the trash (asks)",
        ),
        Binding(
            "x",
            "export",
            "Export",
            priority=True,
            id="entry.export",
            tooltip="Export it as Markdown or JSON",
        ),
        Binding(
            "a",
            "ask",
            "Ask feedback",
            priority=True,
            id="entry.ask",
            tooltip="Draft a feedback request",
        ),
        Binding(
            "v",
            "versions",
            "Versions",
            id="entry.versions",
            tooltip="Earlier versions of it, from sync's history",
        ),
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
            yield Static(literal(f"entries/{self.path.name}"), id="entry-file")
            yield Markdown(
                literal_str(render_markdown(entry_to_data(self.entry))),
                id="entry-markdown",
                parser_factory=markdown_parser,
            )
        yield Footer(compact=True)  # five keys of its own: they must fit in 80 columns

    def on_mount(self) -> None:
        self.title = entry_title(self.entry)
        self.sub_title = "Read only" if self.read_only else ""
        self.set_focus(self.query_one("#entry-body"))

    def read_journal_again(self) -> None:
        """Show the file as it is now, if this app changed it (feedback noted as asked, say)."""
        try:
            entry, fingerprint = self.recovery.journal.load(self.path)
        except (OSError, ValueError):  # gone (deleted: this screen is closing) or unreadable
            return
        if fingerprint != self.fingerprint:
            self.entry, self.fingerprint = entry, fingerprint
            self.title = entry_title(entry)
            markdown = render_markdown(entry_to_data(entry))
            self.query_one("#entry-markdown", Markdown).update(markdown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and self.read_only:
            return None  # shown greyed out in the footer
        if action == "versions":  # only where sync keeps a history
            return self.recovery.committer is not None
        return True

    def action_versions(self) -> None:
        from recovery_tui.screens.versions import VersionsScreen

        self.app.push_screen(VersionsScreen(self.path))

    def action_ask(self) -> None:
        from recovery_tui.core.insights.follow_ups import follow_ups
        from recovery_tui.screens.feedback import FeedbackRequestScreen

        # Asked and still waiting after the usual delay: a gentle follow-up instead.
        today = self.recovery.clock().date()
        waiting = follow_ups([(self.path, self.entry)], today, self.recovery.follow_up_days)
        screen = FeedbackRequestScreen(self.entry, self.path, follow_up=bool(waiting))
        self.app.push_screen(screen)

    def action_export(self) -> None:
        self.recovery.export([self.entry], self.path.stem)

    def action_delete(self) -> None:
        def decided(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                move_to_trash(self.recovery.journal.paths, self.path)
            except OSError as error:
                self.recovery.tell_failure(
                    "Couldn't move it to the trash", error, "Nothing was changed."
                )
                return
            self.notify(
                "Moved to the trash folder. Press t on the home screen to bring it back.",
                markup=False,
            )
            self.dismiss(None)
            self.recovery.journal_changed()

        self.app.push_screen(
            ChoiceDialog(
                "Delete this reflection?",
                f"entries/{self.path.name} goes to the trash folder in your journal. "
                "You can bring it back from there.",
                [("d", "Delete", "delete"), ("escape", "Keep it", "keep")],
            ),
            decided,
        )

    async def action_edit(self) -> None:
        await self.recovery.edit_entry(
            self.entry, self.path, self.fingerprint, then=self.show_what_is_saved
        )

    async def show_what_is_saved(self, outcome: SessionOutcome) -> None:
        """After editing: this page of the old version gives way to the file as it is now
        (mine, saved in place or as a copy, or theirs, reloaded)."""
        if isinstance(outcome, Saved | Reloaded) and self.app.screen is self:
            await self.app.pop_screen()
            await self.recovery.open_entry(outcome.path)
