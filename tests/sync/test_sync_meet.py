"""Two machines and a bare remote: reflections meet, edits join, nothing is lost."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from recovery_tui.core.problems.scan import find_problems
from recovery_tui.core.sync import engine, git, repo
from recovery_tui.core.sync.merge import differences
from tests.conftest import FIXED_NOW
from tests.sync.conftest import Machines, reflection


def _commit(root: Path) -> None:
    with repo.repo_lock(root):
        repo.commit_all(root, "test")


def test_entries_made_on_both_meet(machines: Machines) -> None:
    one = machines.a.save(reflection("Northwind", 1))
    two = machines.b.save(reflection("Heronsgate", 2))
    machines.sync(machines.a, machines.b, machines.a)
    names = {p.name for p in machines.a.entry_files()}
    assert names == {one.name, two.name} == {p.name for p in machines.b.entry_files()}
    assert (machines.b.paths.entries / one.name).read_bytes() == one.read_bytes()
    assert git.out(machines.a.paths.root, "status", "--porcelain") == ""


def test_different_fields_join(machines: Machines) -> None:
    path = machines.a.save(reflection("Northwind", 1))
    machines.sync(machines.a, machines.b)
    theirs = machines.b.paths.entries / path.name
    entry, fp = machines.a.load(path)
    later = FIXED_NOW + timedelta(hours=1)
    learn = entry.learn.model_copy(update={"prepare_better": "Practise the case study."})
    machines.a.save(entry.model_copy(update={"learn": learn, "updated": later}), path, expected=fp)
    entry_b, fp_b = machines.b.load(theirs)
    about = entry_b.about.model_copy(update={"role": "Senior analyst"})
    machines.b.save(
        entry_b.model_copy(update={"about": about, "updated": later + timedelta(minutes=5)}),
        theirs,
        expected=fp_b,
    )
    results = machines.sync(machines.a, machines.b, machines.a)
    assert not any(r.conflicts for r in results)
    for journal in (machines.a, machines.b):
        joined = journal.read(journal.paths.entries / path.name)
        assert joined.learn.prepare_better == "Practise the case study."
        assert joined.about.role == "Senior analyst"
        assert joined.updated == later + timedelta(minutes=5)
    assert (machines.a.paths.entries / path.name).read_bytes() == theirs.read_bytes()


def test_same_field_keeps_both_as_a_conflict_copy(machines: Machines) -> None:
    path = machines.a.save(reflection("Northwind", 1))
    machines.sync(machines.a, machines.b)
    for journal, words in ((machines.a, "Mine: slow down."), (machines.b, "Theirs: ask more.")):
        here = journal.paths.entries / path.name
        entry, fp = journal.load(here)
        learn = entry.learn.model_copy(update={"prepare_better": words})
        journal.save(entry.model_copy(update={"learn": learn}), here, expected=fp)
    machines.sync(machines.a)
    (result,) = machines.sync(machines.b)
    assert len(result.conflicts) == 1
    copy = machines.b.paths.root / result.conflicts[0]
    assert machines.b.read(machines.b.paths.entries / path.name).learn.prepare_better == (
        "Theirs: ask more."
    )
    assert machines.b.read(copy).learn.prepare_better == "Mine: slow down."
    assert differences((machines.b.paths.entries / path.name).read_bytes(), copy.read_bytes()) == [
        "learn.prepare_better: Theirs: ask more. / Mine: slow down."
    ]
    problems = find_problems(machines.b)
    assert [(p.kind, p.path.name) for p in problems] == [("conflict", copy.name)]
    assert problems[0].explanation.startswith("Sync made this copy")
    # the same copy reaches the other machine; syncing again makes no second one
    machines.sync(machines.a, machines.b, machines.a)
    assert (machines.a.paths.root / result.conflicts[0]).read_bytes() == copy.read_bytes()
    assert len(list(machines.a.paths.entries.glob("*git-conflict*"))) == 1


def test_settling_the_conflict_copy_on_the_files_screen_syncs(machines: Machines) -> None:
    from recovery_tui.core.conflicts import resolve_conflict

    test_same_field_keeps_both_as_a_conflict_copy(machines)
    (problem,) = find_problems(machines.a)
    resolve_conflict(machines.a, problem, "keep_copy")
    machines.sync(machines.a, machines.b)
    assert find_problems(machines.b) == []
    kept = next(machines.b.paths.entries.glob("*.toml"))
    assert machines.b.read(kept).learn.prepare_better == "Mine: slow down."


def test_deleted_on_one_edited_on_the_other_keeps_the_edit(machines: Machines) -> None:
    from recovery_tui.core.trash import move_to_trash

    path = machines.a.save(reflection("Northwind", 1))
    machines.sync(machines.a, machines.b)
    move_to_trash(machines.a.paths, path)
    theirs = machines.b.paths.entries / path.name
    entry, fp = machines.b.load(theirs)
    learn = entry.learn.model_copy(update={"prepare_better": "An edit worth keeping."})
    machines.b.save(entry.model_copy(update={"learn": learn}), theirs, expected=fp)
    machines.sync(machines.b, machines.a, machines.b)
    for journal in (machines.a, machines.b):
        kept = journal.read(journal.paths.entries / path.name)
        assert kept.learn.prepare_better == "An edit worth keeping."


def test_remote_missing_is_unreachable_and_changes_nothing(machines: Machines) -> None:
    import shutil

    import pytest

    path = machines.a.save(reflection("Northwind", 1))
    shutil.rmtree(machines.remote)
    before = path.read_bytes()
    with pytest.raises(engine.Unreachable, match="does not appear to be a git repository"):
        engine.sync(machines.a.paths.root)
    assert path.read_bytes() == before
    assert git.out(machines.a.paths.root, "status", "--porcelain") == ""  # committed anyway


def test_no_remote_set_is_said(tmp_path: Path) -> None:
    import pytest

    root = tmp_path / "j"
    repo.init(root)
    with pytest.raises(engine.NotSetUp):
        engine.sync(root)


def test_gitignore_keeps_machine_local_things_out(machines: Machines) -> None:
    root = machines.a.paths.root
    for folder in ("drafts", "editing", "exports"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "x.toml").write_text("x")
    (root / "entries" / ".a.toml.abc123.tmp").write_text("x")
    _commit(root)
    assert git.out(root, "ls-files") == ".gitignore"
