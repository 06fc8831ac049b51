"""Insights over many entries: practice bank, skill plan, actions, follow-ups, progress.

The demo-data tests recompute every number from the TOML files with tomllib alone, with
their own small implementation, and compare.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_tui.core.demo import write_demo
from recovery_tui.core.insights.follow_ups import follow_ups
from recovery_tui.core.insights.letters import feedback_request, follow_up_request
from recovery_tui.core.insights.open_actions import open_actions
from recovery_tui.core.insights.practice_bank import practice_bank, skill_plan
from recovery_tui.core.insights.prep_packet import prep_packet
from recovery_tui.core.insights.progress import NO_STAGE, progress
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.practice import PracticeState, QuestionState, SkillState
from recovery_tui.core.textkey import question_key
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


# the demo journal, read two ways -----------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    journal = Journal(JournalPaths(tmp_path_factory.mktemp("demo") / "journal"))
    written = write_demo(journal, 300, seed=4, now=FIXED_NOW)
    files = journal.entry_files()
    assert sorted(files) == sorted(written)
    pairs = [(path, journal.read(path)) for path in files]
    raw = {path: tomllib.loads(path.read_text("utf-8")) for path in files}
    return {"pairs": pairs, "raw": raw}


def key(text: str) -> str:
    """The test's own merge key: letters, digits and spaces only, lower case."""
    kept = "".join(char for char in text.casefold() if char.isalnum() or char.isspace())
    return " ".join(kept.split())


def day_of(data: dict[str, Any]) -> date:
    news = data["about"].get("news_date")
    return news if news is not None else data["created"].date()


def recency(path: Path, data: dict[str, Any]) -> tuple[date, datetime, str]:
    return (day_of(data), data["created"], path.name)


def expected_merge(raw: dict[Path, dict[str, Any]], field: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[tuple[tuple[date, datetime, str], str, Path, str]]] = defaultdict(list)
    for path, data in raw.items():
        items = data.get("learn", {}).get(field, [])
        for k in {key(item) for item in items}:
            wording = next(item for item in items if key(item) == k)
            groups[k].append((recency(path, data), wording, path, data["about"]["company"]))
    result = {}
    for k, found in groups.items():
        found.sort(reverse=True)
        result[k] = {
            "count": len(found),
            "last_seen": found[0][0][0],
            "text": found[0][1],
            "files": [item[2] for item in found],
            "companies": {item[3].casefold() for item in found},
            "latest_company": found[0][3],
        }
    return result


def check_merged(merged: list[Any], expected: dict[str, dict[str, Any]]) -> None:
    assert {item.key for item in merged} == set(expected)
    for item in merged:
        want = expected[item.key]
        assert item.count == want["count"]
        assert item.last_seen == want["last_seen"]
        assert item.text == want["text"]
        assert {company.casefold() for company in item.companies} == want["companies"]
        assert len(item.companies) == len(want["companies"])
        assert item.companies[0] == want["latest_company"]
    order = [(item.count, item.last_seen) for item in merged]
    assert order == sorted(order, reverse=True)


def test_practice_bank_matches_the_files(demo):
    raw = demo["raw"]
    bank = practice_bank(demo["pairs"])
    expected = expected_merge(raw, "unready_questions")
    check_merged(bank, expected)
    for question in bank:
        assert list(question.files) == expected[question.key]["files"]
    # The demo types some questions differently (lower case, no question mark): merged.
    wordings = {
        q for data in raw.values() for q in data.get("learn", {}).get("unready_questions", [])
    }
    assert len(wordings) > len(bank) > 10
    assert sum(q.count for q in bank) == sum(
        len({key(q) for q in data.get("learn", {}).get("unready_questions", [])})
        for data in raw.values()
    )


def test_skill_plan_matches_the_files(demo):
    plan = skill_plan(demo["pairs"])
    check_merged(plan, expected_merge(demo["raw"], "skills"))
    assert len(plan) > 10


def test_progress_matches_the_files(demo):
    raw = demo["raw"]
    result = progress(demo["pairs"], TODAY)
    assert result.total == len(raw) == 300

    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    befores, afters, lifts, highs = [], [], [], []
    month_lifts: dict[str, list[int]] = defaultdict(list)
    month_highs: dict[str, list[int]] = defaultdict(list)
    pipeline = []
    sources: Counter[str] = Counter()
    for path, data in raw.items():
        day = day_of(data)
        month = day.strftime("%Y-%m")
        by_month[month][data["about"].get("stage", NO_STAGE)] += 1
        before = data.get("personal", {}).get("sting_before")
        after = data.get("prepare", {}).get("sting_after")
        if before is not None:
            befores.append(before)
        if after is not None:
            afters.append(after)
        if before is not None and after is not None:
            lifts.append(before - after)
            highs.append(before)
            month_lifts[month].append(before - after)
            month_highs[month].append(before)
        if timedelta(0) <= TODAY - day <= timedelta(days=60):
            for item in data.get("prepare", {}).get("pipeline", []):
                pipeline.append((item, data["about"]["company"], day, path))
        sources.update(data.get("learn", {}).get("past_successes", {}).get("sources", []))

    assert [m.month for m in result.months] == sorted(by_month)
    for month in result.months:
        assert month.by_stage == dict(by_month[month.month])
        assert month.total == sum(by_month[month.month].values())
    assert sum(m.total for m in result.months) == 300
    assert result.sting_before == pytest.approx(sum(befores) / len(befores))
    assert result.sting_after == pytest.approx(sum(afters) / len(afters))
    assert result.lift == pytest.approx(sum(lifts) / len(lifts))
    assert result.lift_count == len(lifts) > 100

    # Only the months it has: from the first month with reflections to the last.
    assert [point.month for point in result.trend] == sorted(by_month)
    assert result.both_before == pytest.approx(sum(highs) / len(highs))
    assert result.both_after == pytest.approx((sum(highs) - sum(lifts)) / len(highs))
    for point in result.trend:
        values = month_lifts.get(point.month, [])
        assert point.count == len(values)
        if values:
            high = month_highs[point.month]
            assert point.lift == pytest.approx(sum(values) / len(values))
            assert point.before == pytest.approx(sum(high) / len(high))
            assert point.after == pytest.approx(point.before - point.lift)
        else:
            assert point.lift is point.before is point.after is None
    assert any(point.lift is not None for point in result.trend)

    got = [(p.text, p.company, p.day, p.path) for p in result.pipeline]
    assert sorted(got) == sorted(pipeline)
    assert len(got) > 10
    days = [p.day for p in result.pipeline]
    assert days == sorted(days, reverse=True)

    assert result.success_sources == dict(sources)
    counts = list(result.success_sources.values())
    assert counts == sorted(counts, reverse=True)


def test_open_actions_and_follow_ups_match_the_files(demo):
    raw = demo["raw"]
    want = {
        (path, index, action["text"], action.get("due"))
        for path, data in raw.items()
        for index, action in enumerate(data.get("prepare", {}).get("actions", []))
        if not action.get("done", False)
    }
    got = open_actions(demo["pairs"], TODAY)
    assert {(a.path, a.position, a.text, a.due) for a in got} == want
    assert all(a.overdue == (a.due is not None and a.due < TODAY) for a in got)

    asked = {
        path
        for path, data in raw.items()
        if data.get("learn", {}).get("feedback", {}).get("status") == "asked"
        and (TODAY - data["learn"]["feedback"].get("date", data["created"].date())).days > 7
    }
    assert {f.path for f in follow_ups(demo["pairs"], TODAY)} == asked
    assert asked


# hand-made entries ---------------------------------------------------------------------------

_count = iter(range(1, 10_000))


def make(company: str = "Acme", *, days_ago: int = 0, **sections: Any) -> tuple[Path, Entry]:
    number = next(_count)
    created = FIXED_NOW - timedelta(days=days_ago)
    about = {"company": company, **sections.pop("about", {})}
    entry = build_entry(
        {"about": about, **sections}, id=f"{number:08x}", created=created, updated=created
    )
    return Path(f"{created.date()}-{number:04d}.toml"), entry


def test_question_key_ignores_case_spacing_and_punctuation():
    assert question_key("Tell me about a conflict.") == "tell me about a conflict"
    assert question_key("  tell ME about   a CONFLICT?! ") == "tell me about a conflict"
    assert question_key("What's your «biggest» weakness?") == "whats your biggest weakness"
    assert question_key("Straße") == question_key("STRASSE")
    assert question_key("?!...") == ""


def test_the_bank_merges_the_same_question_however_typed():
    entries = [
        make("Globex", days_ago=20, learn={"unready_questions": ["Tell me about a conflict."]}),
        make("acme", days_ago=10, learn={"unready_questions": ["tell me about a CONFLICT"]}),
        make(
            "Acme",
            days_ago=1,
            learn={
                "unready_questions": [
                    "Tell me about  a conflict?",
                    "TELL me about a conflict",  # the same again: counted once
                    "Why this company?",
                ]
            },
        ),
        make("Initech", days_ago=3, learn={"unready_questions": ["  "]}),
    ]
    bank = practice_bank(entries)
    assert [q.key for q in bank] == ["tell me about a conflict", "why this company"]
    conflict = bank[0]
    assert conflict.count == 3
    assert conflict.text == "Tell me about  a conflict?"
    assert conflict.last_seen == TODAY - timedelta(days=1)
    assert conflict.companies == ("Acme", "Globex")
    assert conflict.files == (entries[2][0], entries[1][0], entries[0][0])
    assert bank[1].count == 1


def test_the_entry_date_is_the_news_date_when_there_is_one():
    entries = [
        make("A", days_ago=1, about={"news_date": "2026-01-02"}, learn={"skills": ["Docker"]}),
        make("B", days_ago=5, learn={"skills": ["docker"]}),
    ]
    (docker,) = skill_plan(entries)
    assert docker.count == 2
    assert docker.last_seen == TODAY - timedelta(days=5)
    assert docker.text == "docker"
    assert docker.companies == ("B", "A")


def test_open_actions_soonest_first_overdue_marked_undated_last():
    old = make(
        "Old",
        days_ago=30,
        prepare={
            "actions": [
                {"text": "Undated, old entry"},
                {"text": "Due today", "due": TODAY.isoformat()},
                {"text": "Done already", "due": "2026-01-01", "done": True},
            ]
        },
    )
    new = make(
        "New",
        days_ago=2,
        prepare={
            "actions": [
                {"text": "Due next week", "due": (TODAY + timedelta(days=7)).isoformat()},
                {"text": "Undated, new entry"},
                {"text": "Overdue", "due": (TODAY - timedelta(days=3)).isoformat()},
            ]
        },
    )
    got = open_actions([old, new], TODAY)
    assert [(a.text, a.overdue) for a in got] == [
        ("Overdue", True),
        ("Due today", False),
        ("Due next week", False),
        ("Undated, new entry", False),
        ("Undated, old entry", False),
    ]
    assert [(a.path, a.position, a.company) for a in got] == [
        (new[0], 2, "New"),
        (old[0], 1, "Old"),
        (new[0], 0, "New"),
        (new[0], 1, "New"),
        (old[0], 0, "Old"),
    ]


def test_follow_ups_after_seven_days_of_waiting():
    def asked(company: str, days_ago: int, asked_days_ago: int | None, status: str = "asked"):
        feedback: dict[str, Any] = {"status": status}
        if asked_days_ago is not None:
            feedback["date"] = (TODAY - timedelta(days=asked_days_ago)).isoformat()
        return make(
            company, days_ago=days_ago, about={"role": "Analyst"}, learn={"feedback": feedback}
        )

    entries = [
        asked("Eight", 20, 8),
        asked("Seven", 20, 7),
        asked("Undated old", 10, None),
        asked("Undated new", 7, None),
        asked("No reply", 30, 20, "no_reply"),
        asked("Received", 30, 20, "received"),
        make("Nothing", days_ago=40),
    ]
    got = follow_ups(entries, TODAY)
    assert [(f.company, f.days, f.asked_on) for f in got] == [
        ("Undated old", 10, None),
        ("Eight", 8, TODAY - timedelta(days=8)),
    ]
    assert got[0].role == "Analyst"
    assert [f.company for f in follow_ups(entries, TODAY, after_days=6)] == [
        "Undated old",
        "Eight",
        "Seven",
        "Undated new",
    ]


def test_the_feedback_request_uses_only_company_role_and_contact():
    _, entry = make(
        "Northwind Labs",
        about={"role": "Backend engineer", "stage": "after_final_round", "tags": ["secretword"]},
        personal={"what_happened": "Zebra email", "recurring_thought": "Quokka thought"},
        learn={"prepare_better": "Walrus prep", "unready_questions": ["Narwhal question"]},
        prepare={"people": ["Ocelot person"], "carry_forward": "Platypus"},
    )
    text = feedback_request(entry, "Sam Ortiz", "Ana Reyes")
    assert text.startswith(
        "Subject: A quick question after the final round for the Backend engineer role\n\n"
    )
    assert "Hi Sam Ortiz," in text
    assert "the Backend engineer role at Northwind Labs" in text
    assert "interviewing me" in text
    assert "future roles with Northwind Labs" in text
    assert text.endswith("Thank you,\nAna Reyes\n")
    for private in ("secretword", "Zebra", "Quokka", "Walrus", "Narwhal", "Ocelot", "Platypus"):
        assert private not in text
    assert "!" not in text
    assert "sorry" not in text.casefold()
    assert len(text.split()) < 100


def test_the_feedback_request_without_details():
    _, entry = make("unknown", about={"stage": "no_response"})
    text = feedback_request(entry)
    assert text.startswith("Subject: Checking in on my application for the role\n")
    assert "Hello," in text
    assert "unknown" not in text
    assert "still open" in text and "interview" not in text
    assert "future roles with you" in text
    assert text.endswith("Thank you,\n[your name]\n")


@pytest.mark.parametrize(
    ("stage", "subject", "question"),
    [
        (
            "rejected_after_applying",
            "A quick question about my application for",
            "in my application",
        ),
        (None, "A quick question about my application for", "in my application"),
        ("no_response", "Checking in on my application for", "Is the role still open"),
        ("after_phone_screen", "A quick question after our call about", "in our call"),
        ("after_interview", "A quick question after my interview for", "one answer or one skill"),
        ("after_final_round", "A quick question after the final round for", "person you chose"),
        ("offer_withdrawn", "Staying in touch after", "If the role opens again"),
    ],
)
def test_each_stage_gets_its_own_letter_with_one_question(stage, subject, question):
    _, entry = make("Riverside Clinic", about={"role": "Staff nurse", "stage": stage})
    text = feedback_request(entry, your_name="Ana")
    assert text.startswith(f"Subject: {subject} the Staff nurse ")
    assert "Feedback on" not in text
    assert text.count("?") == 1 and question in text
    assert "roles with Riverside Clinic that could fit" in text
    if stage == "offer_withdrawn":
        assert "better" not in text  # an offer withdrawn isn't about what to do better
    if stage in {None, "rejected_after_applying", "no_response"}:
        assert "interview" not in text.casefold()
    follow_up = follow_up_request(entry, your_name="Ana")
    assert follow_up.startswith(f"Subject: Re: {subject}")
    assert question in follow_up and "I won't write again about it" in follow_up
    assert follow_up.endswith("Thank you,\nAna\n")


def test_the_follow_up_dates_from_the_day_first_asked():
    feedback = {"status": "asked", "date": "2026-11-20", "first_asked": "2026-11-03"}
    _, entry = make("Acme", learn={"feedback": feedback})
    assert "my note of 3 November" in follow_up_request(entry)


PACKET_HEADINGS = [
    "# Ready for the next one",
    "## Questions to practise",
    "## Skills to build",
    "## Next actions",
    "## People to reach out to",
    "## What worked before",
    "## What the nos taught you",
    "### Where they came",
    "### What they told you",
    "### How well the roles fitted",
    "### How you found roles, and how you apply now",
]


def test_the_prep_packet_has_every_section():
    entries = [
        make(
            "Northwind",
            days_ago=3,
            learn={
                "unready_questions": ["How would you scale the queue?", "Tell me about *you*"],
                "skills": ["Kubernetes basics", "SQL course", "Docker"],
                "past_successes": {"sources": ["referral"], "reuse": "Ask Priya again."},
            },
            prepare={
                "actions": [{"text": "Email Sam", "due": "2026-11-20"}, {"text": "Walk"}],
                "people": ["Sam Ortiz, recruiter", "Jo Park"],
            },
        ),
        make(
            "Globex",
            days_ago=9,
            learn={
                "unready_questions": ["how would you scale the queue"],
                "past_successes": {"reuse": "ask priya again"},
            },
            prepare={"people": ["sam ortiz recruiter"]},
        ),
    ]
    state = PracticeState(
        questions={
            "how would you scale the queue": QuestionState(
                practised=True, sketch="Shard by tenant.\nThen add workers."
            )
        },
        skills={
            "sql course": SkillState(status="in_progress"),
            "docker": SkillState(status="done"),
        },
    )
    packet = prep_packet(entries, TODAY, state)
    positions = [packet.index(heading) for heading in PACKET_HEADINGS]
    assert positions == sorted(positions)
    assert "1. How would you scale the queue? (practised)" in packet
    assert "Came up 2 times, last on 2026-11-22 (Northwind, Globex)." in packet
    assert "Your sketch: Shard by tenant.  \n   Then add workers." in packet
    assert r"Tell me about \*you\*" in packet
    assert "- SQL course: in progress (came up once)" in packet
    assert "- Kubernetes basics: to do (came up once)" in packet
    assert "Docker" not in packet and "Done already: 1." in packet
    assert packet.index("SQL course") < packet.index("Kubernetes basics")
    assert "- [ ] Email Sam (was due 2026-11-20) — Northwind" in packet
    assert "- [ ] Walk — Northwind" in packet
    assert packet.count("Sam Ortiz") == 1 and "- Jo Park" in packet
    assert packet.count("priya") + packet.count("Priya") == 1
    assert "!" not in packet
    assert packet.endswith("\n") and "\n\n\n" not in packet


def test_the_prep_packet_of_an_empty_journal():
    packet = prep_packet([], TODAY, PracticeState())
    for heading in PACKET_HEADINGS:
        assert heading in packet
    assert packet.count("Nothing here yet.") == 6
    assert "No feedback recorded yet." in packet and "- Now: not noted yet" in packet


def test_the_prep_packet_from_demo_data_is_bounded(demo):
    bank = practice_bank(demo["pairs"])
    state = PracticeState(questions={bank[0].key: QuestionState(practised=True, sketch="STAR")})
    packet = prep_packet(demo["pairs"], TODAY, state)
    assert "Your sketch: STAR" in packet
    assert f"And {len(bank) - 10} more in the practice bank." in packet
    assert len(packet.splitlines()) < 170  # up to 10 of each list, and what was learnt


def test_progress_of_an_empty_journal():
    result = progress([], TODAY)
    assert result.total == 0 and result.months == () and result.pipeline == ()
    assert result.sting_before is result.sting_after is result.lift is None
    assert result.trend == ()
    assert result.success_sources == {}


# the index gives the same answers -----------------------------------------------------------


@pytest.fixture(scope="module")
def demo_index(demo: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    from recovery_tui.core.index.store import Index

    first = next(iter(demo["raw"]))
    journal = Journal(JournalPaths(first.parent.parent))
    with Index.open(tmp_path_factory.mktemp("cache") / "index.sqlite3", journal) as index:
        index.refresh()
        yield index


def test_the_index_lists_the_same_follow_ups(demo, demo_index):
    for days in (0, 7, 30):
        assert demo_index.follow_ups(TODAY, days) == follow_ups(demo["pairs"], TODAY, days)
    assert demo_index.follow_ups(TODAY, 7)


def test_the_index_lists_people_and_successes_newest_first_once_each(demo, demo_index):
    newest = sorted(demo["raw"].items(), key=lambda item: recency(*item), reverse=True)
    people: dict[str, list[Any]] = {}
    successes: dict[str, list[Any]] = {}
    for _, data in newest:
        for line in data.get("prepare", {}).get("people", []):
            people.setdefault(key(line), [line, 0])[1] += 1
        reuse = data.get("learn", {}).get("past_successes", {}).get("reuse", "")
        if reuse.strip():
            successes.setdefault(key(reuse), [reuse.strip(), 0])[1] += 1
    for kind, expected in (("person", people), ("success", successes)):
        got = demo_index.reusables(kind, limit=10_000)
        assert [(r.text, r.times) for r in got] == [tuple(v) for v in expected.values()]
        assert got, kind
    assert len(demo_index.reusables("person", limit=3)) == 3


@given(st.text(max_size=40))
def test_the_quick_key_of_plain_text_is_the_same_as_the_full_one(text: str) -> None:
    full = " ".join(
        "".join(
            char
            for char in unicodedata.normalize("NFKC", text).casefold()
            if unicodedata.category(char)[0] not in "PS"
        ).split()
    )
    assert question_key(text) == full
    ascii_only = text.encode("ascii", "ignore").decode()
    assert question_key(ascii_only) == " ".join(
        "".join(c for c in ascii_only.lower() if unicodedata.category(c)[0] not in "PS").split()
    )


def test_the_index_keeps_the_newest_wording_and_its_company(tmp_path: Path) -> None:
    from recovery_tui.core.index.store import Index

    journal = Journal(JournalPaths(tmp_path / "journal"))
    for days_ago, company, person, reuse in (
        (30, "Initech", "priya  old!", "Ask for a referral."),
        (10, "Globex", "Sam Ortiz", ""),
        (2, "Northwind", "PRIYA OLD", "ask for a REFERRAL"),
    ):
        when = FIXED_NOW - timedelta(days=days_ago)
        data = {
            "about": {"company": company},
            "learn": {"past_successes": {"sources": ["referral"], "reuse": reuse}},
            "prepare": {"people": [person]},
        }
        journal.save(build_entry(data, id=f"{days_ago:02d}" * 16, created=when, updated=when))
    with Index.open(tmp_path / "index.sqlite3", journal) as index:
        index.refresh()
        people = index.reusables("person")
        wins = index.reusables("success")
    assert [(p.text, p.company, p.times) for p in people] == [
        ("PRIYA OLD", "Northwind", 2),
        ("Sam Ortiz", "Globex", 1),
    ]
    assert [(w.text, w.company, w.detail, w.times) for w in wins] == [
        ("ask for a REFERRAL", "Northwind", "A referral", 2),
    ]


def test_a_company_ending_in_a_full_stop_reads_well_in_a_follow_up() -> None:
    _, entry = make("Seaglass Design Co.", learn={"feedback": {"status": "asked"}})
    text = follow_up_request(entry)
    assert "at Seaglass Design Co. I know" in text
    assert ".." not in text


def test_the_index_lists_the_same_open_actions(demo, demo_index):
    everything = open_actions(demo["pairs"], TODAY)
    assert demo_index.open_actions(TODAY, limit=None) == everything
    assert demo_index.open_actions(TODAY, limit=5) == everything[:5]
    assert all(a.written is not None for a in everything)
