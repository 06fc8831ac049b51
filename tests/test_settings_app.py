"""Settings in the app: key remaps, the start-up message for a bad file, help and F1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Footer

from recovery_tui.keymap import check_keymap
from recovery_tui.paths import AppPaths
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.feedback import FeedbackRequestScreen
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.practice import PracticeScreen, SketchDialog
from recovery_tui.screens.problems import ProblemsScreen
from recovery_tui.screens.progress import ProgressScreen
from recovery_tui.screens.review import ReviewScreen
from recovery_tui.screens.search import SearchScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.screens.trash import TrashScreen
from tests.conftest import settle

REPO = Path(__file__).resolve().parents[1]


def write_settings(app_paths: AppPaths, text: str) -> None:
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text(text, "utf-8")


def footer_keys(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Footer label -> key shown next to it, as the footer draws them."""
    footer = app.screen.query_one(Footer)
    shown: dict[str, str] = {}
    for item in footer.query("FooterKey"):
        shown[item.description] = item.key_display
    return shown


async def test_a_remap_changes_the_key_that_works_and_the_footer(make_app, app_paths):
    write_settings(app_paths, '[keys]\n"home.new" = "N"\nhome.history = "ctrl+h"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.settings_message is None
        shown = footer_keys(app)
        assert shown["New"] == "N" and shown["History"] == "^h"
        assert "Press N to begin" in str(app.screen.query_one("#begin").render())
        await pilot.press("n")  # the old key does nothing now
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_help_lists_the_remapped_keys(make_app, app_paths):
    write_settings(app_paths, '[keys.home]\nnew = "N"\n\n[keys.app]\nhelp = "f2"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), "f1 was moved to f2"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = {what: key for key, what in app.screen.keys}
        assert described["Start a new reflection"] == "N"
        assert described["Every key on this screen, and what the steps are"].split() == [
            "?",
            "f2",
        ]
        await pilot.press("f2")  # the help key closes help too
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_collisions_and_unknown_ids_are_described_and_the_rest_applies(make_app, app_paths):
    write_settings(
        app_paths,
        "[keys]\n"
        '"home.trash" = "h"\n'  # history's key on the same screen
        '"new" = "N"\n'  # not an id
        '"entry.edit" = "ctrl+"\n'  # not a key
        '"session.save" = "s"\n'  # would steal a letter while typing
        '"home.progress" = "g"\n',  # fine
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.keymap == {"home.progress": "g"}
        message = app.settings_message
        assert message is not None and "settings.toml" in message
        assert '"h" is already used on the home screen, for "History" (home.history)' in message
        assert '"new" isn\'t an action this app has (did you mean "home.new"?)' in message
        assert '"ctrl+" isn\'t a key name' in message
        assert "would stop you typing it" in message
        notes = [n for n in app._notifications if n.title == "Settings"]
        assert len(notes) == 1 and notes[0].message == message
        shown = footer_keys(app)
        assert shown["Trash"] == "t" and shown["History"] == "h" and shown["Progress"] == "g"
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


def test_every_action_id_is_documented_in_the_readme() -> None:
    from recovery_tui.keymap import places

    readme = (REPO / "README.md").read_text("utf-8")
    ids = sorted({binding_id for place in places() for binding_id in place.ids})
    assert len(ids) > 30
    missing = [binding_id for binding_id in ids if f"`{binding_id}`" not in readme]
    assert missing == []
    _, problems = check_keymap(dict.fromkeys(ids, ""))
    assert all("isn't a key name" in problem for problem in problems)


async def test_a_bad_settings_file_gives_one_calm_message_at_start(make_app, app_paths):
    write_settings(app_paths, 'theme = "nord"\nfollow_up_days = = 3\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), "a message, not a dialog in the way"
        notes = [n for n in app._notifications if n.title == "Settings"]
        assert len(notes) == 1
        text = notes[0].message
        assert "settings.toml" in text and "line 2, column" in text
        assert "Traceback" not in text
        assert app.settings.follow_up_days == 7 and app.theme != "nord"


async def test_an_unknown_theme_is_mentioned_and_good_settings_still_apply(make_app, app_paths):
    write_settings(app_paths, 'theme = "no-such-theme"\nfollow_up_days = 12\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.settings.follow_up_days == 12
        assert app.settings_message is not None
        assert 'theme "no-such-theme" isn\'t a theme this app has' in app.settings_message


async def test_choosing_a_theme_never_overwrites_a_file_that_could_not_be_read(make_app, app_paths):
    broken = '# mine\ntheme = "nord"\n[keys\n'
    write_settings(app_paths, broken)
    app = make_app(remember_theme=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "dracula"
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Couldn't remember the theme") for m in messages)
    assert app_paths.settings_file.read_text("utf-8") == broken


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "RECOVERY_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "nord"\nfollow_up_days = = 3\n', "line 2, column"),
        ('[keys]\n"home.trash" = "h"\n', '"h" is already used on the home screen'),
        ("follow_up_days = 500\n", "follow_up_days should be a whole number"),
    ],
)
def test_locate_prints_the_settings_problems(tmp_path: Path, text: str, expected: str) -> None:
    settings = tmp_path / "config" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text(text)
    result = run_cli(tmp_path, "locate", "--dir", str(tmp_path / "journal"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"Settings file:   {settings}" in result.stdout
    assert expected in " ".join(result.stdout.split())
    assert "Traceback" not in result.stdout


def test_locate_uses_the_journal_folder_of_the_settings(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text('journal = "~/from-settings"\n')
    result = run_cli(tmp_path, "locate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(f"Journal folder:  {tmp_path}/from-settings")


# -- F1 everywhere --------------------------------------------------------------------------


async def open_help(pilot, key: str = "f1") -> HelpScreen:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(pilot)
    help_screen = pilot.app.screen
    assert isinstance(help_screen, HelpScreen), f"{key} on {help_screen}"
    assert help_screen.keys
    await pilot.press("escape")
    await settle(pilot)
    return help_screen


async def test_f1_works_on_every_screen(make_app, app_paths):
    from recovery_tui.core.journal import Journal
    from tests.samples import write_samples

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        async def check(kind: type, *, question_mark: bool = True) -> None:
            assert isinstance(app.screen, kind), app.screen
            names = {(await open_help(pilot)).screen_name}
            assert isinstance(app.screen, kind)
            if question_mark:
                names.add((await open_help(pilot, "question_mark")).screen_name)
            assert "Home" not in names or kind is HomeScreen, names

        await check(HomeScreen)
        for key, kind in [("h", HistoryScreen), ("p", ProgressScreen), ("b", PracticeScreen),
                          ("t", TrashScreen)]:  # fmt: skip
            await pilot.press(key)
            await settle(pilot)
            await check(kind)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await check(SearchScreen, question_mark=False)  # the search box has the focus
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await check(EntryScreen)
        await pilot.press("a")
        await settle(pilot)
        await check(FeedbackRequestScreen, question_mark=False)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await check(SessionScreen, question_mark=False)
        await pilot.press("N", "o", "r", "t", "h", "ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        await check(ReviewScreen)


async def test_f1_on_the_problems_screen_and_an_answer_sketch(make_app, app_paths):
    from recovery_tui.core.journal import Journal
    from tests.samples import write_samples

    write_samples(Journal(app_paths.journal))
    (app_paths.journal.entries / "2026-11-30-broken-abcdef12.toml").write_text("x = = 1\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        await open_help(pilot)
        await open_help(pilot, "question_mark")
        await pilot.press("escape", "b")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SketchDialog), "enter on a question opens its sketch"
        await open_help(pilot)
