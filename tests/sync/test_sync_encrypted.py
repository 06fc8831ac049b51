"""An encrypted journal syncs like a plain one; a conflict keeps both files whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from recovery_tui.core import fsutil
from recovery_tui.core.crypto import files, keys
from recovery_tui.core.sync import git, repo, versions
from tests.sync.conftest import Machines, reflection

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    yield
    fsutil.forget_all()


def test_encrypted_files_sync_and_a_conflict_keeps_both_copies(machines: Machines) -> None:
    a, b = machines.a, machines.b
    path = a.save(reflection("Northwind", 1))
    machines.sync(a, b)
    key = keys.create(a.paths.root, PASSPHRASE)
    fsutil.set_codec(a.paths.root, key)
    files.convert(a.paths.root, key, to_age=True)
    machines.sync(a, b)
    # The other machine gets the marker, the key file and ciphertext; the same passphrase opens it.
    theirs = b.paths.entries / path.name
    assert fsutil.is_age(theirs.read_bytes()) and keys.is_encrypted(b.paths.root)
    fsutil.set_codec(b.paths.root, keys.unlock(b.paths.root, PASSPHRASE))
    assert b.read(theirs).about.company == "Northwind"
    assert git.out(b.paths.root, "status", "--porcelain") == ""
    for journal, words in ((a, "Mine: slow down."), (b, "Theirs: ask more.")):
        here = journal.paths.entries / path.name
        entry, fp = journal.load(here)
        learn = entry.learn.model_copy(update={"prepare_better": words})
        journal.save(entry.model_copy(update={"learn": learn}), here, expected=fp)
        with repo.repo_lock(journal.paths.root):
            repo.commit_all(journal.paths.root, "test")
    machines.sync(a)
    (result,) = machines.sync(b)
    assert len(result.conflicts) == 1
    copy = b.paths.root / result.conflicts[0]
    assert fsutil.is_age(copy.read_bytes()) and fsutil.is_age(theirs.read_bytes())
    assert b.read(theirs).learn.prepare_better == "Theirs: ask more."
    assert b.read(copy).learn.prepare_better == "Mine: slow down."
    # Every version in git is ciphertext; history still reads them, in memory.
    blob = git.run(b.paths.root, "cat-file", "blob", f"HEAD:entries/{path.name}").stdout
    assert fsutil.is_age(blob)
    found = versions.versions(b.paths.root, f"entries/{path.name}")
    assert found and all(v.changed for v in found)
    machines.sync(a, b, a)
    assert (a.paths.root / result.conflicts[0]).read_bytes() == copy.read_bytes()
