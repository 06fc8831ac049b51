"""Schema 2, migrated safely: a version-1 journal opens as before, and each file becomes
version 2 only when the person saves an edit of theirs, with every word kept.

The version-1 journal is `tests/fixtures/v1_demo/`: 24 reflections written by `write_demo`
(seed 14) at commit 0405b5b, the last one whose code wrote version 1. It is committed rather
than made at test time, so it stays what version 1 really wrote while the demo and the model
move on. The test adds keys no version knows (top level, inside a step, inside an action),
as a file from elsewhere could carry.
"""

from __future__ import annotations

import io
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from recovery_tui.commands.check import check
from recovery_tui.core import actions, render
from recovery_tui.core.drafts import DraftStore
from recovery_tui.core.export import export_json, import_json
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION
from recovery_tui.core.session import Saved, Session
from recovery_tui.core.tomlio import entry_to_data
from tests.conftest import FIXED_NOW
from tests.steps import messages, open_for_edit, save

FIXTURE = Path(__file__).parent / "fixtures" / "v1_demo"


def leaves(data: Any, prefix: str = "") -> dict[str, Any]:
    """Every value in nested data by its path (lists by position): strings, numbers, dates."""
    if isinstance(data, dict):
        found: dict[str, Any] = {}
        for key, value in data.items():
            found.update(leaves(value, f"{prefix}{key}."))
        return found
    if isinstance(data, list):
        found = {}
        for number, value in enumerate(data):
            found.update(leaves(value, f"{prefix}{number}."))
        return found
    return {prefix.rstrip("."): data}


def with_unknown_keys(path: Path, number: int) -> None:
    data = tomllib.loads(path.read_text("utf-8"))
    data["from_elsewhere"] = f"kept {number}"
    data.setdefault("personal", {})["mood_colour"] = "teal\nand grey"
    if data.get("prepare", {}).get("actions"):
        data["prepare"]["actions"][0]["energy"] = "low"
    path.write_text(tomli_w.dumps(data, multiline_strings=True), "utf-8")


@pytest.fixture
def v1_journal(journal: Journal) -> Journal:
    journal.ensure()
    for number, source in enumerate(sorted(FIXTURE.glob("*.toml"))):
        target = journal.paths.entries / source.name
        shutil.copyfile(source, target)
        if number % 2 == 0:
            with_unknown_keys(target, number)
    return journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    from recovery_tui.core.paths import JournalPaths

    return Journal(JournalPaths(tmp_path / "journal"))


def test_the_fixture_is_version_1_as_written_then() -> None:
    files = sorted(FIXTURE.glob("*.toml"))
    assert len(files) == 24
    assert SCHEMA_VERSION == 2
    for path in files:
        assert tomllib.loads(path.read_text("utf-8"))["schema_version"] == 1


def test_every_file_upgrades_through_edit_and_save_with_every_word_kept(
    v1_journal: Journal,
) -> None:
    drafts = DraftStore(v1_journal.paths)
    files = v1_journal.entry_files()
    assert len(files) == 24
    for path in files:
        before_raw = tomllib.loads(path.read_text("utf-8"))
        entry, fingerprint = v1_journal.load(path)
        shown_before = render.render_markdown(entry_to_data(entry))
        assert entry.schema_version == 1
        session = Session(
            v1_journal, drafts, lambda: FIXED_NOW, lambda: "f" * 32,
            entry=entry, entry_path=path, fingerprint=fingerprint,
        )  # fmt: skip
        outcome = session.save(dict(session.initial))
        assert outcome == Saved(path)
        after_raw = tomllib.loads(path.read_text("utf-8"))
        assert after_raw["schema_version"] == 2
        before, after = leaves(before_raw), leaves(after_raw)
        changed = {key for key in before if before[key] != after.get(key)}
        assert changed == {"schema_version", "updated"}, (path.name, changed)
        # Nothing new either: the optional schema-2 fields stay out until answered.
        assert set(after) == set(before), (path.name, set(after) ^ set(before))
        assert after_raw["updated"] == FIXED_NOW
        reread = v1_journal.read(path)
        assert render.render_markdown(entry_to_data(reread)) == shown_before
        assert not list(v1_journal.paths.drafts.glob("*.toml"))


def test_writes_that_are_not_an_edit_keep_version_1(v1_journal: Journal) -> None:
    path = next(p for p in v1_journal.entry_files() if v1_journal.read(p).prepare.actions)
    before = leaves(tomllib.loads(path.read_text("utf-8")))
    first = v1_journal.read(path).prepare.actions[0]
    actions.set_action_done(v1_journal, path, 0, first.text, done=not first.done, now=FIXED_NOW)
    after = leaves(tomllib.loads(path.read_text("utf-8")))
    assert after["schema_version"] == 1
    changed = {key for key in before if before[key] != after.get(key)}
    assert changed <= {"updated", "prepare.actions.0.done"}


def test_check_export_and_import_take_both_versions(v1_journal: Journal, tmp_path: Path) -> None:
    files = v1_journal.entry_files()
    entry, fingerprint = v1_journal.load(files[0])
    session = Session(
        v1_journal, DraftStore(v1_journal.paths), lambda: FIXED_NOW, lambda: "f" * 32,
        entry=entry, entry_path=files[0], fingerprint=fingerprint,
    )  # fmt: skip
    assert isinstance(session.save(dict(session.initial)), Saved)
    versions = {tomllib.loads(p.read_text("utf-8"))["schema_version"] for p in files}
    assert versions == {1, 2}
    out = io.StringIO()
    assert check(v1_journal.paths, out) == 0, out.getvalue()
    entries = [entry for _, entry in v1_journal.read_all()[0]]
    document = export_json(entries)
    assert {item["schema_version"] for item in json.loads(document)["entries"]} == {1, 2}
    from recovery_tui.core.paths import JournalPaths

    elsewhere = Journal(JournalPaths(tmp_path / "elsewhere"))
    result = import_json(elsewhere, document)
    assert len(result.added) == 24 and not result.invalid
    for path in result.added:
        source = v1_journal.paths.entries / path.name
        assert leaves(tomllib.loads(path.read_text("utf-8"))) == leaves(
            tomllib.loads(source.read_text("utf-8"))
        )


async def test_editing_a_version_1_file_in_the_app_upgrades_it(
    make_app: Any, app_paths: Any
) -> None:
    journal = Journal(app_paths.journal)
    journal.ensure()
    source = sorted(FIXTURE.glob("*.toml"))[-1]
    target = journal.paths.entries / source.name
    shutil.copyfile(source, target)
    with_unknown_keys(target, 1)
    before = leaves(tomllib.loads(target.read_text("utf-8")))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_for_edit(pilot)
        await save(pilot)
        assert any("is safe in entries" in m for m in messages(app))
    after = leaves(tomllib.loads(target.read_text("utf-8")))
    assert after["schema_version"] == 2
    assert {key for key in before if before[key] != after.get(key)} == {
        "schema_version",
        "updated",
    }


@pytest.mark.parametrize(
    "extra",
    [
        {"personal": {"feelings": [{"name": ""}]}},
        {"personal": {"feelings": [{"name": "hurt", "strength": 101}]}},
        {"personal": {"belief": 140}},
        {"about": {"company": "A", "applied_via": "carrier_pigeon"}},
        {"own": [{"key": "a", "step": 4, "label": "L"}]},
        {"own": [{"key": "a", "step": 1, "label": ""}]},
        {"learn": {"feedback": {"first_asked": "soon"}}},
    ],
)
def test_the_index_refuses_schema_2_fields_the_model_refuses(extra: dict[str, Any]) -> None:
    from pydantic import ValidationError

    from recovery_tui.core.index import model_view
    from recovery_tui.core.models import Entry

    data: dict[str, Any] = {
        "schema_version": 2,
        "id": "ab" * 16,
        "created": FIXED_NOW,
        "updated": FIXED_NOW,
        "about": {"company": "A"},
        **extra,
    }
    with pytest.raises(ValidationError):
        Entry.model_validate(data)
    assert model_view.validated(data) is None
    good = {**data, "personal": {"feelings": [{"name": "hurt", "strength": 40}], "belief": 30}}
    good.update(about={"company": "A", "applied_via": "referral"}, learn={})
    good["own"] = [{"key": "a", "step": 2, "label": "L", "answer": "x"}]
    assert model_view.validated(good) is not None
