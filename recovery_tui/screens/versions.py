"""Earlier versions of one reflection, from the sync history: when, on which machine, what
changed. The highlighted one is shown as text; `r` brings it back as a new change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.core.sync import git, versions
from recovery_tui.screens.base import AppScreen
from recovery_tui.screens.dialogs import ChoiceDialog
from recovery_tui.widgets.literal import join, literal

INTRO = (
    "Every version this reflection had, newest first, from the history sync keeps. The "
    "highlighted one is shown below. Press r to bring it back; the later ones stay in the "
    "history."
)
NONE_YET = "No earlier versions yet: each save from now on is kept."


def version_line(number: int, version: versions.Version) -> Content:
    when = version.when.strftime("%Y-%m-%d %H:%M")  # the time on the machine that made it
    what = ", ".join(version.changed)
    now = "  (the version you have now)" if number == 0 else ""
    return join(
        (when, "bold"),
        "  ",
        literal(version.machine, one_line=True),
        "  ",
        literal(version.action, one_line=True),
        now,
        "\n  ",
        (literal(what, one_line=True), "$text-muted"),
    )


class VersionsScreen(AppScreen[None]):
    DEFAULT_CSS = """
    #versions-body { padding: 1 2; }
    #versions-intro { color: $text-muted; margin-bottom: 1; }
    #versions { height: auto; max-height: 12; border: none; padding: 0; }
    #versions-none { color: $text-muted; }
    #version-text { margin-top: 1; padding: 1 2; background: $boost; }
    """
    HELP_NAME = "Earlier versions"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True, id="versions.back"),
        Binding(
            "r",
            "restore",
            "Bring back",
            id="versions.restore",
            tooltip="Bring back the highlighted version, as a new change",
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]

    @dataclass
    class Listed(Message):
        found: list[versions.Version]

    @dataclass
    class Shown(Message):
        text: str

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.found: list[versions.Version] = []

    @property
    def relative(self) -> str:
        return f"entries/{self.path.name}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="versions-body", can_focus=False):
            yield Static(INTRO, id="versions-intro", markup=False)
            yield OptionList(id="versions")
            yield Static(NONE_YET, id="versions-none", markup=False)
            yield Static("", id="version-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Earlier versions"
        self.sub_title = self.path.name
        self.list_versions()

    @work(thread=True, exclusive=True, group="versions")
    def list_versions(self) -> None:
        root = self.recovery.journal.paths.root
        try:
            found = versions.versions(root, self.relative)
        except (git.GitFailed, git.GitMissing, OSError):
            found = []
        self.post_message(self.Listed([v for v in found if v.changed != ("deleted",)]))

    def on_versions_screen_listed(self, message: Listed) -> None:
        self.found = message.found
        listing = self.query_one("#versions", OptionList)
        listing.set_options(
            Option(version_line(i, v), id=v.commit) for i, v in enumerate(self.found)
        )
        self.query_one("#versions-none").display = not self.found
        if self.found:
            self.set_focus(listing, scroll_visible=False)
            listing.highlighted = 0
        self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.found):
            self.show_version(self.found[event.option_index].commit)
        self.refresh_bindings()  # r works on any version but the one you have now

    @work(thread=True, exclusive=True, group="version-text")
    def show_version(self, commit: str) -> None:
        raw = versions.show(self.recovery.journal.paths.root, commit, self.relative)
        self.post_message(self.Shown(raw.decode("utf-8", "replace") if raw else ""))

    def on_versions_screen_shown(self, message: Shown) -> None:
        self.query_one("#version-text", Static).update(literal(message.text))

    def _highlighted(self) -> int | None:
        index = self.query_one("#versions", OptionList).highlighted
        return index if index is not None and 0 <= index < len(self.found) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            index = self._highlighted() if self.is_mounted else None
            return index is not None and index > 0
        return True

    def action_restore(self) -> None:
        index = self._highlighted()
        if index is None or index == 0:
            return
        version = self.found[index]
        when = version.when.strftime("%Y-%m-%d %H:%M")

        def decided(choice: str | None) -> None:
            if choice == "restore":
                self.restore(version)

        self.app.push_screen(
            ChoiceDialog(
                "Bring back this version?",
                f"{self.relative} goes back to how it was on {when}. The version you have "
                "now stays in the history, so you can come back to it.",
                [("r", "Bring back", "restore"), ("escape", "Keep this one", "keep")],
            ),
            decided,
        )

    def restore(self, version: versions.Version) -> None:
        root = self.recovery.journal.paths.root
        try:
            versions.restore(root, self.relative, version.commit, self.recovery.clock())
        except OSError as error:
            self.recovery.tell_failure("Couldn't bring it back", error, "Nothing was changed.")
            return
        except Exception:
            self.notify(
                "That version couldn't be brought back (it was changed meanwhile, or can't be "
                "read as a reflection). Nothing was changed.",
                severity="warning",
            )
            return
        self.notify("Brought back. The later version is still in the history.")
        self.recovery.journal_changed()
        self.dismiss(None)
