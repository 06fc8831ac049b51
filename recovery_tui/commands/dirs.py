"""``--dir``: a folder the person named on the command line is checked before it is used.

Unlike a folder from the environment or the settings (which falls back to the usual one
with a note), a ``--dir`` that can't be used is refused, with what to do instead: the
person asked for that folder, so quietly using another would surprise them.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from recovery_tui.commands import Refusal
from recovery_tui.core import folders

_WHAT_TO_DO = "give --dir a new or empty folder, or the folder of a journal"


def check_dir(cli_dir: str, *, writes: bool) -> Path:
    """The folder `cli_dir` names, or Refusal saying why it can't be used.

    With `writes` (the app, import, serve) a folder that already has other things in it
    is refused too: making it a journal would change its permissions to 0700.
    """
    path, problem = folders.expand(cli_dir)
    if path is None:
        raise Refusal(f"--dir {cli_dir} can't be used: {problem}. Nothing was changed; "
                      f"{_WHAT_TO_DO}.")  # fmt: skip
    problem = folders.folder_problem(path)
    if problem == "it is a file, not a folder":
        raise Refusal(f"{path} is a file, not a folder. Nothing was changed; {_WHAT_TO_DO}.")
    if problem is not None:
        raise Refusal(f"--dir {path} can't be used: {problem}. Nothing was changed; "
                      f"{_WHAT_TO_DO}.")  # fmt: skip
    if not writes:
        return path
    problem = folders.journal_problem(path)
    if problem == folders.NOT_A_JOURNAL:
        example = shlex.quote(str(path / "recovery-journal"))
        raise Refusal(
            f"{path} isn't a journal folder: it already has other files in it, and a journal "
            "needs a private folder of its own (only you can open it). Nothing was changed. "
            f"Use a new or empty folder, e.g. --dir {example}, or the folder of a journal."
        )
    if problem is not None:
        raise Refusal(f"--dir {path} can't be used: {problem}. Nothing was changed; "
                      f"{_WHAT_TO_DO}.")  # fmt: skip
    return path
