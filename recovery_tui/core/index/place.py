"""Where the history index lives, and a temporary one when the cache folder can't hold it.
No Textual here.

The index is derived data (see `index`): when its file in the user cache folder can't be
created or written (a folder in its place, a read-only or full cache folder, a file where
the folder should be), nothing in the journal is at risk. `IndexPlace` then switches, once
and for the rest of the run, to an index in a private temporary folder, and says so once
through `on_fallback` with a message for the person. The command line does the same,
quietly.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from recovery_tui.core import fsutil
from recovery_tui.core.paths import display_path

if TYPE_CHECKING:  # the index (and SQLite) load on first use, not with the app
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.insights.pairs import Pair
    from recovery_tui.core.journal import Journal


def _cause(error: BaseException) -> str:
    if isinstance(error, IsADirectoryError):
        return "there is a folder where its file should be"
    if isinstance(error, OSError):
        return fsutil.describe_os_error(error)
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return "it is read-only"
    if "disk" in text and "full" in text:
        return "the disk is full"
    return "it can't be opened or written"


def fallback_message(folder: Path, error: BaseException) -> str:
    """What the person reads when the index moves to a temporary folder."""
    return (
        f"The history index can't be kept in {display_path(folder)} ({_cause(error)}). "
        "Your journal is safe and nothing in it changed. recovery-tui uses a temporary "
        "index for now, so history and search may take a moment longer to open."
    )


class IndexPlace:
    """The history index of one journal: in `preferred`, or in a temporary folder once
    that can't be used. Safe to use from several threads at once."""

    def __init__(
        self,
        preferred: Path,
        journal: Journal,
        on_fallback: Callable[[str], None] | None = None,
    ) -> None:
        self.preferred = Path(preferred)
        self.journal = journal
        self.on_fallback = on_fallback
        self._lock = threading.Lock()
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._path = self.preferred

    @property
    def path(self) -> Path:
        """The index file in use now."""
        return self._path

    @property
    def temporary(self) -> bool:
        return self._temporary is not None

    def open(
        self,
        *,
        refresh: bool = False,
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> Index:
        """The index, opened (and with `refresh`, brought up to date; see `Index.refresh`).
        Close it when done, e.g. ``with place.open() as index:``. If the usual file can't
        be used, a temporary one is, from then on; if that fails too, the error is raised."""
        import sqlite3

        from recovery_tui.core.index.store import Index

        while True:
            path = self._path
            index: Index | None = None
            try:
                index = Index.open(path, self.journal)
                if refresh:
                    index.refresh(progress, stop)
                return index
            except (OSError, sqlite3.Error) as error:  # the index's file, not the journal
                if index is not None:
                    index.close()
                if not self._fall_back(path, error):
                    raise

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        """Bring the index up to date with the files (only changed ones are read)."""
        self.open(refresh=True, progress=progress, stop=stop).close()

    def _fall_back(self, failed: Path, error: BaseException) -> bool:
        """Switch to a temporary index after `failed` couldn't be used; False if there is
        nothing left to switch to (the temporary one failed)."""
        from recovery_tui.core.crypto.memory import holds

        if holds(failed):  # an encrypted journal's index: never moved to a disk folder
            return False
        with self._lock:
            if self._path != failed:
                return True  # another thread switched already: try again there
            if self._temporary is not None:
                return False
            self._temporary = tempfile.TemporaryDirectory(prefix="recovery-tui-index-")
            self._path = Path(self._temporary.name) / "index.sqlite3"
        if self.on_fallback is not None:
            self.on_fallback(fallback_message(failed.parent, error))
        return True

    def close(self) -> None:
        """Remove the temporary index, if there is one (it is also removed at exit)."""
        with self._lock:
            temporary, self._temporary = self._temporary, None
            self._path = self.preferred
        if temporary is not None:
            temporary.cleanup()


@contextlib.contextmanager
def refreshed_index(
    index_file: Path, journal: Any, *, stop: Callable[[], bool] | None = None
) -> Iterator[Index]:
    """The index of `journal`, brought up to date, for one piece of work (a command, a
    benchmark): kept in `index_file`, or in a temporary folder if the cache folder can't
    hold it, removed at the end. Closed when the block ends."""
    place = IndexPlace(index_file, journal)
    try:
        with place.open(refresh=True, stop=stop) as index:
            yield index
    finally:
        place.close()


Answer = TypeVar("Answer")


def summed_up(
    index_file: Path,
    journal: Any,
    from_index: Callable[[Index], Answer],
    from_files: Callable[[list[Pair]], Answer],
    stop: Callable[[], bool] | None = None,
) -> Iterator[Answer]:
    """An answer from the index's sums at once, then a fresh one if refreshing the index
    changed them (or summed the journal up for the first time). If the index can't be used
    (the cache folder is read-only or full), one answer from reading every file instead."""
    import sqlite3

    from recovery_tui.core.index.store import Index

    try:
        with Index.open(index_file, journal) as index:
            with index.reading():
                stamp = index.summary_stamp()
                first = [from_index(index)] if stamp is not None else []
            yield from first
            index.refresh(stop=stop)
            if (stop is None or not stop()) and index.summary_stamp() != stamp:
                with index.reading():
                    answer = from_index(index)
                yield answer
        return
    except (OSError, sqlite3.Error):
        pass
    pairs, _ = journal.read_all()
    yield from_files(pairs)
