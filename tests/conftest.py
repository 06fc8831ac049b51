"""Shared fixtures: a private journal in a temp folder, a fixed clock, predictable ids."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from recovery_tui.app import RecoveryApp, create_app, workers_done
from recovery_tui.paths import AppPaths, JournalPaths

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SNAPSHOT_SIZE = (80, 24)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(JournalPaths(tmp_path / "journal"), tmp_path / "config", tmp_path / "cache")


def counting_ids() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{next(counter):08x}" + "0" * 24


@pytest.fixture
def make_app(app_paths: AppPaths) -> Iterator[Callable[..., RecoveryApp]]:
    def factory(**options: object) -> RecoveryApp:
        options.setdefault("clock", lambda: FIXED_NOW)
        options.setdefault("new_id", counting_ids())
        options.setdefault("blink", False)
        options.setdefault("remember_theme", False)
        options.setdefault("scan_delay", 0)
        return create_app(app_paths, **options)  # type: ignore[arg-type]

    yield factory


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for workers and pending messages instead of sleeping."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
