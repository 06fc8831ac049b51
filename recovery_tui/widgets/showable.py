"""Can the app show a reflection? Its page and its words, built as the screens build them.

Every word reaches a widget through `literal` (or a page through `core.render`, escaped), so
no text a person writes can break a screen any more: nothing of it is read as markup. What
could still fail is the code that turns a reflection into what is shown, on some value it
doesn't expect. `recovery-tui check` runs that code on every reflection that reads cleanly,
so such a file is named (with the kind of error, never its text) instead of the journal
being called fine while the app stops on it.

The Markdown parser isn't run here: it takes any text (Markdown has no syntax errors), and
the page escapes every line start and bracket, so nothing in it nests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from recovery_tui.widgets.literal import cell, literal, literal_str

if TYPE_CHECKING:
    from pathlib import Path

    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import Entry
    from recovery_tui.core.problems.explain import Problem


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner)


def why_unshowable(entry: Entry, path: Path) -> str | None:
    """None if every screen can show `entry`; else the kind of error that stops it (a class
    name: never anything the reflection says)."""
    from recovery_tui.core.render import render_markdown
    from recovery_tui.core.tomlio import entry_to_data

    try:
        data = entry_to_data(entry)
        literal_str(render_markdown(data))  # the page: entry view and review
        literal(f"entries/{path.name}")
        for text in _texts(data):  # a line in a list, a table cell, a box
            literal(text, one_line=True)
            cell(text)
    except Exception as error:  # whatever it is, the app would stop on it
        return type(error).__name__
    return None


def unshowable(journal: Journal, paths: Iterable[Path]) -> list[Problem]:
    """The files among `paths` that read as reflections but that the app can't show."""
    from recovery_tui.core.problems.explain import LEFT_AS_IS, Problem

    found = []
    pairs, _ = journal.read_all(list(paths))
    for path, entry in pairs:
        kind = why_unshowable(entry, path)
        if kind is not None:
            found.append(
                Problem(
                    path,
                    "unshowable",
                    "",
                    f"This reflection reads fine, but recovery-tui can't show it: a bug in the "
                    f"app trips over something in it ({kind}), and showing it could stop the "
                    f"app. {LEFT_AS_IS}, and nothing in it is lost. Please report the bug "
                    "with the name of that error; it holds none of your writing.",
                )
            )
    return found
