"""`recovery-tui locate`: where the journal, settings and entries are. Prints no entry text."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import PROG, Refusal, count_entries
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, may_exist
from recovery_tui.core.printable import printable

#: The newest few entry files are listed by name; the count says how many there are.
SHOWN_FILES = 5


def _wrapped(text: str, out: TextIO) -> None:
    for line in printable(text).splitlines():
        print(textwrap.fill(line, width=78, initial_indent="  ", subsequent_indent="    "),
              file=out)  # fmt: skip


def settings_problems(settings_file: Path) -> str | None:
    """The settings file's problems in one message, or None (no file, or all is well).

    Reads the file only if there is one (pydantic), and checks the theme and the key remaps
    only if it sets them (Textual)."""
    if not may_exist(settings_file):
        return None
    from dataclasses import replace

    from recovery_tui.core.settings import load_settings

    loaded = load_settings(settings_file)
    if loaded.settings.theme or loaded.settings.keys:
        from textual.theme import BUILTIN_THEMES

        from recovery_tui.keymap import check_settings

        _, more = check_settings(loaded.settings, BUILTIN_THEMES)
        loaded = replace(loaded, problems=[*loaded.problems, *more])
    return loaded.message(settings_file)


def locate(app_paths: AppPaths, out: TextIO) -> int:
    """Print where things live. Lists file names only, never what is in them."""
    root = app_paths.journal.root
    settings = app_paths.settings_file
    entries_dir = app_paths.journal.entries
    print(f"Journal folder:  {printable(root)}{_missing(root)}", file=out)
    print(f"Settings file:   {printable(settings)}{_missing(settings)}", file=out)
    for note in app_paths.notes:
        _wrapped(note, out)
    problems = settings_problems(settings)
    if problems:
        _wrapped(problems, out)
    try:
        files = Journal(app_paths.journal).entry_files()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Refusal(
            f"couldn't list the reflections in {entries_dir} ({reason.lower()}). "
            "Nothing was changed; check the folder's permissions and try again.",
            code=1,
        ) from None
    if not files:
        print("Reflections:     none yet", file=out)
        print(f"Each reflection you save becomes one file in {printable(entries_dir)}", file=out)
        return 0
    print(f"Reflections:     {count_entries(len(files))}, newest first, in "
          f"{printable(entries_dir)}", file=out)  # fmt: skip
    for path in files[:SHOWN_FILES]:
        print(f"  {printable(path.name)}", file=out)
    if len(files) > SHOWN_FILES:
        print(f"  and {len(files) - SHOWN_FILES} more; '{PROG} list' lists them all", file=out)
    return 0


def _missing(path: Path) -> str:
    try:
        return "" if path.exists() else " (not created yet)"
    except (OSError, ValueError):
        return " (can't be looked at)"
