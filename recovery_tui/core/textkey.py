"""One key for the same words however they were typed. Stdlib only, cheap to import."""

from __future__ import annotations

import functools
import string
import unicodedata

#: Every ASCII character in Unicode's punctuation (P) and symbol (S) categories.
_ASCII_MARKS = str.maketrans("", "", string.punctuation)


@functools.lru_cache(maxsize=16384)  # the same lines come back in many reflections
def question_key(text: str) -> str:
    """The same question, however it was typed: case, spacing and punctuation ignored."""
    if text.isascii():  # the common case, without a look-up per character
        return " ".join(text.lower().translate(_ASCII_MARKS).split())
    kept = (
        char
        for char in unicodedata.normalize("NFKC", text).casefold()
        if unicodedata.category(char)[0] not in "PS"
    )
    return " ".join("".join(kept).split())
