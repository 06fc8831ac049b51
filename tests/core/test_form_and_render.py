"""Form values <-> entry data, next-action lines, and the Markdown page."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from recovery_tui.core.form import (
    data_from_values,
    format_action,
    is_blank,
    parse_action_line,
    parse_actions,
    values_from_data,
)
from recovery_tui.core.models import build_entry
from recovery_tui.core.render import escape, render_markdown
from recovery_tui.core.tomlio import entry_to_data
from tests.conftest import FIXED_NOW
from tests.samples import SAMPLES


def test_action_lines():
    assert parse_action_line("[x] Email Sam by 2026-12-01") == {
        "text": "Email Sam",
        "done": True,
        "due": "2026-12-01",
    }
    assert parse_action_line("- [ ] Practise joins") == {"text": "Practise joins", "done": False}
    assert parse_action_line("* Call Jo DUE 2026-01-02") == {
        "text": "Call Jo",
        "done": False,
        "due": "2026-01-02",
    }
    assert parse_action_line("   ") is None
    assert parse_action_line("[x]") is None
    assert parse_actions("a\n\n[x] b\r\nc") == [
        {"text": "a", "done": False},
        {"text": "b", "done": True},
        {"text": "c", "done": False},
    ]
    assert format_action({"text": "Email Sam", "done": True, "due": date(2026, 12, 1)}) == (
        "[x] Email Sam by 2026-12-01"
    )


@given(
    st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1).filter(
        lambda t: (
            t.strip()
            and not t.strip().startswith(("[", "-", "*"))
            and not re.search(r"\s(by|due)\s+\d{4}-\d{2}-\d{2}\s*$", t, re.I)
        )
    ),
    st.booleans(),
    st.one_of(st.none(), st.dates()),
)
def test_action_line_round_trip(text, done, due):
    action = {"text": text.strip(), "done": done}
    if due is not None:
        action["due"] = due.isoformat()
    assert parse_action_line(format_action(action)) == action


def test_values_round_trip_through_the_model():
    entry = build_entry(SAMPLES[0], id="ab" * 16, created=FIXED_NOW, updated=FIXED_NOW)
    values = values_from_data(entry.model_dump(mode="python"))
    assert values["about.tags"] == "python, remote"
    assert values["learn.unready_questions"].splitlines() == entry.learn.unready_questions
    assert values["prepare.actions"].splitlines() == [
        "Email Sam at TalentBridge by 2026-11-27",
        "[x] Mock system design with Jo",
    ]
    again = build_entry(
        data_from_values(values, entry.model_dump(mode="python")),
        id=entry.id,
        created=entry.created,
        updated=entry.updated,
    )
    assert again == entry


def test_unknown_keys_of_an_unchanged_action_are_kept():
    base = {"prepare": {"actions": [{"text": "Call Jo", "done": False, "colour": "teal"}]}}
    data = data_from_values({"prepare.actions": "[x] Call Jo"}, base)
    assert data["prepare"]["actions"] == [{"text": "Call Jo", "done": True, "colour": "teal"}]


def test_is_blank():
    assert is_blank({"a": "", "b": None, "c": [], "d": "  \n"})
    assert not is_blank({"a": " x"})
    assert not is_blank({"r": 0}), "a rating of 0 is an answer"
    assert not is_blank({"m": ["timing"]})


def test_markdown_is_the_same_from_form_values_and_from_a_saved_entry():
    entry = build_entry(SAMPLES[0], id="ab" * 16, created=FIXED_NOW, updated=FIXED_NOW)
    from_entry = render_markdown(entry_to_data(entry))
    from_form = render_markdown(data_from_values(values_from_data(entry_to_data(entry))))
    assert from_entry == from_form
    assert from_entry.startswith("# Northwind Labs, Backend engineer\n")
    assert "After the final round · heard 2026-11-24 · by email · tags: python, remote" in (
        from_entry
    )
    assert "## 2 Learn from it" in from_entry
    assert "- [ ] Email Sam at TalentBridge by 2026-11-27" in from_entry
    assert "- [x] Mock system design with Jo" in from_entry
    assert "75 of 100" in from_entry


def test_empty_panels_say_so_kindly():
    page = render_markdown({"about": {"company": "Globex"}})
    assert page.count("Nothing written here yet. That's fine.") == 3


def test_user_text_cannot_become_markup():
    assert escape("# a *b* _c_ <d>") == "\\# a \\*b\\* \\_c\\_ \\<d\\>"
    assert escape("- x\n1. y\n> z") == "\\- x\n1\\. y\n\\> z"
    page = render_markdown({"about": {"company": "A"}, "personal": {"what_happened": "# Big"}})
    assert "\\# Big" in page


def test_entities_and_indented_lines_stay_as_typed():
    assert escape("&amp; &copy;") == "\\&amp; \\&copy;"
    page = render_markdown(
        {"about": {"company": "A"}, "personal": {"what_happened": "one\n\n    not code"}}
    )
    assert "one  \n  \nnot code" in page  # four spaces after a blank line would be code
