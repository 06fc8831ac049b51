"""The practice state file: validated, private, never overwritten when it doesn't validate."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
import tomli_w
from pydantic import ValidationError

from recovery_tui.core import editor, fsutil
from recovery_tui.core.housekeeping import clean_stale_temp_files
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.practice import (
    MAX_FILE_BYTES,
    PracticeState,
    QuestionState,
    SkillState,
    keep_sketch,
    load_practice,
    practice_file,
    save_practice,
    update_practice,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir()
    return folder


def test_no_file_is_an_empty_state(root):
    state = load_practice(root)
    assert state == PracticeState()
    assert state.questions == {} and state.skills == {} and state.schema_version == 1
    assert not practice_file(root).exists()


def test_round_trip_private_file(root):
    state = PracticeState(
        questions={
            "tell me about a conflict": QuestionState(
                practised=True, sketch="  The release we slipped.\r\nWhat I changed after.  "
            ),
            "why this company": QuestionState(),
        },
        skills={"kubernetes basics": SkillState(status="in_progress")},
    )
    path = save_practice(root, state)
    assert path == root / "practice.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_practice(root)
    assert loaded == state
    sketch = loaded.questions["tell me about a conflict"].sketch
    assert sketch == "The release we slipped.\nWhat I changed after."
    assert loaded.skills["kubernetes basics"].status == "in_progress"
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["questions"]["why this company"] == {"practised": False, "sketch": ""}

    loaded.questions["why this company"].practised = True
    save_practice(root, loaded)
    assert load_practice(root).questions["why this company"].practised is True
    # No temp files left (the journal's write lock file stays, on purpose).
    assert [p.name for p in root.iterdir() if p.name != fsutil.LOCK_NAME] == ["practice.toml"]


def test_unknown_keys_are_kept(root):
    practice_file(root).write_text(
        'schema_version = 1\nfrom_the_future = "yes"\n\n'
        '[questions."why this company"]\npractised = true\nconfidence = 4\n\n'
        '[skills.docker]\nstatus = "done"\nnote = "finished the course"\n',
        "utf-8",
    )
    state = load_practice(root)
    assert state.questions["why this company"].practised is True
    state.skills["terraform"] = SkillState()
    save_practice(root, state)
    data = tomllib.loads(practice_file(root).read_text("utf-8"))
    assert data["from_the_future"] == "yes"
    assert data["questions"]["why this company"]["confidence"] == 4
    assert data["skills"]["docker"] == {"status": "done", "note": "finished the course"}
    assert data["skills"]["terraform"] == {"status": "to_do"}


@pytest.mark.parametrize(
    "content",
    [
        b"questions = [not toml",
        b'[skills.docker]\nstatus = "finished"\n',
        b'[questions."a"]\npractised = "maybe please"\n',
        b"questions = 3\n",
        b"\xff\xfe not utf-8",
    ],
)
def test_an_invalid_file_is_reported_and_never_overwritten(root, content):
    path = practice_file(root)
    path.write_bytes(content)
    with pytest.raises(ValueError) as caught:
        load_practice(root)
    message = str(caught.value)
    assert "practice.toml" in message and "left as it is" in message
    assert "!" not in message
    with pytest.raises(ValueError):
        save_practice(root, PracticeState(skills={"docker": SkillState(status="done")}))
    assert path.read_bytes() == content
    assert [p.name for p in root.iterdir()] == ["practice.toml"]


def test_saving_needs_the_journal_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        save_practice(tmp_path / "gone", PracticeState())
    assert not (tmp_path / "gone").exists()


def test_statuses_are_validated():
    with pytest.raises(ValidationError):
        SkillState(status="someday")  # type: ignore[arg-type]
    state = SkillState()
    with pytest.raises(ValidationError):
        state.status = "later"  # type: ignore[assignment]
    assert state.status == "to_do"


# --- two windows, a damaged or newer file, and the size limit -----------------------------


def test_a_change_is_made_to_the_file_as_it_is_now(root):
    """Two windows: this one read the list before the other ticked a question; its sketch is
    added to what the file holds now, so the other window's tick stays."""
    seen_here = load_practice(root)  # this window's (now stale) view
    update_practice(root, lambda s: s.questions.update(a=QuestionState(practised=True)))
    state = update_practice(root, lambda s: s.questions.update(b=QuestionState(sketch="Mine")))
    assert seen_here.questions == {}
    assert (
        load_practice(root).questions
        == state.questions
        == {
            "a": QuestionState(practised=True),
            "b": QuestionState(sketch="Mine"),
        }
    )


def test_a_file_replaced_while_the_new_one_is_synced_gets_the_change_again(root, monkeypatch):
    save_practice(root, PracticeState(skills={"docker": SkillState(status="in_progress")}))
    theirs = PracticeState(
        skills={"docker": SkillState(status="done")}, questions={"a": QuestionState()}
    )
    real_fsync = os.fsync
    replaced: list[bool] = []

    def fsync(fd: int) -> None:
        real_fsync(fd)
        if not replaced and stat.S_ISREG(os.fstat(fd).st_mode):
            replaced.append(True)  # another program writes the file now
            data = tomli_w.dumps(theirs.model_dump(), multiline_strings=True)
            practice_file(root).write_text(data, "utf-8")

    monkeypatch.setattr(os, "fsync", fsync)
    update_practice(root, lambda s: s.questions.update(b=QuestionState(sketch="Mine")))
    state = load_practice(root)
    assert replaced
    assert state.skills["docker"].status == "done", "their change stays"
    assert set(state.questions) == {"a", "b"} and state.questions["b"].sketch == "Mine"


def test_a_list_too_large_to_read_back_is_never_written(root):
    before = save_practice(root, PracticeState()).read_bytes()
    huge = PracticeState(questions={"a": QuestionState(sketch="x" * MAX_FILE_BYTES)})
    with pytest.raises(ValueError, match="larger than 4 MB"):
        save_practice(root, huge)
    with pytest.raises(ValueError, match="larger than 4 MB"):
        update_practice(root, lambda s: s.questions.update(a=QuestionState(sketch="x" * 5_000_000)))
    assert practice_file(root).read_bytes() == before
    load_practice(root)


def test_a_list_from_a_newer_version_is_read_but_never_rewritten(root):
    path = practice_file(root)
    path.write_text(
        'schema_version = 2\ncolours = ["teal"]\n\n[questions.a]\npractised = true\n', "utf-8"
    )
    before = path.read_bytes()
    state = load_practice(root)
    assert state.is_from_newer_version and state.questions["a"].practised
    state.questions["a"] = QuestionState(practised=False)
    with pytest.raises(ValueError, match="newer version"):
        save_practice(root, state)
    with pytest.raises(ValueError, match="newer version"):
        save_practice(root, PracticeState())
    with pytest.raises(ValueError, match="newer version"):
        update_practice(root, lambda s: s.questions.clear())
    assert path.read_bytes() == before


def test_a_sketch_that_cant_go_into_the_list_is_kept_in_a_private_file(root):
    kept = keep_sketch(root, "How would you scale the job queue?", "Shard by tenant.")
    assert kept.parent == root / "editing" and editor.is_kept_file(kept.name)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert kept.read_text("utf-8") == "How would you scale the job queue?\n\nShard by tenant.\n"
    old = kept.stat().st_mtime - 10 * 24 * 3600
    os.utime(kept, (old, old))
    assert clean_stale_temp_files(JournalPaths(root)) == [], "the cleanup never removes it"
