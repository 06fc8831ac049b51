"""The journal on disk: one TOML file per entry under ``entries/``. No Textual here.

Files are named ``<YYYY-MM-DD>-<company-slug>-<short id>.toml`` so they sort by date and
never collide. A file that fails to parse or validate is never overwritten or deleted, nor is
one a newer version wrote. Only plain files directly inside ``entries/`` are ever replaced,
under the journal's write lock, and only after checking (right before the rename) that the
file is still the one that was read. Nothing is written that `load` would then refuse.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_tui.core import fsutil
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.sync import hook
from recovery_tui.core.sync_names import is_conflict_copy

if TYPE_CHECKING:  # models imports pydantic: home and quit never load it
    from recovery_tui.core.models import Entry

ENTRY_SUFFIX = ".toml"
#: The same limit as ``tomlio.MAX_FILE_BYTES`` (not imported: tomlio loads pydantic).
MAX_SUMMARY_BYTES = 4 * 1024 * 1024
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.*)-([0-9a-f]{8,32})\.toml$")


def slugify(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-") or "entry"


@dataclass(frozen=True)
class EntrySummary:
    """What home and lists show of an entry, read without full validation."""

    path: Path
    date: str
    company: str
    stage: str | None
    role: str = ""


def named_for(name: str, entry_id: str) -> bool:
    """True if `name` is the file name this app gives an entry with `entry_id`
    (``<date>-<company>-<start of the id>.toml``), not a copy's name such as ``... (1).toml``."""
    match = _NAME.match(name)
    return match is not None and entry_id.startswith(match.group(3))


def summary_from_name(path: Path) -> EntrySummary:
    match = _NAME.match(path.name)
    if not match:
        return EntrySummary(path, "", path.stem, None)
    return EntrySummary(path, match.group(1), match.group(2).replace("-", " "), None)


def summarise(path: Path) -> EntrySummary:
    """A quick summary from the file (tomllib only); falls back to the file name."""
    fallback = summary_from_name(path)
    try:
        raw = fsutil.read_file(path, MAX_SUMMARY_BYTES)
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (OSError, ValueError, RecursionError):  # TOMLDecodeError, UnicodeDecodeError, too large
        return fallback  # RecursionError: tomllib on deeply nested arrays or tables
    about = data.get("about") if isinstance(data.get("about"), dict) else {}
    assert isinstance(about, dict)
    company = about.get("company")
    stage = about.get("stage")
    role = about.get("role")
    news = about.get("news_date")
    return EntrySummary(
        path,
        str(news) if news else fallback.date,
        company if isinstance(company, str) and company else fallback.company,
        stage if isinstance(stage, str) else None,
        role if isinstance(role, str) else "",
    )


def fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class ChangedOnDisk(Exception):
    """The entry file changed (or vanished) since it was opened: another window, an editor
    or a sync tool wrote it. Saving over it would lose their change."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} changed on disk since it was opened")
        self.path = path


class CantSave(ValueError):
    """Nothing was written, for a reason a person can read (``str(error)``)."""


class TooLarge(CantSave):
    """The reflection would be larger than a file the app reads back (tomlio.MAX_FILE_BYTES)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"it is too long to save: a reflection can hold up to {fsutil.size_words(limit)}, "
            "the most recovery-tui reads back"
        )
        self.size, self.limit = size, limit


class ReadOnlyEntry(CantSave):
    """A newer version of the app wrote this entry (or the entry says so): never rewritten."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"a newer version of recovery-tui wrote {name}, and this version doesn't change "
            "what it can't fully read"
        )
        self.name = name


class NotAnEntryFile(CantSave):
    """The path is not a plain file directly inside ``entries/`` (a link, a folder, a FIFO,
    or somewhere else altogether)."""

    def __init__(self, path: Path, why: str = "isn't a reflection file in your journal") -> None:
        super().__init__(f"{path.name} {why}")
        self.path = path


def is_entry_name(name: object) -> bool:
    """A file name (no folder part) an entry may have: ``something.toml``, not hidden."""
    return (
        isinstance(name, str)
        and name.endswith(ENTRY_SUFFIX)
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )


def _declared_newer(raw: bytes) -> bool:
    """Whether the file says a newer version of the app wrote it (schema_version)."""
    from recovery_tui.core.models import SCHEMA_VERSION

    try:
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    version = data.get("schema_version")
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    return isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION


class Journal:
    """Reads and writes the entry files of one journal folder."""

    def __init__(self, paths: JournalPaths) -> None:
        self.paths = paths

    def ensure(self) -> None:
        fsutil.ensure_private_dir(self.paths.root)
        fsutil.ensure_private_dir(self.paths.entries)

    def entry_files(self, limit: int | None = None) -> list[Path]:
        """Entry files, newest name first (at most `limit`). Cheap: lists the folder, parses
        nothing. Sync tools' conflict copies, names that aren't UTF-8 and anything but a
        regular file are left out (`problems.scan.find_problems` lists them)."""
        try:
            with os.scandir(self.paths.entries) as listing:
                found = {
                    item.name: item
                    for item in listing
                    if item.name.endswith(ENTRY_SUFFIX) and not item.name.startswith(".")
                }
        except FileNotFoundError:
            return []
        picked: list[Path] = []
        # The cheap name test first; the slower checks only for names that are kept.
        for name in sorted(found, reverse=True):
            if is_conflict_copy(name) or not fsutil.is_text_name(name):
                continue
            if not found[name].is_file():
                continue
            picked.append(self.paths.entries / name)
            if limit is not None and len(picked) >= limit:
                break
        return picked

    def recent(self, count: int) -> list[EntrySummary]:
        """The `count` newest files, read and ordered by the date they show."""
        summaries = [summarise(path) for path in self.entry_files(limit=count)]
        return sorted(summaries, key=lambda s: (s.date, s.path.name), reverse=True)

    def entry_path(self, name: object) -> Path | None:
        """The entry file `name` names, if it may be one: a plain name directly inside
        ``entries/`` that is a regular file, or nothing at all (removed meanwhile). Anything
        else (an absolute path, ``../``, a link, a folder, a FIFO) gives None."""
        if not is_entry_name(name):
            return None
        assert isinstance(name, str)
        path = self.paths.entries / name
        try:
            info = path.lstat()
        except FileNotFoundError:
            return path
        except OSError:
            return None
        return path if stat.S_ISREG(info.st_mode) else None

    def read(self, path: Path) -> Entry:
        """Read and validate one entry file (imports the model layer on first use)."""
        return self.load(path)[0]

    def load(self, path: Path) -> tuple[Entry, str]:
        """Read and validate one entry file; also return the fingerprint of what was read."""
        from recovery_tui.core import tomlio

        raw = fsutil.read_file(path, tomlio.MAX_FILE_BYTES)  # never blocks on a FIFO
        try:
            return tomlio.loads(tomlio.decode(raw)), fingerprint(raw)
        except RecursionError:  # tomllib recurses once per nesting level
            raise ValueError(f"{path.name} is nested too deeply to read") from None

    def read_all(self, paths: list[Path] | None = None) -> tuple[list[tuple[Path, Entry]], int]:
        """Every readable entry as (path, Entry), newest first, and how many files couldn't
        be read (the Problems screen says why). Slow on a big journal: use from a worker."""
        entries: list[tuple[Path, Entry]] = []
        unreadable = 0
        for path in self.entry_files() if paths is None else paths:
            try:
                entries.append((path, self.read(path)))
            except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
                unreadable += 1
        return entries, unreadable

    def fingerprint_of(self, path: Path) -> str | None:
        """The fingerprint of the file as it is on disk now, or None if it is gone."""
        from recovery_tui.core import tomlio

        try:
            return fingerprint(fsutil.read_file(path, tomlio.MAX_FILE_BYTES))
        except (FileNotFoundError, fsutil.NotAFile, fsutil.TooLargeToRead):
            return None

    def _check_replace(self, path: Path, expected: str | None) -> None:
        """Raise if the file at `path` must not be replaced now: it changed since it was read
        (ChangedOnDisk), it isn't a plain file (NotAnEntryFile), a newer version wrote it
        (ReadOnlyEntry)."""
        from recovery_tui.core import tomlio

        try:
            current = fsutil.read_file(path, tomlio.MAX_FILE_BYTES, follow_symlinks=False)
        except FileNotFoundError:
            current = None
        except fsutil.NotAFile:
            if path.is_symlink():
                raise NotAnEntryFile(
                    path, "is a link to another place, so recovery-tui doesn't write through it"
                ) from None
            if expected is not None:
                raise ChangedOnDisk(path) from None
            raise NotAnEntryFile(path, "isn't a regular file") from None
        except fsutil.TooLargeToRead:
            if expected is not None:
                raise ChangedOnDisk(path) from None
            raise NotAnEntryFile(path, "is far too large for a reflection") from None
        if expected is not None and (current is None or fingerprint(current) != expected):
            raise ChangedOnDisk(path)
        if current is not None and _declared_newer(current):
            raise ReadOnlyEntry(f"entries/{path.name}")

    def file_name_for(self, entry: Entry, id_length: int = 8) -> str:
        day = entry.created.date().isoformat()
        return f"{day}-{slugify(entry.about.company)}-{entry.id[:id_length]}{ENTRY_SUFFIX}"

    def save(
        self,
        entry: Entry,
        path: Path | None = None,
        *,
        expected: str | None = None,
        durable: bool = True,
        create_folder: bool = True,
        action: str = "",
    ) -> Path:
        """Write an entry. A new entry (``path=None``) gets a new file that never replaces
        another; an existing one is replaced atomically. Returns the file written.

        With `expected` (the fingerprint from `load`), an existing file that changed on disk
        since then, or was removed, is not overwritten: ChangedOnDisk is raised instead. That
        is checked again once the new file is written and synced, right before the rename,
        under the journal's write lock (which other windows' saves wait for).
        With ``create_folder=False`` (the app, once running), a journal folder that is gone
        (deleted, moved, unmounted) raises FileNotFoundError rather than quietly starting a
        new, empty journal in its place.

        Nothing is written, and a CantSave error says why, for an entry larger than `load`
        reads back (TooLarge), an entry or file from a newer version (ReadOnlyEntry), or a
        `path` that isn't a plain file directly inside ``entries/`` (NotAnEntryFile).
        `action` names the change in its sync commit ("Ticked off a next action").
        """
        from recovery_tui.core import tomlio
        from recovery_tui.core.models import SCHEMA_VERSION

        if not create_folder and not self.paths.root.is_dir():
            raise FileNotFoundError(
                errno.ENOENT, "The journal folder is gone", str(self.paths.root)
            )
        if entry.schema_version > SCHEMA_VERSION:
            raise ReadOnlyEntry(f"entries/{path.name}" if path is not None else "this reflection")
        if path is not None and (
            not is_entry_name(path.name) or path.parent.absolute() != self.paths.entries.absolute()
        ):
            raise NotAnEntryFile(path)
        data = tomlio.dumps(entry).encode("utf-8")
        if len(data) > tomlio.MAX_FILE_BYTES:
            raise TooLarge(len(data), tomlio.MAX_FILE_BYTES)
        if path is not None:
            self._check_replace(path, expected)  # a save that is refused leaves no trace
        self.ensure()
        if path is not None:
            with fsutil.write_lock(self.paths.root):
                self._check_replace(path, expected)  # another window may have saved meanwhile
                fsutil.atomic_write(
                    path,
                    data,
                    durable=durable,
                    before_replace=lambda: self._check_replace(path, expected),
                )
            hook.note(self.paths.root, action or "Edited", path)  # committed off this path
            return path
        for id_length in (8, 12, 16, 32):
            candidate = self.paths.entries / self.file_name_for(entry, id_length)
            try:
                fsutil.atomic_write(candidate, data, new=True, durable=durable)
            except FileExistsError:
                continue
            hook.note(self.paths.root, action or "New reflection", candidate)
            return candidate
        raise FileExistsError(f"An entry with id {entry.id} already exists")
