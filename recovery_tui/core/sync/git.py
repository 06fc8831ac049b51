"""Running the real ``git`` command: never a terminal prompt, always a time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

#: Local work (add, commit, log) and network work (fetch, push, clone), in seconds.
LOCAL_TIMEOUT = 30.0
NETWORK_TIMEOUT = 120.0
#: Work on every file at once (the first commit or checkout of a big journal, on a slow or
#: busy disk): nothing there can wait on a person, so the limit only stops a runaway.
BULK_TIMEOUT = 600.0

INSTALL_HINT = (
    "Sync uses git, which isn't installed on this computer. Install it (for example "
    "'sudo apt install git', 'brew install git', or from git-scm.com), then try again. "
    "Your journal works as before without it."
)


class GitMissing(RuntimeError):
    """There is no ``git`` command here."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class GitFailed(RuntimeError):
    """A git command failed or ran out of time; `detail` is git's own last line."""

    def __init__(self, args: Sequence[str], detail: str, *, timed_out: bool = False) -> None:
        self.args_run = tuple(args)
        self.detail = detail
        self.timed_out = timed_out
        super().__init__(detail)


#: Settings of the person's own that would ask, sign, run hooks or change bytes: off here.
_SAFE = [
    *("-c", "core.quotepath=off"),
    *("-c", "commit.gpgsign=false"),
    *("-c", "core.hooksPath=/dev/null"),
    *("-c", "core.autocrlf=false"),
    *("-c", "core.fsmonitor=false"),
    *("-c", "credential.interactive=never"),
]


def git_path() -> str | None:
    return shutil.which("git")


def quiet_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment git runs in: nothing may ask at a terminal, nor open an editor."""
    env = dict(os.environ)
    ssh = env.get("GIT_SSH_COMMAND") or "ssh"
    if "BatchMode" not in ssh:
        ssh += " -o BatchMode=yes -o ConnectTimeout=15"
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_SSH_COMMAND": ssh,
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GIT_EDITOR": "true",
            "GIT_MERGE_AUTOEDIT": "no",
            "GCM_INTERACTIVE": "never",
            "LC_ALL": "C",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    if extra:
        env.update(extra)
    return env


def run(
    root: Path,
    *args: str,
    timeout: float = LOCAL_TIMEOUT,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    """``git -C root args...``; GitMissing without git, GitFailed on a non-zero exit (with
    `check`) or after `timeout` seconds (the command is then killed)."""
    exe = git_path()
    if exe is None:
        raise GitMissing
    command = [exe, "-C", os.fspath(root), *_SAFE, *args]
    try:
        done = subprocess.run(
            command,
            input=input,
            capture_output=True,
            timeout=timeout,
            env=quiet_env(env),
            stdin=None if input is not None else subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        took = f"git {args[0]} took longer than {timeout:g} seconds"
        raise GitFailed(args, took, timed_out=True) from None
    except OSError as error:
        raise GitFailed(args, str(error)) from None
    if check and done.returncode != 0:
        raise GitFailed(args, last_line(done.stderr) or f"git {args[0]} failed")
    return done


def out(root: Path, *args: str, timeout: float = LOCAL_TIMEOUT) -> str:
    """What the command printed, as text without the final newline."""
    return run(root, *args, timeout=timeout).stdout.decode("utf-8", "replace").rstrip("\n")


def last_line(raw: bytes) -> str:
    """What went wrong, as git says it: its "fatal:" line if there is one, else its last."""
    lines = [line.strip() for line in raw.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.partition(":")[2].strip().rstrip(".")
    return lines[-1].rstrip(".") if lines else ""


def out_env(root: Path, env: Mapping[str, str], *args: str) -> str:
    return run(root, *args, env=env).stdout.decode("utf-8", "replace").rstrip("\n")
