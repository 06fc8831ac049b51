"""Private folders and atomic, durable file writes. No Textual here.

A write goes to a temp file in the destination folder (mode 0600), is flushed and fsynced,
renamed over the destination (or hard-linked into place when the name must be new), and then
the folder itself is fsynced. If anything fails, the temp file is removed and the old file,
if any, is untouched.

Two windows of the app share one write lock per journal (`write_lock`, an flock on
``<journal>/.lock``): a write that must not replace someone else's change holds it from its
last check until the rename. Reads go through `read_file`, which never blocks on a FIFO and
never reads more than a limit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# An encrypted journal's files are encrypted on write and decrypted on read (core.sealed).
from recovery_tui.core.sealed import (
    AGE_HEADERS,
    ENCRYPTION_MARKER,
    SEALED_FILES,
    SEALED_FOLDERS,
    Codec,
    JournalLocked,
    forget_all,
    has_codec,
    is_age,
    seal_for,
    sealed_root,
    set_codec,
    unseal_for,
)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
#: Temp files our own writes create: ``.<final name>.<random>.tmp``.
TEMP_PATTERN = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
#: The journal's write lock, in the journal folder itself (hidden, 0600, never removed).
LOCK_NAME = ".lock"
#: How long a write waits for another window's write to finish before giving up.
LOCK_WAIT_SECONDS = 5.0


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


def atomic_write(
    path: Path,
    data: bytes,
    *,
    new: bool = False,
    durable: bool = True,
    before_replace: Callable[[], None] | None = None,
    raw: bool = False,
) -> None:
    """Write `data` to `path` atomically with mode 0600.

    With ``new=True`` the file must not exist yet: it is linked into place, so two writers
    can never replace each other's file (FileExistsError is raised instead).
    With ``durable=False`` the fsyncs are skipped (only for throwaway demo data).
    `before_replace` runs once the temp file is written and synced, right before the rename:
    whatever it raises stops the write (the temp file is removed, `path` is untouched).
    In an encrypted journal `data` is encrypted first (see `sealed_root`); with ``raw=True``
    it is written as given (only core.crypto does that).
    """
    if not raw:
        data = seal_for(path, data)
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
        if before_replace is not None:
            before_replace()
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


@contextlib.contextmanager
def write_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the journal's write lock: other windows' writes wait until this one is done.

    An flock on ``<root>/.lock``, so it is shared by every process and every thread that opens
    it (each call opens its own file). Waits at most `wait` seconds (LOCK_WAIT_SECONDS), then
    raises OSError ("another window is saving"). Where locks aren't available (no fcntl, a
    filesystem without flock, a folder that can't be written), it does nothing: the checks
    right before each rename still stand.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(Path(root) / LOCK_NAME, flags, FILE_MODE)
    except OSError:
        yield  # the write itself will say what is wrong with the folder
        return
    try:
        deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
        locked = True
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OSError(errno.EBUSY, "another window is saving") from None
                time.sleep(0.002)
            except OSError:  # e.g. ENOLCK on some network filesystems
                locked = False
                break
        yield
        if locked:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def is_our_temp_file(name: str) -> bool:
    return bool(TEMP_PATTERN.match(name))


# --- reading without surprises -------------------------------------------------------------


#: The largest reflection the app reads, and so the largest it writes (one is a few KB).
MAX_ENTRY_BYTES = 4 * 1024 * 1024


class NotAFile(OSError):
    """A FIFO, socket, device or (when links aren't followed) a link where a file was
    expected. A FIFO or device is never opened: opening a FIFO waits for a writer, and
    reading a device may never end."""


class IsAFolder(NotAFile, IsADirectoryError):
    """A folder where a file was expected (both a `NotAFile` and an `IsADirectoryError`)."""


class TooLargeToRead(ValueError):
    """The file is larger than the limit it is read with. `info` is its stat as opened
    (None if it grew past the limit while being read)."""

    def __init__(self, message: str, info: os.stat_result | None = None) -> None:
        super().__init__(message)
        self.info = info


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsAFolder(errno.EISDIR, "Is a directory", str(path))
    if stat.S_ISLNK(mode):
        raise NotAFile(errno.ELOOP, "Is a link, not a file", str(path))
    if not stat.S_ISREG(mode):
        raise NotAFile(errno.EINVAL, "Not a regular file", str(path))


def read_file_and_stat(
    path: str | os.PathLike[str], limit: int, *, follow_symlinks: bool = True, raw: bool = False
) -> tuple[bytes, os.stat_result]:
    """`read_file`, with the file's stat taken on the opened file (so its size and mtime
    are those of the bytes read, for a cache that knows a file by them). An age file of an
    encrypted journal comes back decrypted unless ``raw=True``."""
    path = Path(path)
    _check_regular(path, os.stat(path, follow_symlinks=follow_symlinks).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: a file swapped for a FIFO since the stat can't hang the open.
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since the stat
            raise NotAFile(errno.ELOOP, "Is a link, not a file", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        _check_regular(path, info.st_mode)
        if info.st_size > limit:
            raise TooLargeToRead(f"{path.name} is larger than {limit} bytes", info)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            # Asking for one byte more than the file held reads it whole in one call.
            chunk = os.read(fd, min(max(info.st_size + 1 - size, 1 << 16), limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        raise TooLargeToRead(f"{path.name} is larger than {limit} bytes")
    data = b"".join(chunks)
    if not raw and is_age(data):
        data = unseal_for(path, data)
    return data, info


def read_file(path: Path, limit: int, *, follow_symlinks: bool = True, raw: bool = False) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, never blocking.

    The one way the app reads a file it didn't just write. Anything but a regular file
    raises before it is opened: `IsAFolder` for a folder, `NotAFile` for a FIFO, socket or
    device, and for a link unless `follow_symlinks`. A file over `limit` bytes (also one
    that grows while being read) raises `TooLargeToRead`. Other OSErrors as usual.
    """
    return read_file_and_stat(path, limit, follow_symlinks=follow_symlinks, raw=raw)[0]


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
    errno.EBUSY: "another window is saving",
}


def size_words(count: int) -> str:
    """A size limit as a person reads it: "4 MB", "64 KB"."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"


def describe_os_error(error: OSError) -> str:
    """A plain cause for a failed write, e.g. 'the disk is full'."""
    if isinstance(error, NotAFile):
        return "it isn't a regular file"
    if error.errno in _CAUSES:
        return _CAUSES[error.errno]
    return (error.strerror or type(error).__name__).lower()


#: Only the names from core.sealed are listed (the ones defined here are public anyway).
__all__ = [
    "AGE_HEADERS",
    "ENCRYPTION_MARKER",
    "SEALED_FILES",
    "SEALED_FOLDERS",
    "Codec",
    "JournalLocked",
    "forget_all",
    "has_codec",
    "is_age",
    "seal_for",
    "sealed_root",
    "set_codec",
    "unseal_for",
]
