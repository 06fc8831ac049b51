"""`recovery-tui check`: list files that need a look; exit 1 if there are any, 0 when clean."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import count_entries, printable
from recovery_tui.core import paths
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import display_path


def check(journal_paths: paths.JournalPaths, out: TextIO, settings_file: Path | None = None) -> int:
    """List the files that need a look (damaged, conflicts, duplicates, or that the app can't
    show); 1 if there are any, 0 if the journal is clean. Reads every entry file, changes
    none, and never prints what is in them. Odd files in drafts/, as practice.toml or as
    `settings_file` are named too."""
    from recovery_tui.core.problems.explain import shown_path
    from recovery_tui.core.problems.scan import find_problems

    root = journal_paths.root
    journal = Journal(journal_paths)
    if not journal_paths.entries.is_dir():
        print(f"There's no journal in {display_path(root)} yet, so nothing to check.", file=out)
        return 0
    problems = find_problems(journal, settings_file=settings_file)
    entries = journal.entry_files()
    # Every file that reads cleanly is also shown the way the app shows it (cheap: no
    # screen), so a file the app can't show is named here, not called fine.
    from recovery_tui.widgets.showable import unshowable

    flagged = {problem.path for problem in problems}
    problems += unshowable(journal, [path for path in entries if path not in flagged])
    if not problems:
        print(
            f"Your journal is in good shape: {count_entries(len(entries))}, nothing to fix.",
            file=out,
        )
        return 0
    for problem in problems:
        name = shown_path(problem.path, root)
        where = f" ({problem.where})" if problem.where else ""
        print(f"{printable(name)}{where}", file=out)
        for line in textwrap.wrap(problem.explanation, width=78, initial_indent="  ",
                                  subsequent_indent="  ", break_on_hyphens=False):  # fmt: skip
            print(line, file=out)
        print(file=out)
    flagged = {problem.path for problem in problems}
    fine = sum(1 for path in entries if path not in flagged)
    count = len(problems)
    inside = all(problem.path.parent == journal_paths.entries for problem in problems)
    place = f" in {display_path(journal_paths.entries)}" if inside else ""
    print(
        f"{count} file{'' if count == 1 else 's'}{place} "
        f"need{'s' if count == 1 else ''} a look; {count_entries(fine)} "
        f"{'is' if fine == 1 else 'are'} fine. "
        "Nothing was changed.",
        file=out,
    )
    return 1
