"""Whether a path a person gave (``--dir``, an environment variable, ``journal`` in the
settings) can be one of the app's folders. Looks only, creates and changes nothing. No Textual.

Each check answers with a few plain words on what is wrong ("it is a file, not a folder"),
or None when the folder is there or can be made. Callers add which setting it was and what
happens instead (the default folder, or a refusal for ``--dir``).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: What the app keeps at the top of a journal folder: one of them there means a journal.
JOURNAL_NAMES = frozenset({"entries", "drafts", "trash", "exports", "editing", "practice.toml"})
#: Files that file managers and sync tools leave in any folder: they don't make it "used".
_LITTER = frozenset({"desktop.ini", "Thumbs.db", "Icon\r"})

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "it links to itself in a loop",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "the disk reported an error",
}


def expand(text: str) -> tuple[Path | None, str | None]:
    """``~`` expanded and made absolute: (path, None), or (None, why it can't be)."""
    if "\0" in text:
        return None, "it has a NUL character in it"
    try:
        return Path(text).expanduser().absolute(), None
    except RuntimeError:  # ~name of a user this computer doesn't know
        return None, "the home folder it starts from can't be found"
    except OSError as error:  # the current folder is gone (for a relative path)
        return None, _reason(error)


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0) or (error.strerror or type(error).__name__).lower()


def _stat(path: Path) -> tuple[os.stat_result | None, str | None]:
    """(stat, None); (None, None) if nothing is there; (None, why) if it can't be looked at."""
    try:
        return path.stat(), None
    except FileNotFoundError:
        return None, None
    except NotADirectoryError:
        return None, _file_in_path(path)
    except OSError as error:
        return None, f"it can't be looked at ({_reason(error)})"
    except (ValueError, UnicodeEncodeError):  # a NUL, a lone surrogate
        return None, "it has characters a folder name can't have"


def _file_in_path(path: Path) -> str:
    for parent in path.parents:
        try:
            if parent.exists() and not parent.is_dir():
                return f"part of it, {parent}, is a file, not a folder"
        except (OSError, ValueError):
            continue
    return "part of it is a file, not a folder"


def folder_problem(path: Path) -> str | None:
    """Why `path` can't be a folder of the app's, or None: it is a folder, or it doesn't
    exist yet and the nearest folder above it would let it be made."""
    if "\0" in os.fspath(path):
        return "it has a NUL character in it"
    found, problem = _stat(path)
    if problem is not None:
        return problem
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            return None
        if stat.S_ISREG(found.st_mode):
            return "it is a file, not a folder"
        return "it isn't a folder"
    for parent in path.parents:
        above, problem = _stat(parent)
        if problem is not None:
            return problem
        if above is None:
            continue
        if not stat.S_ISDIR(above.st_mode):
            return f"part of it, {parent}, is a file, not a folder"
        if not os.access(parent, os.W_OK | os.X_OK):
            return f"it doesn't exist, and it can't be made in {parent} (permission denied)"
        return None
    return None


def _not_a_journal(path: Path) -> str | None:
    """None for a folder that holds a journal (entries/, drafts/, practice.toml...) or
    nothing yet (hidden files and file-manager litter aside), and for no folder at all."""
    try:
        with os.scandir(path) as listing:
            names = [item.name for item in listing]
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it can't be opened ({_reason(error)})"
    if any(name in JOURNAL_NAMES for name in names):
        return None
    if all(name.startswith(".") or name in _LITTER for name in names):
        return None
    return NOT_A_JOURNAL


NOT_A_JOURNAL = (
    "it already has other files in it and isn't a journal; a journal needs a private "
    "folder of its own (only you can open it), and this one is left as it is"
)


def journal_problem(path: Path) -> str | None:
    """`folder_problem`, or why a folder that is there can't become a journal: above all
    one with other things in it, whose permissions the app would otherwise change."""
    return folder_problem(path) or _not_a_journal(path)


def display_path(path: Path) -> str:
    """A path as a person would type it: ``~/...`` under the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
