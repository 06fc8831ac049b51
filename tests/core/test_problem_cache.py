"""Looking again at a journal reads only what changed, and a scan can be stopped."""

from __future__ import annotations

import os
import stat

from recovery_tui.core.journal import Journal
from recovery_tui.core.problems import scan
from recovery_tui.core.problems.cache import load_problem_cache, save_problem_cache
from recovery_tui.core.problems.scan import find_problems
from tests.samples import write_samples


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    from recovery_tui.core.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    paths = write_samples(journal)
    reads: list[str] = []
    real = scan.examine

    def spy(path):  # type: ignore[no-untyped-def]
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(scan, "examine", spy)
    cache: scan.ProblemCache = {}
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
    from recovery_tui.core.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    for path in write_samples(journal):
        path.write_text("broken = = \n", "utf-8")
    assert len(find_problems(journal)) == 3
    assert find_problems(journal, stop=lambda: True) == []


# kept between runs ---------------------------------------------------------------------


def _spy_reads(monkeypatch):  # type: ignore[no-untyped-def]
    reads: list[str] = []
    real = scan.examine

    def spy(path):  # type: ignore[no-untyped-def]
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(scan, "examine", spy)
    return reads


def test_after_a_restart_only_changed_files_are_read(tmp_path, monkeypatch):
    from recovery_tui.core.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    paths = write_samples(journal)
    broken = journal.paths.entries / "broken.toml"
    broken.write_text("broken = = \n", "utf-8")
    kept = tmp_path / "cache" / "problems.json"
    first_run: scan.ProblemCache = load_problem_cache(kept, journal.paths.root)
    assert first_run == {}
    found = find_problems(journal, cache=first_run)
    assert save_problem_cache(kept, journal.paths.root, first_run)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700

    reads = _spy_reads(monkeypatch)
    second_run = load_problem_cache(kept, journal.paths.root)  # a new process
    assert second_run == first_run
    assert find_problems(journal, cache=second_run) == found  # the broken file, not read
    assert reads == []
    os.utime(paths[1], ns=(1, 1))  # touched: read again
    find_problems(journal, cache=second_run)
    assert reads == [paths[1].name]


def test_a_kept_cache_is_used_only_for_its_journal_and_these_checks(tmp_path, monkeypatch):
    from recovery_tui.core.paths import JournalPaths
    from recovery_tui.core.problems import cache as problem_cache

    journal = Journal(JournalPaths(tmp_path / "j"))
    write_samples(journal)
    kept = tmp_path / "cache" / "problems.json"
    cache: scan.ProblemCache = {}
    find_problems(journal, cache=cache)
    save_problem_cache(kept, journal.paths.root, cache)
    assert len(load_problem_cache(kept, journal.paths.root)) == 3
    assert load_problem_cache(kept, tmp_path / "another-journal") == {}
    monkeypatch.setattr(problem_cache, "_checks", lambda: "other checks")
    assert load_problem_cache(kept, journal.paths.root) == {}
    monkeypatch.undo()
    for damage in (b"", b"{not json", b'{"format": 1, "files": []}', b"\xff" * 10):
        kept.write_bytes(damage)
        assert load_problem_cache(kept, journal.paths.root) == {}
    blocked = tmp_path / "a-file"
    blocked.write_text("", "utf-8")
    assert not save_problem_cache(blocked / "problems.json", journal.paths.root, cache)


def test_after_a_restart_duplicates_are_still_found_without_reading_them(tmp_path, monkeypatch):
    """The kept cache holds each fine file's entry id, so two unchanged files that hold
    one reflection are still a duplicate after a restart, with no file read again."""
    from recovery_tui.core.paths import JournalPaths

    journal = Journal(JournalPaths(tmp_path / "j"))
    original = write_samples(journal)[0]
    copy = original.with_name(f"{original.stem} (1).toml")
    copy.write_bytes(original.read_bytes())
    kept = tmp_path / "cache" / "problems.json"
    cache: scan.ProblemCache = {}
    first = find_problems(journal, cache=cache)
    assert [(p.path, p.kind) for p in first] == [(copy, "duplicate")]
    assert save_problem_cache(kept, journal.paths.root, cache)

    reads = _spy_reads(monkeypatch)
    again = find_problems(journal, cache=load_problem_cache(kept, journal.paths.root))
    assert again == first
    assert reads == []


def test_the_checks_change_with_the_reader_decoding_and_choices(monkeypatch):
    """A cache made by other code is not trusted: also when only the reader (its size
    limit), the decoding or the model's choices changed, not only the checks' own code."""
    from pathlib import Path

    from recovery_tui.core.problems import cache as problem_cache

    before = problem_cache._checks.__wrapped__()
    real = Path.read_bytes
    for name in ("fsutil.py", "tomlio.py", "prompts.py", "models.py"):

        def changed(self: Path, name: str = name) -> bytes:
            return real(self) + (b"# changed" if self.name == name else b"")

        monkeypatch.setattr(Path, "read_bytes", changed)
        assert problem_cache._checks.__wrapped__() != before, name
        monkeypatch.setattr(Path, "read_bytes", real)
    assert problem_cache._checks() == before  # worked out once a run
