"""The one way to put words a person wrote into a widget: literally, never as markup.

Textual parses `[...]` in plain strings as content markup in OptionList, DataTable, Static,
Label, notify, titles and more, so "Acme [/]" would crash and "Initech [b]" would turn bold.
A `Content` is shown as it is. Use `literal` for every company, answer, file name or settings
value that reaches a widget; `literal_str` where an API only takes a string and markup is
turned off (notify(..., markup=False), Static(..., markup=False)).
"""

from __future__ import annotations

from textual.content import Content

from recovery_tui.core.printable import printable


def literal(text: object, *, one_line: bool = False, style: str = "") -> Content:
    """`text` as Content that Textual shows exactly as written (control characters visible)."""
    return (
        Content.styled(printable(text, one_line=one_line), style)
        if style
        else Content(printable(text, one_line=one_line))
    )


def literal_str(text: object, *, one_line: bool = False) -> str:
    """`text` made safe for a terminal, for APIs that take a string with markup off."""
    return printable(text, one_line=one_line)


def join(*parts: Content | str) -> Content:
    """Content pieces side by side; plain strings among them are literal too."""
    return Content("").join(part if isinstance(part, Content) else literal(part) for part in parts)
