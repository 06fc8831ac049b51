"""Every word the reflection asks: panel titles, prompt labels, hints and choices.

This is the one place the questions live. The entry model, the session screen and the
Markdown rendering all read from it, so a prompt is renamed here and nowhere else.
Nothing in this module imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

PromptKind = Literal[
    "line", "text", "lines", "tags", "choice", "multi", "rating", "date", "actions", "feelings"
]


class Stage(StrEnum):
    NO_RESPONSE = "no_response"
    AFTER_APPLYING = "rejected_after_applying"
    PHONE_SCREEN = "after_phone_screen"
    INTERVIEW = "after_interview"
    FINAL_ROUND = "after_final_round"
    OFFER_WITHDRAWN = "offer_withdrawn"
    OTHER = "other"


#: The stages after which the person has talked with the company (a letter asks for
#: feedback on the interviews, not the application; the demo writes of interviews).
INTERVIEWED = frozenset(
    {Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND, Stage.OFFER_WITHDRAWN}
)


#: Turned down or not answered before any conversation: step 2 asks about targeting (did
#: the application answer what they asked for, and how you applied), not interviews.
APPLICATION = frozenset({Stage.NO_RESPONSE, Stage.AFTER_APPLYING})

#: Stages that may be anything: every prompt is asked after them.
_ANY = frozenset({Stage.OTHER})

#: Asked after the application stages (and "something else").
AFTER_APPLICATION = APPLICATION | _ANY
#: Asked after a conversation about the role: a screen or interviews.
AFTER_TALKING = frozenset({Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND}) | _ANY
#: Asked after every stage but a withdrawn offer (which has a short path of its own).
NOT_WITHDRAWN = frozenset(Stage) - {Stage.OFFER_WITHDRAWN}


class Channel(StrEnum):
    EMAIL = "email"
    CALL = "call"
    PORTAL = "portal"
    SILENCE = "silence"
    OTHER = "other"


class ThinkingTrap(StrEnum):
    PERSONALISING = "taking_it_personally"
    OVERGENERALISING = "overgeneralising"
    CATASTROPHISING = "catastrophising"
    MIND_READING = "mind_reading"
    ALL_OR_NOTHING = "all_or_nothing"
    FORTUNE_TELLING = "fortune_telling"
    DISCOUNTING = "discounting_the_positive"
    LABELLING = "labelling"


class Feeling(StrEnum):
    """A short list of feelings to name on step 1; a person may add their own words."""

    DISAPPOINTED = "disappointed"
    HURT = "hurt"
    EMBARRASSED = "embarrassed"
    ANGRY = "angry"
    ANXIOUS = "anxious"
    TIRED = "tired"
    NUMB = "numb"
    RELIEVED = "relieved"


class OtherReason(StrEnum):
    MANY_APPLICANTS = "many_applicants"
    MORE_EXPERIENCE = "more_experience"
    INTERNAL_CANDIDATE = "internal_candidate"
    ROLE_CHANGED = "role_changed_or_closed"
    TIMING = "timing"


class FeedbackStatus(StrEnum):
    NOT_ASKED = "not_asked"
    ASKED = "asked"
    RECEIVED = "received"
    NO_REPLY = "no_reply"


class SuccessSource(StrEnum):
    NETWORKING = "networking_contact"
    RECRUITER = "recruiter"
    REFERRAL = "referral"
    DIRECT = "direct_application"
    OTHER = "other"


CHOICE_LABELS: dict[type[StrEnum], dict[str, str]] = {
    Stage: {
        Stage.NO_RESPONSE: "No response to an application",
        Stage.AFTER_APPLYING: "Turned down after applying",
        Stage.PHONE_SCREEN: "After a phone screen",
        Stage.INTERVIEW: "After an interview",
        Stage.FINAL_ROUND: "After the final round",
        Stage.OFFER_WITHDRAWN: "Offer withdrawn",
        Stage.OTHER: "Something else",
    },
    Channel: {
        Channel.EMAIL: "Email",
        Channel.CALL: "A call",
        Channel.PORTAL: "Job portal",
        Channel.SILENCE: "Silence",
        Channel.OTHER: "Some other way",
    },
    ThinkingTrap: {
        ThinkingTrap.PERSONALISING: "Taking it personally: it went wrong because of me",
        ThinkingTrap.OVERGENERALISING: "Overgeneralising: this always happens to me",
        ThinkingTrap.CATASTROPHISING: "Catastrophising: this ruins everything",
        ThinkingTrap.MIND_READING: "Mind reading: I know what they thought of me",
        ThinkingTrap.ALL_OR_NOTHING: "All-or-nothing: if it wasn't perfect, it was a failure",
        ThinkingTrap.FORTUNE_TELLING: "Fortune telling: I know it will go the same way next time",
        ThinkingTrap.DISCOUNTING: "Discounting the positive: getting that far doesn't count",
        ThinkingTrap.LABELLING: "Labelling: one no makes me a failure",
    },
    Feeling: {
        Feeling.DISAPPOINTED: "Disappointed",
        Feeling.HURT: "Hurt",
        Feeling.EMBARRASSED: "Embarrassed",
        Feeling.ANGRY: "Angry",
        Feeling.ANXIOUS: "Anxious",
        Feeling.TIRED: "Tired",
        Feeling.NUMB: "Numb",
        Feeling.RELIEVED: "Relieved",
    },
    OtherReason: {
        OtherReason.MANY_APPLICANTS: "A lot of people applied",
        OtherReason.MORE_EXPERIENCE: "Someone had more experience",
        OtherReason.INTERNAL_CANDIDATE: "They had an internal candidate in mind",
        OtherReason.ROLE_CHANGED: "The role changed or closed",
        OtherReason.TIMING: "Timing: budget, a freeze, a reshuffle",
    },
    FeedbackStatus: {
        FeedbackStatus.NOT_ASKED: "Not asked yet",
        FeedbackStatus.ASKED: "Asked, waiting",
        FeedbackStatus.RECEIVED: "Received",
        FeedbackStatus.NO_REPLY: "Asked, no reply",
    },
    SuccessSource: {
        SuccessSource.NETWORKING: "A networking contact",
        SuccessSource.RECRUITER: "A recruiter",
        SuccessSource.REFERRAL: "A referral",
        SuccessSource.DIRECT: "Applying directly",
        SuccessSource.OTHER: "Something else",
    },
}


def choice_label(value: StrEnum | str) -> str:
    """The words shown for a stored choice value (the value itself if unknown)."""
    for labels in CHOICE_LABELS.values():
        if value in labels:
            return labels[value]
    return str(value)


@dataclass(frozen=True)
class Prompt:
    """One question on a panel, stored at `path` (dotted, e.g. ``about.company``)."""

    path: str
    kind: PromptKind
    label: str
    hint: str
    choices: type[StrEnum] | None = None
    low: int = 0
    high: int = 100
    step: int = 5
    #: The stages this prompt is asked after; None asks it after every stage (and when
    #: no stage is chosen yet). A hidden prompt keeps whatever it already holds.
    stages: frozenset[Stage] | None = None

    def asked_after(self, stage: Stage | str | None) -> bool:
        """True if the prompt is asked when the chosen stage is `stage` (None: not chosen)."""
        return self.stages is None or stage is None or stage in self.stages


@dataclass(frozen=True)
class Panel:
    number: int
    key: str
    title: str
    intro: str
    prompts: tuple[Prompt, ...] = field(default_factory=tuple)
    #: What the step is for, in one line (the help screen).
    summary: str = ""


PANELS: tuple[Panel, ...] = (
    Panel(
        1,
        "personal",
        "Don't take it personally",
        "First say what happened and how it feels. Then look at it from the side.",
        (
            Prompt(
                "about.company",
                "line",
                "Company",
                "Who said no, e.g. Northwind Labs. 'unknown' is fine.",
            ),
            Prompt(
                "about.role", "line", "Role", "e.g. Staff nurse, Year 4 teacher, Backend engineer"
            ),
            Prompt(
                "about.stage", "choice", "Where it ended", "How far you got before the no.", Stage
            ),
            Prompt(
                "about.news_date",
                "date",
                "When you heard",
                "e.g. 2026-11-24. Leave it empty if it was silence.",
            ),
            Prompt(
                "about.channel",
                "choice",
                "How it came",
                "An email, a call, a portal update, or nothing at all.",
                Channel,
            ),
            Prompt(
                "about.tags",
                "tags",
                "Tags",
                "Words to find it by later, split by commas, e.g. remote, fintech",
            ),
            Prompt(
                "personal.what_happened",
                "text",
                "What happened",
                "Just the facts, e.g. A two-line email three days after the final round.",
            ),
            Prompt(
                "personal.sting_before",
                "rating",
                "How much it stings right now",
                "0 is not at all, 100 is as bad as it gets.",
            ),
            Prompt(
                "personal.feelings",
                "feelings",
                "What you feel",
                "Tick any that fit (space), add your own words, then say how strong each is.",
                Feeling,
                step=10,
            ),
            Prompt(
                "personal.recurring_thought",
                "text",
                "The thought that keeps coming back",
                "In your own words, e.g. I'll never get past a final round.",
            ),
            Prompt(
                "personal.evidence_for",
                "text",
                "What seems to back the thought",
                "Facts only, e.g. Three schools turned me down this term.",
            ),
            Prompt(
                "personal.evidence_against",
                "text",
                "What doesn't fit it",
                "e.g. Two of them asked me in for a trial lesson. My mentor rates my planning.",
            ),
            Prompt(
                "personal.traps",
                "multi",
                "Thinking traps you notice",
                "Pick any that fit. None is fine too.",
                ThinkingTrap,
            ),
            Prompt(
                "personal.reasons",
                "multi",
                "Reasons that may have nothing to do with you",
                "Hiring has many moving parts you never see.",
                OtherReason,
            ),
            Prompt(
                "personal.other_reasons",
                "text",
                "Any other reason",
                "e.g. They wanted someone in another time zone.",
            ),
            Prompt(
                "personal.balanced_thought",
                "text",
                "What would you tell a friend?",
                "A kinder, fairer version of it, e.g. Reaching the final round means I was close.",
            ),
            Prompt(
                "personal.belief",
                "rating",
                "How much you believe that kinder thought",
                "0 is not at all, 100 is completely. Part of the way is an honest answer.",
                step=10,
            ),
        ),
        summary=(
            "say what happened, how it stings and what you feel; weigh the thought that keeps "
            "coming back, then look at the reasons that may have nothing to do with you."
        ),
    ),
    Panel(
        2,
        "learn",
        "Learn from it",
        "A short look back, so the next try goes better.",
        (
            Prompt(
                "learn.prepare_better",
                "text",
                "What you could prepare better",
                "e.g. Bring a second example of calming an upset parent. Practise the "
                "site-safety questions out loud.",
                stages=AFTER_TALKING,
            ),
            Prompt(
                "learn.unready_questions",
                "lines",
                "Questions you weren't ready for",
                "One per line, e.g. Tell us about a shift that went wrong.",
                stages=AFTER_TALKING,
            ),
            Prompt(
                "learn.targeting",
                "text",
                "What they asked for, and where your application showed it",
                "Their top two or three needs, and the line that answers each, e.g. Night "
                "shifts: not mentioned. Stock control: second line of my CV.",
                stages=AFTER_APPLICATION,
            ),
            Prompt(
                "about.applied_via",
                "choice",
                "How you applied this time",
                "Straight to them, through someone you know, a referral or a recruiter.",
                SuccessSource,
                stages=AFTER_APPLICATION,
            ),
            Prompt(
                "learn.fit",
                "rating",
                "How well you fit the role",
                "1 is a stretch, 5 is a close match.",
                low=1,
                high=5,
                step=1,
                stages=NOT_WITHDRAWN,
            ),
            Prompt(
                "learn.fit_notes",
                "text",
                "About the fit",
                "e.g. Strong on ward experience, light on paediatrics.",
                stages=NOT_WITHDRAWN,
            ),
            Prompt(
                "learn.skills",
                "lines",
                "Skills, courses or certifications to pursue",
                "One per line, e.g. Forklift licence, a first-aid refresher, Excel pivot tables",
                stages=NOT_WITHDRAWN,
            ),
            Prompt(
                "learn.feedback.status",
                "choice",
                "Feedback from them",
                "Asking is fine. So is not asking.",
                FeedbackStatus,
            ),
            Prompt(
                "learn.feedback.date", "date", "When you asked or heard back", "e.g. 2026-11-25"
            ),
            Prompt(
                "learn.feedback.said",
                "text",
                "What they said",
                "e.g. A close call; the other teacher had taught the exam class before.",
            ),
            Prompt(
                "learn.past_successes.sources",
                "multi",
                "How you landed roles before",
                "What opened the door last time?",
                SuccessSource,
            ),
            Prompt(
                "learn.past_successes.reuse",
                "text",
                "What to reuse from those wins",
                "e.g. Ask Priya again: her referral got me my last role.",
            ),
        ),
        summary=(
            "after an application: what they asked for and how you applied; after "
            "interviews: what to prepare and the questions you weren't ready for; skills to "
            "build, feedback, and what worked before."
        ),
    ),
    Panel(
        3,
        "prepare",
        "Prepare next",
        "Small, concrete steps. Doing beats dwelling.",
        (
            Prompt(
                "prepare.actions",
                "actions",
                "Next actions",
                "One per line. End with 'by 2026-12-01' for a due date; start with [x] when done.",
            ),
            Prompt(
                "prepare.pipeline",
                "lines",
                "Still in the pipeline",
                "Open applications and interviews, one per line, e.g. Globex: phone screen Tuesday",
            ),
            Prompt(
                "prepare.people",
                "lines",
                "People to reach out to",
                "One per line, e.g. Sam Ortiz, recruiter at TalentBridge",
            ),
            Prompt(
                "prepare.carry_forward",
                "line",
                "A line to carry forward",
                "e.g. Every no narrows the search.",
            ),
            Prompt(
                "prepare.sting_after",
                "rating",
                "How much it stings now",
                "After writing this. Any number is an honest one.",
            ),
        ),
        summary="a few small next actions, what is still open, and people to reach out to.",
    ),
)

PROMPTS: dict[str, Prompt] = {p.path: p for panel in PANELS for p in panel.prompts}


def step_prompts(panel: Panel, stage: Stage | str | None = None) -> tuple[Prompt, ...]:
    """The prompts a step asks, in order, when the chosen stage is `stage`."""
    return tuple(prompt for prompt in panel.prompts if prompt.asked_after(stage))


#: Where the answers to the person's own prompts are kept: ``own.<key>`` in the form, an
#: ``[[own]]`` table in the file.
OWN_PREFIX = "own."


@dataclass(frozen=True)
class OwnPrompt:
    """A question the person added in settings (``[[prompts]]``), asked on step `step`."""

    key: str
    step: int
    label: str
    hint: str = ""
    #: A long answer (a box of lines), else one line.
    long: bool = False

    @property
    def path(self) -> str:
        return OWN_PREFIX + self.key

    @property
    def prompt(self) -> Prompt:
        return Prompt(self.path, "text" if self.long else "line", self.label, self.hint)


def panel_of(path: str) -> Panel | None:
    """The panel a prompt path belongs to (prefix match, so nested errors map too)."""
    if path.startswith(OWN_PREFIX):
        return None  # own prompts: the session knows their steps
    for panel in PANELS:
        for prompt in panel.prompts:
            if path == prompt.path or path.startswith(prompt.path + "."):
                return panel
    return None


def prompt_for(path: str) -> Prompt | None:
    """The prompt a (possibly deeper, e.g. ``prepare.actions.0.due``) path belongs to."""
    best: Prompt | None = None
    for prompt in PROMPTS.values():
        if (path == prompt.path or path.startswith(prompt.path + ".")) and (
            best is None or len(prompt.path) > len(best.path)
        ):
            best = prompt
    return best
