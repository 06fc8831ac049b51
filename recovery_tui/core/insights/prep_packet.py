"""The prep packet: one Markdown page for the next interview (questions to practise,
skills to build, next actions, people, what worked before). No Textual here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recovery_tui.core.insights.learnt import (
    STAGE_SUGGESTS,
    Learnt,
    counts_line,
    fit_sentence,
    learnt,
    routes_suggestion,
    stage_name,
)
from recovery_tui.core.insights.open_actions import OpenAction, open_actions
from recovery_tui.core.insights.pairs import Pair, distinct_by_key, newest_first
from recovery_tui.core.insights.practice_bank import Question, Skill, practice_bank, skill_plan
from recovery_tui.core.render import escape

_SKILL_STATUS = {"to_do": "to do", "in_progress": "in progress", "done": "done"}


_STATUS_ORDER = {"in_progress": 0, "to_do": 1, "done": 2}


_EMPTY = "Nothing here yet."


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _more(lines: list[str], total: int, shown: int) -> None:
    if total > shown:
        lines.append(f"- and {total - shown} more")


#: How many items of each list a prep packet shows (the index keeps that many).
PREP_LIMIT = 10


@dataclass(frozen=True)
class PrepParts:
    """What a prep packet is made of: the whole practice bank and skill plan, and the first
    items (up to the packet's limit) of the other lists, with how many there are in all."""

    bank: list[Question]
    plan: list[Skill]
    actions: list[OpenAction]
    action_count: int
    people: list[str]  # distinct (as `question_key` sees them), newest first
    people_count: int
    wins: list[str]  # distinct "what worked before", newest first
    win_count: int
    learnt: Learnt = field(default_factory=Learnt)  # what was learnt, given back


def prep_parts(entries: Iterable[Pair], today: date, limit: int = PREP_LIMIT) -> PrepParts:
    pairs = newest_first(entries)
    actions = open_actions(pairs, today)
    people = distinct_by_key(person for _, entry in pairs for person in entry.prepare.people)
    wins = distinct_by_key(
        entry.learn.past_successes.reuse for _, entry in pairs if entry.learn.past_successes.reuse
    )
    return PrepParts(
        practice_bank(pairs),
        skill_plan(pairs),
        actions[:limit],
        len(actions),
        people[:limit],
        len(people),
        wins[:limit],
        len(wins),
        learnt(pairs),
    )


def prep_packet(
    entries: Iterable[Pair], today: date, practice_state: Any, *, limit: int = PREP_LIMIT
) -> str:
    """One Markdown page for the next interview. `practice_state` is a
    `practice.PracticeState` (anything with ``questions`` and ``skills`` mappings)."""
    return write_prep(prep_parts(entries, today, limit), today, practice_state, limit=limit)


def write_prep(
    parts: PrepParts, today: date, practice_state: Any, *, limit: int = PREP_LIMIT
) -> str:
    """The prep packet of `parts` (cut to at least `limit` items each)."""
    questions_state = getattr(practice_state, "questions", {}) or {}
    skills_state = getattr(practice_state, "skills", {}) or {}
    lines = ["# Ready for the next one", "", f"Made on {today.isoformat()}.", ""]

    lines += ["## Questions to practise", ""]
    bank = parts.bank

    def practised(question: Question) -> bool:
        state = questions_state.get(question.key)
        return bool(state is not None and state.practised)

    for number, question in enumerate(bank[:limit], start=1):
        state = questions_state.get(question.key)
        mark = " (practised)" if practised(question) else ""
        companies = ", ".join(escape(company) for company in question.companies[:3])
        lines.append(f"{number}. {escape(question.text)}{mark}")
        lines.append(
            f"   Came up {_times(question.count)}, last on {question.last_seen.isoformat()}"
            f" ({companies})."
        )
        sketch = state.sketch.strip() if state is not None else ""
        if sketch:
            lines.append("   Your sketch: " + "  \n   ".join(escape(s) for s in sketch.split("\n")))
        star = state.star() if state is not None and hasattr(state, "star") else []
        if star:
            lines.append("   Your STAR sketch:")
            lines += [f"   - {label}: {_one_line(text)}" for label, text in star]
    if not bank:
        lines.append(_EMPTY)
    elif len(bank) > limit:
        lines += ["", f"And {len(bank) - limit} more in the practice bank."]
    lines.append("")

    lines += ["## Skills to build", ""]
    plan = parts.plan

    def status(skill: Skill) -> str:
        state = skills_state.get(skill.key)
        return state.status if state is not None else "to_do"

    open_skills = sorted(
        (skill for skill in plan if status(skill) != "done"),
        key=lambda skill: _STATUS_ORDER.get(status(skill), 1),
    )
    for skill in open_skills[:limit]:
        label = _SKILL_STATUS.get(status(skill), "to do")
        lines.append(f"- {escape(skill.text)}: {label} (came up {_times(skill.count)})")
    _more(lines, len(open_skills), limit)
    done = len(plan) - len(open_skills)
    if not plan:
        lines.append(_EMPTY)
    elif done:
        lines += ["", f"Done already: {done}."]
    lines.append("")

    lines += ["## Next actions", ""]
    actions = parts.actions
    for action in actions[:limit]:
        when = ""
        if action.due is not None:
            day = action.due.isoformat()
            when = f" (was due {day})" if action.overdue else f" (by {day})"
        lines.append(f"- [ ] {escape(action.text)}{when} — {escape(action.company)}")
    _more(lines, parts.action_count, limit)
    if not actions:
        lines.append(_EMPTY)
    lines.append("")

    lines += ["## People to reach out to", ""]
    people = parts.people
    lines += [f"- {escape(person)}" for person in people[:limit]]
    _more(lines, parts.people_count, limit)
    if not people:
        lines.append(_EMPTY)
    lines.append("")

    lines += ["## What worked before", ""]
    reuse = parts.wins
    for text in reuse[:limit]:
        lines.append("- " + "  \n  ".join(escape(part) for part in text.split("\n")))
    _more(lines, parts.win_count, limit)
    if not reuse:
        lines.append(_EMPTY)
    lines.append("")
    lines += learnt_section(parts.learnt)
    return "\n".join(line for line in _squeeze(lines)) + "\n"


def learnt_section(found: Learnt) -> list[str]:
    """What the nos taught, given back: stages, feedback, fit and the ways in."""
    lines = ["## What the nos taught you", "", "### Where they came", ""]
    for stage, count in found.by_stage:
        lines.append(f"- {stage_name(stage)}: {count}")
        if stage in STAGE_SUGGESTS:
            lines.append(f"  {STAGE_SUGGESTS[stage]}")
    if not found.by_stage:
        lines.append(_EMPTY)
    lines += ["", "### What they told you", ""]
    for said in found.feedback:
        words = "  \n  ".join(escape(part) for part in said.text.split("\n"))
        lines.append(f"- {words} ({escape(said.company)}, {said.day.isoformat()})")
    _more(lines, found.feedback_count, len(found.feedback))
    if not found.feedback:
        lines.append("No feedback recorded yet. What they say goes on step 2.")
    lines += ["", "### How well the roles fitted", "", fit_sentence(found), ""]
    lines += ["### How you found roles, and how you apply now", ""]
    lines.append(f"- Before: {counts_line(found.found_before) or 'not noted yet'}")
    lines.append(f"- Now: {counts_line(found.applied_now) or 'not noted yet'}")
    suggestion = routes_suggestion(found)
    if suggestion:
        lines += ["", suggestion]
    lines.append("")
    return lines


def _one_line(text: str) -> str:
    return "  \n     ".join(escape(part) for part in text.split("\n"))


def _squeeze(lines: list[str]) -> list[str]:
    """No two blank lines in a row, none at the end."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
