"""What a person sees: the whole screen of a running app as plain text, for assertions."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App) -> str:
    """Every character drawn on the screen now (a dialog and what shows behind it), line by
    line: exactly the text that reaches the terminal, less colours and cursor moves."""
    update = app.screen._compositor.render_update(  # the same call as export_screenshot
        full=True, screen_stack=app._background_screens
    )
    return "\n".join(
        "".join(segment.text for strip in line for segment in strip if not segment.control)
        for line in update.strips  # type: ignore[attr-defined]
    )


def squeeze(text: str) -> str:
    """Runs of whitespace as one space: lists, tables and pages lay words out differently."""
    return " ".join(text.split())


def on_screen(app: App, text: str) -> bool:
    """Is `text` on the screen, as written (spacing aside)?"""
    return squeeze(text) in squeeze(screen_text(app))
