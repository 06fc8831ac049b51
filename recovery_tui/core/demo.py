"""Made-up reflections, for trying the app and for testing it at scale. No Textual here.

Everything comes from one seeded random generator, so the same ``(count, seed, now)`` gives
the same entries, ids included. Companies and people are invented; any match with a real
one is a coincidence. The words are written as the person keeping the journal would write
them: short, honest, sometimes blunt, sometimes kind to themselves.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from recovery_tui.core.demo_fields import (
    APPLICATION_LESSONS,
    APPLICATION_STAGES,
    APPLIED_VIA,
    GENERAL_ACTIONS,
    GENERAL_LESSONS,
    INTERVIEW_ACTIONS,
    QUESTIONS,
    ROLES,
    TARGETING,
    Field,
    field_of,
    questions_for,
    skills_for,
)
from recovery_tui.core.demo_pick import Picker
from recovery_tui.core.demo_words import (
    AGENCIES,
    CARRY_FORWARD,
    CHANNEL_WEIGHTS,
    COMPANIES,
    EVENTS,
    EVIDENCE_AGAINST,
    EVIDENCE_FOR,
    FEEDBACK_SAID,
    FIRST_NAMES,
    FIT_NOTES,
    OTHER_REASONS,
    PIPELINE,
    REUSE,
    STAGE_WEIGHTS,
    STING_BASE,
    TAGS,
    WEEKDAYS,
    balanced_for,
    details_for,
    thoughts_for,
)
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.prompts import (
    INTERVIEWED,
    Channel,
    FeedbackStatus,
    Feeling,
    OtherReason,
    Stage,
    SuccessSource,
    ThinkingTrap,
)

#: Entries placed at fixed spots so that every stage, channel, feedback status, a long
#: entry and an almost empty one appear whenever there are at least this many entries.
_PLAN: tuple[dict[str, Any], ...] = (
    {"stage": Stage.NO_RESPONSE, "channel": Channel.SILENCE},
    {"stage": Stage.AFTER_APPLYING, "channel": Channel.PORTAL, "feedback": "not_asked"},
    {"stage": Stage.PHONE_SCREEN, "channel": Channel.CALL, "feedback": "no_reply"},
    {"stage": Stage.INTERVIEW, "channel": Channel.EMAIL, "feedback": "received"},
    {"stage": Stage.FINAL_ROUND, "channel": Channel.CALL, "kind": "long", "feedback": "asked"},
    {"stage": Stage.OFFER_WITHDRAWN, "channel": Channel.EMAIL},
    {"stage": Stage.OTHER, "channel": Channel.OTHER},
    {"kind": "empty"},
)

_KINDS = ("empty", "sparse", "full", "long")
_KIND_WEIGHTS = (4, 18, 66, 12)
_DENSITY = {"sparse": 0.35, "full": 1.0, "long": 1.0}


def span_days(count: int) -> float:
    """How far back the demo entries reach: a few weeks for a handful, ~3 years for 10,000."""
    return 7 + 110 * math.sqrt(max(count, 1) / 100)


class _Maker(Picker):
    """Builds one entry's form at a time from a shared random generator."""

    # the entry ---------------------------------------------------------------------------

    def form(self, created: datetime, updated: datetime, plan: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        kind = plan.get("kind") or rng.choices(_KINDS, weights=_KIND_WEIGHTS)[0]
        if "stage" in plan and kind == "empty":
            kind = "full"
        company = "unknown" if self.chance(0.02) else rng.choice(COMPANIES)
        if kind == "empty":
            return {"about": {"company": company}}
        density = _DENSITY[kind]
        long = kind == "long"

        def maybe(probability: float) -> bool:
            return self.chance(probability * density)

        role = rng.choice(ROLES)
        field = field_of(role)
        context: dict[str, Any] = {
            "field": field,
            "company": "the company" if company == "unknown" else company,
            "other": rng.choice(COMPANIES),
            "role_lower": role[0].lower() + role[1:],
            "agency": rng.choice(AGENCIES),
            "person_first": rng.choice(FIRST_NAMES),
            "weekday": rng.choice(WEEKDAYS),
            "days": rng.randint(2, 14),
            "weeks": rng.randint(2, 8),
            "hours": rng.randint(2, 20),
        }

        stage: Stage | None = plan.get("stage")
        if stage is None and (long or self.chance(0.95)):
            stage = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0]
        channel: Channel | None = plan.get("channel")
        if channel is None and stage is not None and self.chance(0.9):
            weights = CHANNEL_WEIGHTS[stage]
            channel = rng.choices(list(weights), weights=list(weights.values()))[0]
        news_date: date | None = None
        if channel is not Channel.SILENCE or self.chance(0.5):
            news_date = created.date() - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 4)))

        about: dict[str, Any] = {"company": company}
        if "stage" in plan or long or self.chance(0.85):
            about["role"] = role
        about.update(stage=stage, channel=channel, news_date=news_date)
        if stage is not None and maybe(0.7 if stage in APPLICATION_STAGES else 0.45):
            via = list(APPLIED_VIA.values())
            about["applied_via"] = rng.choices(list(APPLIED_VIA), weights=via)[0]
        if maybe(0.5):
            about["tags"] = self.pick_many(TAGS, 1, 3)

        personal: dict[str, Any] = {}
        if stage is not None and (long or maybe(0.85)):
            event = self.pick(EVENTS[stage], **context)
            if long:
                event = self.paragraphs(event, details_for(stage), 2, 4, **context)
            personal["what_happened"] = event
        sting_before: int | None = None
        if long or maybe(0.85):
            sting_before = self.sting(STING_BASE.get(stage or Stage.OTHER, 50))
            personal["sting_before"] = sting_before
        if sting_before is not None and maybe(0.6):
            names = self.pick_many(list(Feeling), 1, 3)
            personal["feelings"] = [
                {"name": name, "strength": self.sting(sting_before)} for name in names
            ]
        if maybe(0.6):
            personal["recurring_thought"] = rng.choice(thoughts_for(stage))
            if maybe(0.4):
                count = rng.randint(3, 9)
                personal["evidence_for"] = self.pick(EVIDENCE_FOR, count=count)
                personal["evidence_against"] = rng.choice(EVIDENCE_AGAINST)
        if maybe(0.55):
            personal["traps"] = self.pick_many(list(ThinkingTrap), 1, 3)
        if maybe(0.6):
            personal["reasons"] = self.pick_many(list(OtherReason), 1, 3)
        if maybe(0.25):
            personal["other_reasons"] = rng.choice(OTHER_REASONS)
        if long or maybe(0.6):
            personal["balanced_thought"] = rng.choice(balanced_for(stage))
            if maybe(0.5):
                personal["belief"] = rng.choice((40, 50, 60, 60, 70, 70, 80, 90))

        learn = self.learn(stage, news_date or created.date(), updated, plan, context, maybe, long)
        prepare = self.prepare(created, stage, sting_before, context, maybe, long)
        return {"about": about, "personal": personal, "learn": learn, "prepare": prepare}

    def learn(
        self,
        stage: Stage | None,
        heard: date,
        updated: datetime,
        plan: dict[str, Any],
        context: dict[str, Any],
        maybe: Any,
        long: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        interviewed = stage in INTERVIEWED
        field: Field = context["field"]
        learn: dict[str, Any] = {}
        if stage in APPLICATION_STAGES and (long or maybe(0.5)):
            need = rng.choice(field.requirements)
            learn["targeting"] = self.pick(TARGETING, need=need)
        # After an application or silence: lessons about applying, never interview ones.
        lessons = (
            [*field.lessons, *GENERAL_LESSONS] if interviewed or stage is None else
            list(APPLICATION_LESSONS)
        )  # fmt: skip
        if long or maybe(0.7 if interviewed else 0.35):
            first = self.deal(f"lessons-{interviewed}-{id(field)}", lessons)
            learn["prepare_better"] = self.paragraphs(first, lessons, 1, 3) if long else first
        if interviewed and (long or maybe(0.75)):
            pool, cumulative = questions_for(field)
            questions = self.pick_many(pool, 1, 4, cumulative)
            learn["unready_questions"] = [self.vary(question) for question in questions]
        if maybe(0.6):
            learn["fit"] = rng.choices((1, 2, 3, 4, 5), weights=(1, 3, 6, 6, 3))[0]
        if long or maybe(0.35):
            note = rng.choice(FIT_NOTES)
            learn["fit_notes"] = self.paragraphs(note, FIT_NOTES, 1, 2) if long else note
        if maybe(0.5):
            skill_pool, skill_weights = skills_for(field)
            learn["skills"] = self.pick_many(skill_pool, 1, 3, skill_weights)

        status: FeedbackStatus | None = None
        if "feedback" in plan:
            status = FeedbackStatus(plan["feedback"])
        elif maybe(0.7):
            weights = (40, 20, 20, 20) if interviewed else (75, 10, 5, 10)
            status = rng.choices(list(FeedbackStatus), weights=weights)[0]
        if status is not None:
            feedback: dict[str, Any] = {"status": status}
            if status is not FeedbackStatus.NOT_ASKED:
                latest = max(heard, updated.date())
                asked = min(heard + timedelta(days=rng.randint(0, 14)), latest)
                feedback["date"] = feedback["first_asked"] = asked
                if status is not FeedbackStatus.RECEIVED and self.chance(0.4):
                    followed = asked + timedelta(days=rng.randint(8, 12))
                    if followed <= self.today:
                        feedback["followed_up"] = followed
                        let_go = followed + timedelta(days=rng.randint(8, 20))
                        if status is FeedbackStatus.NO_REPLY and let_go <= self.today:
                            feedback["let_go"] = let_go
            if status is FeedbackStatus.RECEIVED:
                feedback["said"] = rng.choice(FEEDBACK_SAID)
            learn["feedback"] = feedback

        if maybe(0.4):
            sources = self.pick_many(list(SuccessSource), 1, 2)
            past: dict[str, Any] = {"sources": sources}
            if self.chance(0.6):
                past["reuse"] = self.pick(REUSE, **context)
            learn["past_successes"] = past
        return learn

    def prepare(
        self,
        created: datetime,
        stage: Stage | None,
        sting_before: int | None,
        context: dict[str, Any],
        maybe: Any,
        long: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        field: Field = context["field"]
        interviewed = stage in INTERVIEWED
        prepare: dict[str, Any] = {}
        people: list[str] = []
        if maybe(0.4):
            people = [self.person(context) for _ in range(rng.randint(1, 3))]
        if long or maybe(0.7):
            pool = [*field.actions, *GENERAL_ACTIONS]
            if interviewed:
                pool += INTERVIEW_ACTIONS
            else:
                pool = [text for text in pool if "{question}" not in text]
            actions = []
            key = f"actions-{interviewed}-{id(field)}"
            templates = {self.deal(key, pool) for _ in range(rng.randint(1, 3))}
            for template in sorted(templates):
                if "{person_first}" in template and not people:
                    people.append(self.person(context))
                # A person named in an action is among the people to reach out to.
                person = rng.choice(people).split(" ")[0] if people else ""
                questions, weights = questions_for(field)
                skills, skill_weights = skills_for(field)
                text = template.format(
                    **(context | {"person_first": person}),
                    question=rng.choices(questions, cum_weights=weights)[0],
                    skill=rng.choices(skills, cum_weights=skill_weights)[0],
                )
                action: dict[str, Any] = {"text": text}
                due: date | None = None
                if self.chance(0.5):
                    due = created.date() + timedelta(days=rng.randint(1, 21))
                    action["due"] = due
                if due is not None and due < self.today:
                    done = self.chance(0.6)
                elif due is None and (self.now - created).days > 14:
                    done = self.chance(0.45)
                else:
                    done = self.chance(0.15)
                action["done"] = done
                actions.append(action)
            prepare["actions"] = actions
        if maybe(0.45):
            prepare["pipeline"] = [
                self.pick(PIPELINE, **(context | {"other": rng.choice(COMPANIES)}))
                for _ in range(rng.randint(1, 3))
            ]
        if people:
            prepare["people"] = people
        if long or maybe(0.5):
            prepare["carry_forward"] = rng.choice(CARRY_FORWARD)
        if sting_before is not None and (long or maybe(0.8)):
            if self.chance(0.12):
                after = sting_before + rng.choice((0, 5, 10, 15))
            else:
                after = sting_before - rng.choice((5, 10, 15, 20, 25, 30, 40))
            prepare["sting_after"] = max(0, min(100, after))
        return prepare


def _plan_positions(count: int) -> dict[int, dict[str, Any]]:
    if count < len(_PLAN):
        return dict(enumerate(_PLAN[:count]))
    return {index * count // len(_PLAN): plan for index, plan in enumerate(_PLAN)}


def make_entries(count: int, *, seed: int = 0, now: datetime) -> Iterator[Entry]:
    """Yield `count` made-up entries, oldest first, all created at or before `now`.

    The same ``(count, seed, now)`` always gives the same entries. `now` must be
    timezone-aware; every timestamp is given in its timezone.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if count < 0:
        raise ValueError("count must be zero or more")
    rng = random.Random(seed)
    now_utc = now.astimezone(UTC)
    span = span_days(count) * 86400
    offsets = sorted((rng.random() * span for _ in range(count)), reverse=True)
    plans = _plan_positions(count)
    maker = _Maker(rng, now)
    for index, offset in enumerate(offsets):
        entry_id = f"{rng.getrandbits(128):032x}"
        created_utc = (now_utc - timedelta(seconds=offset)).replace(microsecond=0)
        roll = rng.random()
        if roll < 0.7:
            later = timedelta(minutes=rng.randint(2, 45))
        elif roll < 0.9:
            later = timedelta(days=rng.randint(1, 30), minutes=rng.randint(0, 600))
        else:
            later = timedelta(0)
        updated_utc = max(created_utc, min(created_utc + later, now_utc.replace(microsecond=0)))
        created = created_utc.astimezone(now.tzinfo)
        updated = updated_utc.astimezone(now.tzinfo)
        form = maker.form(created, updated, plans.get(index, {}))
        yield build_entry(form, id=entry_id, created=created, updated=updated)


def write_demo(journal: Journal, count: int, *, seed: int, now: datetime) -> list[Path]:
    """Write `count` made-up entries into `journal` (not fsynced: throwaway data)."""
    journal.ensure()
    return [journal.save(entry, durable=False) for entry in make_entries(count, seed=seed, now=now)]


__all__ = ["QUESTIONS", "make_entries", "span_days", "write_demo"]
