"""Driven with Pilot: a file from a newer version is never rewritten from any screen, and the
app never saves a reflection larger than it reads back (the words stay on screen and in
drafts)."""

from __future__ import annotations

import errno
import tomllib
from datetime import date
from pathlib import Path

import tomli_w
from textual.widgets import OptionList

from recovery_tui.core import tomlio
from recovery_tui.core.drafts import DraftStore
from recovery_tui.core.journal import Journal, fingerprint
from recovery_tui.core.models import SCHEMA_VERSION
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.session import SessionScreen
from recovery_tui.widgets.prompt_field import PromptField, field_id
from tests.conftest import settle
from tests.samples import write_samples
from tests.test_drafts_flow import write_draft
from tests.test_today import digests, focus_today


def make_newer(path: Path, **sections: dict) -> bytes:
    """Rewrite a sample as a newer version would: a higher schema_version, a key this
    version doesn't know, and `sections` merged in."""
    data = tomllib.loads(path.read_text("utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    data["mood"] = {"colour": "teal"}
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path.read_bytes()


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


# --- read-only means read-only -------------------------------------------------------------


async def test_ticking_off_a_newer_files_action_on_home_leaves_it(make_app, app_paths):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]  # Northwind: one open action
    before = make_newer(target)
    others = digests(app_paths.journal.entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        today = await focus_today(pilot)
        assert today.option_count == 1
        await pilot.press("space")
        await settle(pilot)
        assert any("newer version" in m and "Nothing was changed" in m for m in messages(app))
    assert target.read_bytes() == before
    assert digests(app_paths.journal.entries) == others


async def test_noting_a_newer_files_follow_up_sent_leaves_it(make_app, app_paths):
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[1]  # Globex
    before = make_newer(target, learn={"feedback": {"status": "asked", "date": date(2026, 11, 1)}})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        follow_ups = app.screen.query_one("#follow-ups", OptionList)
        app.screen.set_focus(follow_ups)
        await pilot.pause()
        assert follow_ups.option_count == 1
        await pilot.press("space")
        await settle(pilot)
        assert any("newer version" in m for m in messages(app))
    assert target.read_bytes() == before


async def test_a_draft_of_a_file_a_newer_version_rewrote_saves_as_a_new_reflection(
    make_app, app_paths
):
    """The draft began on this version's file; a newer version has rewritten it since (and
    the fingerprint still matches, as if it began there). Saving never rewrites it."""
    journal = Journal(app_paths.journal)
    target = write_samples(journal)[0]
    before = make_newer(target)
    data = tomllib.loads(before.decode())
    write_draft(
        journal.paths.drafts,
        entry_id=data["id"],
        editing=target.name,
        base_fingerprint=fingerprint(before),
        values={"about.company": "Northwind Labs", "about.role": "Mine"},
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert any("newer version" in m for m in messages(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), messages(app)
    assert target.read_bytes() == before
    saved = [
        tomllib.loads(p.read_text("utf-8"))
        for p in journal.entry_files()
        if p != target and "Mine" in p.read_text("utf-8")
    ]
    assert len(saved) == 1 and saved[0]["id"] != data["id"]
    assert saved[0]["schema_version"] == SCHEMA_VERSION


# --- never saved larger than it is read back -----------------------------------------------


async def test_an_answer_too_long_to_save_stays_in_the_field_and_in_drafts(
    make_app, app_paths, monkeypatch
):
    monkeypatch.setattr(tomlio, "MAX_FILE_BYTES", 64 * 1024)  # a smaller limit, quicker test
    journal = Journal(app_paths.journal)
    journal.ensure()
    huge = ("Every word of it, as it came. " * 30 + "\n") * 80  # about 72 KB
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Northwind Labs")
        field = app.screen.query_one(f"#{field_id('personal.what_happened')}", PromptField)
        field.control.load_text(huge)  # as a paste would
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen), "still writing"
        notice = messages(app)[-1]
        assert "too long to save" in notice and "64 KB" in notice
        assert "Nothing was written" in notice and "in drafts" in notice
        assert field.value == huge
    assert journal.entry_files() == [], "nothing written to entries"
    (draft,) = DraftStore(app_paths.journal).load_all()
    assert draft.values["personal.what_happened"] == huge


async def test_keep_draft_and_quit_stays_open_when_the_draft_cant_be_kept(
    make_app, app_paths, monkeypatch
):
    def disk_full(self, draft):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DraftStore, "save", disk_full)
    Journal(app_paths.journal).ensure()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Northwind Labs", "ctrl+q")
        await settle(pilot)
        await pilot.press("k")  # keep draft and quit
        await settle(pilot)
        assert app.is_running, "not quit: the words would have been lost"
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.values()["about.company"] == "Northwind Labs"
        assert "couldn't be kept as a draft" in messages(app)[-1]
