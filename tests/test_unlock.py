"""The app on an encrypted journal: the unlock screen, then the journal as usual."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from recovery_tui.app import RecoveryApp
from recovery_tui.core import fsutil
from recovery_tui.core.crypto import files, keys
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.unlock import UnlockScreen
from tests.samples import write_samples
from tests.screen_text import screen_text
from tests.steps import settle, write_reflection
from tests.test_crypto_at_rest import files_holding

PASSPHRASE = "correct horse battery"
MARKER = "qzmarker8wy"


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    yield
    fsutil.forget_all()


@pytest.fixture
def encrypted(app_paths: AppPaths) -> keys.JournalKey:
    root = app_paths.journal.root
    write_samples(Journal(app_paths.journal))
    key = keys.create(root, PASSPHRASE)
    fsutil.set_codec(root, key)
    files.convert(root, key, to_age=True)
    fsutil.forget_all()
    return key


async def test_a_wrong_passphrase_says_so_and_the_right_one_opens_home(
    encrypted: keys.JournalKey,
    app_paths: AppPaths,
    make_app: Callable[..., RecoveryApp],
) -> None:
    started = time.time()
    root = app_paths.journal.root
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Your journal is encrypted" in screen_text(app)
        await pilot.press("ctrl+p")  # nothing opens before the journal does
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"not it at all", "enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "doesn't open this journal" in screen_text(app)
        assert app.screen.query_one("#passphrase", Input).value == ""
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), app.screen
        assert "Northwind Labs" in screen_text(app)  # read from its age file
        await write_reflection(pilot, f"{MARKER} co")
    saved = sorted((root / "entries").glob(f"*{MARKER}*"))
    assert len(saved) == 1 and fsutil.is_age(saved[0].read_bytes())
    folders = [root, app_paths.config_dir, Path(str(app_paths.cache_dir))]
    assert files_holding([*folders, Path(tempfile.gettempdir())], MARKER.encode(), started) == []


async def test_the_recovery_key_opens_the_app_too(
    encrypted: keys.JournalKey, make_app: Callable[..., RecoveryApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*encrypted.recovery_key, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


def test_unlock_screen_snapshot(
    snap_compare: Callable[..., bool],
    make_app: Callable[..., RecoveryApp],
    app_paths: AppPaths,
) -> None:
    fsutil.ensure_private_dir(app_paths.journal.root)
    (app_paths.journal.root / fsutil.ENCRYPTION_MARKER).write_text("format = 1\n")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle)
