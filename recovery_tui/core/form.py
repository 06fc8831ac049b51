"""Between what the session's widgets hold and the entry model. No Textual here.

The session keeps one value per prompt path: text for lines, long answers, lists (one item
per line), tags (comma separated), dates and actions (one per line); a list of choice values
for multi-choices; a choice value or None; an int or None for ratings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from recovery_tui.core.prompts import PROMPTS

FormValue = str | int | list[str] | None
FormValues = dict[str, FormValue]

_ACTION_DONE = re.compile(r"^\s*(?:[-*]\s+)?\[(?P<mark>[ xX])\]\s*")
_ACTION_BULLET = re.compile(r"^\s*[-*]\s+")
_ACTION_DUE = re.compile(r"\s+(?:by|due)\s+(?P<due>\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE)


def parse_action_line(line: str) -> dict[str, Any] | None:
    """``[x] Email Sam by 2026-12-01`` -> text, done, due. Blank lines give None."""
    done = False
    match = _ACTION_DONE.match(line)
    if match:
        done = match.group("mark") in "xX"
        line = line[match.end() :]
    else:
        line = _ACTION_BULLET.sub("", line, count=1)
    due: str | None = None
    due_match = _ACTION_DUE.search(line)
    if due_match:
        due = due_match.group("due")
        line = line[: due_match.start()]
    text = line.strip()
    if not text:
        return None
    action: dict[str, Any] = {"text": text, "done": done}
    if due:
        action["due"] = due
    return action


def format_action(action: Mapping[str, Any]) -> str:
    line = ("[x] " if action.get("done") else "") + str(action.get("text", ""))
    due = action.get("due")
    if due:
        line += f" by {due.isoformat() if isinstance(due, date) else due}"
    return line


def parse_actions(text: str) -> list[dict[str, Any]]:
    parsed = (parse_action_line(line) for line in text.replace("\r", "\n").split("\n"))
    return [action for action in parsed if action is not None]


def get_path(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


def values_from_data(data: Mapping[str, Any]) -> FormValues:
    """Form values for every prompt from nested entry data (as dumped by the model)."""
    values: FormValues = {}
    for path, prompt in PROMPTS.items():
        value = get_path(data, path)
        if prompt.kind == "actions":
            value = "\n".join(format_action(a) for a in value or [] if isinstance(a, Mapping))
        elif prompt.kind == "lines":
            value = "\n".join(str(item) for item in value or [])
        elif prompt.kind == "tags":
            value = ", ".join(str(item) for item in value or [])
        elif prompt.kind == "multi":
            value = [str(getattr(item, "value", item)) for item in value or []]
        elif prompt.kind == "rating":
            value = value if isinstance(value, int) else None
        elif prompt.kind == "choice":
            value = str(getattr(value, "value", value)) if value else None
        elif isinstance(value, date):
            value = value.isoformat()
        else:
            value = "" if value is None else str(value)
        values[path] = value
    return values


def data_from_values(
    values: Mapping[str, FormValue], base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Nested data ready for validation: `base` (keeps unknown keys) overlaid with `values`."""
    data: dict[str, Any] = _deep_copy(base or {})
    for path, value in values.items():
        prompt = PROMPTS.get(path)
        if prompt is None:
            continue
        if prompt.kind == "actions":
            old = get_path(data, path)
            actions = _merge_actions(
                parse_actions(str(value or "")), old if isinstance(old, list) else []
            )
            set_path(data, path, actions)
        else:
            set_path(data, path, value)
    return data


def _merge_actions(new: list[dict[str, Any]], old: list[Any]) -> list[dict[str, Any]]:
    """Keep unknown keys of actions whose text did not change (the same text twice: the
    first new one takes the first old one's keys, the second the second's)."""
    by_text: dict[Any, list[dict[str, Any]]] = {}
    for item in old:
        if isinstance(item, dict):
            by_text.setdefault(item.get("text"), []).append(item)
    merged = []
    for action in new:
        same = by_text.get(action["text"])
        previous = same.pop(0) if same else None
        if previous is not None:
            extra = {k: v for k, v in previous.items() if k not in {"text", "done", "due"}}
            action = {**action, **extra}
        merged.append(action)
    return merged


def _deep_copy(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {key: _deep_copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_deep_copy(item) for item in data]
    return data


def is_blank(values: Mapping[str, FormValue]) -> bool:
    """True when nothing at all was typed or chosen."""
    for value in values.values():
        if isinstance(value, str) and value.strip():
            return False
        if isinstance(value, (list, int)) and not isinstance(value, bool) and value != []:
            return False
    return True
