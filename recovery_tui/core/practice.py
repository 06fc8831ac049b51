"""Practice state: which questions were practised (with a short answer sketch) and where
each skill stands. It lives in its own validated TOML file, ``<journal>/practice.toml``,
keyed by `textkey.question_key`. No Textual here.

A file that does not validate is never overwritten: loading raises ValueError with a plain
message and saving refuses to write over it, so a hand edit gone wrong loses nothing.
Nor is one a newer version wrote. Keys this version does not know are kept.

Two windows may change it at once: each change is made to the file as it is at that moment
(`update_practice`), under the journal's write lock, so neither undoes the other's. Nothing
is written that would be too large to read back.
"""

from __future__ import annotations

import errno
import secrets
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from recovery_tui.core import fsutil
from recovery_tui.core.editor import KEPT_PREFIX
from recovery_tui.core.models import Text
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.sync import hook

PRACTICE_FILE = "practice.toml"
PRACTICE_SCHEMA_VERSION = 1
#: A practice file is a few KB; anything this large is refused rather than parsed.
MAX_FILE_BYTES = 4 * 1024 * 1024

SkillStatus = Literal["to_do", "in_progress", "done"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


#: The four parts of a STAR sketch, in order, and the words shown for each.
STAR = ("situation", "task", "action", "result")
STAR_LABELS = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
}


class QuestionState(_Model):
    practised: bool = False
    #: Free notes (all a sketch was before the STAR parts; older files hold only this).
    sketch: Text = ""
    #: A STAR sketch: where you were, what was asked of you, what you did, what came of it.
    #: Optional, so a file without them reads as before; a version that doesn't know them
    #: keeps them (unknown keys are kept).
    situation: Text = ""
    task: Text = ""
    action: Text = ""
    result: Text = ""

    def star(self) -> list[tuple[str, str]]:
        """The STAR parts written so far, as (label, text), in order."""
        return [
            (STAR_LABELS[part], getattr(self, part).strip())
            for part in STAR
            if getattr(self, part).strip()
        ]

    @property
    def has_sketch(self) -> bool:
        return bool(self.sketch.strip() or self.star())


class SkillState(_Model):
    status: SkillStatus = "to_do"


class PracticeState(_Model):
    schema_version: int = PRACTICE_SCHEMA_VERSION
    questions: dict[str, QuestionState] = {}
    skills: dict[str, SkillState] = {}

    @property
    def is_from_newer_version(self) -> bool:
        return self.schema_version > PRACTICE_SCHEMA_VERSION


def practice_file(root: Path) -> Path:
    return Path(root) / PRACTICE_FILE


class PracticeNotSaved(ValueError):
    """Nothing was written, for a reason a person can read (``str(error)``)."""


class PracticeTooLarge(PracticeNotSaved):
    """The file would be larger than the app reads back (MAX_FILE_BYTES)."""


class PracticeReadOnly(PracticeNotSaved):
    """A newer version of the app wrote practice.toml: it is read, never rewritten."""


class _ChangedMeanwhile(Exception):
    """Another writer replaced the file between reading it and the rename."""


_KEEP = "It is left as it is. Fix it or move it aside to start a fresh practice list."
#: How often a change is re-applied to a file that another writer keeps replacing.
_TRIES = 5


def _where(path: Path) -> str:
    return f"{path.name} in {path.parent}"


def _read_raw(path: Path) -> bytes | None:
    """The file's bytes, None if there is no file; ValueError if it can't be used."""
    try:
        return fsutil.read_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except fsutil.TooLargeToRead:
        raise ValueError(f"{_where(path)} is too large to be a practice list. {_KEEP}") from None
    except fsutil.NotAFile:
        raise ValueError(f"{_where(path)} isn't a regular file. {_KEEP}") from None
    except OSError as error:
        cause = fsutil.describe_os_error(error)
        raise ValueError(f"Couldn't read {_where(path)} ({cause}). {_KEEP}") from error


def _parse(path: Path, raw: bytes) -> PracticeState:
    where = _where(path)
    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{where} is not UTF-8 text. {_KEEP}") from error
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{where} is not valid TOML ({error}). {_KEEP}") from error
    except RecursionError:
        raise ValueError(f"{where} is nested too deeply to read. {_KEEP}") from None
    try:
        return PracticeState.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the file"
        raise ValueError(f"{where} has an unexpected value at {field}. {_KEEP}") from error


def _read(path: Path) -> PracticeState | None:
    """The state in `path`, None if there is no file; ValueError if it can't be used."""
    raw = _read_raw(path)
    return None if raw is None else _parse(path, raw)


def load_practice(root: Path) -> PracticeState:
    """The practice state of the journal at `root`; an empty state if there is no file yet.
    Raises ValueError (with a message to show as is) if the file can't be used. A file from
    a newer version is read (`PracticeState.is_from_newer_version`) but never written."""
    return _read(practice_file(root)) or PracticeState()


def _encode(state: PracticeState) -> bytes:
    data = PracticeState.model_validate(state.model_dump()).model_dump()
    for question in data.get("questions", {}).values():
        for part in STAR:  # an empty STAR part isn't written: older files look as before
            if question.get(part) == "":
                del question[part]
    return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")


def _still(path: Path, raw: bytes | None) -> Callable[[], None]:
    """A check that the file still holds exactly `raw` (None: still no file)."""

    def check() -> None:
        try:
            now: bytes | None = fsutil.read_file(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            now = None
        except (OSError, ValueError):
            raise _ChangedMeanwhile from None
        if now != raw:
            raise _ChangedMeanwhile

    return check


def _usable(path: Path, state: PracticeState | None) -> PracticeState:
    """The state to change (empty if there's no file); PracticeReadOnly for a newer one."""
    if state is not None and state.is_from_newer_version:
        raise PracticeReadOnly(
            f"A newer version of recovery-tui wrote {_where(path)}, so this version "
            "doesn't change it"
        )
    return state or PracticeState()


def _write(root: Path, make: Callable[[PracticeState], PracticeState]) -> PracticeState:
    """Read the file as it is now, `make` the new state from it, write that; retried (the
    change made again on the fresh file) if another writer replaced the file meanwhile."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(2, "The journal folder is gone", str(root))
    path = practice_file(root)
    _usable(path, _read(path))  # a file that must not be replaced: refused, no trace left
    for _ in range(_TRIES):
        # Other windows of the app wait for this lock; other writers are caught right
        # before the rename.
        with fsutil.write_lock(root):
            raw = _read_raw(path)  # raises for a file that must not be overwritten
            fresh = _usable(path, None if raw is None else _parse(path, raw))
            state = make(fresh)
            data = _encode(state)
            if len(data) > MAX_FILE_BYTES:
                raise PracticeTooLarge(
                    f"That would make {PRACTICE_FILE} larger than "
                    f"{fsutil.size_words(MAX_FILE_BYTES)}, the most recovery-tui reads back"
                )

            try:
                fsutil.atomic_write(path, data, before_replace=_still(path, raw))
            except _ChangedMeanwhile:
                continue
        hook.note(root, "Practice notes", path)
        return state
    raise OSError(errno.EBUSY, "practice.toml kept changing while it was saved")


def update_practice(root: Path, change: Callable[[PracticeState], None]) -> PracticeState:
    """Make one change to the practice list as it is on disk now, and return the new state.

    `change` edits the state it is given (e.g. sets one question's sketch); it is applied to
    what the file holds at that moment, so what another window kept meanwhile stays. Raises
    ValueError for a file that can't be used (it is left as it is), PracticeReadOnly for one
    from a newer version, PracticeTooLarge if the result would be too large to read back.
    """

    def changed(fresh: PracticeState) -> PracticeState:
        change(fresh)
        return fresh

    return _write(root, changed)


def save_practice(root: Path, state: PracticeState) -> Path:
    """Write the whole state atomically (mode 0600) and return the file. The journal folder
    must exist. A file already there that does not validate, or that a newer version wrote,
    is never replaced: ValueError. Prefer `update_practice`, which keeps others' changes."""
    if state.is_from_newer_version:
        raise PracticeReadOnly(
            "A newer version of recovery-tui wrote this practice list, so this version "
            "doesn't change it"
        )
    _write(root, lambda _fresh: state)
    return practice_file(root)


def keep_sketch(root: Path, question: str, sketch: str) -> Path:
    """Keep a sketch that couldn't go into practice.toml in a file of its own:
    ``editing/kept-practice-sketch-<random>.txt`` (0600), like words an editor couldn't
    bring back, which the stale-file cleanup never removes. Returns the file."""
    folder = JournalPaths(Path(root)).editing
    fsutil.ensure_private_dir(folder, parents=False)
    data = f"{question}\n\n{sketch}\n".encode()
    for _ in range(10):
        path = folder / f"{KEPT_PREFIX}practice-sketch-{secrets.token_hex(6)}.txt"
        try:
            fsutil.atomic_write(path, data, new=True)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "No free name left", str(folder))


__all__ = [
    "PRACTICE_FILE",
    "PRACTICE_SCHEMA_VERSION",
    "STAR",
    "STAR_LABELS",
    "PracticeNotSaved",
    "PracticeReadOnly",
    "PracticeState",
    "PracticeTooLarge",
    "QuestionState",
    "SkillState",
    "SkillStatus",
    "keep_sketch",
    "load_practice",
    "practice_file",
    "save_practice",
    "update_practice",
]
