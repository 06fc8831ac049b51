"""The key contract, driven with Pilot the way a person would use it."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tomllib

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, TextArea

from recovery_tui.core import fsutil
from recovery_tui.core.journal import Journal
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.review import ReviewScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.prompt_field import PromptField
from recovery_tui.widgets.step_indicator import StepIndicator
from tests.conftest import settle
from tests.steps import messages, save_and_go_home, start_reflection


def focused_path(app) -> str | None:  # type: ignore[no-untyped-def]
    node = app.focused
    while node is not None and not isinstance(node, PromptField):
        node = node.parent
    return node.prompt.path if node else None


async def test_new_reflection_through_three_panels_is_saved(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "about.company"
        await pilot.press(*"Acme Robotics", "tab")
        assert focused_path(app) == "about.role"
        await pilot.press(*"Data engineer")
        await pilot.press("shift+tab")
        assert focused_path(app) == "about.company"

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.query_one(StepIndicator).step == 2
        assert focused_path(app) == "learn.prepare_better"
        await pilot.press(*"Practise joins", "enter", *"out loud")

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert focused_path(app) == "prepare.actions"
        await pilot.press(*"Email Sam by 2026-12-01")

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await save_and_go_home(pilot)
        assert any("entries/2026-11-25-acme-robotics-00000001" in m for m in messages(app))

    files = Journal(app_paths.journal).entry_files()
    assert len(files) == 1
    data = tomllib.loads(files[0].read_text("utf-8"))
    assert data["about"] == {"company": "Acme Robotics", "role": "Data engineer"}
    assert data["learn"]["prepare_better"] == "Practise joins\nout loud"
    assert data["prepare"]["actions"][0]["text"] == "Email Sam"
    assert str(data["prepare"]["actions"][0]["due"]) == "2026-12-01"
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(app_paths.journal.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(app_paths.journal.entries.stat().st_mode) == 0o700
    assert not list(app_paths.journal.drafts.glob("*.toml")), "a saved draft is removed"


async def test_ctrl_s_saves_from_the_first_panel(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_reflection(pilot)
        await save_and_go_home(pilot, *"Globex")
    assert len(Journal(app_paths.journal).entry_files()) == 1


async def test_escape_goes_back_one_panel_then_asks(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Initech", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert app.screen.query_one(StepIndicator).step == 3
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(StepIndicator).step == 2
        assert focused_path(app) == "learn.prepare_better"
        await pilot.press("escape")
        await settle(pilot)
        assert focused_path(app) == "about.company"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one("#field-about-company Input", Input).value == "Initech"
        await pilot.press("escape", "d")  # discard
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert not list(app_paths.journal.drafts.glob("*.toml"))
    assert Journal(app_paths.journal).entry_files() == []


async def test_escape_with_nothing_typed_goes_straight_home(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_reflection(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_keep_as_draft_and_resume_on_the_same_panel(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Umbrella", "ctrl+n")
        await pilot.press(*"Rehearse the STAR answers")
        await pilot.press("escape", "escape", "k")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(list(app_paths.journal.drafts.glob("*.toml"))) == 1
        assert "Umbrella" in str(app.screen.query_one("#drafts").get_option_at_index(0).prompt)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        # Left from panel 2 via panel 1: it was on panel 1 when kept.
        assert app.screen.query_one("#field-about-company Input", Input).value == "Umbrella"
        area = app.screen.query_one("#field-learn-prepare-better TextArea", TextArea)
        assert area.text == "Rehearse the STAR answers"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert len(Journal(app_paths.journal).entry_files()) == 1
    assert not list(app_paths.journal.drafts.glob("*.toml"))


async def test_quit_asks_when_something_is_unsaved(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Hooli", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+q", "k")
        await settle(pilot)
    assert app.return_code == 0
    drafts = list(app_paths.journal.drafts.glob("*.toml"))
    assert len(drafts) == 1
    assert "Hooli" in drafts[0].read_text("utf-8")


async def test_quit_with_nothing_unsaved_exits_at_once(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
    assert app.return_code == 0


async def test_missing_company_is_listed_in_review_and_jumps_to_it(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", *"Designer", "ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert [i.path for i in app.screen.issues] == ["about.company"]
        await pilot.press("ctrl+s")  # refused: the review says what to fix
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "about.company"
        field = app.screen.query_one("#field-about-company", PromptField)
        assert field.has_class("-invalid")
        await save_and_go_home(pilot, *"unknown")
    assert len(Journal(app_paths.journal).entry_files()) == 1


async def test_enter_on_a_review_item_scrolls_its_field_into_view(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        # Far down step 2, typed without going there: step 2 stays scrolled to its top.
        app.screen.query_one("#field-learn-feedback-date Input", Input).value = "2026-13-40"
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert [i.path for i in app.screen.issues] == ["about.company", "learn.feedback.date"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "learn.feedback.date"
        panel = app.screen.query_one("#panel-2", VerticalScroll)
        assert panel.scroll_y > 0
        assert panel.scrollable_content_region.contains_region(app.focused.region)
        await pilot.press(*"x")  # the keys go where the eye is
        field = app.screen.query_one("#field-learn-feedback-date Input", Input)
        assert field.value == "2026-13-40x"


async def test_ctrl_s_with_bad_date_says_what_to_fix(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Acme")
        app.screen.query_one("#field-about-news-date Input", Input).value = "2026-13-40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "about.news_date"
        assert "Use a date like" in str(
            app.screen.query_one("#field-about-news-date .prompt-error").render()
        )
    assert Journal(app_paths.journal).entry_files() == []


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EDQUOT, "over your disk quota"),
    ],
)
async def test_write_failure_keeps_the_words_and_can_retry(
    make_app, app_paths, monkeypatch, code, cause
):
    real_write = fsutil.os.write
    failing = {"on": True}

    def write(fd, data):  # type: ignore[no-untyped-def]
        # Fail only writes into entries/: the draft beside it still works.
        target = os.readlink(f"/proc/self/fd/{fd}")
        if failing["on"] and "/entries/" in target:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(fsutil.os, "write", write)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Stark Industries", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        message = list(app._notifications)[-1]
        assert message is not None and message.title == "Not saved"
        assert cause in message.message
        assert str(app_paths.journal.root.name) in message.message, "names the folder"
        assert "still here and in drafts" in message.message
        assert app.screen.query_one("#field-about-company Input", Input).value == "Stark Industries"
        assert list(app_paths.journal.entries.iterdir()) == [], "nothing partial is left"
        assert len(list(app_paths.journal.drafts.glob("*.toml"))) == 1
        failing["on"] = False
        await save_and_go_home(pilot)
    assert len(Journal(app_paths.journal).entry_files()) == 1
    assert not list(app_paths.journal.drafts.glob("*.toml"))


async def test_a_removed_journal_folder_is_not_quietly_recreated(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Wayne Enterprises")
        shutil.rmtree(app_paths.journal.root)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        message = list(app._notifications)[-1]
        assert message is not None and "the folder is gone" in message.message
        assert "still here in this window" in message.message
        assert not app_paths.journal.root.exists()
        app_paths.journal.root.mkdir(mode=0o700)
        await save_and_go_home(pilot)
    assert len(Journal(app_paths.journal).entry_files()) == 1


async def test_rating_with_keys_and_mouse(make_app, app_paths):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Acme")
        rating = app.screen.query_one("#field-personal-sting-before Rating")
        rating.focus()
        await pilot.press("7")
        assert rating.value == 70
        await pilot.press("right", "right")
        assert rating.value == 80
        await pilot.press("end", "right")
        assert rating.value == 100
        await pilot.press("backspace")
        assert rating.value is None
        rating.scroll_visible(animate=False)
        await settle(pilot)
        await pilot.click(rating, offset=(1, 0))
        assert rating.value == 0
        await pilot.press("8", "ctrl+s")
        await settle(pilot)
    data = tomllib.loads(Journal(app_paths.journal).entry_files()[0].read_text("utf-8"))
    assert data["personal"]["sting_before"] == 80


async def test_new_starts_straight_in_a_reflection(make_app):
    app = make_app(start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "about.company"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_clicking_a_step_goes_there(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Acme")
        steps = app.screen.query_one(StepIndicator)
        learn_x = next(x for x in range(80) if steps.step_at(x) == 2)
        await pilot.click(StepIndicator, offset=(learn_x, 0))
        await settle(pilot)
        assert steps.step == 2
        assert focused_path(app) == "learn.prepare_better"
        review_x = next(x for x in range(80) if steps.step_at(x) == 4)
        await pilot.click(StepIndicator, offset=(review_x, 0))
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        first_x = next(x for x in range(80) if app.screen.query_one(StepIndicator).step_at(x) == 1)
        await pilot.click(StepIndicator, offset=(first_x, 0))
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert focused_path(app) == "about.company"
        assert app.screen.query_one("#field-about-company Input", Input).value == "Acme"
