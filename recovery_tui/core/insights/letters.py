"""A feedback request and a follow-up note, drafted from the company, role and contact
name only. No Textual here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from recovery_tui.core.prompts import INTERVIEWED

if TYPE_CHECKING:
    from recovery_tui.core.models import Entry


def _is_placeholder(company: str) -> bool:
    return company.strip().casefold() in {"", "unknown", "?", "-"}


def _request_parts(entry: Entry, contact: str) -> tuple[str, str, str]:
    """The subject, what it was about ("the X role at Y") and the greeting of a request."""
    company = "" if _is_placeholder(entry.about.company) else entry.about.company.strip()
    role = entry.about.role.strip()
    if role and company:
        subject, what = f"Feedback on the {role} role", f"the {role} role at {company}"
    elif role:
        subject, what = f"Feedback on the {role} role", f"the {role} role"
    elif company:
        subject, what = f"Feedback on my application to {company}", f"the role at {company}"
    else:
        subject, what = "Feedback on my application", "the role"
    return subject, what, greeting(contact)


#: The greeting line of a drafted request or follow-up, as `greeting` writes it.
GREETING = re.compile(r"Hi .*,|Hello,")


def greeting(contact: str) -> str:
    """The first line of a request: to the contact by name, or to whoever reads it."""
    name = contact.strip()
    return f"Hi {name}," if name else "Hello,"


def feedback_request(entry: Entry, contact: str = "") -> str:
    """A short, polite email asking for feedback: a subject line, a blank line, the body.
    Uses only the company, role and contact name."""
    subject, what, greeting = _request_parts(entry, contact)
    part = "interviews" if entry.about.stage in INTERVIEWED else "application"
    return "\n".join(
        [
            f"Subject: {subject}",
            "",
            greeting,
            "",
            f"Thank you for considering me for {what}, and for letting me know.",
            "",
            f"If you have a few minutes, I would value any feedback on my {part}: what went"
            " well and what I could do better next time. A line or two would help.",
            "",
            "Thanks again, and all the best,",
            "",
        ]
    )


def follow_up_request(entry: Entry, contact: str = "") -> str:
    """A gentle second note for feedback asked and not answered. Like `feedback_request`,
    it uses only the company, role, contact name and the day feedback was asked."""
    subject, what, greeting = _request_parts(entry, contact)
    asked = entry.learn.feedback.date
    when = f"my note of {asked.day} {asked:%B}" if asked else "my earlier note"
    return "\n".join(
        [
            f"Subject: Re: {subject}",
            "",
            greeting,
            "",
            f"I'm following up on {when} about {what.removesuffix('.')}. I know inboxes get busy.",
            "",
            "If you have a moment for a line or two of feedback, I would be grateful."
            " If not, no problem at all.",
            "",
            "Thank you,",
            "",
        ]
    )
