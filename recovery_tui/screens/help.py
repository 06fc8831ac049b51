"""F1: every key of the screen you were on, and what the three steps are for.

Textual's own descriptions ("Focus Next", "Cursor up") are put in the app's words, and keys
that do the same thing share one line; the keys shown are the ones in force, remaps included.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, SelectionList, Static, TextArea

from recovery_tui.core.prompts import PANELS
from recovery_tui.widgets.literal import literal

ABOUT_PANELS = "\n".join(f"{p.number}  {p.title}: {p.summary}" for p in PANELS)
CLOSING = "Every answer is optional except the company. A draft is kept as you type."

Keys = list[tuple[str, str]]

#: In a text box.
TEXT_WORDS = {
    "cursor_left": "Move the cursor",
    "cursor_right": "Move the cursor",
    "cursor_up": "Move the cursor",
    "cursor_down": "Move the cursor",
    "cursor_left_word": "Move a word at a time",
    "cursor_right_word": "Move a word at a time",
    "cursor_word_left": "Move a word at a time",
    "cursor_word_right": "Move a word at a time",
    "home": "To the start or end of the line",
    "end": "To the start or end of the line",
    "cursor_line_start": "To the start or end of the line",
    "cursor_line_end": "To the start or end of the line",
    "scroll_up": "Scroll",
    "scroll_down": "Scroll",
    "page_up": "A page up or down",
    "page_down": "A page up or down",
    "cursor_page_up": "A page up or down",
    "cursor_page_down": "A page up or down",
    "page_left": "A page left or right",
    "page_right": "A page left or right",
    "select_all": "Select everything",
    "select_line": "Select the line",
    "select_word": "Select the word",
    "delete_left": "Delete the character before the cursor",
    "delete_right": "Delete the character after the cursor",
    "delete_left_word": "Delete the word before the cursor",
    "delete_word_left": "Delete the word before the cursor",
    "delete_right_word": "Delete the word after the cursor",
    "delete_word_right": "Delete the word after the cursor",
    "delete_left_all": "Delete to the start of the line",
    "delete_to_start_of_line": "Delete to the start of the line",
    "delete_right_all": "Delete to the end of the line",
    "delete_to_end_of_line_or_delete_line": "Delete to the end of the line",
    "delete_line": "Delete the line",
    "submit": "Done with this box",
    "cut": "Cut",
    "copy": "Copy",
    "paste": "Paste",
    "undo": "Undo",
    "redo": "Redo",
}
#: In a list, a table, a choice or a scrolling page.
LIST_WORDS = {
    "cursor_up": "Move the highlight",
    "cursor_down": "Move the highlight",
    "cursor_left": "Move between columns",
    "cursor_right": "Move between columns",
    "first": "To the first or the last",
    "last": "To the first or the last",
    "scroll_home": "To the top or the bottom",
    "scroll_end": "To the top or the bottom",
    "scroll_top": "To the top or the bottom",
    "scroll_bottom": "To the top or the bottom",
    "page_up": "A page up or down",
    "page_down": "A page up or down",
    "page_left": "A page left or right",
    "page_right": "A page left or right",
    "scroll_up": "Scroll",
    "scroll_down": "Scroll",
    "scroll_left": "Scroll",
    "scroll_right": "Scroll",
    "select": "Open the highlighted one",
    "select_cursor": "Open the highlighted one",
    "show_overlay": "Open the choices",
    "step(1)": "One more or one less",
    "step(-1)": "One more or one less",
    "set_to('low')": "Lowest or highest",
    "set_to('high')": "Lowest or highest",
    "clear": "Clear the rating",
}
#: Textual's own keys that show up on every screen.
APP_WORDS = {
    "Focus Next": "Next box",
    "Focus Previous": "Previous box",
    "Copy selected text": "Copy the selected text",
}


def describe(node: DOMNode, binding: Binding) -> str:
    """What a key does, in the app's words."""
    action = binding.action
    if isinstance(node, (App, Screen)):
        return binding.tooltip or APP_WORDS.get(binding.description, binding.description)
    if isinstance(node, (Input, TextArea)):
        if action.endswith("(True)"):
            return "Select as you move"
        words = TEXT_WORDS
    else:
        words = LIST_WORDS
    if isinstance(node, SelectionList) and action == "select":
        return "Tick or untick the highlighted choice"
    return words.get(action) or binding.description


def group_keys(
    active: dict[str, ActiveBinding], key_display: Callable[[Binding], str]
) -> tuple[Keys, Keys]:
    """(keys of the screen and the app, keys of the focused box): one line per thing done."""
    own: dict[tuple[str, str], tuple[list[str], str]] = {}
    widget: dict[str, list[str]] = {}
    for entry in active.values():
        binding = entry.binding
        if not entry.enabled or not binding.key:
            continue
        what = describe(entry.node, binding)
        if not what:
            continue
        shown = key_display(binding)
        if isinstance(entry.node, (App, Screen)):
            action = binding.action
            if isinstance(entry.node, App) and not action.startswith("app."):
                action = f"app.{action}"
            keys, text = own.setdefault(("own", action), ([], what))
            if binding.tooltip and text != binding.tooltip:
                own[("own", action)] = (keys, binding.tooltip)
        else:
            keys = widget.setdefault(what, [])
        if shown not in keys:
            keys.append(shown)
    generic = {*APP_WORDS.values(), "Open the command palette"}
    ordered = sorted(own.values(), key=lambda item: item[1] in generic)  # Textual's own last
    return (
        [(" ".join(keys), text) for keys, text in ordered],
        [(" ".join(keys), text) for text, keys in widget.items()],
    )


KEY_COLUMN = 20


def _chunks(keys: str) -> list[str]:
    """Split a long list of keys over several lines of at most KEY_COLUMN characters."""
    lines: list[str] = []
    for key in keys.split(" "):
        if lines and len(lines[-1]) + 1 + len(key) <= KEY_COLUMN:
            lines[-1] += f" {key}"
        else:
            lines.append(key)
    return lines or [""]


def key_lines(keys: Keys) -> str:
    chunked = [(_chunks(key), what) for key, what in keys]
    width = max((len(line) for lines, _ in chunked for line in lines), default=0) + 3
    out: list[str] = []
    for lines, what in chunked:
        out.append(f"{lines[0]:<{width}}{what}")
        out.extend(lines[1:])
    return "\n".join(out)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        # The help key closes it too, wherever the settings moved it.
        Binding("f1", "dismiss", "Close", show=False, id="app.help"),
    ]

    def __init__(
        self,
        screen_name: str,
        keys: Keys,
        widget_keys: Keys | None = None,
        *,
        settings: str | None = None,
    ) -> None:
        super().__init__()
        self.screen_name, self.keys = screen_name, keys
        self.widget_keys = widget_keys or []
        #: What in the settings file can't be used, in full; None when all is well.
        self.settings = settings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Label(literal(f"Keys: {self.screen_name}"), classes="help-title")
            yield Static(literal(key_lines(self.keys)), classes="help-keys")
            if self.widget_keys:
                yield Label("In the box you are in", classes="help-title")
                yield Static(literal(key_lines(self.widget_keys)), classes="help-keys")
            yield Label("The three steps", classes="help-title")
            yield Static(ABOUT_PANELS, classes="help-text", markup=False)
            yield Static(CLOSING, classes="help-text", markup=False)
            if self.settings:
                yield Label("Your settings file", classes="help-title")
                yield Static(literal(self.settings), id="help-settings", classes="help-text")
            yield Static("escape closes this.", classes="help-text help-close", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#help-body"))
