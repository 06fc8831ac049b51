"""Drafts from disk, driven with Pilot: what a draft names is only followed inside entries/,
and a damaged draft is listed and left alone, never crashing home or resume."""

from __future__ import annotations

import os
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from textual.widgets import OptionList

from recovery_tui.core import tomlio
from recovery_tui.core.journal import Journal, fingerprint
from recovery_tui.core.models import build_entry
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.session import SessionScreen
from tests.conftest import FIXED_NOW, settle
from tests.fifo import harmless_fifo
from tests.samples import write_samples

OUTSIDE_ID = "0badc0de" * 4


def outside_entry(path: Path) -> bytes:
    """A valid reflection file somewhere it doesn't belong."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = build_entry(
        {"about": {"company": "Outside", "role": "Theirs"}},
        id=OUTSIDE_ID,
        created=FIXED_NOW,
        updated=FIXED_NOW,
    )
    path.write_text(tomlio.dumps(entry), "utf-8")
    return path.read_bytes()


def write_draft(folder: Path, name: str = "d" * 32, **fields: Any) -> Path:
    data: dict[str, Any] = {
        "draft_version": 1,
        "id": name,
        "entry_id": OUTSIDE_ID,
        "created": FIXED_NOW,
        "updated": FIXED_NOW,
        "panel": 1,
        "values": {"about.company": "Outside", "about.role": "Mine"},
    }
    data.update(fields)
    data = {key: value for key, value in data.items() if value is not None}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def saved_roles(journal: Journal) -> dict[str, str]:
    found = {}
    for path in journal.entry_files():
        if path.is_symlink():
            continue  # the link a test made, not a saved reflection
        data = tomllib.loads(path.read_text("utf-8"))
        found[data["id"]] = data["about"].get("role", "")
    return found


@pytest.mark.parametrize("where", ["absolute", "dotdot", "symlink", "folder", "fifo"])
async def test_a_draft_naming_a_file_outside_entries_saves_as_a_new_reflection(
    make_app, app_paths, tmp_path, where
):
    journal = Journal(app_paths.journal)
    journal.ensure()
    entries = journal.paths.entries
    elsewhere = tmp_path / "elsewhere" / "2026-11-25-outside-0badc0de.toml"
    above = app_paths.journal.root / "outside.toml"
    before = {elsewhere: outside_entry(elsewhere), above: outside_entry(above)}
    editing = {
        "absolute": str(elsewhere),
        "dotdot": "../outside.toml",
        "symlink": "link.toml",
        "folder": "folder.toml",
        "fifo": "pipe.toml",
    }[where]
    (entries / "link.toml").symlink_to(elsewhere)
    (entries / "folder.toml").mkdir()
    # The fingerprint of what it names: before, saving went straight through to that file.
    base = before[elsewhere] if where in {"absolute", "symlink"} else before[above]
    write_draft(journal.paths.drafts, editing=editing, base_fingerprint=fingerprint(base))
    app = make_app()
    with harmless_fifo(entries / "pipe.toml"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen)
            assert app.screen.entry_path is None
            assert any("saved as a new reflection" in n.message for n in app._notifications)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen), [n.message for n in app._notifications]
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path} is untouched"
    assert (entries / "link.toml").is_symlink()
    assert (entries / "folder.toml").is_dir()
    roles = saved_roles(journal)
    assert list(roles.values()) == ["Mine"], "saved once, as a new reflection"
    assert OUTSIDE_ID not in roles, "with an id of its own"
    assert not list(journal.paths.drafts.iterdir())


async def test_an_id_inside_a_draft_is_never_used_as_a_path(make_app, app_paths):
    """A draft whose id points into entries/ must not write over, or remove, that entry."""
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    before = target.read_bytes()
    write_draft(
        journal.paths.drafts,
        name="a" * 32,
        id=f"../entries/{target.stem}",
        entry_id="e" * 32,
        values={"about.company": "Brand new", "about.role": "Mine"},
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("tab", "end", *" too")  # the draft is written again as one types
        app.screen.keep_draft(force=True)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert target.read_bytes() == before, "the entry is neither overwritten nor removed"
    assert "Mine too" in saved_roles(journal).values()
    assert not list(journal.paths.drafts.iterdir())


def damaged_drafts(folder: Path) -> dict[Path, bytes]:
    later = FIXED_NOW.replace(hour=11)
    paths = [
        write_draft(folder, "b" * 32, updated="this morning"),
        write_draft(folder, "c" * 32, updated=later, values={"about.stage": "hired_after_all"}),
        write_draft(folder, "e" * 32, panel="two"),
        write_draft(folder, "f" * 32, created=FIXED_NOW.date()),
        write_draft(folder, "0" * 32, draft_version=9),
    ]
    (folder / "broken.toml").write_text("values = [", "utf-8")
    paths.append(folder / "broken.toml")
    return {path: path.read_bytes() for path in paths}


async def test_damaged_drafts_are_listed_after_the_others_and_left_alone(make_app, app_paths):
    journal = Journal(app_paths.journal)
    write_samples(journal)
    folder = journal.paths.drafts
    before = damaged_drafts(folder)
    write_draft(
        folder,
        "1" * 32,
        updated=datetime.fromisoformat("2026-11-24T08:00:00+01:00"),
        values={"about.company": "Good draft", "about.stage": "after_interview"},
    )
    app = make_app()
    with harmless_fifo(folder / "pipe.toml"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            drafts = app.screen.query_one("#drafts", OptionList)
            lines = [str(drafts.get_option_at_index(i).prompt) for i in range(drafts.option_count)]
            assert lines[0].startswith("Good draft  ·  step 1  ·  ")
            assert len(lines) == 1 + len(before) + 1  # and the FIFO
            assert all("can't be opened, left as it is" in line for line in lines[1:])
            assert app.focused is drafts
            drafts.highlighted = 2
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert "can't be opened" in list(app._notifications)[-1].message
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            drafts.highlighted = 0
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen)
            assert app.screen.values()["about.company"] == "Good draft"
    for path, content in before.items():
        assert path.read_bytes() == content


async def test_r_with_only_damaged_drafts_says_why_and_stays_home(make_app, app_paths):
    folder = app_paths.journal.drafts
    Journal(app_paths.journal).ensure()
    before = damaged_drafts(folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.has_class("-first-launch")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notice = list(app._notifications)[-1].message
        assert notice.startswith("drafts/") and "left exactly as it is" in notice
    for path, content in before.items():
        assert path.read_bytes() == content
    assert sorted(os.listdir(folder)) == sorted(path.name for path in before)
