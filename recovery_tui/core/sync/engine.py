"""``recovery-tui sync``: commit anything left, fetch, join, push. No Textual here.

The join is our own, never git's merge or rebase: the joined tree is built from git objects
in a private index, the changed files are then written into the folder atomically, and only
then does the branch move. A kill -9 at any point leaves whole files and a branch that is
either the old one or the joined one; the next sync commits whatever was written and joins
again, which comes out the same (see `merge`), so nothing is lost and nothing is half-done.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.sync import git, repo
from recovery_tui.core.sync.merge import conflict_name, merge_toml

TRIES = 3
_ZERO = "0" * 40


class NotSetUp(RuntimeError):
    """Sync isn't turned on for this journal, or it has no place to sync with."""


class Unreachable(RuntimeError):
    """The place to sync with can't be reached (or isn't there)."""


@dataclass
class SyncResult:
    #: Files the join changed here, and conflict copies it made (paths inside the journal).
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    pushed: bool = False


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _tree(root: Path, commit: str | None) -> dict[str, tuple[str, str]]:
    """path -> (mode, blob id) of every file in `commit` (empty for None)."""
    if commit is None:
        return {}
    raw = git.run(root, "ls-tree", "-r", "-z", "--full-tree", commit).stdout
    files: dict[str, tuple[str, str]] = {}
    for item in raw.split(b"\0"):
        if not item:
            continue
        info, _, name = item.partition(b"\t")
        mode, kind, blob = info.decode().split()
        if kind == "blob":
            files[name.decode("utf-8", "surrogateescape")] = (mode, blob)
    return files


def _changes(
    root: Path, old: str | None, new: str
) -> dict[str, tuple[tuple[str, str] | None, tuple[str, str] | None]]:
    """path -> ((mode, blob) in `old` or None, the same in `new`) for each file that differs:
    git compares the trees, so a journal of 10,000 files costs what the change costs."""
    if old is None:
        return {path: (None, item) for path, item in _tree(root, new).items()}
    raw = git.run(root, "diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", old, new).stdout
    fields = raw.split(b"\0")
    found: dict[str, tuple[tuple[str, str] | None, tuple[str, str] | None]] = {}
    for at in range(0, len(fields) - 1, 2):
        info, name = fields[at].decode(), fields[at + 1].decode("utf-8", "surrogateescape")
        old_mode, new_mode, old_blob, new_blob, _status = info.lstrip(":").split()
        before = None if set(old_blob) == {"0"} else (old_mode, old_blob)
        after = None if set(new_blob) == {"0"} else (new_mode, new_blob)
        if (before and before[0] == "160000") or (after and after[0] == "160000"):
            continue  # a submodule: never part of a journal
        found[name] = (before, after)
    return found


def _cat(root: Path, blob: str) -> bytes:
    return git.run(root, "cat-file", "blob", blob).stdout


def _cat_many(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Many blobs at once (one git process: a first sync may bring thousands of files)."""
    if not blobs:
        return {}
    wanted = "".join(f"{blob}\n" for blob in dict.fromkeys(blobs)).encode()
    raw = git.run(root, "cat-file", "--batch", input=wanted, timeout=git.BULK_TIMEOUT).stdout
    found: dict[str, bytes] = {}
    at = 0
    while at < len(raw):
        end = raw.index(b"\n", at)
        blob, kind, *size_ = raw[at:end].decode().split()
        if kind == "missing" or not size_:
            raise git.GitFailed(("cat-file",), f"the repository is missing {blob}")
        size = size_[0]
        start = end + 1
        found[blob] = raw[start : start + int(size)]
        at = start + int(size) + 1
    return found


def _store(root: Path, data: bytes) -> str:
    return git.run(root, "hash-object", "-w", "--stdin", input=data).stdout.decode().strip()


def _merge_base(root: Path, ours: str, theirs: str) -> str | None:
    done = git.run(root, "merge-base", ours, theirs, check=False)
    return done.stdout.decode().strip() or None if done.returncode == 0 else None


def _is_ancestor(root: Path, older: str, newer: str) -> bool:
    return git.run(root, "merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def _join(root: Path, ours: str | None, theirs: str, result: SyncResult) -> str:
    """The commit that joins `ours` and `theirs` (made, not yet checked out). Only what
    changed since the version both came from is looked at."""
    base = _merge_base(root, ours, theirs) if ours else None
    theirs_changed = _changes(root, base, theirs)
    ours_changed = _changes(root, base, ours) if ours else {}
    updates: dict[str, tuple[str, str] | None] = {}
    for path, (bv, tv) in sorted(theirs_changed.items()):
        ov = ours_changed[path][1] if path in ours_changed else bv
        if ov == tv:
            continue
        if ov == bv or ov is None:  # unchanged here, or deleted here and edited there
            updates[path] = tv
            continue
        if tv is None:  # deleted there, edited here: the edit is kept
            continue
        merged = merge_toml(
            _cat(root, bv[1]) if bv else None,
            _cat(root, ov[1]),
            _cat(root, tv[1]),
            entry=path.startswith("entries/") and path.endswith(".toml"),
        )
        assert merged.data is not None
        updates[path] = (ov[0], _store(root, merged.data))
        if merged.conflict is not None:
            folder, _, name = path.rpartition("/")
            copy = (folder + "/" if folder else "") + conflict_name(name, merged.conflict)
            updates[copy] = ("100644", _store(root, merged.conflict))
            result.conflicts.append(copy)
    index = repo.merge_index(root)
    env = {"GIT_INDEX_FILE": os.fspath(index)}
    try:
        git.run(root, "read-tree", *([ours] if ours else ["--empty"]), env=env)
        lines = "".join(
            f"{item[0]} {item[1]}\t{path}\0" if item else f"0 {_ZERO}\t{path}\0"
            for path, item in sorted(updates.items())
        )
        if lines:
            git.run(root, "update-index", "-z", "--index-info", input=lines.encode(), env=env)
        tree = git.out_env(root, env, "write-tree")
    finally:
        with contextlib.suppress(OSError):
            index.unlink()
    parents = ["-p", ours] if ours else []
    message = f"Joined with the other machines\n\nMachine: {repo.machine()}\n"
    done = git.run(
        root, "commit-tree", tree, *parents, "-p", theirs, "-m", message, env=repo.identity()
    )
    return done.stdout.decode().strip()


class ChangedMeanwhile(Exception):
    """A file was saved while the sync was joining: commit it and join again."""


def _check_out(root: Path, old: str | None, new: str, result: SyncResult) -> None:
    """Write the files that differ between `old` and `new` into the folder (each atomically,
    under the journal's write lock, only if it still is what `old` holds), then move the
    branch to `new`."""
    changes = _changes(root, old, new)
    before = {path: was for path, (was, _) in changes.items() if was is not None}
    after = {path: now for path, (_, now) in changes.items() if now is not None}
    changed = sorted(changes)
    contents = _cat_many(root, [after[p][1] for p in changed if p in after])
    many = len(changed) > 1  # one sync of the whole disk instead of one per file
    with fsutil.write_lock(root):
        for path in changed:
            target = root / path
            now = _read_now(target)
            was = before.get(path)
            if (now is None) != (was is None) or (
                now is not None and was and _blob_id(now) != was[1]
            ):
                raise ChangedMeanwhile(path)
        for path in changed:
            target = root / path
            if path in after:
                mode, blob = after[path]
                if mode not in ("100644", "100755"):
                    continue  # links and submodules are never written into the journal
                fsutil.ensure_private_dir(target.parent)
                fsutil.atomic_write(target, contents[blob], durable=not many)
            else:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                    if not many:
                        fsutil.fsync_dir(target.parent)
            result.changed.append(path)
        if many:  # every file on disk before the branch says they are there
            os.sync()
        ref = f"refs/heads/{repo.BRANCH}"
        git.run(root, "update-ref", ref, new, old or _ZERO)
        if git.run(root, "symbolic-ref", "-q", "HEAD", check=False).stdout.strip() != ref.encode():
            git.run(root, "symbolic-ref", "HEAD", ref)
        git.run(root, "reset", "-q")


def _read_now(path: Path) -> bytes | None:
    try:
        # raw: compared with what git holds, which for an encrypted journal is ciphertext
        return fsutil.read_file(path, 64 * 1024 * 1024, follow_symlinks=False, raw=True)
    except FileNotFoundError:
        return None
    except (fsutil.NotAFile, fsutil.TooLargeToRead):
        return b"\0(not a file)"


def sync(root: Path) -> SyncResult:
    """Commit, fetch, join, push. NotSetUp, Unreachable or GitFailed say why not."""
    root = Path(root)
    if git.git_path() is None:
        raise git.GitMissing
    if not repo.is_repo(root):
        raise NotSetUp("Sync isn't turned on for this journal yet.")
    if repo.remote_url(root) is None:
        raise NotSetUp("This journal has no place to sync with yet.")
    result = SyncResult()
    with repo.repo_lock(root):
        for _ in range(TRIES):
            repo.commit_all(root, "Changes not committed yet")
            try:
                git.run(root, "fetch", "-q", "--no-tags", repo.REMOTE, timeout=git.NETWORK_TIMEOUT)
            except git.GitFailed as error:
                raise Unreachable(error.detail) from None
            theirs = _rev(root, f"refs/remotes/{repo.REMOTE}/{repo.BRANCH}")
            ours = repo.head(root)
            new = ours
            if theirs is not None and theirs != ours:
                if ours is None or _is_ancestor(root, ours, theirs):
                    new = theirs
                elif not _is_ancestor(root, theirs, ours):
                    new = _join(root, ours, theirs, result)
                if new != ours:
                    assert new is not None
                    try:
                        _check_out(root, ours, new, result)
                    except ChangedMeanwhile:
                        continue
            if new is None or new == theirs:
                return result
            pushed = git.run(
                root, "push", "-q", repo.REMOTE, f"{new}:refs/heads/{repo.BRANCH}",
                timeout=git.NETWORK_TIMEOUT, check=False,
            )  # fmt: skip
            if pushed.returncode == 0:
                result.pushed = True
                return result
            if b"rejected" not in pushed.stderr and b"fetch first" not in pushed.stderr:
                raise Unreachable(git.last_line(pushed.stderr) or "git push failed")
    raise git.GitFailed(("sync",), "the other machines kept changing it; try again")


def _rev(root: Path, ref: str) -> str | None:
    done = git.run(root, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    return done.stdout.decode().strip() or None if done.returncode == 0 else None
