"""A property: whatever a person writes, in any field, every screen shows it as written.

Each example fills every text field of a reflection (and a draft, practice notes, the
settings file and a damaged file's name) with text full of Textual markup, Rich markup,
Markdown, backslashes, escape sequences, emoji and right-to-left words, then opens every
screen that shows it with Pilot and reads the screen back: the words are there, literally,
no control character reaches the terminal, and nothing crashed.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, TextArea

from recovery_tui.app import RecoveryApp, create_app
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.index.search import marked_spans
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.core.paths import AppPaths, JournalPaths
from recovery_tui.core.practice import PracticeState, QuestionState, SkillState, save_practice
from recovery_tui.core.printable import printable
from recovery_tui.core.prompts import panel_of
from recovery_tui.core.textkey import question_key
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.review import ReviewScreen
from recovery_tui.screens.search import SearchScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import FIXED_NOW, counting_ids, settle
from tests.screen_text import actions_on_screen, screen_text, squeeze

#: Big enough that nothing wraps or scrolls away: the check reads the screen, not widgets.
SIZE = (200, 160)

NASTY = [
    "[", "]", "[/]", "[/b]", "[@click=app.quit]", "[link=https://x]", "[b]", "[on red]",
    "\\", "\\[", "\x1b[31m", "\x1b]8;;https://x\x1b\\", "\x07", "\x9b", "🙂", "שלום", "مرحبا",
    "*", "_", "`", "<b>", "&amp;", "# ", "- ", "1. ", "|", "~~", "$accent", "]]", "@click",
    "https://example.com", "www.example.org", "[x](https://y)", "<https://z>",
]  # fmt: skip
PIECE = st.one_of(st.sampled_from(NASTY), st.text(alphabet="abcxyzé", min_size=1, max_size=5))


def nasty(limit: int) -> st.SearchStrategy[str]:
    """A short text, mostly trouble, as a person could type or paste it (no line breaks)."""
    joined = st.tuples(st.lists(PIECE, min_size=1, max_size=6), st.sampled_from(["", " "]))
    return joined.map(lambda t: t[1].join(t[0])[:limit].strip()).filter(bool)


@st.composite
def writings(draw: Any) -> dict[str, str]:
    names = {"company": 20, "role": 20, "tag": 14, "draft": 20, "theme": 20, "file": 30}
    found = {name: draw(nasty(limit)) for name, limit in names.items()}
    for name in [
        "happened", "thought", "other", "balanced1", "balanced2", "better", "q1", "q2",
        "fit", "skill", "said", "reuse", "a1", "a2", "pipeline", "person", "carry", "sketch",
    ]:  # fmt: skip
        found[name] = draw(nasty(36))
    return found


def entry_data(w: dict[str, str]) -> dict[str, Any]:
    """Every text field of a reflection. List items start with a word of their own, so no
    two merge (the practice bank and reuse box merge the same words however typed)."""
    return {
        "about": {
            "company": w["company"],
            "role": w["role"],
            "stage": "after_final_round",
            "news_date": "2026-11-24",
            "channel": "email",
            "tags": [w["tag"], "plain"],
        },
        "personal": {
            "what_happened": f"zebra {w['happened']}",
            "sting_before": 70,
            "recurring_thought": w["thought"],
            "traps": ["overgeneralising"],
            "reasons": ["more_experience"],
            "other_reasons": w["other"],
            "balanced_thought": f"{w['balanced1']}\n{w['balanced2']}",
        },
        "learn": {
            "prepare_better": w["better"],
            "unready_questions": [f"qone {w['q1']}", f"qtwo {w['q2']}"],
            "fit": 3,
            "fit_notes": w["fit"],
            "skills": [f"kone {w['skill']}"],
            "feedback": {"status": "asked", "date": "2026-11-01", "said": w["said"]},
            "past_successes": {"sources": ["referral"], "reuse": f"rone {w['reuse']}"},
        },
        "prepare": {
            "actions": [
                {"text": f"aone {w['a1']}", "due": "2026-11-27"},
                {"text": f"atwo {w['a2']}"},
            ],
            "pipeline": [f"pone {w['pipeline']}"],
            "people": [f"hone {w['person']}"],
            "carry_forward": w["carry"],
            "sting_after": 40,
        },
    }


#: Fields whose stored values are choices or dates: shown as labels, not as stored.
CHOICES = {"stage", "channel", "status", "due", "news_date", "date", "traps", "reasons", "sources"}


def every_text(data: dict[str, Any]) -> list[str]:
    """Each piece of text a person wrote in `data` (one per line of a longer answer)."""
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(inner, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key not in CHOICES:
            found.extend(value.split("\n"))

    walk(data)
    return found


def write_journal(paths: AppPaths, w: dict[str, str]) -> tuple[Path, str]:
    journal = Journal(paths.journal)
    when = FIXED_NOW - timedelta(days=1)
    entry = build_entry(entry_data(w), id="ab" * 16, created=when, updated=when)
    path = journal.save(entry)
    DraftStore(paths.journal).save(
        Draft(
            id="cd" * 16,
            entry_id="ef" * 16,
            created=FIXED_NOW,
            updated=FIXED_NOW,
            panel=2,
            values={"about.company": w["draft"], "personal.what_happened": w["happened"]},
        )
    )
    question = QuestionState(practised=True, sketch=w["sketch"])
    save_practice(
        paths.journal.root,
        PracticeState(
            questions={question_key(f"qone {w['q1']}"): question},
            skills={question_key(f"kone {w['skill']}"): SkillState(status="in_progress")},
        ),
    )
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(tomli_w.dumps({"theme": w["theme"]}), "utf-8")
    # A file a sync tool or a person named: anything but a slash goes in a file name.
    damaged = w["file"].replace("/", "∕").replace("\x00", "")
    (paths.journal.entries / f"2026-11-02-{damaged}.toml").write_text("company = [[[", "utf-8")
    return path, f"2026-11-02-{damaged}.toml"


class Screen:
    """Checks on what the running app shows now."""

    def __init__(self, app: RecoveryApp) -> None:
        self.app = app

    def text(self, within: str | Widget | None = None) -> str:
        widget = self.app.screen.query_one(within) if isinstance(within, str) else within
        region = widget.content_region if widget is not None else None
        shown = screen_text(self.app, region)
        bad = [c for c in shown if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0]
        assert not bad, f"control characters reached the terminal: {bad!r}"
        clickable = actions_on_screen(self.app)
        assert not clickable, f"words became links or actions: {clickable!r}"
        return shown

    def shows(self, *texts: str, where: str, within: str | Widget | None = None) -> None:
        """Each of `texts` is on the screen (or inside the widget `within`), as written."""
        shown = squeeze(self.text(within))
        for text in texts:
            expected = squeeze(printable(text, one_line=True))
            assert expected in shown, f"{where}: {expected!r} isn't shown:\n{self.text(within)}"


async def visit_everything(paths: AppPaths, w: dict[str, str]) -> None:
    path, damaged_name = write_journal(paths, w)
    data = entry_data(w)
    texts = every_text(data)
    app = create_app(
        paths, clock=lambda: FIXED_NOW, new_id=counting_ids(),
        remember_theme=False, scan_delay=0,
    )  # fmt: skip
    screen = Screen(app)
    async with app.run_test(size=SIZE) as pilot:

        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await settle(pilot)
            app.clear_notifications()  # a toast must not cover what is checked
            await settle(pilot)

        await press()
        assert isinstance(app.screen, HomeScreen)
        screen.shows(
            w["company"], f"aone {w['a1']}", f"atwo {w['a2']}", w["role"], w["draft"],
            damaged_name, where="home",
        )  # fmt: skip

        await press("f1")
        assert app.settings_message is not None
        screen.shows(*app.settings_message.split("\n"), where="help", within="#help-settings")
        await press("escape")

        await press("h")
        screen.shows(w["company"], w["role"], where="history")
        for picker, names in (("#pick-company", [w["company"]]), ("#pick-tag", [w["tag"]])):
            select = app.screen.query_one(picker, Select)
            select.expanded = True
            await press()
            screen.shows(*names, where=f"history {picker}")
            select.expanded = False
            await press()

        await press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await press(*"zebra")
        hits = app.screen.hits  # type: ignore[attr-defined]
        assert hits, "the search finds the reflection"
        screen.shows(w["company"], marked_spans(hits[0].snippet)[0], where="search")
        await press("escape", "escape")

        await app.open_entry(path)
        await press()
        assert isinstance(app.screen, EntryScreen)
        screen.shows(*texts, where="entry view")
        await press("a")
        screen.shows(w["role"], where="feedback request")
        await press("escape")

        await press("e")
        assert isinstance(app.screen, SessionScreen)
        for step in (1, 2, 3):
            boxes = [
                field
                for field in app.screen.fields()  # type: ignore[attr-defined]
                if isinstance(field.control, (Input, TextArea))
                and panel_of(field.prompt.path).number == step  # type: ignore[union-attr]
            ]
            assert boxes
            for field in boxes:
                lines = str(field.value).split("\n")
                screen.shows(*lines, where=f"step {step}", within=field.control)
            await press("ctrl+n")
        assert isinstance(app.screen, ReviewScreen)
        screen.shows(*texts, where="review")
        await press("escape", "escape", "escape", "escape")
        assert isinstance(app.screen, EntryScreen)
        await press("escape")

        await press("b")
        practice = app.screen
        first = next(n for n, q in enumerate(practice.questions) if q.text.startswith("qone"))  # type: ignore[attr-defined]
        practice.query_one("#questions", OptionList).highlighted = first
        screen.shows(
            f"qone {w['q1']}", f"qtwo {w['q2']}", f"kone {w['skill']}", w["sketch"],
            w["company"], where="practice",
        )  # fmt: skip
        await press("enter")
        screen.shows(f"qone {w['q1']}", where="answer sketch", within="#dialog-title")
        screen.shows(w["sketch"], where="answer sketch", within="#sketch")
        await press("escape", "escape")

        await press("p")
        screen.shows(f"pone {w['pipeline']}", w["company"], where="progress")
        await pilot.press("w")  # the prep packet, from every reflection and the practice notes
        await settle(pilot)
        assert [n.title for n in app._notifications] == ["Ready"]
        await press("escape")

        await press("f")
        screen.shows(f"entries/{damaged_name}", where="files to look at")
        await press("escape")

        await press("n", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, SessionScreen)
        screen.shows(f"hone {w['person']}", f"rone {w['reuse']}", where="reuse box")
        await press("escape", "escape", "escape")
        assert isinstance(app.screen, HomeScreen)

        await app.open_entry(path)
        await press("d")
        screen.shows(f"entries/{path.name}", where="delete dialog")
        await press("d")
        assert isinstance(app.screen, HomeScreen)
        await press("t")
        trashed = app.screen.items  # type: ignore[attr-defined]
        assert len(trashed) == 1
        screen.shows(w["company"], trashed[0].path.name, where="trash")
        await press("escape")


#: One example by hand: every kind of trouble in every field. Each fits on one line of a
#: typing box: there, a control character is drawn as a symbol Textual measures as zero
#: wide, so at the very end of a wrapped line it could be clipped (never sent raw).
BY_HAND = {
    "company": "Acme [/] [b]", "role": "[@click=app.quit]x[/]", "tag": "[link=https://x]",
    "draft": "Initech [b]", "theme": "\x1b[31m[/]", "file": "[b]bold[/b] \x1b[31m",
    **{
        name: f"{name} [/] *no* `x` <b> &amp; \\ \x1b[31m\x07 🙂 שלום [@click=app.quit]q[/]"
        for name in (
            "thought", "other", "balanced1", "balanced2", "better", "q1", "q2", "fit",
            "skill", "said", "reuse", "a1", "a2", "pipeline", "person", "sketch",
        )
    },
    "happened": "see https://example.com, www.example.org, [x](https://y) and <https://z>",
    "carry": "# not a heading\n- not a list\n1. not a number\n> not a quote\n---",
}  # fmt: skip


def test_every_screen_shows_trouble_written_everywhere() -> None:
    run(BY_HAND)


def run(w: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = AppPaths(JournalPaths(root / "journal"), root / "config", root / "cache")
        asyncio.run(visit_everything(paths, w))


@settings(
    # Each example runs the whole app through every screen (about 15 s on this 2-core
    # machine) and fills about 25 fields, so 4 examples put about 100 generated texts on
    # every screen, besides the hand-written one above.
    max_examples=4,
    deadline=None,
    # No shrinking (minutes), the failing example is shown.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(writings())
def test_every_screen_shows_what_was_written_as_written(w: dict[str, str]) -> None:
    run(w)
