"""The real app in a pseudo-terminal, driven with the key contract in fast bursts."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from tests.fake_editor import FakeEditor
from tests.terminal import Terminal

pytestmark = pytest.mark.slow


@pytest.fixture
def journal(tmp_path):
    return tmp_path / "journal"


def test_a_typed_reflection_becomes_a_file_even_when_keys_arrive_in_one_burst(journal):
    term = Terminal(["--dir", str(journal)])
    try:
        term.wait_for("Press n to begin")
        term.type(
            "n",
            'Zeta "Corp" ünï \\ back',
            "tab",
            "Staff engineer",
            "tab",
            "tab",
            "tab",
            "tab",
            "tab",
            "Line one",
            "enter",
            '  two """ x',
            "ctrl+n",
            "Practise STAR",
            "ctrl+n",
            "Email Sam by 2026-12-01",
            "ctrl+n",
            "ctrl+s",
        )
        term.wait_for("Your reflection is safe in")
        term.type("ctrl+q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    files = list((journal / "entries").glob("*.toml"))
    assert len(files) == 1
    data = tomllib.loads(files[0].read_text("utf-8"))
    assert data["about"]["company"] == 'Zeta "Corp" ünï \\ back'
    assert data["about"]["role"] == "Staff engineer"
    assert data["personal"]["what_happened"] == 'Line one\n  two """ x'
    assert data["learn"]["prepare_better"] == "Practise STAR"
    assert data["prepare"]["actions"] == [
        {"text": "Email Sam", "done": False, "due": tomllib.loads("d = 2026-12-01")["d"]}
    ]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((journal / "entries").stat().st_mode) == 0o700
    assert stat.S_IMODE(journal.stat().st_mode) == 0o700


def test_escape_then_discard_in_one_burst_leaves_nothing_behind(journal):
    term = Terminal(["--dir", str(journal), "new"])
    try:
        term.wait_for("Company")
        term.type("Acme", "ctrl+n", "notes", "escape", "escape")
        term.wait_for("Leave this reflection?")
        term.type("d")
        term.wait_for("Press n to begin")
        term.type("ctrl+q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert not list(journal.glob("entries/*.toml"))
    assert not list(journal.glob("drafts/*.toml"))


def test_ctrl_o_hands_the_terminal_to_the_editor_and_brings_the_answer_back(journal, tmp_path):
    fake = FakeEditor(tmp_path / "fake")
    fake.will_append("out loud, twice")
    term = Terminal(["--dir", str(journal)], env={"VISUAL": "", "EDITOR": fake.command("append")})
    try:
        term.wait_for("Press n to begin")
        term.type("n", "Acme", "ctrl+n", "Practise joins", "ctrl+o")
        term.wait_for("Your answer is back from")
        term.type("ctrl+s")
        term.wait_for("Your reflection is safe in")
        term.type("ctrl+q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    record = fake.record
    assert record["before"] == "Practise joins\n"
    assert Path(record["path"]).parent == journal / "editing"
    assert record["mode"] == 0o600 and record["folder_mode"] == 0o700
    assert not list((journal / "editing").iterdir())
    [saved] = (journal / "entries").glob("*.toml")
    data = tomllib.loads(saved.read_text("utf-8"))
    assert data["learn"]["prepare_better"] == "Practise joins\nout loud, twice"
