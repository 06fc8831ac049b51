"""How the entry model tidies text on the way in, without pydantic, so that the model and
the index's own reading of a file (`index.model_view`) tidy it the same way. Stdlib only."""

from __future__ import annotations

import re
from typing import Any


def clean_text(value: Any) -> Any:
    """Line endings to ``\\n``, outer whitespace trimmed; non-strings are left to pydantic."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def split_items(value: Any, separators: str) -> Any:
    """A string split at `separators` (or a list as it is), each item cleaned, blanks dropped;
    anything else is left to pydantic."""
    if isinstance(value, str):
        value = re.split(f"[{separators}]", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, (list, tuple)):
        cleaned = [clean_text(item) for item in value]
        return [item for item in cleaned if item != ""]
    return value
