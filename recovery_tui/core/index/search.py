"""Full-text search of the index (SQLite FTS5). No Textual here.

Search snippets mark each match with `MARK_START` (``\\x01``) before and `MARK_END`
(``\\x02``) after it; `marked_spans` turns a snippet into plain text and (start, end) spans.
Those two characters are removed from the indexed text (`unmark`), so they only ever mean a
match.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from recovery_tui.core.index.queries import COLUMNS, Filter, Row, RowQueries, where_clause
from recovery_tui.core.index.schema import is_corrupt

MARK_START = "\x01"


MARK_END = "\x02"


#: bm25 weights of the fts columns: a match in the company counts most, then role and tags.
_WEIGHTS = "10.0, 5.0, 5.0, 1.0"


_TERM = re.compile(r"[^\W_]+")


_MAX_TERMS = 32


_SPACES = re.compile(r"\s+")


#: Words around the best match in a search snippet.
SNIPPET_TOKENS = 12


@dataclass(frozen=True)
class Hit:
    """One search result: the row, a snippet with its matches marked, and its bm25 score
    (lower is a better match)."""

    row: Row
    snippet: str
    score: float


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


def unmark(text: str) -> str:
    if MARK_START in text or MARK_END in text:
        return text.replace(MARK_START, " ").replace(MARK_END, " ")
    return text


class SearchQueries(RowQueries):
    """Searching the index (see `Index`)."""

    def search(self, query: str, filter: Filter | None = None, limit: int = 200) -> list[Hit]:
        """Entries containing every word of `query` (the last one as a prefix while typing),
        best match first (bm25: company, then role and tags, then the rest). Never raises
        for what is typed: input with no words finds nothing."""
        match = match_query(query)
        if match is None or limit <= 0:
            return []
        where, params = where_clause(filter or Filter())
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
                    f"SELECT e.rowid, {COLUMNS} FROM entries e WHERE e.rowid IN ({marks})", ids
                )
            }
        except sqlite3.Error as error:
            if isinstance(error, sqlite3.DatabaseError) and is_corrupt(error):
                self._needs_reset = True
            return []
        return [
            Hit(rows[row_id], _SPACES.sub(" ", snippet or "").strip(), score)
            for row_id, score, snippet in ranked
            if row_id in rows
        ]
