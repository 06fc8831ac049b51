"""Two writers, several windows, crashes and kills: nothing typed or saved is lost."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib

import pytest
from textual import messages

from recovery_tui.app import crash_report, random_id
from recovery_tui.core.fsutil import is_our_temp_file
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from recovery_tui.screens import session as session_module
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import settle
from tests.samples import write_samples
from tests.steps import open_for_edit, start_reflection, write_reflection
from tests.terminal import Terminal


def someone_else_edits(path) -> bytes:  # type: ignore[no-untyped-def]
    text = path.read_text("utf-8").replace("Backend engineer", "Edited elsewhere")
    path.write_text(text, "utf-8")
    return path.read_bytes()


async def test_a_file_changed_elsewhere_is_not_overwritten_and_mine_becomes_a_copy(
    make_app, app_paths
):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_for_edit(pilot)
        await pilot.press("tab", "ctrl+u", *"My new role")
        theirs = someone_else_edits(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert target.read_bytes() == theirs, "their change is untouched"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.path != target
    assert target.read_bytes() == theirs
    files = journal.entry_files()
    assert len(files) == 4
    copy = next(f for f in files if f not in {target} and "northwind" in f.name)
    data = tomllib.loads(copy.read_text("utf-8"))
    assert data["about"]["role"] == "My new role"
    assert data["id"] != tomllib.loads(theirs.decode())["id"]
    assert not list(app_paths.journal.drafts.glob("*.toml"))


async def test_reload_shows_their_version_and_drops_mine(make_app, app_paths):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_for_edit(pilot)
        await pilot.press("tab", "ctrl+u", *"Mine")
        theirs = someone_else_edits(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.entry.about.role == "Edited elsewhere"
    assert target.read_bytes() == theirs
    assert len(journal.entry_files()) == 3
    assert not list(app_paths.journal.drafts.glob("*.toml"))


async def test_a_file_removed_elsewhere_can_be_saved_as_a_copy(make_app, app_paths):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_for_edit(pilot)
        await pilot.press("tab", "ctrl+u", *"Still mine")
        target.unlink()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # not now: still writing, nothing lost
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+s", "c")
        await settle(pilot)
    assert not target.exists()
    roles = [
        tomllib.loads(f.read_text("utf-8"))["about"].get("role") for f in journal.entry_files()
    ]
    assert "Still mine" in roles


async def test_two_windows_editing_the_same_entry_keep_two_drafts(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    for word in ("first", "second"):
        app = make_app(new_id=random_id)  # as in real life: each window its own ids
        async with app.run_test(size=(80, 24)) as pilot:
            await open_for_edit(pilot)
            await pilot.press("tab", "ctrl+u", *f"{word} window")
            await pilot.press("ctrl+q", "k")
            await settle(pilot)
    drafts = sorted(p.read_text("utf-8") for p in app_paths.journal.drafts.glob("*.toml"))
    assert len(drafts) == 2
    assert any("first window" in d for d in drafts)
    assert any("second window" in d for d in drafts)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#drafts").option_count == 2


async def test_two_windows_creating_entries_at_the_same_moment_make_two_files(make_app, app_paths):
    ids = iter(["abcdef01" + "1" * 24, "d1" * 16, "abcdef01" + "2" * 24, "d2" * 16])
    for company in ("Same Second", "Same Second"):
        app = make_app(new_id=lambda: next(ids))
        async with app.run_test(size=(80, 24)) as pilot:
            await write_reflection(pilot, company)
    files = Journal(app_paths.journal).entry_files()
    assert len(files) == 2
    assert {tomllib.loads(f.read_text("utf-8"))["id"][-1] for f in files} == {"1", "2"}


async def test_a_crash_keeps_the_draft_and_shows_no_entry_text(make_app, app_paths, monkeypatch):
    async def boom(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("my secret words")

    monkeypatch.setattr(SessionScreen, "action_next_panel", boom)
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_reflection(pilot)
            await pilot.press(*"Secret Company", "ctrl+n")
            await settle(pilot)
    drafts = list(app_paths.journal.drafts.glob("*.toml"))
    assert len(drafts) == 1 and "Secret Company" in drafts[0].read_text("utf-8")
    shown = "".join(str(r) for r in app._exit_renderables)
    assert "secret" not in shown.lower()


@pytest.fixture
def no_draft_timer(monkeypatch):  # type: ignore[no-untyped-def]
    """Only the way out writes a draft, not the half-second timer."""
    monkeypatch.setattr(session_module, "DRAFT_EVERY_SECONDS", 3600)


async def test_leaving_without_quit_keeps_the_latest_words(make_app, app_paths, no_draft_timer):
    # What a closed browser tab does (recovery-tui serve): the app is told to exit, no question.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_reflection(pilot)
        await pilot.press(*"Closed Tab Co")
        assert not list(app_paths.journal.drafts.glob("*.toml"))
        app.post_message(messages.ExitApp())
        await pilot.pause()
    drafts = list(app_paths.journal.drafts.glob("*.toml"))
    assert len(drafts) == 1
    assert "Closed Tab Co" in drafts[0].read_text("utf-8")


async def test_discard_and_quit_still_leaves_no_draft(make_app, app_paths, no_draft_timer):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_reflection(pilot)
        await pilot.press(*"Gone Inc", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await settle(pilot)
    assert app.return_code == 0
    assert not list(app_paths.journal.drafts.glob("*.toml"))


def test_crash_report_names_the_place_but_never_the_message():
    try:
        raise ValueError("Dear diary, the interview at Acme went badly")
    except ValueError as error:
        report = crash_report(error)
    assert "ValueError" in report
    assert "test_never_lose_a_word.py" in report
    assert "diary" not in report and "Acme" not in report


# -- the real app, killed ----------------------------------------------------------------


def drafts(journal):  # type: ignore[no-untyped-def]
    return list((journal / "drafts").glob("*.toml"))


@pytest.mark.slow
def test_kill_9_then_r_brings_back_every_word(tmp_path):
    journal = tmp_path / "journal"
    term = Terminal(["--dir", str(journal)])
    try:
        term.wait_for("Press n to begin")
        term.type("n", "Vandelay Industries", "tab", "Importer")
        term.type("ctrl+n", "Latex questions", "enter", "and a second line")
        # The half-second draft timer has the last words on disk: kill at once, mid-session.
        deadline = time.monotonic() + 20
        while not any("and a second line" in p.read_text("utf-8") for p in drafts(journal)):
            assert time.monotonic() < deadline, "no draft with the last words came"
            term.read(0.05)
        term.kill(signal.SIGKILL)
    finally:
        term.close()

    term = Terminal(["--dir", str(journal)])
    try:
        term.wait_for("Drafts  1")
        term.wait_for("Vandelay Industries")
        term.type("r")
        term.wait_for("Latex questions")  # back on panel 2, where it was
        term.type("ctrl+s")
        term.wait_for("Your reflection is safe in")
        term.type("ctrl+q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    files = list((journal / "entries").glob("*.toml"))
    assert len(files) == 1
    data = tomllib.loads(files[0].read_text("utf-8"))
    assert data["about"] == {"company": "Vandelay Industries", "role": "Importer"}
    assert data["learn"]["prepare_better"] == "Latex questions\nand a second line"
    assert not list((journal / "drafts").glob("*.toml"))


SAVE_LOOP = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import build_entry, new_id
    from recovery_tui.core.paths import JournalPaths

    journal = Journal(JournalPaths(Path(sys.argv[1])))
    first = None
    n = 0
    while True:
        now = datetime.now(timezone.utc)
        entry = build_entry(
            {"about": {"company": f"Loop {n}"}, "personal": {"what_happened": "x" * 5000}},
            id=new_id(), created=now, updated=now,
        )
        path = journal.save(entry)
        print(entry.id, flush=True)
        if first is None:
            first = (entry, path)
        else:  # and rewrite the first entry in place, again and again
            journal.save(first[0].model_copy(update={"updated": now}), first[1])
        n += 1
    """
)


@pytest.mark.slow
def test_sigkill_during_saves_never_leaves_a_broken_or_missing_entry(tmp_path):
    root = tmp_path / "journal"
    rng = random.Random(1)
    reported: set[str] = set()
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(root)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(0.6 + rng.random() * 0.4)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        reported.update(out.split())
    assert len(reported) > 20, "the loop got going"
    journal = Journal(JournalPaths(root))
    on_disk = {journal.read(path).id for path in journal.entry_files()}  # all parse and validate
    assert reported <= on_disk, "every save that returned is on disk"
    leftovers = [p.name for p in journal.paths.entries.iterdir() if p.name.startswith(".")]
    assert all(is_our_temp_file(name) for name in leftovers), leftovers


async def test_a_discarded_reflection_is_not_written_back_by_the_draft_timer(make_app, app_paths):
    # The half-second timer may fire after "discard" and before the screen is gone.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        session = await start_reflection(pilot)
        discard = session.discard_draft

        def discard_then_tick() -> None:
            discard()
            session.keep_draft(force=True)  # a tick of the timer right after discarding

        session.discard_draft = discard_then_tick  # type: ignore[method-assign]
        await pilot.press(*"Gone Inc", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await settle(pilot)
        assert not list(app_paths.journal.drafts.glob("*.toml"))
