"""Two versions of one TOML file joined field by field, against the version both came from.

Changes to different fields join on their own. Where both sides changed the same field
differently, ours keeps its value and a conflict copy holds the same file with theirs, so
the Files screen can settle it (keep mine, theirs or both) and show the difference. Deleted
on one side and edited on the other keeps the edit. An encrypted file (an age file) is never
joined: both sides are kept whole, ours in place and theirs as the copy. No Textual here.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from recovery_tui.core import fsutil

_MISSING: Any = object()
#: Changed on every save: the later one wins rather than making a conflict.
_LATEST = {"updated"}


@dataclass(frozen=True)
class Merged:
    """The file as it is to be kept (None: deleted), and a conflict copy if fields clashed."""

    data: bytes | None
    conflict: bytes | None = None
    clashes: tuple[str, ...] = field(default=())


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        value = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return value


def _join(base: Any, ours: Any, theirs: Any, where: str, clashes: list[str]) -> tuple[Any, Any]:
    """(ours joined with theirs' changes, the same with theirs where they clash)."""
    if ours == theirs:
        return ours, ours
    if ours == base:
        return theirs, theirs
    if theirs == base:
        return ours, ours
    if isinstance(ours, dict) and isinstance(theirs, dict):
        base_d = base if isinstance(base, dict) else {}
        mine: dict[str, Any] = {}
        other: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            a, b = _join(
                base_d.get(key, _MISSING),
                ours.get(key, _MISSING),
                theirs.get(key, _MISSING),
                f"{where}.{key}" if where else key,
                clashes,
            )
            if a is not _MISSING:
                mine[key] = a
            if b is not _MISSING:
                other[key] = b
        return mine, other
    if where in _LATEST and isinstance(ours, datetime) and isinstance(theirs, datetime):
        latest = max(ours, theirs)
        return latest, latest
    clashes.append(where)
    return ours, theirs


def _dump(data: dict[str, Any], entry: bool) -> bytes | None:
    """TOML text for `data`: as the app writes a reflection if it is one, else plainly."""
    if entry:
        from recovery_tui.core import tomlio
        from recovery_tui.core.models import Entry

        try:
            model = Entry.model_validate(data)
        except ValueError:  # pydantic's ValidationError: not a reflection this version reads
            pass
        else:
            if not model.is_from_newer_version:
                return tomlio.dumps(model).encode("utf-8")
    import tomli_w

    try:
        return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")
    except (ValueError, TypeError):
        return None


def merge_toml(
    base: bytes | None, ours: bytes | None, theirs: bytes | None, *, entry: bool = True
) -> Merged:
    """Join two versions of one file (None: not there on that side)."""
    if ours == theirs:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    if theirs == base:
        return Merged(ours)
    if ours is None:  # deleted here, edited there: keep the edit
        return Merged(theirs)
    if theirs is None:
        return Merged(ours)
    if fsutil.is_age(ours) or fsutil.is_age(theirs):  # ciphertext: never joined field by field
        return Merged(ours, theirs, ("(the whole file)",))
    parsed = [_parse(raw) if raw is not None else {} for raw in (base, ours, theirs)]
    b, o, t = parsed
    if o is None or t is None:  # not TOML: keep ours, theirs beside it, byte for byte
        return Merged(ours, theirs, ("(the whole file)",))
    clashes: list[str] = []
    mine, other = _join(b if b is not None else {}, o, t, "", clashes)
    mine_raw = _dump(mine, entry)
    if mine_raw is None:
        return Merged(ours, theirs, ("(the whole file)",))
    if not clashes:
        return Merged(mine_raw)
    other_raw = _dump(other, entry) or theirs
    return Merged(mine_raw, other_raw, tuple(clashes))


def conflict_name(name: str, copy: bytes) -> str:
    """The conflict copy's file name: ``<stem>.git-conflict-<hash>.toml`` (the same copy,
    the same name, so a sync that runs twice never makes two)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    digest = hashlib.sha256(copy).hexdigest()[:10]
    return f"{stem}.git-conflict-{digest}" + (f".{ext}" if ext else "")


def differences(mine: bytes, other: bytes, limit: int = 60) -> list[str]:
    """One line per field that differs: the field, then each side's value, shortened."""
    a, b = _parse(mine), _parse(other)
    if a is None or b is None:
        return ["(the whole file)"]
    lines: list[str] = []

    def walk(x: Any, y: Any, where: str) -> None:
        if x == y:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for key in [*x, *(k for k in y if k not in x)]:
                if key in _LATEST and not where:
                    continue
                walk(x.get(key, _MISSING), y.get(key, _MISSING), f"{where}.{key}" if where else key)
            return
        lines.append(f"{where}: {_short(x, limit)} / {_short(y, limit)}")

    walk(a, b, "")
    return lines


def _short(value: Any, limit: int) -> str:
    if value is _MISSING:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
