"""A kill -9 at any moment of a sync leaves whole files and a repository the next sync
repairs or finishes; a 1,000-reflection journal syncs one new reflection."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recovery_tui.core.journal import Journal
from recovery_tui.core.sync import engine, git
from tests.conftest import FIXED_NOW
from tests.sync.conftest import Machines, reflection

SYNC = "import sys; from pathlib import Path; from recovery_tui.core.sync import engine; " \
       "engine.sync(Path(sys.argv[1]))"  # fmt: skip


def _killed_sync(root: Path, after: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SYNC, str(root)],
        start_new_session=True,  # its git commands are killed with it
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)  # the point of the test: a kill at an unplanned moment
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


def _edit(journal: Journal, path: Path, field: str, words: str) -> None:
    entry, fp = journal.load(path)
    learn = entry.learn.model_copy(update={field: words})
    journal.save(entry.model_copy(update={"learn": learn}), path, expected=fp)


@pytest.mark.slow
def test_kill_9_during_sync_loses_nothing(machines: Machines) -> None:
    a, b = machines.a, machines.b
    shared = a.save(reflection("Northwind", 1))
    machines.sync(a, b)
    rng = random.Random(15)
    made: list[str] = []
    for round_ in range(12):
        made.append(a.save(reflection(f"Company {round_}", 10 + round_)).name)
        _edit(a, shared, "prepare_better", f"a's words {round_}")
        engine.sync(a.paths.root)
        _edit(b, b.paths.entries / shared.name, "fit_notes", f"b's words {round_}")
        made.append(b.save(reflection(f"Other {round_}", 100 + round_)).name)
        _killed_sync(b.paths.root, rng.uniform(0.0, 0.6))
        for path in b.entry_files():  # every file whole: the app can open it
            b.read(path)
    machines.sync(b, a, b)
    for journal in (a, b):
        names = {p.name for p in journal.entry_files()}
        assert set(made) <= names
        kept = journal.read(journal.paths.entries / shared.name)
        assert kept.learn.prepare_better == "a's words 11"
        assert kept.learn.fit_notes == "b's words 11"
        assert git.out(journal.paths.root, "status", "--porcelain") == ""
    assert not list(b.paths.entries.glob("*git-conflict*"))


def test_a_thousand_reflections_sync_one_new_one(machines: Machines) -> None:
    from recovery_tui.core.demo import write_demo

    a, b = machines.a, machines.b
    write_demo(a, 1_000, seed=0, now=FIXED_NOW)
    machines.sync(a, b)
    assert len(b.entry_files()) == 1_000
    new = a.save(reflection("Northwind", 1))
    started = time.perf_counter()
    (sent,) = machines.sync(a)
    assert sent.pushed
    (came,) = machines.sync(b)
    took = time.perf_counter() - started
    assert came.changed == [f"entries/{new.name}"]
    assert (b.paths.entries / new.name).read_bytes() == new.read_bytes()
    assert len(b.entry_files()) == 1_001
    assert took < 30  # a hang guard; the benchmark measures it
