"""Each private Textual API in recovery_tui/textual_private.py still does what we use it for.

A Textual (or textual-serve) release may change anything private; these fail when it does,
naming what to fix, rather than a key, a dialog or the crash report breaking quietly.
"""

from __future__ import annotations

import ast
import inspect
import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

import recovery_tui
from recovery_tui import textual_private
from recovery_tui.textual_private import (
    DrawnInput,
    OwnCrashReport,
    bind_key,
    character_to_key,
    merged_bindings,
)


def test_character_to_key_gives_textuals_key_names():
    assert character_to_key("a") == "a"
    assert character_to_key("+") == "plus"
    assert character_to_key("?") == "question_mark"
    assert character_to_key(" ") == "space"


class Bound(Screen[None]):
    BINDINGS = [Binding("x", "app.bell", "Ring")]


class MoreBound(Bound):
    BINDINGS = [Binding("y", "app.bell", "Ring again")]


def test_merged_bindings_gives_key_and_binding_from_every_class():
    found = {key: binding.description for key, binding in merged_bindings(MoreBound)}
    assert found["x"] == "Ring" and found["y"] == "Ring again"
    assert "left" in dict(merged_bindings(Input)), "a widget's own keys too"


async def test_bind_key_binds_on_one_node_only():
    pressed: list[str] = []

    class Asking(Screen[None]):
        def action_answer(self, value: str) -> None:
            pressed.append(value)

    class Host(App[None]):
        def on_mount(self) -> None:
            screen = Asking()
            bind_key(screen, "k", "answer('keep')", "Keep", priority=True)
            self.push_screen(screen)

    app = Host()
    async with app.run_test() as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert pressed == ["keep"]
        assert "k" not in dict(merged_bindings(Asking)), "not on the class"


async def test_own_crash_report_replaces_textuals_and_runs_first():
    seen: list[object] = []

    class Crashing(OwnCrashReport, App[None]):
        def before_crash(self) -> None:
            seen.append("before")

        def crash_text(self, error: BaseException | None) -> str:
            seen.append(error)
            return "our own report"

        def on_mount(self) -> None:
            raise RuntimeError("words someone typed")

    app = Crashing()
    printed = io.StringIO()
    app.error_console = Console(file=printed, width=80)
    with pytest.raises(RuntimeError):
        async with app.run_test():
            pass
    assert seen[0] == "before" and isinstance(seen[1], RuntimeError)
    assert printed.getvalue() == "our own report\n", "ours, and nothing of Textual's"


async def test_drawn_input_draws_what_drawn_gives():
    class Shown(DrawnInput):
        def drawn(self) -> Text | None:
            return None if self.value == "plain" else Text("drawn instead")

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Shown(value="typed", id="shown")
            yield Shown(value="plain", id="plain")

    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        shown = app.query_one("#shown", Shown)
        plain = app.query_one("#plain", Shown)
        assert "drawn instead" in shown.render_line(0).text
        assert "plain" in plain.render_line(0).text
        assert shown.value == "typed", "the value itself is untouched"


def test_textual_serves_make_app_is_still_there_to_extend():
    from textual_serve.server import Server

    assert inspect.iscoroutinefunction(Server._make_app)
    assert list(inspect.signature(Server._make_app).parameters) == ["self"]


def test_no_other_module_reaches_into_textuals_private_names():
    """Private attributes of Textual objects are used only through textual_private."""
    allowed = {Path(textual_private.__file__)}
    root = Path(recovery_tui.__file__).parent
    private_textual = {
        "_character_to_key",
        "_merge_bindings",
        "_bindings",
        "_exit_renderables",
        "_exception",
        "_close_messages_no_wait",
        "_fatal_error",
        "_value",
        "_notifications",
    }
    found = []
    for path in sorted(root.rglob("*.py")):
        if path in allowed:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            name = (
                node.attr
                if isinstance(node, ast.Attribute)
                else node.name
                if isinstance(node, ast.FunctionDef | ast.alias)
                else None
            )
            if name in private_textual:
                found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert found == []


async def test_refit_table_draws_cells_at_their_new_width():
    from textual.widgets import DataTable

    from recovery_tui.textual_private import refit_table

    class Table(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    app = Table()
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(DataTable)
        table.add_column("Name", key="name", width=20)
        table.add_row(Text("a long name here", overflow="ellipsis", no_wrap=True))
        await pilot.pause()
        table.columns["name"].auto_width = False
        table.columns["name"].width = 6
        refit_table(table)
        await pilot.pause()
        line = "".join(segment.text for segment in table.render_line(1))
        assert "a lon…" in line and "here" not in line
        assert table.virtual_size.width == 8
