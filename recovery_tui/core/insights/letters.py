"""The note to send after a no, shaped by the stage it came at, and the one follow-up to it.
No Textual here.

- After a phone screen, an interview or a final round: a feedback request with one narrow
  question about that stage.
- After silence: a short check-in (is the role still open?).
- After a no to an application: a short note with one question about the application.
- After an offer was withdrawn: a keep-in-touch note (no "what could I do better").

Every letter has a subject that says what the sender asks, one question, a line saying you'd
welcome future roles, and a sign-off with your name (the ``your_name`` setting, else a
placeholder to fill). Only the company, role, stage, contact name and the dates of the
feedback itself are used: nothing else the person wrote leaves the journal this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from recovery_tui.core.prompts import Stage

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry

#: The sign-off's name line when the ``your_name`` setting is unset: plain to see, to fill.
NAME_PLACEHOLDER = "[your name]"


class Kind(StrEnum):
    """Which letter fits a stage."""

    INTERVIEW = "interview"  # phone screen, interview, final round
    SILENCE = "silence"  # no response
    APPLICATION = "application"  # a no after applying, or a stage not noted
    WITHDRAWN = "withdrawn"  # an offer withdrawn


_KIND = {
    Stage.PHONE_SCREEN: Kind.INTERVIEW,
    Stage.INTERVIEW: Kind.INTERVIEW,
    Stage.FINAL_ROUND: Kind.INTERVIEW,
    Stage.NO_RESPONSE: Kind.SILENCE,
    Stage.OFFER_WITHDRAWN: Kind.WITHDRAWN,
}


def kind_of(entry: Entry) -> Kind:
    stage = entry.about.stage
    return _KIND.get(stage, Kind.APPLICATION) if stage else Kind.APPLICATION


@dataclass(frozen=True)
class _Names:
    role: str  # "" when not noted
    company: str  # "" when not noted or a placeholder such as "unknown"

    @property
    def the_role(self) -> str:
        """ "the Nurse role at Riverside", "the Nurse role", "the role at Riverside", "the role"."""
        role = f"the {self.role} role" if self.role else "the role"
        return f"{role} at {self.company}" if self.company else role

    @property
    def short(self) -> str:
        """For a subject line: "the Nurse role", else "the role at Riverside", "the role"."""
        if self.role:
            return f"the {self.role} role"
        return f"the role at {self.company}" if self.company else "the role"

    @property
    def offer(self) -> str:
        if self.role:
            return f"the {self.role} offer"
        return f"the offer from {self.company}" if self.company else "the offer"

    @property
    def at_company(self) -> str:
        return f" at {self.company}" if self.company else ""

    @property
    def with_company(self) -> str:
        """ "with Riverside" or "with you" for the future-roles line."""
        return f"with {self.company}" if self.company else "with you"


def _is_placeholder(company: str) -> bool:
    return company.strip().casefold() in {"", "unknown", "?", "-"}


def _names(entry: Entry) -> _Names:
    company = "" if _is_placeholder(entry.about.company) else entry.about.company.strip()
    return _Names(entry.about.role.strip(), company)


def _sentence(text: str) -> str:
    """`text` ending with one full stop ("at Seaglass Co." stays as it is)."""
    return text if text.endswith(".") else f"{text}."


#: The greeting line of a drafted letter, as `greeting` writes it.
GREETING = re.compile(r"Hi .*,|Hello,")


def greeting(contact: str) -> str:
    """The first line of a letter: to the contact by name, or to whoever reads it."""
    name = contact.strip()
    return f"Hi {name}," if name else "Hello,"


def sign_off(your_name: str) -> str:
    return your_name.strip() or NAME_PLACEHOLDER


@dataclass(frozen=True)
class Letter:
    subject: str
    opening: str  # thanks, or why you write
    question: str  # the one narrow question
    future: str  # you'd welcome future roles
    aside: str = ""  # after the question in the first letter only: "A line would help."
    lead: str = ""  # before `future` in the first letter only: "If it has, "


def _interview_question(stage: Stage | None) -> str:
    if stage == Stage.PHONE_SCREEN:
        return (
            "Was there one thing in our call that would have made a stronger case for the next"
            " round?"
        )
    if stage == Stage.FINAL_ROUND:
        return (
            "Was there one area where the person you chose was stronger, so I can work on it"
            " before my next final round?"
        )
    return "Was there one answer or one skill that would have made the difference?"


def _interview_subject(stage: Stage | None, names: _Names) -> str:
    if stage == Stage.PHONE_SCREEN:
        return f"A quick question after our call about {names.short}"
    if stage == Stage.FINAL_ROUND:
        return f"A quick question after the final round for {names.short}"
    return f"A quick question after my interview for {names.short}"


def letter(entry: Entry) -> Letter:
    """The parts of the first letter that fits the entry's stage."""
    names = _names(entry)
    future = f"I'd be glad to hear about future roles {names.with_company} that could fit."
    match kind_of(entry):
        case Kind.INTERVIEW:
            stage = entry.about.stage
            met = "speaking with me about" if stage == Stage.PHONE_SCREEN else "interviewing me for"
            return Letter(
                _interview_subject(stage, names),
                f"Thank you for {met} {names.the_role}, and for letting me know.",
                _interview_question(stage),
                future,
                "A line or two would help me a lot.",
            )
        case Kind.SILENCE:
            return Letter(
                f"Checking in on my application for {names.short}",
                f"I applied for {names.the_role} and wanted to check in.",
                "Is the role still open, or has it been filled?",
                future,
                lead="If it has, ",
            )
        case Kind.WITHDRAWN:
            return Letter(
                f"Staying in touch after {names.offer}",
                _sentence(f"Thank you for the time you and the team gave me for {names.the_role}")
                + " I understand that plans change.",
                "If the role opens again, would you be open to me getting back in touch?",
                f"I'd also be glad to hear about other roles {names.with_company} that could fit.",
            )
        case Kind.APPLICATION:
            return Letter(
                f"A quick question about my application for {names.short}",
                f"Thank you for considering my application for {names.the_role}, and for"
                " letting me know.",
                "Was there one thing in my application, such as a requirement it didn't show"
                " clearly, that kept it from going further?",
                future,
                "A line would help.",
            )


def _compose(subject: str, contact: str, body: list[str], your_name: str) -> str:
    lines = [f"Subject: {subject}", "", greeting(contact), ""]
    for paragraph in body:
        lines += [paragraph, ""]
    return "\n".join([*lines, "Thank you,", sign_off(your_name), ""])


def feedback_request(entry: Entry, contact: str = "", your_name: str = "") -> str:
    """The first letter for this entry's stage: a subject line, a blank line, the body,
    signed with `your_name` (a placeholder to fill when it is empty)."""
    parts = letter(entry)
    question = f"{parts.question} {parts.aside}" if parts.aside else parts.question
    body = [parts.opening, question, parts.lead + parts.future]
    return _compose(parts.subject, contact, body, your_name)


def follow_up_request(entry: Entry, contact: str = "", your_name: str = "") -> str:
    """The one gentle follow-up to a letter not answered: the same subject, the same
    question, and a clear end (no reply needed)."""
    parts = letter(entry)
    feedback = entry.learn.feedback
    asked = feedback.first_asked or feedback.date
    when = f"my note of {asked.day} {asked:%B}" if asked else "my earlier note"
    names = _names(entry)
    body = [
        _sentence(f"I'm following up on {when} about {names.the_role}")
        + " I know inboxes get busy.",
        f"If you have a moment, my question again: {parts.question}",
        "If now isn't a good time, no reply is needed, and I won't write again about it."
        f" Either way, {parts.future}",
    ]
    return _compose(f"Re: {parts.subject}", contact, body, your_name)
