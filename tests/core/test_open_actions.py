"""Open next actions: the same words from several reflections shown once with where they
came from, and old ones stepping aside from home (they stay on the list of all actions)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from recovery_tui.core.insights.open_actions import (
    OpenAction,
    grouped,
    is_stale,
    open_actions,
)
from tests.core.test_insights import TODAY, make


def action(text: str, company: str, *, written: date | None = TODAY, due: date | None = None):
    return OpenAction(Path(f"{company}.toml"), 0, text, due, False, company, written)


def test_the_same_words_from_several_reflections_are_one_group_in_order():
    found = [
        action("Update my CV", "Acme"),
        action("Call Sam", "Acme"),
        action("update my  CV.", "Birch"),
        action("Update my CV", "Cedar"),
        action("Update my CV", "Acme"),  # a second reflection about Acme: named once
    ]
    groups = grouped(found)
    assert [g.text for g in groups] == ["Update my CV", "Call Sam"]
    cv = groups[0]
    assert len(cv.actions) == 4 and cv.first is found[0]
    assert cv.companies == ["Acme", "Birch", "Cedar"]
    assert cv.where() == "Acme, Birch +1"
    assert groups[1].where() == "Acme"
    assert (
        grouped([action("Update my CV", "Acme"), action("Update my CV", "Birch")])[0].where()
        == "Acme, Birch"
    )


@pytest.mark.parametrize(
    ("written_ago", "due_ago", "stale"),
    [
        (30, None, False),  # exactly 30 days: still on home
        (31, None, True),
        (60, -5, False),  # written long ago but due in five days: still on home
        (60, 30, False),
        (60, 31, True),
        (None, None, False),  # unknown: never steps aside
    ],
)
def test_an_action_steps_aside_after_stale_days(written_ago, due_ago, stale):
    written = None if written_ago is None else TODAY - timedelta(days=written_ago)
    due = None if due_ago is None else TODAY - timedelta(days=due_ago)
    assert is_stale(action("x", "Acme", written=written, due=due), TODAY, 30) is stale


def test_open_actions_know_the_day_they_were_written():
    old = make("Old", days_ago=40, prepare={"actions": [{"text": "Ask Sam"}]})
    got = open_actions([old], TODAY)
    assert [a.written for a in got] == [TODAY - timedelta(days=40)]
    assert is_stale(got[0], TODAY, 30) and not is_stale(got[0], TODAY, 45)
