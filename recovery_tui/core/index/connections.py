"""The index file, made private, and its SQLite connections. No Textual here.

Threads: the index opens one SQLite connection per thread (WAL mode, so a query never waits
for a refresh running in a worker). A damaged index, or one made by another version of this
package or for another journal folder, is deleted and built again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Self

from recovery_tui.core import fsutil
from recovery_tui.core.index.schema import INDEX_VERSION, SCHEMA, is_corrupt


class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced (the plain one can't)."""


class IndexConnections:
    """Opening the index file and querying it; the base of every part of `Index`."""

    def __init__(self, db_path: Path, journal: Any) -> None:
        self.db_path = db_path
        self.journal = journal
        self._local = threading.local()
        self._generation = 0
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._connections_lock = threading.Lock()
        self._refresh_lock = threading.RLock()
        self._needs_reset = False

    @classmethod
    def open(cls, db_path: Path, journal: Any) -> Self:
        """Open (or create) the index file for `journal`. A damaged index, or one with
        another version or for another folder, is deleted and started again."""
        index = cls(Path(db_path), journal)
        with index._refresh_lock:
            index._prepare()
        return index

    def _prepare(self) -> None:
        fsutil.ensure_private_dir(self.db_path.parent)
        for _ in range(2):
            try:
                self._create_private_file()
                connection = self._connection()
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    if tables[0] == 0:
                        self._create_schema(connection)
                        return
                if version == INDEX_VERSION:
                    found = connection.execute(
                        "SELECT value FROM meta WHERE key = 'journal'"
                    ).fetchone()
                    if found and found[0] == self._journal_key():
                        connection.execute("SELECT count(*) FROM files").fetchone()
                        return
            except sqlite3.DatabaseError as error:
                if not is_corrupt(error) and "no such table" not in str(error):
                    raise
            self._delete_files()
        raise sqlite3.DatabaseError(f"couldn't create the index at {self.db_path}")

    def _journal_key(self) -> str:
        return str(Path(self.journal.paths.root).absolute())

    def _create_private_file(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)  # a FIFO can't hang it
        fd = os.open(self.db_path, flags, fsutil.FILE_MODE)
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):  # SQLite would wait forever reading a FIFO
                raise fsutil.NotAFile(errno.EINVAL, "Not a regular file", str(self.db_path))
            if stat.S_IMODE(mode) != fsutil.FILE_MODE:
                os.fchmod(fd, fsutil.FILE_MODE)
        finally:
            os.close(fd)

    def _create_schema(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == INDEX_VERSION:
                connection.execute("COMMIT")  # another window made it first
                return
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(
                "INSERT INTO meta(key, value) VALUES ('journal', ?)", (self._journal_key(),)
            )
            connection.execute(f"PRAGMA user_version = {INDEX_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    def _delete_files(self) -> None:
        """Forget every connection and delete the index file (and its WAL and shm)."""
        self._generation += 1
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.db_path}{suffix}")

    def _open_connection(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.db_path,
            timeout=10.0,
            isolation_level=None,
            check_same_thread=False,
            factory=_Connection,
        )
        # Derived data: no fsync (set first: switching to WAL would sync otherwise). A crash
        # can at worst lose the last refresh or damage the file; a damaged file is deleted
        # and built again.
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA temp_store = MEMORY")
        with self._connections_lock:
            self._connections.add(connection)
        return connection

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection for queries (opened on first use and after a reset;
        closed when the thread ends or at `close`)."""
        local = self._local
        old: sqlite3.Connection | None = getattr(local, "connection", None)
        if getattr(local, "generation", None) == self._generation and old:
            return old
        if old is not None:
            with contextlib.suppress(sqlite3.Error):
                old.close()
        connection = local.connection = self._open_connection()
        local.generation = self._generation
        return connection

    def close(self) -> None:
        """Close every connection this index opened (call once no query is running)."""
        with self._connections_lock:
            connections = list(self._connections)
            self._connections = weakref.WeakSet()
        for connection in connections:
            with contextlib.suppress(sqlite3.Error):
                connection.close()
        self._local = threading.local()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as error:
            if not is_corrupt(error):
                raise
            self._needs_reset = True  # the next refresh builds it again
            return []
