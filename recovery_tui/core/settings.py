"""The user's settings file (only the theme for now). No Textual here.

A missing or unreadable settings file never stops the app: it falls back to defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from recovery_tui.core import fsutil


@dataclass(frozen=True)
class Settings:
    theme: str | None = None


def load_settings(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) and theme else None)


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings, keeping any keys this version does not know."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    if settings.theme:
        data["theme"] = settings.theme
    fsutil.ensure_private_dir(path.parent)
    fsutil.atomic_write(path, tomli_w.dumps(data).encode("utf-8"))
