"""`recovery-tui locate`: where the journal, settings and entries are. Prints no entry text."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import Refusal
from recovery_tui.core.journal import Journal
from recovery_tui.paths import AppPaths, settings_problems


def locate(app_paths: AppPaths, out: TextIO) -> int:
    """Print where things live. Lists file names only, never what is in them."""
    root = app_paths.journal.root
    settings = app_paths.settings_file
    entries_dir = app_paths.journal.entries
    print(f"Journal folder:  {root}{_missing(root)}", file=out)
    print(f"Settings file:   {settings}{_missing(settings)}", file=out)
    problems = settings_problems(settings)
    if problems:
        for line in problems.splitlines():
            print(textwrap.fill(line, width=78, initial_indent="  ", subsequent_indent="    "),
                  file=out)  # fmt: skip
    try:
        files = Journal(app_paths.journal).entry_files()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Refusal(
            f"couldn't list the entries in {entries_dir} ({reason.lower()}). "
            "Nothing was changed; check the folder's permissions and try again.",
            code=1,
        ) from None
    if not files:
        print("Entries:         none yet", file=out)
        print(f"Each reflection you save becomes one file in {entries_dir}", file=out)
        return 0
    count = f"{len(files)} entr{'y' if len(files) == 1 else 'ies'}"
    print(f"Entries:         {count}, newest first", file=out)
    for path in files:
        print(path, file=out)
    return 0


def _missing(path: Path) -> str:
    return "" if path.exists() else " (not created yet)"
