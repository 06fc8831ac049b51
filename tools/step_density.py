"""How much of each step fits on one screen: `uv run python tools/step_density.py [80x24 ...]`.

For a new reflection at each size, per step: how many prompts are fully visible without
scrolling, of how many, how many rows the step scrolls, and how many screens it is tall.
`measure_steps` is also what the tests assert on (tests/test_step_density.py), so the figures
in a report and the figures a test checks come from the same logic.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from recovery_tui.app import create_app
from recovery_tui.core.paths import AppPaths, JournalPaths
from recovery_tui.core.prompts import PANELS
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.prompt_field import PromptField
from tests.steps import cursor_blink_off, settle

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@dataclass(frozen=True)
class StepDensity:
    step: int
    prompts: int
    #: Prompts whose whole field (label, box, hint) is on screen with the step scrolled home.
    visible: int
    #: Rows the step scrolls by (0: it all fits).
    scroll_rows: int
    #: The step's height in screens (its viewport's height).
    screens: float

    def line(self) -> str:
        return (
            f"step {self.step}: {self.visible} of {self.prompts} prompts visible, "
            f"scrolls {self.scroll_rows} rows, {self.screens:.1f} screens"
        )


def measure_panel(screen: SessionScreen, number: int) -> StepDensity:
    """The figures for the step on screen now (`number`), scrolled home."""
    panel = screen.query_one(f"#panel-{number}", VerticalScroll)
    view = panel.scrollable_content_region
    fields = list(panel.query(PromptField))
    visible = sum(
        1
        for field in fields
        if field.display
        and field.region.height > 0
        and field.region.y >= view.y
        and field.region.bottom <= view.bottom
    )
    height = max(1, view.height)
    return StepDensity(
        number,
        len(fields),
        visible,
        int(panel.max_scroll_y),
        panel.virtual_size.height / height,
    )


async def measure_steps(pilot: Pilot[Any]) -> list[StepDensity]:
    """Each step of the session screen on top now, in turn, scrolled home."""
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen), screen
    found: list[StepDensity] = []
    for panel in PANELS:
        screen.show_panel(panel.number)
        await settle(pilot)
        screen.query_one(f"#panel-{panel.number}", VerticalScroll).scroll_home(animate=False)
        await settle(pilot)
        found.append(measure_panel(screen, panel.number))
    screen.show_panel(1)
    await settle(pilot)
    return found


async def measure_at(size: tuple[int, int]) -> list[StepDensity]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        paths = AppPaths(JournalPaths(root), Path(folder) / "config", Path(folder) / "cache")
        app = create_app(paths, start="new", clock=lambda: NOW, remember_theme=False, scan_delay=0)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            return await measure_steps(pilot)


def main(argv: list[str]) -> int:
    sizes = [tuple(int(n) for n in arg.split("x")) for arg in argv] or [(80, 24)]
    with cursor_blink_off():
        for width, height in sizes:
            print(f"{width}x{height}")
            for density in asyncio.run(measure_at((width, height))):
                print("  " + density.line())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
