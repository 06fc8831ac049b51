"""Folders a person names (``--dir``, the environment, ``journal`` in the settings) that can't
be used: a note and the usual folder, or a clear refusal; never a traceback or a quiet chmod."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui import cli
from recovery_tui.commands.locate import locate, settings_problems
from recovery_tui.core import fsutil
from recovery_tui.core import paths as paths_module
from recovery_tui.core.paths import ENV_CACHE, ENV_CONFIG, ENV_DIR, AppPaths


@pytest.fixture
def default_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default = tmp_path / "default-journal"
    monkeypatch.setattr(paths_module, "default_journal_dir", lambda: default)
    monkeypatch.delenv(ENV_DIR, raising=False)
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "config"))
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    return default


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[AppPaths]:
    started: list[AppPaths] = []
    monkeypatch.setattr(cli, "run_app", lambda app_paths, *, start: started.append(app_paths) or 0)
    return started


def settings_with(tmp_path: Path, **values: object) -> Path:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(tomli_w.dumps(values), "utf-8")
    return config


def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("my own notes\n", "utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- journal = ... in the settings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("journal", "why"),
    [
        ("/tmp/a\u0000b", "NUL character"),
        ("{file}", "is a file, not a folder"),
        ("{file}/journal", "is a file, not a folder"),
        ("~no-such-user-here/journal", "home folder"),
        ("/" + "x" * 300 + "/journal", "too long"),
        ("{stuff}", "isn't a journal"),
    ],
)
def test_a_journal_setting_that_cannot_be_used_gives_the_notice_and_the_default(
    tmp_path: Path,
    default_dir: Path,
    capsys: pytest.CaptureFixture[str],
    journal: str,
    why: str,
) -> None:
    stuff = tmp_path / "Documents"
    stuff.mkdir(mode=0o755)
    (stuff / "taxes.pdf").write_text("", "utf-8")
    journal = journal.format(file=a_file(tmp_path), stuff=stuff)
    settings_with(tmp_path, journal=journal)

    assert AppPaths.resolve().journal.root == default_dir
    code, out, err = run(capsys, "locate")
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"Journal folder:  {default_dir}")
    said = " ".join(out.split())
    assert "journal" in said and why in said and "using the usual folder" in said
    assert "\x00" not in out
    assert stat.S_IMODE(stuff.stat().st_mode) == 0o755, "the folder is left as it is"


def test_a_journal_setting_that_cannot_be_made_gives_the_default(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder without write permission stops everyone but root; /proc/sys is mounted
    # read-only for new folders, root included, so the case runs whoever runs the suite.
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    parent = locked if os.geteuid() != 0 else Path("/proc/sys")
    assert not os.access(parent, os.W_OK), f"{parent} should refuse new folders here"
    settings_with(tmp_path, journal=str(parent / "journal"))
    assert AppPaths.resolve().journal.root == default_dir
    assert "can't be made" in " ".join(run(capsys, "locate")[1].split())


def test_an_existing_journal_or_an_empty_folder_in_the_settings_is_used(
    tmp_path: Path, default_dir: Path
) -> None:
    journal = tmp_path / "journal"
    (journal / "entries").mkdir(parents=True)
    (journal / "README.md").write_text("mine\n", "utf-8")  # a journal may hold more
    settings_with(tmp_path, journal=str(journal))
    assert AppPaths.resolve().journal.root == journal
    empty = tmp_path / "empty"
    (empty / ".stfolder").mkdir(parents=True)  # a sync tool's marker doesn't count
    settings_with(tmp_path, journal=str(empty))
    assert AppPaths.resolve().journal.root == empty


_values = st.recursive(
    st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=5,
)
_paths = st.text(max_size=30).flatmap(
    lambda tail: st.sampled_from([tail, f"/{tail}", f"~{tail}", f"~/{tail}", f"{{file}}/{tail}"])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "journal": _paths | _values,
            "theme": _values,
            "follow_up_days": _values,
            "keys": st.dictionaries(st.text(max_size=12), st.text(max_size=8)) | _values,
        },
    )
)
def test_no_settings_value_breaks_locate_or_the_start(data: dict[str, object]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        file = a_file(tmp)
        if isinstance(data.get("journal"), str):
            data = {**data, "journal": str(data["journal"]).replace("{file}", str(file))}
        config = settings_with(tmp, **data)
        env = {ENV_CONFIG: str(config), ENV_CACHE: str(tmp / "cache"), "HOME": str(tmp)}
        app_paths = AppPaths.resolve(None, env)
        root = app_paths.journal.root
        usable = "\x00" not in str(root) and (not root.exists() or root.is_dir())
        assert usable or root == paths_module.default_journal_dir()
        problems = settings_problems(app_paths.settings_file) or ""
        assert "\x00" not in problems and "\x1b" not in problems

        shown = io.StringIO()
        assert locate(app_paths, shown) == 0
        assert "\x00" not in shown.getvalue() and "\x1b" not in shown.getvalue()

        from recovery_tui.app import create_app

        app = create_app(app_paths, remember_theme=False)  # reads and checks every setting
        assert app.settings.follow_up_days >= 1
        assert not (tmp / "cache").exists() and sorted(os.listdir(tmp)) == ["config", file.name]


# --- folders from the environment ----------------------------------------------------------


@pytest.mark.parametrize("name", [ENV_DIR, ENV_CONFIG, ENV_CACHE])
@pytest.mark.parametrize("value", ["{tmp}/a\u0000b", "{file}", "{file}/deeper"])
def test_an_environment_folder_that_cannot_be_used_gives_a_note_and_the_usual_one(
    tmp_path: Path, name: str, value: str
) -> None:
    usual = AppPaths.resolve(None, {"HOME": str(tmp_path)})
    value = value.format(tmp=tmp_path, file=a_file(tmp_path))
    app_paths = AppPaths.resolve(None, {name: value, "HOME": str(tmp_path)})
    assert app_paths.journal == usual.journal
    assert app_paths.config_dir == usual.config_dir
    assert app_paths.cache_dir == usual.cache_dir
    [note] = app_paths.notes
    assert note.startswith(f"${name} (") and "can't be used" in note and "\x00" not in note


def test_a_non_journal_folder_in_the_environment_is_left_alone(
    tmp_path: Path, default_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    stuff = tmp_path / "Documents"
    stuff.mkdir(mode=0o755)
    (stuff / "cv.odt").write_text("", "utf-8")
    monkeypatch.setenv(ENV_DIR, str(stuff))
    code, out, _ = run(capsys, "locate")
    assert code == 0
    assert out.splitlines()[0].startswith(f"Journal folder:  {default_dir}")
    assert f"${ENV_DIR}" in out and "isn't a journal" in " ".join(out.split())


async def test_the_app_shows_the_note_about_an_environment_folder(
    tmp_path: Path, default_dir: Path
) -> None:
    from recovery_tui.app import create_app
    from tests.conftest import settle

    env = {ENV_DIR: str(a_file(tmp_path)), ENV_CONFIG: str(tmp_path / "config"),
           ENV_CACHE: str(tmp_path / "cache")}  # fmt: skip
    found = AppPaths.resolve(None, env)
    assert found.journal.root == default_dir
    app = create_app(found, remember_theme=False, scan_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = [note.message for note in app._notifications if note.title == "Folders"]
        assert notes == list(found.notes) and f"${ENV_DIR}" in notes[0]


# --- --dir -----------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["new"], ["locate"], ["list"], ["export"], ["check"]])
def test_dir_given_a_file_says_it_is_a_file(
    tmp_path: Path, default_dir: Path, no_app: list[AppPaths], capsys, argv: list[str]
) -> None:
    file = a_file(tmp_path)
    code, out, err = run(capsys, *argv, "--dir", str(file))
    assert code == 2 and out == "" and not no_app
    assert err.startswith(f"recovery-tui: {file} is a file, not a folder. Nothing was changed")
    assert file.read_text("utf-8") == "my own notes\n"


@pytest.mark.parametrize("argv", [[], ["locate"], ["demo"], ["import", "x.json"]])
def test_dir_with_a_nul_is_refused(default_dir: Path, no_app, capsys, argv: list[str]) -> None:
    code, _, err = run(capsys, *argv, "--dir", "/tmp/a\x00b")
    assert code == 2 and not no_app
    assert "NUL character" in err and "Traceback" not in err and "\x00" not in err


@pytest.mark.parametrize("argv", [[], ["new"], ["import", "{export}"]])
def test_dir_on_a_folder_that_is_not_a_journal_is_refused_and_left_alone(
    tmp_path: Path, default_dir: Path, no_app, capsys, argv: list[str]
) -> None:
    stuff = tmp_path / "Documents"
    stuff.mkdir()
    stuff.chmod(0o755)
    (stuff / "taxes.pdf").write_text("", "utf-8")
    export = tmp_path / "backup.json"
    export.write_text('{"format": "recovery-tui", "version": 1, "entries": []}', "utf-8")
    code, _, err = run(capsys, *[arg.format(export=export) for arg in argv], "--dir", str(stuff))
    assert code == 2 and not no_app
    said = " ".join(err.split())
    assert f"{stuff} isn't a journal folder" in said and "Nothing was changed" in said
    assert "new or empty folder" in said and "--dir" in said
    assert sorted(os.listdir(stuff)) == ["taxes.pdf"]
    assert stat.S_IMODE(stuff.stat().st_mode) == 0o755


def test_dir_on_a_journal_an_empty_folder_or_a_new_one_starts_the_app(
    tmp_path: Path, default_dir: Path, no_app: list[AppPaths]
) -> None:
    journal = tmp_path / "journal"
    (journal / "entries").mkdir(parents=True)
    (journal / "notes.md").write_text("", "utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (journal, empty, tmp_path / "new"):
        assert cli.main(["--dir", str(folder)]) == 0
    assert [found.journal.root for found in no_app] == [journal, empty, tmp_path / "new"]


def test_reading_commands_may_look_at_any_folder(
    tmp_path: Path, default_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stuff = tmp_path / "Documents"
    stuff.mkdir()
    (stuff / "taxes.pdf").write_text("", "utf-8")
    code, out, _ = run(capsys, "locate", "--dir", str(stuff))
    assert code == 0 and "none yet" in out
    assert sorted(os.listdir(stuff)) == ["taxes.pdf"]


# --- folders the app makes are private, whatever the umask ---------------------------------


@pytest.fixture(params=[0o022, 0o000])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def test_parent_folders_the_app_makes_are_private(tmp_path: Path, umask: int) -> None:
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.settings_save import save_settings

    app_paths = AppPaths.resolve(
        tmp_path / "a" / "b" / "journal",
        {ENV_CONFIG: str(tmp_path / "c" / "d" / "config"), ENV_CACHE: str(tmp_path / "e" / "f")},
    )
    journal = Journal(app_paths.journal)
    journal.ensure()
    save_settings(app_paths.settings_file, theme="nord")
    Index.open(app_paths.index_file, journal).close()
    made = [
        tmp_path / "a",
        tmp_path / "a" / "b",
        tmp_path / "a" / "b" / "journal",
        tmp_path / "a" / "b" / "journal" / "entries",
        tmp_path / "c",
        tmp_path / "c" / "d",
        tmp_path / "c" / "d" / "config",
        tmp_path / "e",
        tmp_path / "e" / "f",
    ]
    assert {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in made} == {
        str(p): "0o700" for p in made
    }


def test_folders_that_were_already_there_keep_their_permissions(tmp_path: Path, umask: int) -> None:
    tmp_path.chmod(0o755)
    fsutil.ensure_private_dir(tmp_path / "x" / "y")
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    file = a_file(tmp_path)
    with pytest.raises(FileExistsError):
        fsutil.ensure_private_dir(file)
    assert stat.S_IMODE(file.stat().st_mode) != 0o700
