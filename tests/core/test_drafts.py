"""Draft files: checked as strictly as entries, damaged ones listed and left alone, and never
written larger than they are read back."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from recovery_tui.core import drafts as drafts_module
from recovery_tui.core import tomlio
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.paths import JournalPaths
from tests.fifo import harmless_fifo

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
GOOD: dict[str, Any] = {
    "draft_version": 1,
    "id": "d" * 32,
    "entry_id": "e" * 32,
    "created": NOW,
    "updated": NOW,
    "panel": 2,
    "values": {"about.company": "Northwind Labs", "about.stage": "after_interview"},
}


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    paths = JournalPaths(tmp_path / "journal")
    paths.drafts.mkdir(parents=True)
    return DraftStore(paths)


def write(store: DraftStore, name: str, **changes: Any) -> Path:
    data = {**GOOD, **changes}
    for key in [k for k, v in changes.items() if v is None]:
        del data[key]
    path = store.folder / f"{name}.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


BAD = {
    "created-not-a-date": {"created": "yesterday"},
    "updated-a-plain-date": {"updated": NOW.date()},
    "updated-without-zone": {"updated": NOW.replace(tzinfo=None)},
    "stage-outside-choices": {"values": {"about.stage": "hired_after_all"}},
    "trap-outside-choices": {"values": {"personal.traps": ["overgeneralising", "nope"]}},
    "rating-out-of-range": {"values": {"personal.sting_before": 140}},
    "rating-not-a-number": {"values": {"personal.sting_before": "a lot"}},
    "company-a-number": {"values": {"about.company": 3}},
    "values-a-list": {"values": ["a", "b"]},
    "panel-text": {"panel": "two"},
    "panel-true": {"panel": True},
    "editing-a-number": {"editing": 7},
    "fingerprint-a-list": {"base_fingerprint": ["x"]},
    "entry-id-a-path": {"entry_id": "../../etc"},
    "newer-format": {"draft_version": 2},
    "unknown-question": {"values": {"personal.mood_colour": "Teal, all of it."}},
    "created-missing": {"created": None},
}


def test_every_bad_field_makes_a_damaged_draft_that_is_left_alone(store):
    good = write(store, "d" * 32)
    bad = {name: write(store, name, **changes) for name, changes in BAD.items()}
    (store.folder / "not-toml.toml").write_text("values = [", "utf-8")
    (store.folder / "latin1.toml").write_bytes(b'id = "caf\xe9"\n')
    before = {path: path.read_bytes() for path in store.folder.iterdir()}

    drafts, damaged = store.load()

    assert [d.id for d in drafts] == ["d" * 32]
    assert drafts[0].values["about.stage"] == "after_interview"
    reasons = {d.path.name.removesuffix(".toml"): d.reason for d in damaged}
    assert set(reasons) == {*BAD, "not-toml", "latin1"}
    assert reasons["created-not-a-date"] == "its dates aren't dates"
    assert "newer version" in reasons["newer-format"]
    assert "isn't valid TOML" in reasons["not-toml"]
    assert "UTF-8" in reasons["latin1"]
    assert reasons["stage-outside-choices"] == (
        "the answer to “Where it ended” isn't one this version can show"
    )
    assert all("!" not in reason for reason in reasons.values())
    assert store.load_all() == drafts
    assert {path: path.read_bytes() for path in store.folder.iterdir()} == before
    assert good in before and all(path in before for path in bad.values())


def test_a_fifo_a_folder_and_a_link_in_drafts_are_damaged_without_being_opened(store, tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text(tomli_w.dumps(GOOD), "utf-8")
    (store.folder / "link.toml").symlink_to(outside)
    (store.folder / "folder.toml").mkdir()
    with harmless_fifo(store.folder / "pipe.toml"):
        drafts, damaged = store.load()
    assert drafts == []
    assert {d.path.name for d in damaged} == {"link.toml", "folder.toml", "pipe.toml"}
    assert {d.reason for d in damaged} == {"it isn't a regular file"}


def test_the_draft_id_is_its_file_name_never_a_path_inside_it(store):
    write(store, "a" * 32, id="../entries/2026-11-24-northwind-labs-abcdef12")
    (draft,) = store.load_all()
    assert draft.id == "a" * 32
    assert store.path_for(draft.id) == store.folder / f"{'a' * 32}.toml"
    with pytest.raises(ValueError):
        store.path_for("../entries/2026-11-24-northwind-labs-abcdef12")


def test_a_draft_is_never_written_larger_than_a_draft_is_read(store, monkeypatch):
    monkeypatch.setattr(drafts_module, "MAX_FILE_BYTES", 64 * 1024)
    path = write(store, "d" * 32)
    before = path.read_bytes()
    draft = store.load_all()[0]
    huge = Draft(**{**draft.__dict__, "values": {"personal.what_happened": "x" * 70_000}})
    with pytest.raises(drafts_module.DraftTooLarge):
        store.save(huge)
    assert path.read_bytes() == before, "the draft kept before stays"
    # Just under the limit: written, and read back.
    fits = Draft(**{**draft.__dict__, "values": {"personal.what_happened": "x" * 60_000}})
    assert store.save(fits).stat().st_size <= 64 * 1024
    assert store.load_all()[0].values["personal.what_happened"] == "x" * 60_000
    # Over the limit on disk (written by something else): damaged, never read whole.
    path.write_bytes(before + b"#" * 70_000)
    assert [d.reason for d in store.load()[1]] == ["it is too large to be a draft"]


def test_a_draft_holds_an_answer_too_long_to_save_as_a_reflection(store):
    """Drafts may be larger than reflections, so an answer that is too long to save is kept
    as a draft while it is shortened."""
    assert drafts_module.MAX_FILE_BYTES > tomlio.MAX_FILE_BYTES
    long = "x" * (tomlio.MAX_FILE_BYTES + 1)
    draft = Draft(
        id="d" * 32,
        entry_id="e" * 32,
        created=NOW,
        updated=NOW,
        values={"about.company": "Northwind", "personal.what_happened": long},
    )
    path = store.save(draft)
    assert os.path.getsize(path) > tomlio.MAX_FILE_BYTES
    assert store.load_all()[0].values["personal.what_happened"] == long


@pytest.mark.parametrize(
    ("seconds_before", "said"),
    [
        (10, "just now"),
        (60, "a minute ago"),
        (5 * 60, "5 minutes ago"),
        (3600, "an hour ago"),
        (3 * 3600, "3 hours ago"),
        (86400 + 3600, "yesterday"),
        (4 * 86400, "4 days ago"),
        (30 * 86400, "2026-10-25"),
    ],
)
def test_a_draft_says_what_it_holds_and_when(seconds_before: int, said: str) -> None:
    from datetime import timedelta

    from recovery_tui.core.drafts import describe

    updated = NOW - timedelta(seconds=seconds_before)
    draft = Draft(id="d" * 32, entry_id="e" * 32, created=updated, updated=updated, panel=2)
    draft.values = {"about.company": "Acme"}
    assert describe(draft, NOW) == f"Acme  ·  step 2  ·  {said}"
    draft.editing = "2026-11-01-acme-eeeeeeee.toml"
    assert describe(draft, NOW).startswith("changes to Acme  ·  step 2")


def test_a_discarded_draft_is_gone_and_the_others_stay(store: DraftStore) -> None:
    write(store, "d" * 32)
    write(store, "a" * 32, id="a" * 32)
    drafts, _ = store.load()
    store.discard(next(d for d in drafts if d.id == "d" * 32))
    assert [d.id for d in store.load()[0]] == ["a" * 32]
