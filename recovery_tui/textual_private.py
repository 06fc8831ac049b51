"""Every private Textual API recovery-tui relies on, in one place.

Textual may change anything private to it in any release. Each name here has a test in
tests/test_textual_private.py that fails when it changes, so an upgrade says what to fix
instead of quietly breaking a key, a dialog or the crash report. Nothing else in
recovery_tui/ reaches into Textual's private names: use these.

(textual-serve's private `Server._make_app`, extended in `commands/serve.py`, is checked
there too.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input

if TYPE_CHECKING:
    from textual.binding import BindingsMap
    from textual.dom import DOMNode


def character_to_key(character: str) -> str:
    """The key name Textual gives a typed character: "+" -> "plus", "a" -> "a"."""
    return _character_to_key(character)


def merged_bindings(node: DOMNode | type[DOMNode]) -> BindingsMap:
    """The bindings of a widget or screen (class), its classes' BINDINGS merged the way
    Textual merges them."""
    return node._merge_bindings()


def refit_table(table: DataTable[Any]) -> None:
    """Draw a DataTable again after its columns' widths were set by hand: its cells are
    cached without their width, and its size is worked out again only when asked."""
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh()


def bind_key(node: DOMNode, key: str, action: str, description: str, *, priority: bool) -> None:
    """Bind `key` on this one node, not on its class (a dialog's answers, say)."""
    node._bindings.bind(key, action, description, priority=priority)


class OwnCrashReport:
    """For the App: when something raises and nothing handles it, Textual calls
    `App._fatal_error`, which prints its own report, local variables and all. This calls
    `self.before_crash()` instead, then leaves `self.crash_text(error)` on the terminal
    and closes the app the way Textual's would."""

    def before_crash(self) -> None:
        """Last things to do (keep drafts); it mustn't raise."""

    def crash_text(self, error: BaseException | None) -> str:
        raise NotImplementedError

    def _fatal_error(self) -> None:
        app = cast(App[Any], self)
        self.before_crash()
        app.bell()
        app._exit_renderables.append(Text(self.crash_text(app._exception)))
        app._close_messages_no_wait()


class DrawnInput(Input):
    """An Input that draws `drawn()` instead of its value, where that isn't None. Textual
    draws an Input from its private `_value` property; this is the one place that knows."""

    def drawn(self) -> Text | None:
        return None

    @property
    def _value(self) -> Text:
        drawn = self.drawn()
        return super()._value if drawn is None else drawn
