"""The test suite itself: each test on its own (home, environment, ports), so they can run in
parallel; text boxes that don't blink in tests but do for a person; every stored snapshot
belongs to a test."""

from __future__ import annotations

import os
import pwd
import socket
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from recovery_tui.core.paths import default_cache_dir, default_config_dir, default_journal_dir
from tests.browser import ServedApp
from tests.steps import settle, start_reflection

TESTS = Path(__file__).resolve().parent
SNAPSHOTS = TESTS / "__snapshots__"


# -- on its own -----------------------------------------------------------------------------


def test_every_test_has_its_own_empty_home() -> None:
    home = Path.home()
    assert home != Path(pwd.getpwuid(os.getuid()).pw_dir), "the real home folder"
    assert list(home.iterdir()) == []
    # Where the app would keep a journal, settings and the history index by default.
    for folder in (
        default_journal_dir(),
        default_config_dir(os.environ),
        default_cache_dir(os.environ),
    ):
        assert folder.is_relative_to(home), folder
    assert not {"RECOVERY_TUI_DIR", "VISUAL", "EDITOR"} & set(os.environ)


def test_serve_starts_again_when_its_free_port_is_taken_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers may be handed the same free port; the browser test's server copes."""
    import tests.browser as browser

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1]])
        monkeypatch.setattr(browser, "free_port", lambda: next(ports, None) or _free())
        env = {**os.environ, "RECOVERY_TUI_DIR": str(tmp_path / "journal")}
        server = ServedApp(env)
        try:
            first = server.port
            server.wait_ready()
            assert server.port != first == taken.getsockname()[1]
            assert server.url.startswith(server.base)
        finally:
            server.stop()


def _free() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- blinking -------------------------------------------------------------------------------


async def text_boxes(pilot) -> list[Input | TextArea]:  # type: ignore[no-untyped-def]
    """The command palette's box (Textual's own), then the company and step 2's first box."""
    boxes: list[Input | TextArea] = []
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    boxes.append(pilot.app.focused)
    await pilot.press("escape")
    await settle(pilot)
    await start_reflection(pilot)
    boxes.append(pilot.app.focused)
    await pilot.press("ctrl+n")
    await settle(pilot)
    boxes.append(pilot.app.focused)
    assert [isinstance(box, (Input, TextArea)) for box in boxes] == [True] * 3, boxes
    assert isinstance(boxes[-1], TextArea)
    return boxes


async def test_no_text_box_blinks_in_the_tests(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert [box.cursor_blink for box in await text_boxes(pilot)] == [False] * 3


@pytest.mark.blinking
async def test_every_text_box_blinks_for_a_person(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert [box.cursor_blink for box in await text_boxes(pilot)] == [True] * 3


# -- snapshots ------------------------------------------------------------------------------


def snapshot_tests(module: Path, session: pytest.Session) -> set[str]:
    """The names (with parameters) of the tests in `module` that compare a snapshot."""
    collector = pytest.Module.from_parent(session, path=module)
    names: set[str] = set()
    pending: list[pytest.Item | pytest.Collector] = [collector]
    while pending:
        node = pending.pop()
        if isinstance(node, pytest.Item):
            if "snap_compare" in getattr(node, "fixturenames", ()):
                names.add(node.name)
        else:
            pending.extend(node.collect())
    return names


def test_every_stored_snapshot_belongs_to_a_test(request: pytest.FixtureRequest) -> None:
    """Under xdist, syrupy no longer reports snapshot files no test uses; this does."""
    stored = sorted(SNAPSHOTS.glob("*/*.svg"))
    assert stored, "no snapshots found"
    unused = []
    for folder in sorted({path.parent for path in stored}):
        module = TESTS / f"{folder.name}.py"
        names = snapshot_tests(module, request.session) if module.exists() else set()
        unused += [str(p.relative_to(TESTS)) for p in folder.glob("*.svg") if p.stem not in names]
    assert unused == [], "snapshot files no test compares (delete them, or the test was renamed)"
