"""The demo generator: deterministic, varied, valid, and spread over time."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from recovery_tui.core import tomlio
from recovery_tui.core.demo import QUESTIONS, make_entries, span_days, write_demo
from recovery_tui.core.demo_words import FIRST_NAMES
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.prompts import Channel, FeedbackStatus, Stage

NOW = datetime(2026, 11, 25, 21, 15, tzinfo=timezone(timedelta(hours=1)))


def texts(entry: Entry) -> list[str]:
    """Every free-text answer of an entry."""
    personal, learn, prepare = entry.personal, entry.learn, entry.prepare
    return [
        personal.what_happened,
        personal.recurring_thought,
        personal.other_reasons,
        personal.balanced_thought,
        learn.prepare_better,
        learn.fit_notes,
        learn.feedback.said,
        learn.past_successes.reuse,
        prepare.carry_forward,
    ]


def is_near_empty(entry: Entry) -> bool:
    data = tomlio.entry_to_data(entry)
    return set(data) == {"schema_version", "id", "created", "updated", "about"} and set(
        data["about"]
    ) == {"company"}


@pytest.fixture(scope="module")
def many() -> list[Entry]:
    return list(make_entries(400, seed=7, now=NOW))


def test_same_inputs_give_the_same_entries() -> None:
    first = list(make_entries(60, seed=3, now=NOW))
    second = list(make_entries(60, seed=3, now=NOW))
    assert first == second
    assert [entry.id for entry in first] == [entry.id for entry in second]


def test_other_seeds_or_clocks_give_other_entries() -> None:
    base = list(make_entries(30, seed=3, now=NOW))
    assert list(make_entries(30, seed=4, now=NOW)) != base
    assert list(make_entries(30, seed=3, now=NOW + timedelta(days=1))) != base


def test_ids_are_unique_32_hex(many: list[Entry]) -> None:
    ids = [entry.id for entry in many]
    assert all(re.fullmatch(r"[0-9a-f]{32}", entry_id) for entry_id in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("seed", [0, 1, 2, 99])
def test_fifty_entries_cover_every_stage_channel_and_shape(seed: int) -> None:
    entries = list(make_entries(50, seed=seed, now=NOW))
    assert {entry.about.stage for entry in entries} >= set(Stage)
    assert {entry.about.channel for entry in entries} >= set(Channel)
    assert {entry.learn.feedback.status for entry in entries} >= set(FeedbackStatus)
    assert any(is_near_empty(entry) for entry in entries)
    assert any("\n\n" in text and len(text) > 300 for e in entries for text in texts(e))


def test_small_counts_work() -> None:
    assert list(make_entries(0, now=NOW)) == []
    three = list(make_entries(3, seed=1, now=NOW))
    assert len(three) == 3
    assert [entry.about.stage for entry in three] == list(Stage)[:3]


def test_entries_vary_like_real_ones(many: list[Entry]) -> None:
    assert len({entry.about.company for entry in many}) >= 40
    assert len({entry.about.role for entry in many if entry.about.role}) >= 20
    long = [t for e in many for t in texts(e) if t.count("\n\n") >= 2]
    assert len(long) >= 10
    near_empty = [entry for entry in many if is_near_empty(entry)]
    assert 3 <= len(near_empty) <= len(many) // 5
    assert any(entry.personal.traps for entry in many)
    assert any(entry.personal.reasons for entry in many)
    assert any(entry.learn.past_successes.sources for entry in many)
    assert any(entry.prepare.pipeline for entry in many)
    assert any(entry.prepare.people for entry in many)
    assert any(entry.about.tags for entry in many)
    assert any(entry.learn.fit for entry in many)
    received = [e for e in many if e.learn.feedback.status is FeedbackStatus.RECEIVED]
    assert received and all(entry.learn.feedback.said for entry in received)


def test_questions_and_skills_repeat_across_entries(many: list[Entry]) -> None:
    questions = Counter(
        question.lower().rstrip("?.")
        for entry in many
        for question in entry.learn.unready_questions
    )
    assert len(QUESTIONS) >= 55
    assert 30 <= len(questions) <= len(QUESTIONS)
    assert sum(1 for seen in questions.values() if seen >= 3) >= 10
    # Typed by hand: the same question sometimes comes back spelled a little differently.
    spelled = {q for entry in many for q in entry.learn.unready_questions}
    assert len(spelled) > len(questions)
    skills = Counter(skill for entry in many for skill in entry.learn.skills)
    assert len(skills) >= 15
    assert max(skills.values()) >= 5


def test_sting_usually_eases_but_not_always(many: list[Entry]) -> None:
    pairs = [
        (entry.personal.sting_before, entry.prepare.sting_after)
        for entry in many
        if entry.personal.sting_before is not None and entry.prepare.sting_after is not None
    ]
    assert len(pairs) >= 100
    lower = sum(1 for before, after in pairs if after < before)
    assert lower > len(pairs) * 0.7
    assert lower < len(pairs)
    assert all(value % 5 == 0 for pair in pairs for value in pair)


def test_actions_have_past_and_future_due_dates_and_some_are_done(many: list[Entry]) -> None:
    actions = [action for entry in many for action in entry.prepare.actions]
    dues = [action.due for action in actions if action.due]
    assert any(due < NOW.date() for due in dues)
    assert any(due > NOW.date() for due in dues)
    assert any(action.due is None for action in actions)
    assert any(action.done for action in actions)
    assert any(not action.done for action in actions)


def test_dates_are_aware_ordered_and_spread(many: list[Entry]) -> None:
    span = timedelta(days=span_days(len(many)))
    for entry in many:
        assert entry.created.tzinfo is not None and entry.updated.tzinfo is not None
        assert entry.created.utcoffset() == timedelta(hours=1)
        assert NOW - span <= entry.created <= NOW
        assert entry.created <= entry.updated <= NOW
    created = [entry.created for entry in many]
    assert created == sorted(created)
    assert created[-1] - created[0] > span * 0.8
    days = Counter(moment.date() for moment in created)
    assert max(days.values()) >= 2
    assert any(entry.updated - entry.created > timedelta(days=1) for entry in many)


def test_news_date_is_on_or_shortly_before_created(many: list[Entry]) -> None:
    for entry in many:
        news = entry.about.news_date
        if news is not None:
            assert timedelta(0) <= entry.created.date() - news <= timedelta(days=4)
    silent = [e for e in many if e.about.channel is Channel.SILENCE]
    assert any(entry.about.news_date is None for entry in silent)
    spoken = [e for e in many if e.about.channel not in (None, Channel.SILENCE)]
    assert all(entry.about.news_date is not None for entry in spoken)


def test_span_grows_with_count() -> None:
    assert span_days(10) < span_days(100) < span_days(1000) < span_days(10_000)
    assert 2.5 * 365 <= span_days(10_000) <= 3.5 * 365
    assert span_days(10) <= 60


def test_timezone_of_now_is_kept() -> None:
    berlin = datetime(2026, 4, 15, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    entries = list(make_entries(30, seed=2, now=berlin))
    assert {entry.created.tzinfo for entry in entries} == {ZoneInfo("Europe/Berlin")}
    # Both sides of the daylight saving change get their own offset.
    assert len({entry.created.utcoffset() for entry in entries}) == 2


def test_now_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone"):
        list(make_entries(3, now=datetime(2026, 11, 25, 12, 0)))


def test_written_entries_read_back_equal(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    paths = write_demo(journal, 120, seed=11, now=now)
    expected = list(make_entries(120, seed=11, now=now))
    assert len(paths) == len(set(paths)) == 120
    assert sorted(paths, reverse=True) == journal.entry_files()
    for path, entry in zip(paths, expected, strict=True):
        assert journal.read(path) == entry
        assert path.name.startswith(entry.created.date().isoformat())


# --- coherent by role and stage --------------------------------------------------------------


def test_application_stage_and_silence_never_carry_interview_questions(many: list[Entry]) -> None:
    from recovery_tui.core.demo_fields import APPLICATION_LESSONS

    applied = [e for e in many if e.about.stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING)]
    assert len(applied) > 100
    assert not any(entry.learn.unready_questions for entry in applied)
    lessons = [e.learn.prepare_better.split("\n\n")[0] for e in applied if e.learn.prepare_better]
    assert lessons and all(lesson in APPLICATION_LESSONS for lesson in lessons)
    assert any(entry.learn.targeting for entry in applied)
    assert not any(e.learn.targeting for e in many if e.about.stage not in (
        Stage.NO_RESPONSE, Stage.AFTER_APPLYING))  # fmt: skip


def test_most_nos_come_at_the_application_stage(many: list[Entry]) -> None:
    staged = [entry for entry in many if entry.about.stage is not None]
    applied = [e for e in staged if e.about.stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING)]
    assert len(applied) > len(staged) / 2


def test_skills_and_questions_fit_the_role(many: list[Entry]) -> None:
    from recovery_tui.core.demo_fields import FIELDS, GENERAL_QUESTIONS, GENERAL_SKILLS

    teachers = [e for e in many if e.about.role in FIELDS["education"].roles]
    assert any(entry.learn.skills for entry in teachers)
    for entry in many:
        if not entry.about.role:
            continue
        field = next(f for f in FIELDS.values() if entry.about.role in f.roles)
        assert set(entry.learn.skills) <= {*field.skills, *GENERAL_SKILLS}, entry.about.role
        asked = {q.lower().rstrip("?.") for q in entry.learn.unready_questions}
        fits = {q.lower().rstrip("?.") for q in (*field.questions, *GENERAL_QUESTIONS)}
        assert asked <= fits, entry.about.role


def test_actions_rarely_repeat_and_people_named_are_people_to_reach_out_to() -> None:
    entries = list(make_entries(200, seed=1, now=NOW))
    actions = Counter(action.text for entry in entries for action in entry.prepare.actions)
    assert len(actions) > 150
    assert max(actions.values()) <= 8  # 25 ("Do one system design problem") before
    first_names = set(FIRST_NAMES)
    named = 0
    for entry in entries:
        people = {line.split(" ")[0] for line in entry.prepare.people}
        for action in entry.prepare.actions:
            for word in re.findall(r"[A-Z][a-zé]+", action.text):
                if word in first_names:
                    named += 1
                    assert word in people, (action.text, entry.prepare.people)
    assert named > 30


def test_schema_2_fields_are_filled_where_they_fit(many: list[Entry]) -> None:
    assert any(entry.personal.feelings for entry in many)
    assert any(entry.personal.evidence_for and entry.personal.evidence_against for entry in many)
    assert any(entry.personal.belief is not None for entry in many)
    assert any(entry.about.applied_via for entry in many)
    for entry in many:
        feedback = entry.learn.feedback
        if feedback.date is not None:
            assert feedback.first_asked == feedback.date
        if feedback.followed_up is not None:
            assert feedback.first_asked is not None and feedback.followed_up > feedback.first_asked
        if feedback.let_go is not None:
            assert feedback.followed_up is not None and feedback.status is FeedbackStatus.NO_REPLY
    assert any(entry.learn.feedback.let_go for entry in many)
