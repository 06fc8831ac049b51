"""Fixtures for the data-layer tests: a journal in a temp folder (not made yet: a test that
needs the folders calls `journal.ensure()`, or overrides this fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(JournalPaths(tmp_path / "journal"))
