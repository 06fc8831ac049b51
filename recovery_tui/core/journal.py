"""The journal on disk: one TOML file per entry under ``entries/``. No Textual here.

Files are named ``<YYYY-MM-DD>-<company-slug>-<short id>.toml`` so they sort by date and
never collide. A file that fails to parse or validate is never overwritten or deleted.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recovery_tui.core import fsutil
from recovery_tui.core.sync_names import is_conflict_copy
from recovery_tui.paths import JournalPaths

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
    return bool(match) and entry_id.startswith(match.group(3))


def summary_from_name(path: Path) -> EntrySummary:
    match = _NAME.match(path.name)
    if not match:
        return EntrySummary(path, "", path.stem, None)
    return EntrySummary(path, match.group(1), match.group(2).replace("-", " "), None)


def summarise(path: Path) -> EntrySummary:
    """A quick summary from the file (tomllib only); falls back to the file name."""
    fallback = summary_from_name(path)
    try:
        raw = fsutil.read_regular(path, MAX_SUMMARY_BYTES)
        if len(raw) > MAX_SUMMARY_BYTES:
            return fallback
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
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
        regular file are left out (`problems.find_problems` lists them)."""
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

    def read(self, path: Path) -> Any:
        """Read and validate one entry file (imports the model layer on first use)."""
        return self.load(path)[0]

    def load(self, path: Path) -> tuple[Any, str]:
        """Read and validate one entry file; also return the fingerprint of what was read."""
        from recovery_tui.core import tomlio

        raw = fsutil.read_regular(path, tomlio.MAX_FILE_BYTES)  # a FIFO can't hang it
        if len(raw) > tomlio.MAX_FILE_BYTES:
            raise ValueError(f"{path.name} is larger than {tomlio.MAX_FILE_BYTES} bytes")
        try:
            return tomlio.loads(tomlio.decode(raw)), fingerprint(raw)
        except RecursionError:  # tomllib recurses once per nesting level
            raise ValueError(f"{path.name} is nested too deeply to read") from None

    def read_all(self, paths: list[Path] | None = None) -> tuple[list[tuple[Path, Any]], int]:
        """Every readable entry as (path, Entry), newest first, and how many files couldn't
        be read (the Problems screen says why). Slow on a big journal: use from a worker."""
        entries: list[tuple[Path, Any]] = []
        unreadable = 0
        for path in self.entry_files() if paths is None else paths:
            try:
                entries.append((path, self.read(path)))
            except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
                unreadable += 1
        return entries, unreadable

    def fingerprint_of(self, path: Path) -> str | None:
        """The fingerprint of the file as it is on disk now, or None if it is gone."""
        try:
            return fingerprint(path.read_bytes())
        except FileNotFoundError:
            return None

    def file_name_for(self, entry: Any, id_length: int = 8) -> str:
        day = entry.created.date().isoformat()
        return f"{day}-{slugify(entry.about.company)}-{entry.id[:id_length]}{ENTRY_SUFFIX}"

    def save(
        self,
        entry: Any,
        path: Path | None = None,
        *,
        expected: str | None = None,
        durable: bool = True,
        create_folder: bool = True,
    ) -> Path:
        """Write an entry. A new entry (``path=None``) gets a new file that never replaces
        another; an existing one is replaced atomically. Returns the file written.

        With `expected` (the fingerprint from `load`), an existing file that changed on disk
        since then, or was removed, is not overwritten: ChangedOnDisk is raised instead.
        With ``create_folder=False`` (the app, once running), a journal folder that is gone
        (deleted, moved, unmounted) raises FileNotFoundError rather than quietly starting a
        new, empty journal in its place.
        """
        from recovery_tui.core import tomlio

        if not create_folder and not self.paths.root.is_dir():
            raise FileNotFoundError(
                errno.ENOENT, "The journal folder is gone", str(self.paths.root)
            )
        self.ensure()
        data = tomlio.dumps(entry).encode("utf-8")
        if path is not None:
            if expected is not None and self.fingerprint_of(path) != expected:
                raise ChangedOnDisk(path)
            fsutil.atomic_write(path, data, durable=durable)
            return path
        for id_length in (8, 12, 16, 32):
            candidate = self.paths.entries / self.file_name_for(entry, id_length)
            try:
                fsutil.atomic_write(candidate, data, new=True, durable=durable)
            except FileExistsError:
                continue
            return candidate
        raise FileExistsError(f"An entry with id {entry.id} already exists")
