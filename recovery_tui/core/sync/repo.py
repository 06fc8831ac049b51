"""Turning sync on: the journal folder as a git repository, what stays out of it, who
commits, and the lock every change to the repository takes. No Textual here."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from recovery_tui.core import fsutil
from recovery_tui.core.sync import git

BRANCH = "main"
REMOTE = "origin"
#: Machine-local things never go into the repository (settings and cache live elsewhere).
GITIGNORE = """\
# recovery-tui: what stays on this machine
/drafts/
/editing/
/exports/
/.lock
.*.tmp
*.tmp
*.swp
*~
.DS_Store
"""
_LOCK = "recovery-tui-sync.lock"
_MERGE_INDEX = "recovery-tui-merge-index"


def is_repo(root: Path) -> bool:
    """Whether sync is on for this journal folder (it has its own ``.git``)."""
    return (Path(root) / ".git").is_dir()


def machine() -> str:
    name = socket.gethostname().split(".")[0].strip()
    return name or "this computer"


def identity() -> dict[str, str]:
    """Commits name the machine, never the person's own git identity."""
    name = machine()
    email = f"recovery-tui@{name}".replace(" ", "-")
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


@contextlib.contextmanager
def repo_lock(root: Path, wait: float = 60.0) -> Iterator[None]:
    """Every change to the repository (a commit, a sync) holds this flock on
    ``.git/recovery-tui-sync.lock``. Whoever holds it may clear git's own lock files left by
    a git that was killed: no other git of ours can be running then."""
    import errno
    import fcntl
    import time

    fd = os.open(Path(root) / ".git" / _LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OSError(errno.EBUSY, "another sync is still running") from None
                time.sleep(0.01)
        clear_stale(root)
        yield
    finally:
        os.close(fd)


def clear_stale(root: Path) -> None:
    """Remove what a killed git or sync left: git's ``*.lock`` files and our merge index."""
    dot_git = Path(root) / ".git"
    candidates = [*dot_git.glob("*.lock"), *(dot_git / "refs").rglob("*.lock")]
    for path in candidates:
        if path.name != _LOCK:
            with contextlib.suppress(OSError):
                path.unlink()
    with contextlib.suppress(OSError):
        (dot_git / _MERGE_INDEX).unlink()


def merge_index(root: Path) -> Path:
    return Path(root) / ".git" / _MERGE_INDEX


def head(root: Path) -> str | None:
    done = git.run(root, "rev-parse", "--verify", "-q", "HEAD^{commit}", check=False)
    return done.stdout.decode().strip() or None if done.returncode == 0 else None


def remote_url(root: Path) -> str | None:
    done = git.run(root, "remote", "get-url", REMOTE, check=False)
    return done.stdout.decode("utf-8", "replace").strip() or None if done.returncode == 0 else None


def commit_all(root: Path, message: str, paths: tuple[str, ...] = ()) -> bool:
    """Commit what changed (only `paths`, if given and git knows them); False if nothing
    had changed. The caller holds `repo_lock`."""
    git.run(root, "add", "-A", ".", timeout=git.BULK_TIMEOUT)
    if git.run(root, "diff", "--cached", "--quiet", check=False).returncode == 0:
        return False
    body = f"{message}\n\nMachine: {machine()}\n"
    if paths:
        done = git.run(
            root, "commit", "-q", "--no-verify", "-m", body, "--", *paths,
            env=identity(), check=False,
        )  # fmt: skip
        if done.returncode == 0:
            return True
    git.run(
        root, "commit", "-q", "--no-verify", "-m", body, env=identity(), timeout=git.BULK_TIMEOUT
    )
    return True


def as_remote(remote: str) -> str:
    """A remote as git should be given it: a local path made absolute (git would read a
    relative one from inside the journal folder), an address as it is."""
    if "://" in remote or (":" in remote.split("/")[0] and not Path(remote).exists()):
        return remote  # https://..., ssh://..., user@host:path
    return os.path.abspath(os.path.expanduser(remote))


def init(root: Path, remote: str | None = None) -> bool:
    """Make `root` a git repository (or keep the one it is), with the ``.gitignore`` and,
    given `remote`, the place to sync with. Returns True if it was newly made. Commits what
    is there already. Fetching and joining the remote's journal is `engine.sync`'s work."""
    if git.git_path() is None:
        raise git.GitMissing
    fsutil.ensure_private_dir(Path(root))
    made = not is_repo(root)
    if made:
        git.run(root, "init", "-q", "-b", BRANCH)
    ignore = Path(root) / ".gitignore"
    if not ignore.exists():
        fsutil.atomic_write(ignore, GITIGNORE.encode())
    if remote:
        remote = as_remote(remote)
        if remote_url(root) is None:
            git.run(root, "remote", "add", REMOTE, remote)
        else:
            git.run(root, "remote", "set-url", REMOTE, remote)
    with repo_lock(root):
        commit_all(root, "Sync turned on" if made else "Changes not committed yet")
    return made
