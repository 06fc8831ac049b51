"""Practice, Progress and the prep packet from the index equal the same read from every file.

Each test reads the journal twice: the index's sums (`Index.practice_bank`, `skill_plan`,
`progress`, `prep_parts`) and `insights` over `Journal.read_all`, and compares every value,
the order of every list and dict included. Timing is measured by benchmarks/run.py, never
here.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core import tomlio
from recovery_tui.core.demo import write_demo
from recovery_tui.core.index import model_view as entry_view
from recovery_tui.core.index.place import summed_up
from recovery_tui.core.index.store import Index
from recovery_tui.core.insights.practice_bank import FileList, practice_bank, skill_plan
from recovery_tui.core.insights.prep_packet import PREP_LIMIT, prep_packet, prep_parts, write_prep
from recovery_tui.core.insights.progress import progress
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.practice import PracticeState, QuestionState, SkillState
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_demo(journal, 300, seed=11, now=FIXED_NOW)
    return journal


@pytest.fixture
def index(journal: Journal, tmp_path: Path) -> Iterator[Index]:
    opened = Index.open(tmp_path / "cache" / "index.sqlite3", journal)
    opened.refresh()
    yield opened
    opened.close()


def ordered(value: Any) -> Any:
    """Dicts as lists of items, so that comparing also compares their order."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple, FileList)):
        return [ordered(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return [(name, ordered(getattr(value, name))) for name in value.__dataclass_fields__]
    return value


def assert_same(index: Index, journal: Journal, today: date = TODAY) -> None:
    pairs, unreadable = journal.read_all()
    bank = index.practice_bank()
    assert bank == practice_bank(pairs)
    assert [list(q.files) for q in bank] == [list(q.files) for q in practice_bank(pairs)]
    assert index.skill_plan() == skill_plan(pairs)
    for day in (today, today - timedelta(days=45), today + timedelta(days=400)):
        assert ordered(index.progress(day)) == ordered(progress(pairs, day))
        assert ordered(index.prep_parts(day)) == ordered(prep_parts(pairs, day))
    state = PracticeState(
        questions={q.key: QuestionState(practised=True, sketch="Lead with the outcome.")
                   for q in practice_bank(pairs)[:2]},
        skills={s.key: SkillState(status="done") for s in skill_plan(pairs)[:1]},
    )  # fmt: skip
    assert write_prep(index.prep_parts(today), today, state) == prep_packet(pairs, today, state)
    assert index.file_counts() == (len(pairs), unreadable)


def rewrite(path: Path, change: Any) -> None:
    """A hand edit: new text, a later modification time."""
    info = path.stat()
    path.write_text(change(path.read_text("utf-8")), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000))


def test_a_demo_journal_sums_up_as_its_files(index: Index, journal: Journal) -> None:
    assert_same(index, journal)
    report = index.progress(TODAY)
    assert report.total == 300 and report.pipeline and report.success_sources
    assert len(index.practice_bank()) > 10 and index.prep_parts(TODAY).action_count > PREP_LIMIT


def test_the_sums_follow_files_edited_added_and_deleted(index: Index, journal: Journal) -> None:
    files = journal.entry_files()
    newest = files[0]
    rewrite(newest, lambda text: text.replace("[about]", "[about]\nstage = \"offer_withdrawn\"")
            if "stage =" not in text.split("[personal]")[0] else text)  # fmt: skip
    entry = journal.read(files[1])
    learn = entry.learn.model_copy(update={"unready_questions": ["A brand new question?"] * 2})
    journal.save(entry.model_copy(update={"learn": learn}), files[1], durable=False)
    files[2].unlink()
    shutil.copy(files[3], files[3].with_name("2026-11-30-copied-by-hand-abcdef12.toml"))
    (journal.paths.entries / "broken.toml").write_text("this isn't = = toml", "utf-8")
    stats = index.refresh()
    assert (stats.added, stats.updated, stats.removed, stats.failed) == (1, 2, 1, 1)
    assert_same(index, journal)
    assert any(q.text == "A brand new question?" and q.count == 1 for q in index.practice_bank())


def test_values_only_the_model_can_judge_count_as_the_model_says(tmp_path: Path) -> None:
    """Files a person edited by hand: the index asks the model about anything that isn't
    in the shape this app writes, so it keeps exactly the entries the model accepts."""
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_demo(journal, 40, seed=3, now=FIXED_NOW)
    edits: list[tuple[str, str, Any, bool]] = [
        ("personal", "sting_before", "35", True),  # a number as text
        ("about", "tags", "one, two\r\nthree", True),  # tags as one text
        ("about", "news_date", "2026-10-02", True),  # a date as text
        ("prepare", "people", "Ana, recruiter\r\n\r\nBo", True),  # lines as one text
        ("learn", "unready_questions", ["  Why us?  ", "", "Why   us"], True),
        ("prepare", "actions", [{"text": "  "}, {"text": "Rest\r\n", "due": ""}], True),
        ("about", "company", "  Acme\r\nLabs ", True),
        ("learn", "fit", 9, False),  # out of range
        ("personal", "traps", ["blaming_the_moon"], False),  # not a choice
        ("about", "role", 7, False),  # not text
        ("prepare", "pipeline", ["ok", 3], False),  # not all text
    ]
    for path, (section, key, value, _) in zip(journal.entry_files(), edits, strict=False):
        data = tomllib.loads(path.read_text("utf-8"))
        data.setdefault(section, {})[key] = value
        path.write_text(tomli_w.dumps(data), "utf-8")
    with Index.open(tmp_path / "index.sqlite3", journal) as index:
        index.refresh()
        assert_same(index, journal)
        refused = sum(not accepted for *_, accepted in edits)
        assert index.file_counts() == (40 - refused, refused)


def test_ties_are_ordered_as_the_files_are_read(tmp_path: Path) -> None:
    """The same day, moments that differ only in their time zone, the same counts."""
    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.ensure()
    plus = timezone(timedelta(hours=5))
    moments = [
        FIXED_NOW,
        FIXED_NOW.astimezone(plus),  # the same moment, another zone
        FIXED_NOW.astimezone(plus) - timedelta(minutes=1),
        datetime(2026, 11, 25, 1, 0, tzinfo=timezone(timedelta(hours=-9))),  # later in UTC
    ]
    for number, moment in enumerate(moments):
        form = {
            "about": {"company": f"Co {number % 2}", "stage": ["other", None][number % 2]},
            "learn": {
                "unready_questions": ["Why?", "How?"][: 1 + number % 2],
                "skills": ["SQL", "Go"],
                "past_successes": {"sources": ["recruiter", "referral"][:: -1 if number else 1]},
            },
            "prepare": {"people": ["Ana", "Bo"][number % 2 :], "actions": [{"text": "Rest"}]},
        }
        entry = build_entry(form, id=f"{number:02d}" * 16, created=moment, updated=moment)
        journal.save(entry, durable=False)
    with Index.open(tmp_path / "index.sqlite3", journal) as index:
        index.refresh()
        assert_same(index, journal)


def test_an_index_made_by_the_previous_version_is_built_again(
    journal: Journal, tmp_path: Path
) -> None:
    import sqlite3

    db = tmp_path / "cache" / "index.sqlite3"
    with Index.open(db, journal) as opened:
        opened.refresh()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 3")
    with Index.open(db, journal) as opened:
        assert opened.summary_stamp() is None  # nothing kept from version 3
        opened.refresh()
        assert_same(opened, journal)


def test_a_stopped_refresh_leaves_the_sums_to_the_next_one(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recovery_tui.core.index import refresh as index_module

    monkeypatch.setattr(index_module, "BATCH", 50)
    asked = iter(range(10_000))
    with Index.open(tmp_path / "index.sqlite3", journal) as opened:
        assert opened.refresh(stop=lambda: next(asked) >= 120).added == 120
        assert opened.summary_stamp() is None  # quitting isn't held up by summing up
        opened.refresh()
        assert_same(opened, journal)


def test_answers_come_from_the_index_then_again_if_a_refresh_changed_them(
    index: Index, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_files(pairs: list[Any]) -> Any:
        raise AssertionError("the files were read")

    def count(found: Index) -> int:
        return found.progress(TODAY).total

    db = tmp_path / "cache" / "index.sqlite3"
    assert list(summed_up(db, journal, count, from_files)) == [300]  # unchanged: once
    journal.entry_files()[0].unlink()
    assert list(summed_up(db, journal, count, from_files)) == [300, 299]  # then fresh


def test_without_a_usable_cache_folder_the_files_are_read(journal: Journal, tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", "utf-8")
    found = list(
        summed_up(
            blocked / "index.sqlite3",
            journal,
            lambda index: "index",
            lambda pairs: progress(pairs, TODAY).total,
        )
    )
    assert found == [300]


def test_a_file_list_makes_its_paths_on_first_use(tmp_path: Path) -> None:
    asked: list[int] = []

    def names() -> list[str]:
        asked.append(1)
        return ["b.toml", "a.toml"]

    files = FileList(tmp_path, names)
    assert asked == []
    assert files == (tmp_path / "b.toml", tmp_path / "a.toml")
    assert (tmp_path / "b.toml", tmp_path / "a.toml") == files
    assert list(files) == [tmp_path / "b.toml", tmp_path / "a.toml"] and len(files) == 2
    assert files != (tmp_path / "a.toml",) and asked == [1]


# the model's view of a file, without pydantic -------------------------------------------

TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(" \t\r\nab,C?é-"), max_size=8),
    st.integers(-5, 120),
    st.booleans(),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    st.lists(st.text(alphabet=st.sampled_from(" \r\nab,é"), max_size=4), max_size=3),
    st.sampled_from(["", " ", "after_interview", " email ", "asked", "referral", "9"]),
    st.just("2026-05-01"),
)


@st.composite
def entry_data(draw: st.DrawFn) -> dict[str, Any]:
    """Entry-shaped data with fields of every kind TOML can hold, right or wrong."""
    fields = {
        "about": ["company", "role", "stage", "news_date", "channel", "tags"],
        "personal": ["what_happened", "sting_before", "traps", "reasons", "balanced_thought"],
        "learn": ["prepare_better", "unready_questions", "fit", "skills", "fit_notes"],
        "prepare": ["pipeline", "people", "carry_forward", "sting_after"],
    }
    data: dict[str, Any] = {
        "schema_version": draw(st.sampled_from([1, 1, 2, "1"])),
        "id": draw(st.sampled_from(["ab" * 16, "abcdef12", "ABCDEF12", "abc", "abcdef12\n"])),
        "created": draw(st.sampled_from([FIXED_NOW, FIXED_NOW.replace(tzinfo=None), "x"])),
        "updated": FIXED_NOW,
    }
    for section, keys in fields.items():
        chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
        data[section] = {key: draw(TEXT) for key in chosen}
    data["about"].setdefault("company", draw(st.sampled_from(["Acme", " Acme\r\n", " "])))
    data["learn"]["feedback"] = {"status": draw(TEXT), "date": draw(TEXT)}
    for key in draw(st.lists(st.sampled_from(["first_asked", "followed_up", "let_go"]))):
        data["learn"]["feedback"][key] = draw(TEXT)
    data["learn"]["past_successes"] = {"sources": draw(TEXT), "reuse": draw(TEXT)}
    data["prepare"]["actions"] = draw(
        st.lists(
            st.fixed_dictionaries({"text": TEXT}, optional={"done": TEXT, "due": TEXT}),
            max_size=3,
        )
    )
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry_data())
def test_the_view_says_what_the_model_says(data: dict[str, Any]) -> None:
    try:
        entry: Entry | None = Entry.model_validate(data)
    except ValueError:
        entry = None
    found = entry_view.validated(data)
    if entry is None:
        assert found is None
        return
    assert found is not None
    assert found == entry_view.view(tomlio.entry_to_data(entry))
    about, learn, prepare = entry.about, entry.learn, entry.prepare
    assert (found.company, found.role, found.tags) == (about.company, about.role, about.tags)
    assert (found.stage, found.channel, found.news_date) == (
        about.stage, about.channel, about.news_date)  # fmt: skip
    assert (found.sting_before, found.sting_after) == (
        entry.personal.sting_before, prepare.sting_after)  # fmt: skip
    assert (found.unready_questions, found.skills) == (learn.unready_questions, learn.skills)
    assert (found.pipeline, found.people) == (prepare.pipeline, prepare.people)
    assert found.actions == [(a.text, a.done, a.due) for a in prepare.actions]
    assert found.sources == list(learn.past_successes.sources)
    assert found.reuse == learn.past_successes.reuse
    feedback = learn.feedback
    assert (found.feedback_status, found.feedback_date) == (
        feedback.status, feedback.first_asked or feedback.date)  # fmt: skip
    assert (found.followed_up, found.let_go) == (feedback.followed_up, feedback.let_go is not None)


@settings(max_examples=200, deadline=None)
@given(entry_data())
def test_when_the_view_is_sure_it_agrees_with_the_model(data: dict[str, Any]) -> None:
    """The fast path alone (no pydantic) never accepts what the model refuses, nor tidies
    a value differently."""
    try:
        sure = entry_view.view(data)
    except entry_view.Unsure:
        return
    entry = Entry.model_validate(data)  # raises if the view accepted what the model refuses
    assert sure == entry_view.view(tomlio.entry_to_data(entry))


def test_two_windows_building_the_same_index_at_once_both_finish(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home and Progress (or two windows) may refresh the same index at the same time: one
    stores files the other is about to store, and neither refresh fails."""
    from recovery_tui.core.index import refresh as index_module

    db = tmp_path / "cache" / "index.sqlite3"
    real = index_module.read_entry_file
    other = Index.open(db, journal)
    started: list[bool] = []

    def read(path: Any) -> Any:
        if not started:  # the other window refreshes while this one is reading
            started.append(True)
            other.refresh()
        return real(path)

    monkeypatch.setattr(index_module, "read_entry_file", read)
    with Index.open(db, journal) as first:
        first.refresh()
        monkeypatch.setattr(index_module, "read_entry_file", real)
        assert first.refresh().added == 0
        assert_same(first, journal)
        assert first.count() == 300
    other.close()
