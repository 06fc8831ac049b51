"""The App: wires the screens together. Built by `create_app`, used by the CLI and the tests."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from recovery_tui.core import fsutil
from recovery_tui.core.drafts import DraftStore
from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.index.place import IndexPlace
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, display_path
from recovery_tui.core.settings import (
    LoadedSettings,
    load_settings,
)
from recovery_tui.core.settings_save import SettingsNotSaved, save_settings
from recovery_tui.opening import OpensScreens
from recovery_tui.screens.home import HomeScreen
from recovery_tui.syncing import SyncsJournal
from recovery_tui.textual_private import OwnCrashReport

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from recovery_tui.screens.session import SessionScreen

Start = Literal["home", "new"]


class AppOptions(TypedDict, total=False):
    """What `create_app` passes on to `RecoveryApp` (the tests set these)."""

    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    remember_theme: bool
    scan_delay: float


def palette_commands() -> type[Provider]:
    from recovery_tui.screens.palette import AppCommands

    return AppCommands


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def random_id() -> str:
    from uuid import uuid4

    return uuid4().hex


class RecoveryApp(OwnCrashReport, OpensScreens, SyncsJournal, App[None]):
    """The app. Opening screens is in `recovery_tui.opening`, sync in `recovery_tui.syncing`."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "recovery-tui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {palette_commands}  # the app's own places and actions, nothing of Textual's
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
        Binding("y", "sync", "Sync", id="app.sync", tooltip="Sync with your other machines"),
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
        self.sync_status_signal: Signal[str] = Signal(self, "sync-status")
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

    @property
    def locked(self) -> bool:
        """An encrypted journal whose key isn't in memory yet (the unlock screen shows)."""
        return fsutil.sealed_root(self.journal.paths.entries / "x") is not None and not (
            fsutil.has_codec(self.journal.paths.root)
        )

    def get_default_screen(self) -> Screen[Any]:
        if self.locked:
            from recovery_tui.screens.unlock import UnlockScreen

            return UnlockScreen(self.journal.paths.root)
        return HomeScreen(self.journal, self.drafts, scan_delay=self.scan_delay)

    async def journal_unlocked(self, key: fsutil.Codec) -> None:
        """The unlock screen opened the journal: home, then what start-up left for now."""
        fsutil.set_codec(self.journal.paths.root, key)
        # Over the unlock screen (the first screen can't be switched away); nothing pops home.
        await self.push_screen(HomeScreen(self.journal, self.drafts, scan_delay=self.scan_delay))
        await self._started()

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
            self.tell_failure(
                f"Couldn't open the journal folder {display_path(self.journal.paths.root)}",
                error,
                "You can still write; saving will say if it works.",
                severity="error",
                timeout=20,
            )
        if not self.locked:
            await self._started()

    async def _started(self) -> None:
        self.start_sync()
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
            self.tell_failure("Couldn't remember the theme", error, severity="warning")
            return
        self.settings = replace(self.settings, theme=theme.name)

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kw: Any) -> None:
        """Every notification is literal: what it quotes (a company, a next action, a file
        name, an error about a file) is shown as written, never as markup, with control
        characters made visible. `markup` is ignored; `kw` are severity and timeout."""
        from recovery_tui.widgets.literal import literal_str

        super().notify(literal_str(message), title=literal_str(title), markup=False, **kw)

    def tell_failure(
        self,
        failed: str,
        error: BaseException | str,
        then: str = "",
        *,
        title: str = "",
        severity: SeverityLevel = "warning",
        timeout: float | None = None,
    ) -> None:
        """Tell the person something didn't work: "<failed> (<why>). <then>", where `then`
        says what is safe and what to do. The one way to put an error in a notification:
        an OSError is said in words (`describe_os_error`, e.g. "the disk is full"), any
        other error (or a reason) as it reads. Shown literally, like every notification."""
        why = describe_os_error(error) if isinstance(error, OSError) else str(error)
        message = f"{failed} ({why})." + (f" {then}" if then else "")
        self.notify(message, title=title, severity=severity, timeout=timeout)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sync":  # on home, once sync is on: elsewhere y is a letter you type
            return self.committer is not None and isinstance(self.screen, HomeScreen)
        if action == "command_palette":  # it lists places in the journal: none before it opens
            return not self.locked
        return True

    def key_for(self, binding_id: str, default: str) -> str:
        """The key that does `binding_id` now, as written in hints ("ctrl+s", "n")."""
        from textual.keys import format_key

        return format_key(self.keymap.get(binding_id, default).split(",")[0])

    @property
    def follow_up_days(self) -> int:
        """Days of waiting for feedback before home suggests a follow-up."""
        return self.settings.follow_up_days

    @property
    def stale_days(self) -> int:
        """Days after which a next action steps off home (it stays on the actions list)."""
        return self.settings.stale_days

    def journal_changed(self) -> None:
        """Say that this app changed the journal (saved, deleted, restored, ticked off): every
        screen showing what is in it reads it again, now or when it is shown again."""
        self.journal_changed_signal.publish(None)

    # -- keys, help and quitting ----------------------------------------------------------

    def screen_keys(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(keys of this screen and the app, keys of the focused box), one line per action."""
        from recovery_tui.screens.help import group_keys

        return group_keys(self.active_bindings, self.get_key_display)

    def action_help(self) -> None:
        from recovery_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        name = getattr(self.screen, "HELP_NAME", "") or self.screen.title or "Home"
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
        self.stop_sync()
        self.exit()

    async def on_exit_app(self) -> None:
        """Leaving without quit's question (a browser tab closed, say): keep every draft.

        The session writes its draft every half second; this keeps the words typed since.
        """
        self.stop_sync()  # what is waiting to be committed is committed first
        if self._quit_decided:
            return
        for screen in self.open_sessions():
            if screen.is_mounted:
                with contextlib.suppress(Exception):
                    await screen.settle_typing()
                    screen.keep_draft()

    def before_crash(self) -> None:
        """A crash: keep every draft (then `crash_text` says where it happened, without
        any entry text: Textual's own report prints local variables, which could hold
        what was typed)."""
        for screen in self.open_sessions():
            with contextlib.suppress(Exception):
                screen.keep_draft(force=True)

    def crash_text(self, error: BaseException | None) -> str:
        return crash_report(error)


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


def create_app(
    paths: AppPaths, *, start: Start = "home", **options: Unpack[AppOptions]
) -> RecoveryApp:
    """The one way to build the app, for the command line and the tests alike."""
    return RecoveryApp(paths, start=start, **options)
