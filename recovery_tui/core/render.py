"""A reflection as a readable Markdown page, from nested entry data. No Textual here.

Works on data that has not been validated yet (the review shows a reflection before it is
saved), so every value is read defensively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from recovery_tui.core.form import (
    format_action,
    get_path,
    own_answers,
    parse_actions,
    parse_feeling,
)
from recovery_tui.core.prompts import CHOICE_LABELS, PANELS, PROMPTS, Feeling, Prompt, choice_label


def _items(value: Any, separators: str = "\n") -> list[str]:
    if isinstance(value, str):
        for sep in separators[1:]:
            value = value.replace(sep, separators[0])
        value = value.split(separators[0])
    if not isinstance(value, list):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


#: Backslash-escaped wherever they are: emphasis, code, links, HTML, headings, tables,
#: strikethrough, and `&` (an entity such as "&amp;" would otherwise show as "&").
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^(\s*)([-+>=])", re.M)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.M)


def escape(text: str) -> str:
    """The writer's words, shown as typed: no accidental headings, lists or emphasis."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _NUMBERED.sub(r"\1\\\2", text)


def _block(text: str) -> str:
    # Keep the writer's own line breaks: Markdown joins single newlines otherwise. Leading
    # spaces go (a paragraph drops them anyway): after a blank line, four of them would
    # turn the rest into a code block.
    return "  \n".join(escape(line.lstrip()) for line in text.strip().split("\n"))


def _answer(prompt: Prompt, value: Any) -> str | None:
    kind = prompt.kind
    if kind in {"line", "text", "date"}:
        text = str(getattr(value, "isoformat", lambda: value)()) if value else ""
        return _block(text) if text.strip() else None
    if kind in {"lines", "tags"}:
        items = _items(value, "\n," if kind == "tags" else "\n")
        if not items:
            return None
        if kind == "tags":
            return ", ".join(escape(item) for item in items)
        return "\n".join(f"- {escape(item)}" for item in items)
    if kind == "choice":
        return choice_label(value) if value else None
    if kind == "multi":
        items = [choice_label(item) for item in value or []]
        return "\n".join(f"- {item}" for item in items) or None
    if kind == "rating":
        return f"{value} of {prompt.high}" if isinstance(value, int) else None
    if kind == "feelings":
        lines = []
        for item in value or [] if isinstance(value, list) else []:
            feeling = parse_feeling(item) if isinstance(item, str) else item
            if not isinstance(feeling, Mapping) or not str(feeling.get("name", "")).strip():
                continue
            name = feeling_label(str(feeling["name"]).strip())
            strength = feeling.get("strength")
            how = f": {strength} of {prompt.high}" if isinstance(strength, int) else ""
            lines.append(f"- {name}{how}")
        return "\n".join(lines) or None
    if kind == "actions":
        actions = parse_actions(value) if isinstance(value, str) else value or []
        lines = []
        for action in actions:
            if isinstance(action, Mapping):
                box = "[x]" if action.get("done") else "[ ]"
                lines.append(f"- {box} {escape(format_action({**action, 'done': False}))}")
        return "\n".join(lines) or None
    return None


def feeling_label(name: str) -> str:
    """A listed feeling's words ("Hurt"), or the person's own, escaped."""
    return escape(CHOICE_LABELS[Feeling].get(name, name))


def title_of(data: Mapping[str, Any]) -> str:
    company = str(get_path(data, "about.company") or "").strip() or "A company with no name yet"
    role = str(get_path(data, "about.role") or "").strip()
    return f"{company}, {role}" if role else company


META = ("about.stage", "about.news_date", "about.channel", "about.tags")
#: Shown above the steps (the title and the line under it), not as answers.
_ABOVE = frozenset({"about.company", "about.role", *META})


def meta_line(data: Mapping[str, Any]) -> str:
    """Where it ended, when and how you heard, and tags, on one line."""
    parts = []
    for path in META:
        answer = _answer(PROMPTS[path], get_path(data, path))
        if answer is None:
            continue
        if path == "about.news_date":
            answer = f"heard {answer}"
        elif path == "about.channel":
            answer = f"by {answer.lower()}" if answer != "Silence" else "only silence"
        elif path == "about.tags":
            answer = f"tags: {answer}"
        parts.append(answer)
    return " · ".join(parts)


def own_answered(data: Mapping[str, Any], step: int) -> list[tuple[str, str]]:
    """(label, answer) of the person's own prompts answered on `step`, as saved (a prompt
    since removed from settings shows with the label kept in the file)."""
    found = []
    for item in own_answers(data):
        where = item.get("step")
        where = where if type(where) is int and 1 <= where <= 3 else 3
        answer, label = item.get("answer"), item.get("label")
        if where == step and isinstance(answer, str) and answer.strip():
            found.append((str(label or item["key"]).strip() or str(item["key"]), answer))
    return found


def render_markdown(data: Mapping[str, Any], *, heading_level: int = 1) -> str:
    """The whole reflection: a title, then one section per panel with each answered prompt."""
    h = "#" * heading_level
    out = [f"{h} {escape(title_of(data))}", ""]
    if meta := meta_line(data):
        out += [meta, ""]
    for panel in PANELS:
        answered = []
        for prompt in panel.prompts:
            if prompt.path in _ABOVE:
                continue
            answer = _answer(prompt, get_path(data, prompt.path))
            if answer is not None:
                answered.append(f"{h}## {prompt.label}\n\n{answer}\n")
        for label, text in own_answered(data, panel.number):
            answered.append(f"{h}## {escape(label)}\n\n{_block(text)}\n")
        out.append(f"{h}# {panel.number} {panel.title}\n")
        out.extend(answered or ["_Nothing written here yet. That's fine._\n"])
    return "\n".join(out).rstrip() + "\n"
