"""The history index's tables, their version, and the order "newest first". No Textual.

Only SQL text and constants: importing this module opens nothing.
"""

from __future__ import annotations

import sqlite3

#: PRAGMA user_version of the index. Bump it when the tables or what goes in them change:
#: an index with another version is deleted and built again.
#: 5: follow-up dates and let go; 6: files with schema-2 fields the model refuses are left
#: out; 7: the feedback words, the fit and how you applied.
INDEX_VERSION = 7


SUMMARY_SCHEMA = """
CREATE TABLE summary(part TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE bank_files(key TEXT PRIMARY KEY, names TEXT NOT NULL) WITHOUT ROWID;
"""


SCHEMA = (
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
    followed_up TEXT NOT NULL,
    let_go INTEGER NOT NULL,
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


SUMMARY_STALE = "INSERT OR REPLACE INTO meta VALUES ('summary', 'stale')"


#: Newest first, as `insights.pairs.newest_first` orders entries (e is the entries table):
#: the date shown, then the moment written (UTC), then the file name. One order for the
#: history's ties, the open actions, the practice bank and the prep packet.
NEWEST = "e.date DESC, e.created_us DESC, e.name DESC"


CORRUPT = {11, 26}  # SQLITECORRUPT, SQLITE_NOTADB


def is_corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in CORRUPT
    return not isinstance(error, sqlite3.OperationalError)
