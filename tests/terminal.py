"""Run the real app as a subprocess in a pseudo-terminal, the way a person's terminal would."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[P\]^_].*?(?:\x07|\x1b\\)|\x1b.", re.S)

KEYS = {
    "tab": b"\t",
    "enter": b"\r",
    "escape": b"\x1b",
    "ctrl+n": b"\x0e",
    "ctrl+s": b"\x13",
    "ctrl+q": b"\x11",
    "ctrl+o": b"\x0f",
}


class Terminal:
    """A pty of a given size with the app running in it."""

    def __init__(
        self,
        args: list[str],
        *,
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
    ) -> None:
        self.master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(cols),
            "LINES": str(rows),
            **(env or {}),
        }
        full_env.pop("TEXTUAL", None)
        # Never touch the real user's settings or cache from a test.
        self._private = tempfile.mkdtemp(prefix="recovery-tui-term-")
        full_env.setdefault("RECOVERY_TUI_CONFIG_DIR", os.path.join(self._private, "config"))
        full_env.setdefault("RECOVERY_TUI_CACHE_DIR", os.path.join(self._private, "cache"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "recovery_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        os.close(slave)
        self.output = b""

    def read(self, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.output += chunk

    def text(self) -> str:
        return ANSI.sub(b"", self.output).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            if needle in self.text():
                return
            if self.process.poll() is not None:
                break
        raise AssertionError(f"{needle!r} never appeared; screen text: {self.text()[-1500:]!r}")

    def type(self, *parts: str) -> None:
        """Send text and named keys in one burst, as fast as a pasted script would."""
        data = b"".join(KEYS.get(part, part.encode("utf-8")) for part in parts)
        os.write(self.master, data)

    def wait_exit(self, timeout: float = 10) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            code = self.process.poll()
            if code is not None:
                return code
        raise AssertionError("the app did not exit")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=10)

    def close(self) -> None:
        self.kill()
        os.close(self.master)
        shutil.rmtree(self._private, ignore_errors=True)
