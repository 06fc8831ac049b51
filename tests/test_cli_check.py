"""``recovery-tui check``: lists every file that needs a look, changes none, exits 1 or 0."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recovery_tui import cli
from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from tests.core.test_problems import (
    CORPUS,
    SECRET,
    build_damaged,
    lock_file,
    snapshot,
)
from tests.samples import SAMPLES, write_samples

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RECOVERY_TUI_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", "check", "--dir", str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
        env=env,
    )


def test_a_clean_demo_journal_exits_0(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "demo"))
    write_demo(journal, 40, seed=5, now=NOW)
    before = snapshot(journal.paths.root)

    result = run_check(journal.paths.root)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Your journal is in good shape: 40 reflections, nothing to fix.\n"
    assert result.stderr == ""
    assert snapshot(journal.paths.root) == before


def test_a_damaged_journal_names_every_problem_and_exits_1(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    good = build_damaged(journal)
    (journal.paths.entries / "locked.toml").unlink()  # root can't lock it in a subprocess
    before = snapshot(journal.paths.root)

    result = run_check(journal.paths.root)

    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    headers = [line for line in out.splitlines() if line.startswith("entries/")]
    expected = sorted(name for name in CORPUS if name != "locked.toml")
    assert len(headers) == len(expected)
    for header, name in zip(headers, expected, strict=True):
        where = CORPUS[name][2]
        assert header == f"entries/{name}" + (f" ({where})" if where else "")
    lines = out.splitlines()
    assert lines[-1] == (
        f"{len(expected)} files in {journal.paths.entries} need a look; "
        f"{len(good) + 1} reflections are fine. Nothing was changed."
    )  # the good samples and bom.toml
    assert all(len(line) <= 78 for line in lines if line.startswith("  "))
    assert snapshot(journal.paths.root) == before


def test_check_never_prints_what_entries_say(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    build_damaged(journal)
    (journal.paths.entries / "locked.toml").unlink()
    result = run_check(journal.paths.root)
    assert result.returncode == 1
    assert "Marigold" not in result.stdout and "Quartz" not in result.stdout
    for sample in SAMPLES:
        for section in sample.values():
            for value in section.values():
                if isinstance(value, str) and len(value) > 12:
                    assert value not in result.stdout


def test_an_unreadable_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    (journal.paths.entries / "locked.toml").write_text(f'note = "{SECRET}"\n')
    lock_file(monkeypatch, "locked.toml")

    assert cli.main(["check", "--dir", str(journal.paths.root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("entries/locked.toml\n  recovery-tui couldn't read this file")
    assert "permission denied" in out
    assert out.splitlines()[-1].startswith("1 file in ")
    assert "needs a look; 3 reflections are fine." in out.splitlines()[-1]
    assert SECRET not in out


def test_a_newer_version_counts_as_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    (first,) = write_samples(journal)[:1]
    first.write_bytes(first.read_bytes().replace(b"schema_version = 2", b"schema_version = 9"))
    assert cli.main(["check", "--dir", str(journal.paths.root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"entries/{first.name} (Format version)\n")
    assert "read it here but not edit it" in out
    assert "2 reflections are fine" in out


def test_dir_before_the_command_and_one_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    for path in write_samples(journal)[1:]:
        path.unlink()
    assert cli.main(["--dir", str(journal.paths.root), "check"]) == 0
    out = capsys.readouterr().out
    assert out == "Your journal is in good shape: 1 reflection, nothing to fix.\n"


def test_no_journal_yet_is_clean_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nothing-here"
    assert cli.main(["check", "--dir", str(folder)]) == 0
    assert "nothing to check" in capsys.readouterr().out
    assert not folder.exists()


def test_odd_file_names_are_printed_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.ensure()
    odd = os.fsencode(journal.paths.entries) + b"/bad\x1b[2J\xff.toml"
    with open(odd, "wb") as handle:
        handle.write(b"oops")
    assert cli.main(["check", "--dir", str(journal.paths.root)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    # The byte that isn't UTF-8 as a person would type it; the name itself is the problem.
    assert out.startswith("entries/bad\\x1b[2J\\xff.toml\n  This file's name isn't UTF-8")


def test_two_files_with_one_id_are_named_with_what_to_do(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    original = write_samples(journal)[0]
    copy = original.with_name(f"{original.stem}-DESKTOP-ABC.toml")
    copy.write_bytes(original.read_bytes())
    result = run_check(journal.paths.root)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"entries/{copy.name}"
    text = " ".join(result.stdout.split())
    assert f"This file and {original.name} hold the same reflection" in text
    assert "keep both (the copy then gets an id of its own)" in text
    assert lines[-1].startswith(f"1 file in {journal.paths.entries} needs a look; 3 reflections")
