"""The reflection entry: a pydantic v2 model with one nested model per panel.

Text is normalised on the way in (line endings to ``\\n``, outer whitespace trimmed), lists
drop blank items, ratings stay in range. Keys this version does not know are kept
(``extra="allow"``) so that re-saving a file written by a newer version loses nothing.
Nothing in this module imports Textual.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails

from recovery_tui.core.prompts import (
    CHOICE_LABELS,
    Channel,
    FeedbackStatus,
    OtherReason,
    Prompt,
    Stage,
    SuccessSource,
    ThinkingTrap,
    prompt_for,
)
from recovery_tui.core.textclean import clean_text, split_items

#: The format written when a person saves a reflection. Version 1 files are read as they
#: are (every schema-2 field is optional) and keep version 1 until the person saves an edit
#: of theirs; writes that aren't their edit (an action ticked off, a letter sent) keep it.
SCHEMA_VERSION = 2


def _lines(value: Any) -> Any:
    return split_items(value, "\n")


def _tags(value: Any) -> Any:
    return split_items(value, ",\n")


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == "":
        return None
    return clean_text(value)


Text = Annotated[str, BeforeValidator(clean_text)]
Lines = Annotated[list[Text], BeforeValidator(_lines)]
Tags = Annotated[list[Text], BeforeValidator(_tags)]
OptionalDate = Annotated[date | None, BeforeValidator(_empty_to_none)]
# The range applies to the number only: on `int | None` pydantic would apply it to None too
# and raise a TypeError (not a ValidationError) for a cleared rating.
Sting = Annotated[Annotated[int, Field(ge=0, le=100)] | None, BeforeValidator(_empty_to_none)]
Fit = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_empty_to_none)]


_Choice = TypeVar("_Choice", bound=StrEnum)
#: One of a choice's values, or None (an empty string clears it).
OptionalChoice = Annotated[_Choice | None, BeforeValidator(_empty_to_none)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class About(_Model):
    company: Annotated[Text, Field(min_length=1)]
    role: Text = ""
    stage: OptionalChoice[Stage] = None
    news_date: OptionalDate = None
    channel: OptionalChoice[Channel] = None
    #: Schema 2: how the person applied this time (same choices as past successes).
    applied_via: OptionalChoice[SuccessSource] = None
    tags: Tags = []


class FeelingRating(_Model):
    """One named feeling (a `Feeling` value, or the person's own words) and how strong."""

    name: Annotated[Text, Field(min_length=1)]
    strength: Sting = None


class Personal(_Model):
    what_happened: Text = ""
    sting_before: Sting = None
    #: Schema 2: the feelings named, each with its own strength.
    feelings: list[FeelingRating] = []
    recurring_thought: Text = ""
    #: Schema 2: what seems to support the thought, and what doesn't.
    evidence_for: Text = ""
    evidence_against: Text = ""
    traps: list[ThinkingTrap] = []
    reasons: list[OtherReason] = []
    other_reasons: Text = ""
    balanced_thought: Text = ""
    #: Schema 2: how much the person believes the kinder thought, 0-100.
    belief: Sting = None


class Feedback(_Model):
    status: OptionalChoice[FeedbackStatus] = None
    date: OptionalDate = None
    said: Text = ""
    #: Schema 2: the day feedback was first asked for; set once, never overwritten.
    first_asked: OptionalDate = None
    #: Schema 2: the day the one follow-up was sent.
    followed_up: OptionalDate = None
    #: Schema 2: the day the person chose to let this request go.
    let_go: OptionalDate = None


class PastSuccesses(_Model):
    sources: list[SuccessSource] = []
    reuse: Text = ""


class Learn(_Model):
    #: Schema 2 (application stage, silence): their top requirements and where the CV
    #: answered them.
    targeting: Text = ""
    prepare_better: Text = ""
    unready_questions: Lines = []
    fit: Fit = None
    fit_notes: Text = ""
    skills: Lines = []
    feedback: Feedback = Feedback()
    past_successes: PastSuccesses = PastSuccesses()


class NextAction(_Model):
    text: Annotated[Text, Field(min_length=1)]
    done: bool = False
    due: OptionalDate = None


class Prepare(_Model):
    actions: list[NextAction] = []
    pipeline: Lines = []
    people: Lines = []
    carry_forward: Text = ""
    sting_after: Sting = None

    @field_validator("actions", mode="before")
    @classmethod
    def _drop_blank_actions(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [
                item
                for item in value
                if not (isinstance(item, dict) and clean_text(item.get("text", "")) == "")
            ]
        return value


class OwnAnswer(_Model):
    """Schema 2: the answer to one of the person's own prompts (set in settings). The label
    is kept with the answer, so it still reads right after the prompt is removed."""

    key: Annotated[str, Field(min_length=1)]
    step: Annotated[int, Field(ge=1, le=3)]
    label: Annotated[Text, Field(min_length=1)]
    answer: Text = ""


class Entry(_Model):
    schema_version: int = SCHEMA_VERSION
    id: Annotated[str, Field(min_length=8, pattern=r"^[0-9a-f]+$")]
    created: AwareDatetime
    updated: AwareDatetime
    about: About
    personal: Personal = Personal()
    learn: Learn = Learn()
    prepare: Prepare = Prepare()
    #: Schema 2: answers to the person's own prompts, as ``[[own]]`` tables.
    own: list[OwnAnswer] = []

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def is_from_newer_version(self) -> bool:
        return self.schema_version > SCHEMA_VERSION


def new_id() -> str:
    """A random, stable entry id (not derived from the date)."""
    return uuid.uuid4().hex


def build_entry(form: dict[str, Any], *, id: str, created: datetime, updated: datetime) -> Entry:
    """Validate form values (nested dict by panel) into an Entry. Raises ValidationError."""
    data = dict(form)
    data.update(schema_version=data.get("schema_version", SCHEMA_VERSION), id=id)
    data.update(created=created, updated=updated)
    return Entry.model_validate(data)


@dataclass(frozen=True)
class FieldIssue:
    """One invalid field, in words a person can act on."""

    path: str
    label: str
    message: str


def explain(error: ValidationError) -> list[FieldIssue]:
    """Turn a pydantic error into one plain message per field."""
    issues: list[FieldIssue] = []
    seen: set[str] = set()
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"])
        prompt = prompt_for(path)
        label = prompt.label if prompt else path
        message = _message(item, path, prompt)
        if path not in seen:
            seen.add(path)
            issues.append(FieldIssue(prompt.path if prompt else path, label, message))
    return issues


def _message(item: ErrorDetails, path: str, prompt: Prompt | None) -> str:
    kind = item["type"]
    if path == "about.company" or path == "about":
        return "Add the company's name, or write 'unknown'."
    if path.startswith("prepare.actions") and path.endswith(".due"):
        return "Use a date like 2026-12-01 after 'by'."
    if kind.startswith("date") or kind.startswith("datetime"):
        return "Use a date like 2026-11-24, or leave it empty."
    if (
        kind
        in {"greater_than_equal", "less_than_equal", "int_parsing", "int_type", "int_from_float"}
        and prompt
    ):
        return f"Use a whole number from {prompt.low} to {prompt.high}."
    if kind == "enum" and prompt and prompt.choices:
        options = ", ".join(CHOICE_LABELS[prompt.choices].values())
        return f"Pick one of: {options}."
    return str(item["msg"])


__all__ = [
    "SCHEMA_VERSION",
    "About",
    "Entry",
    "Feedback",
    "FeelingRating",
    "FieldIssue",
    "Learn",
    "NextAction",
    "OwnAnswer",
    "PastSuccesses",
    "Personal",
    "Prepare",
    "build_entry",
    "explain",
    "new_id",
]
