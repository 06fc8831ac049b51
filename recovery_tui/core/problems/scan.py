"""Every file that needs a look: `find_problems`. Never changes a file. No Textual here."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui.core import fsutil
from recovery_tui.core.problems.examine import Examined, Gone, examine
from recovery_tui.core.problems.explain import (
    Problem,
    bad_name_problem,
    folder_problem,
    foreign_problem,
)
from recovery_tui.core.sync_names import conflict_match, is_conflict_copy

if TYPE_CHECKING:
    from recovery_tui.core.journal import Journal


def conflict_problem(path: Path) -> Problem:
    match = conflict_match(path.name)
    assert match is not None
    original_name, tool = match
    original = path.with_name(original_name)
    exists = os.path.lexists(original)
    try:
        copy = examine(path).problem
    except Gone:
        copy = None
    tool = tool[0].upper() + tool[1:]
    if exists:
        text = (
            f"{tool} made this copy because "
            f"{original_name} changed in two places at once. Both are kept. Choose which to "
            "keep, or keep both; the other goes to the trash folder, nothing is deleted."
        )
    else:
        text = (
            f"{tool} made this copy of "
            f"{original_name}, which isn't in the journal any more. It is kept; choose to "
            "keep it as the reflection, or move it to the trash folder."
        )
    if copy is not None and copy.kind != "newer_version":
        text += " This copy can't be opened itself, so only the original can be kept."
    return Problem(path, "conflict", "", text, original if exists else None)


def find_problems(
    journal: Journal,
    *,
    cache: ProblemCache | None = None,
    stop: Callable[[], bool] | None = None,
    settings_file: Path | None = None,
) -> list[Problem]:
    """Every file that needs a look, by file name: first those under ``entries/``, then
    the odd ones in ``drafts/``, ``practice.toml`` and (if given) the settings file.

    Hidden files (our own temp files among them) are skipped. A name that isn't UTF-8 is
    "bad_name"; conflict copies are "conflict"; anything that isn't a regular .toml file
    (a subfolder, notes.txt, a FIFO or socket) is "foreign"; every other .toml file is
    checked with `check_file`, and a readable entry whose id another one has too is a
    "duplicate" (see `duplicates`). Nothing is changed, and nothing but regular files is
    ever opened.

    With a `cache`, a file whose size and modification time are unchanged since the last
    scan is not read again (what was found in it last time is used), so looking again is
    cheap; `cache` keeps it between runs. `stop` is asked between files; when
    it says yes the scan ends early (with what it found so far).
    """
    from recovery_tui.core.problems.duplicates import duplicate_problems
    from recovery_tui.core.problems.odd_files import outside_entries

    folder = journal.paths.entries
    try:
        with os.scandir(folder) as listing:
            items = [(item.name, _is_dir(item), _stamp(item)) for item in listing]
    except (FileNotFoundError, NotADirectoryError):
        items = []
    except OSError as error:
        return [folder_problem(folder, error)]
    problems: list[Problem] = []
    #: File name -> entry id of every entry that reads cleanly, to find duplicates.
    ids: dict[str, str] = {}
    for name, is_dir, stamp in sorted(items):
        if stop is not None and stop():
            return problems
        if name.startswith(".") or fsutil.is_our_temp_file(name):
            continue
        path = folder / name
        if not fsutil.is_text_name(name):
            problems.append(bad_name_problem(path))
        elif is_dir:
            problems.append(foreign_problem(path, folder=True))
        elif is_conflict_copy(name):
            problems.append(conflict_problem(path))
        elif not name.endswith(".toml"):
            problems.append(foreign_problem(path, folder=False))
        else:
            known = cache.get(name) if cache is not None and stamp is not None else None
            if known is not None and known[:2] == stamp:  # unchanged: as found last time
                if len(known) == 3:
                    ids[name] = known[2]
                else:
                    problems.append(Problem(path, *known[2:]))
                continue
            try:
                examined = examine(path)
            except Gone:
                continue
            if examined.problem is not None:
                problems.append(examined.problem)
            else:
                assert examined.entry is not None  # no problem: the file is a readable entry
                ids[name] = examined.entry.id
            if cache is not None and stamp is not None:
                cache[name] = _cached(stamp, examined)
    if cache is not None:
        seen = {name for name, _, _ in items}
        for name in [name for name in cache if name not in seen]:
            del cache[name]
    problems.extend(duplicate_problems(folder, ids))
    problems.sort(key=lambda problem: problem.path.name)
    if stop is None or not stop():
        problems.extend(outside_entries(journal.paths, settings_file))
    return problems


#: File name -> (size, mtime_ns, entry id) of the .toml files that were fine when last
#: checked (the ids find duplicates), and (size, mtime_ns, kind, where, explanation) of
#: those that were not.
Cached = tuple[int, int, str] | tuple[int, int, str, str, str]


ProblemCache = dict[str, Cached]


def _cached(stamp: tuple[int, int], examined: Examined) -> Cached:
    """What the cache keeps of a file examined with `stamp`."""
    problem = examined.problem
    if problem is None:
        assert examined.entry is not None  # no problem: the file is a readable entry
        return (*stamp, examined.entry.id)
    return (*stamp, problem.kind, problem.where, problem.explanation)


def _stamp(item: os.DirEntry[str]) -> tuple[int, int] | None:
    try:
        info = item.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False
