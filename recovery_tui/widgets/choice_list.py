"""A list of choices to tick, whose state shows in characters as well as in colour.

Textual's SelectionList draws the same `X` on every row and tells ticked from unticked by
colour alone: with NO_COLOR, or to tired eyes, they look the same. Here a ticked row reads
`[x]` and its label is bold; an unticked one reads `[ ]`. Plain ASCII, so it shows in every
terminal and font (an SVG screenshot, tmux, a serial console).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "[x]"
UNTICKED = "[ ]"
BOLD = Style(bold=True)


class ChoiceList(SelectionList[str]):
    """A SelectionList drawn as `[x] Ticked` (bold) and `[ ] Not ticked`."""

    def _get_left_gutter_width(self) -> int:
        return len(TICKED) + 1

    def render_line(self, y: int) -> Strip:
        # The option list's own line (the label, its highlight), without SelectionList's box.
        line = OptionList.render_line(self, y)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self.selected
        base = next(iter(line)).style or self.rich_style
        # The box is drawn in the row's own colours (and highlight), so `[ ]` is as easy to
        # read as the label; a ticked one is bold and in the theme's colour for "done".
        box = base
        if ticked:
            done = self.get_component_rich_style("selection-list--button-selected")
            box = base + Style(color=done.color) + BOLD
        meta = Style(meta={"option": index})  # clicking the box ticks it, as before
        label = line.apply_style(BOLD) if ticked else line
        return Strip(
            [
                Segment(TICKED if ticked else UNTICKED, box + meta),
                Segment(" ", base + meta),
                *label,
            ]
        )
