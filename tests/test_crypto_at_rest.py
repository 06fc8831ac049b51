"""An encrypted journal, used through the core and the commands: nothing plain on disk."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from recovery_tui import cli
from recovery_tui.core import fsutil
from recovery_tui.core.drafts import Draft, DraftStore
from recovery_tui.core.editor import edit_text, explain
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.core.paths import AppPaths
from recovery_tui.core.practice import PracticeState, QuestionState, load_practice, save_practice
from recovery_tui.core.textkey import question_key
from recovery_tui.core.trash import move_to_trash
from tests.conftest import FIXED_NOW
from tests.test_literal_everywhere import entry_data

MARKER = "qzmarker7vx"
PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    yield
    fsutil.forget_all()


def everywhere(tag: str) -> dict[str, str]:
    names = [
        "company", "role", "tag", "happened", "thought", "other", "balanced1", "balanced2",
        "better", "q1", "q2", "fit", "skill", "said", "reuse", "a1", "a2", "pipeline",
        "person", "carry",
    ]  # fmt: skip
    return {name: f"{MARKER} {tag}" for name in names}


def files_holding(folders: list[Path], text: bytes, since: float) -> list[Path]:
    found = []
    for folder in folders:
        for place, _, names in os.walk(folder):
            for name in names:
                path = Path(place) / name
                try:
                    if path.is_symlink() or path.stat().st_mtime < since - 1:
                        continue
                    if text in path.read_bytes().lower():
                        found.append(path)
                except OSError:
                    continue
    return found


def test_a_marker_in_every_field_never_reaches_a_file_in_plain_text(
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.time()
    root = app_paths.journal.root
    monkeypatch.setenv("RECOVERY_TUI_DIR", str(root))
    monkeypatch.setenv("RECOVERY_TUI_CONFIG_DIR", str(app_paths.config_dir))
    monkeypatch.setenv("RECOVERY_TUI_CACHE_DIR", str(app_paths.cache_dir))
    monkeypatch.setenv("RECOVERY_TUI_PASSPHRASE", PASSPHRASE)
    journal = Journal(app_paths.journal)
    when = FIXED_NOW - timedelta(days=1)
    journal.save(build_entry(entry_data(everywhere("before")), id="ab" * 16, created=when,
                             updated=when))  # fmt: skip
    assert cli.main(["list"]) == 0  # the plain journal's index, in the cache folder
    folders = [
        root,
        app_paths.config_dir,
        Path(str(app_paths.cache_dir)),
        Path(tempfile.gettempdir()),
    ]
    assert len(files_holding(folders, MARKER.encode(), started)) >= 2  # the entry, the index
    assert cli.main(["encrypt"]) == 0
    capsys.readouterr()
    # Everything written once it is encrypted (the key is in memory after the command).
    saved = journal.save(build_entry(entry_data(everywhere("after")), id="cd" * 16,
                                     created=FIXED_NOW, updated=FIXED_NOW))  # fmt: skip
    DraftStore(app_paths.journal).save(
        Draft(
            id="ef" * 16, entry_id="12" * 16, created=FIXED_NOW, updated=FIXED_NOW, panel=2,
            values={"about.company": f"{MARKER} draft", "personal.what_happened": MARKER},
        )
    )  # fmt: skip
    question = QuestionState(practised=True, sketch=f"{MARKER} sketch")
    save_practice(root, PracticeState(questions={question_key(f"{MARKER} q"): question}))
    move_to_trash(app_paths.journal, saved)
    # Reading it all back through the commands, with the passphrase.
    fsutil.forget_all()
    assert cli.main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and MARKER in listed[0]["company"]
    assert cli.main(["export", "--format", "json", "--search", MARKER]) == 0
    assert MARKER in capsys.readouterr().out
    out_file = app_paths.journal.root.parent / "out.json"
    assert cli.main(["export", "--format", "json", "--out", str(out_file)]) == 0
    assert "It is plain text" in capsys.readouterr().err
    out_file.unlink()  # exported on purpose, said to be plain; not part of the check
    assert cli.main(["check"]) == 0
    assert MARKER in load_practice(root).questions[question_key(f"{MARKER} q")].sketch
    assert files_holding(folders, MARKER.encode(), started) == []


def test_the_editor_is_refused_for_an_encrypted_journal(app_paths: AppPaths) -> None:
    root = app_paths.journal.root
    fsutil.ensure_private_dir(root)
    (root / fsutil.ENCRYPTION_MARKER).write_text("format = 1\n")
    ran: list[object] = []
    result = edit_text(MARKER, app_paths.journal.editing, env={"EDITOR": "vi"}, run=ran.append)  # type: ignore[arg-type]  # a runner that records
    assert result.outcome == "encrypted" and ran == []
    assert not app_paths.journal.editing.exists()
    assert "encrypted" in explain(result)


def test_a_locked_journal_refuses_to_read_or_write(app_paths: AppPaths) -> None:
    root = app_paths.journal.root
    fsutil.ensure_private_dir(root / "entries")
    (root / fsutil.ENCRYPTION_MARKER).write_text("format = 1\n")
    age_file = root / "entries" / "a.toml"
    age_file.write_bytes(b"age-encryption.org/v1\n-> X25519 abc\n")
    with pytest.raises(fsutil.JournalLocked):
        fsutil.read_file(age_file, 1000)
    with pytest.raises(fsutil.JournalLocked):
        fsutil.atomic_write(root / "drafts" / "d.toml", b"plain")
    (root / "exports").mkdir()
    fsutil.atomic_write(root / "exports" / "x.md", b"plain")  # exports are plain on purpose
    assert (root / "exports" / "x.md").read_bytes() == b"plain"


def test_an_encrypted_journals_index_never_falls_back_to_a_disk_folder(
    app_paths: AppPaths,
) -> None:
    import sqlite3

    from recovery_tui.core.crypto.memory import memory_folder
    from recovery_tui.core.index.place import IndexPlace

    root = app_paths.journal.root
    fsutil.ensure_private_dir(root / "entries")
    (root / fsutil.ENCRYPTION_MARKER).write_text("format = 1\n")
    assert app_paths.index_file.parent == memory_folder()
    app_paths.index_file.mkdir()  # a folder where the index file should be
    moved: list[str] = []
    place = IndexPlace(app_paths.index_file, Journal(app_paths.journal), moved.append)
    with pytest.raises((OSError, sqlite3.Error)):
        place.open()
    assert moved == [] and not place.temporary


def test_without_a_memory_folder_the_index_has_nowhere_to_go(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from recovery_tui.core.crypto import memory
    from recovery_tui.core.index.place import IndexPlace

    monkeypatch.setattr(memory, "_folder", None)
    monkeypatch.setattr(memory, "_candidates", list)
    root = app_paths.journal.root
    fsutil.ensure_private_dir(root / "entries")
    (root / fsutil.ENCRYPTION_MARKER).write_text("format = 1\n")
    assert memory.holds(app_paths.index_file)
    place = IndexPlace(app_paths.index_file, Journal(app_paths.journal))
    with pytest.raises((OSError, sqlite3.Error)):
        place.open()
    assert not place.temporary
