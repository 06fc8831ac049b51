"""The ``recovery-tui`` command.

``recovery-tui`` opens home, ``recovery-tui new`` starts a reflection straight away,
``locate`` shows where things are kept, ``check`` lists files that need a look and ``demo``
fills a separate folder with made-up entries. ``list``, ``export`` and ``import`` read and
write entries for scripts and backups (``list`` and ``export`` go through the history index).
This module imports quickly: Textual is loaded only to start the app, pydantic only for
``check``, ``demo``, ``export`` and ``import``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from recovery_tui import __version__, paths
from recovery_tui.core.journal import Journal
from recovery_tui.paths import AppPaths, display_path

if TYPE_CHECKING:
    from recovery_tui.core.index import Filter, Index, Row

PROG = "recovery-tui"
DEMO_EXAMPLE = "--dir /tmp/recovery-demo"


class _Refusal(Exception):
    """A command that can't go ahead; the message says why and what to do."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"use a whole number of 1 or more, not {text!r}")
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
        "--stage", choices=[stage.value for stage in Stage], help="only entries at this stage"
    )
    command.add_argument("--company", metavar="C", help="only entries for this company")
    command.add_argument("--tag", metavar="T", help="only entries with this tag")
    command.add_argument(
        "--since", metavar="YYYY-MM-DD", type=_day, help="only entries from this day on"
    )
    command.add_argument(
        "--until", metavar="YYYY-MM-DD", type=_day, help="only entries up to this day"
    )
    command.add_argument(
        "--search", metavar="Q", help="only entries with all these words, anywhere in them"
    )


def build_parser() -> argparse.ArgumentParser:
    # --dir is accepted before and after the command; SUPPRESS keeps a later parser from
    # overwriting a value an earlier one found.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--dir",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal folder to use (default: $RECOVERY_TUI_DIR, else your user data folder)",
    )
    parser = argparse.ArgumentParser(
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
        description="Show the journal folder, the settings file and the entry files.",
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="list files in your journal that need a look",
        description=(
            "Check every file in the journal's entries folder and list the ones that can't be "
            "opened, sync conflicts and files that aren't entries. Nothing is changed. "
            "Exits 1 if something needs a look, 0 if the journal is clean."
        ),
    )
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="fill a separate folder with made-up entries",
        description=(
            "Write made-up entries into an empty folder, to try the app or test it at scale. "
            "Your own journal folder is never used."
        ),
    )
    demo.add_argument(
        "--entries", metavar="N", type=_whole_number, default=50, help="how many (default 50)"
    )
    demo.add_argument(
        "--seed", metavar="S", type=_seed, default=0, help="same seed, same entries (default 0)"
    )
    demo.add_argument(
        "--force", action="store_true", help="write even if the folder already has files"
    )
    listing = commands.add_parser(
        "list",
        parents=[common],
        help="print every entry: date, company, stage and file",
        description=(
            "Print one line per entry, newest first: the date, company, stage and file, "
            "separated by tabs. Files that can't be opened are left out (see check)."
        ),
    )
    listing.add_argument(
        "--json", action="store_true", help="print a JSON array instead, for scripts"
    )
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write entries as one Markdown document or a JSON file",
        description=(
            "Write entries, oldest first, as a Markdown document or as JSON that "
            f"'{PROG} import' reads back. Prints to the screen unless --out is given. "
            "The filters narrow what is written."
        ),
    )
    export.add_argument("--format", choices=["md", "json"], default="md", help="(default md)")
    export.add_argument("--out", metavar="PATH", help="write to this file (made private, 0600)")
    export.add_argument(
        "--force", action="store_true", help="replace the --out file if it already exists"
    )
    _add_filters(export)
    importing = commands.add_parser(
        "import",
        parents=[common],
        help="add the entries of a JSON export to your journal",
        description=(
            "Add the entries of a JSON file made by 'export --format json'. Entries already "
            "in the journal (same id) are skipped; nothing is overwritten."
        ),
    )
    importing.add_argument("file", metavar="FILE", help="the JSON export to read")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    cli_dir: str | None = getattr(args, "dir", None)
    try:
        if args.command == "locate":
            return locate(AppPaths.resolve(cli_dir), sys.stdout)
        if args.command == "check":
            return check(AppPaths.resolve(cli_dir).journal, sys.stdout)
        if args.command == "demo":
            return demo(cli_dir, args.entries, seed=args.seed, force=args.force, out=sys.stdout)
        if args.command == "list":
            return list_entries(AppPaths.resolve(cli_dir), as_json=args.json, out=sys.stdout)
        if args.command == "export":
            return export(AppPaths.resolve(cli_dir), args, out=sys.stdout, err=sys.stderr)
        if args.command == "import":
            return import_file(AppPaths.resolve(cli_dir), Path(args.file), out=sys.stdout)
    except _Refusal as refusal:
        print(f"{PROG}: {refusal}", file=sys.stderr)
        return refusal.code
    except BrokenPipeError:  # e.g. `recovery-tui locate | head`: the reader left early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return run_app(AppPaths.resolve(cli_dir), start="new" if args.command == "new" else "home")


def run_app(app_paths: AppPaths, *, start: str) -> int:
    from recovery_tui.app import create_app

    app = create_app(app_paths, start=start)
    app.run()
    return app.return_code or 0


# --- locate --------------------------------------------------------------------------------


def locate(app_paths: AppPaths, out: TextIO) -> int:
    """Print where things live. Lists file names only, never what is in them."""
    root = app_paths.journal.root
    settings = app_paths.settings_file
    entries_dir = app_paths.journal.entries
    print(f"Journal folder:  {root}{_missing(root)}", file=out)
    print(f"Settings file:   {settings}{_missing(settings)}", file=out)
    try:
        files = Journal(app_paths.journal).entry_files()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _Refusal(
            f"couldn't list the entries in {entries_dir} ({reason.lower()}). "
            "Nothing was changed; check the folder's permissions and try again.",
            code=1,
        ) from None
    if not files:
        print("Entries:         none yet", file=out)
        print(f"Each reflection you save becomes one file in {entries_dir}", file=out)
        return 0
    count = f"{len(files)} entr{'y' if len(files) == 1 else 'ies'}"
    print(f"Entries:         {count}, newest first", file=out)
    for path in files:
        print(path, file=out)
    return 0


def _missing(path: Path) -> str:
    return "" if path.exists() else " (not created yet)"


# --- check ---------------------------------------------------------------------------------


def check(journal_paths: paths.JournalPaths, out: TextIO) -> int:
    """List the files that need a look; 1 if there are any, 0 if the journal is clean.
    Reads every entry file, changes none, and never prints what is in them."""
    from recovery_tui.core.problems import find_problems

    root = journal_paths.root
    journal = Journal(journal_paths)
    if not journal_paths.entries.is_dir():
        print(f"There's no journal in {display_path(root)} yet, so nothing to check.", file=out)
        return 0
    problems = find_problems(journal)
    entries = journal.entry_files()
    if not problems:
        print(
            f"Your journal is in good shape: {_entries(len(entries))}, nothing to fix.",
            file=out,
        )
        return 0
    for problem in problems:
        try:
            name = str(problem.path.relative_to(root))
        except ValueError:
            name = str(problem.path)
        where = f" ({problem.where})" if problem.where else ""
        print(f"{_printable(name)}{where}", file=out)
        for line in textwrap.wrap(problem.explanation, width=78, initial_indent="  ",
                                  subsequent_indent="  "):  # fmt: skip
            print(line, file=out)
        print(file=out)
    flagged = {problem.path for problem in problems}
    fine = sum(1 for path in entries if path not in flagged)
    count = len(problems)
    print(
        f"{count} file{'' if count == 1 else 's'} in {display_path(journal_paths.entries)} "
        f"need{'s' if count == 1 else ''} a look; {_entries(fine)} "
        f"{'is' if fine == 1 else 'are'} fine. "
        "Nothing was changed.",
        file=out,
    )
    return 1


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _printable(text: str) -> str:
    """A file name safe to print: control characters and undecodable bytes escaped."""
    return "".join(
        char if char.isprintable() else f"\\x{ord(char):02x}" if ord(char) < 256
        else f"\\u{ord(char):04x}"
        for char in text
    )  # fmt: skip


# --- demo ----------------------------------------------------------------------------------


def demo(cli_dir: str | None, count: int, *, seed: int, force: bool, out: TextIO) -> int:
    """Write `count` made-up entries into a folder that isn't the real journal."""
    if not cli_dir:
        raise _Refusal(
            "demo needs a folder of its own. Nothing was written. "
            f"Add --dir with an empty folder, e.g. {DEMO_EXAMPLE}"
        )
    app_paths = AppPaths.resolve(cli_dir)
    root = app_paths.journal.root
    _check_demo_folder(root, force=force)

    from recovery_tui.core.demo import write_demo

    journal = Journal(app_paths.journal)
    try:
        written = write_demo(journal, count, seed=seed, now=datetime.now().astimezone())
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        done = len(journal.entry_files()) if journal.paths.entries.is_dir() else 0
        raise _Refusal(
            f"couldn't write demo entries to {display_path(root)} ({reason}). "
            f"The folder now has {done} entry files; your own journal wasn't touched. "
            "Free some space or pick another folder, then run it again.",
            code=1,
        ) from None
    noun = "entry" if len(written) == 1 else "entries"
    print(f"Wrote {len(written)} demo {noun} to {display_path(journal.paths.entries)}", file=out)
    print(f"Open them with: {PROG} --dir {shlex.quote(str(root))}", file=out)
    return 0


def _check_demo_folder(root: Path, *, force: bool) -> None:
    journal_dir = paths.default_journal_dir()
    if _same_or_inside(root, journal_dir):
        raise _Refusal(
            f"demo entries are made up, so they never go in your journal folder "
            f"({display_path(journal_dir)}). Nothing was written. "
            f"Pick a separate folder, e.g. {DEMO_EXAMPLE}"
        )
    if root.exists() and not root.is_dir():
        raise _Refusal(
            f"{display_path(root)} is a file, not a folder. Nothing was written. "
            f"Pick an empty folder for the demo, e.g. {DEMO_EXAMPLE}"
        )
    if force or not root.exists():
        return
    try:
        has_files = any(root.iterdir())
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise _Refusal(
            f"couldn't look inside {display_path(root)} ({reason}). Nothing was written. "
            "Pick a folder you can write to."
        ) from None
    if has_files:
        raise _Refusal(
            f"{display_path(root)} already has files in it. Nothing was written. "
            "Pick an empty folder, or add --force to put the demo entries next to them."
        )


def _same_or_inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


# --- list, export, import ------------------------------------------------------------------


@contextlib.contextmanager
def _index(app_paths: AppPaths) -> Iterator[Index]:
    """The journal's history index, brought up to date. If the cache folder can't be used
    (read-only, full), a throwaway index in a temp folder does the same job, only slower."""
    import sqlite3

    from recovery_tui.core.index import Index

    journal = Journal(app_paths.journal)
    try:
        index = Index.open(app_paths.index_file, journal)
        index.refresh()
    except (OSError, sqlite3.Error):
        with tempfile.TemporaryDirectory(prefix="recovery-tui-index-") as folder:
            index = Index.open(Path(folder) / "index.sqlite3", journal)
            try:
                index.refresh()
                yield index
            finally:
                index.close()
        return
    try:
        yield index
    finally:
        index.close()


def _clean(text: str) -> str:
    """One line for a tab-separated listing: tabs, newlines and control characters become
    spaces."""
    return "".join(char if char.isprintable() else " " for char in text)


def list_entries(app_paths: AppPaths, *, as_json: bool, out: TextIO) -> int:
    """Every entry, newest first. Prints file names and what the history list shows."""
    if not app_paths.journal.entries.is_dir():
        if as_json:
            print("[]", file=out)
        else:
            root = display_path(app_paths.journal.root)
            print(f"There's no journal in {root} yet, so nothing to list.", file=sys.stderr)
        return 0
    with _index(app_paths) as index:
        rows = index.rows()
    if as_json:
        items = [
            {
                "date": row.date,
                "company": row.company,
                "role": row.role,
                "stage": row.stage,
                "id": row.id,
                "file": str(row.path),
            }
            for row in rows
        ]
        print(json.dumps(items, ensure_ascii=False, indent=2), file=out)
        return 0
    for row in rows:
        fields = [row.date, _clean(row.company), row.stage or "-", _printable(str(row.path))]
        print("\t".join(fields), file=out)
    return 0


def _filter_of(args: argparse.Namespace) -> Filter:
    from recovery_tui.core.index import Filter

    return Filter(
        stage=args.stage,
        company=args.company,
        tag=args.tag,
        date_from=args.since,
        date_to=args.until,
    )


def _chosen_rows(index: Index, args: argparse.Namespace) -> list[Row]:
    chosen = _filter_of(args)
    rows = index.rows(chosen, sort="date", descending=False)
    if args.search is None:
        return rows
    hits = index.search(args.search, chosen, limit=max(len(rows), 1))
    found = {hit.row.name for hit in hits}
    return [row for row in rows if row.name in found]


def export(app_paths: AppPaths, args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Write the chosen entries as Markdown or JSON, to --out or the screen."""
    from recovery_tui.core import fsutil
    from recovery_tui.core.export import export_json, export_markdown

    target = Path(args.out).expanduser() if args.out else None
    if target is not None:
        if target.is_dir():
            raise _Refusal(f"{target} is a folder. Nothing was written; give a file name.")
        if target.exists() and not args.force:
            raise _Refusal(
                f"{target} already exists. Nothing was written; pick another name, or add "
                "--force to replace it."
            )
    journal = Journal(app_paths.journal)
    entries = []
    unreadable = 0
    if app_paths.journal.entries.is_dir():
        with _index(app_paths) as index:
            rows = _chosen_rows(index, args)
        for row in rows:
            try:
                entries.append(journal.read(row.path))
            except (OSError, ValueError):  # ValidationError is a ValueError
                unreadable += 1
    text = export_json(entries) if args.format == "json" else export_markdown(entries)
    if unreadable:
        print(
            f"{_entries(unreadable)} couldn't be read and {'is' if unreadable == 1 else 'are'} "
            f"left out; '{PROG} check' says why.",
            file=err,
        )
    if target is None:
        out.write(text)
        return 0
    try:
        fsutil.atomic_write(target, text.encode("utf-8"), new=not args.force)
    except FileExistsError:
        raise _Refusal(
            f"{target} already exists. Nothing was written; pick another name, or add "
            "--force to replace it."
        ) from None
    except OSError as error:
        raise _Refusal(
            f"couldn't write {target} ({fsutil.describe_os_error(error)}). Nothing was "
            "written; pick another place and try again.",
            code=1,
        ) from None
    print(f"Wrote {_entries(len(entries))} to {target}", file=err)
    return 0


def import_file(app_paths: AppPaths, source: Path, *, out: TextIO) -> int:
    """Add the entries of a JSON export; 1 if some couldn't be imported."""
    from recovery_tui.core import tomlio
    from recovery_tui.core.export import NotAnExport, import_json

    try:
        if source.stat().st_size > 64 * tomlio.MAX_FILE_BYTES:
            raise _Refusal(f"{source} is too large to be an export. Nothing was imported.", 1)
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            "it isn't UTF-8 text"
            if isinstance(error, UnicodeDecodeError)
            else (error.strerror or type(error).__name__).lower()
        )
        raise _Refusal(f"couldn't read {source} ({reason}). Nothing was imported.", 1) from None
    journal = Journal(app_paths.journal)
    try:
        result = import_json(journal, text)
    except NotAnExport as error:
        raise _Refusal(str(error), code=1) from None
    except OSError as error:
        raise _Refusal(
            f"couldn't save to {display_path(app_paths.journal.entries)} "
            f"({(error.strerror or type(error).__name__).lower()}). Entries saved before "
            "this are kept; run the import again once it's fixed (they'll be skipped).",
            code=1,
        ) from None
    added, skipped = len(result.added), len(result.skipped)
    print(
        f"Added {_entries(added)} to {display_path(journal.paths.entries)}; "
        f"skipped {skipped} already in your journal.",
        file=out,
    )
    for message in result.invalid:
        print(message, file=out)
    return 1 if result.invalid else 0
