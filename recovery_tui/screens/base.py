"""What every screen of the app shares: typed access to the app that owns it, and for the
screens that show what is in the journal, a way to stay current when it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual import events, on
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    @property
    def recovery(self) -> RecoveryApp:
        """The app, with its journal, clock and the ways to open other screens."""
        return cast("RecoveryApp", self.app)


class JournalScreen(AppScreen[ResultType]):
    """A screen that shows what is in the journal (lists, counts, one reflection).

    Whatever changes the journal in this app (a save, a delete, a restore from the trash, a
    tick-off) says so once, with `RecoveryApp.journal_changed`. Each of these screens then
    calls `read_journal_again`: at once if it is showing, else when it is shown again. So a
    screen further down the stack never shows what is no longer there.
    """

    #: Also read the journal again each time the screen is shown again, changed or not: for
    #: screens where that is cheap (the index re-reads only files that changed), so changes
    #: from another window, an editor or a sync tool show up too.
    READ_ON_EVERY_RETURN: ClassVar[bool] = False

    _journal_stale = False
    _shown = False

    def read_journal_again(self) -> None:
        """Read what this screen shows from the journal again (in a worker, if it is slow)."""

    @on(events.Mount)
    def _listen_for_changes(self) -> None:
        self.recovery.journal_changed_signal.subscribe(self, self._journal_changed)

    def _journal_changed(self, _: None) -> None:
        self._journal_stale = True
        if self.is_current:
            self._catch_up()

    @on(events.ScreenResume)
    def _catch_up_on_return(self) -> None:
        if self._shown and (self._journal_stale or self.READ_ON_EVERY_RETURN):
            self._catch_up()
        self._shown = True

    def _catch_up(self) -> None:
        self._journal_stale = False
        self.read_journal_again()


def essential_keys() -> list[Binding]:
    """The app's own Quit and Keys, for a screen to list right after its first few keys, so
    that the footer still shows them at 60 columns and cuts the less needed keys instead
    (F1 and the palette list those). The same ids as the app's, so a remapped key moves both.
    """
    return [
        Binding(
            "ctrl+q",
            "app.quit",
            "Quit",
            priority=True,
            id="app.quit",
            tooltip="Quit (asks first if unsaved)",
        ),
        Binding(
            "f1",
            "app.help",
            "Keys",
            id="app.help",
            tooltip="Every key on this screen, and what the steps are",
        ),
    ]
