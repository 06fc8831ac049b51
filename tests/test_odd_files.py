"""Odd things left in a journal: a name that isn't UTF-8, a FIFO, a socket, a device node.

Each is named as a problem (``recovery-tui check`` and the Files screen) and skipped, and
everything else keeps working. A FIFO must never be opened: reading one waits for a writer
that never comes. So that a regression fails instead of hanging, the CLI runs in a
subprocess with a timeout, and the app's tests run beside a `FifoGuard` that opens the
write end of every FIFO if a reader is still stuck there at the end, and says so.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList

from recovery_tui.core import fsutil
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.index.entry_files import read_entry_file
from recovery_tui.core.journal import Journal, summarise
from recovery_tui.core.paths import AppPaths, JournalPaths
from recovery_tui.core.practice import load_practice
from recovery_tui.core.settings import load_settings
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.problems import ProblemsScreen
from tests.conftest import FIXED_NOW, settle
from tests.samples import write_samples

REPO = Path(__file__).resolve().parents[1]
#: A reader stuck on a FIFO is let go after this long, and the test then fails.
HANG_LIMIT = 30.0
BAD_ENTRY = b"2026-11-26-caf\xe9-0a0a0a0a.toml"  # Latin-1, not UTF-8
BAD_DRAFT = b"\xff\xfe.toml"


def _bytes_path(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def _socket(path: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path is limited to about 100 bytes: bind it by name
    try:
        listener.bind(path.name)
    finally:
        os.chdir(here)
        listener.close()  # the socket file stays


def _device(path: Path) -> bool:
    """A character device like /dev/null; False if making one is refused."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        return False
    except OSError as error:
        if error.errno in {errno.EPERM, errno.EACCES, errno.EOPNOTSUPP}:
            return False
        raise
    return True


@dataclass
class OddJournal:
    paths: AppPaths
    good_entries: list[Path]
    good_draft: Draft
    fifos: list[Path] = field(default_factory=list)
    #: Every odd file, as check and the Files screen should name it.
    odd: list[str] = field(default_factory=list)


def make_odd_journal(paths: AppPaths) -> OddJournal:
    journal = Journal(paths.journal)
    good = write_samples(journal)
    store = DraftStore(paths.journal)
    draft = Draft(
        id="0d" * 16,
        entry_id="0e" * 16,
        created=FIXED_NOW,
        updated=FIXED_NOW,
        panel=1,
        values={"about.company": "Umbrella"},
    )
    store.save(draft)
    odd = OddJournal(paths, good, draft)
    for folder in (paths.journal.entries, paths.journal.drafts):
        place = folder.name
        fifo = folder / "pipe.toml"
        os.mkfifo(fifo)
        odd.fifos.append(fifo)
        _socket(folder / "socket.toml")
        odd.odd += [f"{place}/pipe.toml", f"{place}/socket.toml"]
        if _device(folder / "null.toml"):
            odd.odd.append(f"{place}/null.toml")
    # A readable entry and a readable draft, under names that aren't UTF-8.
    entry = good[0].read_bytes().replace(b"01010101", b"0a0a0a0a").replace(b"Northwind", b"Caf")
    _bytes_path(paths.journal.entries, BAD_ENTRY).write_bytes(entry)
    other = replace(draft, id="0f" * 16, values={"about.company": "Hidden"})
    store.save(other)
    os.rename(store.path_for(other.id), _bytes_path(paths.journal.drafts, BAD_DRAFT))
    odd.odd += ["entries/2026-11-26-caf\\xe9-0a0a0a0a.toml", "drafts/\\xff\\xfe.toml"]
    practice = paths.journal.root / "practice.toml"
    os.mkfifo(practice)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    os.mkfifo(paths.settings_file)
    odd.fifos += [practice, paths.settings_file]
    odd.odd += ["practice.toml", str(paths.settings_file)]
    return odd


class FifoGuard:
    """Lets go of any reader stuck opening one of `fifos`, once the test is over or
    `HANG_LIMIT` seconds have passed, and remembers that it had to."""

    def __init__(self, fifos: list[Path]) -> None:
        self.fifos = fifos
        self.released: list[str] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _release(self) -> None:
        for fifo in self.fifos:
            try:  # succeeds only if someone has it open for reading
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue
            os.close(fd)
            self.released.append(fifo.name)

    def _watch(self) -> None:
        while not self._done.wait(HANG_LIMIT):
            self._release()

    def stop(self) -> None:
        self._release()
        self._done.set()


@pytest.fixture
def odd(app_paths: AppPaths) -> Iterator[OddJournal]:
    yield make_odd_journal(app_paths)


@pytest.fixture
def guard(odd: OddJournal) -> Iterator[FifoGuard]:
    watching = FifoGuard(odd.fifos)
    yield watching
    watching.stop()
    assert watching.released == [], f"something blocked reading a FIFO: {watching.released}"


def cli(odd: OddJournal, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_TUI_")},
        "RECOVERY_TUI_CONFIG_DIR": str(odd.paths.config_dir),
        "RECOVERY_TUI_CACHE_DIR": str(odd.paths.cache_folder),
    }
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *argv, "--dir", str(odd.paths.journal.root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,  # a FIFO opened for reading would hang it: fail instead
        env=env,
    )


# --- the command line ----------------------------------------------------------------------


def test_check_names_every_odd_file_and_what_it_is(odd: OddJournal) -> None:
    result = cli(odd, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    headers = [line for line in result.stdout.splitlines() if line and not line[0].isspace()]
    assert sorted(headers[:-1]) == sorted(odd.odd)
    text = " ".join(result.stdout.split())
    assert "isn't UTF-8 text" in text and "give it a plain name ending in .toml" in text
    assert "not a draft, so it is skipped" in text
    assert "your practice list can't be read or kept" in text
    assert "your settings can't be read and the defaults apply" in text
    assert "couldn't read" not in text  # a socket isn't a file that failed to read
    assert headers[-1].startswith(f"{len(odd.odd)} files need a look; 3 reflections are fine.")


def test_list_and_export_skip_the_odd_files(odd: OddJournal) -> None:
    listed = cli(odd, "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[1] for line in listed.stdout.splitlines()] == [
        "Northwind Labs",
        "Globex",
        "Initech",
    ]
    exported = cli(odd, "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count('"company"') == 3
    packet = cli(odd, "export", "--prep")
    assert packet.returncode == 0, packet.stderr
    assert "written without practice notes" in packet.stderr


# --- the app -------------------------------------------------------------------------------


async def test_the_app_lists_the_odd_files_and_keeps_working(make_app, odd, guard):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert home.home_data is not None
        assert [d.id for d in home.home_data.drafts] == [odd.good_draft.id]
        assert len(home.home_data.recent) == 3
        assert str(home.query_one("#problems-line").render()).startswith(
            f"{len(odd.odd)} files need a look"
        )
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#history", DataTable).row_count == 3
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        listing = app.screen.query_one("#problems", OptionList)
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        heads = sorted(line.split("\n")[0].split("  (")[0] for line in shown)
        assert heads == sorted(odd.odd)
        await pilot.press("escape", "b")  # practice: its file is a FIFO
        await settle(pilot)
        assert "isn't a regular file" in str(app.screen.query_one("#practice-intro").render())
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


# --- each reader, one at a time ------------------------------------------------------------


def _in_time(read: Callable[[], Any], fifo: Path) -> Any:
    """`read()`, or a failure if it blocks on `fifo` (which is then let go)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = read()
        except BaseException as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG_LIMIT)
    if worker.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(HANG_LIMIT)
        pytest.fail(f"reading {fifo.name} blocked on the FIFO")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_no_reader_opens_a_fifo(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    root.mkdir()
    fifo = root / "practice.toml"
    os.mkfifo(fifo)
    with pytest.raises(OSError):
        _in_time(lambda: read_entry_file(fifo), fifo)
    assert _in_time(lambda: summarise(fifo), fifo).company == "practice"
    with pytest.raises(ValueError, match="isn't a regular file"):
        _in_time(lambda: load_practice(root), fifo)
    loaded = _in_time(lambda: load_settings(fifo), fifo)
    assert loaded.failure is not None and "isn't a regular file" in loaded.failure
    with pytest.raises(fsutil.NotAFile):
        _in_time(lambda: fsutil.read_file(fifo, 1024), fifo)


# --- import ----------------------------------------------------------------------------------


def test_import_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """Given a FIFO as the export, import says it can't read it (it used to wait forever)."""
    source = tmp_path / "backup.json"
    os.mkfifo(source)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_TUI_")},
        "RECOVERY_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "import", str(source),
         "--dir", str(tmp_path / "journal")],
        capture_output=True, text=True, cwd=REPO, check=False, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "couldn't read" in done.stderr and "Nothing was imported" in done.stderr


def test_looking_for_ids_already_there_never_opens_a_fifo(tmp_path: Path, monkeypatch) -> None:
    from recovery_tui.core.export import existing_ids
    from tests.fifo import harmless_fifo

    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.ensure()
    opened: list[str] = []

    def spying(real: Any) -> Any:
        def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
            opened.append(os.fspath(path))
            return real(path, *args, **kwargs)

        return spy

    entry_id = "abcdef12" + "0" * 24
    with harmless_fifo(journal.paths.entries / "2026-11-25-acme-abcdef12.toml") as fifo:
        monkeypatch.setattr(os, "open", spying(os.open))
        monkeypatch.setattr(io, "open", spying(io.open))
        assert existing_ids(journal, [entry_id]) == set()
        monkeypatch.undo()
    assert str(fifo) not in opened
