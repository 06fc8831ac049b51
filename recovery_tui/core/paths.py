"""Every path the app uses, in one place. No Textual here.

The journal folder comes from ``--dir``, else ``$RECOVERY_TUI_DIR``, else ``journal`` in the
settings file, else the platform's user data folder. Settings live in the user config folder,
derived data in the cache folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from recovery_tui.core import folders
from recovery_tui.core.folders import display_path as display_path  # (settings needs it too)
from recovery_tui.core.printable import printable

#: The marker of an encrypted journal (core.fsutil.ENCRYPTION_MARKER, see core.crypto).
ENCRYPTION_MARKER = "encryption.toml"
APP_NAME = "recovery-tui"
ENV_DIR = "RECOVERY_TUI_DIR"
ENV_CONFIG = "RECOVERY_TUI_CONFIG_DIR"
ENV_CACHE = "RECOVERY_TUI_CACHE_DIR"
SETTINGS_NAME = "settings.toml"


def default_journal_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_journal_dir(
    cli_dir: str | os.PathLike[str] | None,
    env: Mapping[str, str],
    settings_file: Path | None = None,
) -> Path:
    """Pick the journal folder: ``--dir``, then the environment, then the settings file's
    ``journal``, then the default. The settings file is read only when it is needed."""
    return _journal_dir(cli_dir, env, settings_file, [])


def _journal_dir(
    cli_dir: str | os.PathLike[str] | None,
    env: Mapping[str, str],
    settings_file: Path | None,
    notes: list[str],
) -> Path:
    if cli_dir:  # used as given: the command line refuses a --dir that can't be used
        text = os.fspath(cli_dir)
        path, _ = folders.expand(text)
        return path if path is not None else Path(text).absolute()
    from_env = _env_folder(env, ENV_DIR, folders.journal_problem, notes)
    if from_env is not None:
        return from_env
    if settings_file is not None and may_exist(settings_file):
        from recovery_tui.core.settings import load_settings  # pydantic: only when needed

        # A journal folder that can't be used is None here (and a settings problem).
        journal = load_settings(settings_file).settings.journal
        if journal is not None:
            return journal.absolute()
    return default_journal_dir()


def _env_folder(
    env: Mapping[str, str], name: str, check: Callable[[Path], str | None], notes: list[str]
) -> Path | None:
    """The folder `name` in the environment names, if set and usable; else None, with a
    note saying why (the caller then uses the usual folder)."""
    value = env.get(name)
    if not value:
        return None
    path, problem = folders.expand(value)
    if path is not None:
        problem = check(path)
    if problem is None:
        return path
    notes.append(
        f"${name} ({printable(value, one_line=True)}) can't be used: {problem}. The usual "
        "folder is used instead; set it to an empty or new folder, or unset it."
        if name == ENV_DIR and problem == folders.NOT_A_JOURNAL
        else f"${name} ({printable(value, one_line=True)}) can't be used: {problem}. The "
        "usual folder is used instead."
    )
    return None


def may_exist(path: Path) -> bool:
    """Whether `path` may be there (True when it can't be looked at: the reader says why)."""
    try:
        return path.exists()
    except OSError:  # e.g. no permission to look: let the reader say what is wrong
        return True


def default_config_dir(env: Mapping[str, str], notes: list[str] | None = None) -> Path:
    """Settings: ``$RECOVERY_TUI_CONFIG_DIR`` if it can be used, else the user config."""
    found = _env_folder(env, ENV_CONFIG, folders.folder_problem, [] if notes is None else notes)
    return found or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_cache_dir(env: Mapping[str, str], notes: list[str] | None = None) -> Path:
    """Derived data (the history index): ``$RECOVERY_TUI_CACHE_DIR`` if it can be used,
    else the user cache."""
    found = _env_folder(env, ENV_CACHE, folders.folder_problem, [] if notes is None else notes)
    return found or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _folder_digest(journal_root: Path) -> str:
    return hashlib.sha256(os.fsencode(Path(journal_root).absolute())).hexdigest()[:16]


def index_file_for(cache_dir: Path, journal_root: Path) -> Path:
    """One index per journal folder: ``<cache>/index-<sha256 of the folder>[:16].sqlite3``."""
    return cache_dir / f"index-{_folder_digest(journal_root)}.sqlite3"


def problem_cache_for(cache_dir: Path, journal_root: Path) -> Path:
    """What the last problem scan found (see `core.problems.cache`): beside the index,
    ``problems-<the same digest>.json``."""
    return cache_dir / f"problems-{_folder_digest(journal_root)}.json"


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
    #: Folders named in the environment that can't be used, one sentence each (the usual
    #: folder is used instead): the app shows them at start, ``locate`` prints them.
    notes: tuple[str, ...] = ()

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_NAME

    @property
    def cache_folder(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else default_cache_dir(os.environ)

    @property
    def derived_folder(self) -> Path:
        """Where the index and the problem list go: the cache folder, or for an encrypted
        journal a private folder in memory (see core.crypto.memory)."""
        if (self.journal.root / ENCRYPTION_MARKER).is_file():
            from recovery_tui.core.crypto.memory import memory_folder

            return memory_folder()
        return self.cache_folder

    @property
    def index_file(self) -> Path:
        """The history index of this journal (derived data: deleting it loses nothing)."""
        return index_file_for(self.derived_folder, self.journal.root)

    @property
    def problem_cache_file(self) -> Path:
        """What the last problem scan found (derived data, like the index)."""
        return problem_cache_for(self.derived_folder, self.journal.root)

    @classmethod
    def resolve(
        cls, cli_dir: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
    ) -> AppPaths:
        env = os.environ if env is None else env
        notes: list[str] = []
        config_dir = default_config_dir(env, notes)
        journal = _journal_dir(cli_dir, env, config_dir / SETTINGS_NAME, notes)
        cache_dir = default_cache_dir(env, notes)
        return cls(JournalPaths(journal), config_dir, cache_dir, tuple(notes))
