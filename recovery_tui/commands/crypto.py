"""``recovery-tui encrypt``, ``decrypt`` and ``change-passphrase``; the unlock every other
command goes through on an encrypted journal.

People type the passphrase (getpass, never echoed); scripts give it with
``RECOVERY_TUI_PASSPHRASE`` or ``--passphrase-file`` (and the new one for
``change-passphrase`` with ``RECOVERY_TUI_NEW_PASSPHRASE`` or ``--new-passphrase-file``).
Wherever the passphrase is asked, the recovery key works too. Never prints what a
reflection says.
"""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from pathlib import Path
from typing import TextIO

from recovery_tui.commands import PROG, Refusal, printable
from recovery_tui.core import fsutil
from recovery_tui.core.crypto import files, keys
from recovery_tui.core.paths import AppPaths, display_path, index_file_for, problem_cache_for

ENV_PASSPHRASE = "RECOVERY_TUI_PASSPHRASE"
ENV_NEW_PASSPHRASE = "RECOVERY_TUI_NEW_PASSPHRASE"
MIN_LENGTH = 8


def _from_file(path: str) -> str:
    try:
        text = fsutil.read_file(Path(path), 64 * 1024).decode("utf-8")
    except (OSError, ValueError) as error:
        raise Refusal(f"couldn't read the passphrase file {printable(path)} ({error})") from None
    return text.splitlines()[0] if text.splitlines() else ""


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise Refusal(
            f"this journal needs its passphrase: type it in a terminal, or give it with "
            f"${ENV_PASSPHRASE} or --passphrase-file"
        )
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise Refusal("stopped: nothing was changed", code=1) from None


def given_secret(args: Namespace, prompt: str = "Passphrase (or recovery key): ") -> str:
    """The passphrase (or recovery key) from --passphrase-file, the environment or typed."""
    path = getattr(args, "passphrase_file", None)
    if path:
        return _from_file(path)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    return _ask(prompt)


def _new_secret(args: Namespace, file_attr: str, env: str) -> str:
    path = getattr(args, file_attr, None)
    if path:
        secret = _from_file(path)
    elif os.environ.get(env):
        secret = os.environ[env]
    else:
        secret = _ask("New passphrase: ")
        if _ask("The same passphrase again: ") != secret:
            raise Refusal("the two passphrases weren't the same: nothing was changed", code=1)
    if len(secret) < MIN_LENGTH:
        raise Refusal(f"use a passphrase of at least {MIN_LENGTH} characters", code=1)
    if keys.looks_like_recovery_key(secret):
        raise Refusal("a passphrase can't look like a recovery key", code=1)
    return secret


def unlock_journal(root: Path, args: Namespace) -> keys.JournalKey:
    """Unlock the encrypted journal at `root` for this process (key in memory only)."""
    try:
        key = keys.unlock(root, given_secret(args))
    except keys.WrongSecret as wrong:
        raise Refusal(f"{wrong}: nothing was changed", code=1) from None
    except keys.Locked as locked:
        raise Refusal(str(locked), code=1) from None
    fsutil.set_codec(root, key)
    return key


def _forget_caches(app_paths: AppPaths) -> None:
    """The history index and the problem list hold what reflections say: gone."""
    cache, root = app_paths.cache_folder, app_paths.journal.root
    for path in (index_file_for(cache, root), problem_cache_for(cache, root)):
        for extra in ("", "-wal", "-shm", "-journal"):
            candidate = path.with_name(path.name + extra)
            if candidate.exists():
                candidate.unlink()


def _left_plain(root: Path, out: TextIO) -> None:
    for name, what in (("exports", "exports you made"), ("editing", "editor files")):
        folder = root / name
        if folder.is_dir() and any(folder.iterdir()):
            print(
                f"{display_path(folder)} still has {what} in plain text; delete them if "
                "you don't need them.",
                file=out,
            )
    if (root / ".git").exists():
        print(
            "Earlier versions in the sync history (git) are still plain text: from now on "
            "only encrypted files are committed.",
            file=out,
        )


def _report(result: files.Converted, verb: str, out: TextIO) -> int:
    print(f"{verb} {result.done} file{'s' if result.done != 1 else ''}.", file=out)
    for path in result.skipped:
        print(f"  couldn't convert {printable(path.name)}: it is left as it was", file=out)
    return 1 if result.skipped else 0


def encrypt(app_paths: AppPaths, args: Namespace, out: TextIO) -> int:
    root = app_paths.journal.root
    if not root.is_dir():
        raise Refusal(f"there is no journal at {display_path(root)} yet")
    if keys.is_encrypted(root):
        print("This journal is already encrypted: finishing any file not done yet.", file=out)
        key = unlock_journal(root, args)
    else:
        secret = _new_secret(args, "passphrase_file", ENV_PASSPHRASE)
        key = keys.create(root, secret)
        fsutil.set_codec(root, key)
        print(
            "Your recovery key (it opens the journal if you forget the passphrase; it is "
            "shown only this once, so write it down or keep it in a password manager):\n\n"
            f"    {key.recovery_key}\n",
            file=out,
        )
    _forget_caches(app_paths)
    result = files.convert(root, key, to_age=True)
    code = _report(result, "Encrypted", out)
    _left_plain(root, out)
    return code


def decrypt(app_paths: AppPaths, args: Namespace, out: TextIO) -> int:
    root = app_paths.journal.root
    if not keys.is_encrypted(root):
        raise Refusal("this journal isn't encrypted: nothing to do", code=0)
    key = unlock_journal(root, args)
    result = files.convert(root, key, to_age=False)
    code = _report(result, "Decrypted", out)
    if code == 0:
        keys.forget(root)
        fsutil.set_codec(root, None)
        print("Your journal is plain text again.", file=out)
    return code


def change_passphrase(app_paths: AppPaths, args: Namespace, out: TextIO) -> int:
    root = app_paths.journal.root
    if not keys.is_encrypted(root):
        raise Refusal(f"this journal isn't encrypted (see '{PROG} encrypt')")
    key = unlock_journal(root, args)
    secret = _new_secret(args, "new_passphrase_file", ENV_NEW_PASSPHRASE)
    keys.write_key_file(root, key, secret)
    print("Your passphrase is changed. The recovery key stays the same.", file=out)
    return 0


def refuse_if_encrypted(root: Path) -> None:
    """Until a command can read an encrypted journal, it says so and changes nothing."""
    if keys.is_encrypted(root):
        raise Refusal(
            f"this journal is encrypted, and this version can't open it here yet: run "
            f"'{PROG} decrypt' to make it plain again. Nothing was changed.",
        )
