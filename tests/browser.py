"""`recovery-tui serve` as a subprocess, and headless Chromium driven by Playwright to open it.

Used by the browser test and by `tools/browser_screenshot.py`. Chromium is Debian's
(`apt-get install chromium`); Playwright's own browser download is never used.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Runs before the page's own scripts: keeps what the app sends to the terminal, as text, so a
# test can wait for words on the screen (xterm.js draws on a canvas, not into the DOM).
RECORD_SCREEN = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__screen += decoder.decode(new Uint8Array(event.data), { stream: true });
        }
      });
    }
  };
})();
"""
# The screen text since `from`, without escape sequences (colours, cursor moves, modes).
SCREEN_HAS = r"""
([text, from]) => window.__screen.slice(from)
  .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "")
  .replace(/\x1b\[[0-?]*[ -\/]*[@-~]/g, "")
  .includes(text)
"""


def find_chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


READY_LINE = re.compile(r"is ready at (http://\S+) ")


class ServedApp:
    """`recovery-tui serve` on a free loopback port, in its own process group.

    `url` is the address serve prints, with its token (known once `wait_ready` returns);
    `base` is the server's root, where the token sends the browser. Another process (a test
    on another xdist worker, say) may take the free port before serve listens on it: serve
    then says so and `wait_ready` starts it again on another one.
    """

    ATTEMPTS = 5

    def __init__(self, env: dict[str, str], *, args: list[str] | None = None) -> None:
        self._env, self._args = env, list(args or [])
        self.url = ""
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self._start()

    def _start(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log.seek(0)
        self.log.truncate()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "recovery_tui",
                "serve",
                "--port",
                str(self.port),
                *self._args,
            ],
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the apps it starts go with it
        )

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_ready(self, timeout: float = 60) -> None:
        """Poll until serve printed its address and the page answers it (or serve gave up)."""
        deadline = time.monotonic() + timeout
        attempts = 1
        while True:
            if self.process.poll() is not None:
                said = self.output()
                taken = f"couldn't listen on 127.0.0.1:{self.port} (" in said
                if taken and "address already in use" in said and attempts < self.ATTEMPTS:
                    attempts += 1
                    self.url = ""
                    self._start()
                    continue
                raise RuntimeError(f"serve exited with {self.process.returncode}:\n{self.output()}")
            if not self.url and (ready := READY_LINE.search(self.output())):
                self.url = ready.group(1)
            if self.url:
                # Like a browser: the token becomes a cookie, the redirect then needs it.
                cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
                try:
                    with urllib.request.build_opener(cookies).open(self.url, timeout=5) as page:
                        if page.status == 200:
                            return
                except urllib.error.HTTPError as refused:  # listening, but says no
                    raise RuntimeError(f"{self.url} answered {refused.code}") from None
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"serve didn't answer in {timeout} s:\n{self.output()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Ctrl+C's signal first, so the apps hear they should quit; then make sure."""
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 15)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        # The group may outlive its leader for a moment (an app still shutting down).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


class Chromium:
    """Headless Debian Chromium through Playwright; `close` always ends it."""

    def __init__(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        #: Every URL the pages asked for (to check nothing is fetched from elsewhere).
        self.requested: list[str] = []
        self._playwright: Playwright = sync_playwright().start()
        try:
            self.browser: Browser = self._playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
        except BaseException:
            self._playwright.stop()
            raise

    def open(self, url: str, *, size: tuple[int, int] = (1000, 640)) -> Page:
        width, height = size
        page = self.browser.new_page(viewport={"width": width, "height": height})
        page.add_init_script(RECORD_SCREEN)
        page.on("request", lambda request: self.requested.append(request.url))
        page.goto(url)
        return page

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self._playwright.stop()


def screen_mark(page: Page) -> int:
    """Where the screen text ends now: wait for text that comes after this."""
    return int(page.evaluate("window.__screen.length"))


def wait_for_text(page: Page, text: str, *, since: int = 0, timeout: float = 60) -> None:
    page.wait_for_function(SCREEN_HAS, arg=[text, since], timeout=timeout * 1000, polling=100)


def focus_terminal(page: Page) -> None:
    """Give the keyboard to the terminal without a click (a click would reach the app too)."""
    page.wait_for_selector(".xterm-helper-textarea", state="attached", timeout=60_000)
    page.focus(".xterm-helper-textarea")


def wait_for_path(find: Callable[[], Path | None], *, timeout: float = 60) -> Path:
    """Poll the file system: `find()` returns the path once it is there, else None."""
    deadline = time.monotonic() + timeout
    while (found := find()) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing turned up in {timeout} s")
        time.sleep(0.1)
    return found
