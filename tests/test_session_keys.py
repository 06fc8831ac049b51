"""Keys a person can see: the session's footer at 60 columns, dialogs' own keys, and
notifications that never sit on a dialog's buttons."""

from __future__ import annotations

from textual.widgets import Button
from textual.widgets._toast import Toast

from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.review import ReviewScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.screen_text import screen_text

ESSENTIALS = ("^n Next", "esc Back", "^s Save", "^q Quit", "f1 Keys")


def footer_line(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).split("\n")[-1]


async def test_at_60_columns_the_footer_shows_next_back_save_quit_and_keys(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for step in (1, 3):
            screen.show_panel(step)
            await settle(pilot)
            line = footer_line(app)
            for key in ESSENTIALS:
                assert key in line, (step, line)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        line = footer_line(app)
        for key in ESSENTIALS[1:]:
            assert key in line, line


async def test_at_80_columns_editor_and_reuse_still_show_after_the_essentials(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert line.index("f1 Keys") < line.index("^o Editor"), line


async def test_a_dialog_shows_its_keys(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Acme", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        line = footer_line(app)
        for key in ("k Keep as draft", "d Discard", "esc Stay"):
            assert key in line, line


async def test_a_notification_never_covers_a_dialogs_buttons(make_app):
    for size in ((80, 24), (60, 20)):
        app = make_app(start="new")
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            await pilot.press(*"Acme", "escape")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ChoiceDialog)
            for n in range(3):
                app.notify(
                    "A long notification that wraps over a few lines, as a warning about a "
                    f"draft that couldn't be kept might. Number {n}.",
                    timeout=30,
                )
            for _ in range(10):  # the rack lays its toasts out a few turns later
                await settle(pilot)
                if dialog.query(Toast) and dialog.query(Toast).first().region.area:
                    break
            # What is drawn on top at each cell: a toast shows, and none is on a button.
            first = dialog.query(Toast).first().region
            on_top, _ = dialog.get_widget_at(first.x + 1, first.y + 1)
            assert isinstance(on_top, Toast), "the notifications show while the dialog is open"
            buttons = list(dialog.query(Button))
            assert buttons
            for button in buttons:
                region = button.region
                for y in range(region.y, region.bottom):
                    for x in range(region.x, region.right):
                        on_top, _ = dialog.get_widget_at(x, y)
                        assert on_top is button, (size, button, x, y, on_top)


async def test_at_60_columns_every_screen_keeps_quit_and_keys_in_its_footer(make_app, app_paths):
    from recovery_tui.core.journal import Journal
    from tests.samples import write_samples

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        walk = [
            ((), "HomeScreen"),
            (("h",), "HistoryScreen"),
            (("enter",), "EntryScreen"),
            (("escape", "escape", "p"), "ProgressScreen"),
            (("escape", "b"), "PracticeScreen"),
            (("escape", "a"), "ActionsScreen"),
            (("escape", "t"), "TrashScreen"),
        ]
        for keys, name in walk:
            await pilot.press(*keys)
            await settle(pilot)
            assert type(app.screen).__name__ == name, (keys, app.screen)
            line = footer_line(app)
            assert "^q Quit" in line and "f1 Keys" in line, (name, line)
