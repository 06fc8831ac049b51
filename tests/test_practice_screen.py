"""The practice bank and skill plan screen: mark practised, keep a sketch, move a skill on."""

from __future__ import annotations

import stat
import tomllib

from textual.widgets import OptionList, TextArea

from recovery_tui.core import practice as practice_module
from recovery_tui.core.journal import Journal
from recovery_tui.core.practice import QuestionState, load_practice, update_practice
from recovery_tui.core.textkey import question_key
from recovery_tui.screens.practice import PracticeScreen, SketchDialog
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples


async def open_practice(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PracticeScreen)


async def test_practised_sketch_and_skill_status_are_kept(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        questions = app.screen.query_one("#questions", OptionList)
        assert questions.option_count == 2
        assert app.focused is questions
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SketchDialog)
        await pilot.press(*"Peak sale week, jobs piling up", "enter")  # situation
        await pilot.press("enter", *"Split the queue by tenant", "enter", "enter")  # action
        await pilot.press(*"Start with the queue, then shard by tenant.", "ctrl+s")  # notes
        await settle(pilot)
        await pilot.press(
            "tab", "space", "space"
        )  # Kubernetes basics: to do -> in progress -> done
        await settle(pilot)
    state_file = app_paths.journal.root / "practice.toml"
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    state = tomllib.loads(state_file.read_text("utf-8"))
    first = question_key("How would you scale the job queue?")
    assert state["questions"][first] == {
        "practised": True,
        "sketch": "Start with the queue, then shard by tenant.",
        "situation": "Peak sale week, jobs piling up",
        "action": "Split the queue by tenant",
    }
    assert state["skills"][question_key("Kubernetes basics")]["status"] == "done"


def test_practice_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await open_practice(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


async def test_a_feedback_request_is_drafted_addressed_and_exported(make_app, app_paths):
    from recovery_tui.screens.entry import EntryScreen
    from recovery_tui.screens.feedback import FeedbackRequestScreen

    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackRequestScreen)
        await pilot.press(*"Priya")
        await settle(pilot)
        text = app.screen.text()
        assert text.startswith(
            "Subject: A quick question after the final round for the Backend engineer role"
        ), text
        assert "Hi Priya," in text
        assert "Northwind Labs" in text
        assert "three days" not in text, "no entry text beyond company, role and name"
        await pilot.press("ctrl+x")
        await settle(pilot)
    exported = app_paths.journal.exports / "feedback-request-2026-11-25-northwind-labs-01010101.txt"
    assert "Hi Priya," in exported.read_text("utf-8")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


def test_feedback_request_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "a")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


# --- two windows, a damaged or newer practice.toml, and the size limit ---------------------

FIRST = question_key("How would you scale the job queue?")
SECOND = question_key("Tell me about a conflict.")


async def write_sketch(pilot, text: str, *, keep: bool = True) -> None:  # type: ignore[no-untyped-def]
    questions = pilot.app.screen.query_one("#questions", OptionList)
    pilot.app.screen.set_focus(questions)
    questions.highlighted = 0
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SketchDialog)
    pilot.app.screen.query_one("#sketch", TextArea).load_text(text)
    if keep:
        await pilot.press("ctrl+s")
        await settle(pilot)


async def test_a_sketch_kept_here_keeps_what_another_window_ticked(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    root = app_paths.journal.root
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        # Meanwhile, another window ticks the second question.
        update_practice(root, lambda s: s.questions.update({SECOND: QuestionState(practised=True)}))
        await write_sketch(pilot, "Start with the queue.")
        assert isinstance(app.screen, PracticeScreen)
    state = load_practice(root)
    assert state.questions[FIRST].sketch == "Start with the queue."
    assert state.questions[SECOND].practised, "the other window's tick is still there"


async def test_a_tick_here_keeps_the_sketch_another_window_kept(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    root = app_paths.journal.root
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        theirs = QuestionState(sketch="Theirs")
        update_practice(root, lambda s: s.questions.update({SECOND: theirs}))
        questions = app.screen.query_one("#questions", OptionList)
        questions.highlighted = 0
        await pilot.press("space")
        await settle(pilot)
        assert "sketch: Theirs" in str(questions.get_option_at_index(1).prompt), "shown here too"
    state = load_practice(root)
    assert state.questions[FIRST].practised
    assert state.questions[SECOND].sketch == "Theirs"


async def test_a_sketch_typed_while_practice_toml_is_damaged_is_kept_in_a_file(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    damaged = app_paths.journal.root / "practice.toml"
    damaged.write_bytes(b"questions = [not toml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        await write_sketch(pilot, "Start with the queue.\nThen shard by tenant.")
        assert isinstance(app.screen, PracticeScreen)
        notice = [n.message for n in app._notifications][-1]
    assert damaged.read_bytes() == b"questions = [not toml"
    (kept,) = (app_paths.journal.root / "editing").iterdir()
    assert kept.name in notice and "can't be read" in notice and "!" not in notice
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "Start with the queue.\nThen shard by tenant." in kept.read_text("utf-8")


async def test_a_newer_practice_toml_is_read_and_never_rewritten(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    newer = app_paths.journal.root / "practice.toml"
    newer.write_text(
        f'schema_version = 2\ncolours = ["teal"]\n\n[questions."{SECOND}"]\npractised = true\n',
        "utf-8",
    )
    before = newer.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        intro = str(app.screen.query_one("#practice-intro").render())
        assert "newer version" in intro
        questions = app.screen.query_one("#questions", OptionList)
        assert str(questions.get_option_at_index(1).prompt).startswith("[x] ")
        await pilot.press("space")
        await settle(pilot)
        await write_sketch(pilot, "Mine")
        assert isinstance(app.screen, PracticeScreen)
    assert newer.read_bytes() == before
    (kept,) = (app_paths.journal.root / "editing").iterdir()
    assert kept.read_text("utf-8").endswith("Mine\n")


async def test_a_sketch_too_long_to_keep_stays_in_the_dialog(make_app, app_paths, monkeypatch):
    monkeypatch.setattr(practice_module, "MAX_FILE_BYTES", 4096)  # a small limit: quicker
    write_samples(Journal(app_paths.journal))
    state_file = app_paths.journal.root / "practice.toml"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(pilot)
        await write_sketch(pilot, "x" * 5000)
        assert isinstance(app.screen, SketchDialog), "still open"
        assert app.screen.query_one("#sketch", TextArea).text == "x" * 5000
        notice = [n.message for n in app._notifications][-1]
        assert "larger than" in notice and "still here" in notice
    assert not state_file.exists() or state_file.stat().st_size <= 4096
    load_practice(app_paths.journal.root)
