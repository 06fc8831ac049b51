"""Sync in the app: the committer that makes every change a commit (off the typing path),
the sync key, the optional automatic sync (on start, and a while after saves, throttled),
and the quiet line home shows (`widgets.sync_status`). The git work is in `core.sync`."""

from __future__ import annotations

import contextlib
import time
from datetime import datetime
from typing import TYPE_CHECKING, cast

from recovery_tui.core.sync import hook

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal
    from textual.timer import Timer

    from recovery_tui.app import RecoveryApp
    from recovery_tui.core.sync.committer import Committer
    from recovery_tui.core.sync.engine import SyncResult

    _Base = App[None]
else:
    _Base = object

#: Automatic sync: this long after a save, and never more often than every MIN_GAP.
AFTER_SAVE_SECONDS = 60.0
MIN_GAP_SECONDS = 120.0
NOT_ON = (
    "Sync isn't turned on for this journal. To keep it on every machine, run "
    "'recovery-tui sync init REMOTE' in a terminal (see the README)."
)


class SyncsJournal(_Base):
    """The RecoveryApp's sync (a mixin: `self` is the app)."""

    if TYPE_CHECKING:
        #: Published with `sync_line` whenever it changes (made in RecoveryApp.__init__).
        sync_status_signal: Signal[str]

    committer: Committer | None = None
    #: What home's status line says ("" when sync isn't on).
    sync_line: str = ""
    _syncing = False
    _last_sync = 0.0
    _synced_at: datetime | None = None
    _sync_problem: str | None = None
    _auto_timer: Timer | None = None

    @property
    def _app(self) -> RecoveryApp:
        return cast("RecoveryApp", self)

    def start_sync(self) -> None:
        """Start committing changes if this journal syncs (called once, on mount)."""
        from recovery_tui.core.sync import git, repo

        root = self._app.journal.paths.root
        if not repo.is_repo(root) or git.git_path() is None:
            return
        from recovery_tui.core.sync.committer import Committer

        self.committer = Committer(root, on_change=self._committed)
        self.committer.start()
        hook.register(root, self.committer)
        self._show_sync_state()
        if self._app.settings.auto_sync:
            self.run_sync(quiet=True)

    def stop_sync(self) -> None:
        if self.committer is not None:
            hook.unregister(self._app.journal.paths.root, self.committer)
            self.committer.stop()
            self.committer = None

    def _committed(self) -> None:
        """From the committer's thread: a change was committed (or couldn't be)."""
        with contextlib.suppress(RuntimeError):  # the app has stopped meanwhile
            self.call_from_thread(self._after_commit)

    def _after_commit(self) -> None:
        self._show_sync_state()
        if self._app.settings.auto_sync and self._auto_timer is None:
            wait = max(AFTER_SAVE_SECONDS, MIN_GAP_SECONDS - (time.monotonic() - self._last_sync))
            self._auto_timer = self.set_timer(wait, self._auto_sync)

    def _auto_sync(self) -> None:
        self._auto_timer = None
        self.run_sync(quiet=True)

    def action_sync(self) -> None:
        from recovery_tui.core.sync import git, repo

        if git.git_path() is None:
            self.notify(git.INSTALL_HINT, title="Sync", severity="warning", timeout=15)
            return
        if not repo.is_repo(self._app.journal.paths.root):
            self.notify(NOT_ON, title="Sync", timeout=15)
            return
        self.run_sync(quiet=False)

    def run_sync(self, *, quiet: bool) -> None:
        if self._syncing:
            return
        self._syncing = True
        self._show_sync_state()
        self.run_worker(lambda: self._sync_now(quiet), thread=True, group="sync")

    def _sync_now(self, quiet: bool) -> None:
        from recovery_tui.core.sync import engine, git

        root = self._app.journal.paths.root
        result: SyncResult | None = None
        problem: str | None = None
        try:
            result = engine.sync(root)
        except engine.Unreachable as why:
            problem = f"couldn't reach the other machines ({why})"
        except engine.NotSetUp as why:
            problem = str(why).rstrip(".").lower()
        except (git.GitFailed, git.GitMissing, OSError) as error:
            problem = str(error)
        self.call_from_thread(self._synced, result, problem, quiet)

    def _synced(self, result: SyncResult | None, problem: str | None, quiet: bool) -> None:
        self._syncing = False
        self._last_sync = time.monotonic()
        self._sync_problem = problem
        if result is not None:
            self._synced_at = self._app.clock()
            if result.changed:
                self._app.journal_changed()
            if result.conflicts:
                count = len(result.conflicts)
                self.notify(
                    f"{count} reflection{'s' if count != 1 else ''} changed in the same place "
                    "on two machines. Both versions are kept: press f on home to choose.",
                    title="Sync",
                    timeout=15,
                )
            elif not quiet:
                self.notify("Synced with your other machines.", title="Sync")
        elif not quiet:
            self.notify(
                f"Not synced: {problem}. Your journal keeps working here; nothing was lost.",
                title="Sync",
                severity="warning",
                timeout=15,
            )
        self._show_sync_state()

    def _show_sync_state(self) -> None:
        self.sync_line = self._sync_text()
        self.sync_status_signal.publish(self.sync_line)

    def _sync_text(self) -> str:
        if self.committer is None:
            return ""
        pending = self.committer.pending
        waiting = (
            f" {pending} change{'s' if pending != 1 else ''} not committed yet."
            if (pending and self.committer.problem)
            else ""
        )
        if self._syncing:
            return "Syncing…" + waiting
        if self._sync_problem:
            return f"Not synced: {self._sync_problem}." + waiting
        if self._synced_at is not None:
            return f"Synced at {self._synced_at:%H:%M}." + waiting
        return "Sync is on; press y to sync." + waiting
