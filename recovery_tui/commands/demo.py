"""`recovery-tui demo`: fill a separate, empty folder with made-up entries."""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import PROG, Refusal
from recovery_tui.core import folders, paths
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, display_path

DEMO_EXAMPLE = "--dir /tmp/recovery-demo"


def demo(cli_dir: str | None, count: int, *, seed: int, force: bool, out: TextIO) -> int:
    """Write `count` made-up entries into a folder that isn't the real journal."""
    if not cli_dir:
        raise Refusal(
            "demo needs a folder of its own. Nothing was written. "
            f"Add --dir with an empty folder, e.g. {DEMO_EXAMPLE}"
        )
    _, problem = folders.expand(cli_dir)
    if problem is not None:
        raise Refusal(f"--dir can't be used: {problem}. Nothing was written. "
                      f"Pick an empty folder for the demo, e.g. {DEMO_EXAMPLE}")  # fmt: skip
    app_paths = AppPaths.resolve(cli_dir)
    root = app_paths.journal.root
    _check_demo_folder(root, force=force)

    from recovery_tui.core.demo import write_demo

    journal = Journal(app_paths.journal)
    try:
        written = write_demo(journal, count, seed=seed, now=datetime.now().astimezone())
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        done = len(journal.entry_files()) if journal.paths.entries.is_dir() else 0
        raise Refusal(
            f"couldn't write demo reflections to {display_path(root)} ({reason}). "
            f"The folder now has {done} reflection files; your own journal wasn't touched. "
            "Free some space or pick another folder, then run it again.",
            code=1,
        ) from None
    noun = "reflection" if len(written) == 1 else "reflections"
    print(f"Wrote {len(written)} demo {noun} to {display_path(journal.paths.entries)}", file=out)
    print(f"Open them with: {PROG} --dir {shlex.quote(str(root))}", file=out)
    return 0


def _check_demo_folder(root: Path, *, force: bool) -> None:
    journal_dir = paths.default_journal_dir()
    if _same_or_inside(root, journal_dir):
        raise Refusal(
            f"demo reflections are made up, so they never go in your journal folder "
            f"({display_path(journal_dir)}). Nothing was written. "
            f"Pick a separate folder, e.g. {DEMO_EXAMPLE}"
        )
    if root.exists() and not root.is_dir():
        raise Refusal(
            f"{display_path(root)} is a file, not a folder. Nothing was written. "
            f"Pick an empty folder for the demo, e.g. {DEMO_EXAMPLE}"
        )
    if force or not root.exists():
        return
    try:
        has_files = any(root.iterdir())
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise Refusal(
            f"couldn't look inside {display_path(root)} ({reason}). Nothing was written. "
            "Pick a folder you can write to."
        ) from None
    if has_files:
        raise Refusal(
            f"{display_path(root)} already has files in it. Nothing was written. "
            "Pick an empty folder, or add --force to put the demo reflections next to them."
        )


def _same_or_inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents
