"""The command palette (ctrl+p): the app's own places and actions, in its own words.

Each command is a key of the screen it was opened from: it is listed only where that key works
now (the screen's own `check_action` decides, as for the key), and choosing it runs the very
action the key runs. So a command never takes a second path: leaving a reflection asks about
the words in it exactly as escape does, quitting asks as ctrl+q does. Apart from those: Keys
(the app's F1 help), Theme, Quit, and a new reflection from any screen that lists reflections.

None of Textual's own defaults (its keys panel, maximize, screenshot): they confuse more than
they help here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from recovery_tui.screens.base import JournalScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from recovery_tui.app import RecoveryApp


#: Binding id -> (title, one line of help). Listed in this order; only those whose key works
#: on the screen the palette was opened from.
FROM_KEYS: dict[str, tuple[str, str]] = {
    # home
    "home.new": ("New reflection", "Write about a no: three short steps, kept as you type"),
    "home.resume": ("Resume a draft", "Pick up a reflection you didn't finish"),
    "home.history": ("History", "Every reflection you wrote: sort, filter, search"),
    "home.progress": ("Progress", "What your reflections add up to so far"),
    "home.practice": ("Practice", "Questions to practise and skills to build"),
    "home.trash": ("Trash", "Reflections you deleted, to bring back"),
    "home.files": ("Files that need a look", "Files that can't be read as they are, and why"),
    "home.actions": ("Next actions", "Every open next action: filter, tick off, undo"),
    "home.discard": ("Discard the draft", "Throw the highlighted draft away (asks first)"),
    "home.undo": ("Undo", "Put back the next action you just ticked off"),
    "home.done": ("Done", "Tick off the highlighted next action"),
    "home.sent": ("Follow-up sent", "Note the highlighted follow-up as sent today"),
    "home.let_go": ("Let it go", "Stop waiting for the highlighted reply; it leaves home"),
    "app.sync": ("Sync", "Bring in what your other machines changed and send yours"),
    # a reflection in progress
    "session.next": ("Next step", "On to the next step; after step 3, the review"),
    "session.back": ("Back a step", "The step before; from step 1, leave (your words can wait)"),
    "session.save": ("Save", "Save this reflection and go home"),
    "session.reuse": ("Reuse", "People and wins from past reflections, to add here"),
    "session.editor": ("Write in your editor", "This answer in your own text editor"),
    "review.save": ("Save", "Save this reflection and go home"),
    "review.back": ("Back to writing", "Back to the step you came from"),
    # one saved reflection
    "entry.edit": ("Edit", "Change this reflection in the same three steps"),
    "entry.ask": ("Ask for feedback", "A short note to ask them what would have helped"),
    "entry.export": ("Export", "This reflection as Markdown or JSON"),
    "entry.delete": ("Delete", "Move this reflection to the trash (asks first)"),
    "entry.versions": ("Versions", "Earlier versions of this reflection, to bring one back"),
    "entry.back": ("Back", "Back to where you were"),
    # history and search
    "history.search": ("Search", "Find words in every reflection"),
    "history.filter": ("Filter", "Narrow the list as you type"),
    "history.sort": ("Sort", "Sort by the column the cursor is in"),
    "history.export": ("Export", "What the list shows now, as Markdown or JSON"),
    "history.back": ("Back", "Back to where you were"),
    "search.back": ("Back", "Back to where you were"),
    # every open next action
    "actions.filter": ("Filter", "Narrow the list as you type"),
    "actions.done": ("Done", "Tick off the highlighted action in every reflection it lists"),
    "actions.entry": ("This reflection", "Only the actions of the highlighted reflection"),
    "actions.undo": ("Undo", "Put back what you last ticked off"),
    "actions.back": ("Back", "Back to where you were"),
    # progress, practice, files, trash
    "progress.prep_packet": ("Prep packet", "One page to read before the next interview"),
    "progress.back": ("Back", "Back to where you were"),
    "practice.mark": ("Mark practised", "Note the highlighted question as practised"),
    "practice.back": ("Back", "Back to where you were"),
    "problems.look_again": ("Look again", "Check the journal's files once more"),
    "problems.back": ("Back", "Back to where you were"),
    "trash.back": ("Back", "Back to where you were"),
    "versions.restore": ("Bring back", "Bring back the highlighted version, as a new change"),
    "versions.back": ("Back", "Back to where you were"),
    # a feedback note
    "feedback.copy": ("Copy", "Copy the note, to paste into an email"),
    "feedback.export": ("Export", "The note as a file in your journal's exports folder"),
    "feedback.close": ("Close", "Close the note"),
}

KEYS_HELP = "Every key on this screen, and what the three steps are"
THEME_HELP = "Choose the colours; the app remembers them"
QUIT_HELP = "Close recovery-tui; it asks first if your writing isn't saved"
NEW_HELP = FROM_KEYS["home.new"][1]


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], Any]


def commands_for(app: RecoveryApp, screen: Screen[Any]) -> list[Command]:
    """What the palette lists on `screen`: its working keys first, then the app's own."""
    found: dict[str, Command] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not active.enabled or binding.id not in FROM_KEYS:
            continue
        title, help_text = FROM_KEYS[binding.id]
        found[binding.id] = Command(title, help_text, _runner(app, binding.action, active.node))
    listed = [found[binding_id] for binding_id in FROM_KEYS if binding_id in found]
    titles = {command.title for command in listed}
    if "New reflection" not in titles and isinstance(screen, JournalScreen) and not _writing(app):
        # Wherever reflections are listed, and no reflection is being written already.
        listed.insert(0, Command("New reflection", NEW_HELP, app.new_reflection))
    from recovery_tui.screens.help import HelpScreen

    if not isinstance(screen, HelpScreen):
        listed.append(Command("Keys", KEYS_HELP, app.action_help))
    listed.append(Command("Theme", THEME_HELP, app.action_change_theme))
    listed.append(Command("Quit", QUIT_HELP, app.action_quit))
    return listed


def _runner(app: RecoveryApp, action: str, node: Any) -> Callable[[], Any]:
    """Run `action` as its key would: on the same node, through the same checks."""

    async def run() -> None:
        await app.run_action(action, node)

    return run


def _writing(app: RecoveryApp) -> bool:
    return bool(app.open_sessions())


class AppCommands(Provider):
    """The palette's one source of commands (Textual's system commands are left out)."""

    def _commands(self) -> Iterator[Command]:
        from recovery_tui.app import RecoveryApp

        app = self.app
        if isinstance(app, RecoveryApp):
            yield from commands_for(app, self.screen)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)


def provider() -> type[AppCommands]:
    return AppCommands
