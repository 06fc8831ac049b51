"""A reflection as a readable Markdown page, from nested entry data. No Textual here.

Works on data that has not been validated yet (the review shows a reflection before it is
saved), so every value is read defensively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from recovery_tui.core.form import format_action, get_path, parse_actions
from recovery_tui.core.prompts import PANELS, PROMPTS, Prompt, choice_label


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
    if kind == "actions":
        actions = parse_actions(value) if isinstance(value, str) else value or []
        lines = []
        for action in actions:
            if isinstance(action, Mapping):
                box = "[x]" if action.get("done") else "[ ]"
                lines.append(f"- {box} {escape(format_action({**action, 'done': False}))}")
        return "\n".join(lines) or None
    return None


def title_of(data: Mapping[str, Any]) -> str:
    company = str(get_path(data, "about.company") or "").strip() or "A company with no name yet"
    role = str(get_path(data, "about.role") or "").strip()
    return f"{company}, {role}" if role else company


META = ("about.stage", "about.news_date", "about.channel", "about.tags")


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


def render_markdown(data: Mapping[str, Any], *, heading_level: int = 1) -> str:
    """The whole reflection: a title, then one section per panel with each answered prompt."""
    h = "#" * heading_level
    out = [f"{h} {escape(title_of(data))}", ""]
    if meta := meta_line(data):
        out += [meta, ""]
    for panel in PANELS:
        answered = []
        for prompt in panel.prompts:
            if prompt.path.startswith("about."):
                continue
            answer = _answer(prompt, get_path(data, prompt.path))
            if answer is not None:
                answered.append(f"{h}## {prompt.label}\n\n{answer}\n")
        out.append(f"{h}# {panel.number} {panel.title}\n")
        out.extend(answered or ["_Nothing written here yet. That's fine._\n"])
    return "\n".join(out).rstrip() + "\n"
