"""Every change is a commit, made off the typing path by the committer thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from recovery_tui.core.actions import set_action_done
from recovery_tui.core.practice import update_practice
from recovery_tui.core.sync import git, hook, repo
from recovery_tui.core.sync.committer import Committer
from recovery_tui.core.trash import move_to_trash, restore_from_trash
from tests.conftest import FIXED_NOW
from tests.sync.conftest import Machines, reflection


def _subjects(root: Path) -> list[str]:
    return git.out(root, "log", "--format=%s").splitlines()


def test_each_change_is_one_commit_naming_the_action_and_file(machines: Machines) -> None:
    journal = machines.a
    root = journal.paths.root
    committer = Committer(root)
    committer.start()
    hook.register(root, committer)
    try:
        entry = reflection("Northwind", 1).model_copy()
        prepare = entry.prepare.model_copy(update={"actions": [{"text": "Email Sam"}]})
        path = journal.save(entry.model_copy(update={"prepare": prepare}))
        assert committer.flush()
        set_action_done(journal, path, 0, "Email Sam", done=True, now=FIXED_NOW)
        assert committer.flush()
        update_practice(root, lambda state: None)
        assert committer.flush()
        trashed = move_to_trash(journal.paths, path)
        assert committer.flush()
        restore_from_trash(journal.paths, trashed)
        assert committer.flush()
    finally:
        hook.unregister(root, committer)
        committer.stop()
    name = f"entries/{path.name}"
    assert _subjects(root)[:5] == [
        f"Restored from the trash: trash/{path.name}, {name}",
        f"Moved to the trash: {name}, trash/{path.name}",
        "Practice notes: practice.toml",
        f"Ticked off a next action: {name}",
        f"New reflection: {name}",
    ]
    assert "Machine: " in git.out(root, "log", "-1", "--format=%b")
    assert git.out(root, "status", "--porcelain") == ""


def test_a_failed_commit_never_blocks_the_save_and_is_retried(
    machines: Machines, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = machines.a
    root = journal.paths.root
    committer = Committer(root, retry=0.05)
    hook.register(root, committer)
    real = repo.commit_all
    broken = [True]

    def commit_all(*args: Any, **kw: Any) -> bool:
        if broken[0]:
            raise git.GitFailed(("commit",), "the disk is full")
        return real(*args, **kw)

    monkeypatch.setattr(repo, "commit_all", commit_all)
    committer.start()
    try:
        path = journal.save(reflection("Northwind", 1))
        assert path.exists()  # saved, whatever git does
        assert not committer.flush(wait=5)
        assert committer.pending == 1 and committer.problem == "the disk is full"
        broken[0] = False
        committer.retry_now()
        import time

        deadline = time.monotonic() + 10
        while committer.pending and time.monotonic() < deadline:
            time.sleep(0.02)
        assert committer.pending == 0 and committer.problem is None
    finally:
        hook.unregister(root, committer)
        committer.stop()
    assert _subjects(root)[0] == f"New reflection: entries/{path.name}"


def test_no_committer_no_git_work(machines: Machines) -> None:
    before = _subjects(machines.a.paths.root)
    machines.a.save(reflection("Northwind", 1))
    assert _subjects(machines.a.paths.root) == before  # the next sync commits it
    with repo.repo_lock(machines.a.paths.root):
        assert repo.commit_all(machines.a.paths.root, "Changes not committed yet")
    assert date.today()  # (a real date module: nothing patched)
