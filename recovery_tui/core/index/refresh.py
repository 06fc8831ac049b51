"""Bringing the index up to date with ``entries/``. No Textual here.

`Refreshing.refresh` re-reads only the files whose name, size or modification time changed
since the last refresh, so files edited by hand, by a sync tool or by another running window
show up at the next refresh. Refreshes are serialised by a lock; a refresh that changed
something sums the journal up again (`summary.rebuild_summary`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recovery_tui.core.index.connections import IndexConnections
from recovery_tui.core.index.entry_files import Stamp, read_entry_file, scan_entries
from recovery_tui.core.index.extract import LABELS, SEP, Extract
from recovery_tui.core.index.schema import SUMMARY_STALE, is_corrupt
from recovery_tui.core.index.search import unmark
from recovery_tui.core.index.summary import rebuild_summary
from recovery_tui.core.prompts import Stage
from recovery_tui.core.textkey import question_key

#: Files parsed per transaction: rows appear in batches while a first build runs.
BATCH = 500


_STAGE_ORDER = {stage.value: number for number, stage in enumerate(Stage)}


@dataclass(frozen=True)
class RefreshStats:
    added: int
    updated: int
    removed: int
    unchanged: int
    failed: int
    seconds: float


class Refreshing(IndexConnections):
    """Reading changed files into the index (see `Index`)."""

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> RefreshStats:
        """Bring the index up to date with ``entries/``; re-read only changed files.

        `progress(done, total)` is called as changed files are read (total = files to read).
        `stop()` is asked between files; a stopped refresh keeps what it finished and the
        next refresh carries on. Safe to call from a worker thread; refreshes take turns.
        """
        with self._refresh_lock:
            if self._needs_reset or not self.db_path.exists():
                self._needs_reset = False
                self._delete_files()
                self._prepare()
            try:
                return self._refresh(progress, stop)
            except sqlite3.DatabaseError as error:
                if not is_corrupt(error):
                    raise
            self._delete_files()
            self._prepare()
            return self._refresh(progress, stop)

    def _refresh(
        self,
        progress: Callable[[int, int], None] | None,
        stop: Callable[[], bool] | None,
    ) -> RefreshStats:
        # A connection of its own, closed at the end: workers may run in a new thread each
        # time, and a thread-local connection would stay open until the thread is collected.
        connection = self._open_connection()
        try:
            return self._refresh_with(connection, progress, stop)
        finally:
            with contextlib.suppress(sqlite3.Error):
                connection.close()

    def _refresh_with(
        self,
        connection: sqlite3.Connection,
        progress: Callable[[int, int], None] | None,
        stop: Callable[[], bool] | None,
    ) -> RefreshStats:
        started = time.perf_counter()
        folder = Path(self.journal.paths.entries)
        known = {
            name: (size, mtime)
            for name, size, mtime in connection.execute("SELECT name, size, mtime_ns FROM files")
        }
        # A first build reads every file anyway: the stamps come from reading them.
        on_disk = scan_entries(folder, stamps=bool(known))
        removed = [name for name in known if name not in on_disk]
        changed = sorted(
            (name for name, stamp in on_disk.items() if stamp is None or known.get(name) != stamp),
            reverse=True,
        )
        unchanged = len(on_disk) - len(changed)
        if removed:
            self._write(connection, removed, [])
        added = updated = failed = 0
        total = len(changed)
        done = 0
        if progress is not None:
            progress(0, total)
        stopped = False
        for start in range(0, total, BATCH):
            batch = changed[start : start + BATCH]
            parsed: list[tuple[str, Stamp, Extract | None]] = []
            gone: list[str] = []
            for name in batch:
                if stop is not None and stop():
                    stopped = True
                    break
                try:
                    stamp, found = read_entry_file(os.path.join(folder, name))
                except FileNotFoundError:
                    gone.append(name)
                    continue
                except OSError:  # read again at the next refresh (0, 0 never matches)
                    stamp, found = on_disk[name] or (0, 0), None
                parsed.append((name, stamp, found))
                done += 1
                if progress is not None and done % 100 == 0:
                    progress(done, total)
            forget = [*gone, *(name for name, _, _ in parsed if name in known)]
            self._write(connection, forget, parsed)
            removed.extend(name for name in gone if name in known)
            for name, _, found in parsed:
                if found is None:
                    failed += 1
                elif name in known:
                    updated += 1
                else:
                    added += 1
            if stopped:
                break
        if progress is not None and total:
            progress(done, total)
        if not stopped:  # (a stopped refresh leaves it to the next one: quitting is quick)
            self._summarise(connection)
        return RefreshStats(
            added, updated, len(removed), unchanged, failed, time.perf_counter() - started
        )

    def _write(
        self,
        connection: sqlite3.Connection,
        forget: list[str],
        parsed: list[tuple[str, Stamp, Extract | None]],
    ) -> None:
        """One transaction: drop what is known of `forget`, then store `parsed`."""
        try:
            self._write_once(connection, forget, parsed)
        except sqlite3.IntegrityError:
            # Another window or thread stored some of these files since this refresh began:
            # what was just read replaces what it stored.
            self._write_once(connection, [*forget, *(name for name, _, _ in parsed)], parsed)

    def _write_once(
        self,
        connection: sqlite3.Connection,
        forget: list[str],
        parsed: list[tuple[str, Stamp, Extract | None]],
    ) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            names = [(name,) for name in forget]
            if names:
                self._forget(connection, names)
            next_row = connection.execute("SELECT coalesce(max(rowid), 0) FROM entries")
            row_id = next_row.fetchone()[0]
            files, entries, fts = [], [], []
            actions: list[tuple[Any, ...]] = []
            reuse: list[tuple[Any, ...]] = []
            for name, (size, mtime), found in parsed:
                files.append((name, size, mtime, found is not None))
                if found is None:
                    continue
                row_id += 1
                entries.append(_entry_values(row_id, name, found))
                actions.extend((name, *action) for action in found.actions)
                reuse.extend(
                    (name, kind, position, text, question_key(text), detail)
                    for kind, position, text, detail in found.reusables
                )
                words = (found.company, found.role, ", ".join(found.tags), found.body)
                fts.append((row_id, *map(unmark, words)))
            connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", files)
            connection.executemany(
                f"INSERT INTO entries VALUES ({', '.join('?' * 25)})",
                entries,
            )
            connection.executemany(
                "INSERT INTO fts(rowid, company, role, tags, body) VALUES (?, ?, ?, ?, ?)", fts
            )
            connection.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?)", actions)
            connection.executemany("INSERT INTO reuse VALUES (?, ?, ?, ?, ?, ?)", reuse)
            connection.execute(SUMMARY_STALE)
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    @staticmethod
    def _summarise(connection: sqlite3.Connection) -> None:
        """Sum the journal up again if entries changed since it was last summed up."""
        found = connection.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
        if found and found[0] == "current":
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            rebuild_summary(connection)
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('summary', 'current')")
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    @staticmethod
    def _forget(connection: sqlite3.Connection, names: list[tuple[str]]) -> None:
        connection.executemany(
            "DELETE FROM fts WHERE rowid = (SELECT rowid FROM entries WHERE name = ?)", names
        )
        connection.executemany("DELETE FROM entries WHERE name = ?", names)
        connection.executemany("DELETE FROM actions WHERE name = ?", names)
        connection.executemany("DELETE FROM reuse WHERE name = ?", names)
        connection.executemany("DELETE FROM files WHERE name = ?", names)


def _entry_values(row_id: int, name: str, found: Extract) -> tuple[Any, ...]:
    stage_label = LABELS.get(found.stage, "") if found.stage else ""
    haystack = SEP.join([found.company, found.role, *found.tags, stage_label]).casefold()
    return (
        row_id,
        name,
        found.id,
        found.date,
        found.created,
        found.updated,
        found.company,
        found.role,
        found.stage,
        found.channel,
        SEP.join(found.tags),
        SEP + SEP.join(tag.casefold() for tag in found.tags) + SEP,
        found.sting_before,
        found.sting_after,
        found.company.casefold(),
        found.role.casefold(),
        _STAGE_ORDER.get(found.stage) if found.stage else None,
        haystack,
        found.feedback_status,
        found.feedback_date,
        found.followed_up,
        found.let_go,
        found.facts is not None,
        found.created_us,
        found.facts,
    )
