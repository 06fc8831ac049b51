"""Two journal folders and a bare repository on this machine, synced with the real git."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.sync import engine, repo
from tests.conftest import FIXED_NOW


@dataclass
class Machines:
    remote: Path
    a: Journal
    b: Journal

    def sync(self, *which: Journal) -> list[engine.SyncResult]:
        return [engine.sync(j.paths.root) for j in which]


def reflection(company: str, n: int = 1, **learn: object) -> Entry:
    form = {
        "about": {"company": company, "role": "Analyst", "stage": "after_interview"},
        "learn": {"prepare_better": "Read the job ad twice.", **learn},
    }
    when = FIXED_NOW + timedelta(minutes=n)
    return build_entry(form, id=f"{n:08x}" + "a" * 24, created=when, updated=when)


@pytest.fixture
def machines(tmp_path: Path) -> Machines:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    a = Journal(JournalPaths(tmp_path / "a"))
    b = Journal(JournalPaths(tmp_path / "b"))
    a.ensure()
    repo.init(a.paths.root, str(remote))
    engine.sync(a.paths.root)
    repo.init(b.paths.root, str(remote))
    engine.sync(b.paths.root)
    return Machines(remote, a, b)
