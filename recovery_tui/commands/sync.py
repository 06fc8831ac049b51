"""``recovery-tui sync``: the journal on every machine, through git.

``sync init [REMOTE]`` turns it on (or joins a journal already there), ``sync`` syncs,
``sync history [FILE]`` lists earlier versions, ``sync restore FILE`` brings one back.
Prints file names and dates only, never what a reflection says.
"""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import PROG, Refusal, printable
from recovery_tui.core.paths import display_path
from recovery_tui.core.sync import engine, git, repo, versions


def _needs_git() -> None:
    if git.git_path() is None:
        raise Refusal(git.INSTALL_HINT, code=1)


def _said(result: engine.SyncResult, remote: str, out: TextIO) -> None:
    came = len([p for p in result.changed if p not in result.conflicts])
    parts = [f"Synced with {printable(remote)}."]
    if came:
        parts.append(f"{came} file{'s' if came != 1 else ''} came in from the other machines.")
    if result.conflicts:
        count = len(result.conflicts)
        parts.append(
            f"{count} reflection{'s' if count != 1 else ''} changed in the same place on two "
            f"machines: both versions are kept. Run '{PROG} check' or press f on home to "
            "choose which stays."
        )
    print(" ".join(parts), file=out)


def _sync(root: Path, out: TextIO) -> int:
    remote = repo.remote_url(root) or ""
    try:
        result = engine.sync(root)
    except engine.Unreachable as why:
        raise Refusal(
            f"Couldn't reach {printable(remote)} ({printable(str(why))}). Your journal is as "
            "it was and keeps working here; sync again once that place can be reached.",
            code=1,
        ) from None
    except engine.NotSetUp as why:
        raise Refusal(
            f"{why} Run '{PROG} sync init REMOTE' with the place to sync with (a path or "
            "an address git understands).",
            code=1,
        ) from None
    except (git.GitFailed, OSError) as error:
        raise Refusal(
            f"Couldn't sync ({printable(str(error))}). Nothing was lost; try again.", code=1
        ) from None
    _said(result, remote, out)
    return 0


def sync_command(root: Path, args: Namespace, out: TextIO) -> int:
    _needs_git()
    what = getattr(args, "what", None)
    if what == "init":
        return init(root, getattr(args, "remote", None), out)
    if what == "history":
        return history(root, getattr(args, "file", None), out)
    if what == "restore":
        return restore(root, args.file, args.version, out)
    if not repo.is_repo(root):
        raise Refusal(
            f"Sync isn't turned on for {display_path(root)} yet. Run '{PROG} sync init "
            "REMOTE' first.",
            code=1,
        )
    return _sync(root, out)


def init(root: Path, remote: str | None, out: TextIO) -> int:
    try:
        made = repo.init(root, remote)
    except (git.GitFailed, OSError) as error:
        raise Refusal(f"Couldn't turn on sync ({printable(str(error))}).", code=1) from None
    where = display_path(root)
    print(
        f"Sync is on for {where}: every change is now kept as a git commit."
        if made
        else f"Sync was already on for {where}.",
        file=out,
    )
    if remote:
        return _sync(root, out)
    if repo.remote_url(root) is None:
        print(
            f"To sync with other machines, run '{PROG} sync init REMOTE' with a place to keep "
            "it: a private repository, or a bare repository on a drive or over ssh.",
            file=out,
        )
    return 0


def _entry_path(root: Path, file: str) -> str:
    name = Path(file).name
    return f"entries/{name}"


def history(root: Path, file: str | None, out: TextIO) -> int:
    if not repo.is_repo(root):
        raise Refusal(f"Sync isn't turned on for {display_path(root)}, so there's no history.", 1)
    if file is None:
        gone = versions.deleted(root)
        if not gone:
            print("No deleted reflections in the history.", file=out)
        else:
            print(
                f"Deleted reflections you can bring back with '{PROG} sync restore FILE':",
                file=out,
            )
            for item in gone:
                print(f"  {_when(item.when)}  {printable(Path(item.path).name)}", file=out)
        return 0
    path = _entry_path(root, file)
    found = _kept(root, path)
    if not found:
        raise Refusal(f"There are no versions of {printable(path)} in the history.", 1)
    for number, version in enumerate(found):
        what = ", ".join(version.changed)
        print(
            f"{number:>3}  {_when(version.when)}  {printable(version.machine)}  "
            f"{printable(version.action)} ({printable(what)})",
            file=out,
        )
    first = (
        "0 is the version you have now"
        if (root / path).exists()
        else ("It isn't in the journal now; 0 is the last version it had")
    )
    print(f"{first}. '{PROG} sync restore FILE --version N' brings one back as a new "
          "change.", file=out)  # fmt: skip
    return 0


def _kept(root: Path, path: str) -> list[versions.Version]:
    """The versions that had the file (a deletion isn't one to bring back)."""
    return [v for v in versions.versions(root, path) if v.changed != ("deleted",)]


def restore(root: Path, file: str, number: int | None, out: TextIO) -> int:
    path = _entry_path(root, file)
    found = _kept(root, path)
    if number is None:  # the one before this one, or the last one a deleted file had
        number = 1 if (root / path).exists() else 0
    if not 0 <= number < len(found):
        raise Refusal(f"There is no version {number} of {printable(path)}; see '{PROG} sync "
                      f"history {printable(file)}'.", 1)  # fmt: skip
    try:
        versions.restore(root, path, found[number].commit, datetime.now().astimezone())
    except OSError as error:
        raise Refusal(f"Couldn't bring it back ({error.strerror}). Nothing changed.", 1) from None
    except ValueError:  # never quoted: pydantic's message can hold what the reflection says
        raise Refusal(
            "That version can't be read as a reflection, so it wasn't brought back. Nothing "
            "changed.",
            1,
        ) from None
    try:
        with repo.repo_lock(root):
            repo.commit_all(root, f"Restored an earlier version: {path}", (path,))
    except (git.GitFailed, OSError):
        pass  # saved; the next sync commits it
    print(f"Brought back {printable(path)} as it was on {_when(found[number].when)}.", file=out)
    return 0


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
