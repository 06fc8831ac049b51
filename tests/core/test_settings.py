"""The settings file: good, each kind of bad, per-setting fallback, and safe saving."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_tui.core.paths import ENV_CONFIG, ENV_DIR, AppPaths
from recovery_tui.core.settings import (
    FOLLOW_UP_DAYS,
    Settings,
    load_settings,
)
from recovery_tui.core.settings_save import SettingsNotSaved, save_settings


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def test_a_missing_file_is_the_defaults(settings_file: Path) -> None:
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert loaded.settings.follow_up_days == FOLLOW_UP_DAYS == 7
    assert loaded.parsed and loaded.message(settings_file) is None


def test_a_good_file(settings_file: Path) -> None:
    write(
        settings_file,
        'theme = "nord"\njournal = "~/my-journal"\nfollow_up_days = 14\n\n'
        '[keys]\n"home.new" = "N"\nhome.history = "ctrl+h"\n\n[keys.entry]\nedit = "E"\n',
    )
    loaded = load_settings(settings_file)
    assert loaded.problems == [] and loaded.parsed
    assert loaded.settings == Settings(
        theme="nord",
        journal=Path.home() / "my-journal",
        follow_up_days=14,
        keys={"home.new": "N", "home.history": "ctrl+h", "entry.edit": "E"},
    )


def test_a_syntax_error_names_the_line_and_column(settings_file: Path) -> None:
    write(settings_file, "x = 1\nfollow_up_days = = 3\n")
    loaded = load_settings(settings_file)
    assert not loaded.parsed
    assert loaded.settings == Settings() and loaded.salvaged == ()
    message = loaded.message(settings_file)
    assert message is not None
    assert str(settings_file) in message or "settings.toml" in message
    assert "line 2, column" in message
    assert "Traceback" not in message


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xff\xfe theme", "isn't UTF-8"),
        (b"", None),
    ],
)
def test_bytes_that_are_not_text(settings_file: Path, data: bytes, why: str | None) -> None:
    loaded = load_settings(write(settings_file, data))
    assert loaded.settings == Settings()
    if why is None:
        assert loaded.parsed
    else:
        assert why in (loaded.message(settings_file) or "")


def test_an_unreadable_file(settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(settings_file, 'theme = "nord"\n')
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:  # as chmod 000 would
        if Path(os.fsdecode(path)) == settings_file:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    loaded = load_settings(settings_file)
    assert not loaded.parsed
    assert "can't be read" in (loaded.message(settings_file) or "")
    with pytest.raises(SettingsNotSaved):
        save_settings(settings_file, theme="dracula")


def test_a_folder_where_the_file_should_be(settings_file: Path) -> None:
    settings_file.mkdir(parents=True)
    loaded = load_settings(settings_file)
    assert not loaded.parsed and "folder" in (loaded.message(settings_file) or "")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("follow_up_days = 0", "follow_up_days"),
        ("follow_up_days = 91", "follow_up_days"),
        ('follow_up_days = "7"', "follow_up_days"),
        ("follow_up_days = true", "follow_up_days"),
        ("follow_up_days = 2.5", "follow_up_days"),
        ("stale_days = 0", "stale_days"),
        ("stale_days = 3651", "stale_days"),
        ('stale_days = "30"', "stale_days"),
        ("theme = 3", "theme"),
        ('theme = ""', "theme"),
        ("journal = 5", "journal"),
        ('journal = "relative/folder"', "journal"),
        ("keys = 3", "keys"),
        ("your_name = 7", "your_name"),
    ],
)
def test_a_bad_value_falls_back_alone(settings_file: Path, line: str, name: str) -> None:
    """Each bad setting is named and falls back; the good ones still apply."""
    good = {
        "theme": 'theme = "nord"',
        "journal": 'journal = "/srv/journal"',
        "follow_up_days": "follow_up_days = 10",
        "stale_days": "stale_days = 60",
        "your_name": 'your_name = "Ana Reyes"',
    }
    lines = [text for key, text in good.items() if key != name]
    keys = "" if name == "keys" else '\n[keys]\n"home.new" = "N"\n'
    write(settings_file, "\n".join([*lines, line]) + "\n" + keys)
    loaded = load_settings(settings_file)
    assert loaded.parsed
    assert len(loaded.problems) == 1 and loaded.problems[0].startswith(name)
    settings = loaded.settings
    assert settings.theme == (None if name == "theme" else "nord")
    assert settings.journal == (None if name == "journal" else Path("/srv/journal"))
    assert settings.follow_up_days == (7 if name == "follow_up_days" else 10)
    assert settings.stale_days == (30 if name == "stale_days" else 60)
    assert settings.keys == ({} if name == "keys" else {"home.new": "N"})
    assert settings.your_name == ("" if name == "your_name" else "Ana Reyes")
    message = loaded.message(settings_file)
    assert message is not None and "settings.toml" in message and name in message


def test_a_bad_key_value_drops_only_that_remap(settings_file: Path) -> None:
    write(settings_file, '[keys]\n"home.new" = "N"\n"home.history" = 5\n')
    loaded = load_settings(settings_file)
    assert loaded.settings.keys == {"home.new": "N"}
    assert loaded.problems == [
        'keys: "home.history" should be a key name in quotes, e.g. "ctrl+h", not 5; '
        "it keeps its usual key"
    ]


def test_an_unknown_setting_is_mentioned_and_kept(settings_file: Path) -> None:
    write(settings_file, 'them = "nord"\n')
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert loaded.problems == ["them isn't a setting this version knows; it is left as it is"]


# -- saving -------------------------------------------------------------------------------


def test_saving_the_theme_keeps_every_other_key_and_comment(settings_file: Path) -> None:
    original = (
        "# my settings\n"
        "follow_up_days = 9  # a little longer\n"
        'from_a_newer_version = "kept"\n'
        "\n[keys]\n"
        '"home.new" = "N"\n'
    )
    write(settings_file, original)
    save_settings(settings_file, theme="nord")
    text = settings_file.read_text("utf-8")
    assert text == original.replace("# my settings\n", '# my settings\ntheme = "nord"\n')
    save_settings(settings_file, theme="dracula")
    assert settings_file.read_text("utf-8") == text.replace('"nord"', '"dracula"')
    loaded = load_settings(settings_file)
    assert loaded.settings.theme == "dracula" and loaded.settings.follow_up_days == 9
    assert loaded.settings.keys == {"home.new": "N"}
    assert settings_file.stat().st_mode & 0o777 == 0o600


def test_saving_creates_the_file(settings_file: Path) -> None:
    save_settings(settings_file, theme="nord")
    assert settings_file.read_text("utf-8") == 'theme = "nord"\n'


def test_saving_never_writes_over_a_file_it_could_not_parse(settings_file: Path) -> None:
    broken = b'theme = "nord"\n[keys\n"home.new" = "N"\n'
    write(settings_file, broken)
    with pytest.raises(SettingsNotSaved, match="line 2, column"):
        save_settings(settings_file, theme="dracula")
    assert settings_file.read_bytes() == broken


def test_a_syntax_error_still_uses_the_top_level_lines_that_are_fine_on_their_own(
    settings_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "my folder"
    write(
        settings_file,
        "# mine\n"
        f'journal = "{folder}"\n'
        'theme = "nord"\n'
        "follow_up_days = = 3\n"  # the syntax error
        "follow_up_days = 500\n"  # fine as TOML, out of range
        'names = ["a",\n  "b"]\n'  # only valid over two lines: left out
        "[keys]\n"
        '"home.new" = "N"\n'  # past the first table: left out
        'theme = "dracula"\n',
    )
    loaded = load_settings(settings_file)
    assert not loaded.parsed
    assert loaded.settings == Settings(theme="nord", journal=folder)
    assert loaded.salvaged == ("journal", "theme")
    message = loaded.message(settings_file)
    assert message is not None
    assert "line 4, column 18" in message
    assert "journal and theme are still used" in message
    assert "follow_up_days should be a whole number" in message
    notice = loaded.notice(settings_file)
    assert notice == (
        "settings.toml can't be read in full; journal and theme still apply. The rest keep "
        "their defaults: press F1 to see why, or run recovery-tui locate."
    )


def test_a_setting_written_twice_in_a_broken_file_is_left_out(settings_file: Path) -> None:
    write(settings_file, 'journal = "/a"\njournal = "/b"\ntheme = "nord"\n')
    loaded = load_settings(settings_file)
    assert "line 2" in (loaded.failure or "")
    assert loaded.settings == Settings(theme="nord") and loaded.salvaged == ("theme",)


def test_the_notice_shows_one_short_problem_whole_and_counts_many(settings_file: Path) -> None:
    write(settings_file, "follow_up_days = 500\n")
    one = load_settings(settings_file)
    assert one.notice(settings_file) == f"settings.toml: {one.problems[0]}."
    write(settings_file, "follow_up_days = 500\ntheme = 3\n")
    assert load_settings(settings_file).notice(settings_file, "f2") == (
        "settings.toml: 2 settings can't be used, so they keep their defaults. "
        "Press f2 to read them, or run recovery-tui locate."
    )
    write(settings_file, f"{'x' * 300} = 1\n")  # one problem, too long to show whole
    assert load_settings(settings_file).notice(settings_file) == (
        "settings.toml: 1 setting can't be used, so it keeps its default. "
        "Press F1 to read it, or run recovery-tui locate."
    )
    write(settings_file, "follow_up_days = = 3\n")
    assert load_settings(settings_file).notice(settings_file) == (
        "settings.toml: it isn't valid TOML (line 1, column 18: invalid value). The defaults "
        "apply until it's fixed."
    )


def test_saving_never_writes_over_a_file_it_could_only_partly_read(settings_file: Path) -> None:
    broken = b'journal = "/a"\ntheme = "nord"\nfollow_up_days = = 3\n'
    write(settings_file, broken)
    assert load_settings(settings_file).settings.theme == "nord"
    with pytest.raises(SettingsNotSaved, match="line 3, column"):
        save_settings(settings_file, theme="dracula")
    assert settings_file.read_bytes() == broken


# -- where the journal is -----------------------------------------------------------------


def test_the_journal_line_still_counts_when_another_line_is_broken(tmp_path: Path) -> None:
    """A syntax error elsewhere must not quietly send reflections to the default folder."""
    config = tmp_path / "config"
    write(config / "settings.toml", 'journal = "~/from-settings"\nfollow_up_days = = 3\n')
    env = {ENV_CONFIG: str(config)}
    assert AppPaths.resolve(None, env).journal.root == Path.home() / "from-settings"


def test_journal_folder_precedence(tmp_path: Path) -> None:
    """--dir, then $RECOVERY_TUI_DIR, then the settings file, then the default."""
    config = tmp_path / "config"
    write(config / "settings.toml", 'journal = "~/from-settings"\n')
    env = {ENV_CONFIG: str(config)}
    from_settings = Path.home() / "from-settings"
    assert AppPaths.resolve(None, env).journal.root == from_settings
    both = {**env, ENV_DIR: str(tmp_path / "from-env")}
    assert AppPaths.resolve(None, both).journal.root == tmp_path / "from-env"
    assert AppPaths.resolve(tmp_path / "cli", both).journal.root == tmp_path / "cli"
    write(config / "settings.toml", "journal = 3\n")  # bad: the default stands in
    default = AppPaths.resolve(None, env).journal.root
    assert default != from_settings and default.is_absolute()


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "theme": st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none()),
            "follow_up_days": st.one_of(
                st.integers(-5, 120), st.booleans(), st.text(max_size=3), st.floats()
            ),
            "stale_days": st.one_of(st.integers(-5, 4000), st.booleans(), st.text(max_size=3)),
            "your_name": st.one_of(st.text(max_size=12), st.integers()),
        },
    ).map(lambda data: {k: v for k, v in data.items() if v is not None})
)
def test_the_quick_reading_agrees_with_the_full_checks(data):
    from recovery_tui.core.settings import parse_settings, plain_settings

    quick = plain_settings(data)
    if quick is not None:
        assert (quick, []) == parse_settings(data)


def test_your_name_signs_letters_on_one_line(settings_file: Path) -> None:
    write(settings_file, 'your_name = "  Ana\\nReyes "\n')
    loaded = load_settings(settings_file)
    assert loaded.problems == [] and loaded.settings.your_name == "Ana Reyes"
