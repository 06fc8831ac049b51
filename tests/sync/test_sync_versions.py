"""Earlier versions of a reflection from git history, and deleted ones found again."""

from __future__ import annotations

from datetime import timedelta

from recovery_tui.core.sync import repo, versions
from recovery_tui.core.trash import move_to_trash
from tests.conftest import FIXED_NOW
from tests.sync.conftest import Machines, reflection


def _commit(machines: Machines, what: str) -> None:
    with repo.repo_lock(machines.a.paths.root):
        repo.commit_all(machines.a.paths.root, what)


def test_versions_list_when_where_and_what_changed_and_restore_is_a_new_change(
    machines: Machines,
) -> None:
    a = machines.a
    root = a.paths.root
    path = a.save(reflection("Northwind", 1))
    _commit(machines, "New reflection")
    entry, fp = a.load(path)
    learn = entry.learn.model_copy(update={"prepare_better": "Second thoughts."})
    a.save(entry.model_copy(update={"learn": learn}), path, expected=fp)
    _commit(machines, "Edited")
    rel = f"entries/{path.name}"
    found = versions.versions(root, rel)
    assert [v.action for v in found] == ["Edited", "New reflection"]
    assert found[0].changed == ("learn.prepare_better",)
    assert found[1].changed == ("new",)
    assert found[0].machine == repo.machine()
    old = versions.show(root, found[1].commit, rel)
    assert old is not None and b"Read the job ad twice." in old
    later = FIXED_NOW + timedelta(days=1)
    versions.restore(root, rel, found[1].commit, later)
    back = a.read(path)
    assert back.learn.prepare_better == "Read the job ad twice."
    assert back.updated == later
    _commit(machines, "Restored an earlier version")
    assert len(versions.versions(root, rel)) == 3  # nothing in history was rewritten


def test_deleted_reflections_are_found_again_after_the_trash_is_emptied(
    machines: Machines,
) -> None:
    a = machines.a
    root = a.paths.root
    path = a.save(reflection("Northwind", 1))
    _commit(machines, "New reflection")
    trashed = move_to_trash(a.paths, path)
    trashed.unlink()  # the trash emptied
    _commit(machines, "Moved to the trash")
    (gone,) = versions.deleted(root)
    assert gone.path == f"entries/{path.name}"
    versions.restore(root, gone.path, gone.commit, FIXED_NOW)
    assert a.read(path).about.company == "Northwind"
    assert versions.deleted(root) == []
