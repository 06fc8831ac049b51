"""Entry <-> TOML text. Fields in panel order, long answers as multi-line strings,
empty optional fields left out, unknown keys kept. No Textual here."""

from __future__ import annotations

import tomllib
from enum import Enum
from typing import Any

import tomli_w
from pydantic import BaseModel

from recovery_tui.core.fsutil import MAX_ENTRY_BYTES
from recovery_tui.core.models import Entry

#: Files larger than this are refused rather than parsed (a reflection is a few KB).
MAX_FILE_BYTES = MAX_ENTRY_BYTES


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _model_data(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _model_data(model: BaseModel) -> dict[str, Any]:
    """Declared fields in order, empty ones left out; then unknown keys exactly as read."""
    data: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = _plain(getattr(model, name))
        if not _is_empty(value):
            data[name] = value
    data.update(model.model_extra or {})
    return data


def entry_to_data(entry: Entry) -> dict[str, Any]:
    """The entry as plain TOML-ready data (declared fields first, then unknown keys)."""
    data = _model_data(entry)
    # The company is required; keep the key visible even if it were ever blank.
    data.setdefault("about", {}).setdefault("company", entry.about.company)
    return data


def dumps(entry: Entry) -> str:
    return tomli_w.dumps(entry_to_data(entry), multiline_strings=True)


def loads(text: str) -> Entry:
    """Parse and validate. Raises tomllib.TOMLDecodeError or pydantic.ValidationError."""
    return Entry.model_validate(tomllib.loads(text))


def decode(raw: bytes) -> str:
    """Bytes of an entry file to text. Raises UnicodeDecodeError for non-UTF-8 files."""
    text = raw.decode("utf-8")
    return text.removeprefix("\ufeff")
