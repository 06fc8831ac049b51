"""What every screen of the app shares: typed access to the app that owns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from recovery_tui.app import RecoveryApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    @property
    def recovery(self) -> RecoveryApp:
        """The app, with its journal, clock and the ways to open other screens."""
        return cast("RecoveryApp", self.app)
