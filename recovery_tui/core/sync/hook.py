"""The one call the places that change files make: ``note(root, action, *paths)``.

Cheap and safe on the typing path: it only hands the change to the committer running for
that journal (see `committer`), if there is one; otherwise it does nothing at all (the next
``recovery-tui sync`` commits what is left). No Textual here, no git here.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol


class Noter(Protocol):
    def note(self, action: str, paths: tuple[str, ...]) -> None: ...


_lock = threading.Lock()
_noters: dict[str, Noter] = {}


def _key(root: Path) -> str:
    return os.path.abspath(root)


def register(root: Path, noter: Noter) -> None:
    with _lock:
        _noters[_key(root)] = noter


def unregister(root: Path, noter: Noter) -> None:
    with _lock:
        if _noters.get(_key(root)) is noter:
            del _noters[_key(root)]


def note(root: Path, action: str, *paths: Path) -> None:
    """`action` ("Saved", "Moved to the trash"...) changed `paths` inside the journal `root`."""
    if not _noters:
        return
    noter = _noters.get(_key(root))
    if noter is None:
        return
    base = _key(root)
    names = tuple(os.path.relpath(os.path.abspath(path), base) for path in paths)
    noter.note(action, names)
