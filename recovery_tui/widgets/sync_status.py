"""Home's quiet line about sync: when it last synced, or why not. Hidden when sync is off."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.widgets.literal import literal


class SyncStatus(Static):
    DEFAULT_CSS = """
    SyncStatus { color: $text-muted; height: auto; margin-top: 1; }
    SyncStatus.-off { display: none; }
    """

    line: reactive[str] = reactive("", init=False)

    def __init__(self) -> None:
        super().__init__("", id="sync-status", markup=False)
        self.add_class("-off")

    def on_mount(self) -> None:
        signal = getattr(self.app, "sync_status_signal", None)
        if signal is not None:
            signal.subscribe(self, self._changed)
        self.line = getattr(self.app, "sync_line", "")

    def _changed(self, line: str) -> None:
        self.line = line

    def watch_line(self, line: str) -> None:
        self.update(literal(line))
        self.set_class(not line, "-off")
