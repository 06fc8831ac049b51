"""Export to a Markdown document and to JSON; JSON imports back, skipping ids already there."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from recovery_tui.core.export import (
    NotAnExport,
    existing_ids,
    export_json,
    export_markdown,
    import_json,
)
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.paths import JournalPaths
from tests.conftest import FIXED_NOW
from tests.samples import write_samples


@pytest.fixture
def entries(journal: Journal) -> list[Entry]:
    return [journal.read(path) for path in write_samples(journal)]


def with_unknown_keys(entry: Entry) -> Entry:
    data = entry.model_dump()
    data["from_the_future"] = {"mood": "calm", "count": 3}
    data["about"]["pronouns"] = "they/them"
    data["prepare"]["actions"][0]["reminder"] = "morning"
    return Entry.model_validate(data)


def test_markdown_is_one_readable_document(entries: list[Entry]) -> None:
    text = export_markdown(entries)
    lines = text.splitlines()
    assert lines[0] == "# Recovery journal"
    assert "3 reflections." in lines
    titles = [line for line in lines if line.startswith("## ")]
    assert titles == [
        "## Northwind Labs, Backend engineer",
        "## Globex",
        "## Initech, Data analyst",
    ]
    assert "_Written 2026-11-25_" in lines
    # Panels and prompts are headings under each entry.
    assert lines.count("### 1 Don't take it personally") == 3
    assert "#### What would you tell a friend?" in lines
    assert "#### Questions you weren't ready for" in lines
    assert "- How would you scale the job queue?" in lines
    assert "- [ ] Email Sam at TalentBridge by 2026-11-27" in lines
    assert "- [x] Mock system design with Jo" in lines
    # No heading is ever deeper than level 4, and nothing is run together.
    assert not any(line.startswith("#####") for line in lines)
    assert "\n\n\n" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_escapes_what_people_typed(journal: Journal) -> None:
    entry = build_entry(
        {"about": {"company": "# Not a heading"}, "personal": {"what_happened": "*not bold*"}},
        id="ab" * 16,
        created=FIXED_NOW,
        updated=FIXED_NOW,
    )
    text = export_markdown([entry])
    assert "## \\# Not a heading" in text
    assert "\\*not bold\\*" in text


def test_markdown_of_nothing() -> None:
    assert export_markdown([]) == "# Recovery journal\n\n0 reflections.\n"


def test_json_document_keeps_every_field_and_unknown_keys(entries: list[Entry]) -> None:
    future = with_unknown_keys(entries[0])
    document = json.loads(export_json([future, *entries[1:]]))
    assert document["format"] == "recovery-tui"
    assert document["version"] == 1
    assert len(document["entries"]) == 3
    first = document["entries"][0]
    assert first == future.model_dump(mode="json")
    assert first["from_the_future"] == {"mood": "calm", "count": 3}
    assert first["about"]["pronouns"] == "they/them"
    assert first["prepare"]["actions"][0]["reminder"] == "morning"
    assert first["created"] == "2026-11-25T09:30:00+01:00"


def test_json_round_trips_through_import(entries: list[Entry], tmp_path: Path) -> None:
    future = with_unknown_keys(entries[0])
    text = export_json([future, *entries[1:]])
    other = Journal(JournalPaths(tmp_path / "other"))
    result = import_json(other, text, durable=False)
    assert (len(result.added), result.skipped, result.invalid) == (3, [], [])
    imported = {entry.id: entry for entry in (other.read(path) for path in result.added)}
    assert imported[future.id] == future
    for entry in entries[1:]:
        assert imported[entry.id] == entry
    # The files are where Journal.save puts them, private like every entry.
    assert all(path.parent == other.paths.entries for path in result.added)
    assert {path.stat().st_mode & 0o777 for path in result.added} == {0o600}

    again = import_json(other, text, durable=False)
    assert again.added == []
    assert sorted(again.skipped) == sorted(entry.id for entry in entries)
    assert len(other.entry_files()) == 3


def test_import_skips_ids_already_in_the_journal(journal: Journal, entries: list[Entry]) -> None:
    before = {path: path.read_bytes() for path in journal.entry_files()}
    changed = entries[0].model_copy(update={"about": entries[0].about.model_copy(
        update={"company": "Someone else"})})  # fmt: skip
    new = build_entry({"about": {"company": "Hooli"}}, id="cd" * 16,
                      created=FIXED_NOW - timedelta(days=9), updated=FIXED_NOW)  # fmt: skip
    result = import_json(journal, export_json([changed, new, new]), durable=False)
    assert result.skipped == [entries[0].id, new.id]  # the second copy of `new` too
    assert [journal.read(path).about.company for path in result.added] == ["Hooli"]
    for path, raw in before.items():
        assert path.read_bytes() == raw  # never overwritten


def test_import_lists_invalid_entries_without_their_text(journal: Journal) -> None:
    good = build_entry({"about": {"company": "Hooli"}}, id="ef" * 16,
                       created=FIXED_NOW, updated=FIXED_NOW)  # fmt: skip
    bad = good.model_dump(mode="json")
    bad.update(id="12" * 16)
    bad["about"]["company"] = ""
    bad["personal"]["sting_before"] = 900
    bad["personal"]["what_happened"] = "SECRET WORDS"
    future = good.model_dump(mode="json")
    future.update(id="34" * 16, schema_version=99)
    document = {"format": "recovery-tui", "version": 1,
                "entries": [bad, "not an entry", future, good.model_dump(mode="json")]}  # fmt: skip
    result = import_json(journal, json.dumps(document), durable=False)
    assert len(result.added) == 1
    assert len(result.invalid) == 3
    assert result.invalid[0].startswith("Reflection 1 of 4 can't be imported.")
    assert "Company" in result.invalid[0] and "stings" in result.invalid[0]
    assert result.invalid[1].startswith("Reflection 2 of 4 can't be imported")
    assert "Reflection 3 of 4 was written by a newer version" in result.invalid[2]
    assert not any("SECRET" in message for message in result.invalid)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"format": "something-else", "version": 1, "entries": []}',
        '{"format": "recovery-tui", "entries": []}',
        '{"format": "recovery-tui", "version": 2, "entries": []}',
        '{"format": "recovery-tui", "version": 1, "entries": {}}',
        "[" * 100_000,
    ],
)
def test_import_refuses_what_isnt_an_export(journal: Journal, text: str) -> None:
    with pytest.raises(NotAnExport) as caught:
        import_json(journal, text)
    assert "Nothing was imported" in str(caught.value)
    assert not journal.paths.root.exists()


def test_existing_ids_reads_only_matching_file_names(
    journal: Journal, entries: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    from recovery_tui.core import fsutil

    opened: list[str] = []
    real_read = fsutil.read_file

    def spy(path: Path, *args: object, **kwargs: object) -> bytes:
        opened.append(path.name)
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fsutil, "read_file", spy)
    wanted = [entries[1].id, "ff" * 16]
    assert existing_ids(journal, wanted) == {entries[1].id}
    assert len(opened) == 1 and entries[1].id[:8] in opened[0]
