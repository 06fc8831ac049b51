"""`recovery-tui list`, `export` and `import`: entries for scripts and backups."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from recovery_tui.core.journal import Journal
from recovery_tui.paths import AppPaths, display_path

if TYPE_CHECKING:
    from recovery_tui.core.index import Filter, Index, Row
    from recovery_tui.core.insights import PrepParts

from recovery_tui.commands import PROG, Refusal, count_entries, printable


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
        fields = [row.date, _clean(row.company), row.stage or "-", printable(str(row.path))]
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


def _prep_packet(journal: Journal, parts: PrepParts) -> str:
    """The prep packet of `parts` with the journal's practice notes."""
    from recovery_tui.core.insights import write_prep
    from recovery_tui.core.practice import load_practice

    return write_prep(parts, _today(), load_practice(journal.paths.root))


def _narrowed(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name, None) is not None
        for name in ("stage", "company", "tag", "since", "until", "search")
    )


def _today() -> date:
    return datetime.now().astimezone().date()


def _gathered(
    app_paths: AppPaths, journal: Journal, args: argparse.Namespace
) -> tuple[list[tuple[Path, Any]], PrepParts | None, int, int]:
    """(pairs, parts, entries, unreadable): the chosen entries read from their files, and
    for a prep packet its parts; for a prep packet of the whole journal, the parts alone,
    from the index's sums (no file is read again)."""
    from recovery_tui.core.insights import prep_parts

    prep = getattr(args, "prep", False)
    if not app_paths.journal.entries.is_dir():
        return [], prep_parts([], _today()) if prep else None, 0, 0
    with _index(app_paths) as index:
        if prep and not _narrowed(args):
            readable, unreadable = index.file_counts()
            return [], index.prep_parts(_today()), readable, unreadable
        rows = _chosen_rows(index, args)
    pairs, unreadable = journal.read_all([row.path for row in rows])
    return pairs, prep_parts(pairs, _today()) if prep else None, len(pairs), unreadable


def export(app_paths: AppPaths, args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Write the chosen entries as Markdown or JSON, to --out or the screen."""
    from recovery_tui.core import fsutil
    from recovery_tui.core.export import export_json, export_markdown

    target = Path(args.out).expanduser() if args.out else None
    if target is not None:
        if target.is_dir():
            raise Refusal(f"{target} is a folder. Nothing was written; give a file name.")
        if target.exists() and not args.force:
            raise Refusal(
                f"{target} already exists. Nothing was written; pick another name, or add "
                "--force to replace it."
            )
    journal = Journal(app_paths.journal)
    pairs, parts, written, unreadable = _gathered(app_paths, journal, args)
    entries = [entry for _, entry in pairs]
    if parts is not None:
        text = _prep_packet(journal, parts)
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
        out.write(text)
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
    print(f"Wrote {count_entries(written)} to {target}", file=err)
    return 0


def import_file(app_paths: AppPaths, source: Path, *, out: TextIO) -> int:
    """Add the entries of a JSON export; 1 if some couldn't be imported."""
    from recovery_tui.core import tomlio
    from recovery_tui.core.export import NotAnExport, import_json

    try:
        if source.stat().st_size > 64 * tomlio.MAX_FILE_BYTES:
            raise Refusal(f"{source} is too large to be an export. Nothing was imported.", 1)
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            "it isn't UTF-8 text"
            if isinstance(error, UnicodeDecodeError)
            else (error.strerror or type(error).__name__).lower()
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
            f"({(error.strerror or type(error).__name__).lower()}). Entries saved before "
            "this are kept; run the import again once it's fixed (they'll be skipped).",
            code=1,
        ) from None
    added, skipped = len(result.added), len(result.skipped)
    print(
        f"Added {count_entries(added)} to {display_path(journal.paths.entries)}; "
        f"skipped {skipped} already in your journal.",
        file=out,
    )
    for message in result.invalid:
        print(message, file=out)
    return 1 if result.invalid else 0
