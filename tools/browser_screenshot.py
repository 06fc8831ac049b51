"""Regenerate `screenshots/browser.png`: `uv run python tools/browser_screenshot.py`.

Fills a throwaway journal with `recovery-tui demo`, serves it with `recovery-tui serve` on a
free loopback port and photographs the tab in headless Chromium (Debian's
`apt-get install chromium`; Playwright comes with `uv sync`). The dates follow today's
date, so the picture changes a little from day to day.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import Chromium, ServedApp, find_chromium, wait_for_text  # noqa: E402

OUT = REPO / "screenshots" / "browser.png"
VIEWPORT = (960, 600)

# The intro card fades out once the app has drawn; wait until the terminal shows fully.
TERMINAL_SHOWN = """
() => {
  const terminal = document.querySelector(".textual-terminal");
  return document.body.classList.contains("-first-byte")
    && terminal !== null && getComputedStyle(terminal).opacity === "1";
}
"""


def main() -> int:
    executable = find_chromium()
    if executable is None:
        print("Chromium isn't installed: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="recovery-tui-browser-shot-") as tmp:
        env = {
            **os.environ,
            "RECOVERY_TUI_DIR": str(Path(tmp, "journal")),
            "RECOVERY_TUI_CONFIG_DIR": str(Path(tmp, "config")),
            "RECOVERY_TUI_CACHE_DIR": str(Path(tmp, "cache")),
        }
        env.pop("TEXTUAL", None)
        cli = [sys.executable, "-m", "recovery_tui"]
        journal = env["RECOVERY_TUI_DIR"]
        subprocess.run(
            [*cli, "demo", "--dir", journal, "--entries", "12", "--seed", "7"], env=env, check=True
        )
        listing = subprocess.run(
            [*cli, "list"], env=env, check=True, capture_output=True, text=True
        ).stdout
        newest_company = listing.splitlines()[0].split("\t")[1]
        server = ServedApp(env)
        browser: Chromium | None = None
        try:
            server.wait_ready()
            browser = Chromium(executable)
            page = browser.open(server.url, size=VIEWPORT)
            wait_for_text(page, newest_company)  # home has read the journal
            wait_for_text(page, "Practice")
            wait_for_text(page, "Next actions")  # the background look through every entry
            page.wait_for_function(TERMINAL_SHOWN, timeout=60_000, polling=100)
            page.evaluate("document.fonts.ready.then(() => true)")
            OUT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT))
        finally:
            if browser is not None:
                browser.close()
            server.stop()
    print(OUT.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
