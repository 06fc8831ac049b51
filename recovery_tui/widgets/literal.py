"""The one way to put words a person wrote into a widget: literally, never as markup.

Textual parses `[...]` in plain strings as content markup in OptionList, DataTable, Static,
Label, notify, titles and more, so "Acme [/]" would crash and "Initech [b]" would turn bold.
A `Content` is shown as it is. Use `literal` for every company, answer, file name or settings
value that reaches a widget; `join` for a line of a few (styled) pieces; `cell` for a
DataTable cell; `literal_str` where an API only takes a string and markup is turned off
(notify(..., markup=False), Static(..., markup=False)); `markdown_parser` for a Markdown
widget showing a page built with `core.render` (links and HTML off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from recovery_tui.core.printable import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from rich.text import Text

#: A piece of a line: Content as it is, or text (shown literally), or (text, style).
Part = Content | str | tuple[object, str]


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


def join(*parts: Part, one_line: bool = False) -> Content:
    """Content pieces side by side; plain strings among them are literal too, and a
    `(text, style)` pair is that text, literally, in that style: `join((company, "bold"),
    "  ·  ", (stage, "$text-muted"))`. With `one_line`, line breaks in text become spaces."""

    def piece(part: Part) -> Content:
        if isinstance(part, Content):
            return part
        if isinstance(part, tuple):
            text, style = part
            return literal(text, one_line=one_line, style=style)
        return literal(part, one_line=one_line)

    return Content("").join(piece(part) for part in parts)


def cell(text: object) -> Text:
    """A DataTable cell showing `text` as written, on one line (DataTable reads a plain str
    as Rich markup, and a Textual Content isn't measured there)."""
    from rich.text import Text

    return Text(printable(text, one_line=True), end="")


def markdown_parser() -> MarkdownIt:
    """The parser for a page of the writer's words (`core.render` escapes them): no links
    made from bare addresses, no HTML. Pass as `Markdown(parser_factory=markdown_parser)`."""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"linkify": False, "html": False})
