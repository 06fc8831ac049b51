"""Steps a person takes in the app, driven with Pilot, shared by the tests.

Also used by `tools/screenshots.py` and `benchmarks/run.py` (`workers_done`, `settle`,
`cursor_blink_off`), so this module needs neither pytest nor the tests' fixtures: keep it so.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.reactive import Reactive
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from recovery_tui.screens.entry import EntryScreen
    from recovery_tui.screens.session import SessionScreen


async def workers_done(app: App[Any]) -> None:
    """Wait until no background work is left running.

    `WorkerManager.wait_for_complete` stops at the first cancelled worker, and an exclusive
    worker (home's refresh, say) is cancelled whenever a newer one replaces it; so wait for
    each worker to reach any end state instead, as long as new ones keep starting.
    """
    while pending := [worker for worker in app.workers if not worker.is_finished]:
        await asyncio.gather(*(worker.wait() for worker in pending), return_exceptions=True)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers and pending messages instead of sleeping."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


@contextlib.contextmanager
def cursor_blink_off() -> Iterator[None]:
    """Text boxes made meanwhile don't blink: the screen shows the same at any moment.

    For the tests and the screenshots only; a person's cursor blinks (Textual's default).
    """
    descriptors: list[Reactive[bool]] = []
    for widget in (Input, TextArea):
        descriptor = vars(widget).get("cursor_blink")
        # Fails loudly if a Textual upgrade moves the switch, rather than blinking quietly.
        assert isinstance(descriptor, Reactive) and hasattr(descriptor, "_default"), widget
        descriptors.append(descriptor)
    before = [descriptor._default for descriptor in descriptors]
    try:
        for descriptor in descriptors:
            descriptor._default = False
        yield
    finally:
        for descriptor, value in zip(descriptors, before, strict=True):
            descriptor._default = value


def messages(app: App[Any]) -> list[str]:
    """The words of every notification so far, oldest first."""
    return [notification.message for notification in app._notifications]


async def start_reflection(pilot: Pilot[Any]) -> SessionScreen:
    """`n` on home: a new reflection, its first prompt (the company) focused."""
    from recovery_tui.screens.session import SessionScreen

    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen), screen
    return screen


async def save(pilot: Pilot[Any], *keys: str) -> None:
    """Type `keys` (if any), then ctrl+s, and wait for the save to settle."""
    await pilot.press(*keys, "ctrl+s")
    await settle(pilot)


async def save_and_go_home(pilot: Pilot[Any], *keys: str) -> None:
    """`save`, and check it worked: ctrl+s goes home once the file is written."""
    from recovery_tui.screens.home import HomeScreen

    await save(pilot, *keys)
    assert isinstance(pilot.app.screen, HomeScreen), (pilot.app.screen, messages(pilot.app))


async def write_reflection(pilot: Pilot[Any], company: str) -> None:
    """From home: `n`, type the company, ctrl+s, and back home with it saved."""
    await start_reflection(pilot)
    await save_and_go_home(pilot, *company)


async def open_entry(pilot: Pilot[Any], *keys: str) -> EntryScreen:
    """From home: `keys` (e.g. "down") to move to a saved reflection, then enter to open it."""
    from recovery_tui.screens.entry import EntryScreen

    await settle(pilot)
    await pilot.press(*keys, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntryScreen), (screen, messages(pilot.app))
    return screen


async def open_for_edit(pilot: Pilot[Any]) -> SessionScreen:
    """From home: open the newest saved reflection (past any drafts) and press `e`."""
    from recovery_tui.screens.entry import EntryScreen
    from recovery_tui.screens.session import SessionScreen

    await settle(pilot)
    if pilot.app.screen.query_one("#drafts").option_count:
        await pilot.press("tab")  # from the drafts to the saved entries
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EntryScreen), (pilot.app.screen, messages(pilot.app))
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen), screen
    return screen
