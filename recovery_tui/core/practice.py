"""Practice state: which questions were practised (with a short answer sketch) and where
each skill stands. It lives in its own validated TOML file, ``<journal>/practice.toml``,
keyed by `insights.question_key`. No Textual here.

A file that does not validate is never overwritten: loading raises ValueError with a plain
message and saving refuses to write over it, so a hand edit gone wrong loses nothing.
Keys this version does not know are kept.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from recovery_tui.core import fsutil
from recovery_tui.core.models import Text

PRACTICE_FILE = "practice.toml"
PRACTICE_SCHEMA_VERSION = 1
#: A practice file is a few KB; anything this large is refused rather than parsed.
MAX_FILE_BYTES = 4 * 1024 * 1024

SkillStatus = Literal["to_do", "in_progress", "done"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class QuestionState(_Model):
    practised: bool = False
    sketch: Text = ""


class SkillState(_Model):
    status: SkillStatus = "to_do"


class PracticeState(_Model):
    schema_version: int = PRACTICE_SCHEMA_VERSION
    questions: dict[str, QuestionState] = {}
    skills: dict[str, SkillState] = {}


def practice_file(root: Path) -> Path:
    return Path(root) / PRACTICE_FILE


def _read(path: Path) -> PracticeState | None:
    """The state in `path`, None if there is no file; ValueError if it can't be used."""
    where = f"{path.name} in {path.parent}"
    keep = "It is left as it is. Fix it or move it aside to start a fresh practice list."
    try:
        raw = fsutil.read_regular(path, MAX_FILE_BYTES)  # a FIFO there can't hang it
        if len(raw) > MAX_FILE_BYTES:
            raise ValueError(f"{where} is too large to be a practice list. {keep}")
    except FileNotFoundError:
        return None
    except OSError as error:
        cause = fsutil.describe_os_error(error)
        raise ValueError(f"Couldn't read {where} ({cause}). {keep}") from error
    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{where} is not UTF-8 text. {keep}") from error
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{where} is not valid TOML ({error}). {keep}") from error
    except RecursionError:
        raise ValueError(f"{where} is nested too deeply to read. {keep}") from None
    try:
        return PracticeState.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the file"
        raise ValueError(f"{where} has an unexpected value at {field}. {keep}") from error


def load_practice(root: Path) -> PracticeState:
    """The practice state of the journal at `root`; an empty state if there is no file yet.
    Raises ValueError (with a message to show as is) if the file can't be used."""
    return _read(practice_file(root)) or PracticeState()


def save_practice(root: Path, state: PracticeState) -> Path:
    """Write the state atomically (mode 0600) and return the file. The journal folder must
    exist. A file already there that does not validate is never replaced: ValueError."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(2, "The journal folder is gone", str(root))
    path = practice_file(root)
    _read(path)  # raises for a file that must not be overwritten
    data = PracticeState.model_validate(state.model_dump()).model_dump()
    fsutil.atomic_write(path, tomli_w.dumps(data, multiline_strings=True).encode("utf-8"))
    return path


__all__ = [
    "PRACTICE_FILE",
    "PRACTICE_SCHEMA_VERSION",
    "PracticeState",
    "QuestionState",
    "SkillState",
    "SkillStatus",
    "load_practice",
    "practice_file",
    "save_practice",
]
