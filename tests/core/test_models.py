"""The entry model: normalisation on the way in, and plain-language validation messages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from recovery_tui.core.models import (
    SCHEMA_VERSION,
    Entry,
    FieldIssue,
    build_entry,
    explain,
    new_id,
)
from recovery_tui.core.prompts import (
    Channel,
    FeedbackStatus,
    OtherReason,
    Stage,
    SuccessSource,
    ThinkingTrap,
)

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
NUMBER_MESSAGE_0_100 = "Use a whole number from 0 to 100."
NUMBER_MESSAGE_1_5 = "Use a whole number from 1 to 5."
DATE_MESSAGE = "Use a date like 2026-11-24, or leave it empty."


def build(form: dict[str, Any]) -> Entry:
    return build_entry(form, id=new_id(), created=NOW, updated=NOW)


def with_company(**panels: dict[str, Any]) -> dict[str, Any]:
    """A valid form (company given) plus the given panel values."""
    form: dict[str, Any] = {"about": {"company": "Northwind Labs"}}
    for panel, values in panels.items():
        form.setdefault(panel, {}).update(values)
    return form


def issues_for(form: dict[str, Any]) -> list[FieldIssue]:
    with pytest.raises(ValidationError) as info:
        build(form)
    return explain(info.value)


def only_issue(form: dict[str, Any]) -> FieldIssue:
    issues = issues_for(form)
    assert len(issues) == 1, issues
    return issues[0]


# --- a valid entry ------------------------------------------------------------------------


def test_minimal_entry_has_defaults():
    entry = build({"about": {"company": "Northwind Labs"}})
    assert entry.schema_version == SCHEMA_VERSION
    assert entry.about.company == "Northwind Labs"
    assert entry.about.role == ""
    assert entry.about.tags == []
    assert entry.personal.sting_before is None
    assert entry.learn.fit is None
    assert entry.learn.feedback.status is None
    assert entry.prepare.actions == []
    assert entry.created == NOW
    assert entry.updated == NOW
    assert not entry.is_from_newer_version


def test_new_id_is_random_hex_and_short_id_is_its_prefix():
    first, second = new_id(), new_id()
    assert first != second
    assert len(first) == 32
    int(first, 16)
    entry = build_entry({"about": {"company": "A"}}, id=first, created=NOW, updated=NOW)
    assert entry.short_id == first[:8]


def test_build_entry_overrides_id_and_times_from_the_form():
    entry = build_entry(
        {"about": {"company": "A"}, "id": "ffffffff", "created": "2000-01-01T00:00:00Z"},
        id="0123456789abcdef",
        created=NOW,
        updated=NOW,
    )
    assert entry.id == "0123456789abcdef"
    assert entry.created == NOW


def test_choices_dates_and_ratings_are_parsed():
    entry = build(
        {
            "about": {
                "company": "A",
                "stage": "after_final_round",
                "news_date": "2026-11-24",
                "channel": "email",
            },
            "personal": {
                "sting_before": "85",
                "traps": ["catastrophising", "mind_reading"],
                "reasons": ["internal_candidate"],
            },
            "learn": {
                "fit": 4,
                "feedback": {"status": "asked", "date": date(2026, 11, 25)},
                "past_successes": {"sources": ["referral"]},
            },
            "prepare": {"sting_after": 0},
        }
    )
    assert entry.about.stage is Stage.FINAL_ROUND
    assert entry.about.channel is Channel.EMAIL
    assert entry.about.news_date == date(2026, 11, 24)
    assert entry.personal.sting_before == 85
    assert entry.personal.traps == [ThinkingTrap.CATASTROPHISING, ThinkingTrap.MIND_READING]
    assert entry.personal.reasons == [OtherReason.INTERNAL_CANDIDATE]
    assert entry.learn.fit == 4
    assert entry.learn.feedback.status is FeedbackStatus.ASKED
    assert entry.learn.feedback.date == date(2026, 11, 25)
    assert entry.learn.past_successes.sources == [SuccessSource.REFERRAL]
    assert entry.prepare.sting_after == 0


@pytest.mark.parametrize("blank", ["", "   ", "\t\r\n", None])
@pytest.mark.parametrize(
    ("panel", "key", "read"),
    [
        ("personal", "sting_before", lambda e: e.personal.sting_before),
        ("prepare", "sting_after", lambda e: e.prepare.sting_after),
        ("learn", "fit", lambda e: e.learn.fit),
    ],
)
def test_a_cleared_rating_is_none_not_an_error(panel, key, read, blank):
    # Regression: the range constraint used to apply to None too and raised a TypeError.
    entry = build(with_company(**{panel: {key: blank}}))
    assert read(entry) is None


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_cleared_dates_and_choices_are_none(blank):
    entry = build(
        with_company(
            about={"news_date": blank, "stage": blank, "channel": blank},
            learn={"feedback": {"status": blank, "date": blank}},
        )
    )
    assert entry.about.news_date is None
    assert entry.about.stage is None
    assert entry.about.channel is None
    assert entry.learn.feedback.status is None
    assert entry.learn.feedback.date is None


@pytest.mark.parametrize(("low", "high"), [(0, 100)])
def test_sting_range_edges_are_accepted(low, high):
    entry = build(with_company(personal={"sting_before": low}, prepare={"sting_after": high}))
    assert (entry.personal.sting_before, entry.prepare.sting_after) == (low, high)


@pytest.mark.parametrize("fit", [1, 5])
def test_fit_range_edges_are_accepted(fit):
    assert build(with_company(learn={"fit": fit})).learn.fit == fit


# --- explain(): one plain message per field ---------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"about": {}},
        {"about": {"company": ""}},
        {"about": {"company": "   \t "}},
        {"about": {"company": "\r\n\r"}},
        {"about": {"company": None}},
    ],
    ids=["no-about", "no-company", "empty", "spaces", "line-breaks", "none"],
)
def test_missing_or_blank_company_suggests_unknown(form):
    issue = only_issue(form)
    assert issue.path in {"about", "about.company"}
    assert "unknown" in issue.message
    assert issue.message == "Add the company's name, or write 'unknown'."


def test_company_issue_carries_the_prompt_label():
    issue = only_issue({"about": {"company": " "}})
    assert issue == FieldIssue(
        "about.company", "Company", "Add the company's name, or write 'unknown'."
    )


@pytest.mark.parametrize("value", [-1, 101, 1000, "abc", "50%", 50.5, [50]])
@pytest.mark.parametrize(
    ("panel", "key", "label"),
    [
        ("personal", "sting_before", "How much it stings right now"),
        ("prepare", "sting_after", "How much it stings now"),
    ],
)
def test_sting_out_of_range_or_not_a_number(panel, key, label, value):
    issue = only_issue(with_company(**{panel: {key: value}}))
    assert issue == FieldIssue(f"{panel}.{key}", label, NUMBER_MESSAGE_0_100)


@pytest.mark.parametrize("value", [0, 6, -3, "five", 2.5, "3.5"])
def test_fit_out_of_range_or_not_a_whole_number(value):
    # 2.5 is the int_from_float error, which used to fall through to pydantic's own words.
    issue = only_issue(with_company(learn={"fit": value}))
    assert issue == FieldIssue("learn.fit", "How well you fit the role", NUMBER_MESSAGE_1_5)


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "yesterday", "24/11/2026", 12])
def test_bad_news_date(value):
    issue = only_issue(with_company(about={"news_date": value}))
    assert issue == FieldIssue("about.news_date", "When you heard", DATE_MESSAGE)


def test_bad_feedback_date():
    issue = only_issue(with_company(learn={"feedback": {"date": "soon"}}))
    assert issue == FieldIssue("learn.feedback.date", "When you asked or heard back", DATE_MESSAGE)


def test_bad_action_due_date_points_at_the_actions_prompt():
    issue = only_issue(
        with_company(prepare={"actions": [{"text": "Email Sam", "due": "next week"}]})
    )
    assert issue.path == "prepare.actions"
    assert issue.label == "Next actions"
    assert issue.message == "Use a date like 2026-12-01 after 'by'."


@pytest.mark.parametrize(
    ("form", "path", "first_choice"),
    [
        (with_company(about={"stage": "ghosted"}), "about.stage", "No response to an application"),
        (with_company(about={"channel": "pigeon"}), "about.channel", "Email"),
        (with_company(personal={"traps": ["doom"]}), "personal.traps", "Taking it personally"),
        (
            with_company(personal={"reasons": ["bad luck"]}),
            "personal.reasons",
            "A lot of people applied",
        ),
        (
            with_company(learn={"feedback": {"status": "maybe"}}),
            "learn.feedback.status",
            "Not asked yet",
        ),
        (
            with_company(learn={"past_successes": {"sources": ["luck"]}}),
            "learn.past_successes.sources",
            "A networking contact",
        ),
    ],
)
def test_bad_choice_lists_the_labels(form, path, first_choice):
    issue = only_issue(form)
    assert issue.path == path
    assert issue.message.startswith("Pick one of: ")
    assert first_choice in issue.message
    # Labels, not stored values.
    assert "_" not in issue.message


def test_several_bad_fields_give_one_issue_each():
    issues = issues_for(
        {
            "about": {"company": "", "news_date": "nope"},
            "personal": {"sting_before": 500},
            "learn": {"fit": 9},
        }
    )
    assert [issue.path for issue in issues] == [
        "about.company",
        "about.news_date",
        "personal.sting_before",
        "learn.fit",
    ]
    assert len({issue.message for issue in issues}) == 4


# --- normalisation --------------------------------------------------------------------------


def test_strings_are_trimmed():
    entry = build(
        {
            "about": {"company": "  Northwind Labs \t", "role": "\n Backend engineer  "},
            "personal": {"what_happened": "   A short email.   "},
            "prepare": {"carry_forward": "\tEvery no narrows the search.\n"},
        }
    )
    assert entry.about.company == "Northwind Labs"
    assert entry.about.role == "Backend engineer"
    assert entry.personal.what_happened == "A short email."
    assert entry.prepare.carry_forward == "Every no narrows the search."


def test_inner_whitespace_is_kept():
    entry = build(with_company(personal={"what_happened": "a  b\n\n\tc"}))
    assert entry.personal.what_happened == "a  b\n\n\tc"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\r\rtwo", "one\n\ntwo"),
        ("one\n\rtwo", "one\n\ntwo"),
        ("one\r\n\r\ntwo\r", "one\n\ntwo"),
    ],
)
def test_line_endings_become_newlines(raw, expected):
    entry = build(with_company(personal={"balanced_thought": raw}, learn={"fit_notes": raw}))
    assert entry.personal.balanced_thought == expected
    assert entry.learn.fit_notes == expected
    assert "\r" not in entry.model_dump_json()


def test_assignment_is_validated_and_normalised():
    entry = build({"about": {"company": "A"}})
    entry.personal.what_happened = "  x\r\ny  "
    assert entry.personal.what_happened == "x\ny"
    entry.personal.sting_before = None
    assert entry.personal.sting_before is None
    with pytest.raises(ValidationError):
        entry.about.company = "   "
    with pytest.raises(ValidationError):
        entry.learn.fit = 0


@pytest.mark.parametrize("key", ["unready_questions", "skills"])
def test_learn_lists_split_lines_and_drop_blank_ones(key):
    entry = build(with_company(learn={key: "  first \r\n\n   \nsecond\rthird\n\t\n"}))
    assert getattr(entry.learn, key) == ["first", "second", "third"]


@pytest.mark.parametrize("key", ["pipeline", "people"])
def test_prepare_lists_accept_a_list_and_drop_blank_items(key):
    entry = build(with_company(prepare={key: ["", "  Globex: phone screen ", "\t", "\r\n", "b"]}))
    assert getattr(entry.prepare, key) == ["Globex: phone screen", "b"]


def test_lines_do_not_split_on_commas():
    entry = build(with_company(prepare={"people": "Sam Ortiz, recruiter at TalentBridge"}))
    assert entry.prepare.people == ["Sam Ortiz, recruiter at TalentBridge"]


def test_tags_split_on_commas_and_lines():
    entry = build({"about": {"company": "A", "tags": " remote, fintech,,\n python ,\r\n, "}})
    assert entry.about.tags == ["remote", "fintech", "python"]


def test_tags_as_a_list_are_trimmed_not_split():
    entry = build({"about": {"company": "A", "tags": [" remote ", "", "a,b"]}})
    assert entry.about.tags == ["remote", "a,b"]


def test_blank_next_actions_are_dropped():
    entry = build(
        with_company(
            prepare={
                "actions": [
                    {"text": "  "},
                    {"text": " Email Sam ", "due": "2026-12-01"},
                    {"text": ""},
                    {"text": "\r\n", "done": True},
                    {},
                    {"text": "Update CV", "done": True},
                ]
            }
        )
    )
    assert [(a.text, a.done, a.due) for a in entry.prepare.actions] == [
        ("Email Sam", False, date(2026, 12, 1)),
        ("Update CV", True, None),
    ]


def test_unknown_keys_are_kept_at_top_level_and_nested():
    entry = build(
        {
            "future_top": "kept",
            "future_table": {"a": 1, "b": [1, 2]},
            "about": {"company": "A", "mood": "tired"},
            "personal": {"energy": 3},
            "learn": {
                "feedback": {"via": "email", "said": "ok"},
                "past_successes": {"years": [2024]},
            },
            "prepare": {
                "actions": [{"text": "Call", "priority": "high", "tags": ["x"]}],
                "budget": 0,
            },
        }
    )
    assert entry.model_extra == {"future_top": "kept", "future_table": {"a": 1, "b": [1, 2]}}
    assert entry.about.model_extra == {"mood": "tired"}
    assert entry.personal.model_extra == {"energy": 3}
    assert entry.learn.feedback.model_extra == {"via": "email"}
    assert entry.learn.past_successes.model_extra == {"years": [2024]}
    assert entry.prepare.actions[0].model_extra == {"priority": "high", "tags": ["x"]}
    assert entry.prepare.model_extra == {"budget": 0}
    dumped = entry.model_dump(mode="python")
    assert dumped["future_top"] == "kept"
    assert dumped["about"]["mood"] == "tired"
    assert dumped["prepare"]["actions"][0]["priority"] == "high"


def test_newer_schema_version_is_flagged():
    entry = build({"about": {"company": "A"}, "schema_version": SCHEMA_VERSION + 1})
    assert entry.schema_version == SCHEMA_VERSION + 1
    assert entry.is_from_newer_version
    assert not build({"about": {"company": "A"}}).is_from_newer_version


@pytest.mark.parametrize("bad_id", ["", "abc", "DEADBEEF", "deadbeeg", "dead beef"])
def test_id_must_be_lowercase_hex_of_at_least_eight(bad_id):
    with pytest.raises(ValidationError):
        build_entry({"about": {"company": "A"}}, id=bad_id, created=NOW, updated=NOW)


def test_times_must_carry_a_time_zone():
    with pytest.raises(ValidationError):
        build_entry(
            {"about": {"company": "A"}}, id=new_id(), created=NOW.replace(tzinfo=None), updated=NOW
        )
