"""The practice state file: validated, private, never overwritten when it doesn't validate."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from recovery_tui.core.practice import (
    PracticeState,
    QuestionState,
    SkillState,
    load_practice,
    practice_file,
    save_practice,
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
    assert [p.name for p in root.iterdir()] == ["practice.toml"]  # no temp files left


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
