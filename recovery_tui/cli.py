"""The ``recovery-tui`` command.

``recovery-tui`` opens home, ``recovery-tui new`` starts a reflection straight away,
``serve`` shows the app in a browser tab, ``locate`` shows where things are kept, ``check``
lists files that need a look and ``demo`` fills a separate folder with made-up entries.
``list``, ``export`` and ``import`` read and write entries for scripts and backups (``list``
and ``export`` go through the history index).
This module imports quickly: Textual is loaded only to start the app, pydantic only for
``check``, ``demo``, ``export`` and ``import``, textual-serve only for ``serve``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from recovery_tui import __version__
from recovery_tui.commands import PROG, Refusal
from recovery_tui.commands.check import check
from recovery_tui.commands.demo import demo
from recovery_tui.commands.dirs import check_dir
from recovery_tui.commands.entries import export, import_file, list_entries
from recovery_tui.commands.locate import locate
from recovery_tui.commands.serve import DEFAULT_HOST, DEFAULT_PORT, TOKEN_ENV, serve
from recovery_tui.core.paths import AppPaths
from recovery_tui.core.printable import printable

if TYPE_CHECKING:  # the app (and Textual) load only when it runs
    from recovery_tui.app import Start

#: Commands that write into the journal folder (and so make it private, 0700).
WRITERS = frozenset(
    {None, "new", "import", "serve", "sync", "encrypt", "decrypt", "change-passphrase"}
)
CRYPTO = frozenset({"encrypt", "decrypt", "change-passphrase"})
#: Commands that work on an encrypted journal once unlocked (the others refuse it for now).
UNLOCKING = frozenset({"list", "check", "export", "import", "sync"})
APP = frozenset({None, "new", "serve"})


class _Parser(argparse.ArgumentParser):
    """argparse, with the line that says what is wrong first and the usage after it."""

    def error(self, message: str) -> NoReturn:
        usage = self.format_usage()
        self.exit(2, f"{self.prog}: error: {printable(message)}\n{usage}")


def _path(text: str) -> str:
    if "\0" in text:
        raise argparse.ArgumentTypeError("a path can't have a NUL character in it")
    return text


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"use a whole number of 1 or more, not {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"use a port from 1 to 65535, not {text!r}")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"use a whole number, not {text!r}") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"use a date like 2026-11-24, not {text!r}") from None


def _add_filters(command: argparse.ArgumentParser) -> None:
    from recovery_tui.core.prompts import Stage

    command.add_argument(
        "--stage", choices=[stage.value for stage in Stage], help="only reflections at this stage"
    )
    command.add_argument("--company", metavar="C", help="only reflections for this company")
    command.add_argument("--tag", metavar="T", help="only reflections with this tag")
    command.add_argument(
        "--since", metavar="YYYY-MM-DD", type=_day, help="only reflections from this day on"
    )
    command.add_argument(
        "--until", metavar="YYYY-MM-DD", type=_day, help="only reflections up to this day"
    )
    command.add_argument(
        "--search", metavar="Q", help="only reflections with all these words, anywhere in them"
    )


def build_parser() -> argparse.ArgumentParser:
    # --dir is accepted before and after the command; SUPPRESS keeps a later parser from
    # overwriting a value an earlier one found.
    common = _Parser(add_help=False)
    common.add_argument(
        "--dir",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=(
            "journal folder to use (default: $RECOVERY_TUI_DIR, else `journal` in the settings "
            "file, else your user data folder)"
        ),
    )
    common.add_argument(
        "--passphrase-file",
        metavar="PATH",
        type=_path,
        default=argparse.SUPPRESS,
        help="an encrypted journal's passphrase, on the first line of this file (for "
        "scripts; also $RECOVERY_TUI_PASSPHRASE; people type it when asked)",
    )
    parser = _Parser(
        prog=PROG,
        description="A calm journal for the day a job search says no.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "new",
        parents=[common],
        help="start a new reflection",
        description="Start a new reflection straight away.",
    )
    commands.add_parser(
        "locate",
        parents=[common],
        help="show where your journal and settings are kept",
        description=(
            "Show the journal folder, the settings file (and anything in it that can't be "
            "used) and the files your reflections are kept in."
        ),
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="list files in your journal that need a look",
        description=(
            "Check every file in the journal's entries folder and list the ones that can't be "
            "opened, sync conflicts and files that aren't reflections. Nothing is changed. "
            "Exits 1 if something needs a look, 0 if the journal is clean."
        ),
    )
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="fill a separate folder with made-up reflections",
        description=(
            "Write made-up reflections into an empty folder, to try the app or test it at scale. "
            "Your own journal folder is never used."
        ),
    )
    demo.add_argument(
        "--reflections",
        "--entries",  # the first name it had: scripts that use it keep working
        dest="entries",
        metavar="N",
        type=_whole_number,
        default=50,
        help="how many (default 50)",
    )
    demo.add_argument(
        "--seed", metavar="S", type=_seed, default=0, help="same seed, same reflections (default 0)"
    )
    demo.add_argument(
        "--force", action="store_true", help="write even if the folder already has files"
    )
    listing = commands.add_parser(
        "list",
        parents=[common],
        help="print every reflection: date, company, stage and file",
        description=(
            "Print one line per reflection, newest first: the date, company, stage and file, "
            "separated by tabs. Files that can't be opened are left out (see check)."
        ),
    )
    listing.add_argument(
        "--json", action="store_true", help="print a JSON array instead, for scripts"
    )
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write reflections as one Markdown document or a JSON file",
        description=(
            "Write reflections, oldest first, as a Markdown document or as JSON that "
            f"'{PROG} import' reads back. Prints to the screen unless --out is given. "
            "The filters narrow what is written."
        ),
    )
    export.add_argument("--format", choices=["md", "json"], default="md", help="(default md)")
    export.add_argument(
        "--prep",
        action="store_true",
        help="write a prep packet for the next interview instead (Markdown): questions to "
        "practise, skills, open actions, people and what worked before",
    )
    export.add_argument(
        "--out", metavar="PATH", type=_path, help="write to this file (made private, 0600)"
    )
    export.add_argument(
        "--force", action="store_true", help="replace the --out file if it already exists"
    )
    _add_filters(export)
    importing = commands.add_parser(
        "import",
        parents=[common],
        help="add the reflections of a JSON export to your journal",
        description=(
            "Add the reflections of a JSON file made by 'export --format json'. Reflections "
            "already "
            "in the journal (same id) are skipped; nothing is overwritten."
        ),
    )
    importing.add_argument("file", metavar="FILE", type=_path, help="the JSON export to read")
    serving = commands.add_parser(
        "serve",
        parents=[common],
        help="open the journal in a browser tab (needs the 'web' extra)",
        description=(
            "Serve the app to a browser tab with textual-serve: each tab gets its own copy of "
            "the app, on the same journal. Stays on this computer unless --host says otherwise. "
            "Only the address it prints, which carries a token, opens the journal. "
            "Ctrl+C stops it."
        ),
    )
    serving.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}, only this computer); any other "
        "address lets the network in, unencrypted",
    )
    serving.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    serving.add_argument(
        "--token",
        help=f"the token the address needs (default: ${TOKEN_ENV}, else a new random one each "
        "start); at least 16 letters, digits, '-' or '_'. Other users can see arguments in the "
        f"process list, so scripts should prefer ${TOKEN_ENV}",
    )
    _add_sync(commands, common)
    _add_crypto(commands, common)
    return parser


def _add_crypto(commands: Any, common: argparse.ArgumentParser) -> None:
    commands.add_parser(
        "encrypt",
        parents=[common],
        help="keep your journal encrypted on disk, with a passphrase and a recovery key",
        description=(
            "Ask for a passphrase twice, show a recovery key once, and turn every reflection, "
            "draft, practice note and trashed file into an age file, one by one. Safe to "
            "stop at any moment: run it again to finish."
        ),
    )
    commands.add_parser(
        "decrypt",
        parents=[common],
        help="make an encrypted journal plain text again",
        description="Turn every age file of the journal back into plain text, one by one.",
    )
    change = commands.add_parser(
        "change-passphrase",
        parents=[common],
        help="change an encrypted journal's passphrase (the recovery key stays)",
        description="Ask for the passphrase (or recovery key), then a new passphrase twice.",
    )
    change.add_argument(
        "--new-passphrase-file",
        metavar="PATH",
        type=_path,
        help="the new passphrase, on the first line of this file (also "
        "$RECOVERY_TUI_NEW_PASSPHRASE)",
    )


def _crypto_command(app_paths: AppPaths, args: argparse.Namespace) -> int | None:
    """Run encrypt/decrypt/change-passphrase; otherwise refuse an encrypted journal for
    commands that can't open one yet (None: go ahead)."""
    from recovery_tui.commands import crypto

    if args.command == "encrypt":
        return crypto.encrypt(app_paths, args, sys.stdout)
    if args.command == "decrypt":
        return crypto.decrypt(app_paths, args, sys.stdout)
    if args.command == "change-passphrase":
        return crypto.change_passphrase(app_paths, args, sys.stdout)
    if args.command in APP:  # the app asks for the passphrase itself
        return None
    if args.command in UNLOCKING:
        crypto.unlock_journal(app_paths.journal.root, args)
    else:
        crypto.refuse_if_encrypted(app_paths.journal.root)
    return None


def _add_sync(commands: Any, common: argparse.ArgumentParser) -> None:
    syncing = commands.add_parser(
        "sync",
        parents=[common],
        help="keep your journal the same on every machine, through git",
        description=(
            "Commit anything not committed yet, bring in what the other machines changed, "
            "and send this machine's changes (git fetch, join, push). Never asks for a "
            "password: set up ssh keys or a credential helper first. Exits 1 if the place to "
            "sync with can't be reached; the journal keeps working here."
        ),
    )
    what = syncing.add_subparsers(dest="what", metavar="WHAT")
    init = what.add_parser(
        "init",
        parents=[common],
        help="turn sync on, or join a journal already kept elsewhere",
        description=(
            "Make the journal folder a git repository (or keep the one it is) and, with "
            "REMOTE, sync with it. On a second machine, run it in an empty or new folder to "
            "bring the whole journal down. Drafts, editing files and exports stay on this "
            "machine."
        ),
    )
    init.add_argument(
        "remote", metavar="REMOTE", nargs="?", help="where to sync: a path or a git address"
    )
    history = what.add_parser(
        "history",
        parents=[common],
        help="earlier versions of a reflection, or deleted ones",
        description=(
            "With FILE, list its versions: when, on which machine, what changed. Without, "
            "list deleted reflections that can be brought back."
        ),
    )
    history.add_argument("file", metavar="FILE", nargs="?", type=_path)
    restore = what.add_parser(
        "restore",
        parents=[common],
        help="bring back an earlier version of a reflection, as a new change",
        description="Bring back an earlier version (see 'sync history FILE').",
    )
    restore.add_argument("file", metavar="FILE", type=_path)
    restore.add_argument(
        "--version", metavar="N", type=int, default=None,
        help="the number 'sync history' shows (default: the one before this one)",
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    cli_dir: str | None = getattr(args, "dir", None)
    try:
        if cli_dir and args.command != "demo":  # demo has rules of its own
            check_dir(cli_dir, writes=args.command in WRITERS)
        if args.command == "locate":
            return locate(AppPaths.resolve(cli_dir), sys.stdout)
        if args.command in CRYPTO or (args.command != "demo" and _journal_is_encrypted(cli_dir)):
            done = _crypto_command(AppPaths.resolve(cli_dir), args)
            if done is not None:
                return done
        if args.command == "check":
            app_paths = AppPaths.resolve(cli_dir)
            return check(app_paths.journal, sys.stdout, app_paths.settings_file)
        if args.command == "demo":
            return demo(cli_dir, args.entries, seed=args.seed, force=args.force, out=sys.stdout)
        if args.command == "list":
            return list_entries(AppPaths.resolve(cli_dir), as_json=args.json, out=sys.stdout)
        if args.command == "export":
            return export(AppPaths.resolve(cli_dir), args, out=sys.stdout, err=sys.stderr)
        if args.command == "import":
            return import_file(AppPaths.resolve(cli_dir), Path(args.file), out=sys.stdout)
        if args.command == "sync":
            from recovery_tui.commands.sync import sync_command

            return sync_command(AppPaths.resolve(cli_dir).journal.root, args, sys.stdout)
        if args.command == "serve":
            return serve(
                AppPaths.resolve(cli_dir),
                args.host,
                args.port,
                token=args.token,
                out=sys.stdout,
                err=sys.stderr,
            )
    except Refusal as refusal:
        print(f"{PROG}: {printable(str(refusal))}", file=sys.stderr)
        return refusal.code
    except BrokenPipeError:  # e.g. `recovery-tui locate | head`: the reader left early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return run_app(AppPaths.resolve(cli_dir), start="new" if args.command == "new" else "home")


def _journal_is_encrypted(cli_dir: str | None) -> bool:
    from recovery_tui.core.fsutil import ENCRYPTION_MARKER

    return (AppPaths.resolve(cli_dir).journal.root / ENCRYPTION_MARKER).is_file()


def run_app(app_paths: AppPaths, *, start: Start) -> int:
    from recovery_tui.app import create_app

    app = create_app(app_paths, start=start)
    app.run()
    return app.return_code or 0
