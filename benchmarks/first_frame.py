"""Start one app headless (80x24) and exit right after its home screen is first drawn.

Used by benchmarks/run.py, which times this whole process from spawn to exit:

    first_frame.py bare
    first_frame.py recovery --dir JOURNAL --config CONFIG [--until home-ready]

``first-frame`` (the default) exits after the first frame that shows the home screen.
``home-ready`` (recovery-tui only) exits after the first frame drawn once HomeScreen.Loaded
has been handled, i.e. once the recent entries are shown.

The hook is Textual's ``App.post_display_hook``, called after every frame is displayed. In
headless mode each frame is laid out and rendered exactly as usual; only the write of the
escape codes to a terminal is skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen


def exit_after_frame(app: App, shown: Callable[[Screen], bool]) -> App:
    """Make `app` exit right after the first frame in which `shown(screen)` is true."""
    exiting = False

    def after_display() -> None:
        nonlocal exiting
        if not exiting and shown(app.screen):
            exiting = True
            app.exit()

    app.post_display_hook = after_display  # type: ignore[method-assign]
    return app


def bare_app() -> App:
    from bare_app import BareApp, BareHome

    return exit_after_frame(BareApp(), lambda screen: isinstance(screen, BareHome))


def recovery_app(journal: Path, config: Path, until: str) -> App:
    from recovery_tui.app import create_app
    from recovery_tui.core.paths import AppPaths, JournalPaths
    from recovery_tui.screens.home import HomeScreen

    def shown(screen: Screen) -> bool:
        if not isinstance(screen, HomeScreen):
            return False
        if until == "first-frame":
            return True
        return screen.home_data is not None and not screen.has_class("-loading")

    return exit_after_frame(create_app(AppPaths(JournalPaths(journal), config)), shown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start an app and exit after its first frame.")
    parser.add_argument("app", choices=["bare", "recovery"])
    parser.add_argument("--dir", type=Path, help="journal folder (recovery only)")
    parser.add_argument("--config", type=Path, help="config folder (recovery only)")
    parser.add_argument("--until", choices=["first-frame", "home-ready"], default="first-frame")
    args = parser.parse_args(argv)
    if args.app == "bare":
        if args.until != "first-frame":
            parser.error("the bare app has no entries to load: use --until first-frame")
        app = bare_app()
    else:
        if args.dir is None or args.config is None:
            parser.error("recovery needs --dir and --config")
        app = recovery_app(args.dir, args.config, args.until)
    app.run(headless=True, size=(80, 24))
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
