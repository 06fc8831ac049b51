"""A reflection as a readable Markdown page, from nested entry data. No Textual here.

Works on data that has not been validated yet (the review shows a reflection before it is
saved), so every value is read defensively.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recovery_tui.core.form import format_action, get_path, parse_actions
from recovery_tui.core.prompts import PANELS, Prompt, choice_label


def _items(value: Any, separators: str = "\n") -> list[str]:
    if isinstance(value, str):
        for sep in separators[1:]:
            value = value.replace(sep, separators[0])
        value = value.split(separators[0])
    if not isinstance(value, list):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _block(text: str) -> str:
    # Keep the writer's own line breaks: Markdown joins single newlines otherwise.
    return "  \n".join(text.strip().split("\n"))


def _answer(prompt: Prompt, value: Any) -> str | None:
    kind = prompt.kind
    if kind in {"line", "text", "date"}:
        text = str(getattr(value, "isoformat", lambda: value)()) if value else ""
        return _block(text) if text.strip() else None
    if kind in {"lines", "tags"}:
        items = _items(value, "\n," if kind == "tags" else "\n")
        if not items:
            return None
        return ", ".join(items) if kind == "tags" else "\n".join(f"- {item}" for item in items)
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
                lines.append(f"- {box} {format_action({**action, 'done': False})}")
        return "\n".join(lines) or None
    return None


def title_of(data: Mapping[str, Any]) -> str:
    company = str(get_path(data, "about.company") or "").strip() or "A company with no name yet"
    role = str(get_path(data, "about.role") or "").strip()
    return f"{company}, {role}" if role else company


def render_markdown(data: Mapping[str, Any], *, heading_level: int = 1) -> str:
    """The whole reflection: a title, then one section per panel with each answered prompt."""
    h = "#" * heading_level
    out = [f"{h} {title_of(data)}", ""]
    for panel in PANELS:
        answered = []
        for prompt in panel.prompts:
            if prompt.path in {"about.company", "about.role"}:
                continue
            answer = _answer(prompt, get_path(data, prompt.path))
            if answer is not None:
                answered.append(f"{h}## {prompt.label}\n\n{answer}\n")
        out.append(f"{h}# {panel.number} {panel.title}\n")
        out.extend(answered or ["_Nothing written here yet. That's fine._\n"])
    return "\n".join(out).rstrip() + "\n"
