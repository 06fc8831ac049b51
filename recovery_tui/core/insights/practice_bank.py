"""The practice bank (questions you weren't ready for) and the skill plan, merged across
entries. No Textual here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from recovery_tui.core.insights.pairs import Pair, distinct, entry_date, newest_first
from recovery_tui.core.textkey import question_key


class FileList(Sequence[Path]):
    """The files a question came up in, read from the index: the paths are made on first
    use (a long list costs nothing until then). Equal to a tuple of the same paths."""

    def __init__(self, folder: Path, names: Callable[[], list[str]]) -> None:
        self._folder, self._names = folder, names
        self._paths: tuple[Path, ...] | None = None

    def _all(self) -> tuple[Path, ...]:
        if self._paths is None:
            self._paths = tuple(self._folder / name for name in self._names())
        return self._paths

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Path]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FileList):
            return self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class Question:
    """One question from "questions I was not ready for", merged across entries."""

    key: str
    text: str  # the most recent wording
    count: int  # how many entries it came up in
    last_seen: date
    companies: tuple[str, ...]  # distinct, most recent first
    files: Sequence[Path]  # most recent first (a tuple, or a `FileList` from the index)


@dataclass(frozen=True)
class Skill:
    """One skill, course or certification, merged across entries."""

    key: str
    text: str
    count: int
    last_seen: date
    companies: tuple[str, ...]


def _merge(entries: Iterable[Pair], items_of: Any) -> list[Question]:
    groups: dict[str, list[tuple[str, Pair]]] = {}
    for pair in newest_first(entries):
        seen_here: set[str] = set()
        for text in items_of(pair[1]):
            key = question_key(text)
            if not key or key in seen_here:
                continue  # counted once per entry
            seen_here.add(key)
            groups.setdefault(key, []).append((text, pair))
    merged = [
        Question(
            key=key,
            text=found[0][0],
            count=len(found),
            last_seen=entry_date(found[0][1][1]),
            companies=distinct(pair[1].about.company for _, pair in found),
            files=tuple(pair[0] for _, pair in found),
        )
        for key, found in groups.items()
    ]
    merged.sort(key=lambda q: (-q.count, -q.last_seen.toordinal(), q.key))
    return merged


def practice_bank(entries: Iterable[Pair]) -> list[Question]:
    """Every unready question, merged by `question_key`; most frequent first, then most
    recent. A question counts once per entry."""
    return _merge(entries, lambda entry: entry.learn.unready_questions)


def skill_plan(entries: Iterable[Pair]) -> list[Skill]:
    """Every skill, course and certification, merged and ordered like `practice_bank`."""
    return [
        Skill(q.key, q.text, q.count, q.last_seen, q.companies)
        for q in _merge(entries, lambda entry: entry.learn.skills)
    ]
