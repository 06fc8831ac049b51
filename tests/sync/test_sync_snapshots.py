"""Snapshots of sync in the app at 80x24: home's status line, a saved reflection's keys
with sync on, and its earlier versions. Fixed clock, machine and commit dates."""

from __future__ import annotations

import pytest

from recovery_tui.core.journal import Journal
from recovery_tui.core.sync import repo
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples
from tests.sync.test_sync_app import _other_machine


@pytest.fixture
def fixed_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repo, "machine", lambda: "laptop")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-25T09:30:00+01:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-25T09:30:00+01:00")


def _two_versions(app_paths, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _other_machine(app_paths, tmp_path)
    journal = Journal(app_paths.journal)
    (path, *_) = write_samples(journal)
    root = app_paths.journal.root
    with repo.repo_lock(root):
        repo.commit_all(root, "New reflection")
    entry, fp = journal.load(path)
    learn = entry.learn.model_copy(update={"prepare_better": "Time a mock interview."})
    journal.save(entry.model_copy(update={"learn": learn}), path, expected=fp)
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-26T20:05:00+01:00")
    monkeypatch.setattr(repo, "machine", lambda: "desktop")
    with repo.repo_lock(root):
        repo.commit_all(root, "Edited")


def test_home_says_when_it_last_synced(snap_compare, make_app, app_paths, tmp_path, fixed_commits):
    _other_machine(app_paths, tmp_path)
    write_samples(Journal(app_paths.journal))

    async def sync(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=sync)


def test_entry_keys_with_sync_on(
    snap_compare, make_app, app_paths, tmp_path, fixed_commits, monkeypatch
):
    _two_versions(app_paths, tmp_path, monkeypatch)

    async def open_it(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=open_it)


def test_versions_of_a_reflection(
    snap_compare, make_app, app_paths, tmp_path, fixed_commits, monkeypatch
):
    _two_versions(app_paths, tmp_path, monkeypatch)

    async def versions(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=versions)
