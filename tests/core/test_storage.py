"""The journal on disk: private modes, names that never collide, atomic and durable writes."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from recovery_tui.core import fsutil
from recovery_tui.core.journal import Journal, slugify, summarise, summary_from_name
from recovery_tui.core.models import Entry, build_entry, new_id
from recovery_tui.core.paths import JournalPaths

NOW = datetime(2026, 11, 24, 9, 30, 15, tzinfo=UTC)
NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{8}\.toml$")
OLD = b'old = "content"\n'
NEW = b'new = "content, longer than the old one"\n' * 50


def make_entry(company: str = "Northwind Labs", id: str | None = None, **about: Any) -> Entry:
    return build_entry(
        {"about": {"company": company, **about}},
        id=id or new_id(),
        created=NOW,
        updated=NOW,
    )


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the process umask for one test and restore it afterwards."""
    previous = os.umask(0o022)
    os.umask(previous)
    try:
        yield os.umask
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(folder: Path) -> set[str]:
    return set(os.listdir(folder))


# --- private folders and files ------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_folders_are_0700_and_files_0600_under_any_umask(tmp_path, umask, mask):
    umask(mask)
    journal = Journal(JournalPaths(tmp_path / "deep" / "journal"))
    new_path = journal.save(make_entry())
    replaced = journal.save(make_entry(), new_path)
    umask(0o022)

    assert mode(journal.paths.root) == 0o700
    assert mode(journal.paths.entries) == 0o700
    assert mode(new_path) == 0o600
    assert mode(replaced) == 0o600


@pytest.mark.parametrize("mask", [0o000, 0o077])
def test_atomic_write_makes_0600_files_under_any_umask(tmp_path, umask, mask):
    umask(mask)
    fsutil.atomic_write(tmp_path / "a.toml", b"a")
    fsutil.atomic_write(tmp_path / "b.toml", b"b", new=True)
    umask(0o022)
    assert mode(tmp_path / "a.toml") == 0o600
    assert mode(tmp_path / "b.toml") == 0o600


def test_existing_loose_folders_are_tightened(tmp_path, umask):
    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.paths.entries.mkdir(parents=True)
    journal.paths.root.chmod(0o755)
    journal.paths.entries.chmod(0o777)
    journal.ensure()
    assert mode(journal.paths.root) == 0o700
    assert mode(journal.paths.entries) == 0o700


def test_replacing_a_loose_file_makes_it_private(journal):
    path = journal.save(make_entry())
    path.chmod(0o644)
    journal.save(make_entry(), path)
    assert mode(path) == 0o600


# --- file names -----------------------------------------------------------------------------


def test_file_name_is_date_slug_and_short_id(journal):
    entry = make_entry("Northwind Labs, Inc.", id="0123abcd" + "e" * 24)
    path = journal.save(entry)
    assert path.parent == journal.paths.entries
    assert path.name == "2026-11-24-northwind-labs-inc-0123abcd.toml"
    assert NAME.match(path.name)


@pytest.mark.parametrize(
    "company",
    ["Café Zürich", "株式会社", "unknown", "../../etc/passwd", "A/B\\C", "-", "   x   ", "Ⅻ ﬁ"],
)
def test_any_company_gives_a_safe_file_name(journal, company):
    path = journal.save(make_entry(company))
    assert NAME.match(path.name), path.name
    assert path.parent == journal.paths.entries


def test_file_name_uses_the_created_date_in_its_own_time_zone(journal):
    from datetime import timedelta, timezone

    late = datetime(2026, 11, 24, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    entry = build_entry({"about": {"company": "A"}}, id=new_id(), created=late, updated=late)
    assert journal.save(entry).name.startswith("2026-11-24-a-")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Northwind Labs", "northwind-labs"),
        ("Café Zürich", "cafe-zurich"),
        ("Ærø Ångström", "r-angstrom"),  # Æ/ø have no ASCII decomposition
        ("ＡＢＣ Ｃｏｒｐ", "abc-corp"),  # full-width letters fold to ASCII
        ("株式会社", "entry"),
        ("", "entry"),
        ("   ", "entry"),
        ("---", "entry"),
        ("🙂", "entry"),
        ("../../etc/passwd", "etc-passwd"),
        ("C++ & C#", "c-c"),
        ("  Acme  ", "acme"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_limits_length_without_a_trailing_hyphen():
    slug = slugify("a" * 39 + " bcdef")
    assert slug == "a" * 39
    assert len(slugify("word " * 40)) <= 40
    assert not slugify("word " * 40).endswith("-")
    assert slugify("x" * 100, limit=10) == "x" * 10


# --- collisions -----------------------------------------------------------------------------


def test_two_entries_in_the_same_second_with_the_same_id_prefix_get_two_files(journal):
    first = make_entry("Acme", id="deadbeef" + "1" * 24)
    second = make_entry("Acme", id="deadbeef" + "2" * 24)
    assert first.created == second.created
    assert first.short_id == second.short_id

    first_path = journal.save(first)
    first_bytes = first_path.read_bytes()
    second_path = journal.save(second)

    assert first_path != second_path
    assert first_path.name == "2026-11-24-acme-deadbeef.toml"
    assert second_path.name == "2026-11-24-acme-deadbeef2222.toml"
    assert first_path.read_bytes() == first_bytes
    assert journal.read(first_path) == first
    assert journal.read(second_path) == second
    assert set(journal.entry_files()) == {first_path, second_path}


def test_many_writers_at_once_never_replace_each_other(journal):
    entries = [make_entry("Acme", id="deadbeef" + f"{n:04x}" + "0" * 20) for n in range(12)]
    journal.ensure()
    barrier = threading.Barrier(len(entries))
    paths: list[Path] = []
    errors: list[BaseException] = []

    def save(entry: Entry) -> None:
        barrier.wait()
        try:
            paths.append(journal.save(entry))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(entry,)) for entry in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(paths)) == len(entries)
    assert {journal.read(path).id for path in paths} == {entry.id for entry in entries}
    assert not [name for name in listing(journal.paths.entries) if name.startswith(".")]


def test_when_every_name_is_taken_save_raises_instead_of_overwriting(journal):
    # An 8-character id gives the same name at every id length the journal tries.
    path = journal.save(make_entry("Acme", id="deadbeef"))
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        journal.save(make_entry("Acme", id="deadbeef", role="Another entry"))
    assert path.read_bytes() == before
    assert listing(journal.paths.entries) == {path.name}


def test_atomic_write_new_refuses_an_existing_file(tmp_path):
    target = tmp_path / "a.toml"
    target.write_bytes(OLD)
    with pytest.raises(FileExistsError):
        fsutil.atomic_write(target, NEW, new=True)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == {"a.toml"}


# --- fault injection: every step of atomic_write -------------------------------------------


class Boom(OSError):
    def __init__(self) -> None:
        super().__init__(errno.EIO, "injected failure")


def _fail(*args: Any, **kwargs: Any) -> Any:
    raise Boom()


def _partial_write_then_fail():
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:7]))
        raise Boom()

    return write


def _close_then_fail():
    real_close = os.close

    def close(fd: int) -> None:
        real_close(fd)  # do not leak the descriptor; report an error like NFS can
        raise Boom()

    return close


def _fsync_file_fails():
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise Boom()
        real_fsync(fd)

    return fsync


FAULTS = {
    "mkstemp": (fsutil.tempfile, "mkstemp", lambda: _fail),
    "fchmod": (fsutil.os, "fchmod", lambda: _fail),
    "write": (fsutil.os, "write", lambda: _fail),
    "write-partial": (fsutil.os, "write", _partial_write_then_fail),
    "fsync": (fsutil.os, "fsync", lambda: _fail),
    "fsync-file-only": (fsutil.os, "fsync", _fsync_file_fails),
    "close": (fsutil.os, "close", _close_then_fail),
    "replace": (fsutil.os, "replace", lambda: _fail),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_replace_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch, fault):
    target = tmp_path / "2026-11-24-acme-deadbeef.toml"
    target.write_bytes(OLD)
    os.chmod(target, 0o600)
    before = listing(tmp_path)
    owner, name, make = FAULTS[fault]

    with monkeypatch.context() as patch:
        patch.setattr(owner, name, make())
        with pytest.raises(OSError):
            fsutil.atomic_write(target, NEW)

    assert target.read_bytes() == OLD
    assert listing(tmp_path) == before


NEW_FAULTS = {**{k: v for k, v in FAULTS.items() if k != "replace"}}
NEW_FAULTS["link"] = (fsutil.os, "link", lambda: _fail)


@pytest.mark.parametrize("fault", NEW_FAULTS)
def test_a_failed_new_write_leaves_nothing_behind(tmp_path, monkeypatch, fault):
    neighbour = tmp_path / "2026-11-23-acme-cafebabe.toml"
    neighbour.write_bytes(OLD)
    target = tmp_path / "2026-11-24-acme-deadbeef.toml"
    owner, name, make = NEW_FAULTS[fault]

    with monkeypatch.context() as patch:
        patch.setattr(owner, name, make())
        with pytest.raises(OSError):
            fsutil.atomic_write(target, NEW, new=True)

    assert not target.exists()
    assert neighbour.read_bytes() == OLD
    assert listing(tmp_path) == {neighbour.name}


@pytest.mark.parametrize("new", [False, True])
def test_a_failed_folder_fsync_raises_and_leaves_a_whole_file_and_no_temp(
    tmp_path, monkeypatch, new
):
    # The rename has already happened when the folder is synced, so the old content cannot
    # come back; what matters is that the file is whole (old or new) and no temp remains.
    target = tmp_path / "2026-11-24-acme-deadbeef.toml"
    if not new:
        target.write_bytes(OLD)
    monkeypatch.setattr(fsutil, "fsync_dir", _fail)
    with pytest.raises(Boom):
        fsutil.atomic_write(target, NEW, new=new)
    assert target.read_bytes() in {OLD, NEW}
    assert listing(tmp_path) == {target.name}


def test_an_interrupt_mid_write_also_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "a.toml"
    target.write_bytes(OLD)

    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(fsutil.os, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            fsutil.atomic_write(target, NEW)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == {"a.toml"}


def test_short_writes_are_completed(tmp_path, monkeypatch):
    real_write = os.write

    def dribble(fd: int, data: Any) -> int:
        return real_write(fd, bytes(data[:3]))

    target = tmp_path / "a.toml"
    with monkeypatch.context() as patch:
        patch.setattr(fsutil.os, "write", dribble)
        fsutil.atomic_write(target, NEW)
    assert target.read_bytes() == NEW


@pytest.mark.parametrize("code", [errno.EPERM, errno.EXDEV, errno.ENOTSUP])
def test_without_hard_links_a_new_file_still_lands_once(tmp_path, monkeypatch, code):
    def no_links(src: Any, dst: Any) -> None:
        raise OSError(code, "no hard links here")

    target = tmp_path / "a.toml"
    with monkeypatch.context() as patch:
        patch.setattr(fsutil.os, "link", no_links)
        fsutil.atomic_write(target, NEW, new=True)
        assert target.read_bytes() == NEW
        with pytest.raises(FileExistsError):
            fsutil.atomic_write(target, OLD, new=True)
    assert target.read_bytes() == NEW
    assert listing(tmp_path) == {"a.toml"}


def test_a_failed_save_keeps_the_old_entry_file(journal, monkeypatch):
    entry = make_entry("Acme")
    path = journal.save(entry)
    before = path.read_bytes()
    changed = entry.model_copy(deep=True)
    changed.personal.what_happened = "Edited"
    with monkeypatch.context() as patch:
        patch.setattr(fsutil.os, "replace", _fail)
        with pytest.raises(OSError):
            journal.save(changed, path)
    assert path.read_bytes() == before
    assert listing(journal.paths.entries) == {path.name}
    journal.save(changed, path)
    assert journal.read(path).personal.what_happened == "Edited"


# --- durability -----------------------------------------------------------------------------


class SyncSpy:
    """Records fsync (of a file or a folder, by inode), replace and link, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, Any]] = []
        real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

        def fsync(fd: int) -> None:
            info = os.fstat(fd)
            kind = "dir" if stat.S_ISDIR(info.st_mode) else "file"
            self.events.append((f"fsync-{kind}", info.st_ino))
            real_fsync(fd)

        def replace(src: Any, dst: Any) -> None:
            self.events.append(("replace", Path(dst).name))
            real_replace(src, dst)

        def link(src: Any, dst: Any) -> None:
            self.events.append(("link", Path(dst).name))
            real_link(src, dst)

        monkeypatch.setattr(fsutil.os, "fsync", fsync)
        monkeypatch.setattr(fsutil.os, "replace", replace)
        monkeypatch.setattr(fsutil.os, "link", link)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


@pytest.mark.parametrize(("new", "commit"), [(False, "replace"), (True, "link")])
def test_durable_write_syncs_the_file_then_the_folder(tmp_path, monkeypatch, new, commit):
    target = tmp_path / "a.toml"
    spy = SyncSpy(monkeypatch)
    fsutil.atomic_write(target, NEW, new=new)
    monkeypatch.undo()

    assert spy.kinds() == ["fsync-file", commit, "fsync-dir"]
    file_inode = spy.events[0][1]
    assert file_inode == target.stat().st_ino  # the synced file is the one now in place
    assert spy.events[1][1] == "a.toml"
    assert spy.events[2][1] == tmp_path.stat().st_ino


def test_journal_save_is_durable_by_default(journal, monkeypatch):
    journal.ensure()
    spy = SyncSpy(monkeypatch)
    path = journal.save(make_entry())
    journal.save(make_entry(), path)
    monkeypatch.undo()
    assert spy.kinds() == ["fsync-file", "link", "fsync-dir", "fsync-file", "replace", "fsync-dir"]
    entries_inode = journal.paths.entries.stat().st_ino
    assert spy.events[2][1] == entries_inode
    assert spy.events[5][1] == entries_inode


def test_non_durable_write_skips_fsync(tmp_path, monkeypatch):
    spy = SyncSpy(monkeypatch)
    fsutil.atomic_write(tmp_path / "a.toml", NEW, durable=False)
    Journal(JournalPaths(tmp_path / "j")).save(make_entry(), durable=False)
    monkeypatch.undo()
    assert "fsync-file" not in spy.kinds()
    assert "fsync-dir" not in spy.kinds()


def test_fsync_dir_tolerates_folders_that_refuse_fsync(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil.os, "fsync", _fail)
    fsutil.fsync_dir(tmp_path)  # does not raise


# --- listing and summaries -------------------------------------------------------------------


def test_entry_files_newest_first_ignoring_dotfiles_temp_files_and_folders(journal):
    journal.ensure()
    folder = journal.paths.entries
    names = [
        "2025-12-31-globex-11111111.toml",
        "2026-11-24-acme-22222222.toml",
        "2026-01-15-initech-33333333.toml",
        "2026-11-25-umbrella-44444444.toml",
    ]
    for name in names:
        (folder / name).write_bytes(OLD)
    ignored = [
        ".2026-12-01-acme-55555555.toml.x1y2z3ab.tmp",
        ".2026-12-01-hidden-66666666.toml",
        "2026-12-02-notes-77777777.txt",
        "2026-12-03-acme-88888888.toml.tmp",
        "2026-12-04-acme-99999999.toml~",
    ]
    for name in ignored:
        (folder / name).write_bytes(OLD)
    (folder / "2026-12-05-a-folder-aaaaaaaa.toml").mkdir()

    assert [path.name for path in journal.entry_files()] == [
        "2026-11-25-umbrella-44444444.toml",
        "2026-11-24-acme-22222222.toml",
        "2026-01-15-initech-33333333.toml",
        "2025-12-31-globex-11111111.toml",
    ]
    assert all(path.parent == folder for path in journal.entry_files())
    assert [s.path.name for s in journal.recent(2)] == [
        "2026-11-25-umbrella-44444444.toml",
        "2026-11-24-acme-22222222.toml",
    ]


def test_entry_files_of_a_missing_folder_is_empty(tmp_path):
    assert Journal(JournalPaths(tmp_path / "nowhere")).entry_files() == []


def test_our_temp_files_are_recognised():
    assert fsutil.is_our_temp_file(".2026-11-24-acme-deadbeef.toml.k3j_x9ab.tmp")
    assert not fsutil.is_our_temp_file("2026-11-24-acme-deadbeef.toml")
    assert not fsutil.is_our_temp_file(".hidden.toml")


def test_temp_files_made_by_atomic_write_match_the_pattern(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    fsutil.atomic_write(tmp_path / "2026-11-24-acme-deadbeef.toml", NEW)
    assert len(seen) == 1
    assert fsutil.is_our_temp_file(seen[0])


def test_summarise_reads_the_about_table(journal):
    entry = make_entry(
        "Northwind Labs", role="Backend engineer", stage="after_interview", news_date="2026-11-20"
    )
    summary = summarise(journal.save(entry))
    assert summary.company == "Northwind Labs"
    assert summary.role == "Backend engineer"
    assert summary.stage == "after_interview"
    assert summary.date == "2026-11-20"


def test_summarise_without_news_date_uses_the_date_in_the_name(journal):
    summary = summarise(journal.save(make_entry("Acme")))
    assert summary.date == "2026-11-24"
    assert summary.stage is None


BROKEN = {
    "syntax": b"this is = = not toml",
    "unterminated": b'[about]\ncompany = """never closed',
    "not-utf8": b"[about]\ncompany = '\xff\xfe'\n",
    "utf16": "[about]\ncompany = 'x'\n".encode("utf-16"),
    "empty": b"",
    "about-not-a-table": b"about = 5\n",
    "wrong-types": b"[about]\ncompany = 5\nstage = ['x']\nrole = 3\n",
    "deep-arrays": b"a = " + b"[" * 100_000 + b"]" * 100_000,
    "deep-tables": b"a = " + b"{b = " * 5_000 + b"1" + b"}" * 5_000,
    "nul": b"\x00\x00\x00",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_summarise_falls_back_to_the_file_name_and_never_raises(tmp_path, content):
    path = tmp_path / "2026-11-24-northwind-labs-deadbeef.toml"
    path.write_bytes(content)
    summary = summarise(path)
    assert summary.path == path
    assert summary.date == "2026-11-24"
    assert summary.company == "northwind labs"
    assert summary.stage is None
    assert summary.role == ""


def test_summarise_of_a_missing_or_oddly_named_file_never_raises(tmp_path):
    missing = summarise(tmp_path / "2026-11-24-gone-deadbeef.toml")
    assert (missing.date, missing.company) == ("2026-11-24", "gone")
    odd = tmp_path / "my notes.toml"
    odd.write_bytes(b"syntax = = error")
    assert summarise(odd).company == "my notes"
    assert summarise(odd).date == ""
    assert summarise(tmp_path).path == tmp_path  # a folder
    assert summary_from_name(Path("x.toml")).company == "x"


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_reading_a_broken_file_raises_a_value_error(tmp_path, content):
    # The screen shows the message; anything but a ValueError would crash it.
    path = tmp_path / "2026-11-24-northwind-labs-deadbeef.toml"
    path.write_bytes(content)
    with pytest.raises(ValueError):
        Journal(JournalPaths(tmp_path)).read(path)


def test_reading_a_huge_file_is_refused(tmp_path, monkeypatch):
    from recovery_tui.core import tomlio

    monkeypatch.setattr(tomlio, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.toml"
    path.write_bytes(b"a = 1234567890\n")
    with pytest.raises(ValueError, match="larger than"):
        Journal(JournalPaths(tmp_path)).read(path)


def test_a_broken_file_is_not_overwritten_by_saving_another_entry(journal):
    journal.ensure()
    broken = journal.paths.entries / "2026-11-24-acme-deadbeef.toml"
    broken.write_bytes(b'[about]\ncompany = "Acme\nhalf a file')
    other = journal.paths.entries / "2026-11-20-globex-cafebabe.toml"
    other.write_bytes(b"not = [toml")

    # Same date, company and id prefix as the broken file: the name it would get is taken.
    clash = make_entry("Acme", id="deadbeef" + "0" * 24)
    saved = journal.save(clash)
    unrelated = journal.save(make_entry("Initech"))

    assert broken.read_bytes() == b'[about]\ncompany = "Acme\nhalf a file'
    assert other.read_bytes() == b"not = [toml"
    assert saved not in {broken, other}
    assert unrelated not in {broken, other}
    assert journal.read(saved) == clash
    assert len(journal.entry_files()) == 4


def test_ensure_creates_only_private_folders(tmp_path):
    root = tmp_path / "journal"
    Journal(JournalPaths(root)).ensure()
    assert sorted(os.listdir(root)) == ["entries"]
    assert mode(root) == 0o700
