"""Every change a commit, off the typing path: a background thread takes each change the
writers note (`hook.note`) and commits it, after the durable write already happened. A
commit that fails is kept and tried again later; until then it is "not committed yet"."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from recovery_tui.core.sync import git, repo

RETRY_SECONDS = 30.0


class Committer:
    """One background thread per journal folder. `on_change` is called (from that thread)
    whenever `pending` or `problem` change."""

    def __init__(
        self,
        root: Path,
        on_change: Callable[[], None] | None = None,
        *,
        retry: float = RETRY_SECONDS,
    ) -> None:
        self.root = Path(root)
        self.on_change = on_change
        self.retry = retry
        self._queue: queue.Queue[tuple[str, tuple[str, ...]] | None] = queue.Queue()
        self._failed: list[tuple[str, tuple[str, ...]]] = []
        self._busy = 0
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None
        #: Why the last commit didn't work, or None.
        self.problem: str | None = None

    @property
    def pending(self) -> int:
        """Changes saved but not committed yet (waiting, being committed, or failed)."""
        return self._busy + len(self._failed)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="recovery-tui-commit", daemon=True
            )
            self._thread.start()

    def note(self, action: str, paths: tuple[str, ...]) -> None:
        with self._idle:
            self._busy += 1
        self._queue.put((action, paths))

    def stop(self, wait: float = 5.0) -> None:
        """Commit what is waiting (for at most `wait` seconds), then stop."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(wait)
        self._thread = None

    def flush(self, wait: float = 10.0) -> bool:
        """Wait until nothing is waiting to be tried; True if all of it is committed."""
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, wait)
        return self.pending == 0

    def retry_now(self) -> None:
        self._queue.put(("", ()))

    def _run(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=self.retry if self._failed else None)
            except queue.Empty:
                item = ("", ())
            if item is None:
                self._commit_failed()
                return
            if item[0]:
                self._commit(item)
            else:
                self._commit_failed()

    def _commit_failed(self) -> None:
        failed, self._failed = self._failed, []
        for item in failed:
            with self._idle:
                self._busy += 1
            self._commit(item)

    def _commit(self, item: tuple[str, tuple[str, ...]]) -> None:
        action, paths = item
        names = ", ".join(paths)
        try:
            with repo.repo_lock(self.root):
                repo.commit_all(self.root, f"{action}: {names}" if names else action, paths)
        except (git.GitFailed, git.GitMissing, OSError) as error:
            self._failed.append(item)
            self.problem = str(error)
        else:
            if not self._failed:
                self.problem = None
        with self._idle:
            self._busy -= 1
            self._idle.notify_all()
        if self.on_change is not None:
            self.on_change()
