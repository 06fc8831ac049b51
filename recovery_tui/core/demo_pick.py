"""Picking at random for the demo: chances, picks without repeats, decks dealt one card at
a time, a sting, a person, extra paragraphs, a question typed by hand. No Textual here."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from recovery_tui.core.demo_words import FIRST_NAMES, LAST_NAMES, RELATIONS


class Picker:
    """The random helpers `demo._Maker` builds entries with, from one seeded generator."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.today = now.date()
        #: Shuffled pools dealt one at a time (`deal`), so a pick rarely repeats.
        self.decks: dict[str, list[str]] = {}

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, pool: Sequence[str], **context: Any) -> str:
        return self.rng.choice(pool).format(**context)

    def pick_many(
        self, pool: Sequence[Any], low: int, high: int, cum_weights: list[float] | None = None
    ) -> list[Any]:
        wanted = self.rng.randint(low, high)
        if cum_weights is None:
            return self.rng.sample(list(pool), wanted)
        chosen: list[Any] = []
        for _ in range(wanted * 4):
            if len(chosen) == wanted:
                break
            item = self.rng.choices(pool, cum_weights=cum_weights)[0]
            if item not in chosen:
                chosen.append(item)
        return chosen

    def deal(self, key: str, pool: Sequence[str]) -> str:
        """The next item of a shuffled deck of `pool`: every item once before any twice."""
        deck = self.decks.get(key)
        if not deck:
            deck = self.decks[key] = list(pool)
            self.rng.shuffle(deck)
        return deck.pop()

    def sting(self, base: int) -> int:
        value = round(self.rng.gauss(base, 18) / 5) * 5
        return max(0, min(100, value))

    def person(self, context: dict[str, Any]) -> str:
        first = self.rng.choice(FIRST_NAMES)
        last = self.rng.choice(LAST_NAMES)
        relation = self.pick(RELATIONS, **context)
        return f"{first} {last}, {relation}"

    def paragraphs(self, first: str, pool: Sequence[str], low: int, high: int, **ctx: Any) -> str:
        """`first`, then `low` to `high` more paragraphs from `pool` (no repeats)."""
        rest = [text for text in pool if text != first]
        extra = [text.format(**ctx) for text in self.pick_many(rest, low, min(high, len(rest)))]
        return "\n\n".join([first, *extra])

    def vary(self, question: str) -> str:
        """Typed by hand: sometimes lower case, sometimes without the question mark."""
        roll = self.rng.random()
        if roll < 0.06:
            return question[0].lower() + question[1:]
        if roll < 0.12:
            return question.rstrip("?.")
        return question
