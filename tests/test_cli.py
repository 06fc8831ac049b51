"""The command line: version, locate, demo and how the app is started (not the app itself)."""

from __future__ import annotations

import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recovery_tui import __version__, cli
from recovery_tui.core import paths as paths_module
from recovery_tui.core.demo import write_demo
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, JournalPaths

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def default_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform's journal folder and the settings folder into tmp_path."""
    default = tmp_path / "default-journal"
    monkeypatch.setattr(paths_module, "default_journal_dir", lambda: default)
    monkeypatch.delenv("RECOVERY_TUI_DIR", raising=False)
    monkeypatch.setenv("RECOVERY_TUI_CONFIG_DIR", str(tmp_path / "config"))
    return default


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"recovery-tui {__version__}\n"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fly"]) == 2
    assert "usage: recovery-tui" in capsys.readouterr().err


def test_python_m_prints_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"recovery-tui {__version__}\n"


def test_cli_imports_neither_textual_nor_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from recovery_tui import cli\n"
        f"assert cli.main(['locate', '--dir', {str(tmp_path)!r}]) == 0\n"
        "loaded = sorted(m for m in ('textual', 'pydantic') if m in sys.modules)\n"
        "print(','.join(loaded) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "none"


# --- starting the app --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        ([], "home"),
        (["new"], "new"),
    ],
)
def test_app_starts_where_asked(
    argv: list[str], start: str, default_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[AppPaths, str]] = []

    def fake_run_app(app_paths: AppPaths, *, start: str) -> int:
        started.append((app_paths, start))
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    assert cli.main(argv) == 0
    assert started == [(AppPaths.resolve(), start)]
    assert started[0][0].journal.root == default_dir


@pytest.mark.parametrize(
    "argv",
    [
        ["--dir", "{dir}", "new"],
        ["new", "--dir", "{dir}"],
    ],
)
def test_dir_is_accepted_before_or_after_the_command(
    argv: list[str], tmp_path: Path, default_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots: list[Path] = []
    monkeypatch.setattr(
        cli, "run_app", lambda app_paths, *, start: roots.append(app_paths.journal.root) or 0
    )
    target = tmp_path / "elsewhere"
    assert cli.main([arg.format(dir=target) for arg in argv]) == 0
    assert roots == [target]


# --- locate --------------------------------------------------------------------------------


def test_locate_without_entries(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "journal"
    assert cli.main(["locate", "--dir", str(target)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Journal folder:  {target} (not created yet)"
    assert lines[1] == f"Settings file:   {tmp_path / 'config' / 'settings.toml'} (not created yet)"
    assert "none yet" in lines[2]
    assert str(target / "entries") in out
    assert not target.exists(), "locate must not create anything"


def test_locate_lists_entry_files_newest_first_without_their_text(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "journal"
    journal = Journal(JournalPaths(target))
    written = write_demo(journal, 6, seed=4, now=datetime(2026, 11, 25, tzinfo=UTC))
    settings = tmp_path / "config" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text("")

    assert cli.main(["--dir", str(target), "locate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Journal folder:  {target}"
    assert lines[1] == f"Settings file:   {settings}"
    assert lines[2] == f"Reflections:     6 reflections, newest first, in {target / 'entries'}"
    newest = sorted(written, reverse=True)
    assert lines[3:8] == [f"  {path.name}" for path in newest[:5]]
    assert lines[8:] == ["  and 1 more; 'recovery-tui list' lists them all"]
    listed = "\n".join(lines)
    for path in written:
        entry = journal.read(path)
        for text in (entry.personal.what_happened, entry.learn.prepare_better):
            assert not text or text not in listed


def test_locate_follows_the_environment(
    tmp_path: Path, default_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("RECOVERY_TUI_DIR", str(tmp_path / "from-env"))
    assert cli.main(["locate"]) == 0
    assert f"{tmp_path / 'from-env'}" in capsys.readouterr().out.splitlines()[0]


# --- demo --------------------------------------------------------------------------------


def test_demo_writes_private_files(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "demo"
    assert cli.main(["demo", "--dir", str(target), "--reflections", "12", "--seed", "5"]) == 0
    files = sorted((target / "entries").iterdir())
    assert len(files) == 12
    assert all(path.suffix == ".toml" for path in files)
    assert all(mode(path) == 0o600 for path in files)
    assert mode(target) == 0o700
    assert mode(target / "entries") == 0o700
    out = capsys.readouterr().out
    assert "Wrote 12 demo reflections" in out
    assert str(target) in out
    journal = Journal(JournalPaths(target))
    assert all(journal.read(path).about.company for path in files)
    assert not default_dir.exists()


def test_demo_accepts_dir_before_the_command(tmp_path: Path, default_dir: Path) -> None:
    target = tmp_path / "demo"
    assert cli.main(["--dir", str(target), "demo", "--entries", "3"]) == 0
    assert len(list((target / "entries").iterdir())) == 3


def test_demo_into_an_existing_empty_folder(tmp_path: Path, default_dir: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir(mode=0o755)
    assert cli.main(["demo", "--dir", str(target), "--entries", "2"]) == 0
    assert len(list((target / "entries").iterdir())) == 2


@pytest.mark.parametrize("inside", [False, True])
def test_demo_refuses_the_real_journal_folder(
    inside: bool, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = default_dir / "sub" if inside else default_dir
    assert cli.main(["demo", "--dir", str(target), "--entries", "3", "--force"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "never go in your journal folder" in captured.err
    assert "Nothing was written" in captured.err
    assert not default_dir.exists()


def test_demo_refuses_the_real_journal_folder_through_the_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setattr(paths_module.platformdirs, "user_data_dir", lambda *a, **k: str(data_home))
    assert cli.main(["demo", "--dir", str(data_home), "--entries", "3"]) == 2
    assert "journal folder" in capsys.readouterr().err
    assert not data_home.exists()


def test_demo_needs_an_explicit_folder(
    tmp_path: Path, default_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("RECOVERY_TUI_DIR", str(tmp_path / "my-journal"))
    assert cli.main(["demo", "--entries", "3"]) == 2
    assert "--dir" in capsys.readouterr().err
    assert not (tmp_path / "my-journal").exists()
    assert not default_dir.exists()


def test_demo_refuses_a_folder_with_files_unless_forced(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    keep = target / "notes.txt"
    keep.write_text("mine")

    assert cli.main(["demo", "--dir", str(target), "--entries", "4"]) == 2
    err = capsys.readouterr().err
    assert "already has files" in err
    assert "--force" in err
    assert sorted(target.iterdir()) == [keep]

    assert cli.main(["demo", "--dir", str(target), "--entries", "4", "--force"]) == 0
    assert keep.read_text() == "mine"
    assert len(list((target / "entries").iterdir())) == 4


def test_demo_refuses_a_file(tmp_path: Path, default_dir: Path, capsys) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    assert cli.main(["demo", "--dir", str(target), "--entries", "1", "--force"]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "x"


@pytest.mark.parametrize("count", ["0", "-3", "many"])
def test_demo_needs_a_positive_count(
    count: str, tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["demo", "--dir", str(tmp_path / "d"), "--entries", count]) == 2
    assert "--entries" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("argv", "first"),
    [
        (["fly"], "recovery-tui: error: argument COMMAND: invalid choice: 'fly'"),
        (["list", "--bogus"], "recovery-tui: error: unrecognized arguments: --bogus"),
        (["export", "--since", "x"], "recovery-tui export: error: argument --since: use a date"),
    ],
)
def test_a_usage_error_says_what_is_wrong_first(
    capsys: pytest.CaptureFixture[str], argv: list[str], first: str
) -> None:
    assert cli.main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(first)
    assert any(line.startswith("usage: recovery-tui") for line in lines[1:])
