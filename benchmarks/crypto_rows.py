"""Encryption rows for `benchmarks/run.py` (also runs alone: ``uv run python
benchmarks/crypto_rows.py [--quick]``): the same demo journal plain and encrypted, side by
side in one run. Unlock (one scrypt), the first screen's data (index built and the first
rows read: the encrypted journal's index is in memory, so it is built at every start, while
the plain one's is usually warm in the cache folder), save p50/p95 and search."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase"
SIZES, QUICK_SIZES = (1_000, 10_000), (200,)
OPENS, QUICK_OPENS = 3, 2
SAVES, QUICK_SAVES = 100, 20
FIRST_ROWS = 100
SEARCHES = ("engineer", "final round", "feedback", "recruiter", "python", "referral", "sys")


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _p(values: list[float]) -> dict[str, float]:
    if len(values) == 1:
        return {"p50": values[0], "p95": values[0]}
    return {
        "p50": statistics.median(values),
        "p95": statistics.quantiles(values, n=20, method="inclusive")[-1],
    }


def _demo(folder: Path, entries: int) -> None:
    argv = [sys.executable, "-m", "recovery_tui", "demo", "--dir", str(folder)]
    subprocess.run([*argv, "--entries", str(entries), "--seed", "1"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _first_screen(journal: Any, db: Path) -> float:
    """Index opened and brought up to date, then the newest rows read (what home shows)."""
    from recovery_tui.core.index.store import Index

    start = time.perf_counter()
    with Index.open(db, journal) as index:
        index.refresh()
        rows = index.rows(limit=FIRST_ROWS)
    if not rows:
        raise RuntimeError("no rows")
    return _ms(start)


def _home(journal: Any) -> float:
    """What home reads at start: the latest reflections, straight from their files."""
    start = time.perf_counter()
    journal.recent(8)  # home.RECENT_COUNT
    return _ms(start)


def _searches(journal: Any, db: Path) -> list[float]:
    from recovery_tui.core.index.store import Index

    times = []
    with Index.open(db, journal) as index:
        index.refresh()
        for query in SEARCHES:
            index.search(query)
        for query in SEARCHES:
            start = time.perf_counter()
            index.search(query)
            times.append(_ms(start))
    return times


def _entry(number: int) -> Any:
    from datetime import datetime
    from uuid import uuid4

    from recovery_tui.core.models import build_entry

    now = datetime.now().astimezone()
    form = {"about": {"company": f"Bench company {number}"}, "learn": {"fit_notes": "x" * 400}}
    return build_entry(form, id=uuid4().hex, created=now, updated=now)


def measure_size(folder: Path, entries: int, *, quick: bool) -> dict[str, Any]:
    from recovery_tui.core import fsutil
    from recovery_tui.core.crypto import files, keys
    from recovery_tui.core.crypto.memory import memory_folder
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import JournalPaths

    plain_root, sealed_root = folder / f"plain-{entries}", folder / f"sealed-{entries}"
    _demo(plain_root, entries)
    shutil.copytree(plain_root, sealed_root)
    start = time.perf_counter()
    key = keys.create(sealed_root, PASSPHRASE)
    fsutil.set_codec(sealed_root, key)
    files.convert(sealed_root, key, to_age=True)
    encrypt_ms = _ms(start)
    fsutil.set_codec(sealed_root, None)
    plain, sealed = Journal(JournalPaths(plain_root)), Journal(JournalPaths(sealed_root))
    cache = folder / f"cache-{entries}"
    cache.mkdir()
    opens = QUICK_OPENS if quick else OPENS
    unlock, sealed_open, plain_cold, plain_warm = [], [], [], []
    homes: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for run in range(opens):
        start = time.perf_counter()
        fsutil.set_codec(sealed_root, keys.unlock(sealed_root, PASSPHRASE))
        unlock.append(_ms(start))
        homes["encrypted"].append(_home(sealed))
        homes["plain"].append(_home(plain))
        sealed_open.append(_first_screen(sealed, memory_folder() / f"index-{entries}-{run}"))
        plain_cold.append(_first_screen(plain, cache / f"cold-{run}.sqlite3"))
        plain_warm.append(_first_screen(plain, cache / "warm.sqlite3"))
    plain_warm = plain_warm[1:] or plain_warm  # the first one built it
    saves: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for number in range(QUICK_SAVES if quick else SAVES):
        for name, journal in (("plain", plain), ("encrypted", sealed)):
            start = time.perf_counter()
            journal.save(_entry(number))
            saves[name].append(_ms(start))
    search = {
        "plain": _searches(plain, cache / "warm.sqlite3"),
        "encrypted": _searches(sealed, memory_folder() / f"index-{entries}-0"),
    }
    fsutil.set_codec(sealed_root, None)
    return {
        "entries": entries,
        "encrypt_all_ms": encrypt_ms,
        "unlock_ms": _p(unlock),
        "home_ms": {name: _p(values) for name, values in homes.items()},
        "first_screen_ms": {
            "encrypted (index in memory, built at start)": _p(sealed_open),
            "plain, index warm in the cache": _p(plain_warm),
            "plain, index built from nothing": _p(plain_cold),
        },
        "save_ms": {name: _p(values) for name, values in saves.items()},
        "search_ms": {name: _p(values) for name, values in search.items()},
    }


def measure(folder: Path, *, quick: bool) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "sizes": [measure_size(folder, n, quick=quick) for n in (QUICK_SIZES if quick else SIZES)]
    }


def lines(report: dict[str, Any]) -> list[str]:
    out = [
        "Encrypted journal (age) against the same journal plain; p50 / p95 ms "
        "(history: index up to date and the newest 100 rows read)"
    ]
    for row in report["crypto"]["sizes"]:
        out.append(f"{row['entries']:,} reflections: encrypting them all took "
                   f"{row['encrypt_all_ms'] / 1000:.1f} s")  # fmt: skip
        out.append(f"  {'unlock (scrypt, once per start)':<58}"
                   f"{row['unlock_ms']['p50']:>9.0f}{row['unlock_ms']['p95']:>9.0f}")  # fmt: skip
        for name, figures in row["home_ms"].items():
            out.append(f"  {'home (latest reflections), ' + name:<58}"
                       f"{figures['p50']:>9.1f}{figures['p95']:>9.1f}")  # fmt: skip
        for label, figures in row["first_screen_ms"].items():
            out.append(f"  {'history, ' + label:<58}"
                       f"{figures['p50']:>9.0f}{figures['p95']:>9.0f}")  # fmt: skip
        for kind in ("save_ms", "search_ms"):
            for name, figures in row[kind].items():
                label = f"{kind.removesuffix('_ms')}, {name}"
                out.append(f"  {label:<58}{figures['p50']:>9.1f}{figures['p95']:>9.1f}")
    return out


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="recovery-tui-crypto-bench-") as temp:
        found = measure(Path(temp), quick=quick)
    print("\n".join(lines({"crypto": found})))
    print(f"\nTook {time.perf_counter() - began:.0f} s.")
