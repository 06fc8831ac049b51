"""Every path the app uses, in one place.

The journal folder comes from ``--dir``, else ``$RECOVERY_TUI_DIR``, else the platform's
user data folder. Settings live in the user config folder, derived data in the cache folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "recovery-tui"
ENV_DIR = "RECOVERY_TUI_DIR"
ENV_CONFIG = "RECOVERY_TUI_CONFIG_DIR"
ENV_CACHE = "RECOVERY_TUI_CACHE_DIR"


def default_journal_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_journal_dir(cli_dir: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Path:
    """Pick the journal folder: ``--dir`` first, then the environment, then the default."""
    if cli_dir:
        return Path(cli_dir).expanduser().absolute()
    if env.get(ENV_DIR):
        return Path(env[ENV_DIR]).expanduser().absolute()
    return default_journal_dir()


def default_config_dir(env: Mapping[str, str]) -> Path:
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser().absolute()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """Derived data (the history index): ``$RECOVERY_TUI_CACHE_DIR``, else the user cache."""
    if env.get(ENV_CACHE):
        return Path(env[ENV_CACHE]).expanduser().absolute()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def index_file_for(cache_dir: Path, journal_root: Path) -> Path:
    """One index per journal folder: ``<cache>/index-<sha256 of the folder>[:16].sqlite3``."""
    digest = hashlib.sha256(os.fsencode(Path(journal_root).absolute())).hexdigest()[:16]
    return cache_dir / f"index-{digest}.sqlite3"


@dataclass(frozen=True)
class JournalPaths:
    """The layout of one journal folder."""

    root: Path

    @property
    def entries(self) -> Path:
        return self.root / "entries"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def trash(self) -> Path:
        return self.root / "trash"

    @property
    def exports(self) -> Path:
        """Where exports made from the app go: private, like the rest of the journal."""
        return self.root / "exports"

    @property
    def editing(self) -> Path:
        """Private temp files for answers open in the person's own editor (see core.editor)."""
        return self.root / "editing"


@dataclass(frozen=True)
class AppPaths:
    journal: JournalPaths
    config_dir: Path
    #: None: ``$RECOVERY_TUI_CACHE_DIR``, else the user cache folder (see `default_cache_dir`).
    cache_dir: Path | None = None

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def cache_folder(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else default_cache_dir(os.environ)

    @property
    def index_file(self) -> Path:
        """The history index of this journal (derived data: deleting it loses nothing)."""
        return index_file_for(self.cache_folder, self.journal.root)

    @classmethod
    def resolve(
        cls, cli_dir: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
    ) -> AppPaths:
        env = os.environ if env is None else env
        return cls(
            JournalPaths(resolve_journal_dir(cli_dir, env)),
            default_config_dir(env),
            default_cache_dir(env),
        )


def display_path(path: Path) -> str:
    """A path as a person would type it: ``~/...`` under the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
