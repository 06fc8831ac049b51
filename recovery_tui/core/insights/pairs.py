"""Entries as ``(path, entry)`` pairs: their date, and the order "newest first" that every
insight lists them in. No Textual here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_tui.core.textkey import question_key

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry

Pair = tuple[Path, "Entry"]


def entry_date(entry: Entry) -> date:
    """The day the news came, else the day the entry was written."""
    return entry.about.news_date or entry.created.date()


def recency(pair: Pair) -> tuple[date, Any, str]:
    """The order of "newest first" (reversed): the date, the moment written, the file name;
    the index orders by the same (`index.schema.NEWEST`)."""
    path, entry = pair
    return (entry_date(entry), entry.created, path.name)


def newest_first(entries: Iterable[Pair]) -> list[Pair]:
    return sorted(entries, key=recency, reverse=True)


def distinct(items: Iterable[str]) -> tuple[str, ...]:
    """Each item once (case ignored), first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def distinct_by_key(items: Iterable[str]) -> list[str]:
    """Each non-empty item once, as `question_key` sees them, first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = question_key(item)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
