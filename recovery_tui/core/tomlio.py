"""Entry <-> TOML text. Fields in panel order, long answers as multi-line strings,
empty optional fields left out, unknown keys kept. No Textual here."""

from __future__ import annotations

import tomllib
from enum import Enum
from typing import Any

import tomli_w

from recovery_tui.core.models import Entry

#: Files larger than this are refused rather than parsed (a reflection is a few KB).
MAX_FILE_BYTES = 4 * 1024 * 1024


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _prune(value: Any) -> Any:
    """Drop empty optional values recursively; turn enums into their plain string values."""
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if not _is_empty(item)}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def entry_to_data(entry: Entry) -> dict[str, Any]:
    """The entry as plain TOML-ready data (declared fields first, then unknown keys)."""
    data = _prune(entry.model_dump(mode="python"))
    # The company is required even when a newer version blanked it; keep the key visible.
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
