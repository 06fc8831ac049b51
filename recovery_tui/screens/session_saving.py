"""Review and save, for the session screen: the review page, ctrl+s, and what each outcome
of a save (`core.session.SaveOutcome`) looks like to the person.

A mixin for `SessionScreen`, like `session_editor`; the saving itself is `Session.save`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recovery_tui.core.fsutil import size_words
from recovery_tui.core.paths import display_path
from recovery_tui.core.session import (
    ChangedOnDisk,
    Failed,
    Invalid,
    ReadOnly,
    Refused,
    Saved,
    SaveOutcome,
    TooLarge,
)
from recovery_tui.screens.dialogs import ChoiceDialog

if TYPE_CHECKING:
    from pathlib import Path

    from recovery_tui.core.form import FormValues
    from recovery_tui.core.models import FieldIssue
    from recovery_tui.core.session import Session, SessionOutcome
    from recovery_tui.screens.base import AppScreen
    from recovery_tui.widgets.prompt_field import PromptField

    # For the type checker the mixin is the screen it is mixed into (see home_today).
    _Base = AppScreen[SessionOutcome]
else:
    _Base = object


class SavingMixin(_Base):
    """`open_review`, `action_save` and `save` for the session screen."""

    if TYPE_CHECKING:
        session: Session

        @property
        def entry_path(self) -> Path | None: ...
        def values(self) -> FormValues: ...
        def fields(self) -> list[PromptField]: ...
        def keep_draft(self, *, force: bool = False) -> bool: ...
        async def settle_typing(self) -> None: ...
        def jump_to(self, path: str) -> None: ...
        def show_panel(self, number: int, focus_path: str | None = None) -> None: ...
        def _focus_first(self) -> None: ...

    def show_issues(self, issues: list[FieldIssue]) -> None:
        by_path = {issue.path: issue.message for issue in issues}
        for field in self.fields():
            field.set_error(by_path.get(field.prompt.path))

    def open_review(self) -> None:
        from recovery_tui.screens import review  # the Markdown widget: loaded on first use

        self.keep_draft(force=True)
        values = self.values()
        issues = self.session.issues(values)
        self.show_issues(issues)

        def returned(choice: review.ReviewChoice | None) -> None:
            if choice is None or isinstance(choice, review.Back):
                self._focus_first()
            elif isinstance(choice, review.Save):
                self.save()
            elif isinstance(choice, review.Fix):
                self.jump_to(choice.path)
            elif isinstance(choice, review.GoToStep):
                self.show_panel(choice.step)

        self.app.push_screen(review.ReviewScreen(self.session.data(values), issues), returned)

    async def action_save(self) -> None:
        await self.settle_typing()
        self.save()

    def save(self) -> None:
        self.show_outcome(self.session.save(self.values()))

    def show_outcome(self, outcome: SaveOutcome) -> None:
        """Saved: the session ends. Not saved: every word stays here, and why is said."""
        if isinstance(outcome, Saved):
            self.dismiss(outcome)
            return
        if isinstance(outcome, Invalid):
            issues = outcome.issues
            self.show_issues(issues)
            self.notify(
                "Nearly there: " + "; ".join(f"{i.label}: {i.message}" for i in issues),
                title="Not saved yet",
                severity="warning",
                markup=False,
            )
            self.jump_to(issues[0].path)
            return
        self.keep_draft(force=True)
        drafted = self.session.drafted
        if isinstance(outcome, ChangedOnDisk):
            self.ask_about_change()
        elif isinstance(outcome, Failed):
            self.recovery.tell_failure(
                f"Couldn't save to {display_path(self.session.journal.paths.root)}",
                outcome.error,
                f"Your reflection is still here {'and in drafts' if drafted else 'in this window'}"
                "; fix that and press ctrl+s again.",
                title="Not saved",
                severity="error",
                timeout=20,
            )
        else:
            kept = "here and in drafts" if drafted else "here"
            self.notify(
                not_saved_words(outcome, kept),
                title="Not saved",
                severity="error",
                timeout=20,
                markup=False,
            )

    def ask_about_change(self) -> None:
        assert self.entry_path is not None
        name = f"entries/{self.entry_path.name}"

        def decided(choice: str | None) -> None:
            if choice == "copy":
                self.show_outcome(self.session.save_as_copy(self.values()))
            elif choice == "reload":
                self.dismiss(self.session.reload())

        self.app.push_screen(
            ChoiceDialog(
                "This reflection changed on disk",
                f"Since you opened it, {name} was changed or removed by something else: "
                "another window, an editor or a sync tool. Nothing was overwritten, and what "
                "you wrote is still here and in drafts.",
                [
                    ("c", "Save mine as a copy", "copy"),
                    ("r", "Reload theirs", "reload"),
                    ("escape", "Not now", "stay"),
                ],
            ),
            decided,
        )


def not_saved_words(outcome: TooLarge | ReadOnly | Refused, kept: str) -> str:
    """Why a reflection wasn't saved, and that nothing was written; `kept`: where it is."""
    if isinstance(outcome, TooLarge):
        return (
            "This reflection is too long to save: a reflection can hold up to "
            f"{size_words(outcome.limit)}, the most recovery-tui reads back. Nothing was "
            f"written; your words are still {kept}. Shorten the longest answer, then "
            "press ctrl+s again."
        )
    return f"Couldn't save it: {outcome.cause}. Nothing was written; your words are still {kept}."
