"""Open one answer in the person's own text editor, and bring the edited text back.

No Textual here: the screen suspends itself and passes in how to run a command (`run`).

The answer goes to a private temp file inside the journal folder (``editing/``, 0700; the
file 0600, created with O_EXCL), the editor runs on it, and the file is removed afterwards,
unless what was written there can't be brought back (the editor reported an error, or saved
something too large or not UTF-8) and differs from what went in: then it is renamed
``kept-<name>-<random>.txt`` and kept, and the notice says where. The text itself is never
logged nor put in a message.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import secrets
import shlex
import shutil
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from recovery_tui.core import fsutil

#: Checked in this order, like git and most command-line tools.
EDITOR_VARIABLES = ("VISUAL", "EDITOR")
#: Tried on PATH when neither variable is set.
FALLBACK_EDITORS = ("nano", "vi")
SUFFIX = ".txt"
#: Words the editor couldn't bring back are kept under this prefix. The stale-file cleanup
#: never removes them: they are the person's own writing, as private as an entry (0600, in
#: the journal), and the notice told them where it is; deleting it is theirs to decide, like
#: an entry. They only appear after an editor failure, so they don't pile up.
KEPT_PREFIX = "kept-"
#: ``<prompt name>-<12 hex>.txt``: what `housekeeping.clean_stale_temp_files` may remove.
TEMP_PATTERN = re.compile(r"^(?!kept-)[a-z0-9-]{1,40}-[0-9a-f]{12}\.txt$")
#: An editor can stay open for a long time; a file is only stale after a day.
STALE_AFTER_SECONDS = 24 * 60 * 60
MAX_BYTES = 1024 * 1024

Outcome = Literal[
    "changed", "unchanged", "no_editor", "bad_setting", "cant_prepare", "not_found",
    "not_runnable", "failed", "gone", "unreadable", "too_large", "not_utf8", "encrypted",
]  # fmt: skip

Runner = Callable[[Sequence[str]], int]


@dataclass(frozen=True)
class EditorCommand:
    """The command to run (the file's path is added last) and where it came from."""

    argv: tuple[str, ...]
    #: "$VISUAL", "$EDITOR", or "your PATH" (a fallback editor).
    source: str

    @property
    def name(self) -> str:
        return os.path.basename(self.argv[0])


@dataclass(frozen=True)
class EditResult:
    outcome: Outcome
    #: The edited answer; only for "changed".
    text: str | None = None
    #: The editor's program name, or the variable that couldn't be read ("bad_setting").
    editor: str = ""
    #: A plain cause ("exit 1", "the disk is full"); never the answer's text.
    detail: str = ""
    #: Where what was written in the editor is kept, when it couldn't be brought back.
    kept: Path | None = None


class EditorSettingError(ValueError):
    """$VISUAL or $EDITOR is set but can't be split into a command (an unmatched quote)."""

    def __init__(self, variable: str) -> None:
        super().__init__(f"${variable} can't be read as a command")
        self.variable = variable


def is_editor_temp_file(name: str) -> bool:
    """A temp file the editor had open; never one deliberately kept (``kept-...``)."""
    return bool(TEMP_PATTERN.match(name))


def is_kept_file(name: str) -> bool:
    return name.startswith(KEPT_PREFIX) and bool(TEMP_PATTERN.match(name[len(KEPT_PREFIX) :]))


def find_editor(env: Mapping[str, str]) -> EditorCommand | None:
    """$VISUAL, else $EDITOR (split like a shell would, so ``code --wait`` works), else
    nano or vi if found on the PATH of `env`; None if there is nothing to run."""
    for variable in EDITOR_VARIABLES:
        value = env.get(variable, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError:
            raise EditorSettingError(variable) from None
        if argv:
            return EditorCommand(tuple(argv), f"${variable}")
    for name in FALLBACK_EDITORS:
        found = shutil.which(name, path=env.get("PATH", os.defpath))
        if found:
            return EditorCommand((found,), "your PATH")
    return None


def to_file(text: str) -> str:
    """What the editor opens: the answer with one final newline, as text files have."""
    return text + "\n" if text else ""


def from_file(content: str, original: str) -> str:
    """The answer from what the editor saved: one final newline (which most editors add
    anyway) is taken off again, so newlines never pile up; nothing else is changed."""
    if content.startswith("\ufeff") and not original.startswith("\ufeff"):
        content = content[1:]  # a byte order mark some editors add
    if content.endswith("\n"):
        content = content[:-1]
        if content.endswith("\r") and not original.endswith("\r"):
            content = content[:-1]
    return content


def one_line(text: str) -> str:
    """For a one-line answer: lines joined with spaces (a text without breaks is kept)."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def slug(name: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    if cleaned.startswith(KEPT_PREFIX):  # a temp file must never look like a kept one
        cleaned = cleaned[len(KEPT_PREFIX) :].strip("-")
    return cleaned or "answer"


def make_temp_file(folder: Path, name: str, content: str) -> Path:
    """A new file ``<name>-<random>.txt`` in `folder` (made 0700 if missing; its parent must
    exist), created exclusively with mode 0600 and holding `content`."""
    fsutil.ensure_private_dir(folder, parents=False)
    data = content.encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(10):
        path = folder / f"{slug(name)}-{secrets.token_hex(6)}{SUFFIX}"
        try:
            fd = os.open(path, flags, fsutil.FILE_MODE)
        except FileExistsError:
            continue
        try:
            try:
                os.fchmod(fd, fsutil.FILE_MODE)  # exactly 0600, whatever the umask
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        return path
    raise FileExistsError(f"no free temp file name in {folder}")


def run_editor(argv: Sequence[str]) -> int:
    """Run the editor in this terminal and wait for it; its exit code."""
    import subprocess

    return subprocess.run(list(argv), check=False).returncode


def edit_text(
    text: str,
    folder: Path,
    *,
    name: str = "answer",
    single_line: bool = False,
    env: Mapping[str, str] | None = None,
    run: Runner = run_editor,
) -> EditResult:
    """Open `text` in the person's editor; what came back, or why nothing did.

    Exceptions raised by `run` itself (other than OSError) are passed on, after the temp
    file is removed (or kept, if it was written in): the screen uses that for "this
    terminal can't hand itself over".

    When the outcome is neither "changed" nor "unchanged" and the file's bytes differ from
    what went in, the file is kept (`EditResult.kept`) rather than removed. That includes
    an editor that saved valid text but exited with an error (vim after ``:wq`` when an
    error happened during the session): it said something went wrong, so the text isn't
    put in the answer silently, but it isn't thrown away either.
    """
    env = os.environ if env is None else env
    if (Path(folder).parent / fsutil.ENCRYPTION_MARKER).is_file():  # never plain on disk
        return EditResult("encrypted")
    try:
        command = find_editor(env)
    except EditorSettingError as error:
        return EditResult("bad_setting", editor=f"${error.variable}")
    if command is None:
        return EditResult("no_editor")
    editor = command.name
    written = to_file(text).encode("utf-8")
    try:
        path = make_temp_file(folder, name, to_file(text))
    except OSError as error:
        return EditResult("cant_prepare", editor=editor, detail=fsutil.describe_os_error(error))
    result: EditResult | None = None
    try:
        try:
            code = run([*command.argv, str(path)])
        except FileNotFoundError:
            result = EditResult("not_found", editor=editor, detail=command.source)
        except PermissionError:
            result = EditResult("not_runnable", editor=editor, detail=command.source)
        except OSError as error:
            result = EditResult("failed", editor=editor, detail=fsutil.describe_os_error(error))
        else:
            if code != 0:
                detail = f"stopped by signal {-code}" if code < 0 else f"exit code {code}"
                result = EditResult("failed", editor=editor, detail=detail)
            else:
                result = _read_back(path, text, editor, single_line=single_line)
    finally:
        kept = None
        if result is None or result.outcome not in ("changed", "unchanged"):
            kept = _keep_if_written(path, written)
        if kept is None:
            with contextlib.suppress(OSError):
                path.unlink()
    assert result is not None
    if kept is not None:
        result = dataclasses.replace(result, kept=kept)
    return result


def _keep_if_written(path: Path, written: bytes) -> Path | None:
    """If the regular file at `path` no longer holds exactly `written`, rename it to
    ``kept-<its name>`` (0600) and return where it is now; None if there's nothing to keep.
    If it can't be renamed it stays where it is (the cleanup leaves it for a day)."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            return None  # gone, or something the editor put there that isn't a file
        if info.st_size == len(written):
            with path.open("rb") as handle:
                if handle.read(len(written) + 1) == written:
                    return None
    except FileNotFoundError:
        return None
    except OSError:
        pass  # a file that can't be read back may still hold words: keep it
    kept = path.with_name(KEPT_PREFIX + path.name)
    try:
        os.rename(path, kept)
    except OSError:
        kept = path
    with contextlib.suppress(OSError):
        os.chmod(kept, fsutil.FILE_MODE)  # some editors save a new file with the umask
    with contextlib.suppress(OSError):
        fsutil.fsync_dir(kept.parent)
    return kept


def _read_back(path: Path, original: str, editor: str, *, single_line: bool) -> EditResult:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return EditResult("gone", editor=editor)
    except OSError as error:
        return EditResult("unreadable", editor=editor, detail=fsutil.describe_os_error(error))
    if len(raw) > MAX_BYTES:
        return EditResult("too_large", editor=editor)
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        return EditResult("not_utf8", editor=editor)
    edited = from_file(content, original)
    if single_line:
        edited = one_line(edited)
    if edited == original:
        return EditResult("unchanged", editor=editor)
    return EditResult("changed", text=edited, editor=editor)


KEPT = " Your answer is unchanged."
_MESSAGES: dict[Outcome, str] = {
    "changed": "Your answer is back from {editor}.",
    "unchanged": "No changes came back from {editor}.",
    "no_editor": "No editor is set, and neither nano nor vi was found. Set one in your shell, "
    "e.g. export EDITOR=nano, then open recovery-tui again." + KEPT,
    "bad_setting": "{editor} can't be read as a command (check its quotes)." + KEPT,
    "cant_prepare": "Couldn't make a private file for your editor{where} ({detail})." + KEPT,
    "not_found": "Couldn't find the editor {editor} (from {detail})." + KEPT,
    "not_runnable": "Couldn't start {editor} (from {detail}): permission denied." + KEPT,
    "failed": "{editor} closed with an error ({detail}), so nothing was brought back." + KEPT,
    "gone": "The file {editor} was editing was gone when it closed." + KEPT,
    "unreadable": "Couldn't read back what {editor} saved ({detail})." + KEPT,
    "too_large": "What {editor} saved is over 1 MB, so it wasn't brought back." + KEPT,
    "not_utf8": "What {editor} saved isn't UTF-8 text, so it wasn't brought back." + KEPT,
    "encrypted": "Your journal is encrypted, and an editor would need your answer in a plain "
    "file on disk, so it doesn't open here. Write the answer in this box." + KEPT,
}


KEPT_THERE = " Your answer here is unchanged. What you wrote in {editor} is kept in {kept}."


def explain(result: EditResult, folder_shown: str = "", kept_shown: str = "") -> str:
    """What happened, in plain words, for a notification. Never quotes the answer.

    `kept_shown` is how to show `result.kept` (e.g. ``~/journal/editing/kept-….txt``)."""
    where = f" in {folder_shown}" if folder_shown else ""
    template = _MESSAGES[result.outcome]
    if result.kept is not None:
        template = template.removesuffix(KEPT) + KEPT_THERE
    return template.format(
        editor=result.editor or "your editor",
        detail=result.detail,
        where=where,
        kept=kept_shown or (str(result.kept) if result.kept else ""),
    )
