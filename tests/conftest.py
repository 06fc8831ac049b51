"""Shared fixtures: a private journal in a temp folder, a fixed clock, predictable ids.

Every test also gets, without asking: its own home folder (no test reads or writes the real
user's settings, journal or cache, and none sees another test's), and text boxes that don't
blink (`@pytest.mark.blinking` keeps the blinking a person sees). The Pilot steps shared by
the tests are in tests/steps.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from recovery_tui.app import RecoveryApp, create_app
from recovery_tui.core.paths import AppPaths, JournalPaths
from tests.steps import cursor_blink_off, settle, workers_done

__all__ = ["FIXED_NOW", "SNAPSHOT_SIZE", "counting_ids", "settle", "workers_done"]

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SNAPSHOT_SIZE = (80, 24)

#: Read by the app, the CLI or what they start; a test that needs one sets it itself.
OUTSIDE_SETTINGS = (
    "RECOVERY_TUI_DIR",
    "RECOVERY_TUI_CONFIG_DIR",
    "RECOVERY_TUI_CACHE_DIR",
    "RECOVERY_TUI_SERVE_TOKEN",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "VISUAL",
    "EDITOR",
    "NO_COLOR",
    "TEXTUAL",
)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty home folder, and none of the person's own settings in the environment.

    The platform's folders (platformdirs: ~/.config, ~/.cache, ~/.local/share on Linux,
    ~/Library on macOS) then lie inside it, for this process and every process it starts.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in OUTSIDE_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def no_cursor_blink(request: pytest.FixtureRequest) -> Iterator[None]:
    """No text box blinks (snapshots and screens read at any moment show the same)."""
    if request.node.get_closest_marker("blinking"):
        yield
        return
    with cursor_blink_off():
        yield


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
        options.setdefault("remember_theme", False)
        options.setdefault("scan_delay", 0)
        return create_app(app_paths, **options)  # type: ignore[arg-type]

    yield factory
