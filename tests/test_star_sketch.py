"""STAR sketches for practice questions: kept in practice.toml beside the old free notes
(which still read), shown on the Practice screen and printed in the prep packet."""

from __future__ import annotations

import tomllib

from textual.widgets import Input, OptionList

from recovery_tui.core.insights.prep_packet import prep_packet
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.practice import (
    STAR,
    PracticeState,
    QuestionState,
    load_practice,
    practice_file,
    save_practice,
)
from recovery_tui.core.textkey import question_key
from recovery_tui.screens.practice import SketchDialog
from tests.conftest import FIXED_NOW, SNAPSHOT_SIZE, settle
from tests.samples import write_samples

QUESTION = "How would you scale the job queue?"
STAR_PARTS = {
    "situation": "Peak week at the warehouse, orders doubled",
    "task": "Ship every order the same day",
    "action": "Split picking into two waves, moved two people to packing",
    "result": "All shipped by six; we kept the two waves",
}


def test_a_star_sketch_round_trips_and_old_notes_still_read(tmp_path):
    root = tmp_path / "journal"
    root.mkdir()
    old = (
        'schema_version = 1\n[questions.abc]\npractised = true\nsketch = "Lead with the outcome."\n'
    )
    practice_file(root).write_text(old, "utf-8")
    state = load_practice(root)
    assert state.questions["abc"].sketch == "Lead with the outcome."
    assert state.questions["abc"].star() == [] and state.questions["abc"].has_sketch

    save_practice(root, state)  # an old note saved again gains no empty STAR keys
    assert tomllib.loads(practice_file(root).read_text("utf-8"))["questions"]["abc"] == {
        "practised": True,
        "sketch": "Lead with the outcome.",
    }

    state.questions["def"] = QuestionState(**STAR_PARTS)
    save_practice(root, state)
    again = load_practice(root)
    assert again == state
    assert [text for _, text in again.questions["def"].star()] == list(STAR_PARTS.values())
    assert [label for label, _ in again.questions["def"].star()] == [
        "Situation",
        "Task",
        "Action",
        "Result",
    ]


def test_the_prep_packet_prints_the_star_sketch(tmp_path):
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    pairs, _ = journal.read_all()
    key = question_key(QUESTION)
    state = PracticeState(questions={key: QuestionState(sketch="Old note", **STAR_PARTS)})
    packet = prep_packet(pairs, FIXED_NOW.date(), state)
    block = packet[packet.index(QUESTION) :].split("\n\n")[0]
    assert "Your sketch: Old note" in block
    assert "Your STAR sketch:" in block
    for label, text in zip(
        ("Situation", "Task", "Action", "Result"), STAR_PARTS.values(), strict=True
    ):
        assert f"   - {label}: {text}" in block


async def fill_star(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SketchDialog)
    for part in STAR:
        pilot.app.screen.query_one(f"#star-{part}", Input).value = STAR_PARTS[part]
    await pilot.pause()


async def test_a_star_sketch_is_kept_and_shown_in_the_list(make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_star(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        questions = app.screen.query_one("#questions", OptionList)
        assert "STAR, 4 of 4: Peak week" in str(questions.get_option_at_index(0).prompt)
        await pilot.press("enter")  # open again: every part is still there
        await settle(pilot)
        for part in STAR:
            assert app.screen.query_one(f"#star-{part}", Input).value == STAR_PARTS[part]
    saved = load_practice(app_paths.journal.root).questions[question_key(QUESTION)]
    assert {part: getattr(saved, part) for part in STAR} == STAR_PARTS


def test_star_sketch_snapshot(snap_compare, make_app, app_paths):
    write_samples(Journal(app_paths.journal))
    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=fill_star)
