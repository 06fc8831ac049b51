"""Step 1's facts (company, role, stage, date, channel, tags) side by side.

They are one-line answers, so they share rows: as many to a row as the width allows.
"""

from __future__ import annotations

from textual import events
from textual.containers import Grid

from recovery_tui.core.prompts import Panel, Prompt

#: The narrowest a fact gets before the grid puts fewer in a row.
FACT_WIDTH = 24
#: Under the facts: what to write in the one you are in (its placeholder may be cut short).
FACTS_HINT = "Only the company is needed, and 'unknown' is fine."


def is_fact(panel: Panel, prompt: Prompt) -> bool:
    """True for step 1's questions about the job itself (``about.*``). Later steps may ask
    about the job too (how you applied, on step 2): those stay prompts of their own."""
    return panel.number == 1 and prompt.path.startswith("about.")


class FactsGrid(Grid):
    """Step 1's facts, side by side: fewer to a row on a narrow screen."""

    def on_resize(self, event: events.Resize) -> None:
        columns = max(1, min(3, event.size.width // FACT_WIDTH))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
