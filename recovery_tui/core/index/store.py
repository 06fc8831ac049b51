"""`Index`: the derived index of one journal folder, made of its parts. No Textual here.

The TOML files under ``entries/`` stay the only source of truth. The index is derived data in
the user cache folder (one file per journal folder, see `core.paths.index_file_for`):
deleting it loses nothing. See the package's docstring for what each part does.
"""

from __future__ import annotations

from recovery_tui.core.index.carry_forward import CarryForwardQueries
from recovery_tui.core.index.refresh import Refreshing
from recovery_tui.core.index.search import SearchQueries
from recovery_tui.core.index.summary import InsightQueries


class Index(Refreshing, SearchQueries, CarryForwardQueries, InsightQueries):
    """The derived index of one journal folder. Use `Index.open` (or `place.IndexPlace`)."""


__all__ = ["Index"]
