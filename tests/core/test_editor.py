"""Writing an answer in the person's own editor: the part without Textual."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from recovery_tui.commands.check import check
from recovery_tui.core import editor
from recovery_tui.core.editor import EditorCommand, EditorSettingError, edit_text, find_editor
from recovery_tui.core.housekeeping import clean_stale_temp_files
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from recovery_tui.core.problems.scan import find_problems
from tests.fake_editor import FakeEditor

SECRET = "Marigold Quartz"


@pytest.fixture
def paths(tmp_path: Path) -> JournalPaths:
    paths = JournalPaths(tmp_path / "journal")
    Journal(paths).ensure()
    return paths


@pytest.fixture
def fake(tmp_path: Path) -> FakeEditor:
    return FakeEditor(tmp_path / "fake")


def edit(paths: JournalPaths, text: str, command: str, **options: object) -> editor.EditResult:
    result = edit_text(text, paths.editing, env={"EDITOR": command}, **options)  # type: ignore[arg-type]
    left = list(paths.editing.iterdir()) if paths.editing.exists() else []
    assert not left, "the temp file is removed when nothing in it needs keeping"
    assert result.kept is None
    return result


def edit_keeping(
    paths: JournalPaths, text: str, command: str, **options: object
) -> tuple[editor.EditResult, Path]:
    """An edit whose written words couldn't come back: the one file left is the kept one."""
    result = edit_text(text, paths.editing, env={"EDITOR": command}, **options)  # type: ignore[arg-type]
    [left] = list(paths.editing.iterdir())
    assert result.kept == left
    assert editor.is_kept_file(left.name) and not editor.is_editor_temp_file(left.name)
    assert stat.S_IMODE(left.stat().st_mode) == 0o600
    assert result.text is None
    return result, left


# -- which editor ---------------------------------------------------------------------------


def executable(folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", "utf-8")
    path.chmod(0o700)
    return path


def test_visual_comes_before_editor_and_arguments_are_split_like_a_shell():
    env = {"VISUAL": "code --wait", "EDITOR": "vim"}
    assert find_editor(env) == EditorCommand(("code", "--wait"), "$VISUAL")
    assert find_editor({"EDITOR": "'/opt/my editor/bin/ed' -n"}) == EditorCommand(
        ("/opt/my editor/bin/ed", "-n"), "$EDITOR"
    )
    assert find_editor({"VISUAL": "  ", "EDITOR": "micro", "PATH": ""}) == EditorCommand(
        ("micro",), "$EDITOR"
    )


def test_an_unreadable_setting_is_named(paths):
    with pytest.raises(EditorSettingError):
        find_editor({"EDITOR": "'vim"})
    result = edit(paths, SECRET, "'vim")
    assert result.outcome == "bad_setting"
    assert "$EDITOR" in editor.explain(result)


def test_without_a_setting_nano_then_vi_from_path(tmp_path):
    bin_dir = tmp_path / "bin"
    vi = executable(bin_dir, "vi")
    assert find_editor({"PATH": str(bin_dir)}) == EditorCommand((str(vi),), "your PATH")
    nano = executable(bin_dir, "nano")
    assert find_editor({"PATH": str(bin_dir)}) == EditorCommand((str(nano),), "your PATH")
    assert find_editor({"PATH": str(tmp_path / "empty")}) is None


def test_no_editor_at_all_says_how_to_set_one(paths, tmp_path):
    result = edit_text(SECRET, paths.editing, env={"PATH": str(tmp_path / "empty")})
    assert result.outcome == "no_editor"
    assert "export EDITOR=nano" in editor.explain(result)
    assert not paths.editing.exists()


# -- the round trip -------------------------------------------------------------------------


def test_round_trip_in_a_private_file_inside_the_journal(paths, fake):
    fake.will_append("and then I froze")
    result = edit(paths, "Line one\n  two", fake.command("append"))
    assert result.outcome == "changed"
    assert result.text == "Line one\n  two\nand then I froze"
    record = fake.record
    assert Path(record["path"]).parent == paths.editing
    assert Path(record["path"]).is_relative_to(paths.root)
    assert Path(record["path"]).suffix == ".txt"
    assert record["mode"] == 0o600
    assert record["folder_mode"] == 0o700
    assert record["before"] == "Line one\n  two\n"
    assert editor.is_editor_temp_file(Path(record["path"]).name)


def test_mode_is_0600_whatever_the_umask(paths, fake):
    old = os.umask(0o700)  # a umask that would leave even the owner nothing
    try:
        edit(paths, "x", fake.command("keep"))
    finally:
        os.umask(old)
    assert fake.record["mode"] == 0o600
    assert fake.record["folder_mode"] == 0o700


@pytest.mark.parametrize("text", ["", "one line", "two\nlines", "ends with\n", "\n\n", "  "])
def test_saving_the_same_text_changes_nothing_and_newlines_never_pile_up(paths, fake, text):
    assert edit(paths, text, fake.command("keep")).outcome == "unchanged"
    # An editor that ends every line with a newline (vi, nano) saves the same file back.
    fake.will_write(editor.to_file(text).encode("utf-8"))
    assert edit(paths, text, fake.command("write")).outcome == "unchanged"


def test_an_editor_that_drops_the_final_newline_keeps_the_text(paths, fake):
    fake.will_write(b"edited")
    assert edit(paths, "before", fake.command("write")).text == "edited"


def test_the_users_own_whitespace_is_kept(paths, fake):
    fake.will_write(b"  indented\n\n\ttab and trailing  \n\n")
    result = edit(paths, "x", fake.command("write"))
    assert result.text == "  indented\n\n\ttab and trailing  \n"


def test_windows_line_ending_at_the_end_is_taken_off(paths, fake):
    fake.will_write(b"a\r\nb\r\n")
    assert edit(paths, "a", fake.command("write")).text == "a\r\nb"
    fake.will_write("\ufeffwith a mark\n".encode())
    assert edit(paths, "a", fake.command("write")).text == "with a mark"


def test_one_line_answers_get_their_lines_joined(paths, fake):
    fake.will_write(b"Acme\n  Robotics \n\n")
    result = edit(paths, "Acme", fake.command("write"), single_line=True)
    assert result.text == "Acme Robotics"
    fake.will_write(b"Acme\n")
    assert edit(paths, "Acme", fake.command("write"), single_line=True).outcome == "unchanged"


# -- when it goes wrong, the answer is kept ------------------------------------------------


def test_editor_exits_with_an_error(paths, fake):
    result = edit(paths, SECRET, fake.command("fail"))
    assert (result.outcome, result.detail) == ("failed", "exit code 1")
    assert fake.ran
    assert "Your answer is unchanged." in editor.explain(result)


def test_editor_missing(paths, tmp_path):
    result = edit(paths, SECRET, f"{tmp_path / 'no-such-editor'} --wait")
    assert (result.outcome, result.editor, result.detail) == (
        "not_found",
        "no-such-editor",
        "$EDITOR",
    )


def test_editor_not_runnable(paths, tmp_path):
    plain = tmp_path / "not-executable"
    plain.write_text("", "utf-8")
    assert edit(paths, SECRET, str(plain)).outcome == "not_runnable"


def test_output_that_is_not_utf8_is_kept_in_a_file(paths, fake):
    fake.will_write(b"caf\xe9 latin-1\n")
    result, kept = edit_keeping(paths, SECRET, fake.command("write"))
    assert result.outcome == "not_utf8"
    assert kept.read_bytes() == b"caf\xe9 latin-1\n"
    assert Path(fake.record["path"]).name == kept.name.removeprefix("kept-")


def test_output_too_large_is_kept_in_a_file(paths, fake):
    data = b"x" * (editor.MAX_BYTES + 1)
    fake.will_write(data)
    result, kept = edit_keeping(paths, SECRET, fake.command("write"))
    assert result.outcome == "too_large"
    assert kept.read_bytes() == data


def test_editor_exits_with_an_error_after_saving_changes(paths, fake):
    # vim exits 1 after :wq if an error happened during the session. The text is fine, but
    # the editor said something went wrong: it isn't brought back, and it isn't lost.
    fake.will_write(b"what I really think\n")
    result, kept = edit_keeping(paths, SECRET, fake.command("write-fail"))
    assert (result.outcome, result.detail) == ("failed", "exit code 1")
    assert kept.read_bytes() == b"what I really think\n"
    assert kept.parent == paths.editing and kept.name.startswith("kept-")
    message = editor.explain(result, "~/journal/editing", f"~/journal/editing/{kept.name}")
    name = result.editor  # the fake editor runs as python3 (or python3.11, ...)
    assert message == (
        f"{name} closed with an error (exit code 1), so nothing was brought back. Your answer "
        f"here is unchanged. What you wrote in {name} is kept in ~/journal/editing/{kept.name}."
    )
    assert "really" not in message and SECRET not in message


def test_an_error_exit_without_changes_removes_the_file(paths, fake):
    fake.will_write(editor.to_file(SECRET).encode("utf-8"))
    result = edit(paths, SECRET, fake.command("write-fail"))
    assert result.outcome == "failed"
    assert "kept" not in editor.explain(result)


def test_anything_the_runner_raises_after_writing_keeps_what_was_written(paths):
    def write_then_break(argv):  # type: ignore[no-untyped-def]
        Path(argv[-1]).write_text("half a thought", "utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        edit_text(SECRET, paths.editing, env={"EDITOR": "vim"}, run=write_then_break)
    [kept] = list(paths.editing.iterdir())
    assert editor.is_kept_file(kept.name)
    assert kept.read_text("utf-8") == "half a thought"


def test_file_removed_by_the_editor(paths, fake):
    assert edit(paths, SECRET, fake.command("delete")).outcome == "gone"


def test_unreadable_output(paths, tmp_path):
    # The editor leaves something that can't be read as a file (works as root too).
    script = tmp_path / "odd-editor"
    script.write_text(f'#!/bin/sh\nrm "$1" && ln -s "{tmp_path}" "$1"\n', "utf-8")
    script.chmod(0o700)
    result = edit(paths, SECRET, str(script))
    assert (result.outcome, result.detail) == ("unreadable", "is a directory")


def test_a_gone_journal_folder_is_not_recreated(tmp_path, fake):
    paths = JournalPaths(tmp_path / "gone")
    result = edit_text(SECRET, paths.editing, env={"EDITOR": fake.command("keep")})
    assert result.outcome == "cant_prepare"
    assert result.detail == "the folder is gone"
    assert not paths.root.exists()
    assert not fake.ran


def test_anything_the_runner_raises_still_removes_the_file(paths):
    class Refused(Exception):
        pass

    seen: list[str] = []

    def refuse(argv):  # type: ignore[no-untyped-def]
        seen.append(argv[-1])
        assert Path(argv[-1]).exists()
        raise Refused

    with pytest.raises(Refused):
        edit_text(SECRET, paths.editing, env={"EDITOR": "vim"}, run=refuse)
    assert seen and not Path(seen[0]).exists()


def test_messages_never_quote_the_answer(paths, fake, tmp_path):
    results = [editor.EditResult(outcome, editor="vim", detail="x") for outcome in editor._MESSAGES]
    results += [
        editor.EditResult(outcome, editor="vim", detail="x", kept=tmp_path / "kept-a.txt")
        for outcome in editor._MESSAGES
    ]
    for result in results:
        message = editor.explain(result, "~/journal/editing", "~/journal/editing/kept-a.txt")
        assert SECRET not in message and "!" not in message
    assert editor.explain(editor.EditResult("no_editor")).startswith("No editor is set")


# -- stale files from a crash --------------------------------------------------------------


def test_stale_editor_files_are_cleaned_after_a_day_and_never_counted_as_problems(paths):
    paths.editing.mkdir(mode=0o700)
    now = 2_000_000_000.0
    stale = paths.editing / "what-happened-0123456789ab.txt"
    young = paths.editing / "role-ba9876543210.txt"
    other = paths.editing / "notes.txt"
    for path in (stale, young, other):
        path.write_text(SECRET, "utf-8")
        os.utime(path, (now - 3600, now - 3600))
    os.utime(stale, (now - editor.STALE_AFTER_SECONDS - 1,) * 2)

    assert find_problems(Journal(paths)) == []
    assert clean_stale_temp_files(paths, now=now) == [stale]
    assert young.exists() and other.exists()
    assert stat.S_IMODE(paths.editing.stat().st_mode) == 0o700


def test_kept_files_are_never_cleaned_up_nor_counted_as_problems(paths, fake):
    fake.will_write(b"words the editor couldn't bring back\n")
    _, kept = edit_keeping(paths, SECRET, fake.command("write-fail"))
    now = 2_000_000_000.0
    os.utime(kept, (now - 10 * 365 * editor.STALE_AFTER_SECONDS,) * 2)  # ten years old
    assert clean_stale_temp_files(paths, now=now) == []
    assert clean_stale_temp_files(paths, older_than=0, now=now) == []
    assert kept.exists()
    assert find_problems(Journal(paths)) == []
    out = io.StringIO()
    assert check(paths, out) == 0
    assert "good shape" in out.getvalue()


def test_a_temp_file_never_looks_like_a_kept_one():
    assert editor.slug("kept_promises") == "promises"
    assert editor.slug("kept") == "kept"
    assert editor.is_editor_temp_file("what-happened-0123456789ab.txt")
    assert not editor.is_editor_temp_file("kept-what-happened-0123456789ab.txt")
    assert editor.is_kept_file("kept-what-happened-0123456789ab.txt")
    assert not editor.is_kept_file("kept-notes.txt")


def test_an_empty_answer_written_in_the_editor(paths, fake):
    fake.will_append("more")
    assert edit(paths, "", fake.command("append")).text == "more"
