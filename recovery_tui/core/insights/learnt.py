"""What was learnt, given back: the nos by stage and what each stage suggests working on, the
feedback people recorded, the fit ratings added up, and how roles were found before against
how the person applies now. Numbers and the app's own suggestions; no Textual here.

The index gives the same values from its sums (`index.summary.InsightQueries.learnt`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from recovery_tui.core.insights.pairs import Pair, entry_date, newest_first
from recovery_tui.core.prompts import Stage, SuccessSource, choice_label
from recovery_tui.core.textkey import question_key

#: How many pieces of feedback are listed (the index keeps that many).
FEEDBACK_LIMIT = 10

#: The stage key used for reflections without a stage (as `progress.NO_STAGE`).
NO_STAGE = "not_set"

#: What a no at each stage suggests working on, in the app's own words.
STAGE_SUGGESTS: dict[str, str] = {
    Stage.NO_RESPONSE: (
        "Silence is the most common answer. Check that the first lines of your CV answer "
        "their top three requirements, and try a warm route in: a contact or a recruiter."
    ),
    Stage.AFTER_APPLYING: (
        "A no before any talk is about the paper. Match the CV's first half to the advert's "
        "words, and apply where you meet most of what they ask."
    ),
    Stage.PHONE_SCREEN: (
        "A short call is about the basics. Practise a two-minute story of your work, and "
        "have your pay range and notice period ready."
    ),
    Stage.INTERVIEW: (
        "Interviews test examples. Prepare a STAR sketch for the questions that caught you "
        "out, and one question of your own about the team."
    ),
    Stage.FINAL_ROUND: (
        "Reaching the last round means they saw a fit. Ask what tipped it, and keep in "
        "touch: the next opening may be yours."
    ),
    Stage.OFFER_WITHDRAWN: (
        "An offer pulled back is rarely about you: budgets and plans change. Keep the "
        "contact warm and keep other applications going until a contract is signed."
    ),
    Stage.OTHER: "Look at what these have in common, and pick one thing to try next time.",
}

#: Ways in that go through a person rather than a form.
THROUGH_PEOPLE = frozenset(
    {SuccessSource.NETWORKING, SuccessSource.RECRUITER, SuccessSource.REFERRAL}
)

#: What to try when an earlier role came one way and the person now applies another.
SOURCE_SUGGESTS: dict[str, str] = {
    SuccessSource.NETWORKING: (
        "A contact helped you into a role before. This week, tell two people you know "
        "what kind of work you're looking for."
    ),
    SuccessSource.RECRUITER: (
        "A recruiter found you a role before. Get back in touch with one, or find one who "
        "works in your field, and send them your CV."
    ),
    SuccessSource.REFERRAL: (
        "A referral got you in before. Ask someone at a place you'd like to work whether "
        "they would pass your name on."
    ),
    SuccessSource.DIRECT: (
        "Your own applications worked before. Keep sending a few each week alongside the "
        "other routes."
    ),
}


@dataclass(frozen=True)
class Said:
    """One piece of feedback: the words recorded, where and when."""

    text: str
    company: str
    day: date


@dataclass(frozen=True)
class Learnt:
    by_stage: tuple[tuple[str, int], ...] = ()  # stage value (or NO_STAGE), most first
    feedback: tuple[Said, ...] = ()  # distinct, newest first, up to FEEDBACK_LIMIT
    feedback_count: int = 0  # distinct pieces in all
    fit: tuple[int, ...] = (0, 0, 0, 0, 0)  # how many rated the fit 1, 2, 3, 4, 5
    found_before: dict[str, int] = field(default_factory=dict)  # source -> entries, most first
    applied_now: dict[str, int] = field(default_factory=dict)  # applied_via -> entries

    @property
    def fit_count(self) -> int:
        return sum(self.fit)

    @property
    def fit_total(self) -> int:
        return sum(rating * count for rating, count in enumerate(self.fit, start=1))


def by_count(counts: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Most first; ties in the order of the choices (stages, sources) for a steady page."""
    order = {value: n for n, value in enumerate([*Stage, *SuccessSource, NO_STAGE])}
    return tuple(sorted(counts, key=lambda item: (-item[1], order.get(item[0], 99), item[0])))


def learnt(entries: Iterable[Pair], limit: int = FEEDBACK_LIMIT) -> Learnt:
    stages: Counter[str] = Counter()
    fit = [0] * 5
    before: Counter[str] = Counter()
    now: Counter[str] = Counter()
    said: list[Said] = []
    seen: set[str] = set()
    for _, entry in newest_first(entries):
        stages[entry.about.stage.value if entry.about.stage is not None else NO_STAGE] += 1
        if entry.learn.fit is not None:
            fit[entry.learn.fit - 1] += 1
        before.update(source.value for source in entry.learn.past_successes.sources)
        if entry.about.applied_via is not None:
            now[entry.about.applied_via.value] += 1
        text = entry.learn.feedback.said
        key = question_key(text)
        if key and key not in seen:
            seen.add(key)
            said.append(Said(text, entry.about.company, entry_date(entry)))
    return Learnt(
        by_count(stages.items()),
        tuple(said[:limit]),
        len(said),
        tuple(fit),
        dict(by_count(before.items())),
        dict(by_count(now.items())),
    )


# -- the words --------------------------------------------------------------------------


def stage_name(stage: str) -> str:
    return "No stage given" if stage == NO_STAGE else choice_label(stage)


def fit_sentence(found: Learnt) -> str:
    """The fit ratings added up, each count shown so that they sum to the total given."""
    if not found.fit_count:
        return "Rate how well a role fitted you on step 2, and the ratings add up here."
    noun = "reflection" if found.fit_count == 1 else "reflections"
    counts = ", ".join(
        f"{rating} of 5: {count}" for rating, count in enumerate(found.fit, start=1) if count
    )
    average = found.fit_total / found.fit_count
    return (
        f"You rated the fit in {found.fit_count:,} {noun} ({counts}). "
        f"On average {average:.1f} of 5."
    )


def top(counts: dict[str, int]) -> str | None:
    """The most common value, if one leads (None for none or a tie at the top)."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def routes_suggestion(found: Learnt) -> str | None:
    """The concrete suggestion when roles came one way before and the person applies
    another way now; None when they match or either is unknown."""
    before, now = top(found.found_before), top(found.applied_now)
    if before is None or now is None or before == now or before not in SOURCE_SUGGESTS:
        return None
    if before in THROUGH_PEOPLE and now in THROUGH_PEOPLE:
        return None  # both through people: close enough
    return SOURCE_SUGGESTS[before]


def counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{choice_label(value)} {count}" for value, count in counts.items())
