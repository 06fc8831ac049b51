"""Sync in the app: the y key on home, the quiet status line, the versions of a reflection."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from textual.widgets import OptionList, Static

from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, JournalPaths
from recovery_tui.core.sync import engine, git, repo
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.versions import VersionsScreen
from recovery_tui.widgets.sync_status import SyncStatus
from tests.samples import write_samples
from tests.steps import messages, open_entry, settle, write_reflection
from tests.sync.conftest import reflection


def _other_machine(app_paths: AppPaths, tmp_path: Path) -> Journal:
    """A bare remote, this journal synced with it, and a second machine's journal."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    root = app_paths.journal.root
    Journal(app_paths.journal).ensure()
    repo.init(root, str(remote))
    engine.sync(root)
    other = Journal(JournalPaths(tmp_path / "desktop"))
    repo.init(other.paths.root, str(remote))
    engine.sync(other.paths.root)
    return other


def _footer_keys(app: object) -> set[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return {b.binding.description for b in screen.active_bindings.values() if b.enabled}


async def test_y_syncs_and_the_status_line_says_when(make_app, app_paths, tmp_path):
    other = _other_machine(app_paths, tmp_path)
    there = other.save(reflection("Heronsgate", 2))
    engine.sync(other.paths.root)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = app.screen.query_one(SyncStatus)
        assert status.display and str(status.render()) == "Sync is on; press y to sync."
        assert "Sync" in _footer_keys(app)
        await pilot.press("y")
        await settle(pilot)
        assert str(status.render()) == "Synced at 09:30."
        assert (app_paths.journal.entries / there.name).exists()
        lately = app.screen.query_one("#recent", OptionList)
        assert "Heronsgate" in str(lately.get_option_at_index(0).prompt)
        await write_reflection(pilot, "Northwind")
        assert app.committer is not None and app.committer.flush()
        subjects = git.out(app_paths.journal.root, "log", "--format=%s").splitlines()
        assert subjects[0].startswith("New reflection: entries/")
        assert "Northwind".lower() in subjects[0]
        await pilot.press("y")
        await settle(pilot)
    engine.sync(other.paths.root)
    assert {p.name.split("-")[3] for p in other.entry_files()} >= {"heronsgate", "northwind"}


async def test_an_unreachable_remote_is_said_quietly_and_nothing_changes(
    make_app, app_paths, tmp_path
):
    _other_machine(app_paths, tmp_path)
    write_samples(Journal(app_paths.journal))
    shutil.rmtree(tmp_path / "remote.git")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        status = app.screen.query_one(SyncStatus)
        assert str(status.render()).startswith("Not synced: couldn't reach the other machines")
        assert any("keeps working here" in m for m in messages(app))
        assert isinstance(app.screen, HomeScreen)
        await open_entry(pilot)  # the journal still opens


async def test_without_sync_there_is_no_key_and_no_line(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(SyncStatus).display
        assert "Sync" not in _footer_keys(app)
        await pilot.press("y")
        await settle(pilot)
        assert messages(app) == []
        await open_entry(pilot)
        assert "Versions" not in _footer_keys(app)


async def test_versions_screen_shows_earlier_versions_and_brings_one_back(
    make_app, app_paths, tmp_path
):
    _other_machine(app_paths, tmp_path)
    journal = Journal(app_paths.journal)
    root = app_paths.journal.root
    path = journal.save(reflection("Northwind", 1))
    with repo.repo_lock(root):
        repo.commit_all(root, "New reflection")
    entry, fp = journal.load(path)
    learn = entry.learn.model_copy(update={"prepare_better": "A later thought."})
    journal.save(entry.model_copy(update={"learn": learn}), path, expected=fp)
    with repo.repo_lock(root):
        repo.commit_all(root, "Edited")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_entry(pilot)
        assert "Versions" in _footer_keys(app)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)
        listing = app.screen.query_one("#versions", OptionList)
        assert listing.option_count == 2
        assert "learn.prepare_better" in str(listing.get_option_at_index(0).prompt)
        text = app.screen.query_one("#version-text", Static)
        assert "A later thought." in str(text.render())
        assert "Bring back" not in _footer_keys(app)  # it is the version you have now
        await pilot.press("down")
        await settle(pilot)
        assert "A later thought." not in str(text.render())
        assert "Read the job ad twice." in str(text.render())
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        assert journal.read(path).learn.prepare_better == "Read the job ad twice."
        assert screen.entry.learn.prepare_better == "Read the job ad twice."  # shown again
        assert app.committer is not None and app.committer.flush()
        subject = git.out(root, "log", "-1", "--format=%s")
        assert subject == f"Restored an earlier version: entries/{path.name}"
    assert isinstance(screen, EntryScreen)


async def test_files_screen_shows_where_a_conflict_copy_differs_and_settles_it(
    make_app, app_paths, tmp_path
):
    other = _other_machine(app_paths, tmp_path)
    journal = Journal(app_paths.journal)
    path = journal.save(reflection("Northwind", 1))
    engine.sync(journal.paths.root)
    engine.sync(other.paths.root)
    for side, words in ((other, "Theirs: ask more."), (journal, "Mine: slow down.")):
        here = side.paths.entries / path.name
        entry, fp = side.load(here)
        learn = entry.learn.model_copy(update={"prepare_better": words})
        side.save(entry.model_copy(update={"learn": learn}), here, expected=fp)
    engine.sync(other.paths.root)
    (copy,) = engine.sync(journal.paths.root).conflicts
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "learn.prepare_better: Mine: slow down. / Theirs: ask more." in dialog.message
        await pilot.press("c")  # keep the copy: theirs
        await settle(pilot)
        assert journal.read(path).learn.prepare_better == "Theirs: ask more."
        assert not (journal.paths.root / copy).exists()
        assert app.committer is not None and app.committer.flush()
    assert git.out(journal.paths.root, "status", "--porcelain") == ""


async def test_auto_sync_syncs_on_start_and_a_while_after_a_save(
    make_app, app_paths, tmp_path, monkeypatch
):
    import recovery_tui.syncing as syncing

    other = _other_machine(app_paths, tmp_path)
    there = other.save(reflection("Heronsgate", 2))
    engine.sync(other.paths.root)
    app_paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text("auto_sync = true\n")
    monkeypatch.setattr(syncing, "AFTER_SAVE_SECONDS", 0.01)
    monkeypatch.setattr(syncing, "MIN_GAP_SECONDS", 0.0)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (app_paths.journal.entries / there.name).exists()  # synced on start
        assert str(app.screen.query_one(SyncStatus).render()) == "Synced at 09:30."
        await write_reflection(pilot, "Northwind")
        assert app.committer is not None and app.committer.flush()
        await pilot.pause()  # the committer's note reaches the app; the timer starts
        for _ in range(400):  # a timer of 10 ms, then the sync's worker: a few frames
            if app._auto_timer is None and not app._syncing:
                break
            await pilot.pause(0.05)
        await settle(pilot)
    engine.sync(other.paths.root)
    assert any("northwind" in p.name for p in other.entry_files())  # sent without a key
