"""Earlier versions of a reflection, from git history: when, on which machine, what changed;
one read as text, or brought back as a new change. Reflections deleted long ago (trash
emptied) are found again the same way. No Textual here."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.sync import git, repo
from recovery_tui.core.sync.merge import differences

LIMIT = 200
_SEP = "\x1f"


@dataclass(frozen=True)
class Version:
    commit: str
    when: datetime
    machine: str
    action: str
    #: The fields that differ from the version before ("new" for the first).
    changed: tuple[str, ...]


def _log(root: Path, *args: str) -> list[list[str]]:
    text = git.out(root, "log", f"-n{LIMIT}", f"--format=%H{_SEP}%aI{_SEP}%an{_SEP}%s", *args)
    return [line.split(_SEP) for line in text.splitlines() if line.count(_SEP) == 3]


def show(root: Path, commit: str, path: str) -> bytes | None:
    """The file `path` as it was in `commit` (None: not there then)."""
    done = git.run(root, "cat-file", "blob", f"{commit}:{path}", check=False)
    if done.returncode != 0:
        return None
    data: bytes = done.stdout
    if fsutil.is_age(data):  # an encrypted journal's version: plain in memory only
        with contextlib.suppress(OSError):
            data = fsutil.unseal_for(Path(root) / path, data)
    return data


def versions(root: Path, path: str) -> list[Version]:
    """Every commit that changed `path` (inside the journal), newest first."""
    if not repo.is_repo(root) or repo.head(root) is None:
        return []
    rows = _log(root, "--no-renames", "--", path)
    texts = [show(root, row[0], path) for row in rows]
    found: list[Version] = []
    for i, row in enumerate(rows):
        now, before = texts[i], texts[i + 1] if i + 1 < len(rows) else None
        if now is None:
            changed: tuple[str, ...] = ("deleted",)
        elif before is None:
            changed = ("new",)
        else:
            changed = tuple(line.partition(":")[0] for line in differences(before, now)) or (
                "nothing in the reflection",
            )
        found.append(Version(row[0], datetime.fromisoformat(row[1]), row[2], row[3], changed))
    return found


@dataclass(frozen=True)
class Deleted:
    path: str
    #: The last commit that still had it.
    commit: str
    when: datetime


def deleted(root: Path) -> list[Deleted]:
    """Reflections once in ``entries/`` that are not there now, newest deletion first."""
    if not repo.is_repo(root) or repo.head(root) is None:
        return []
    text = git.out(
        root, "log", "--no-renames", "--diff-filter=D", "--name-only",
        f"--format={_SEP}%H{_SEP}%aI", "--", "entries/",
    )  # fmt: skip
    found: dict[str, Deleted] = {}
    commit, when = "", datetime.now()
    for line in text.splitlines():
        if line.startswith(_SEP):
            _, commit, stamp = line.split(_SEP)
            when = datetime.fromisoformat(stamp)
        elif line.strip() and line not in found and not (Path(root) / line).exists():
            found[line] = Deleted(line, commit + "^", when)
    return list(found.values())


def restore(root: Path, path: str, commit: str, now: datetime) -> Path:
    """Bring back `path` as it was in `commit`, as a new change (the later versions stay in
    history). ValueError if that version can't be read as a reflection."""
    from recovery_tui.core import tomlio
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import JournalPaths

    raw = show(root, commit, path)
    if raw is None:
        raise ValueError("That version isn't in the history.")
    entry = tomlio.loads(tomlio.decode(raw))
    journal = Journal(JournalPaths(Path(root)))
    target = Path(root) / path
    expected = journal.fingerprint_of(target)
    return journal.save(
        entry.model_copy(update={"updated": now}),
        target,
        expected=expected,
        create_folder=False,
        action="Restored an earlier version",
    )
