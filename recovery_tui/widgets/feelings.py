"""Naming what you feel, and how strong each feeling is: step 1's "What you feel".

A short list to tick (space), a box for your own words (split by commas), then one row per
feeling named, with a strength you set like any rating (arrows, or a digit: 7 is 70). Every
state reads in characters as well as colour (`[x]`, "70 of 100", "not set"), and the
person's own words are shown literally.

The value is the form's: one ``"strength:name"`` string per feeling, the listed ones first
in the list's order, then the person's own as typed (`core.form.parse_feeling` reads it).
A strength set and then un-ticked is remembered while the step is open, so ticking the
feeling again brings it back.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, SelectionList

from recovery_tui.core.form import FormValue, format_feeling, parse_feeling
from recovery_tui.core.prompts import CHOICE_LABELS, Feeling
from recovery_tui.core.textkey import question_key
from recovery_tui.widgets.choice_list import ChoiceList
from recovery_tui.widgets.literal import literal
from recovery_tui.widgets.rating import Rating
from recovery_tui.widgets.text_box import LiteralInput

LISTED = {str(key): label for key, label in CHOICE_LABELS[Feeling].items()}


def own_names(text: str) -> list[str]:
    """The feelings typed in the box: split by commas, blanks and repeats left out."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = part.strip()
        key = question_key(name)
        if name and key not in seen and name not in LISTED:
            seen.add(key)
            names.append(name)
    return names


class FeelingRow(Horizontal):
    """One feeling named: its words and how strong it is."""

    def __init__(self, name: str, strength: int | None, step: int) -> None:
        super().__init__(classes="feeling-row")
        self.feeling = name
        self._strength, self._step = strength, step

    def compose(self) -> ComposeResult:
        yield Label(literal(LISTED.get(self.feeling, self.feeling)), classes="feeling-name")
        yield Rating(0, 100, self._step, self._strength, classes="feeling-strength")


class FeelingsInput(Vertical):
    """Tick feelings, add your own, rate each (the control of a "feelings" prompt)."""

    def __init__(self, value: FormValue = None, *, step: int = 10, classes: str = "") -> None:
        super().__init__(classes=classes)
        self._step = step
        self.strengths: dict[str, int | None] = {}
        self.ticked: list[str] = []
        own: list[str] = []
        for item in value if isinstance(value, list) else []:
            feeling = parse_feeling(item)
            if feeling is None:
                continue
            name = feeling["name"]
            self.strengths[name] = feeling.get("strength")
            (self.ticked if name in LISTED else own).append(name)
        self._own_text = ", ".join(own)

    def compose(self) -> ComposeResult:
        yield ChoiceList(
            *[(label, key, key in self.ticked) for key, label in LISTED.items()],
            classes="feelings-list",
        )
        yield LiteralInput(
            value=self._own_text,
            placeholder="Your own words, split by commas, e.g. restless, ashamed",
            classes="feelings-own",
            select_on_focus=False,
        )
        with Vertical(classes="feelings-rows"):
            for name in self.names():
                yield FeelingRow(name, self.strengths.get(name), self._step)

    # -- what it holds ---------------------------------------------------------------------

    @property
    def own_text(self) -> str:
        if self.is_mounted:
            return self.query_one(".feelings-own", Input).value
        return self._own_text

    def names(self) -> list[str]:
        """The feelings named, in order: ticked ones in the list's order, then your own."""
        listed = [key for key in LISTED if key in self.ticked]
        return listed + own_names(self.own_text)

    @property
    def value(self) -> list[str]:
        return [
            format_feeling({"name": name, "strength": self.strengths.get(name)})
            for name in self.names()
        ]

    # -- keeping the rows in step ----------------------------------------------------------

    @on(SelectionList.SelectedChanged, ".feelings-list")
    async def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.ticked = [str(key) for key in event.selection_list.selected]
        await self._sync_rows()

    @on(Input.Changed, ".feelings-own")
    async def _typed(self, event: Input.Changed) -> None:
        event.stop()
        await self._sync_rows()

    @on(Rating.Changed, ".feeling-strength")
    def _rated(self, event: Rating.Changed) -> None:
        event.stop()
        row = event.rating.parent
        if isinstance(row, FeelingRow):
            self.strengths[row.feeling] = event.value

    async def _sync_rows(self) -> None:
        """One row per feeling named, in order; rows that stay keep their place (and focus)."""
        box = self.query_one(".feelings-rows", Vertical)
        wanted = self.names()
        rows = list(box.query_children(FeelingRow))
        if [row.feeling for row in rows] == wanted:
            return
        by_name = {row.feeling: row for row in rows}
        for row in rows:
            if row.feeling not in wanted:
                await row.remove()
        for position, name in enumerate(wanted):
            current = list(box.query_children(FeelingRow))
            kept = by_name.get(name)
            if kept is None:
                row = FeelingRow(name, self.strengths.get(name), self._step)
                if position < len(current):
                    await box.mount(row, before=current[position])
                else:
                    await box.mount(row)
            elif current.index(kept) != position:
                box.move_child(kept, before=position)
