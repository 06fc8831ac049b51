"""The history index: every entry's summary and words in a private SQLite file. No Textual.

The TOML files under ``entries/`` stay the only source of truth. The index is derived data in
the user cache folder (one file per journal folder, see `core.paths.index_file_for`): deleting it
loses nothing, and a damaged index or one made by another version of this module is deleted
and built again. `Index.refresh` re-reads only the files whose name, size or modification
time changed since the last refresh, so files edited by hand, by a sync tool or by another
running window show up at the next refresh.

Files are read with tomllib and their fields picked out defensively, without pydantic (a
full validation of 10,000 files would take longer than parsing them). A file that doesn't
parse, or whose main fields (id, dates, company, stage, stings) don't fit an entry, is
recorded as failed and not listed; ``problems.find_problems`` says what is wrong with it.

Threads: the index opens one SQLite connection per thread (WAL mode, so a query never waits
for a refresh running in a worker). Refreshes are serialised by a lock.

Search snippets mark each match with `MARK_START` (``\\x01``) before and `MARK_END`
(``\\x02``) after it; `marked_spans` turns a snippet into plain text and (start, end) spans.
Those two characters are removed from the indexed text, so they only ever mean a match.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_tui.core import fsutil
from recovery_tui.core.index_carry import CarryForwardQueries, OpenAction, Reusable
from recovery_tui.core.index_files import (
    _LABELS,
    _SEP,
    Stamp,
    _Extract,
    read_entry_file,
    scan_entries,
)
from recovery_tui.core.index_insights import SUMMARY_SCHEMA, InsightQueries, rebuild_summary
from recovery_tui.core.prompts import Stage, choice_label
from recovery_tui.core.textkey import question_key

if TYPE_CHECKING:
    from recovery_tui.core.journal import Journal

#: PRAGMA user_version of the index. Bump it when the tables or what goes in them change:
#: an index with another version is deleted and built again.
INDEX_VERSION = 4
#: Files parsed per transaction: rows appear in batches while a first build runs.
BATCH = 500

MARK_START = "\x01"
MARK_END = "\x02"

SORTS = ("date", "company", "role", "stage", "sting_before", "sting_after")

_SCHEMA = (
    """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ok INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entries(
    rowid INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    company TEXT NOT NULL,
    role TEXT NOT NULL,
    stage TEXT,
    channel TEXT,
    tags TEXT NOT NULL,
    tag_keys TEXT NOT NULL,
    sting_before INTEGER,
    sting_after INTEGER,
    company_key TEXT NOT NULL,
    role_key TEXT NOT NULL,
    stage_order INTEGER,
    haystack TEXT NOT NULL,
    feedback_status TEXT NOT NULL,
    feedback_date TEXT NOT NULL,
    valid INTEGER NOT NULL,
    created_us INTEGER,
    facts TEXT
);
CREATE INDEX entries_date ON entries(date, created);
CREATE TABLE actions(
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    done INTEGER NOT NULL,
    due TEXT NOT NULL,
    PRIMARY KEY (name, position)
) WITHOUT ROWID;
CREATE TABLE reuse(
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    key TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (name, kind, position)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    company, role, tags, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""
    + SUMMARY_SCHEMA
)
#: bm25 weights of the fts columns: a match in the company counts most, then role and tags.
_WEIGHTS = "10.0, 5.0, 5.0, 1.0"
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SUMMARY_STALE = "INSERT OR REPLACE INTO meta VALUES ('summary', 'stale')"

_STAGE_ORDER = {stage.value: number for number, stage in enumerate(Stage)}
_TERM = re.compile(r"[^\W_]+")
_MAX_TERMS = 32
_SPACES = re.compile(r"\s+")
#: Words around the best match in a search snippet.
SNIPPET_TOKENS = 12


# --- what callers see ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """What the history list is narrowed to. Empty fields don't narrow anything.

    `text` narrows as you type: a case-insensitive substring of the company, role, tags or
    the stage's label. `company` and `tag` match whole values (case-insensitive), `stage`
    is a stage value (e.g. "after_final_round"), and the dates bound the date shown
    (inclusive).
    """

    text: str = ""
    stage: str | None = None
    company: str | None = None
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Row:
    """One entry as the history list shows it."""

    name: str
    path: Path
    id: str
    #: The date shown: when you heard (news_date), else the day it was written. ISO text.
    date: str
    created: str
    updated: str
    company: str
    role: str
    stage: str | None
    channel: str | None
    tags: tuple[str, ...]
    sting_before: int | None
    sting_after: int | None

    @property
    def stage_label(self) -> str:
        return choice_label(self.stage) if self.stage else ""


@dataclass(frozen=True)
class Hit:
    """One search result: the row, a snippet with its matches marked, and its bm25 score
    (lower is a better match)."""

    row: Row
    snippet: str
    score: float


@dataclass(frozen=True)
class RefreshStats:
    added: int
    updated: int
    removed: int
    unchanged: int
    failed: int
    seconds: float


def marked_spans(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without its markers, and the (start, end) of every marked match in it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in snippet:
        if char == MARK_START:
            start = length
        elif char == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), spans


def match_query(text: str) -> str | None:
    """User input as a safe FTS5 query: every word quoted, all words required, the last
    one matched as a prefix unless the input ends with a space. None if there is no word."""
    terms = _TERM.findall(text)[:_MAX_TERMS]
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]
    if not text[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


# --- the index -----------------------------------------------------------------------------

_COLUMNS = (
    "e.name, e.id, e.date, e.created, e.updated, e.company, e.role, e.stage, e.channel, "
    "e.tags, e.sting_before, e.sting_after"
)


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT
    return not isinstance(error, sqlite3.OperationalError)


class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced (the plain one can't)."""


class Index(CarryForwardQueries, InsightQueries):
    """The derived index of one journal folder. Use `Index.open`."""

    def __init__(self, db_path: Path, journal: Journal) -> None:
        self.db_path = db_path
        self.journal = journal
        self._local = threading.local()
        self._generation = 0
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._connections_lock = threading.Lock()
        self._refresh_lock = threading.RLock()
        self._needs_reset = False

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, db_path: Path, journal: Journal) -> Index:
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
                if not _is_corrupt(error) and "no such table" not in str(error):
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
            for statement in _SCHEMA.split(";"):
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

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- refreshing ---------------------------------------------------------------------

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
                if not _is_corrupt(error):
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
            parsed: list[tuple[str, Stamp, _Extract | None]] = []
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
        parsed: list[tuple[str, Stamp, _Extract | None]],
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
        parsed: list[tuple[str, Stamp, _Extract | None]],
    ) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            names = [(name,) for name in forget]
            if names:
                self._forget(connection, names)
            next_row = connection.execute("SELECT coalesce(max(rowid), 0) FROM entries")
            row_id = next_row.fetchone()[0]
            files: list[tuple[str, int, int, bool]] = []
            entries: list[tuple[Any, ...]] = []
            fts: list[tuple[Any, ...]] = []
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
                fts.append((row_id, *map(_unmark, words)))
            connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", files)
            connection.executemany(
                f"INSERT INTO entries VALUES ({', '.join('?' * 23)})",
                entries,
            )
            connection.executemany(
                "INSERT INTO fts(rowid, company, role, tags, body) VALUES (?, ?, ?, ?, ?)", fts
            )
            connection.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?)", actions)
            connection.executemany("INSERT INTO reuse VALUES (?, ?, ?, ?, ?, ?)", reuse)
            connection.execute(_SUMMARY_STALE)
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

    # -- queries ------------------------------------------------------------------------

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise
            self._needs_reset = True  # the next refresh builds it again
            return []

    def _row(self, values: tuple[Any, ...]) -> Row:
        name = values[0]
        tags = tuple(values[9].split(_SEP)) if values[9] else ()
        entry_id, day, created, updated, company, role, stage, channel = values[1:9]
        return Row(
            name,
            Path(self.journal.paths.entries) / name,
            entry_id,
            day,
            created,
            updated,
            company,
            role,
            stage,
            channel,
            tags,
            values[10],
            values[11],
        )

    def rows(
        self,
        filter: Filter | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Listed entries matching `filter`, sorted by one of `SORTS`; blanks sort last."""
        where, params = _where(filter or Filter())
        order = _order(sort, descending)
        sql = f"SELECT {_COLUMNS} FROM entries e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        found = self._query(sql, [*params, -1 if limit is None else limit, max(offset, 0)])
        return [self._row(values) for values in found]

    def count(self, filter: Filter | None = None) -> int:
        where, params = _where(filter or Filter())
        found = self._query(f"SELECT count(*) FROM entries e WHERE {where}", params)
        return found[0][0] if found else 0

    def search(self, query: str, filter: Filter | None = None, limit: int = 200) -> list[Hit]:
        """Entries containing every word of `query` (the last one as a prefix while typing),
        best match first (bm25: company, then role and tags, then the rest). Never raises
        for what is typed: input with no words finds nothing."""
        match = match_query(query)
        if match is None or limit <= 0:
            return []
        where, params = _where(filter or Filter())
        try:
            ranked = (
                self._connection()
                .execute(
                    f"SELECT fts.rowid, bm25(fts, {_WEIGHTS}) AS score, "
                    f"snippet(fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) FROM fts "
                    f"JOIN entries e ON e.rowid = fts.rowid "
                    f"WHERE fts MATCH ? AND {where} ORDER BY score, e.date DESC LIMIT ?",
                    [MARK_START, MARK_END, match, *params, limit],
                )
                .fetchall()
            )
            if not ranked:
                return []
            ids = [row_id for row_id, _, _ in ranked]
            marks = ", ".join("?" * len(ids))
            rows = {
                values[0]: self._row(values[1:])
                for values in self._connection().execute(
                    f"SELECT e.rowid, {_COLUMNS} FROM entries e WHERE e.rowid IN ({marks})", ids
                )
            }
        except sqlite3.Error as error:
            if isinstance(error, sqlite3.DatabaseError) and _is_corrupt(error):
                self._needs_reset = True
            return []
        return [
            Hit(rows[row_id], _SPACES.sub(" ", snippet or "").strip(), score)
            for row_id, score, snippet in ranked
            if row_id in rows
        ]

    def companies(self) -> list[str]:
        """Every company, one spelling each, A to Z."""
        found = self._query(
            "SELECT min(company) FROM entries GROUP BY company_key ORDER BY company_key"
        )
        return [company for (company,) in found]

    def tags(self) -> list[str]:
        """Every tag, one spelling each, A to Z."""
        spellings: dict[str, str] = {}
        for (joined,) in self._query("SELECT tags FROM entries WHERE tags != ''"):
            for tag in joined.split(_SEP):
                key = tag.casefold()
                if key not in spellings or tag < spellings[key]:
                    spellings[key] = tag
        return [spellings[key] for key in sorted(spellings)]

    def stages(self) -> list[str]:
        """The stage values used by at least one entry, in the order of the stage list."""
        found = self._query(
            "SELECT stage FROM entries WHERE stage IS NOT NULL GROUP BY stage "
            "ORDER BY min(stage_order)"
        )
        return [stage for (stage,) in found]

    def failed(self) -> list[str]:
        """Names of .toml files that aren't listed because they couldn't be read as entries."""
        found = self._query("SELECT name FROM files WHERE NOT ok ORDER BY name")
        return [name for (name,) in found]


def _unmark(text: str) -> str:
    if MARK_START in text or MARK_END in text:
        return text.replace(MARK_START, " ").replace(MARK_END, " ")
    return text


def _entry_values(row_id: int, name: str, found: _Extract) -> tuple[Any, ...]:
    stage_label = _LABELS.get(found.stage, "") if found.stage else ""
    haystack = _SEP.join([found.company, found.role, *found.tags, stage_label]).casefold()
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
        _SEP.join(found.tags),
        _SEP + _SEP.join(tag.casefold() for tag in found.tags) + _SEP,
        found.sting_before,
        found.sting_after,
        found.company.casefold(),
        found.role.casefold(),
        _STAGE_ORDER.get(found.stage) if found.stage else None,
        haystack,
        found.feedback_status,
        found.feedback_date,
        found.facts is not None,
        found.created_us,
        found.facts,
    )


def _where(filter: Filter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1"]
    params: list[Any] = []
    text = filter.text.strip().casefold()
    if text:
        clauses.append("instr(e.haystack, ?) > 0")
        params.append(text)
    if filter.stage:
        clauses.append("e.stage = ?")
        params.append(filter.stage)
    if filter.company:
        clauses.append("e.company_key = ?")
        params.append(filter.company.strip().casefold())
    if filter.tag:
        clauses.append("instr(e.tag_keys, ?) > 0")
        params.append(_SEP + filter.tag.strip().casefold() + _SEP)
    if filter.date_from:
        clauses.append("e.date >= ?")
        params.append(filter.date_from.isoformat())
    if filter.date_to:
        clauses.append("e.date <= ?")
        params.append(filter.date_to.isoformat())
    return " AND ".join(clauses), params


def _order(sort: str, descending: bool) -> str:
    way = "DESC" if descending else "ASC"
    newest = "e.date DESC, e.created DESC, e.name DESC"
    if sort == "date":
        return f"e.date {way}, e.created {way}, e.name {way}"
    if sort == "company":
        return f"e.company_key {way}, {newest}"
    if sort == "role":
        return f"e.role_key = '', e.role_key {way}, {newest}"
    if sort == "stage":
        return f"e.stage_order IS NULL, e.stage_order {way}, {newest}"
    if sort in ("sting_before", "sting_after"):
        return f"e.{sort} IS NULL, e.{sort} {way}, {newest}"
    raise ValueError(f"Unknown sort {sort!r}; use one of {', '.join(SORTS)}")


__all__ = [
    "BATCH",
    "INDEX_VERSION",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "Filter",
    "Hit",
    "Index",
    "OpenAction",
    "RefreshStats",
    "Reusable",
    "Row",
    "marked_spans",
    "match_query",
    "read_entry_file",
]
