"""`recovery-tui serve` in a real browser: a reflection typed into the page becomes a file.

Needs Debian's Chromium (`.ci/run` installs it). Without it the test skips loudly on a
developer's machine and fails under CI, so a missing browser is never a silent pass.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import (
    Chromium,
    ServedApp,
    find_chromium,
    screen_mark,
    wait_for_path,
    wait_for_text,
)

pytestmark = pytest.mark.slow


def _unavailable(reason: str) -> None:
    message = f"BROWSER TEST NOT RUN: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture
def chromium() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        _unavailable("Chromium isn't installed (sudo apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright isn't installed (uv sync installs the dev group)")
    assert executable is not None
    browser = Chromium(executable)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def served(tmp_path: Path, journal: Path) -> Iterator[ServedApp]:
    env = {
        **os.environ,
        "RECOVERY_TUI_DIR": str(journal),
        "RECOVERY_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("TEXTUAL", None)
    server = ServedApp(env)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_a_reflection_typed_in_a_browser_tab_is_saved_to_the_journal(
    chromium: Chromium, served: ServedApp, journal: Path
) -> None:
    page = chromium.open(served.url)
    wait_for_text(page, "Press n to begin")
    wait_for_text(page, "Keys")  # the footer: keys go to the app without a click first

    mark = screen_mark(page)
    page.keyboard.press("n")
    wait_for_text(page, "New reflection", since=mark)
    page.keyboard.type("Acme Robotics")
    page.keyboard.press("Tab")
    page.keyboard.type("Data engineer")
    for _ in range(5):  # role -> ... -> what happened (the session's tab order)
        page.keyboard.press("Tab")
    page.keyboard.type("They wrote back after two weeks.")
    page.keyboard.press("Enter")
    page.keyboard.type("A short no, and kind.")
    mark = screen_mark(page)
    page.keyboard.press("Control+s")

    entries = journal / "entries"
    saved = wait_for_path(lambda: next(entries.glob("*.toml"), None))
    wait_for_text(page, "Your reflection is safe in", since=mark)
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["about"]["company"] == "Acme Robotics"
    assert data["about"]["role"] == "Data engineer"
    assert data["personal"]["what_happened"] == (
        "They wrote back after two weeks.\nA short no, and kind."
    )
    assert [path.name for path in entries.iterdir()] == [saved.name]
    assert not list(journal.glob("drafts/*.toml"))
    # The page works offline: everything it loaded came from the server itself.
    assert chromium.requested
    assert [url for url in chromium.requested if not url.startswith(served.base)] == []
    # The token went from the address into a cookie the page's script can't read.
    assert page.url == served.base
    assert page.evaluate("document.cookie") == ""


def test_closing_the_tab_mid_sentence_keeps_a_draft(
    chromium: Chromium, served: ServedApp, journal: Path
) -> None:
    page = chromium.open(served.url)
    wait_for_text(page, "Keys")
    mark = screen_mark(page)
    page.keyboard.press("n")
    wait_for_text(page, "New reflection", since=mark)
    mark = screen_mark(page)
    page.keyboard.type("Tab Closers Ltd")
    wait_for_text(page, "Closers Ltd", since=mark)  # the app has every key
    page.close()

    def kept() -> Path | None:
        for draft in journal.glob("drafts/*.toml"):
            if "Tab Closers Ltd" in draft.read_text("utf-8"):
                return draft
        return None

    wait_for_path(kept)
    assert not list(journal.glob("entries/*.toml"))
