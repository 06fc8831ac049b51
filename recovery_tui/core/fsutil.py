"""Private folders and atomic, durable file writes. No Textual here.

A write goes to a temp file in the destination folder (mode 0600), is flushed and fsynced,
renamed over the destination (or hard-linked into place when the name must be new), and then
the folder itself is fsynced. If anything fails, the temp file is removed and the old file,
if any, is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
#: Temp files our own writes create: ``.<final name>.<random>.tmp``.
TEMP_PATTERN = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


def ensure_private_dir(path: Path, *, parents: bool = True) -> Path:
    """Create `path` (and missing parents, unless ``parents=False``) and make the folder
    itself exactly 0700. Each parent folder it creates is 0700 too, whatever the umask;
    parents that were already there are left as they are."""
    try:
        path.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        pass
    except FileNotFoundError:
        if not parents:
            raise
        _make_private_parents(path.parent)
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
    found = path.stat()
    if not stat.S_ISDIR(found.st_mode):
        raise FileExistsError(errno.EEXIST, "It exists and is not a folder", str(path))
    if stat.S_IMODE(found.st_mode) != FOLDER_MODE:
        path.chmod(FOLDER_MODE)
    return path


def _make_private_parents(folder: Path) -> None:
    """Make `folder` and the missing folders above it, each exactly 0700."""
    try:
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return
    except FileNotFoundError:
        if folder.parent == folder:
            raise
        _make_private_parents(folder.parent)
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            return
    folder.chmod(FOLDER_MODE)  # mkdir's mode is filtered by the umask


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink inside `path` durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, *, new: bool = False, durable: bool = True) -> None:
    """Write `data` to `path` atomically with mode 0600.

    With ``new=True`` the file must not exist yet: it is linked into place, so two writers
    can never replace each other's file (FileExistsError is raised instead).
    With ``durable=False`` the fsyncs are skipped (only for throwaway demo data).
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
        if durable:
            fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _link_new(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except OSError as error:
        if error.errno == errno.EEXIST:
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        if error.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}:
            raise
        # A filesystem without hard links: check, then rename (a tiny race, nothing better).
        if path.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def is_our_temp_file(name: str) -> bool:
    return bool(TEMP_PATTERN.match(name))


# --- reading without surprises -------------------------------------------------------------


class NotAFile(OSError):
    """A FIFO, socket or device where a file was expected. It is never opened for reading:
    opening a FIFO waits for a writer, and reading a device may never end."""


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(mode):
        raise NotAFile(errno.EINVAL, "Not a regular file", str(path))


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a symlink to one is fine), never blocking.

    Anything else raises before it is opened: IsADirectoryError for a folder, `NotAFile`
    for a FIFO, socket or device. With `limit`, at most ``limit + 1`` bytes are read, so
    a caller can tell a file that is too large without reading all of it.
    """
    _check_regular(path, os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: swapped for a FIFO since the stat, it can't hang
    try:
        _check_regular(path, os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        total = 0
        while limit is None or total <= limit:
            want = 1 << 20 if limit is None else min(1 << 20, limit + 1 - total)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_text_name(name: str) -> bool:
    """False for a file name whose bytes aren't UTF-8 (Python keeps those bytes as lone
    surrogates, which can't be stored, printed or shown): such a file is listed as a
    problem and otherwise skipped."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A file name as a person can read and type it: bytes that aren't UTF-8 as ``\\xff``."""
    if is_text_name(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("ascii")
    return raw.decode("utf-8", "backslashreplace")


_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "you are over your disk quota",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder is gone",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EIO: "the disk reported an error",
}


def describe_os_error(error: OSError) -> str:
    """A plain cause for a failed write, e.g. 'the disk is full'."""
    if isinstance(error, NotAFile):
        return "it isn't a regular file"
    if error.errno in _CAUSES:
        return _CAUSES[error.errno]
    return (error.strerror or type(error).__name__).lower()
