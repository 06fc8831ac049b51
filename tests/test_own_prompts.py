"""Your own prompts: `[[prompts]]` tables in settings add questions to a step. Answers are
kept in `[[own]]` with their label, shown in the review, the entry view, exports and search,
and kept (with the label saved) when the prompt is later removed from settings."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path
from typing import Any

from recovery_tui import cli
from recovery_tui.core.form import data_from_values, values_from_data
from recovery_tui.core.prompts import OwnPrompt
from recovery_tui.core.render import render_markdown
from recovery_tui.core.settings import load_settings, parse_settings
from recovery_tui.widgets.prompt_field import PromptField, field_id
from tests.screen_text import screen_text
from tests.steps import messages, open_entry, save, save_and_go_home, settle, start_reflection

SETTINGS = """\
[[prompts]]
step = 2
label = "What I'd ask them next time"
hint = "e.g. How the ward splits the night shifts"

[[prompts]]
step = 3
label = "A win from this week"
long = true
key = "weekly_win"

[[prompts]]
step = 5
label = "Lost in space"
"""


def test_bad_prompt_tables_fall_back_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(SETTINGS + '\n[[prompts]]\nlabel = ""\nstep = 1\n', "utf-8")
    loaded = load_settings(path)
    assert [p.key for p in loaded.settings.prompts] == ["what_i_d_ask_them_next_time", "weekly_win"]
    assert loaded.problems == [
        "the 3rd [[prompts]] table should have a step from 1 to 3, e.g. step = 2, not 5; "
        "it is left out",
        "the 4th [[prompts]] table should have a label in quotes, e.g. label = \"What I'd ask "
        'them", not ""; it is left out',
    ]
    message = loaded.message(path)
    assert message is not None and "3rd [[prompts]]" in message
    settings, problems = parse_settings({"prompts": "ask me"})
    assert settings.prompts == () and "prompts should be tables" in problems[0]


def test_an_answer_stays_when_its_prompt_goes() -> None:
    asked = (OwnPrompt("weekly_win", 3, "A win from this week", long=True),)
    values = values_from_data({}, asked)
    assert values["own.weekly_win"] == ""
    values["own.weekly_win"] = "Led the stock count"
    data = data_from_values(values, {"about": {"company": "A"}}, asked)
    assert data["own"] == [
        {
            "key": "weekly_win",
            "step": 3,
            "label": "A win from this week",
            "answer": "Led the stock count",
        }
    ]
    # The prompt is gone from settings: nothing asks it, the answer is written back as it was.
    again = data_from_values(values_from_data(data), data)
    assert again["own"] == data["own"]
    assert "A win from this week" in render_markdown(again)
    # Emptied: the table goes.
    values["own.weekly_win"] = " "
    assert "own" not in data_from_values(values, data, asked)


async def test_own_prompts_end_to_end(make_app: Any, app_paths: Any) -> None:
    app_paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text(SETTINGS, "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 160)) as pilot:
        assert any("3rd [[prompts]]" in m for m in messages(app))  # the bad one, named
        screen = await start_reflection(pilot)
        await pilot.press(*"Riverside Ward")
        ask = screen.query_one(f"#{field_id('own.what_i_d_ask_them_next_time')}", PromptField)
        win = screen.query_one(f"#{field_id('own.weekly_win')}", PromptField)
        assert ask.parent is screen.query_one("#panel-2")
        assert win.parent is screen.query_one("#panel-3")
        assert ask.prompt.hint == "e.g. How the ward splits the night shifts"
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen.set_focus(ask.control)
        await pilot.press(*"Who I'd shadow [first]")
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen.set_focus(win.control)
        await pilot.press(*"Covered a double shift", "enter", *"and stayed calm")
        assert screen.keep_draft(force=True)
        (draft,) = app.drafts.load_all()
        assert draft.values["own.weekly_win"] == "Covered a double shift\nand stayed calm"
        await pilot.press("ctrl+n")
        await settle(pilot)
        review = screen_text(app)
        assert "What I'd ask them next time" in review and "Who I'd shadow [first]" in review
        await pilot.press("escape")
        await settle(pilot)
        await save_and_go_home(pilot)
        (saved,) = app.journal.entry_files()
        data = tomllib.loads(saved.read_text("utf-8"))
        assert data["own"] == [
            {
                "key": "what_i_d_ask_them_next_time",
                "step": 2,
                "label": "What I'd ask them next time",
                "answer": "Who I'd shadow [first]",
            },
            {
                "key": "weekly_win",
                "step": 3,
                "label": "A win from this week",
                "answer": "Covered a double shift\nand stayed calm",
            },
        ]
        await open_entry(pilot)
        shown = screen_text(app)
        assert "A win from this week" in shown and "and stayed calm" in shown
    # Exports and search carry them.
    root = str(app_paths.journal.root)
    out = io.StringIO()
    md = _cli(["export", "--dir", root, "--format", "md"], out)
    assert "What I'd ask them next time" in md and "shadow \\[first\\]" in md
    exported = json.loads(_cli(["export", "--dir", root, "--format", "json"], out))
    assert exported["entries"][0]["own"][1]["label"] == "A win from this week"
    found = _cli(["export", "--dir", root, "--format", "json", "--search", "double shift"], out)
    assert len(json.loads(found)["entries"]) == 1
    missing = _cli(["export", "--dir", root, "--format", "json", "--search", "triple"], out)
    assert json.loads(missing)["entries"] == []

    # The prompt goes from settings: the answer stays, with its label, and can be edited.
    app_paths.settings_file.write_text("", "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 160)) as pilot:
        await open_entry(pilot)
        assert "What I'd ask them next time" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        kept = app.screen.query_one(f"#{field_id('own.weekly_win')}", PromptField)
        assert kept.prompt.label == "A win from this week"
        assert kept.value == "Covered a double shift\nand stayed calm"
        await save(pilot)
    data = tomllib.loads(saved.read_text("utf-8"))
    assert [item["label"] for item in data["own"]] == [
        "What I'd ask them next time",
        "A win from this week",
    ]


def _cli(argv: list[str], out: io.StringIO) -> str:
    import contextlib

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = cli.main(argv)
    assert code == 0, buffer.getvalue()
    return buffer.getvalue()


def test_an_answer_under_an_odd_key_is_kept_and_shown_but_not_a_box() -> None:
    from recovery_tui.core.form import own_prompts_for

    data = {
        "about": {"company": "A"},
        "own": [{"key": "my key!", "step": 1, "label": "Odd", "answer": "still mine"}],
    }
    assert own_prompts_for(data) == ()  # no box on screen could be named for it
    assert data_from_values(values_from_data(data), data)["own"] == data["own"]
    assert "still mine" in render_markdown(data)


def test_the_readme_example_adds_two_prompts() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    block = next(part for part in readme.split("```toml\n") if "[[prompts]]" in part)
    settings, problems = parse_settings(tomllib.loads(block.split("```")[0]))
    assert [(p.step, p.label, p.long) for p in settings.prompts] == [
        (2, "What I'd ask them next time", False),
        (3, "A win from this week", True),
    ]
    assert not [problem for problem in problems if "prompts" in problem]
