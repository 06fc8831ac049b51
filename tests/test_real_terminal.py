"""The real app in a pseudo-terminal, driven with the key contract in fast bursts."""

from __future__ import annotations

import stat
import tomllib

import pytest

from tests.terminal import Terminal


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
