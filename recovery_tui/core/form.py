"""Between what the session's widgets hold and the entry model. No Textual here.

The session keeps one value per prompt path: text for lines, long answers, lists (one item
per line), tags (comma separated), dates and actions (one per line); a list of choice values
for multi-choices; a choice value or None; an int or None for ratings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from recovery_tui.core.prompts import OWN_PREFIX, PROMPTS, OwnPrompt

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


def format_feeling(feeling: Mapping[str, Any]) -> str:
    """A named feeling as the form holds it: ``"70:disappointed"``, ``":my own words"``."""
    strength = feeling.get("strength")
    number = str(strength) if isinstance(strength, int) and not isinstance(strength, bool) else ""
    return f"{number}:{feeling.get('name', '')}"


def parse_feeling(item: str) -> dict[str, Any] | None:
    """``"70:disappointed"`` -> name and strength (a number only if one was given)."""
    number, colon, name = item.partition(":")
    if not colon:
        number, name = "", item
    name = name.strip()
    if not name:
        return None
    feeling: dict[str, Any] = {"name": name}
    if number.strip().isdigit():
        feeling["strength"] = int(number.strip())
    return feeling


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


#: The keys own prompts write (settings allow no others); each one names a box on screen.
_OWN_KEY = re.compile(r"[a-z0-9][a-z0-9_]{0,39}")


def own_answers(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ``[[own]]`` tables of entry data that have a key (what own prompts answered)."""
    own = data.get("own")
    items = own if isinstance(own, list) else []
    return [
        item for item in items if isinstance(item, Mapping) and isinstance(item.get("key"), str)
    ]


def own_prompts_for(
    data: Mapping[str, Any], asked: Sequence[OwnPrompt] = ()
) -> tuple[OwnPrompt, ...]:
    """The own prompts to show for entry data: those asked now (settings), then any it
    answered that aren't asked any more, with the label and step saved with the answer."""
    found = list(asked)
    keys = {prompt.key for prompt in found}
    for item in own_answers(data):
        key, step, label = item["key"], item.get("step"), item.get("label")
        if key in keys or not _OWN_KEY.fullmatch(key):
            continue  # not one a prompt could have written: kept and shown, not edited
        keys.add(key)
        answer = item.get("answer")
        found.append(
            OwnPrompt(
                key,
                step if type(step) is int and 1 <= step <= 3 else 3,
                label if isinstance(label, str) and label.strip() else key,
                "",
                long=isinstance(answer, str) and "\n" in answer,
            )
        )
    return tuple(found)


def values_from_data(data: Mapping[str, Any], own: Sequence[OwnPrompt] = ()) -> FormValues:
    """Form values for every prompt from nested entry data (as dumped by the model), and
    for the `own` prompts (``own.<key>``) from its ``[[own]]`` tables."""
    values: FormValues = {}
    answers = {item["key"]: item.get("answer") for item in own_answers(data)}
    for asked in own:
        answer = answers.get(asked.key)
        values[asked.path] = answer if isinstance(answer, str) else ""
    for path, prompt in PROMPTS.items():
        value = get_path(data, path)
        if prompt.kind == "actions":
            value = "\n".join(format_action(a) for a in value or [] if isinstance(a, Mapping))
        elif prompt.kind == "feelings":
            value = [format_feeling(f) for f in value or [] if isinstance(f, Mapping)]
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
    values: Mapping[str, FormValue],
    base: Mapping[str, Any] | None = None,
    own: Sequence[OwnPrompt] = (),
) -> dict[str, Any]:
    """Nested data ready for validation: `base` (keeps unknown keys) overlaid with `values`.
    Answers to the `own` prompts go in ``[[own]]`` tables, each with its prompt's label and
    step; an answer no prompt asks any more stays as it was."""
    data: dict[str, Any] = _deep_copy(base or {})
    by_path = {prompt.path: prompt for prompt in own}
    for path, value in values.items():
        if path.startswith(OWN_PREFIX):
            if path in by_path:
                _set_own(data, by_path[path], str(value or ""))
            continue
        prompt = PROMPTS.get(path)
        if prompt is None:
            continue
        if prompt.kind == "actions":
            old = get_path(data, path)
            actions = _merge_actions(
                parse_actions(str(value or "")), old if isinstance(old, list) else []
            )
            set_path(data, path, actions)
        elif prompt.kind == "feelings":
            old = get_path(data, path)
            items = value if isinstance(value, list) else []
            parsed = (parse_feeling(str(item)) for item in items)
            feelings = _merge_keyed(
                [f for f in parsed if f is not None], old if isinstance(old, list) else [], "name"
            )
            set_path(data, path, feelings)
        else:
            set_path(data, path, value)
    return data


def _set_own(data: dict[str, Any], prompt: OwnPrompt, answer: str) -> None:
    own = data.get("own")
    items: list[Any] = own if isinstance(own, list) else []
    for position, item in enumerate(items):
        if isinstance(item, dict) and item.get("key") == prompt.key:
            if not answer.strip() and set(item) <= {"key", "step", "label", "answer"}:
                del items[position]  # answered, then emptied: nothing to keep
            else:
                item.update(step=prompt.step, label=prompt.label, answer=answer)
            break
    else:
        if answer.strip():
            items.append(
                {"key": prompt.key, "step": prompt.step, "label": prompt.label, "answer": answer}
            )
    if items:
        data["own"] = items
    else:
        data.pop("own", None)


def _merge_actions(new: list[dict[str, Any]], old: list[Any]) -> list[dict[str, Any]]:
    """Keep unknown keys of actions whose text did not change."""
    return _merge_keyed(new, old, "text")


def _merge_keyed(new: list[dict[str, Any]], old: list[Any], key: str) -> list[dict[str, Any]]:
    """Keep unknown keys of items whose `key` (an action's text, a feeling's name) did not
    change; the same text twice: the first new one takes the first old one's keys."""
    by_key: dict[Any, list[dict[str, Any]]] = {}
    for item in old:
        if isinstance(item, dict):
            by_key.setdefault(item.get(key), []).append(item)
    merged = []
    for item in new:
        same = by_key.get(item[key])
        previous = same.pop(0) if same else None
        if previous is not None:
            extra = {
                k: v
                for k, v in previous.items()
                if k not in {*item, "text", "done", "due", "name", "strength"}
            }
            item = {**item, **extra}
        merged.append(item)
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
