"""The session as a plain object: a reflection written, kept as a draft, saved, edited,
found changed on disk, failing to save, picked up again. No Textual anywhere here."""

from __future__ import annotations

import errno
import itertools
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from recovery_tui.core import fsutil, tomlio
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.form import FormValues, values_from_data
from recovery_tui.core.journal import Journal, fingerprint
from recovery_tui.core.models import SCHEMA_VERSION, build_entry
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.session import (
    ChangedOnDisk,
    DraftFailed,
    DraftRemoved,
    DraftUnchanged,
    DraftWritten,
    Failed,
    Invalid,
    NotInEntries,
    ReadOnly,
    Reloaded,
    Saved,
    Session,
    TooLarge,
    Unreadable,
    WrittenByNewer,
    resume,
)
from tests.conftest import FIXED_NOW


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.ensure()
    return journal


@pytest.fixture
def drafts(journal: Journal) -> DraftStore:
    return DraftStore(journal.paths)


def ids() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{next(counter):032x}"


def clock() -> Any:
    return FIXED_NOW


def new_session(journal: Journal, drafts: DraftStore, **kwargs: Any) -> Session:
    return Session(journal, drafts, clock, ids(), **kwargs)


def answers(**typed: Any) -> FormValues:
    """Every prompt's value, blank, with `typed` ("about_company": "Acme") filled in."""
    values = values_from_data({})
    values.update({path.replace("_", ".", 1): value for path, value in typed.items()})
    return values


def draft_files(journal: Journal) -> list[Path]:
    return sorted(journal.paths.drafts.glob("*.toml"))


def saved_sample(journal: Journal, role: str = "Backend engineer") -> Path:
    entry = build_entry(
        {"about": {"company": "Northwind Labs", "role": role}, "from_the_future": {"x": 1}},
        id="ab" * 16,
        created=FIXED_NOW,
        updated=FIXED_NOW,
    )
    return journal.save(entry)


def edit(journal: Journal, drafts: DraftStore, path: Path) -> Session:
    entry, seen = journal.load(path)
    return new_session(journal, drafts, entry=entry, entry_path=path, fingerprint=seen)


# -- a new reflection ---------------------------------------------------------------------


def test_a_new_reflection_gets_its_own_ids_and_the_time_it_began(journal, drafts):
    session = new_session(journal, drafts)
    assert session.entry_id == f"{1:032x}" and session.draft_id == f"{2:032x}"
    assert session.created == FIXED_NOW
    assert session.entry_path is None and session.fingerprint is None
    assert session.start_panel == 1
    assert not session.has_unsaved_work(answers())
    assert session.has_unsaved_work(answers(about_company="Acme"))


def test_a_draft_is_written_only_when_the_answers_changed(journal, drafts, monkeypatch):
    written: list[Draft] = []
    real_save = DraftStore.save

    def save(store: DraftStore, draft: Draft) -> Path:
        written.append(draft)
        return real_save(store, draft)

    monkeypatch.setattr(DraftStore, "save", save)
    session = new_session(journal, drafts)
    assert session.keep_draft(answers(), 1) == DraftUnchanged(), "nothing typed: no draft"
    assert written == [] and draft_files(journal) == []

    kept = session.keep_draft(answers(about_company="Acme"), 1)
    assert isinstance(kept, DraftWritten) and draft_files(journal) == [kept.path]
    assert session.keep_draft(answers(about_company="Acme"), 1) == DraftUnchanged()
    assert len(written) == 1, "the same answers are not written again"

    assert isinstance(
        session.keep_draft(answers(about_company="Acme"), 2, force=True), DraftWritten
    )
    assert isinstance(session.keep_draft(answers(about_company="Acme Inc"), 2), DraftWritten)
    assert [(d.panel, d.values["about.company"]) for d in written[1:]] == [
        (2, "Acme"),
        (2, "Acme Inc"),
    ]
    assert session.drafted

    assert session.keep_draft(answers(), 2) == DraftRemoved(), "back to blank: the draft goes"
    assert draft_files(journal) == []


def test_saving_a_new_reflection_writes_its_file_and_removes_the_draft(journal, drafts):
    session = new_session(journal, drafts)
    values = answers(about_company="Acme Robotics", about_role="Data engineer")
    session.keep_draft(values, 1)
    outcome = session.save(values)
    assert isinstance(outcome, Saved)
    assert outcome.path.name == f"2026-11-25-acme-robotics-{session.entry_id[:8]}.toml"
    data = tomllib.loads(outcome.path.read_text("utf-8"))
    assert data["about"] == {"company": "Acme Robotics", "role": "Data engineer"}
    assert data["id"] == session.entry_id
    assert draft_files(journal) == []
    assert session.ended == outcome
    assert not session.has_unsaved_work(values), "nothing of it is pending any more"
    assert session.keep_draft(values, 1, force=True) == DraftUnchanged(), "never drafted again"
    assert draft_files(journal) == []


def test_answers_that_are_not_valid_say_what_to_fix_and_write_nothing(journal, drafts):
    session = new_session(journal, drafts)
    outcome = session.save(answers(about_role="Designer"))
    assert isinstance(outcome, Invalid)
    assert [issue.path for issue in outcome.issues] == ["about.company"]
    assert session.issues(answers(about_role="Designer")) == outcome.issues
    assert session.issues(answers(about_company="Acme")) == []
    assert journal.entry_files() == [] and session.ended is None


def test_a_discarded_reflection_is_never_drafted_again(journal, drafts):
    session = new_session(journal, drafts)
    session.keep_draft(answers(about_company="Gone Inc"), 1)
    session.discarded = True
    session.discard_draft()
    assert session.keep_draft(answers(about_company="Gone Inc"), 1, force=True) == DraftUnchanged()
    assert draft_files(journal) == []


# -- picking a draft up again -------------------------------------------------------------


def test_resuming_a_draft_keeps_its_ids_step_and_answers(journal, drafts):
    first = new_session(journal, drafts)
    values = answers(about_company="Initech", learn_prepare_better="Practise joins")
    first.keep_draft(values, 2)
    [draft] = drafts.load_all()

    session, note = resume(journal, drafts, clock, ids(), draft)
    assert note is None
    assert (session.entry_id, session.draft_id) == (first.entry_id, first.draft_id)
    assert session.created == first.created and session.start_panel == 2
    assert session.initial["about.company"] == "Initech"
    assert session.initial["learn.prepare_better"] == "Practise joins"
    assert isinstance(session.save(values), Saved)
    assert draft_files(journal) == [], "the same draft file, removed once saved"


def test_a_draft_naming_a_file_outside_entries_becomes_a_new_reflection(journal, drafts):
    outside = journal.paths.root / "elsewhere.toml"
    outside.write_text("x = 1\n", "utf-8")
    draft = Draft("d" * 32, "e" * 32, FIXED_NOW, FIXED_NOW, editing="../elsewhere.toml")
    session, note = resume(journal, drafts, clock, ids(), draft)
    assert note == NotInEntries()
    assert session.entry_path is None and session.entry_id == f"{1:032x}"
    assert isinstance(session.save(answers(about_company="Mine")), Saved)
    assert outside.read_text("utf-8") == "x = 1\n"


def test_a_draft_of_a_file_gone_since_still_edits_it_and_offers_a_copy(journal, drafts):
    path = saved_sample(journal)
    entry, seen = journal.load(path)
    draft = Draft(
        "d" * 32, entry.id, FIXED_NOW, FIXED_NOW, editing=path.name, base_fingerprint=seen
    )
    path.unlink()
    session, note = resume(journal, drafts, clock, ids(), draft)
    assert note == Unreadable(path.name, gone=True)
    assert session.entry_path == path and session.entry_id == entry.id
    assert session.save(answers(about_company="Still mine")) == ChangedOnDisk(path, None)
    assert not path.exists()


# -- editing a saved reflection -----------------------------------------------------------


def test_editing_a_saved_file_replaces_it_keeping_what_this_version_does_not_show(journal, drafts):
    path = saved_sample(journal)
    session = edit(journal, drafts, path)
    assert session.entry_id == "ab" * 16 and session.created == FIXED_NOW
    values = dict(session.initial)
    assert not session.has_unsaved_work(values), "opened, nothing changed yet"
    values["about.role"] = "Platform engineer"
    assert session.has_unsaved_work(values)
    kept = session.keep_draft(values, 1)
    assert isinstance(kept, DraftWritten)
    assert tomllib.loads(kept.path.read_text("utf-8"))["editing"] == path.name

    assert session.save(values) == Saved(path)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["about"]["role"] == "Platform engineer"
    assert data["from_the_future"] == {"x": 1}
    assert data["id"] == "ab" * 16
    assert journal.entry_files() == [path] and draft_files(journal) == []


def test_changed_on_disk_then_mine_is_saved_as_a_copy(journal, drafts):
    path = saved_sample(journal)
    session = edit(journal, drafts, path)
    values = {**session.initial, "about.role": "My new role"}
    session.keep_draft(values, 1)
    path.write_text(path.read_text("utf-8").replace("Backend engineer", "Theirs"), "utf-8")
    theirs = path.read_bytes()

    assert session.save(values) == ChangedOnDisk(path, fingerprint(theirs))
    assert path.read_bytes() == theirs and session.ended is None
    assert session.drafted, "mine is still in drafts meanwhile"

    copy = session.save_as_copy(values)
    assert isinstance(copy, Saved) and copy.path != path
    data = tomllib.loads(copy.path.read_text("utf-8"))
    assert data["about"]["role"] == "My new role"
    assert data["id"] not in {"ab" * 16, session.entry_id}
    assert path.read_bytes() == theirs, "theirs untouched"
    assert draft_files(journal) == []


def test_changed_on_disk_then_theirs_is_reloaded(journal, drafts):
    path = saved_sample(journal)
    session = edit(journal, drafts, path)
    values = {**session.initial, "about.role": "Mine"}
    session.keep_draft(values, 1)
    path.write_text(path.read_text("utf-8").replace("Backend engineer", "Theirs"), "utf-8")
    theirs = path.read_bytes()
    assert isinstance(session.save(values), ChangedOnDisk)

    assert session.reload() == Reloaded(path)
    assert session.ended == Reloaded(path)
    assert not session.has_unsaved_work(values)
    assert draft_files(journal) == []
    assert session.keep_draft(values, 1, force=True) == DraftUnchanged()
    assert path.read_bytes() == theirs and journal.entry_files() == [path]


# -- failures -----------------------------------------------------------------------------


def fail_writes(monkeypatch: pytest.MonkeyPatch, folder: str, code: int) -> dict[str, bool]:
    """Make writes into `folder` ("entries" or "drafts") fail with `code`, while on."""
    real_write = fsutil.os.write
    failing = {"on": True}

    def write(fd: int, data: bytes) -> int:
        if failing["on"] and f"/{folder}/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(fsutil.os, "write", write)
    return failing


def test_a_full_disk_on_save_writes_nothing_keeps_the_draft_and_a_retry_saves(
    journal, drafts, monkeypatch
):
    failing = fail_writes(monkeypatch, "entries", errno.ENOSPC)
    session = new_session(journal, drafts)
    values = answers(about_company="Stark Industries")
    outcome = session.save(values)
    assert isinstance(outcome, Failed)
    assert outcome.cause == "the disk is full" and outcome.error.errno == errno.ENOSPC
    assert list(journal.paths.entries.iterdir()) == [], "nothing partial is left"
    assert session.ended is None and session.has_unsaved_work(values)
    assert isinstance(session.keep_draft(values, 1, force=True), DraftWritten)
    assert session.drafted

    failing["on"] = False
    saved = session.save(values)
    assert isinstance(saved, Saved) and journal.entry_files() == [saved.path]
    assert draft_files(journal) == []


def test_a_draft_that_cant_be_kept_is_said_once_and_not_retried_for_the_same_words(
    journal, drafts, monkeypatch
):
    failing = fail_writes(monkeypatch, "drafts", errno.ENOSPC)
    session = new_session(journal, drafts)
    values = answers(about_company="Acme")
    assert session.keep_draft(values, 1) == DraftFailed("the disk is full", first=True)
    assert session.keep_draft(values, 1) == DraftFailed("the disk is full", first=False)
    assert session.keep_draft(answers(about_company="Acme Co"), 1) == DraftFailed(
        "the disk is full", first=False
    ), "still failing: not said again"
    assert not session.drafted and draft_files(journal) == []

    failing["on"] = False
    assert isinstance(session.keep_draft(answers(about_company="Acme Co"), 1), DraftFailed)
    assert isinstance(
        session.keep_draft(answers(about_company="Acme Co"), 1, force=True), DraftWritten
    )
    assert session.drafted


def test_a_removed_journal_folder_is_not_recreated_by_a_save(journal, drafts):
    session = new_session(journal, drafts)
    values = answers(about_company="Wayne Enterprises")
    for folder in (journal.paths.entries, journal.paths.root):
        folder.rmdir()
    outcome = session.save(values)
    assert isinstance(outcome, Failed) and outcome.cause == "the folder is gone"
    assert isinstance(session.keep_draft(values, 1), DraftFailed)
    assert not journal.paths.root.exists()


def test_a_reflection_too_long_to_read_back_is_not_saved(journal, drafts, monkeypatch):
    monkeypatch.setattr(tomlio, "MAX_FILE_BYTES", 2000)
    session = new_session(journal, drafts)
    values = answers(about_company="Acme", personal_what_happened="word " * 1000)
    assert session.save(values) == TooLarge(2000)
    assert journal.entry_files() == []
    assert isinstance(session.keep_draft(values, 1), DraftWritten), "a draft holds more"


# -- a file from a newer version ----------------------------------------------------------


def make_newer(path: Path) -> bytes:
    data = tomllib.loads(path.read_text("utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path.read_bytes()


def test_a_file_a_newer_version_wrote_is_never_rewritten(journal, drafts):
    path = saved_sample(journal)
    before = make_newer(path)
    session = edit(journal, drafts, path)
    outcome = session.save({**session.initial, "about.role": "Mine"})
    assert isinstance(outcome, ReadOnly) and "newer version" in outcome.cause
    assert path.read_bytes() == before


def test_a_draft_of_a_file_a_newer_version_rewrote_becomes_a_new_reflection(journal, drafts):
    path = saved_sample(journal)
    before = make_newer(path)
    draft = Draft(
        "d" * 32,
        "ab" * 16,
        FIXED_NOW,
        FIXED_NOW,
        values={"about.company": "Northwind Labs", "about.role": "Mine"},
        editing=path.name,
        base_fingerprint=fingerprint(before),
    )
    session, note = resume(journal, drafts, clock, ids(), draft)
    assert note == WrittenByNewer(path.name)
    assert session.entry_path is None and session.fingerprint is None
    assert session.entry_id == f"{1:032x}", "an id of its own"
    saved = session.save({**answers(), **session.initial})
    assert isinstance(saved, Saved) and saved.path != path
    assert path.read_bytes() == before
    assert tomllib.loads(saved.path.read_text("utf-8"))["about"]["role"] == "Mine"
