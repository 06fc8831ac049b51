"""Your own prompts: the ``[[prompts]]`` tables of the settings file (a step, a label, an
optional hint, one line or long), checked one by one; a table that can't be used is left out
with a reason, and the others still apply. No Textual here."""

from __future__ import annotations

import re

from recovery_tui.core.printable import shown_value
from recovery_tui.core.prompts import OwnPrompt

#: What the settings' messages say ``prompts`` should be.
PROMPTS_EXPECTED = (
    'tables of their own, e.g. [[prompts]] with step = 2 and label = "What I\'d ask them next time"'
)

MAX_PROMPTS = 20
MAX_LABEL = 80
_KEY = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")


def prompt_key(label: str) -> str:
    """The key an answer is kept under when a prompt names none: its label's words."""
    words = re.findall(r"[a-z0-9]+", label.lower())
    return "_".join(words)[:40].strip("_") or "prompt"


def _ordinal(number: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10 if number % 100 not in (11, 12, 13) else 0, "th"
    )
    return f"{number}{suffix}"


def parse_prompts(value: object) -> tuple[tuple[OwnPrompt, ...], list[str]]:
    """Your own prompts from ``[[prompts]]`` tables: each one that can't be used is left
    out, with a reason; the others are asked."""
    if not isinstance(value, list):
        return (), [f"prompts should be {PROMPTS_EXPECTED}, not {shown_value(value)}; none added"]
    found: list[OwnPrompt] = []
    problems: list[str] = []
    keys: set[str] = set()
    for number, table in enumerate(value, start=1):
        which = f"the {_ordinal(number)} [[prompts]] table"
        problem, prompt = _own_prompt(table, which)
        if prompt is not None and prompt.key in keys:
            problem = (
                f"{which} asks the same as one before it ({shown_value(prompt.key)}); give it "
                "another label or key; it is left out"
            )
        elif prompt is not None and len(found) >= MAX_PROMPTS:
            problem = f"{which} is one more than the {MAX_PROMPTS} prompts asked; it is left out"
        if problem is not None:
            problems.append(problem)
            continue
        assert prompt is not None
        keys.add(prompt.key)
        found.append(prompt)
    return tuple(found), problems


def _own_prompt(table: object, which: str) -> tuple[str | None, OwnPrompt | None]:
    if not isinstance(table, dict):
        return (
            f"{which} should be a table with a step and a label, not {shown_value(table)}; "
            "it is left out",
            None,
        )
    step, label = table.get("step"), table.get("label")
    hint, long, key = table.get("hint", ""), table.get("long", False), table.get("key")
    left_out = "; it is left out"
    if type(step) is not int or not 1 <= step <= 3:
        return (
            f"{which} should have a step from 1 to 3, e.g. step = 2, not "
            f"{shown_value(step)}{left_out}",
            None,
        )
    if type(label) is not str or not label.strip():
        return (
            f'{which} should have a label in quotes, e.g. label = "What I\'d ask them", '
            f"not {shown_value(label)}{left_out}",
            None,
        )
    if len(label) > MAX_LABEL:
        return f"{which} has a label longer than {MAX_LABEL} characters{left_out}", None
    if type(hint) is not str:
        return f"{which} should have its hint in quotes, not {shown_value(hint)}{left_out}", None
    if type(long) is not bool:
        return (
            f"{which} should say long = true or long = false, not {shown_value(long)}{left_out}",
            None,
        )
    if key is None:
        key = prompt_key(label)
    elif type(key) is not str or not _KEY.fullmatch(key):
        return (
            f"{which} should have a key of small letters, digits and _, e.g. "
            f'key = "ask_next_time", not {shown_value(key)}{left_out}'
        ), None
    for name in table:
        if name not in {"step", "label", "hint", "long", "key"}:
            return (
                f"{which} has {shown_value(str(name))}, which a prompt doesn't have (step, label, "
                f"hint, long, key){left_out}"
            ), None
    clean_label = " ".join(label.split())
    return None, OwnPrompt(key, step, clean_label, " ".join(hint.split()), long)
