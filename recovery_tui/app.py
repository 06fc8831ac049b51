"""The App: wires the screens together. Built by `create_app`, used by the CLI and the tests."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, display_path
from recovery_tui.core.settings import (
    LoadedSettings,
    load_settings,
)
from recovery_tui.core.settings_save import SettingsNotSaved, save_settings
from recovery_tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry
    from recovery_tui.screens.session import SessionOutcome, SessionScreen

Start = Literal["home", "new"]


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def random_id() -> str:
    from uuid import uuid4

    return uuid4().hex


class RecoveryApp(App[None]):
    CSS_PATH = "styles/app.tcss"
    TITLE = "recovery-tui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "f1",
            "help",
            "Keys",
            id="app.help",
            tooltip="Every key on this screen, and what the steps are",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            id="app.quit",
            tooltip="Quit (asks first if unsaved)",
        ),
    ]

    def __init__(
        self,
        paths: AppPaths,
        *,
        start: Start = "home",
        clock: Callable[[], datetime] = local_now,
        new_id: Callable[[], str] = random_id,
        remember_theme: bool = True,
        scan_delay: float = 1.0,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.journal = Journal(paths.journal)
        self.drafts = DraftStore(paths.journal)
        #: The history index: in the cache folder, or a temporary one if that can't be used
        #: (said once, see `_index_moved`).
        self.history_index = IndexPlace(paths.index_file, self.journal, self._index_moved)
        self.start = start
        self.clock, self.new_id = clock, new_id
        self.remember_theme = remember_theme
        self.scan_delay = scan_delay
        #: Set once quit has settled what happens to unsaved writing (kept or discarded).
        self._quit_decided = False
        #: Published by `journal_changed`; every `JournalScreen` listens.
        self.journal_changed_signal: Signal[None] = Signal(self, "journal-changed")
        loaded = load_settings(paths.settings_file)
        self.settings = loaded.settings
        #: Remaps in force: action id -> key (see `recovery_tui.keymap`).
        self.keymap: dict[str, str] = {}
        problems = list(loaded.problems)
        if self.settings.theme or self.settings.keys:
            from recovery_tui.keymap import check_settings

            self.keymap, more = check_settings(self.settings, self.available_themes)
            problems += more
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            if self.keymap:
                self.set_keymap(self.keymap)
        checked = LoadedSettings(loaded.settings, problems, loaded.failure, loaded.salvaged)
        #: One message for everything in the settings file that can't be used, or None
        #: (`recovery-tui locate` prints the same; F1 shows it at the end).
        self.settings_message = checked.message(paths.settings_file)
        #: The start-up notification: short, so a toast at 80x24 shows all of it.
        self.settings_notice = checked.notice(paths.settings_file, self.key_for("app.help", "f1"))

    def get_default_screen(self) -> Screen:
        return HomeScreen(self.journal, self.drafts, scan_delay=self.scan_delay)

    async def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings_notice:
            self.notify(
                self.settings_notice, title="Settings", severity="warning", timeout=20,
                markup=False,
            )  # fmt: skip
        for note in self.paths.notes:  # a folder in the environment that can't be used
            self.notify(note, title="Folders", severity="warning", timeout=20, markup=False)
        try:
            self.journal.ensure()
        except OSError as error:
            self.notify(
                f"Couldn't open the journal folder {display_path(self.journal.paths.root)} "
                f"({describe_os_error(error)}). You can still write; saving will say if it "
                "works.",
                severity="error",
                timeout=20,
                markup=False,
            )
        if self.start == "new":
            await self.new_reflection()

    def _index_moved(self, message: str) -> None:
        """The index had to move to a temporary folder (called once, from any thread)."""
        self.notify(message, title="History index", timeout=20, markup=False)

    def _remember_theme(self, theme: Theme) -> None:
        if not self.remember_theme or theme.name == self.settings.theme:
            return
        try:
            save_settings(self.paths.settings_file, theme=theme.name)
        except SettingsNotSaved as refusal:
            self.notify(
                f"Couldn't remember the theme: {refusal}. Your file is left as it is; fix it "
                "and choose the theme again to keep it.",
                severity="warning",
                timeout=15,
                markup=False,
            )
            return
        except OSError as error:
            self.notify(
                f"Couldn't remember the theme ({describe_os_error(error)}).",
                severity="warning",
                markup=False,
            )
            return
        self.settings = replace(self.settings, theme=theme.name)

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kw: Any) -> None:
        """Every notification is literal: what it quotes (a company, a next action, a file
        name, an error about a file) is shown as written, never as markup, with control
        characters made visible. `markup` is ignored; `kw` are severity and timeout."""
        from recovery_tui.widgets.literal import literal_str

        super().notify(literal_str(message), title=literal_str(title), markup=False, **kw)

    def key_for(self, binding_id: str, default: str) -> str:
        """The key that does `binding_id` now, as written in hints ("ctrl+s", "n")."""
        from textual.keys import format_key

        return format_key(self.keymap.get(binding_id, default).split(",")[0])

    def journal_changed(self) -> None:
        """Say that this app changed the journal (saved, deleted, restored, ticked off): every
        screen showing what is in it reads it again, now or when it is shown again."""
        self.journal_changed_signal.publish(None)

    # -- opening screens ------------------------------------------------------------------

    def _session(self, **kwargs: Any) -> SessionScreen:
        from recovery_tui.screens.session import SessionScreen

        return SessionScreen(
            self.journal,
            self.drafts,
            self.clock,
            self.new_id,
            index=self.history_index,
            **kwargs,
        )

    async def _after_session(self, outcome: SessionOutcome | None) -> None:
        from recovery_tui.screens.entry import EntryScreen

        if outcome is None:
            return
        if outcome.saved is not None:
            self.journal_changed()
            self.notify(
                f"Your reflection is safe in entries/{outcome.saved.name}",
                title="Saved",
                markup=False,
            )
        shown = outcome.saved or outcome.reload
        if shown is not None and isinstance(self.screen, EntryScreen):
            await self.pop_screen()  # the view of the old version
            await self.open_entry(shown)

    async def new_reflection(self) -> None:
        # Awaited, so keys typed straight after `n` land in the first prompt.
        await self.push_screen(self._session(), self._after_session)

    async def action_new_reflection(self) -> None:
        await self.new_reflection()

    async def resume_draft(self, draft: Draft) -> None:
        """Open a draft again. One that changes a saved reflection edits that file only if it
        is a plain file inside entries/ that this version may change; otherwise the draft is
        saved as a new reflection and nothing else is touched."""
        entry: Entry | None = None
        path: Path | None = None
        if draft.editing:
            path = self.journal.entry_path(draft.editing)
            loaded = None if path is None else self._load(path, quiet=True)
            if path is None:
                self.notify(
                    "The file this draft was changing isn't a reflection in your journal's "
                    "entries folder, so it is left alone. Your draft is here, and it will be "
                    "saved as a new reflection.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            elif loaded is not None and loaded[0].is_from_newer_version:
                self.notify(
                    f"A newer version of recovery-tui has since written entries/{path.name}, "
                    "so this version leaves it as it is. Your draft is here, and it will be "
                    "saved as a new reflection.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
                path = None
            elif loaded is None:
                self.notify(
                    f"The saved version, {path.name}, can't be read now. Your draft is "
                    "here; when you save, you can keep it as a copy.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            else:
                entry = loaded[0]
            if path is None:  # a new reflection: with an id of its own
                draft = replace(draft, editing=None, base_fingerprint=None, entry_id=self.new_id())
        await self.push_screen(
            self._session(entry=entry, entry_path=path, draft=draft), self._after_session
        )

    def _load(self, path: Path, *, quiet: bool = False) -> tuple[Entry, str] | None:
        from pydantic import ValidationError

        try:
            return self.journal.load(path)
        except FileNotFoundError:
            # The list it was picked from was behind (a delete, a rename, another window).
            self.journal_changed()
            if not quiet:
                self.notify(
                    f"entries/{path.name} isn't in your journal any more; it may have gone to "
                    "the trash or been renamed. The lists now show what is there.",
                    timeout=10,
                    markup=False,
                )
            return None
        except (OSError, ValueError, ValidationError) as error:
            if not quiet:
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

    @property
    def follow_up_days(self) -> int:
        """Days of waiting for feedback before home suggests a follow-up."""
        return self.settings.follow_up_days

    async def draft_follow_up(self, path: Path) -> None:
        """The follow-up note for feedback asked and not answered, ready to copy."""
        from recovery_tui.screens.feedback import FeedbackRequestScreen

        loaded = self._load(path)
        if loaded is not None:
            await self.push_screen(FeedbackRequestScreen(loaded[0], path, follow_up=True))

    async def edit_entry(self, entry: Entry, path: Path, fingerprint: str) -> None:
        await self.push_screen(
            self._session(entry=entry, entry_path=path, fingerprint=fingerprint),
            self._after_session,
        )

    def export(self, entries: list[Entry], stem: str) -> None:
        """Ask Markdown or JSON, then write the entries into the journal's exports folder."""

        def decided(choice: str | None) -> None:
            if choice not in {"md", "json"}:
                return
            from recovery_tui.core.export import export_json, export_markdown, write_export

            text = export_markdown(entries) if choice == "md" else export_json(entries)
            try:
                path = write_export(self.journal.paths.exports, stem, f".{choice}", text)
            except OSError as error:
                self.notify(
                    f"Couldn't export to {display_path(self.journal.paths.exports)} "
                    f"({describe_os_error(error)}). Nothing else changed.",
                    severity="error",
                    markup=False,
                )
                return
            self.notify(f"Exported to {display_path(path)}", title="Exported", markup=False)

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

    # -- keys, help and quitting ----------------------------------------------------------

    def screen_keys(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(keys of this screen and the app, keys of the focused box), one line per action."""
        from recovery_tui.screens.help import group_keys

        return group_keys(self.active_bindings, self.get_key_display)

    def action_help(self) -> None:
        from recovery_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        name = getattr(self.screen, "HELP_NAME", "") or self.screen.sub_title or "Home"
        own, widget = self.screen_keys()
        self.push_screen(HelpScreen(name, own, widget, settings=self.settings_message))

    def open_sessions(self) -> list[SessionScreen]:
        """Reflections open in this app, oldest first. The session module (and pydantic with
        it) is loaded only once a reflection was opened, so quitting from home stays quick."""
        module = sys.modules.get("recovery_tui.screens.session")
        if module is None:
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, module.SessionScreen)]

    async def unsaved_session(self) -> SessionScreen | None:
        for screen in reversed(self.open_sessions()):
            await screen.settle_typing()
            if screen.has_unsaved_work():
                return screen
        return None

    async def action_quit(self) -> None:
        session = await self.unsaved_session()
        if session is None:
            self._quit_after_deciding()
            return
        session.ask_keep_or_discard(
            "Quit with unsaved writing?",
            "Your reflection isn't saved yet. It can wait for you as a draft.",
            ("Keep draft and quit", "Discard and quit"),
            then=self._quit_after_deciding,
        )

    def _quit_after_deciding(self) -> None:
        self._quit_decided = True
        self.exit()

    async def on_exit_app(self) -> None:
        """Leaving without quit's question (a browser tab closed, say): keep every draft.

        The session writes its draft every half second; this keeps the words typed since.
        """
        if self._quit_decided:
            return
        for screen in self.open_sessions():
            if screen.is_mounted:
                with contextlib.suppress(Exception):
                    await screen.settle_typing()
                    screen.keep_draft()

    def _fatal_error(self) -> None:
        """A crash: keep every draft, and show where it happened without any entry text.

        Textual's own report prints local variables, which could hold what was typed.
        """
        for screen in self.open_sessions():
            with contextlib.suppress(Exception):
                screen.keep_draft(force=True)
        self.bell()
        self._exit_renderables.append(Text(crash_report(self._exception)))
        self._close_messages_no_wait()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New reflection", "Start writing about a new no", self.new_reflection)
        yield SystemCommand("Keys and help", "Every key on this screen", self.action_help)
        yield from super().get_system_commands(screen)


def crash_report(error: BaseException | None) -> str:
    """The kind of error and where it happened; never its message, which may quote text."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__) if error else []
    where = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    kind = type(error).__name__ if error else "Unknown error"
    return (
        "recovery-tui stopped because of a bug. Your journal files are untouched, and what you\n"
        "were writing was kept as a draft: press r on the home screen to pick it up again.\n\n"
        f"If you report it, this is what helps (it holds none of your writing):\n{kind}\n{where}\n"
    )


def create_app(paths: AppPaths, *, start: Start = "home", **options: object) -> RecoveryApp:
    """The one way to build the app, for the command line and the tests alike."""
    return RecoveryApp(paths, start=start, **options)  # type: ignore[arg-type]
