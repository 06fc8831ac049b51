"""Looking again at a journal reads only what changed, and a scan can be stopped."""

from __future__ import annotations

import os

from recovery_tui.core import problems
from recovery_tui.core.journal import Journal
from recovery_tui.core.problems import find_problems
from tests.samples import write_samples


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    from recovery_tui.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    paths = write_samples(journal)
    reads: list[str] = []
    real = problems._examine

    def spy(path):  # type: ignore[no-untyped-def]
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(problems, "_examine", spy)
    cache: problems.ProblemCache = {}
    assert find_problems(journal, cache=cache) == []
    assert len(reads) == 3
    reads.clear()
    assert find_problems(journal, cache=cache) == []
    assert reads == []
    paths[0].write_text("broken = = \n", "utf-8")
    os.utime(paths[0], ns=(1, 1))  # a different mtime even on coarse clocks
    found = find_problems(journal, cache=cache)
    assert [p.path for p in found] == [paths[0]]
    assert reads == [paths[0].name]
    paths[1].unlink()
    find_problems(journal, cache=cache)
    assert paths[1].name not in cache


def test_a_scan_stops_when_asked(tmp_path):
    from recovery_tui.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    for path in write_samples(journal):
        path.write_text("broken = = \n", "utf-8")
    assert len(find_problems(journal)) == 3
    assert find_problems(journal, stop=lambda: True) == []
