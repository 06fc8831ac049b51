"""Text that a person wrote, made safe to show: control characters become visible symbols.

Stdlib only, so the data layer (exports to a terminal, CLI output) and the widgets share it.
Markup is a widget concern: see `recovery_tui.widgets.literal`, which builds on this.
"""

from __future__ import annotations

import unicodedata

#: C0 controls (but newline) and DEL become the matching Control Pictures symbol, so an
#: escape sequence typed or pasted into an answer shows as "␛[31m" and never reaches the
#: terminal. Tab becomes spaces.
_C0 = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x0A}
_C0[0x09] = "    "
_C0[0x7F] = "\u2421"  # ␡
#: C1 controls (U+0080-U+009F, among them CSI) have no pictures: the replacement character.
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
_TABLE = str.maketrans({**_C0, **_C1})
_ONE_LINE = str.maketrans({**_C0, **_C1, 0x0A: " "})


def printable(text: object, *, one_line: bool = False) -> str:
    """`text` as a string that is safe to send to a terminal.

    Control characters are replaced by visible symbols, lone surrogates (which can't be
    encoded) by U+FFFD. With `one_line`, line breaks (and the Unicode line and paragraph
    separators) become spaces, for a list row or a table cell.
    """
    value = text if isinstance(text, str) else str(text)
    if value.isascii() and value.isprintable() and (one_line or "\n" not in value):
        return value  # the common case, without a translation
    value = value.replace("\r\n", "\n")
    value = value.translate(_ONE_LINE if one_line else _TABLE)
    if one_line:
        value = value.replace("\u2028", " ").replace("\u2029", " ")
    if any(unicodedata.category(char) == "Cs" for char in value):
        value = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
    return value


def shown_value(value: object) -> str:
    """A setting's value as a message quotes it: short, on one line, never raw."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else f"{value[:37]}..."
        return f'"{printable(shown, one_line=True)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    return str(value)
