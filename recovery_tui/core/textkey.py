"""One key for the same words however they were typed. Stdlib only, cheap to import."""

from __future__ import annotations

import unicodedata


def question_key(text: str) -> str:
    """The same question, however it was typed: case, spacing and punctuation ignored."""
    kept = (
        char
        for char in unicodedata.normalize("NFKC", text).casefold()
        if unicodedata.category(char)[0] not in "PS"
    )
    return " ".join("".join(kept).split())
