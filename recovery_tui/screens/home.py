"""Home: what you can do now, what you wrote lately, and what is waiting for you."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recovery_tui.core.actions import set_action_done, set_follow_up_sent
from recovery_tui.core.drafts import DamagedDraft, Draft, DraftStore
from recovery_tui.core.fsutil import describe_os_error
from recovery_tui.core.housekeeping import clean_stale_temp_files
from recovery_tui.core.journal import CantSave, ChangedOnDisk, EntrySummary, Journal
from recovery_tui.core.problems.cache import load_problem_cache, save_problem_cache
from recovery_tui.core.problems.explain import Problem
from recovery_tui.core.problems.scan import ProblemCache, find_problems
from recovery_tui.core.prompts import PANELS, choice_label
from recovery_tui.screens.base import JournalScreen
from recovery_tui.widgets.literal import join, literal, literal_str

RECENT_COUNT = 8
#: Home stays a glance at 80x24: the soonest next actions and the longest-waiting follow-ups.
TODAY_COUNT = 5
FOLLOW_UPS_SHOWN = 3
PROBLEM_SCAN_DELAY = 1.0

WELCOME = "A quiet place to write down a no, learn what you can, and plan the next step."
FIRST_LAUNCH = (
    "Each reflection takes three short steps: what happened, what you can learn, what you'll "
    "do next.\nIt is saved as a plain file in a private folder on this computer, and nowhere else."
)

if TYPE_CHECKING:
    from recovery_tui.core.insights.follow_ups import FollowUp
    from recovery_tui.core.insights.open_actions import OpenAction


@dataclass(frozen=True)
class HomeData:
    recent: list[EntrySummary]
    drafts: list[Draft]
    #: Draft files that can't be resumed as they are (listed after the others, left alone).
    damaged: list[DamagedDraft] = field(default_factory=list)

    @property
    def has_drafts(self) -> bool:
        return bool(self.drafts or self.damaged)


def entry_line(summary: EntrySummary, *, damaged: bool = False) -> Content:
    date = summary.date or "----------"
    if damaged:
        return join(date, "  ", summary.path.name, "  ·  needs a look (f)", one_line=True)
    stage = choice_label(summary.stage) if summary.stage else "No stage noted"
    return join(date, "  ", summary.company, "  ·  ", stage, one_line=True)


def action_line(action: OpenAction) -> Content:
    when = ""
    if action.due:
        when = f"  ·  {'overdue since' if action.overdue else 'by'} {action.due.isoformat()}"
    return join(action.text, "  ·  ", action.company, when, one_line=True)


def follow_up_line(follow_up: FollowUp) -> Content:
    role = ("  ·  ", follow_up.role) if follow_up.role else ()
    return join(
        follow_up.company,
        *role,
        f"  ·  asked {follow_up.days} days ago, no reply yet",
        one_line=True,
    )


def draft_line(draft: Draft) -> Content:
    when = draft.updated.strftime("%Y-%m-%d %H:%M")
    steps = f"  ·  step {draft.panel} of {len(PANELS)}  ·  last typed {when}"
    return join(draft.company, steps, one_line=True)


def damaged_draft_line(damaged: DamagedDraft) -> Content:
    return literal(f"drafts/{damaged.path.name}  ·  can't be opened, left as it is", one_line=True)


def damaged_draft_notice(damaged: DamagedDraft) -> str:
    return literal_str(
        f"drafts/{damaged.path.name} can't be opened: {damaged.reason}. It is left exactly as "
        "it is; open it in a text editor to copy your words from it.",
        one_line=True,
    )


class HomeScreen(JournalScreen[None]):
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
        Binding(
            "f",
            "problems",
            "Files",
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
            "t", "trash", "Trash", id="home.trash", tooltip="Deleted reflections, to bring back"
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
        Binding("question_mark", "app.help", "Keys", show=False),
    ]
    READ_ON_EVERY_RETURN = True  # home is where you come back to: always current

    class ProblemsCounted(Message):
        def __init__(self, problems: list[Problem]) -> None:
            super().__init__()
            self.problems = problems

    class ActionsListed(Message):
        def __init__(self, actions: list[OpenAction], follow_ups: list[FollowUp]) -> None:
            super().__init__()
            self.actions, self.follow_ups = actions, follow_ups

    class Loaded(Message):
        def __init__(self, data: HomeData) -> None:
            super().__init__()
            self.data = data

    def __init__(
        self, journal: Journal, drafts: DraftStore, *, scan_delay: float = PROBLEM_SCAN_DELAY
    ) -> None:
        super().__init__()
        self.journal, self.drafts = journal, drafts
        self.scan_delay = scan_delay
        self.home_data: HomeData | None = None
        self.problems: list[Problem] = []
        self._problem_cache: ProblemCache = {}
        self._problem_cache_loaded: ProblemCache | None = None  # as last kept on disk
        self.actions: list[OpenAction] = []
        self.follow_ups: list[FollowUp] = []
        self._cleaned = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body", can_focus=False):
            yield Static(WELCOME, id="welcome", markup=False)
            yield Static(FIRST_LAUNCH, id="first-launch", markup=False)
            new = self.recovery.key_for("home.new", "n")
            yield Static(join("Press ", (new, "bold"), " to begin."), id="begin")
            yield Label("Unfinished, kept as drafts", id="drafts-title", classes="section-title")
            yield OptionList(id="drafts")
            yield Label("Next actions", id="today-title", classes="section-title")
            yield OptionList(id="today")
            yield Label("Follow-ups to send", id="follow-ups-title", classes="section-title")
            yield OptionList(id="follow-ups")
            yield Label("Lately", id="recent-title", classes="section-title")
            yield OptionList(id="recent")
            yield Static("", id="problems-line", markup=False)
        # Home has the most keys, and they must fit in 80 columns: compact, and ctrl+p is
        # left to the help screen (F1) here; the palette itself works as everywhere.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = ""
        self.set_class(True, "-loading")
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

    @work(thread=True, exclusive=True, group="home-actions", exit_on_error=False)
    def list_actions(self) -> None:
        """Open next actions and follow-ups to send, from every entry, through the index."""
        worker = get_current_worker()
        today = self.recovery.clock().date()
        with self.recovery.history_index.open(
            refresh=True, stop=lambda: worker.is_cancelled
        ) as index:
            actions = index.open_actions(today, limit=TODAY_COUNT)
            waiting = index.follow_ups(today, self.recovery.follow_up_days)
            follow_ups = waiting[:FOLLOW_UPS_SHOWN]
        if not worker.is_cancelled:
            self.post_message(self.ActionsListed(actions, follow_ups))

    def on_home_screen_actions_listed(self, message: ActionsListed) -> None:
        self.actions, self.follow_ups = message.actions, message.follow_ups
        _refill(
            self.query_one("#today", OptionList),
            [Option(action_line(a), id=_action_id(a)) for a in self.actions],
        )
        _refill(
            self.query_one("#follow-ups", OptionList),
            [Option(follow_up_line(f), id=f.path.name) for f in self.follow_ups],
        )
        self.set_class(bool(self.actions), "-has-actions")
        self.set_class(bool(self.follow_ups), "-has-follow-ups")
        self.refresh_bindings()

    def action_toggle_action(self) -> None:
        today = self.query_one("#today", OptionList)
        if not today.has_focus or today.highlighted is None or not self.actions:
            return
        action = self.actions[today.highlighted]
        if self._change_one(
            today,
            action.path,
            lambda: set_action_done(
                self.journal,
                action.path,
                action.position,
                action.text,
                done=True,
                now=self.recovery.clock(),
            ),
            failed="Couldn't tick it off",
            done=f"Done: {action.text}",
        ):
            self.actions = [a for a in self.actions if a is not action]

    def action_follow_up_sent(self) -> None:
        follow_ups = self.query_one("#follow-ups", OptionList)
        if not follow_ups.has_focus or follow_ups.highlighted is None or not self.follow_ups:
            return
        follow_up = self.follow_ups[follow_ups.highlighted]
        now = self.recovery.clock()
        if self._change_one(
            follow_ups,
            follow_up.path,
            lambda: set_follow_up_sent(self.journal, follow_up.path, now.date(), now=now),
            failed="Couldn't note it",
            done=f"Noted as sent. If {follow_up.company} stays quiet for more than "
            f"{self.recovery.follow_up_days} days, it comes back here.",
        ):
            self.follow_ups = [f for f in self.follow_ups if f is not follow_up]

    def _change_one(
        self,
        option_list: OptionList,
        path: Path,
        change: Callable[[], object],
        *,
        failed: str,
        done: str,
    ) -> bool:
        """Rewrite one entry file from a home list; on success drop the highlighted line.
        Either way the lists are read again (another window may have changed things)."""
        try:
            change()
        except (OSError, ValueError, ChangedOnDisk) as error:
            if isinstance(error, OSError):
                reason = describe_os_error(error)
            elif isinstance(error, CantSave):
                reason = str(error)
            else:
                reason = "it changed"
            self.notify(
                f"{failed} in {path.name} ({reason}). Nothing was changed; "
                "the list will catch up in a moment.",
                severity="warning",
                markup=False,
            )
            self.list_actions()
            return False
        self.notify(done, markup=False)
        if option_list.highlighted is not None:
            option_list.remove_option_at_index(option_list.highlighted)
        self.recovery.journal_changed()  # these lists, and any screen that shows that file
        return True

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
        self._fill_recent()
        count = len(message.problems)
        noun = "file needs" if count == 1 else "files need"
        files = self.recovery.key_for("home.files", "f")
        self.query_one("#problems-line", Static).update(
            literal(f"{count} {noun} a look. Press {files} to see what and why.")
        )
        self.set_class(bool(count), "-has-problems")
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

    async def action_problems(self) -> None:
        from recovery_tui.screens.problems import ProblemsScreen

        await self.app.push_screen(ProblemsScreen(self.journal, self.problems))

    @work(thread=True, exclusive=True, group="home")
    def refresh_data(self) -> None:
        """Read the few latest entries and any drafts, off the UI thread."""
        drafts, damaged = self.drafts.load()
        data = HomeData(self.journal.recent(RECENT_COUNT), drafts, damaged)
        self.post_message(self.Loaded(data))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        first_load = self.home_data is None
        self.home_data = data = message.data
        first_launch = not data.recent and not data.has_drafts
        self.set_class(False, "-loading")
        self.set_class(first_launch, "-first-launch")
        self.set_class(data.has_drafts, "-has-drafts")
        self.set_class(bool(data.recent), "-has-entries")
        drafts = self.query_one("#drafts", OptionList)
        drafts.set_options(
            [
                *(Option(draft_line(d), id=d.id) for d in data.drafts),
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
            if target is not None:
                self.set_focus(target)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_action":
            return self.focused is self.query_one("#today", OptionList) and bool(self.actions)
        if action == "follow_up_sent":
            focused = self.focused is self.query_one("#follow-ups", OptionList)
            return focused and bool(self.follow_ups)
        if action == "resume":
            return bool(self.home_data and self.home_data.has_drafts)
        if action == "problems":
            return bool(self.problems)
        return True

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

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "drafts" and self.home_data:
            await self._resume(event.option_index)
        elif event.option_list.id == "today":
            # By the option's id, not its position: the list may have been refilled since.
            action = next((a for a in self.actions if _action_id(a) == event.option.id), None)
            if action is not None:
                await self.recovery.open_entry(action.path)
        elif event.option_list.id == "follow-ups":
            follow_up = next((f for f in self.follow_ups if f.path.name == event.option.id), None)
            if follow_up is not None:
                await self.recovery.draft_follow_up(follow_up.path)
        elif event.option_list.id == "recent" and event.option.id:
            await self.recovery.open_entry(Path(event.option.id))


def _action_id(action: OpenAction) -> str:
    return f"{action.path.name}:{action.position}"


def _refill(option_list: OptionList, options: list[Option]) -> None:
    """New options, keeping the highlight where it was (or on the last one)."""
    highlighted = option_list.highlighted
    option_list.set_options(options)
    if options:
        option_list.highlighted = min(highlighted or 0, len(options) - 1)
