"""What a save checks before it replaces anything: the file is still the one that was read
(right up to the rename), it is a plain file inside entries/, it isn't from a newer
version, and what is written can be read back (the same size limit as reading)."""

from __future__ import annotations

import os
import stat
import threading
import time
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from recovery_tui.core import fsutil, tomlio, trash
from recovery_tui.core.actions import set_action_done, set_follow_up_sent
from recovery_tui.core.journal import ChangedOnDisk, Journal, fingerprint
from recovery_tui.core.models import SCHEMA_VERSION, Entry, build_entry, new_id
from tests.fifo import harmless_fifo

NOW = datetime(2026, 11, 24, 9, 30, 15, tzinfo=UTC)


def make_entry(company: str = "Northwind Labs", **sections: Any) -> Entry:
    return build_entry(
        {"about": {"company": company}, **sections}, id=new_id(), created=NOW, updated=NOW
    )


def with_role(entry: Entry, role: str) -> Entry:
    return entry.model_copy(update={"about": entry.about.model_copy(update={"role": role})})


# --- item 3: no silent overwrite in the save window ---------------------------------------


def test_a_change_made_while_the_new_file_is_synced_is_not_overwritten(journal, monkeypatch):
    """Another program (a sync tool, an editor) replaces the file after the first check,
    while the new version is being written and synced: the save must notice, right before
    the rename, and leave their version in place."""
    path = journal.save(make_entry())
    entry, seen = journal.load(path)
    theirs = path.read_bytes().replace(b"Northwind Labs", b"Edited elsewhere")
    real_fsync = os.fsync
    written: list[bool] = []

    def fsync(fd: int) -> None:
        real_fsync(fd)
        info = os.fstat(fd)
        if not written and stat.S_ISREG(info.st_mode) and info.st_ino != path.stat().st_ino:
            written.append(True)  # the save's temp file is synced: now someone else writes
            path.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ChangedOnDisk):
        journal.save(with_role(entry, "Mine"), path, expected=seen)
    assert written, "the save wrote and synced its temp file"
    assert path.read_bytes() == theirs
    assert not [name for name in os.listdir(path.parent) if name.startswith(".")]


def test_two_windows_saving_one_entry_never_overwrite_what_they_did_not_read(journal, monkeypatch):
    """Two windows keep saving the same entry, each every few milliseconds. Every save either
    reports "changed on disk" or replaces exactly the version it had read."""
    path = journal.save(make_entry())
    real_replace = os.replace
    replaced: dict[int, list[str | None]] = {}

    def spying_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == path:
            try:
                seen: str | None = fingerprint(path.read_bytes())
            except FileNotFoundError:
                seen = None
            replaced.setdefault(threading.get_ident(), []).append(seen)
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spying_replace)
    silent: list[str] = []
    saved: list[int] = [0, 0]
    reported: list[int] = [0, 0]
    deadline = time.monotonic() + 1.5

    def window(number: int) -> None:
        other = Journal(journal.paths)  # a window of its own
        me = threading.get_ident()
        for round_ in range(150):
            if time.monotonic() > deadline:
                break
            entry, seen = other.load(path)
            try:
                mine = with_role(entry, f"window {number}, round {round_}")
                other.save(mine, path, expected=seen)
            except ChangedOnDisk:
                reported[number] += 1
                continue
            saved[number] += 1
            if replaced[me][-1] != seen:
                silent.append(f"window {number} round {round_}")

    threads = [threading.Thread(target=window, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not silent, f"{len(silent)} saves replaced a version they hadn't read"
    assert sum(saved) > 0, (saved, reported)
    journal.load(path)  # and the file is whole


def test_the_lock_is_shared_across_opens_and_waits(tmp_path):
    with (
        fsutil.write_lock(tmp_path),
        pytest.raises(OSError, match="another window is saving"),
        fsutil.write_lock(tmp_path, wait=0.05),
    ):
        pass
    with fsutil.write_lock(tmp_path, wait=0.05):
        pass  # free again
    assert stat.S_IMODE((tmp_path / fsutil.LOCK_NAME).stat().st_mode) == 0o600


# --- item 5: nothing is saved that reading would refuse -----------------------------------


def _entry_of_size(size: int) -> Entry:
    """An entry whose file is exactly `size` bytes."""
    base = len(tomlio.dumps(make_entry(personal={"what_happened": "x"})).encode())
    entry = make_entry(personal={"what_happened": "x" * (size - base + 1)})
    assert len(tomlio.dumps(entry).encode()) == size
    return entry


def test_an_entry_at_the_read_limit_saves_and_one_byte_more_is_refused(journal):
    limit = tomlio.MAX_FILE_BYTES
    at_limit = journal.save(_entry_of_size(limit))
    assert at_limit.stat().st_size == limit
    journal.load(at_limit)  # read back
    with pytest.raises(ValueError, match="too long to save"):
        journal.save(_entry_of_size(limit + 1))
    assert journal.entry_files() == [at_limit], "nothing else was written"


def test_replacing_an_entry_with_one_over_the_limit_leaves_the_file(journal):
    path = journal.save(make_entry())
    before = path.read_bytes()
    entry, seen = journal.load(path)
    huge = entry.model_copy(
        update={"personal": entry.personal.model_copy(update={"what_happened": "x" * 5_000_000})}
    )
    with pytest.raises(ValueError, match="too long to save"):
        journal.save(huge, path, expected=seen)
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == [path.name]


# --- item 2: only plain files inside entries/ are replaced --------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "../outside.toml",
        "sub/inner.toml",
        "link.toml",
        "folder.toml",
        "pipe.toml",
        ".hidden.toml",
        "notes.txt",
        "",
        "a\0b.toml",
    ],
)
def test_entry_path_refuses_anything_but_a_plain_name_of_a_regular_file(journal, name):
    journal.save(make_entry())
    entries = journal.paths.entries
    outside = journal.paths.root / "outside.toml"
    outside.write_bytes(tomlio.dumps(make_entry("Outside")).encode())
    (entries / "link.toml").symlink_to(outside)
    (entries / "folder.toml").mkdir()
    (entries / "sub").mkdir()
    (entries / "sub" / "inner.toml").write_bytes(outside.read_bytes())
    with harmless_fifo(entries / "pipe.toml"):
        assert journal.entry_path(name) is None


def test_entry_path_gives_a_regular_file_or_a_name_that_is_free(journal):
    path = journal.save(make_entry())
    assert journal.entry_path(path.name) == path
    assert journal.entry_path("2026-11-24-gone-abcdef12.toml") == (
        journal.paths.entries / "2026-11-24-gone-abcdef12.toml"
    )
    assert journal.entry_path(3) is None


def test_save_never_writes_outside_entries_nor_through_a_link(journal):
    journal.ensure()
    outside = journal.paths.root / "outside.toml"
    outside.write_bytes(tomlio.dumps(make_entry("Outside")).encode())
    before = outside.read_bytes()
    with pytest.raises(ValueError):
        journal.save(make_entry("Mine"), outside)
    link = journal.paths.entries / "link.toml"
    link.symlink_to(outside)
    entry, seen = journal.load(link)
    with pytest.raises(ValueError):
        journal.save(with_role(entry, "Mine"), link, expected=seen)
    assert outside.read_bytes() == before
    assert link.is_symlink()


def test_loading_a_fifo_fails_at_once(journal):
    journal.ensure()
    with (
        harmless_fifo(journal.paths.entries / "pipe.toml") as pipe,
        pytest.raises(fsutil.NotAFile, match="regular file"),
    ):
        journal.load(pipe)  # opening it to read, as before, would wait for a writer


# --- item 7: a file from a newer version is never rewritten -------------------------------


def _newer(journal: Journal, **sections: Any) -> Path:
    journal.ensure()
    data = tomlio.entry_to_data(make_entry(**sections))
    data["schema_version"] = SCHEMA_VERSION + 1
    data["mood"] = {"colour": "teal"}  # something this version doesn't know
    path = journal.paths.entries / "2026-11-24-newer-abcdef12.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def test_ticking_off_an_action_never_rewrites_a_newer_file(journal):
    path = _newer(journal, prepare={"actions": [{"text": "Email Sam"}]})
    before = path.read_bytes()
    with pytest.raises(ValueError, match="newer version"):
        set_action_done(journal, path, 0, "Email Sam", done=True, now=NOW)
    assert path.read_bytes() == before


def test_noting_a_follow_up_sent_never_rewrites_a_newer_file(journal):
    path = _newer(journal, learn={"feedback": {"status": "asked", "date": "2026-11-01"}})
    before = path.read_bytes()
    with pytest.raises(ValueError, match="newer version"):
        set_follow_up_sent(journal, path, date(2026, 11, 24), now=NOW)
    assert path.read_bytes() == before


def test_saving_over_a_newer_file_is_refused_whatever_is_saved(journal):
    path = _newer(journal)
    before = path.read_bytes()
    entry, seen = journal.load(path)
    with pytest.raises(ValueError, match="newer version"):
        journal.save(with_role(entry, "Mine"), path, expected=seen)
    with pytest.raises(ValueError, match="newer version"):  # an entry of this version
        journal.save(make_entry("Mine"), path)
    with pytest.raises(ValueError, match="newer version"):  # nor a new file claiming it
        journal.save(entry.model_copy(update={"id": new_id()}))
    assert path.read_bytes() == before
    assert journal.entry_files() == [path]


def test_trash_and_restore_move_a_newer_file_without_rewriting_it(journal):
    """(A guard: trash and restore rename, they never rewrite; this passed before too.)"""
    path = _newer(journal)
    before = path.read_bytes()
    trashed = trash.move_to_trash(journal.paths, path)
    assert trashed.read_bytes() == before
    restored = trash.restore_from_trash(journal.paths, trashed)
    assert restored == path and restored.read_bytes() == before
    assert tomllib.loads(before.decode())["schema_version"] == SCHEMA_VERSION + 1
