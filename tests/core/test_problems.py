"""Damaged, foreign and conflicting files: found, named, explained, and never changed.

Also the trash (nothing is deleted outright), conflict resolution and the clean-up of temp
files our own interrupted writes leave behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core import fsutil, tomlio
from recovery_tui.core.conflicts import resolve_conflict
from recovery_tui.core.housekeeping import clean_stale_temp_files
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import SCHEMA_VERSION
from recovery_tui.core.problems.examine import check_file
from recovery_tui.core.problems.explain import Problem
from recovery_tui.core.problems.scan import find_problems
from recovery_tui.core.prompts import PROMPTS
from recovery_tui.core.sync_names import conflict_original, is_conflict_copy
from recovery_tui.core.trash import (
    move_to_trash,
    original_name,
    restore_from_trash,
    trashed_files,
)
from tests.samples import write_samples

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
#: Words that appear in the damaged files; no explanation may ever repeat them.
SECRET = "Marigold Quartz"
KINDS = {
    "not_toml",
    "invalid",
    "newer_version",
    "not_utf8",
    "too_large",
    "unreadable",
    "conflict",
    "foreign",
}


def entry_data(**sections: Any) -> dict[str, Any]:
    """A valid entry as plain data, with `sections` merged in (None removes a key)."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": "ab" * 16,
        "created": NOW,
        "updated": NOW,
        "about": {"company": f"{SECRET} Ltd", "news_date": NOW.date()},
        "personal": {"what_happened": f"{SECRET} said no on the phone.", "sting_before": 60},
        "learn": {"fit": 3},
    }
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def toml_bytes(data: dict[str, Any]) -> bytes:
    return tomli_w.dumps(data).encode("utf-8")


def label(path: str) -> str:
    return PROMPTS[path].label


LATIN1 = b'schema_version = 1\n[about]\ncompany = "Caf\xe9 Marigold Quartz"\n'
NUL = b'[about]\ncompany = "Mari\x00gold Quartz"\n'
SYNCTHING_COPY = "2026-11-25-northwind-labs-01010101.sync-conflict-20261125-101010-ABCDEFG.toml"

#: name -> (content, kind, where). Content None: made specially (a folder, a locked file).
CORPUS: dict[str, tuple[bytes | None, str, str]] = {
    "not-toml.toml": (
        b'what_happened = "Marigold Quartz"\nthis line is broken\n',
        "not_toml",
        "line 2, column 6",
    ),
    "date-syntax.toml": (b"[about]\nnews_date = 2026-13-45\n", "not_toml", "line 2, column 17"),
    "wrong-types.toml": (
        toml_bytes(entry_data(personal={"traps": SECRET}, learn={"fit": SECRET})),
        "invalid",
        f"{label('personal.traps')}, {label('learn.fit')}",
    ),
    "blank-company.toml": (
        toml_bytes(entry_data(about={"company": "   "})),
        "invalid",
        label("about.company"),
    ),
    "bad-date.toml": (
        toml_bytes(entry_data(about={"news_date": f"{SECRET} 32nd"})),
        "invalid",
        label("about.news_date"),
    ),
    "rating.toml": (
        toml_bytes(entry_data(personal={"sting_before": 250})),
        "invalid",
        label("personal.sting_before"),
    ),
    "missing-id.toml": (
        toml_bytes({k: v for k, v in entry_data().items() if k != "id"}),
        "invalid",
        "Reflection id",
    ),
    "newer.toml": (
        toml_bytes(entry_data(schema_version=SCHEMA_VERSION + 1, mood={"colour": SECRET})),
        "newer_version",
        "Format version",
    ),
    "newer-unreadable.toml": (
        toml_bytes(entry_data(schema_version=SCHEMA_VERSION + 2, about=SECRET)),
        "newer_version",
        "Company",
    ),
    "latin1.toml": (LATIN1, "not_utf8", f"byte {LATIN1.index(0xE9)}, line 3"),
    "nul.toml": (NUL, "not_toml", "line 2, column 16"),
    "huge.toml": (
        b"# " + SECRET.encode() + b"\n" + b"x = 1\n" * (5 * 1024 * 1024 // 6),
        "too_large",
        "",
    ),
    "deep.toml": (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "not_toml", ""),
    "empty.toml": (b"", "invalid", ""),
    "comments-only.toml": (b"# " + SECRET.encode() + b"\n\n", "invalid", ""),
    "x.toml": (None, "foreign", ""),  # a folder
    "locked.toml": (None, "unreadable", ""),  # reading it raises PermissionError
    "notes.txt": (SECRET.encode() + b"\n", "foreign", ""),
    "2026-11-25-northwind-labs-01010101.toml~": (b"backup\n", "foreign", ""),
    SYNCTHING_COPY: (None, "conflict", ""),  # a copy of the first sample entry
}
#: Files that are fine, or not ours to report: never listed.
QUIET = {
    "bom.toml": b"\xef\xbb\xbf" + toml_bytes(entry_data(id="cd" * 16)),
    ".DS_Store": b"\x00\x01",
    ".2026-11-25-northwind-labs-01010101.toml.k3j4h5g6.tmp": b"half a wri",
}


def snapshot(root: Path) -> dict[str, str]:
    """Every file (sha256 of its bytes) and folder under `root`."""
    found: dict[str, str] = {}
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        for name in folders:
            found[str((here / name).relative_to(root)) + "/"] = "folder"
        for name in files:
            path = here / name
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def lock_file(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make opening `name` fail as chmod 000 would (root ignores file modes)."""
    real_open = os.open

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(path).endswith(os.sep + name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)


def build_damaged(journal: Journal) -> list[Path]:
    """Good sample entries beside every file of CORPUS and QUIET; returns the good ones."""
    good = write_samples(journal)
    entries = journal.paths.entries
    for name, (content, _kind, _where) in CORPUS.items():
        if name == "x.toml":
            (entries / name).mkdir()
            (entries / name / "inside.toml").write_bytes(SECRET.encode())
        elif name == "locked.toml":
            (entries / name).write_bytes(toml_bytes(entry_data(id="ef" * 16)))
        elif name == SYNCTHING_COPY:
            (entries / name).write_bytes(good[0].read_bytes().replace(b"Northwind", b"Eastwind"))
        else:
            assert content is not None
            (entries / name).write_bytes(content)
    for name, content in QUIET.items():
        (entries / name).write_bytes(content)
    return good


@pytest.fixture
def damaged(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> tuple[Journal, list[Path]]:
    good = build_damaged(journal)
    lock_file(monkeypatch, "locked.toml")
    return journal, good


# --- finding problems --------------------------------------------------------------------


def test_every_damaged_file_is_named_with_its_kind_and_where(damaged) -> None:
    journal, _good = damaged
    problems = find_problems(journal)

    found = {p.path.name: (p.kind, p.where) for p in problems}
    expected = {name: (kind, where) for name, (_c, kind, where) in CORPUS.items()}
    assert found == expected
    assert [p.path.name for p in problems] == sorted(found)
    assert all(p.path.parent == journal.paths.entries for p in problems)
    assert {p.kind for p in problems} == KINDS


def test_explanations_are_plain_and_never_quote_the_file(damaged) -> None:
    journal, _good = damaged
    for problem in find_problems(journal):
        text = problem.explanation + problem.where
        assert "Marigold" not in text and "Quartz" not in text, problem
        assert "Traceback" not in text and "pydantic" not in text, problem
        assert text.strip() and "\n" not in text, problem
        if problem.kind not in {"conflict", "foreign"} and problem.path.name != "newer.toml":
            assert "left exactly as it is" in problem.explanation, problem


def test_explanations_say_what_is_wrong(damaged) -> None:
    journal, _good = damaged
    by_name = {p.path.name: p.explanation for p in find_problems(journal)}
    assert "Add the company's name" in by_name["blank-company.toml"]
    assert "from 0 to 100" in by_name["rating.toml"]
    assert "a date like" in by_name["bad-date.toml"]
    assert "isn't valid TOML" in by_name["not-toml.toml"]
    assert "line 2, column 6" in by_name["not-toml.toml"]
    assert "control character" in by_name["nul.toml"]
    assert "UTF-8" in by_name["latin1.toml"]
    assert "empty" in by_name["empty.toml"]
    assert "permission denied" in by_name["locked.toml"]
    assert "4.0 MB" in by_name["huge.toml"]
    assert "nests" in by_name["deep.toml"]
    assert "folder" in by_name["x.toml"]
    newer = by_name["newer.toml"]
    assert f"format {SCHEMA_VERSION + 1}" in newer and "read it here but not edit" in newer
    assert "can't open it" in by_name["newer-unreadable.toml"]
    assert "Syncthing" in by_name[SYNCTHING_COPY]
    assert "2026-11-25-northwind-labs-01010101.toml" in by_name[SYNCTHING_COPY]


def test_checking_changes_and_deletes_nothing(damaged) -> None:
    journal, good = damaged
    root = journal.paths.root
    before = snapshot(root)
    assert len(before) == len(good) + len(CORPUS) + len(QUIET) + 2  # + entries/, inside.toml
    modes = {path: path.lstat().st_mode for path in journal.paths.entries.iterdir()}

    problems = find_problems(journal)
    for path in journal.paths.entries.iterdir():
        check_file(path)
    for path in journal.entry_files():
        with contextlib.suppress(Exception):
            journal.read(path)

    assert snapshot(root) == before
    assert {path: path.lstat().st_mode for path in journal.paths.entries.iterdir()} == modes
    assert not journal.paths.trash.exists() and not journal.paths.drafts.exists()
    assert len(problems) == len(CORPUS)


def test_good_entries_are_still_listed_and_readable(damaged) -> None:
    journal, good = damaged
    listed = journal.entry_files()
    assert set(good) <= set(listed)
    assert journal.paths.entries / SYNCTHING_COPY not in listed
    for path in good:
        assert journal.read(path).about.company
    bom = journal.read(journal.paths.entries / "bom.toml")
    assert bom.id == "cd" * 16
    assert check_file(journal.paths.entries / "bom.toml") is None
    assert journal.read(journal.paths.entries / "newer.toml").is_from_newer_version


def test_check_file_agrees_with_find_problems(damaged) -> None:
    journal, good = damaged
    for problem in find_problems(journal):
        if problem.path.name.endswith(".toml") and problem.kind != "conflict":
            assert check_file(problem.path) == problem
    for path in good:
        assert check_file(path) is None


def test_a_file_that_vanished_is_unreadable_not_an_error(tmp_path: Path) -> None:
    problem = check_file(tmp_path / "gone.toml")
    assert problem is not None and problem.kind == "unreadable"


def test_a_fifo_named_like_an_entry_does_not_hang(journal: Journal) -> None:
    journal.ensure()
    fifo = journal.paths.entries / "pipe.toml"
    os.mkfifo(fifo)
    problems = find_problems(journal)
    assert [(p.path.name, p.kind) for p in problems] == [("pipe.toml", "foreign")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_file_that_grows_past_the_limit_while_read_is_too_large(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.ensure()
    path = journal.paths.entries / "growing.toml"
    path.write_bytes(b"x = 1\n")
    monkeypatch.setattr(tomlio, "MAX_FILE_BYTES", 4)
    problem = check_file(path)
    assert problem is not None and problem.kind == "too_large"


def test_an_entries_folder_that_cant_be_listed_is_one_problem(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.ensure()
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path) == journal.paths.entries:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    problems = find_problems(journal)
    assert [(p.path, p.kind) for p in problems] == [(journal.paths.entries, "unreadable")]
    assert "permission denied" in problems[0].explanation


def test_no_entries_folder_means_no_problems(journal: Journal) -> None:
    assert find_problems(journal) == []


FRAGMENTS = [
    b"[about]\n",
    b'company = "x"\n',
    b"company = 5\n",
    b"[[prepare.actions]]\n",
    b'text = ""\n',
    b"= \n",
    b'"""',
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
    b"id = 'abcdef12'\n",
    b"created = 2026-01-01T00:00:00Z\n",
    b"updated = 2026-01-01\n",
    b"fit = 9\n",
    b"[learn]\n",
    b"schema_version = 7\n",
    b"schema_version = true\n",
    b"a = [[[\n",
    b"\r\n",
    b"[about]\n[about]\n",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(b"".join),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    )
)
def test_check_file_never_raises_and_never_changes_the_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    problem = check_file(path)
    assert problem is None or (isinstance(problem, Problem) and problem.kind in KINDS)
    assert path.read_bytes() == raw


def test_find_problems_on_many_entries_is_a_simple_loop(journal: Journal) -> None:
    from recovery_tui.core.demo import write_demo

    write_demo(journal, 300, seed=3, now=NOW)
    started = time.perf_counter()
    assert find_problems(journal) == []
    assert time.perf_counter() - started < 10  # ~0.1 s here; 10,000 entries take ~3 s


# --- conflict copies ---------------------------------------------------------------------

ORIGINAL = "2026-11-25-northwind-labs-1a2b3c4d.toml"
STEM = ORIGINAL.removesuffix(".toml")
CONFLICT_NAMES = {
    "syncthing": f"{STEM}.sync-conflict-20261125-101010-ABCDEFG.toml",
    "dropbox": f"{STEM} (Anna's conflicted copy 2026-11-25).toml",
    "dropbox, curly apostrophe": f"{STEM} (Anna’s conflicted copy 2026-11-25).toml",
    "dropbox, nobody named": f"{STEM} (conflicted copy 2026-11-25).toml",
    "dropbox, numbered": f"{STEM} (Anna's conflicted copy 2026-11-25) (1).toml",
    "dropbox, numbered inside": f"{STEM} (Anna's conflicted copy 2026-11-25 (1)).toml",
    "nextcloud": f"{STEM} (conflicted copy 2026-11-25 101112).toml",
    "owncloud": f"{STEM}_conflict-20261125-101112.toml",
}
NOT_CONFLICTS = [
    ORIGINAL,
    "2026-11-25-conflict-resolution-1a2b3c4d.toml",
    "2026-11-25-conflicted-copy-co-1a2b3c4d.toml",
    "notes.sync-conflict-20261125-101010-ABCDEFG.txt",
    "notes (conflicted copy 2026-11-25).txt",
    "conflict.toml",
]


@pytest.mark.parametrize("name", CONFLICT_NAMES.values(), ids=CONFLICT_NAMES.keys())
def test_conflict_copies_are_recognised(name: str, journal: Journal) -> None:
    assert is_conflict_copy(name)
    copy = journal.paths.entries / name
    assert conflict_original(copy) == journal.paths.entries / ORIGINAL

    journal.ensure()
    (journal.paths.entries / ORIGINAL).write_bytes(toml_bytes(entry_data()))
    copy.write_bytes(toml_bytes(entry_data()))
    assert journal.entry_files() == [journal.paths.entries / ORIGINAL]
    problems = find_problems(journal)
    assert [(p.path, p.kind, p.original) for p in problems] == [
        (copy, "conflict", journal.paths.entries / ORIGINAL)
    ]


@pytest.mark.parametrize("name", NOT_CONFLICTS)
def test_other_names_are_not_conflict_copies(name: str) -> None:
    assert not is_conflict_copy(name)
    assert conflict_original(Path(name)) is None


def test_a_conflict_copy_whose_original_is_gone(journal: Journal) -> None:
    journal.ensure()
    copy = journal.paths.entries / CONFLICT_NAMES["dropbox"]
    copy.write_bytes(toml_bytes(entry_data()))
    (problem,) = find_problems(journal)
    assert problem.kind == "conflict" and problem.original is None
    assert "isn't in the journal any more" in problem.explanation
    assert "Dropbox" in problem.explanation


def test_a_damaged_conflict_copy_says_so(journal: Journal) -> None:
    journal.ensure()
    (journal.paths.entries / ORIGINAL).write_bytes(toml_bytes(entry_data()))
    (journal.paths.entries / CONFLICT_NAMES["syncthing"]).write_bytes(b"not = toml = at all")
    (problem,) = find_problems(journal)
    assert problem.kind == "conflict"
    assert "can't be opened" in problem.explanation


# --- resolving conflicts -----------------------------------------------------------------


def names(folder: Path) -> set[str]:
    return set(os.listdir(folder)) if folder.exists() else set()


@pytest.fixture
def conflict(journal: Journal) -> tuple[Journal, Problem, bytes, bytes]:
    journal.ensure()
    original = toml_bytes(entry_data(personal={"what_happened": "Written on the laptop."}))
    copy = toml_bytes(entry_data(personal={"what_happened": "Written on the phone."}))
    (journal.paths.entries / ORIGINAL).write_bytes(original)
    (journal.paths.entries / CONFLICT_NAMES["syncthing"]).write_bytes(copy)
    (journal.paths.entries / "2026-11-20-globex-99999999.toml").write_bytes(
        toml_bytes(entry_data(id="99" * 16, about={"company": "Globex"}))
    )
    (problem,) = find_problems(journal)
    return journal, problem, original, copy


def test_keep_original_moves_the_copy_to_the_trash(conflict) -> None:
    journal, problem, original, copy = conflict
    result = resolve_conflict(journal, problem, "keep_original")

    entries = journal.paths.entries
    assert names(entries) == {ORIGINAL, "2026-11-20-globex-99999999.toml"}
    assert (entries / ORIGINAL).read_bytes() == original
    assert names(journal.paths.trash) == {CONFLICT_NAMES["syncthing"]}
    assert (journal.paths.trash / CONFLICT_NAMES["syncthing"]).read_bytes() == copy
    assert result.kept == (entries / ORIGINAL,)
    assert result.trashed == (journal.paths.trash / CONFLICT_NAMES["syncthing"],)
    assert stat.S_IMODE(journal.paths.trash.stat().st_mode) == 0o700
    assert find_problems(journal) == []


def test_keep_copy_puts_the_copy_in_the_originals_place(conflict) -> None:
    journal, problem, original, copy = conflict
    result = resolve_conflict(journal, problem, "keep_copy")

    entries, trash = journal.paths.entries, journal.paths.trash
    assert names(entries) == {ORIGINAL, "2026-11-20-globex-99999999.toml"}
    assert (entries / ORIGINAL).read_bytes() == copy
    assert stat.S_IMODE((entries / ORIGINAL).stat().st_mode) == 0o600
    assert names(trash) == {ORIGINAL, CONFLICT_NAMES["syncthing"]}
    assert (trash / ORIGINAL).read_bytes() == original
    assert (trash / CONFLICT_NAMES["syncthing"]).read_bytes() == copy
    assert result.kept == (entries / ORIGINAL,)
    assert set(result.trashed) == {trash / ORIGINAL, trash / CONFLICT_NAMES["syncthing"]}
    assert journal.read(entries / ORIGINAL).personal.what_happened == "Written on the phone."
    assert find_problems(journal) == []


def test_keep_both_saves_the_copy_as_a_new_entry(conflict) -> None:
    journal, problem, original, copy = conflict
    result = resolve_conflict(journal, problem, "keep_both")

    entries, trash = journal.paths.entries, journal.paths.trash
    new = names(entries) - {ORIGINAL, "2026-11-20-globex-99999999.toml"}
    assert len(new) == 1
    new_path = entries / new.pop()
    assert (entries / ORIGINAL).read_bytes() == original
    saved = journal.read(new_path)
    first = journal.read(entries / ORIGINAL)
    assert saved.id != first.id and len(saved.id) == 32
    assert saved.personal.what_happened == "Written on the phone."
    assert saved.about.company == first.about.company
    assert saved.model_dump(exclude={"id"}) == first.model_dump(exclude={"id"}) | {
        "personal": saved.model_dump()["personal"]
    }
    assert names(trash) == {CONFLICT_NAMES["syncthing"]}
    assert (trash / CONFLICT_NAMES["syncthing"]).read_bytes() == copy
    assert result.kept == (entries / ORIGINAL, new_path)
    assert find_problems(journal) == []


@pytest.mark.parametrize("choice", ["keep_copy", "keep_both"])
@pytest.mark.parametrize(
    "bad_copy",
    [b"not = toml = at all", toml_bytes(entry_data(about={"company": ""})), b"\xff\xfe"],
    ids=["not-toml", "invalid", "not-utf8"],
)
def test_a_copy_that_doesnt_validate_is_refused(
    journal: Journal, choice: str, bad_copy: bytes
) -> None:
    journal.ensure()
    (journal.paths.entries / ORIGINAL).write_bytes(toml_bytes(entry_data()))
    (journal.paths.entries / CONFLICT_NAMES["dropbox"]).write_bytes(bad_copy)
    (problem,) = find_problems(journal)
    before = snapshot(journal.paths.root)

    with pytest.raises(ValueError, match=r"can't be opened.*Nothing was changed"):
        resolve_conflict(journal, problem, choice)
    assert snapshot(journal.paths.root) == before
    # Keeping the original is still possible.
    resolve_conflict(journal, problem, "keep_original")
    assert names(journal.paths.trash) == {CONFLICT_NAMES["dropbox"]}


def test_keep_both_refuses_a_copy_from_a_newer_version(journal: Journal) -> None:
    journal.ensure()
    (journal.paths.entries / ORIGINAL).write_bytes(toml_bytes(entry_data()))
    newer = toml_bytes(entry_data(schema_version=SCHEMA_VERSION + 1))
    (journal.paths.entries / CONFLICT_NAMES["nextcloud"]).write_bytes(newer)
    (problem,) = find_problems(journal)
    before = snapshot(journal.paths.root)
    with pytest.raises(ValueError, match="newer version"):
        resolve_conflict(journal, problem, "keep_both")
    assert snapshot(journal.paths.root) == before
    # Its exact bytes can still take the original's place.
    resolve_conflict(journal, problem, "keep_copy")
    assert (journal.paths.entries / ORIGINAL).read_bytes() == newer


def test_keep_copy_when_the_original_is_gone(journal: Journal) -> None:
    journal.ensure()
    copy = toml_bytes(entry_data())
    (journal.paths.entries / CONFLICT_NAMES["owncloud"]).write_bytes(copy)
    (problem,) = find_problems(journal)
    with pytest.raises(ValueError, match="no original to keep"):
        resolve_conflict(journal, problem, "keep_original")
    resolve_conflict(journal, problem, "keep_copy")
    assert names(journal.paths.entries) == {ORIGINAL}
    assert (journal.paths.entries / ORIGINAL).read_bytes() == copy
    assert names(journal.paths.trash) == {CONFLICT_NAMES["owncloud"]}


def test_a_failed_write_puts_the_original_back(conflict, monkeypatch: pytest.MonkeyPatch) -> None:
    journal, problem, original, copy = conflict

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "atomic_write", disk_full)
    with pytest.raises(OSError):
        resolve_conflict(journal, problem, "keep_copy")
    assert (journal.paths.entries / ORIGINAL).read_bytes() == original
    assert (journal.paths.entries / CONFLICT_NAMES["syncthing"]).read_bytes() == copy
    assert names(journal.paths.trash) == set()


def test_resolving_refuses_what_isnt_a_conflict(conflict) -> None:
    journal, problem, _original, _copy = conflict
    not_conflict = Problem(journal.paths.entries / ORIGINAL, "invalid", "", "")
    with pytest.raises(ValueError, match="isn't a conflict copy"):
        resolve_conflict(journal, not_conflict, "keep_original")
    with pytest.raises(ValueError, match="Unknown choice"):
        resolve_conflict(journal, problem, "keep_neither")
    (journal.paths.entries / CONFLICT_NAMES["syncthing"]).unlink()
    with pytest.raises(ValueError, match="isn't there any more"):
        resolve_conflict(journal, problem, "keep_copy")


# --- the trash ---------------------------------------------------------------------------


def test_trash_never_overwrites_and_restores_under_the_original_name(journal: Journal) -> None:
    paths = journal.paths
    journal.ensure()
    first, second = paths.entries / "a.toml", paths.entries / "b.toml"

    first.write_bytes(b"first")
    one = move_to_trash(paths, first)
    first.write_bytes(b"second")
    two = move_to_trash(paths, first)
    first.write_bytes(b"third")
    three = move_to_trash(paths, first)
    second.write_bytes(b"other")
    move_to_trash(paths, second)

    assert (one.name, two.name, three.name) == (
        "a.toml",
        "a (trashed 2).toml",
        "a (trashed 3).toml",
    )
    assert [one.read_bytes(), two.read_bytes(), three.read_bytes()] == [
        b"first",
        b"second",
        b"third",
    ]
    assert trashed_files(paths) == sorted([one, two, three, paths.trash / "b.toml"])
    assert names(paths.entries) == set()
    assert stat.S_IMODE(paths.trash.stat().st_mode) == 0o700
    assert original_name(two.name) == "a.toml"

    assert restore_from_trash(paths, two) == first
    assert first.read_bytes() == b"second"
    restored = restore_from_trash(paths, one)
    assert restored.name == "a (2).toml" and restored.read_bytes() == b"first"
    assert first.read_bytes() == b"second"
    assert trashed_files(paths) == sorted([three, paths.trash / "b.toml"])


def test_trash_refuses_folders_and_what_is_already_there(journal: Journal) -> None:
    journal.ensure()
    with pytest.raises(ValueError, match="folder"):
        move_to_trash(journal.paths, journal.paths.entries)
    (journal.paths.entries / "a.toml").write_bytes(b"a")
    trashed = move_to_trash(journal.paths, journal.paths.entries / "a.toml")
    with pytest.raises(ValueError, match="already in the trash"):
        move_to_trash(journal.paths, trashed)
    with pytest.raises(ValueError, match="isn't in the trash"):
        restore_from_trash(journal.paths, journal.paths.entries / "b.toml")
    with pytest.raises(FileNotFoundError):
        move_to_trash(journal.paths, journal.paths.entries / "missing.toml")
    assert trashed_files(journal.paths) == [trashed]


def test_no_trash_folder_means_an_empty_trash(journal: Journal) -> None:
    assert trashed_files(journal.paths) == []


# --- stale temp files --------------------------------------------------------------------


def make_temp(folder: Path, final_name: str) -> Path:
    """A temp file exactly as fsutil.atomic_write names them."""
    fd, name = tempfile.mkstemp(prefix=f".{final_name}.", suffix=fsutil.TEMP_SUFFIX, dir=folder)
    os.write(fd, b"half a wri")
    os.close(fd)
    return Path(name)


def age(path: Path, seconds: float, now: float) -> Path:
    os.utime(path, (now - seconds, now - seconds), follow_symlinks=False)
    return path


def test_only_our_old_temp_files_are_cleaned(journal: Journal) -> None:
    paths = journal.paths
    now = time.time()
    stale: list[Path] = []
    kept: list[Path] = []
    for folder in (paths.entries, paths.drafts, paths.trash):
        fsutil.ensure_private_dir(folder)
        stale.append(age(make_temp(folder, "2026-11-25-x-1a2b3c4d.toml"), 3600, now))
        kept.append(age(make_temp(folder, "2026-11-25-y-1a2b3c4d.toml"), 30, now))  # young
        for name in (
            "2026-11-25-z-1a2b3c4d.toml",
            "notes.tmp",
            ".x.toml.tmp",
            ".hidden",
            "x.toml.abcdef12.tmp",
        ):
            (folder / name).write_bytes(b"keep me")
            kept.append(age(folder / name, 3600, now))
        lookalike = folder / ".d.toml.abcdefgh.tmp"
        lookalike.mkdir()
        kept.append(age(lookalike, 3600, now))
    assert all(fsutil.is_our_temp_file(path.name) for path in stale)

    removed = clean_stale_temp_files(paths, now=now)

    assert sorted(removed) == sorted(stale)
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in kept)
    assert clean_stale_temp_files(paths, now=now) == []
    # With a shorter threshold the young ones go too, and still nothing else.
    assert len(clean_stale_temp_files(paths, older_than=10, now=now)) == 3
    assert sum(path.exists() for path in kept) == len(kept) - 3


def test_cleaning_a_journal_without_folders_does_nothing(journal: Journal) -> None:
    assert clean_stale_temp_files(journal.paths) == []


def test_temp_files_are_never_reported_as_problems(journal: Journal) -> None:
    journal.ensure()
    make_temp(journal.paths.entries, "2026-11-25-x-1a2b3c4d.toml")
    assert find_problems(journal) == []
