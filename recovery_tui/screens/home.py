"""Home: what you can do now, what you wrote lately, and what is waiting for you."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.drafts import DraftStore
from recovery_tui.core.housekeeping import clean_stale_temp_files
from recovery_tui.core.journal import Journal
from recovery_tui.core.problems.cache import load_problem_cache, save_problem_cache
from recovery_tui.core.problems.explain import Problem
from recovery_tui.core.problems.scan import ProblemCache, find_problems
from recovery_tui.screens.base import JournalScreen
from recovery_tui.screens.home_drafts import DraftsMixin, HomeData
from recovery_tui.screens.home_today import TodayMixin
from recovery_tui.widgets.home_lists import (
    HomeList,
    action_id,
    damaged_draft_line,
    draft_line,
    entry_line,
    section_title,
)
from recovery_tui.widgets.literal import join, literal
from recovery_tui.widgets.sync_status import SyncStatus

RECENT_COUNT = 8
PROBLEM_SCAN_DELAY = 1.0

WELCOME = "A quiet place to write down a no, learn what you can, and plan the next step."
FIRST_LAUNCH = (
    "Each reflection takes three short steps: what happened, what you can learn, what you'll "
    "do next.\nIt is saved as a plain file in a private folder on this computer, and nowhere else."
)


class HomeScreen(DraftsMixin, TodayMixin, JournalScreen[None]):
    """What you can do now, your drafts, next actions, follow-ups and latest reflections.

    Each list, and whether its section shows, follows from the data it was given: the
    reactives `home_data` (drafts and recent), `problems`, and `actions` and `follow_ups`
    (next actions and follow-ups, in `home_today`)."""

    HELP_NAME = "Home"
    BINDINGS = [
        Binding(
            "n",
            "app.new_reflection",
            "New",
            priority=True,
            id="home.new",
            tooltip="Start a new reflection",
        ),
        Binding(
            "r",
            "resume",
            "Resume",
            priority=True,
            id="home.resume",
            tooltip="Pick up an unfinished reflection",
        ),
        Binding("r", "resume_here", "Resume", show=False, priority=True, id="home.resume"),
        Binding(
            "f",
            "problems",
            "Files",
            show=False,  # the line at the top of home names the key; F1 and ctrl+p list it
            id="home.files",
            tooltip="Files that need a look (damaged, conflicts)",
        ),
        Binding(
            "h",
            "history",
            "History",
            id="home.history",
            tooltip="Every reflection: sort, filter, search",
        ),
        Binding(
            "p",
            "progress",
            "Progress",
            id="home.progress",
            tooltip="What your reflections add up to",
        ),
        Binding(
            "b",
            "practice",
            "Practice",
            id="home.practice",
            tooltip="Questions to practise and skills to build",
        ),
        Binding(
            "a",
            "all_actions",
            "Actions",
            show=False,  # the section's title names the key; home's footer is full at 80
            id="home.actions",
            tooltip="Every open next action: filter, tick off, undo",
        ),
        Binding(
            "t",
            "trash",
            "Trash",
            show=False,  # home's footer is full at 80 columns: F1 and ctrl+p list it
            id="home.trash",
            tooltip="Deleted reflections, to bring back",
        ),
        Binding(
            "d",
            "discard_draft",
            "Discard",
            id="home.discard",
            tooltip="Throw the highlighted draft away (asks first)",
        ),
        Binding(
            "u",
            "undo",
            "Undo",
            show=False,  # the notification of what was ticked off names the key
            id="home.undo",
            tooltip="Put back the next action you just ticked off",
        ),
        Binding(
            "space",
            "toggle_action",
            "Done",
            id="home.done",
            tooltip="Tick off the highlighted next action",
        ),
        Binding(
            "space",
            "follow_up_sent",
            "Sent",
            id="home.sent",
            tooltip="Note the follow-up as sent today; it comes back if no reply follows",
        ),
        Binding(
            "l",
            "let_go",
            "Let go",
            id="home.let_go",
            tooltip="Stop waiting for this reply; it leaves home, the reflection keeps it",
        ),
        Binding("question_mark", "app.help", "Keys", show=False),
    ]
    READ_ON_EVERY_RETURN = True  # home is where you come back to: always current
    AUTO_FOCUS = None  # focus goes to a list once it shows (`watch_home_data`), never a hidden one

    #: The latest reflections and the drafts; None until they are first read.
    home_data: var[HomeData | None] = var(None, init=False, always_update=True)
    #: Files that need a look (damaged, sync conflicts), found after home is showing.
    problems: var[list[Problem]] = var(list, init=False, always_update=True)

    @dataclass
    class ProblemsCounted(Message):
        problems: list[Problem]

    @dataclass
    class Loaded(Message):
        data: HomeData

    def __init__(
        self, journal: Journal, drafts: DraftStore, *, scan_delay: float = PROBLEM_SCAN_DELAY
    ) -> None:
        super().__init__()
        self.journal, self.drafts = journal, drafts
        self.scan_delay = scan_delay
        self._problem_cache: ProblemCache = {}
        self._problem_cache_loaded: ProblemCache | None = None  # as last kept on disk
        self._cleaned = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body", can_focus=False):
            yield Static(WELCOME, id="welcome", markup=False)
            yield Static(FIRST_LAUNCH, id="first-launch", markup=False)
            new = self.recovery.key_for("home.new", "n")
            yield Static(join("Press ", (new, "bold"), " to begin."), id="begin")
            yield Static("", id="problems-line", markup=False)
            yield Label("Drafts", id="drafts-title", classes="section-title")
            yield HomeList(id="drafts")
            yield Label("Next actions", id="today-title", classes="section-title")
            yield HomeList(id="today")
            yield Label("Follow-ups to send", id="follow-ups-title", classes="section-title")
            yield HomeList(id="follow-ups")
            yield Label("Lately", id="recent-title", classes="section-title")
            yield HomeList(id="recent")
            yield SyncStatus()
        # Home has the most keys, and they must fit in 80 columns: compact, and ctrl+p is
        # left to the help screen (F1) here; the palette itself works as everywhere.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = ""
        self.show_what_there_is()  # loading, for now
        self.refresh_data()
        # Reading every file takes a while in a big journal: let home settle first.
        if self.scan_delay > 0:
            self.set_timer(self.scan_delay, self.look_further)
        else:
            self.look_further()

    def look_further(self) -> None:
        """The work that reads the whole journal, once home is showing."""
        self.count_problems()
        self.list_actions()

    def read_journal_again(self) -> None:
        self.refresh_data()
        self.look_further()

    def show_what_there_is(self) -> None:
        """Each section of home shows only if it has something in it: its class on the
        screen follows from the data (see styles/app.tcss)."""
        data = self.home_data
        self.set_class(data is None, "-loading")
        self.set_class(
            data is not None and not data.recent and not data.has_drafts, "-first-launch"
        )
        self.set_class(bool(data and data.has_drafts), "-has-drafts")
        self.set_class(bool(data and data.recent), "-has-entries")
        self.set_class(bool(self.actions_total), "-has-actions")
        self.set_class(bool(self.follow_ups), "-has-follow-ups")
        self.set_class(bool(self.problems), "-has-problems")

    @work(thread=True, exclusive=True, group="home-problems", exit_on_error=False)
    def count_problems(self) -> None:
        """Look for damaged files and sync conflicts, after home is already showing.

        Unchanged files are not read again (also after a restart: what was found is kept
        in the cache folder), and quitting stops the scan at once.
        """
        worker = get_current_worker()
        if not self._cleaned:
            clean_stale_temp_files(self.journal.paths)
            self._cleaned = True
        kept, root = self.recovery.paths.problem_cache_file, self.journal.paths.root
        if self._problem_cache_loaded is None:  # what the last run found, if it was kept
            self._problem_cache_loaded = load_problem_cache(kept, root)
            self._problem_cache = dict(self._problem_cache_loaded)
        problems = find_problems(
            self.journal,
            cache=self._problem_cache,
            stop=lambda: worker.is_cancelled,
            settings_file=self.recovery.paths.settings_file,
        )
        if self._problem_cache != self._problem_cache_loaded:
            save_problem_cache(kept, root, self._problem_cache)
            self._problem_cache_loaded = dict(self._problem_cache)
        if not worker.is_cancelled:
            self.post_message(self.ProblemsCounted(problems))

    def _fill_recent(self) -> None:
        if self.home_data is None:
            return
        damaged = {problem.path for problem in self.problems}
        recent = self.query_one("#recent", OptionList)
        highlighted = recent.highlighted
        recent.set_options(
            Option(entry_line(s, damaged=s.path in damaged), id=str(s.path))
            for s in self.home_data.recent
        )
        if highlighted is not None and highlighted < recent.option_count:
            recent.highlighted = highlighted

    def on_home_screen_problems_counted(self, message: ProblemsCounted) -> None:
        self.problems = message.problems

    def watch_problems(self, problems: list[Problem]) -> None:
        self._fill_recent()
        count = len(problems)
        noun = "file needs" if count == 1 else "files need"
        files = self.recovery.key_for("home.files", "f")
        self.query_one("#problems-line", Static).update(
            literal(f"{count} {noun} a look. Press {files} to see what and why.")
        )
        self.show_what_there_is()
        self.refresh_bindings()

    async def action_history(self) -> None:
        from recovery_tui.screens.history import HistoryScreen

        await self.app.push_screen(HistoryScreen(self.recovery.history_index))

    async def action_practice(self) -> None:
        from recovery_tui.screens.practice import PracticeScreen

        await self.app.push_screen(PracticeScreen())

    async def action_progress(self) -> None:
        from recovery_tui.screens.progress import ProgressScreen

        await self.app.push_screen(ProgressScreen())

    async def action_trash(self) -> None:
        from recovery_tui.screens.trash import TrashScreen

        await self.app.push_screen(TrashScreen(self.journal.paths))

    async def action_all_actions(self) -> None:
        from recovery_tui.screens.actions import ActionsScreen

        await self.app.push_screen(ActionsScreen())

    async def action_problems(self) -> None:
        from recovery_tui.screens.problems import ProblemsScreen

        await self.app.push_screen(ProblemsScreen(self.journal, self.problems))

    @work(thread=True, exclusive=True, group="home")
    def refresh_data(self) -> None:
        """Read the few latest entries and any drafts, off the UI thread."""
        drafts, damaged = self.drafts.load()
        total = len(self.journal.entry_files())
        data = HomeData(self.journal.recent(RECENT_COUNT), drafts, damaged, total)
        self.post_message(self.Loaded(data))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        self.home_data = message.data

    def watch_home_data(self, before: HomeData | None, data: HomeData) -> None:
        first_load = before is None
        self.show_what_there_is()
        drafts = self.query_one("#drafts", OptionList)
        now = self.recovery.clock()
        count = len(data.drafts) + len(data.damaged)
        self.query_one("#drafts-title", Label).update(section_title("Drafts", count, count))
        shown = min(len(data.recent), RECENT_COUNT)
        self.query_one("#recent-title", Label).update(section_title("Lately", shown, data.total))
        drafts.set_options(
            [
                *(Option(draft_line(d, now), id=d.id) for d in data.drafts),
                *(Option(damaged_draft_line(d), id=f"damaged:{d.path.name}") for d in data.damaged),
            ]
        )
        recent = self.query_one("#recent", OptionList)
        self._fill_recent()
        for option_list in (drafts, recent):
            if option_list.option_count and option_list.highlighted is None:
                option_list.highlighted = 0
        focused = self.focused
        if (
            first_load
            or focused is None
            or (isinstance(focused, OptionList) and not focused.option_count)
        ):
            target = drafts if data.has_drafts else recent if data.recent else None
            self.set_focus(target)  # None on first launch: no hidden list takes the keys
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_action":
            return self.focused is self.query_one("#today", OptionList) and bool(self.actions)
        if action in {"follow_up_sent", "let_go"}:
            return self.can_follow_up(let_go=action == "let_go")
        if action in ("resume", "resume_here"):
            # In the drafts list enter says "Open" already: r still works, unlisted.
            in_drafts = self.focused is self.query_one("#drafts", OptionList)
            here = action == "resume_here"
            return in_drafts is here and bool(self.home_data and self.home_data.has_drafts)
        if action == "problems":
            return bool(self.problems)
        if action == "discard_draft":
            return self.focused is self.query_one("#drafts", OptionList) and bool(
                self.home_data and self.home_data.drafts
            )
        if action == "undo":
            return bool(self.ticked)
        if action == "all_actions":
            return bool(self.actions_total)
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "drafts" and self.home_data:
            await self._resume(event.option_index)
        elif event.option_list.id == "today":
            # By the option's id, not its position: the list may have been refilled since.
            group = next((a for a in self.actions if action_id(a) == event.option.id), None)
            if group is not None:  # the reflection it came from (the soonest, if several)
                await self.recovery.open_entry(group.first.path)
        elif event.option_list.id == "follow-ups":
            follow_up = next((f for f in self.follow_ups if f.path.name == event.option.id), None)
            if follow_up is not None:
                await self.recovery.draft_follow_up(follow_up.path)
        elif event.option_list.id == "recent" and event.option.id:
            await self.recovery.open_entry(Path(event.option.id))
