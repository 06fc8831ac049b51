"""``recovery-tui import`` of damaged exports (each reflection all or nothing, with its number
and why) and ``export`` to a terminal (nothing in a reflection can act on it)."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui import cli
from recovery_tui.core.export import export_json
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.core.paths import ENV_CACHE, ENV_DIR, JournalPaths
from tests.conftest import FIXED_NOW
from tests.samples import write_samples


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.delenv(ENV_DIR, raising=False)


def sample_export() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(JournalPaths(Path(folder)))
        entries = [journal.read(path) for path in write_samples(journal)]
    return json.loads(export_json(entries))


SAMPLE_EXPORT = sample_export()


def run_import(document: dict[str, Any], folder: Path, capsys) -> tuple[int, list[str], str]:
    source = folder / "backup.json"
    # ensure_ascii: a lone surrogate is written as the escape \ud800, as some tools do.
    source.write_text(json.dumps(document, ensure_ascii=True), "utf-8")
    code = cli.main(["import", str(source), "--dir", str(folder / "journal")])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def set_in(document: dict[str, Any], number: int, path: tuple[str, ...], value: object) -> None:
    place = document["entries"][number - 1]
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        (("about", "company"), "Init\ud800ech", "about.company has a broken character"),
        (("personal", "what_happened"), "\udfff", "personal.what_happened has a broken"),
        (("odd\u0000key",), None, "odd\u2400key is empty (null)"),
        (("later",), {"notes": [1, {"seen": None}]}, "later.notes.2.seen is empty (null)"),
        (("\ud800",), 1, "a name in the reflection has a broken character"),
        (("learn", "fit"), "four", "Use a whole number from 1 to 5"),
        (("about",), [], "about"),
    ],
)
def test_a_bad_reflection_is_skipped_with_its_number_and_why(
    tmp_path: Path, capsys, path: tuple[str, ...], value: object, why: str
) -> None:
    document = copy.deepcopy(SAMPLE_EXPORT)
    set_in(document, 2, path, value)
    code, lines, err = run_import(document, tmp_path, capsys)
    assert code == 1 and err == ""
    [problem] = [line for line in lines if "can't be imported" in line]
    assert problem.startswith("Reflection 2 of 3 can't be imported") and why in problem
    assert lines[-1].startswith("Added 2 reflections") and "1 couldn't be imported" in lines[-1]
    journal = Journal(JournalPaths(tmp_path / "journal"))
    kept = sorted(journal.read(path).about.company for path in journal.entry_files())
    assert len(kept) == 2 and all("\ud800" not in name for name in kept)


_odd_text = st.lists(
    st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b[31m", "\u2028", "\x9b", "é", "a"])
    | st.characters(),
    max_size=6,
).map("".join)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _odd_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_odd_text, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def damaged_exports(draw: st.DrawFn) -> dict[str, Any]:
    """The sample export with a few values replaced, keys added or fields taken out."""
    document = copy.deepcopy(SAMPLE_EXPORT)
    for _ in range(draw(st.integers(1, 3))):
        place: Any = draw(st.sampled_from(document["entries"]))
        while isinstance(place, dict) and place and draw(st.booleans()):
            inner = place[draw(st.sampled_from(sorted(place)))]
            if not isinstance(inner, dict):
                break
            place = inner
        action = draw(st.sampled_from(["replace", "add", "remove"]))
        if action == "add" or not place:
            place[draw(_odd_text)] = draw(_json_values)
        elif action == "replace":
            place[draw(st.sampled_from(sorted(place)))] = draw(_json_values)
        else:
            del place[draw(st.sampled_from(sorted(place)))]
    return document


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=damaged_exports())
def test_a_damaged_export_never_breaks_import(document: dict[str, Any], capsys) -> None:
    with tempfile.TemporaryDirectory() as folder:
        code, lines, err = run_import(document, Path(folder), capsys)
        problems = [line for line in lines if line.startswith("Reflection ")]
        assert lines[-1].startswith("Added "), lines
        assert code == (1 if problems else 0), lines
        assert err == "" and "Traceback" not in "\n".join(lines)
        assert all(" of 3 " in line for line in problems)
        journal = Journal(JournalPaths(Path(folder) / "journal"))
        files = journal.entry_files() if journal.paths.entries.is_dir() else []
        for path in files:  # what was imported reads back as a valid reflection
            journal.read(path)
        assert len(files) + len(problems) <= 3


# --- export to a terminal ----------------------------------------------------------------

TRICKY = "Saw \x1b]0;owned\x07 and \x1b[2J and \x9b31m, then a tab\there.\nNext line."


@pytest.fixture
def tricky_journal(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    entry = build_entry(
        {"about": {"company": "Acme\x1b[31m"}, "personal": {"what_happened": TRICKY}},
        id="ab" * 16,
        created=FIXED_NOW,
        updated=FIXED_NOW,
    )
    Journal(JournalPaths(folder)).save(entry)
    return folder


def raw_controls(text: str) -> list[str]:
    return [c for c in text if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)]


def test_markdown_on_the_screen_has_no_raw_control_characters(tricky_journal: Path, capsys):
    assert cli.main(["export", "--dir", str(tricky_journal)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert "Saw ␛" in out and "owned␇" in out and "Next line." in out


def test_json_on_the_screen_is_escaped_and_reads_back_exactly(tricky_journal: Path, capsys):
    assert cli.main(["export", "--format", "json", "--dir", str(tricky_journal)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    [entry] = json.loads(out)["entries"]
    assert entry["personal"]["what_happened"] == TRICKY
    assert cli.main(["list", "--json", "--dir", str(tricky_journal)]) == 0
    listed = capsys.readouterr().out
    assert raw_controls(listed) == [] and json.loads(listed)[0]["company"] == "Acme\x1b[31m"


def test_a_file_written_with_out_keeps_the_exact_text(
    tricky_journal: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "all.md"
    assert cli.main(["export", "--out", str(target), "--dir", str(tricky_journal)]) == 0
    written = target.read_text("utf-8")
    assert "Saw \x1b" in written and "owned\x07" in written and "\x9b31m" in written
    backup = tmp_path / "all.json"
    argv = ["export", "--format", "json", "--out", str(backup), "--dir", str(tricky_journal)]
    assert cli.main(argv) == 0
    [entry] = json.loads(backup.read_text("utf-8"))["entries"]
    assert entry["personal"]["what_happened"] == TRICKY
    assert raw_controls(capsys.readouterr().err) == []
