"""Encryption at rest: `encrypt`, `decrypt`, `change-passphrase`, the age CLI both ways."""

from __future__ import annotations

import os
import pty
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from recovery_tui import cli
from recovery_tui.core import fsutil
from recovery_tui.core.crypto import keys
from recovery_tui.core.crypto.files import sealed_files
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import JournalPaths
from tests.samples import write_samples

PASSPHRASE = "correct horse battery"
AGE = Path("/usr/bin/age")


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    yield
    fsutil.forget_all()


def make_journal(root: Path) -> dict[Path, bytes]:
    """A journal with reflections, a draft, a practice file and a trashed file; their bytes."""
    write_samples(Journal(JournalPaths(root)))
    for folder, name in (("drafts", "d1.toml"), ("trash", "old.toml")):
        fsutil.ensure_private_dir(root / folder)
        (root / folder / name).write_text(f'note = "{folder} text"\n')
    (root / "practice.toml").write_text("schema_version = 1\n")
    return {path: path.read_bytes() for path in sealed_files(root)}


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("RECOVERY_TUI_PASSPHRASE", PASSPHRASE)
    return monkeypatch


def test_encrypt_then_decrypt_gives_back_every_byte(
    tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    before = make_journal(root)
    assert len(before) == len(os.listdir(root / "entries")) + 3
    assert run("--dir", str(root), "encrypt") == 0
    said = capsys.readouterr().out
    assert "AGE-SECRET-KEY-1" in said and f"Encrypted {len(before)} files." in said
    assert keys.is_encrypted(root)
    for path, plain in before.items():
        now = path.read_bytes()
        assert fsutil.is_age(now) and plain not in now
    # A rerun has nothing left to do and shows no new recovery key.
    assert run("--dir", str(root), "encrypt") == 0
    again = capsys.readouterr().out
    assert "Encrypted 0 files." in again and "AGE-SECRET-KEY" not in again
    assert run("--dir", str(root), "decrypt") == 0
    assert {path: path.read_bytes() for path in before} == before
    assert not (root / keys.MARKER_NAME).exists() and not (root / keys.KEY_NAME).exists()


def test_commands_without_the_passphrase_refuse_and_change_nothing(
    tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    make_journal(root)
    assert run("--dir", str(root), "encrypt") == 0
    fsutil.forget_all()
    snapshot = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    env.delenv("RECOVERY_TUI_PASSPHRASE")
    for command in (["list"], ["check"], ["export"], ["sync"]):  # no passphrase, no terminal
        assert run("--dir", str(root), *command) == 2, command
        assert "needs its passphrase" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == snapshot
    # A write that slips past still can't write plain text.
    with pytest.raises(fsutil.JournalLocked):
        fsutil.atomic_write(root / "entries" / "x.toml", b"plain")
    assert not (root / "entries" / "x.toml").exists()


def test_wrong_passphrase_says_so_and_the_recovery_key_opens(
    tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    before = make_journal(root)
    assert run("--dir", str(root), "encrypt") == 0
    recovery = next(w for w in capsys.readouterr().out.split() if w.startswith("AGE-SECRET"))
    env.setenv("RECOVERY_TUI_PASSPHRASE", "not the passphrase")
    encrypted = {path: path.read_bytes() for path in before}
    assert run("--dir", str(root), "decrypt") == 1
    assert "doesn't open this journal" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in before} == encrypted
    # The recovery key, from a file, changes the passphrase.
    secret_file = tmp_path / "secret"
    secret_file.write_text(recovery.lower() + "\n")
    new_file = tmp_path / "new"
    new_file.write_text("a brand new passphrase\n")
    argv = ["--dir", str(root), "change-passphrase", "--passphrase-file", str(secret_file)]
    assert run(*argv, "--new-passphrase-file", str(new_file)) == 0
    with pytest.raises(keys.WrongSecret):
        keys.unlock(root, PASSPHRASE)
    env.setenv("RECOVERY_TUI_PASSPHRASE", "a brand new passphrase")
    assert run("--dir", str(root), "decrypt") == 0
    assert {path: path.read_bytes() for path in before} == before


def _age_with_passphrase(args: list[str], secret: str) -> int:
    """Run the age CLI, typing `secret` at its passphrase prompt (it reads only a terminal)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execv(str(AGE), ["age", *args])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"passphrase" in seen.lower():
            os.write(fd, secret.encode() + b"\n")
            seen = b""
    os.close(fd)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.skipif(not AGE.exists(), reason="needs Debian's age package")
def test_the_age_cli_reads_what_the_app_writes_and_back(
    tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    before = make_journal(root)
    assert run("--dir", str(root), "encrypt") == 0
    identity = tmp_path / "key.txt"
    assert _age_with_passphrase(["-d", "-o", str(identity), str(root / "key.age")], PASSPHRASE) == 0
    entry = sorted((root / "entries").iterdir())[0]
    shown = subprocess.run(
        [AGE, "-d", "-i", identity, entry], capture_output=True, check=True
    ).stdout
    assert shown == before[entry]
    # A file age encrypts to the journal's recipient reads in the app as the same TOML.
    recipient = identity.read_text().split("public key: ")[1].split()[0]
    theirs = root / "entries" / "2026-01-01-from-age-00000000.toml"
    plain = tmp_path / "plain.toml"
    plain.write_bytes(before[entry])
    subprocess.run([AGE, "-r", recipient, "-o", theirs, plain], check=True)
    fsutil.set_codec(root, keys.unlock(root, PASSPHRASE))
    assert fsutil.read_file(theirs, 1 << 20) == before[entry]


@pytest.mark.slow
def test_kill_9_during_encrypt_leaves_every_file_readable_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    import random
    import signal
    import sys
    import time

    root = tmp_path / "journal"
    make_journal(root)
    first = sorted((root / "entries").iterdir())[0]
    for n in range(400):  # enough files that kills land in the middle of the conversion
        (root / "entries" / f"2026-01-01-copy-{n:08x}.toml").write_bytes(first.read_bytes())
    before = {path: path.read_bytes() for path in sealed_files(root)}
    env = {**os.environ, "RECOVERY_TUI_PASSPHRASE": PASSPHRASE}
    argv = [sys.executable, "-m", "recovery_tui", "--dir", str(root), "encrypt"]
    unlocked: dict[bytes, keys.JournalKey] = {}
    chance = random.Random(16)
    finished = False
    mixed = 0
    for _ in range(12):
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.5, 4.0))
        if child.poll() is not None:
            finished = child.returncode == 0
            break
        child.send_signal(signal.SIGKILL)
        child.wait()
        marker = root / keys.MARKER_NAME
        key = None
        if marker.exists():
            seen = marker.read_bytes()
            if seen not in unlocked:
                unlocked[seen] = keys.unlock(root, PASSPHRASE)
            key = unlocked[seen]
        for path, plain in before.items():
            now = path.read_bytes()
            if fsutil.is_age(now):
                assert key is not None and key.unseal(now) == plain, path.name
            else:
                assert now == plain, path.name
        ages = sum(fsutil.is_age(path.read_bytes()) for path in before)
        mixed += 0 < ages < len(before)
    print(f"{mixed} kills left a half-converted journal")
    if not finished:
        assert subprocess.run(argv, env=env, stdout=subprocess.DEVNULL).returncode == 0
    assert all(fsutil.is_age(path.read_bytes()) for path in before)
    assert (
        subprocess.run([*argv[:-1], "decrypt"], env=env, stdout=subprocess.DEVNULL).returncode == 0
    )
    assert {path: path.read_bytes() for path in before} == before
