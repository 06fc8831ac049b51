"""Regenerate the README's screenshots from the real app: `uv run python tools/screenshots.py`.

Each screenshot is an SVG of the app at 80x24, driven with the same keys a person uses, on a
demo journal made with a fixed seed and a fixed clock, so they only change when the app does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot

from recovery_tui.app import create_app
from recovery_tui.core.demo import make_entries, write_demo
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.form import values_from_data
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, JournalPaths
from tests.steps import cursor_blink_off, settle

OUT = Path(__file__).resolve().parent.parent / "screenshots"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SIZE = (80, 24)

Steps = Callable[[Pilot], Awaitable[None]]


async def shoot(root: Path, name: str, steps: Steps | None = None) -> None:
    paths = AppPaths(
        JournalPaths(root), root.parent / f"{root.name}-config", root.parent / f"{root.name}-cache"
    )
    app = create_app(paths, clock=lambda: NOW, remember_theme=False, scan_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
            await settle(pilot)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"screenshots/{name}.svg")


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def focus(selector: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        pilot.app.screen.set_focus(pilot.app.screen.query_one(selector))
        await settle(pilot)

    return run


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        empty, demo, drafting = Path(tmp, "empty"), Path(tmp, "demo"), Path(tmp, "drafting")
        write_demo(Journal(JournalPaths(demo)), 40, seed=7, now=NOW)
        sample = next(
            entry
            for entry in make_entries(40, seed=7, now=NOW)
            if entry.learn.unready_questions and entry.prepare.actions and entry.personal.traps
        )
        Journal(JournalPaths(drafting)).ensure()
        DraftStore(JournalPaths(drafting)).save(
            Draft(
                id="d" * 32,
                entry_id=sample.id,
                created=NOW,
                updated=NOW,
                values=values_from_data(sample.model_dump(mode="python")),
            )
        )
        await shoot(empty, "home-first-launch")
        await shoot(demo, "home")
        await shoot(drafting, "panel-1-dont-take-it-personally", keys("r"))
        await shoot(drafting, "panel-2-learn-from-it", keys("r", "ctrl+n"))
        await shoot(drafting, "panel-3-prepare-next", keys("r", "ctrl+n", "ctrl+n"))
        await shoot(drafting, "review", keys("r", "ctrl+n", "ctrl+n", "ctrl+n"))
        await shoot(demo, "entry", keys("enter"))
        await shoot(empty, "help", keys("f1"))
        await shoot(demo, "follow-ups", focus("#follow-ups"))
        await shoot(demo, "actions", keys("a"))
        await shoot(demo, "reuse-on-prepare-next", keys("n", *"Acme", "ctrl+n", "ctrl+n", "ctrl+r"))
        await shoot(demo, "progress", keys("p"))
        await shoot(demo, "practice", keys("b"))
    return 0


if __name__ == "__main__":
    with cursor_blink_off():  # the same picture whatever the moment it is taken
        sys.exit(asyncio.run(main()))
