"""How the app opens screens: a reflection to write (new, from a draft, to edit), one to read,
a follow-up to send, an export; and what happens when a reflection is done.

Whoever opens a reflection may pass `then`: it gets the `SessionOutcome` (saved, reloaded
or left) once the session screen is gone; the app itself only says "Saved".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from recovery_tui.core.paths import display_path

if TYPE_CHECKING:
    from datetime import datetime

    from textual.app import App

    from recovery_tui.app import RecoveryApp
    from recovery_tui.core.drafts import Draft, DraftStore
    from recovery_tui.core.index.place import IndexPlace
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import Entry
    from recovery_tui.core.session import ResumeNote, Session, SessionOutcome

    #: Called with how a session ended, once its screen is gone.
    SessionEnded = Callable[[SessionOutcome], Awaitable[None]]
    # For the type checker the mixin is an App with RecoveryApp's state (declared below).
    _Base = App[None]
else:
    _Base = object


class OpensScreens(_Base):
    """The RecoveryApp's ways to open screens (a mixin: `self` is the app)."""

    if TYPE_CHECKING:  # what RecoveryApp sets up and these methods use
        journal: Journal
        drafts: DraftStore
        history_index: IndexPlace
        clock: Callable[[], datetime]
        new_id: Callable[[], str]

        def journal_changed(self) -> None: ...

    @property
    def recovery(self) -> RecoveryApp:
        """This app as the RecoveryApp it is mixed into (for its other methods)."""
        return cast("RecoveryApp", self)

    async def open_session(self, session: Session, then: SessionEnded | None = None) -> None:
        """Show `session` on its screen; awaited, so keys typed straight after `n` land in the
        first prompt."""
        from recovery_tui.core.session import Saved
        from recovery_tui.screens.session import SessionScreen

        async def ended(outcome: SessionOutcome | None) -> None:
            if outcome is None:
                return
            if isinstance(outcome, Saved):
                self.journal_changed()
                self.notify(
                    f"Your reflection is safe in entries/{outcome.path.name}",
                    title="Saved",
                    markup=False,
                )
            if then is not None:
                await then(outcome)

        await self.push_screen(SessionScreen(session, index=self.history_index), ended)

    def new_session(
        self,
        *,
        entry: Entry | None = None,
        entry_path: Path | None = None,
        fingerprint: str | None = None,
    ) -> Session:
        """A session on this app's journal: a new reflection, or `entry` to edit."""
        from recovery_tui.core.session import Session

        return Session(
            self.journal, self.drafts, self.clock, self.new_id,
            entry=entry, entry_path=entry_path, fingerprint=fingerprint,
            own_prompts=self.recovery.settings.prompts,
        )  # fmt: skip

    async def new_reflection(self) -> None:
        await self.open_session(self.new_session())

    async def action_new_reflection(self) -> None:
        await self.new_reflection()

    async def edit_entry(
        self,
        entry: Entry,
        path: Path,
        fingerprint: str,
        *,
        then: SessionEnded | None = None,
    ) -> None:
        session = self.new_session(entry=entry, entry_path=path, fingerprint=fingerprint)
        await self.open_session(session, then)

    async def resume_draft(self, draft: Draft) -> None:
        """Open a draft again; if it can't change the file it names, say why (it is then
        saved as a new reflection, see `core.session.resume`)."""
        from recovery_tui.core.session import Unreadable, resume

        session, note = resume(
            self.journal, self.drafts, self.clock, self.new_id, draft,
            own_prompts=self.recovery.settings.prompts,
        )  # fmt: skip
        if isinstance(note, Unreadable) and note.gone:
            self.journal_changed()  # the lists were behind (a delete, a rename, another window)
        if note is not None:
            self.notify(resume_words(note), severity="warning", timeout=10, markup=False)
        await self.open_session(session)

    def _load(self, path: Path) -> tuple[Entry, str] | None:
        from pydantic import ValidationError

        try:
            return self.journal.load(path)
        except FileNotFoundError:
            # The list it was picked from was behind (a delete, a rename, another window).
            self.journal_changed()
            self.notify(
                f"entries/{path.name} isn't in your journal any more; it may have gone to "
                "the trash or been renamed. The lists now show what is there.",
                timeout=10,
                markup=False,
            )
            return None
        except (OSError, ValueError, ValidationError) as error:
            reason = "it could not be read" if isinstance(error, OSError) else "it is damaged"
            self.notify(
                f"Couldn't open {path.name}: {reason}. The file is left exactly as it is.",
                severity="error",
                timeout=10,
                markup=False,
            )
            return None

    async def open_entry(self, path: Path) -> None:
        from recovery_tui.screens.entry import EntryScreen

        loaded = self._load(path)
        if loaded is not None:
            await self.push_screen(EntryScreen(loaded[0], path, loaded[1]))

    async def draft_follow_up(self, path: Path) -> None:
        """The follow-up note for feedback asked and not answered, ready to copy."""
        from recovery_tui.screens.feedback import FeedbackRequestScreen

        loaded = self._load(path)
        if loaded is not None:
            await self.push_screen(FeedbackRequestScreen(loaded[0], path, follow_up=True))

    def export(self, entries: list[Entry], stem: str) -> None:
        """Ask Markdown or JSON, then write the entries into the journal's exports folder."""

        def decided(choice: str | None) -> None:
            if choice not in {"md", "json"}:
                return
            from recovery_tui.core.export import (
                export_json,
                export_markdown,
                plain_note,
                write_export,
            )

            text = export_markdown(entries) if choice == "md" else export_json(entries)
            try:
                path = write_export(self.journal.paths.exports, stem, f".{choice}", text)
            except OSError as error:
                self.recovery.tell_failure(
                    f"Couldn't export to {display_path(self.journal.paths.exports)}",
                    error,
                    "Nothing else changed.",
                    severity="error",
                )
                return
            plain = plain_note(self.journal.paths.root)
            self.notify(f"Exported to {display_path(path)}{plain}", title="Exported", markup=False)

        from recovery_tui.screens.dialogs import ChoiceDialog

        count = "this reflection" if len(entries) == 1 else f"{len(entries):,} reflections"
        self.push_screen(
            ChoiceDialog(
                "Export",
                f"Write {count} to the exports folder of your journal: Markdown to read or "
                "print, JSON to import elsewhere with `recovery-tui import`.",
                [("m", "Markdown", "md"), ("j", "JSON", "json"), ("escape", "Cancel", "cancel")],
            ),
            decided,
        )


def resume_words(note: ResumeNote) -> str:
    """Why a draft picked up again saves as a new reflection, or may have to."""
    from recovery_tui.core.session import NotInEntries, WrittenByNewer

    if isinstance(note, NotInEntries):
        return (
            "The file this draft was changing isn't a reflection in your journal's entries "
            "folder, so it is left alone. Your draft is here, and it will be saved as a new "
            "reflection."
        )
    if isinstance(note, WrittenByNewer):
        return (
            f"A newer version of recovery-tui has since written entries/{note.name}, so this "
            "version leaves it as it is. Your draft is here, and it will be saved as a new "
            "reflection."
        )
    return (
        f"The saved version, {note.name}, can't be read now. Your draft is here; when you "
        "save, you can keep it as a copy."
    )
