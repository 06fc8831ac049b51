"""The sync commands, run as a person runs them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from recovery_tui.cli import main
from recovery_tui.core.sync import git as sync_git


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_second_machine_brings_the_whole_journal_down(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    assert main(["demo", "--dir", str(first), "--entries", "5"]) == 0
    capsys.readouterr()
    code, out, _ = _run(capsys, "sync", "init", str(remote), "--dir", str(first))
    assert code == 0 and "Sync is on" in out and "Synced with" in out
    code, out, _ = _run(capsys, "--dir", str(second), "sync", "init", str(remote))
    assert code == 0 and "5 files came in" in out
    names = sorted(p.name for p in (second / "entries").iterdir())
    assert names == sorted(p.name for p in (first / "entries").iterdir())
    code, out, _ = _run(capsys, "sync", "--dir", str(second))
    assert (code, out.strip()) == (0, f"Synced with {remote}.")
    code, out, _ = _run(capsys, "sync", "history", names[0], "--dir", str(second))
    assert code == 0 and "Sync turned on (new)" in out


def test_missing_remote_is_a_plain_message_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "j"
    code, _, err = _run(
        capsys, "sync", "init", str(tmp_path / "nowhere.git"), "--dir", str(journal)
    )
    assert code == 1
    assert "Couldn't reach" in err and "keeps working here" in err
    assert "Traceback" not in err
    code, _, err = _run(capsys, "sync", "--dir", str(journal))
    assert code == 1 and "Couldn't reach" in err


def test_sync_before_init_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "sync", "--dir", str(tmp_path / "j"))
    assert code == 1 and "sync init REMOTE" in err


def test_without_git_the_sync_commands_say_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_git, "git_path", lambda: None)
    journal = tmp_path / "j"
    code, _, err = _run(capsys, "sync", "init", "--dir", str(journal))
    assert code == 1 and "isn't installed" in err and "apt install git" in err
    assert not (journal / ".git").exists()


def test_restore_brings_back_a_deleted_reflection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "j"
    assert main(["demo", "--dir", str(journal), "--entries", "2"]) == 0
    assert main(["sync", "init", "--dir", str(journal)]) == 0
    victim = next((journal / "entries").iterdir())
    words = victim.read_bytes()
    victim.unlink()
    capsys.readouterr()
    assert shutil.which("git")
    code, out, _ = _run(capsys, "sync", "history", "--dir", str(journal))
    assert code == 0 and "Deleted reflections" not in out  # not committed yet: not in history
    sync_git.run(journal, "add", "-A", ".")
    sync_git.run(
        journal,
        "commit",
        "-qm",
        "gone",
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )
    code, out, _ = _run(capsys, "sync", "history", "--dir", str(journal))
    assert victim.name in out
    code, out, _ = _run(capsys, "sync", "restore", victim.name, "--dir", str(journal))
    assert code == 0 and "Brought back" in out
    assert victim.exists()
    import tomllib

    before, after = tomllib.loads(words.decode()), tomllib.loads(victim.read_text())
    assert after["about"] == before["about"] and after["learn"] == before["learn"]
