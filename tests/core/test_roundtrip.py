"""Entry -> TOML file -> Entry loses nothing, whatever a person types."""

from __future__ import annotations

import re
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core import tomlio
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION, build_entry, new_id
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.prompts import Stage

_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
TEXT_FIELDS = [
    ("about", "role"),
    ("personal", "what_happened"),
    ("personal", "recurring_thought"),
    ("personal", "other_reasons"),
    ("personal", "balanced_thought"),
    ("learn", "prepare_better"),
    ("learn", "fit_notes"),
    ("learn", "feedback", "said"),
    ("learn", "past_successes", "reuse"),
    ("prepare", "carry_forward"),
]
LINE_FIELDS = [
    ("learn", "unready_questions"),
    ("learn", "skills"),
    ("prepare", "pipeline"),
    ("prepare", "people"),
]
TAGS = ("about", "tags")

# Pieces that break naive TOML writers: quotes, escapes, delimiters, control characters.
TRICKY = [
    '"',
    '""',
    '"""',
    '""""',
    "'",
    "'''",
    "\\",
    "\\\\",
    "\\n",
    "\\u0000",
    "\\U0001F600",
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    "\t",
    " ",
    "\u00a0",
    "\u3000",
    ",",
    "#",
    "=",
    "[about]",
    "[[prepare.actions]]",
    "a = 1",
    "e\u0301",
    "👩‍👩‍👧",
    "עברית",
]

# Any code point except surrogates (which UTF-8 cannot encode at all).
any_char = st.characters(exclude_categories=("Cs",))
texts = st.one_of(
    st.text(any_char),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(any_char, max_size=3)), max_size=12).map(
        "".join
    ),
)


def normalise(text: str) -> str:
    """What the model promises for a text field (independent of the model's own code)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def split(text: str, separators: str) -> list[str]:
    parts = re.split(f"[{separators}]", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [normalise(part) for part in parts if normalise(part)]


def expected_list(value: str | list[str], separators: str) -> list[str]:
    if isinstance(value, str):
        return split(value, separators)
    return [normalise(item) for item in value if normalise(item)]


def get(obj: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        obj = getattr(obj, part)
    return obj


def lookup(form: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        form = form[part]
    return form


def put(form: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        form = form.setdefault(part, {})
    form[path[-1]] = value


minute_offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
times = st.datetimes(
    min_value=datetime(1000, 1, 1), max_value=datetime(9998, 12, 31), timezones=minute_offsets
)
list_values = st.one_of(texts, st.lists(texts, max_size=4))


@st.composite
def forms(draw: st.DrawFn) -> dict[str, Any]:
    form: dict[str, Any] = {}
    put(form, ("about", "company"), draw(texts.filter(lambda t: normalise(t) != "")))
    for path in TEXT_FIELDS:
        put(form, path, draw(texts))
    for path in [*LINE_FIELDS, TAGS]:
        put(form, path, draw(list_values))
    actions = draw(st.lists(st.tuples(texts, st.booleans()), max_size=4))
    put(form, ("prepare", "actions"), [{"text": text, "done": done} for text, done in actions])
    put(form, ("about", "stage"), draw(st.none() | st.sampled_from(list(Stage))))
    put(form, ("about", "news_date"), draw(st.none() | st.dates()))
    put(form, ("personal", "sting_before"), draw(st.none() | st.integers(0, 100)))
    put(form, ("learn", "fit"), draw(st.none() | st.integers(1, 5)))
    return form


def comparable(value: Any) -> Any:
    """tomlkit and tomllib values as plain, comparable Python (datetimes as instants)."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, datetime):
        return ("datetime", value.astimezone(UTC).isoformat(), value.utcoffset())
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, str):
        return str(value)
    return value


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(form=forms(), created=times, id=st.uuids().map(lambda u: u.hex))
def test_any_text_survives_save_and_read(form: dict[str, Any], created: datetime, id: str):
    entry = build_entry(form, id=id, created=created, updated=created + timedelta(minutes=5))

    # The model's normalisation, per field.
    assert entry.about.company == normalise(form["about"]["company"])
    for path in TEXT_FIELDS:
        assert get(entry, path) == normalise(lookup(form, path))
    for path in LINE_FIELDS:
        assert get(entry, path) == expected_list(lookup(form, path), "\n")
    assert entry.about.tags == expected_list(form["about"]["tags"], ",\n")
    assert [(a.text, a.done) for a in entry.prepare.actions] == [
        (normalise(a["text"]), a["done"])
        for a in form["prepare"]["actions"]
        if normalise(a["text"])
    ]

    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(JournalPaths(Path(folder) / "journal"))
        path = journal.save(entry)
        raw = path.read_bytes()
        again = journal.read(path)

    assert again == entry
    assert again.model_dump() == entry.model_dump()
    for path_parts in [*TEXT_FIELDS, *LINE_FIELDS, TAGS, ("about", "company")]:
        assert get(again, path_parts) == get(entry, path_parts)

    # The file is valid TOML for an independent parser too, with the same values.
    text = raw.decode("utf-8")
    assert comparable(tomlkit.parse(text).unwrap()) == comparable(tomllib.loads(text))


@pytest.mark.parametrize("piece", TRICKY)
def test_each_tricky_piece_round_trips_in_every_kind_of_field(piece, tmp_path):
    value = f"a{piece}b"
    form: dict[str, Any] = {"about": {"company": value, "tags": [value]}}
    for path in TEXT_FIELDS:
        put(form, path, value)
    for path in LINE_FIELDS:
        put(form, path, [value, f"{piece}\n{value}"])
    form["prepare"]["actions"] = [{"text": value}]
    entry = build_entry(form, id=new_id(), created=_NOW, updated=_NOW)
    journal = Journal(JournalPaths(tmp_path))
    again = journal.read(journal.save(entry))
    assert again == entry
    assert again.about.company == normalise(value)
    text = journal.entry_files()[0].read_text(encoding="utf-8")
    assert comparable(tomlkit.parse(text).unwrap()) == comparable(tomllib.loads(text))


FILE_WITH_UNKNOWN_KEYS = """\
schema_version = 1
id = "0123456789abcdef0123456789abcdef"
created = 2026-11-24T09:30:00Z
updated = 2026-11-24T10:00:00+01:00
future_top = "from a newer version"
future_numbers = [1, 2, 3]

[about]
company = "Northwind Labs"
stage = "after_final_round"
mood = "tired"
details = { source = "email", length = 2 }

[personal]
what_happened = "A two-line email."
sting_before = 80
energy = 3

[learn]
fit = 4

[learn.feedback]
status = "asked"
via = "LinkedIn"

[learn.future_panel]
notes = "kept"

[[prepare.actions]]
text = "Email Sam"
done = true
priority = "high"

[[prepare.actions]]
text = "Update CV"
due = 2026-12-01
effort = { hours = 2 }

[future_table]
nested = { deeper = { deepest = "yes" } }
when = 2026-01-02
"""


def test_unknown_keys_survive_read_and_save(tmp_path):
    journal = Journal(JournalPaths(tmp_path))
    journal.ensure()
    path = journal.paths.entries / "2026-11-24-northwind-labs-01234567.toml"
    path.write_text(FILE_WITH_UNKNOWN_KEYS, encoding="utf-8")
    original = tomllib.loads(FILE_WITH_UNKNOWN_KEYS)

    entry = journal.read(path)
    entry.personal.sting_before = 60  # an edit in this version
    journal.save(entry, path)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))

    assert saved["future_top"] == original["future_top"]
    assert saved["future_numbers"] == [1, 2, 3]
    assert saved["future_table"] == original["future_table"]
    assert saved["about"]["mood"] == "tired"
    assert saved["about"]["details"] == {"source": "email", "length": 2}
    assert saved["personal"]["energy"] == 3
    assert saved["learn"]["feedback"]["via"] == "LinkedIn"
    assert saved["learn"]["future_panel"] == {"notes": "kept"}
    assert saved["prepare"]["actions"][0]["priority"] == "high"
    assert saved["prepare"]["actions"][1]["effort"] == {"hours": 2}
    assert saved["personal"]["sting_before"] == 60

    # Apart from the edit and a default made explicit, the saved data equals the original.
    original["personal"]["sting_before"] = 60
    original["prepare"]["actions"][1]["done"] = False
    assert comparable(saved) == comparable(original)
    assert journal.read(path) == entry


def test_file_from_a_newer_version_is_flagged_keeps_its_version_and_is_never_rewritten(
    tmp_path,
):
    text = FILE_WITH_UNKNOWN_KEYS.replace("schema_version = 1", "schema_version = 99")
    journal = Journal(JournalPaths(tmp_path))
    journal.ensure()
    path = journal.paths.entries / "2026-11-24-northwind-labs-01234567.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()

    entry = journal.read(path)
    assert entry.schema_version == 99
    assert entry.is_from_newer_version
    assert SCHEMA_VERSION < 99
    assert tomllib.loads(tomlio.dumps(entry))["schema_version"] == 99

    # Read-only means read-only: this version never writes it back (issue 11, item 7).
    with pytest.raises(ValueError, match="newer version"):
        journal.save(entry, path)
    assert path.read_bytes() == before
    assert journal.read(path).is_from_newer_version


def test_saved_file_is_readable_toml_in_panel_order(tmp_path):
    form = {
        "about": {"company": "Northwind Labs", "tags": "remote, fintech"},
        "personal": {"what_happened": "line one\nline two"},
        "prepare": {"actions": [{"text": "Email Sam", "due": "2026-12-01"}]},
    }
    entry = build_entry(form, id=new_id(), created=_NOW, updated=_NOW)
    journal = Journal(JournalPaths(tmp_path))
    text = journal.save(entry).read_text(encoding="utf-8")
    # Long answers are multi-line strings, empty optional fields are left out.
    assert 'what_happened = """\nline one\nline two"""' in text
    assert "role" not in text
    assert "sting_before" not in text
    assert text.index("[about]") < text.index("[personal]") < text.index("[prepare]")
    assert text.index("schema_version") < text.index("id =") < text.index("created =")
    assert tomlio.loads(text) == entry


def test_bom_is_accepted_on_read(tmp_path):
    entry = build_entry({"about": {"company": "A"}}, id=new_id(), created=_NOW, updated=_NOW)
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbf" + tomlio.dumps(entry).encode())
    assert Journal(JournalPaths(tmp_path)).read(path) == entry
