"""Odd files outside ``entries/`` that the app skips: in ``drafts/``, and in place of
``practice.toml`` or the settings file. No Textual here.

A FIFO, socket or device there is never opened (reading a FIFO waits for a writer that
never comes); a draft whose name isn't UTF-8 can't be picked up. Each is named as a
problem, so the Files screen and ``recovery-tui check`` say what is skipped and why.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.problems.explain import Problem, bad_name_problem

#: ``practice.PRACTICE_FILE`` (not imported: the practice module loads pydantic).
PRACTICE_NAME = "practice.toml"

_NOT_REGULAR = "it's a pipe, socket or device, not a regular file"


def outside_entries(paths: JournalPaths, settings_file: Path | None = None) -> list[Problem]:
    """Problems in ``drafts/``, then with ``practice.toml``, then with `settings_file`."""
    problems = _draft_problems(paths.drafts)
    practice = _not_a_file(
        paths.root / PRACTICE_NAME,
        "so your practice list can't be read or kept. recovery-tui leaves it alone; move it "
        "out of the journal folder and a fresh practice list starts.",
    )
    if practice is not None:
        problems.append(practice)
    if settings_file is not None:
        settings = _not_a_file(
            settings_file,
            "so your settings can't be read and the defaults apply. recovery-tui leaves it "
            "alone; move it aside ('recovery-tui locate' shows where) to use settings again.",
        )
        if settings is not None:
            problems.append(settings)
    return problems


def _mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except OSError:  # not there (most often), or can't be looked at: the reader says why
        return None


def _not_a_file(path: Path, consequence: str) -> Problem | None:
    mode = _mode(path)
    if mode is None or stat.S_ISREG(mode):
        return None
    what = "it's a folder, not a file" if stat.S_ISDIR(mode) else _NOT_REGULAR
    return Problem(path, "foreign", "", f"This is named {path.name} but {what}, {consequence}")


def _draft_problems(folder: Path) -> list[Problem]:
    try:
        with os.scandir(folder) as listing:
            names = sorted(item.name for item in listing)
    except OSError:  # no drafts folder (most often): nothing to say
        return []
    problems: list[Problem] = []
    for name in names:
        if name.startswith(".") or fsutil.is_our_temp_file(name):
            continue
        path = folder / name
        if not fsutil.is_text_name(name):
            problems.append(bad_name_problem(path, draft=True))
            continue
        mode = _mode(path)
        if name.endswith(".toml") and mode is not None and not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "a pipe, socket or device"
            problems.append(
                Problem(
                    path,
                    "foreign",
                    "",
                    f"This is {what}, not a draft, so it is skipped. recovery-tui leaves it "
                    "alone; move it out of the drafts folder if you'd like it off this list.",
                )
            )
    return problems
