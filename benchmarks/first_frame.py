"""Start one app headless (80x24) and exit as soon as its home screen has been drawn.

Used by benchmarks/run.py, which times this whole process from spawn to exit:

    first_frame.py bare
    first_frame.py recovery --dir JOURNAL --config CONFIG [--until home-ready]

``first-frame`` (the default) exits on the first refresh after the home screen is mounted.
``home-ready`` (recovery-tui only) exits on the first refresh after HomeScreen.Loaded has
been handled, i.e. once the recent entries are shown. Headless: every frame is laid out and
rendered as usual; only writing the escape codes to a terminal is skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from textual.app import App
from textual.screen import Screen


def exits_after_first_frame(home: type[Screen]) -> type[Screen]:
    """A subclass of `home` that quits on the first refresh after it is mounted.

    Textual calls on_mount of every class in the MRO, so the real on_mount still runs.
    """

    class FirstFrame(home):  # type: ignore[valid-type, misc]
        def on_mount(self) -> None:
            self.call_after_refresh(self.app.exit)

    return FirstFrame


def bare_app() -> App:
    from bare_app import BareApp, BareHome

    return BareApp(exits_after_first_frame(BareHome))  # type: ignore[arg-type]


def recovery_app(journal: Path, config: Path, until: str) -> App:
    from recovery_tui.app import create_app
    from recovery_tui.paths import AppPaths, JournalPaths
    from recovery_tui.screens.home import HomeScreen

    class HomeReady(HomeScreen):
        def on_home_screen_loaded(self, message: HomeScreen.Loaded) -> None:
            # Runs just before HomeScreen's own handler (MRO order); the exit waits for
            # the refresh that shows the entries it fills in.
            self.call_after_refresh(self.app.exit)

    home = exits_after_first_frame(HomeScreen) if until == "first-frame" else HomeReady
    app = create_app(AppPaths(JournalPaths(journal), config))
    app.get_default_screen = lambda: home(app.journal, app.drafts)  # type: ignore[method-assign]
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
