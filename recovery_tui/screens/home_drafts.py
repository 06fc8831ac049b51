"""Home's drafts: resumed with r (or enter in the list), discarded with d after asking.

A mixin for `HomeScreen`, which shows them in `#drafts` from `home_data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.reactive import var
from textual.widgets import OptionList

from recovery_tui.core.drafts import DamagedDraft, Draft, describe
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.widgets.home_lists import damaged_draft_notice

if TYPE_CHECKING:
    from recovery_tui.core.drafts import DraftStore
    from recovery_tui.core.journal import EntrySummary
    from recovery_tui.screens.base import JournalScreen

    _Base = JournalScreen[None]  # as in home_today: the screen it is mixed into
else:
    _Base = object


@dataclass(frozen=True)
class HomeData:
    recent: list[EntrySummary]
    drafts: list[Draft]
    #: Draft files that can't be resumed as they are (listed after the others, left alone).
    damaged: list[DamagedDraft] = field(default_factory=list)
    #: How many reflections there are in all ("Lately  8 of 200").
    total: int = 0

    @property
    def has_drafts(self) -> bool:
        return bool(self.drafts or self.damaged)


class DraftsMixin(_Base):
    """d (discard, asks first) and r (resume) on home's drafts."""

    if TYPE_CHECKING:
        drafts: DraftStore
        home_data: var[HomeData | None]

        def refresh_data(self) -> object: ...  # a @work method: returns its worker

    def action_discard_draft(self) -> None:
        """Ask, then throw the highlighted draft away."""
        drafts = self.query_one("#drafts", OptionList)
        data = self.home_data
        index = drafts.highlighted
        if not drafts.has_focus or data is None or index is None or index >= len(data.drafts):
            return
        draft = data.drafts[index]
        what = describe(draft, self.recovery.clock())

        def decided(answer: str | None) -> None:
            if answer != "discard":
                return
            try:
                self.drafts.discard(draft)
            except OSError as error:
                self.recovery.tell_failure(
                    "Couldn't discard the draft", error, "It is still there, as it was."
                )
            else:
                self.notify(f"Draft discarded: {draft.company}", markup=False)
            self.refresh_data()

        self.app.push_screen(
            ChoiceDialog(
                "Discard this draft?",
                f"{what}. What you typed in it goes for good"
                + (" (the saved reflection stays as it was)." if draft.editing else "."),
                [("y", "Discard it", "discard"), ("escape", "Keep it", "keep")],
            ),
            decided,
        )

    async def action_resume_here(self) -> None:
        await self.action_resume()

    async def action_resume(self) -> None:
        if self.home_data and self.home_data.has_drafts:
            drafts = self.query_one("#drafts", OptionList)
            index = drafts.highlighted if drafts.has_focus and drafts.highlighted else 0
            await self._resume(index)

    async def _resume(self, index: int) -> None:
        """The draft at `index` in the drafts list: resumed, or (damaged) said why not."""
        assert self.home_data is not None
        drafts, damaged = self.home_data.drafts, self.home_data.damaged
        if index < len(drafts):
            await self.recovery.resume_draft(drafts[index])
        elif index - len(drafts) < len(damaged):
            self.notify(
                damaged_draft_notice(damaged[index - len(drafts)]),
                severity="warning",
                timeout=12,
                markup=False,
            )
