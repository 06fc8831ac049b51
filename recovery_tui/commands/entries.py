"""`recovery-tui list`, `export` and `import`: entries for scripts and backups."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from recovery_tui.core.index.place import refreshed_index
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, display_path

if TYPE_CHECKING:
    from recovery_tui.core.index.queries import Filter, Row
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.insights.prep_packet import PrepParts
    from recovery_tui.core.models import Entry

from recovery_tui.commands import PROG, Refusal, count_entries, printable


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
    with refreshed_index(app_paths.index_file, Journal(app_paths.journal)) as index:
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
        from recovery_tui.core.export import json_text

        print(json_text(items), file=out)
        return 0
    for row in rows:
        stage = _clean(row.stage_label) if row.stage else "-"
        fields = [row.date, _clean(row.company), stage, printable(str(row.path))]
        print("\t".join(fields), file=out)
    return 0


def _filter_of(args: argparse.Namespace) -> Filter:
    from recovery_tui.core.index.queries import Filter

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


def _prep_packet(journal: Journal, parts: PrepParts, err: TextIO) -> str:
    """The prep packet of `parts` with the journal's practice notes; without them (and a
    word on `err`) if the practice file can't be read."""
    from recovery_tui.core.insights.prep_packet import write_prep
    from recovery_tui.core.practice import PracticeState, load_practice

    try:
        state = load_practice(journal.paths.root)
    except ValueError as error:
        print(f"{printable(str(error))} The packet is written without practice notes.", file=err)
        state = PracticeState()
    return write_prep(parts, _today(), state)


def _check_request(args: argparse.Namespace) -> None:
    if args.since is not None and args.until is not None and args.since > args.until:
        raise Refusal(
            f"the dates are reversed: --since {args.since} is after --until {args.until}. "
            "Nothing was written; swap them to get the reflections in between."
        )
    if getattr(args, "prep", False) and args.format == "json":
        raise Refusal(
            "a prep packet is written in Markdown only. Nothing was written; leave out "
            "--format json for the packet, or --prep for the reflections as JSON."
        )


def _out_file(given: str | None, *, force: bool) -> Path | None:
    """The --out file, checked before anything is read: or Refusal saying what is wrong."""
    from recovery_tui.core import folders

    if given is None:
        return None
    target, problem = folders.expand(given)
    if target is None:
        raise Refusal(f"--out {given} can't be used: {problem}. Nothing was written.")
    folder = target.parent
    if target.is_dir():
        raise Refusal(f"{target} is a folder. Nothing was written; give a file name.")
    if not folder.is_dir():
        problem = folders.folder_problem(folder)
        if problem is None:
            raise Refusal(
                f"the folder {folder} doesn't exist, so {target.name} can't be written there. "
                "Nothing was written; make the folder first, or pick another place.",
                code=1,
            )
        raise Refusal(f"couldn't write {target}: the folder {folder} can't be used ({problem}). "
                      "Nothing was written; pick another place.", code=1)  # fmt: skip
    if target.exists() and not force:
        raise Refusal(
            f"{target} already exists. Nothing was written; pick another name, or add "
            "--force to replace it."
        )
    return target


def _narrowed(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name, None) is not None
        for name in ("stage", "company", "tag", "since", "until", "search")
    )


def _today() -> date:
    return datetime.now().astimezone().date()


def _gathered(
    app_paths: AppPaths, journal: Journal, args: argparse.Namespace
) -> tuple[list[tuple[Path, Entry]], PrepParts | None, int, int]:
    """(pairs, parts, entries, unreadable): the chosen entries read from their files, and
    for a prep packet its parts; for a prep packet of the whole journal, the parts alone,
    from the index's sums (no file is read again)."""
    from recovery_tui.core.insights.prep_packet import prep_parts

    prep = getattr(args, "prep", False)
    if not app_paths.journal.entries.is_dir():
        return [], prep_parts([], _today()) if prep else None, 0, 0
    with refreshed_index(app_paths.index_file, Journal(app_paths.journal)) as index:
        if prep and not _narrowed(args):
            readable, unreadable = index.file_counts()
            return [], index.prep_parts(_today()), readable, unreadable
        rows = _chosen_rows(index, args)
    pairs, unreadable = journal.read_all([row.path for row in rows])
    return pairs, prep_parts(pairs, _today()) if prep else None, len(pairs), unreadable


def export(app_paths: AppPaths, args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Write the chosen entries as Markdown or JSON, to --out or the screen.

    On the screen, Markdown has its control characters made visible (`printable`) and JSON
    has them escaped, so nothing in a reflection can act on the terminal; a file written
    with --out keeps the exact text."""
    from recovery_tui.core import fsutil
    from recovery_tui.core.export import export_json, export_markdown
    from recovery_tui.core.printable import printable as visible

    _check_request(args)
    target = _out_file(args.out, force=args.force)
    journal = Journal(app_paths.journal)
    pairs, parts, written, unreadable = _gathered(app_paths, journal, args)
    entries = [entry for _, entry in pairs]
    if parts is not None:
        text = _prep_packet(journal, parts, err)
    elif args.format == "json":
        text = export_json(entries)
    else:
        text = export_markdown(entries)
    if unreadable:
        print(
            f"{count_entries(unreadable)} couldn't be read and "
            f"{'is' if unreadable == 1 else 'are'} left out; '{PROG} check' says why.",
            file=err,
        )
    if target is None:
        out.write(text if args.format == "json" and not args.prep else visible(text))
        return 0
    try:
        fsutil.atomic_write(target, text.encode("utf-8"), new=not args.force)
    except FileExistsError:
        raise Refusal(
            f"{target} already exists. Nothing was written; pick another name, or add "
            "--force to replace it."
        ) from None
    except OSError as error:
        raise Refusal(
            f"couldn't write {target} ({fsutil.describe_os_error(error)}). Nothing was "
            "written; pick another place and try again.",
            code=1,
        ) from None
    from recovery_tui.core.export import plain_note

    plain = plain_note(app_paths.journal.root)
    print(f"Wrote {count_entries(written)} to {printable(str(target))}{plain}", file=err)
    return 0


def import_file(app_paths: AppPaths, source: Path, *, out: TextIO) -> int:
    """Add the entries of a JSON export; 1 if some couldn't be imported."""
    from recovery_tui.core import fsutil, tomlio
    from recovery_tui.core.export import NotAnExport, import_json

    try:
        # The one safe reader: a FIFO or a device given as the export is refused, not waited on.
        raw = fsutil.read_file(source, 64 * tomlio.MAX_FILE_BYTES)
        text = raw.decode("utf-8-sig")
    except fsutil.TooLargeToRead:
        raise Refusal(f"{source} is too large to be an export. Nothing was imported.", 1) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            "it isn't UTF-8 text"
            if isinstance(error, UnicodeDecodeError)
            else fsutil.describe_os_error(error)
        )
        raise Refusal(f"couldn't read {source} ({reason}). Nothing was imported.", 1) from None
    journal = Journal(app_paths.journal)
    try:
        result = import_json(journal, text)
    except NotAnExport as error:
        raise Refusal(str(error), code=1) from None
    except OSError as error:
        raise Refusal(
            f"couldn't save to {display_path(app_paths.journal.entries)} "
            f"({(error.strerror or type(error).__name__).lower()}). Reflections saved before "
            "this are kept; run the import again once it's fixed (they'll be skipped).",
            code=1,
        ) from None
    for message in result.invalid:
        print(message, file=out)
    added, skipped, invalid = len(result.added), len(result.skipped), len(result.invalid)
    left_out = f"; {invalid} couldn't be imported (see above)" if invalid else ""
    print(
        f"Added {count_entries(added)} to {display_path(journal.paths.entries)}; "
        f"skipped {skipped} already in your journal{left_out}.",
        file=out,
    )
    return 1 if result.invalid else 0
