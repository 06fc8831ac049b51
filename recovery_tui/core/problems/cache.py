"""What the last problem scan found, kept between runs, so that looking again after a
restart reads only the files that changed. No Textual here.

A `scan.ProblemCache` is kept as a small JSON file in the user cache folder (one per
journal folder, see `core.paths.problem_cache_for`), 0600 like the index. It is derived data:
a file that is missing, damaged, made for another journal folder or by other checks (the
code of `problems` and of the model changed) is ignored, and the next scan reads every
file. It never holds a word of any reflection: only file names, sizes, modification times
and what the checks said.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from recovery_tui.core import fsutil
from recovery_tui.core.problems.scan import ProblemCache

#: 2: a fine file keeps its entry id too (duplicates are found by id).
FORMAT = 2
_MAX_BYTES = 64 * 1024 * 1024


#: Besides this package, the core modules whose code decides what a check finds: the model,
#: the choices it validates, how a file is decoded, and the reader with its size limit.
_ALSO_CHECKS = ("models.py", "prompts.py", "tomlio.py", "fsutil.py")


@functools.cache
def _checks() -> str:
    """Changes whenever the checks or their words may have: the code that makes them, every
    module of this package and `_ALSO_CHECKS` (read as files: importing the model would load
    pydantic). Worked out once a run: the code doesn't change while it runs."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in (*sorted(package.glob("*.py")), *(package.parent / n for n in _ALSO_CHECKS)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _stamp(value: Any) -> tuple[Any, ...] | None:
    """A cache value as `find_problems` keeps it, or None if it isn't one."""
    if not isinstance(value, list) or len(value) not in (3, 5):
        return None
    numbers, words = value[:2], value[2:]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return None
    if not all(isinstance(word, str) for word in words):
        return None
    return tuple(value)


def load_problem_cache(path: Path, journal_root: Path) -> ProblemCache:
    """The cache kept at `path` for the journal at `journal_root`; empty if there is none
    that can be used."""
    try:
        document = json.loads(fsutil.read_file(path, _MAX_BYTES))
        checks = _checks()
    except (OSError, ValueError, RecursionError):  # TooLargeToRead is a ValueError
        return {}
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("checks") != checks
        or document.get("journal") != str(Path(journal_root).absolute())
        or not isinstance(document.get("files"), dict)
    ):
        return {}
    cache: ProblemCache = {}
    for name, value in document["files"].items():
        stamp = _stamp(value)
        if stamp is not None:
            cache[name] = stamp
    return cache


def save_problem_cache(path: Path, journal_root: Path, cache: ProblemCache) -> bool:
    """Keep `cache` at `path` (0600, in a 0700 folder). False if it couldn't be written:
    the next run then reads every file again, nothing else is lost."""
    with contextlib.suppress(OSError):
        document = {
            "format": FORMAT,
            "checks": _checks(),
            "journal": str(Path(journal_root).absolute()),
            "files": {name: list(value) for name, value in cache.items()},
        }
        data = json.dumps(document, separators=(",", ":")).encode("ascii")  # odd names too
        fsutil.ensure_private_dir(path.parent)
        fsutil.atomic_write(path, data, durable=False)
        return True
    return False


__all__ = ["FORMAT", "load_problem_cache", "save_problem_cache"]
