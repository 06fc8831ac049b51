"""What a person sees: the screen of a running app as plain text, for assertions."""

from __future__ import annotations

from textual.app import App
from textual.geometry import Region
from textual.strip import Strip


def screen_text(app: App, region: Region | None = None) -> str:
    """Every character drawn on the screen now (a dialog and what shows behind it), line by
    line: exactly the text that reaches the terminal, less colours and cursor moves. With
    `region`, only what is drawn inside it (a dialog's text wraps inside its frame)."""
    update = app.screen._compositor.render_update(  # the same call as export_screenshot
        full=True, screen_stack=app._background_screens
    )
    lines = [Strip.join(line) for line in update.strips]  # type: ignore[attr-defined]
    if region is not None:
        lines = [line.crop(region.x, region.right) for line in lines[region.y : region.bottom]]
    return "\n".join(
        "".join(segment.text for segment in line if not segment.control) for line in lines
    )


def squeeze(text: str) -> str:
    """Runs of whitespace as one space: lists, tables and pages lay words out differently."""
    return " ".join(text.split())


def on_screen(app: App, text: str) -> bool:
    """Is `text` on the screen, as written (spacing aside)?"""
    return squeeze(text) in squeeze(screen_text(app))


def actions_on_screen(app: App) -> list[tuple[str, str]]:
    """(text, what a click on it would do) for every piece of the screen that runs an action
    or opens a link when clicked (Textual's `@click` markup, Markdown links, Rich links)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    found = []
    for line in update.strips:  # type: ignore[attr-defined]
        for segment in Strip.join(line):
            style = segment.style
            if style is None or segment.control:
                continue
            action = (style.meta or {}).get("@click") or style.link
            if action:
                found.append((segment.text, str(action)))
    return found
