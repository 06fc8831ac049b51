"""An index that can't be kept in the cache folder is said out loud, once, and a temporary
one does its job: home, history and search keep working and the journal is untouched."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList

from recovery_tui.app import create_app
from recovery_tui.core.index.store import Index
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, JournalPaths
from recovery_tui.screens.history import HistoryScreen
from tests.conftest import FIXED_NOW, counting_ids, settle
from tests.core.test_problems import snapshot
from tests.samples import write_samples


def index_notices(app: Any) -> list[str]:
    return [n.message for n in app._notifications if n.title == "History index"]


def app_for(paths: AppPaths) -> Any:
    return create_app(
        paths,
        clock=lambda: FIXED_NOW,
        new_id=counting_ids(),
        remember_theme=False,
        scan_delay=0,
    )


async def history_rows(pilot: Any) -> int:
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    rows = pilot.app.screen.query_one("#history", DataTable).row_count
    await pilot.press("escape")
    await settle(pilot)
    return rows


async def test_a_folder_where_the_index_should_be_is_said_once(app_paths: AppPaths) -> None:
    write_samples(Journal(app_paths.journal))
    app_paths.index_file.mkdir(parents=True)
    before = snapshot(app_paths.journal.root)
    app = app_for(app_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (notice,) = index_notices(app)
        assert "there is a folder where its file should be" in notice
        assert "Your journal is safe" in notice and "temporary index" in notice
        assert app.screen.query_one("#today", OptionList).option_count == 1  # "Email Sam"
        assert await history_rows(pilot) == 3
        assert await history_rows(pilot) == 3  # looking again says nothing new
        assert len(index_notices(app)) == 1
    assert app_paths.index_file.is_dir() and not any(app_paths.index_file.iterdir())
    assert snapshot(app_paths.journal.root) == before


async def test_a_cache_folder_that_cant_be_made_is_said_once(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n", "utf-8")
    paths = AppPaths(JournalPaths(tmp_path / "journal"), tmp_path / "config", blocker / "cache")
    write_samples(Journal(paths.journal))
    app = app_for(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (notice,) = index_notices(app)
        assert "part of the path is not a folder" in notice
        assert await history_rows(pilot) == 3
        await pilot.press("n")  # a new reflection gathers past wins through the index too
        await settle(pilot)
        assert len(index_notices(app)) == 1


async def test_a_usable_cache_says_nothing(app_paths: AppPaths) -> None:
    write_samples(Journal(app_paths.journal))
    app = app_for(app_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await history_rows(pilot) == 3
        assert index_notices(app) == []
    assert app_paths.index_file.is_file()


# --- the place itself ----------------------------------------------------------------------


def test_a_read_only_index_falls_back_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    preferred = tmp_path / "cache" / "index.sqlite3"
    real_refresh = Index.refresh

    def read_only(self: Index, *args: Any, **kwargs: Any) -> Any:
        if self.db_path == preferred:  # root can't make a folder read-only: say it is
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_refresh(self, *args, **kwargs)

    monkeypatch.setattr(Index, "refresh", read_only)
    from recovery_tui.core.index.place import IndexPlace

    said: list[str] = []
    place = IndexPlace(preferred, journal, said.append)
    for _ in range(3):
        with place.open(refresh=True) as index:
            assert index.count() == 3
    assert place.temporary and place.path != preferred
    assert len(said) == 1 and "(it is read-only)" in said[0]
    temporary = place.path.parent
    place.close()
    assert not temporary.exists()


def test_a_fifo_where_the_index_should_be_is_never_waited_on(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    fifo = tmp_path / "cache" / "index.sqlite3"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    from recovery_tui.core.index.place import IndexPlace

    said: list[str] = []
    found: list[int] = []
    place = IndexPlace(fifo, journal, said.append)

    def use() -> None:
        with place.open(refresh=True) as index:
            found.append(index.count())

    worker = threading.Thread(target=use, daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # let the stuck reader go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("opening the index waited on a FIFO")
    assert found == [3] and len(said) == 1
    place.close()
