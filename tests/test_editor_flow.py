"""ctrl+o in a reflection: the focused answer goes to $VISUAL/$EDITOR and comes back.

Textual's headless driver can't hand the terminal over (App.suspend raises
SuspendNotSupported), so most tests swap `suspend` for a no-op and run a real fake editor
process; tests/test_real_terminal.py does the same through a real terminal.
"""

from __future__ import annotations

import contextlib
import stat
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import display_path
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.fake_editor import FakeEditor
from tests.steps import messages, start_reflection
from tests.test_session_flow import focused_path


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeEditor:
    monkeypatch.delenv("VISUAL", raising=False)
    return FakeEditor(tmp_path / "fake")


@pytest.fixture
def suspendable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecoveryApp, "suspend", lambda self: contextlib.nullcontext())


def editing_files(app_paths) -> list[Path]:  # type: ignore[no-untyped-def]
    folder = app_paths.journal.editing
    return list(folder.iterdir()) if folder.exists() else []


async def open_editor(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Type `keys`, press ctrl+o, and wait until its notice is out.

    The action first waits for the focused box to take the keys typed before it, so
    `settle` alone can return before the editor has run."""
    before = len(messages(pilot.app))
    await pilot.press(*keys, "ctrl+o")
    for _ in range(1000):
        if len(messages(pilot.app)) > before:
            break
        await pilot.pause()
    else:
        raise AssertionError("ctrl+o gave no notice")
    await settle(pilot)


async def start(pilot) -> SessionScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    return await start_reflection(pilot)


async def test_a_text_answer_goes_to_the_editor_and_back_into_the_saved_file(
    make_app, app_paths, fake, suspendable, monkeypatch
):
    monkeypatch.setenv("EDITOR", fake.command("append"))
    fake.will_append("out loud, twice")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press(*"Acme", "ctrl+n")
        await settle(pilot)
        # Keys typed just before ctrl+o reach the editor too.
        await open_editor(pilot, *"Practise joins")
        assert focused_path(app) == "learn.prepare_better"
        area = app.focused
        assert isinstance(area, TextArea)
        assert area.text == "Practise joins\nout loud, twice"
        assert any(m.startswith("Your answer is back from") for m in messages(app))

        record = fake.record
        assert record["before"] == "Practise joins\n"
        assert Path(record["path"]).parent == app_paths.journal.editing
        assert record["mode"] == 0o600 and record["folder_mode"] == 0o700
        assert editing_files(app_paths) == []

        # The draft already has it, before any timer runs.
        draft = next(app_paths.journal.drafts.glob("*.toml")).read_text("utf-8")
        assert "out loud, twice" in draft
        assert screen.has_unsaved_work()

        await pilot.press("ctrl+s")
        await settle(pilot)
    files = Journal(app_paths.journal).entry_files()
    data = tomllib.loads(files[0].read_text("utf-8"))
    assert data["learn"]["prepare_better"] == "Practise joins\nout loud, twice"
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert not list(app_paths.journal.drafts.glob("*.toml"))


async def test_ctrl_z_undoes_what_came_back(make_app, fake, suspendable, monkeypatch):
    monkeypatch.setenv("EDITOR", fake.command("write"))
    fake.will_write(b"All new\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, "ctrl+n", *"first")
        assert app.focused.text == "All new"
        await pilot.press("ctrl+z")
        assert app.focused.text == "first"


async def test_a_one_line_answer_stays_on_one_line(make_app, fake, suspendable, monkeypatch):
    monkeypatch.setenv("VISUAL", fake.command("write"))
    monkeypatch.setenv("EDITOR", "no-such-editor")
    fake.will_write(b"Acme\nRobotics\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, *"Acme")
        line = app.focused
        assert isinstance(line, Input)
        assert line.value == "Acme Robotics"
        assert line.cursor_position == len("Acme Robotics")


@pytest.mark.parametrize(
    ("action", "data", "expected"),
    [
        ("fail", None, "closed with an error (exit code 1)"),
        ("delete", None, "was gone when it closed"),
    ],
)
async def test_when_the_editor_goes_wrong_the_answer_is_kept(
    make_app, app_paths, fake, suspendable, monkeypatch, action, data, expected
):
    monkeypatch.setenv("EDITOR", fake.command(action))
    if data is not None:
        fake.will_write(data)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, "ctrl+n", *"mine")
        assert fake.ran
        assert app.focused.text == "mine"
        [message] = [m for m in messages(app) if expected in m]
        assert message.endswith("Your answer is unchanged.")
        assert "mine" not in message
        assert editing_files(app_paths) == []


@pytest.mark.parametrize(
    ("action", "data", "expected"),
    [
        ("write-fail", b"Mine, rewritten\n", "closed with an error (exit code 1)"),
        ("write", "Mine, in Latin-1: caf\xe9\n".encode("latin-1"), "isn't UTF-8 text"),
        ("write", b"Mine" * (1024 * 1024 // 4 + 1), "is over 1 MB"),
    ],
    ids=["error-exit", "not-utf8", "too-large"],
)
async def test_words_the_editor_cant_bring_back_are_kept_in_a_file(
    make_app, app_paths, fake, suspendable, monkeypatch, action, data, expected
):
    monkeypatch.setenv("EDITOR", fake.command(action))
    fake.will_write(data)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, "ctrl+n", *"mine")
        assert app.focused.text == "mine"
        left = editing_files(app_paths)
        assert len(left) == 1, messages(app)
        [kept] = left
        assert kept.name.startswith("kept-") and kept.name.endswith(".txt")
        assert kept.read_bytes() == data, "what was written there is kept, byte for byte"
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        [message] = [m for m in messages(app) if expected in m]
        assert "Your answer here is unchanged." in message
        assert message.endswith(f" is kept in {display_path(kept)}.")
        assert "mine" not in message.lower().replace(kept.name, "")
        [notice] = [n for n in app._notifications if n.message == message]
        assert notice.severity == "warning" and notice.timeout == 20


async def test_a_missing_editor_is_named(make_app, app_paths, suspendable, monkeypatch, tmp_path):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{tmp_path / 'nowhere' / 'my-editor'} --wait")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, *"Acme")
        assert app.focused.value == "Acme"
        assert "Couldn't find the editor my-editor (from $EDITOR)." in messages(app)[-1]
        assert editing_files(app_paths) == []


async def test_no_editor_set_says_how_to_set_one(make_app, suspendable, monkeypatch, tmp_path):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, *"Acme")
        assert "export EDITOR=nano" in messages(app)[-1]
        assert app.focused.value == "Acme"


async def test_the_same_text_back_changes_nothing(
    make_app, app_paths, fake, suspendable, monkeypatch
):
    monkeypatch.setenv("EDITOR", fake.command("keep"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await open_editor(pilot, "ctrl+n", *"same", "enter")
        assert fake.record["before"] == "same\n\n"
        assert app.focused.text == "same\n"
        assert messages(app)[-1].startswith("No changes came back")
        # Nothing was typed into the box by the round trip: undo goes back to the typing.
        await pilot.press("ctrl+z")
        assert app.focused.text != "same\n"
        assert screen.is_current


async def test_a_terminal_that_cant_hand_over_says_so_calmly(
    make_app, app_paths, fake, monkeypatch
):
    monkeypatch.setenv("EDITOR", fake.command("append"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await open_editor(pilot, *"Acme")
        assert not fake.ran
        assert app.focused.value == "Acme"
        assert "this terminal can't hand over the screen" in messages(app)[-1]
        assert editing_files(app_paths) == []


async def test_choices_and_ratings_get_a_short_notice(make_app, fake, suspendable, monkeypatch):
    monkeypatch.setenv("EDITOR", fake.command("append"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("tab", "tab")
        assert focused_path(app) == "about.stage"
        await open_editor(pilot)
        assert not fake.ran
        assert messages(app)[-1].startswith("Your editor opens written answers.")


async def test_ctrl_o_is_in_the_footer_and_the_keys_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        own, _ = app.screen_keys()
        assert ("^o", "Write this answer in your editor ($EDITOR)") in own
        footer_keys = [b.binding.key for b in app.active_bindings.values() if b.binding.show]
        assert "ctrl+o" in footer_keys
