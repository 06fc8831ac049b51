"""Which files of an encrypted journal are kept encrypted, and the key that does it while the
journal is unlocked (kept in memory, per journal folder). `fsutil.atomic_write` and
`fsutil.read_file` go through `seal_for` and `unseal_for`; the keys and the age format are in
core.crypto. No Textual here.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Protocol

#: At the root of an encrypted journal: says so, and names the key files are encrypted to.
ENCRYPTION_MARKER = "encryption.toml"
AGE_HEADERS = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")
#: What is kept encrypted in an encrypted journal: every file in these folders, and these
#: files at the root. Exports (written on purpose, said to be plain) and the rest are not.
SEALED_FOLDERS = frozenset({"entries", "drafts", "trash"})
SEALED_FILES = frozenset({"practice.toml"})


class Codec(Protocol):
    """An unlocked journal key (core.crypto.JournalKey)."""

    def seal(self, data: bytes) -> bytes: ...

    def unseal(self, data: bytes) -> bytes: ...


class JournalLocked(PermissionError):
    """A file of an encrypted journal read or written while its key isn't unlocked (nothing
    is written), or one that its key can't decrypt."""


_codecs: dict[str, Codec] = {}


def set_codec(root: Path, codec: Codec | None) -> None:
    """Keep `codec` in memory for the journal at `root` (None forgets it)."""
    key = os.path.realpath(root)
    if codec is None:
        _codecs.pop(key, None)
    else:
        _codecs[key] = codec


def forget_all() -> None:
    """Forget every journal key held in memory (tests start from a locked state)."""
    _codecs.clear()


def has_codec(root: Path) -> bool:
    return os.path.realpath(root) in _codecs


def is_age(data: bytes) -> bool:
    return data.startswith(AGE_HEADERS)


def sealed_root(path: Path) -> Path | None:
    """The root of the encrypted journal whose kept-encrypted files include `path`, if any."""
    path = Path(path)
    if path.name in SEALED_FILES:
        root = path.parent
    elif path.parent.name in SEALED_FOLDERS:
        root = path.parent.parent
    else:
        return None
    return root if (root / ENCRYPTION_MARKER).exists() else None


def _codec_for(root: Path) -> Codec:
    codec = _codecs.get(os.path.realpath(root))
    if codec is None:
        raise JournalLocked(errno.EACCES, "the journal is encrypted and not unlocked", str(root))
    return codec


def seal_for(path: Path, data: bytes) -> bytes:
    """`data` as it is written to `path`: encrypted if `path` is kept encrypted; raises
    `JournalLocked` (so nothing plain is written) if its journal isn't unlocked."""
    root = sealed_root(path)
    if root is None or is_age(data):  # e.g. a file sync brings in, already encrypted
        return data
    return _codec_for(root).seal(data)


def unseal_for(path: Path, data: bytes) -> bytes:
    """The plain bytes of the age file `path` read as `data`."""
    root = sealed_root(path)
    return data if root is None else _codec_for(root).unseal(data)
