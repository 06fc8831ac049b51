"""Where an encrypted journal's derived data lives: memory-backed storage only. No Textual.

The history index and the problem list hold what reflections say, so for an encrypted
journal they never go to the cache folder: they are built at unlock in a private folder on
a memory-backed filesystem (``/dev/shm``, else ``$XDG_RUNTIME_DIR`` when it is a tmpfs),
removed when the process ends. Without one, `memory_folder` names a folder that can't be
made (`UNAVAILABLE`): opening the index there fails and says so, and `holds` keeps it from
moving to a disk folder instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from recovery_tui.core import fsutil

_folder: Path | None = None


#: Where the index "is" when there is no memory-backed folder: it can never be created.
UNAVAILABLE = Path("/proc/recovery-tui-no-memory-backed-folder")


def _is_tmpfs(folder: Path) -> bool:
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            found = [line.split()[:3] for line in mounts]
    except OSError:
        return False
    real = os.path.realpath(folder)
    best = max((m for m in found if real.startswith(m[1])), key=lambda m: len(m[1]), default=None)
    return best is not None and best[2] in {"tmpfs", "ramfs"}


def _candidates() -> list[Path]:
    places = [Path("/dev/shm")]
    if os.environ.get("XDG_RUNTIME_DIR"):
        places.append(Path(os.environ["XDG_RUNTIME_DIR"]))
    return [p for p in places if p.is_dir() and os.access(p, os.W_OK) and _is_tmpfs(p)]


def memory_folder() -> Path:
    """This process's private folder in memory (0700), made on first use."""
    global _folder
    if _folder is None or not _folder.is_dir():
        places = _candidates()
        if not places:
            return UNAVAILABLE
        _folder = Path(tempfile.mkdtemp(prefix="recovery-tui-", dir=places[0]))
        os.chmod(_folder, fsutil.FOLDER_MODE)
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def holds(path: Path) -> bool:
    """True for a file in this process's memory folder (an encrypted journal's index)."""
    path = Path(path)
    return path.is_relative_to(UNAVAILABLE) or (
        _folder is not None and path.is_relative_to(_folder)
    )
