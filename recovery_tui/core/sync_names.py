"""Conflict copies that sync tools (Syncthing, Dropbox, Nextcloud, ownCloud) leave beside a
file that changed in two places at once. No Textual here; only names are looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

# --- conflict copies -----------------------------------------------------------------------

_SYNCTHING = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]{7}(?P<ext>\.[^.]*)?$"
)
# Dropbox: "name (Anna's conflicted copy 2026-11-25).toml", "name (conflicted copy
# 2026-11-25) (1).toml"; Nextcloud: "name (conflicted copy 2026-11-25 101112).toml".
_PARENTHESISED = re.compile(
    r"^(?P<stem>.+?) \((?P<inner>[^()]*\bconflict(?:ed)? copy\b[^()]*(?:\(\d+\))?[^()]*)\)"
    r"(?: \(\d+\))?(?P<ext>\.[^.() ]*)?$",
    re.IGNORECASE,
)
# ownCloud and older Nextcloud: "name_conflict-20261125-101112.toml" (maybe with a user).
_UNDERSCORE = re.compile(r"^(?P<stem>.+?)_conflict-(?:.*-)?\d{8}-\d{6}(?P<ext>\.[^.]*)?$")
# recovery-tui's own sync (core.sync.merge.conflict_name): "name.git-conflict-<hash>.toml".
_GIT = re.compile(r"^(?P<stem>.+)\.git-conflict-[0-9a-f]{10}(?P<ext>\.[^.]*)?$")
_DROPBOX_INNER = re.compile(r"['’]s conflicted copy \d{4}-\d{2}-\d{2}", re.IGNORECASE)


def conflict_match(name: str) -> tuple[str, str] | None:
    """(the original's name, the sync tool) for a conflict copy's name, else None."""
    if "conflict" not in name.lower():
        return None
    for pattern in (_GIT, _SYNCTHING, _PARENTHESISED, _UNDERSCORE):
        match = pattern.match(name)
        if not match:
            continue
        original = match.group("stem") + (match.group("ext") or "")
        if not original.endswith(".toml"):
            return None
        if pattern is _GIT:
            tool = "Sync"
        elif pattern is _SYNCTHING:
            tool = "Syncthing"
        elif pattern is _UNDERSCORE:
            tool = "Nextcloud"
        elif _DROPBOX_INNER.search(match.group("inner")):
            tool = "Dropbox"
        else:
            tool = "your sync tool"
        return original, tool
    return None


def is_conflict_copy(name: str) -> bool:
    """True for a sync tool's conflict copy of an entry file (Syncthing, Dropbox,
    Nextcloud/ownCloud naming)."""
    if "conflict" not in name.lower():  # every scheme says so; skips the regexes quickly
        return False
    return conflict_match(name) is not None


def conflict_original(path: Path) -> Path | None:
    """The entry file a conflict copy is a copy of (whether or not it still exists), or
    None if `path` isn't a conflict copy."""
    match = conflict_match(path.name)
    return path.with_name(match[0]) if match else None
