"""Saving the settings file: the theme chosen in the app is remembered, and every other key
and comment of the file is kept. No Textual here.

Saving never writes over a file that could not be read or parsed (see `settings`).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomli_w

from recovery_tui.core import fsutil
from recovery_tui.core.settings import read_data


class SettingsNotSaved(Exception):
    """Saving would lose what is in the file (it could not be read); the message says why."""


def _set_top_level(text: str, name: str, value: str) -> str:
    """Replace or add ``name = "value"`` at the top of the file, keeping everything else."""
    line = f"{name} = {tomli_w.dumps({name: value}).split('=', 1)[1].strip()}"
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for number, current in enumerate(lines):
        if current.lstrip().startswith("["):
            break  # past the top-level keys
        if pattern.match(current):
            ending = "\n" if current.endswith("\n") else ""
            lines[number] = line + ending
            return "".join(lines)
    insert_at = 0
    for number, current in enumerate(lines):  # after leading comments and blank lines
        if current.strip() and not current.lstrip().startswith("#"):
            break
        insert_at = number + 1
    lines.insert(insert_at, line + "\n")
    return "".join(lines)


def save_settings(path: Path, *, theme: str) -> None:
    """Remember the theme, keeping every other key and comment of the file.

    Raises `SettingsNotSaved` if the file exists but can't be read or parsed (writing would
    lose what is in it), and OSError if writing fails.
    """
    data, failure = read_data(path)
    if data is None:
        raise SettingsNotSaved(f"{path.name} {failure}, and saving would lose what is in it")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError):
        raise SettingsNotSaved(f"{path.name} can't be read now") from None
    wanted = {**data, "theme": theme}
    updated = _set_top_level(text, "theme", theme)
    try:
        if tomllib.loads(updated) != wanted:
            updated = tomli_w.dumps(wanted)
    except tomllib.TOMLDecodeError:
        updated = tomli_w.dumps(wanted)
    fsutil.ensure_private_dir(path.parent)
    fsutil.atomic_write(path, updated.encode("utf-8"))
