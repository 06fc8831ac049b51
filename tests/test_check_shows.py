"""``recovery-tui check`` also shows each reflection the way the app does, and names any the
app couldn't show, instead of calling the journal fine."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from recovery_tui.commands.check import check
from recovery_tui.core import render
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.widgets.showable import why_unshowable
from tests.conftest import FIXED_NOW
from tests.samples import write_samples
from tests.test_literal_everywhere import BY_HAND, entry_data, writings

SECRET = "my private words"


def save(journal: Journal, data: dict[str, Any], number: int) -> Path:
    entry = build_entry(data, id=f"{number:02d}" * 16, created=FIXED_NOW, updated=FIXED_NOW)
    return journal.save(entry)


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_check_calls_a_journal_of_markup_and_escape_sequences_fine(tmp_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    save(journal, entry_data(BY_HAND), 7)
    save(journal, {"about": {"company": "Acme [/]", "role": "[@click=app.quit]x[/]"}}, 8)
    out = io.StringIO()

    assert check(journal.paths, out) == 0, out.getvalue()
    assert out.getvalue() == "Your journal is in good shape: 5 reflections, nothing to fix.\n"


def test_check_names_a_reflection_the_app_cant_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    write_samples(journal)
    bad = save(journal, {"about": {"company": "Umbrella", "role": SECRET}}, 9)
    real = render.render_markdown

    def page(data: Any, **options: Any) -> str:  # a bug that trips over one reflection
        if data["about"].get("role") == SECRET:
            raise KeyError(SECRET)
        return real(data, **options)

    monkeypatch.setattr(render, "render_markdown", page)
    before = contents(journal.paths.root)
    out = io.StringIO()

    assert check(journal.paths, out) == 1
    printed = out.getvalue()
    assert printed.startswith(f"entries/{bad.name}\n")
    assert "recovery-tui can't show it" in printed and "(KeyError)" in printed
    assert "1 file in" in printed and "3 reflections are fine" in printed
    assert SECRET not in printed
    assert contents(journal.paths.root) == before


@settings(max_examples=60, deadline=None)
@given(writings())
def test_every_reflection_of_troublesome_words_can_be_shown(w: dict[str, str]) -> None:
    entry = build_entry(entry_data(w), id="ab" * 16, created=FIXED_NOW, updated=FIXED_NOW)
    assert why_unshowable(entry, Path("entries") / f"{w['file']}.toml") is None
