"""Settings in the app: key remaps, the start-up message for a bad file, help and F1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Footer, OptionList, Static

from recovery_tui.core.paths import AppPaths
from recovery_tui.keymap import check_keymap
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
from tests.steps import messages, start_reflection

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
        assert len(notes) == 1 and notes[0].message == app.settings_notice
        assert notes[0].message == (
            "settings.toml: 4 settings can't be used, so they keep their defaults. "
            "Press f1 to read them, or run recovery-tui locate."
        )
        shown = footer_keys(app)
        assert shown["Practice"] == "b" and shown["History"] == "h" and shown["Progress"] == "g"
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


@pytest.mark.parametrize(
    ("remap", "tick", "sent"),
    [('"home.done" = "k"', "k", "space"), ('"home.sent" = "s"', "space", "s")],
)
async def test_remapping_one_of_two_actions_sharing_a_key_keeps_the_other(
    make_app, app_paths, remap: str, tick: str, sent: str
):
    """Done and Sent share space on home; moving one leaves the other on space."""
    from tests.test_follow_ups import journal_waiting, lines

    journal_waiting(app_paths)
    write_settings(app_paths, f"[keys]\n{remap}\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert app.settings_message is None
        today = app.screen.query_one("#today", OptionList)
        follow_ups = app.screen.query_one("#follow-ups", OptionList)
        assert today.option_count == 1 and follow_ups.option_count == 2
        app.screen.set_focus(today)
        await pilot.pause()
        assert footer_keys(app)["Done"] == tick and "Sent" not in footer_keys(app)
        await pilot.press(sent)  # Sent's key does nothing to the actions
        await settle(pilot)
        assert today.option_count == 1
        await pilot.press(tick)
        await settle(pilot)
        await settle(pilot)
        assert today.option_count == 0
        app.screen.set_focus(follow_ups)
        await pilot.pause()
        assert footer_keys(app)["Sent"] == sent and "Done" not in footer_keys(app)
        follow_ups.highlighted = 0
        await pilot.press(sent)
        await settle(pilot)
        await settle(pilot)
        assert lines(follow_ups) == [
            "Northwind Labs  ·  Backend engineer  ·  asked 15 days ago, no reply yet"
        ]


def test_actions_sharing_a_key_can_move_together_and_keep_it_for_each_other() -> None:
    from recovery_tui.keymap import places

    shared = {
        (place.name, binding_id, tuple(sorted(partners)))
        for place in places()
        for binding_id, partners in place.partners.items()
    }
    assert shared == {("home", "home.done", ("home.sent",)), ("home", "home.sent", ("home.done",))}
    # Every binding on a shared key has an id, so a remap never drops one without a word.
    for place in places():
        keys = [key for key, _ in place.node._merge_bindings()]
        for key, binding in place.node._merge_bindings():
            if keys.count(key) > 1:
                assert binding.id, (place.name, key, binding)
    assert check_keymap({"home.done": "k"}) == ({"home.done": "k", "home.sent": "space"}, [])
    assert check_keymap({"home.done": "x", "home.sent": "x"}) == (
        {"home.done": "x", "home.sent": "x"},
        [],
    )
    keymap, problems = check_keymap({"home.sent": "s", "home.trash": "space"})
    assert keymap == {"home.sent": "s", "home.done": "space"}
    assert problems == [
        'keys: "home.trash" = "space": "space" is already used on the home screen, for '
        '"Done" (home.done); it keeps its usual key'
    ]


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
        assert "theme is still used" in text
        # The theme line is fine on its own, so it still applies; the broken line doesn't.
        assert app.settings.follow_up_days == 7 and app.theme == "nord"


@pytest.mark.parametrize(
    "journal",
    ['"/tmp/a\\u0000b"', '"{file}"', '"{file}/journal"', '"~no-such-user-here/j"', "[1, 2]"],
)
async def test_a_journal_setting_that_cannot_be_used_gives_the_notice_not_a_traceback(
    make_app, app_paths, tmp_path: Path, journal: str
):
    file = tmp_path / "notes.txt"
    file.write_text("mine\n", "utf-8")
    write_settings(app_paths, f'journal = {journal.format(file=file)}\ntheme = "nord"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.settings_notice is not None
        message = app.settings_message or ""
        assert "- journal" in message and "using the usual folder" in message
        assert "\x00" not in message and app.theme == "nord"
    assert file.read_text("utf-8") == "mine\n"


def toast_text(app) -> str:  # type: ignore[no-untyped-def]
    """The words the one toast on screen shows, as drawn; it must be wholly on screen."""
    from textual.geometry import Region
    from textual.widgets._toast import Toast

    toasts = list(app.screen.query(Toast))
    assert len(toasts) == 1
    toast = toasts[0]
    assert app.screen.region.contains_region(toast.region), toast.region
    strips = toast.render_lines(Region(0, 0, *toast.region.size))
    drawn = " ".join(strip.text.replace("▌", " ") for strip in strips)
    return " ".join(drawn.split())


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (  # four problems: the count, and where to read them
            '[keys]\n"home.trash" = "h"\n"new" = "N"\n"entry.edit" = "ctrl+"\n'
            '"session.save" = "s"\n',
            "4 settings can't be used",
        ),
        ("follow_up_days = 500\n", "follow_up_days should be a whole number"),  # one, in full
        (  # a syntax error, with settings still used
            'journal = "/tmp/elsewhere"\ntheme = "nord"\nfollow_up_days = = 3\n'
            'oops = 1\n[keys]\n"new" = "N"\n',
            "journal and theme still apply",
        ),
        ("follow_up_days = = 3\n", "line 1, column 18"),  # a syntax error alone, in full
    ],
)
async def test_the_start_up_notification_is_short_and_wholly_visible_at_80x24(
    make_app, app_paths, text: str, shown: str
):
    from recovery_tui.core.settings import NOTICE_BUDGET

    write_settings(app_paths, text)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)
        notice = app.settings_notice
        assert notice is not None and shown in notice
        assert len(notice) <= NOTICE_BUDGET
        assert " ".join(f"Settings {notice}".split()) in toast_text(app)


async def test_f1_lists_the_settings_problems_at_the_end(make_app, app_paths):
    write_settings(app_paths, 'follow_up_days = 0\n[keys]\n"home.trash" = "h"\n"new" = "N"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-settings", Static).render())
        assert shown == app.settings_message
        assert '"h" is already used on the home screen' in shown
        assert '"new" isn\'t an action this app has' in shown
        assert "follow_up_days should be" in shown
        titles = [str(label.render()) for label in app.screen.query(".help-title")]
        assert titles[-1] == "Your settings file"


async def test_f1_has_no_settings_section_when_all_is_well(make_app, app_paths):
    write_settings(app_paths, "follow_up_days = 10\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("#help-settings")


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
        assert any(m.startswith("Couldn't remember the theme") for m in messages(app))
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
        await start_reflection(pilot)
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
