"""Sync rows for `benchmarks/run.py`: a save with its commit against one without, and one
new reflection synced between two journals of 1,000 and 10,000 reflections (the real git,
a bare repository in the run's temp folder)."""

from __future__ import annotations

import statistics
import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import Any

SAVES, QUICK_SAVES = 100, 20
SIZES, QUICK_SIZES = (1_000, 10_000), (200,)
SYNC_ROUNDS, QUICK_SYNC_ROUNDS = 3, 2
#: What a save may take, commit included (the commit is made off the typing path).
SAVE_P95_LIMIT_MS = 30.0


def _percentiles(values: list[float]) -> dict[str, Any]:
    p95 = statistics.quantiles(values, n=20, method="inclusive")[-1]
    return {"p50": statistics.median(values), "p95": p95, "samples": values}


def _entry(number: int) -> Any:
    from uuid import uuid4

    from recovery_tui.core.models import build_entry

    now = datetime.now().astimezone()
    form = {"about": {"company": f"Bench company {number}"}, "learn": {"fit_notes": "x" * 400}}
    return build_entry(form, id=uuid4().hex, created=now, updated=now)


def measure_save_commits(folder: Path, count: int) -> dict[str, Any]:
    """Journal.save (durable) with sync on (the hook hands the change to the committer) and
    off, alternately; and how long until each change is committed."""
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import JournalPaths
    from recovery_tui.core.sync import hook, repo
    from recovery_tui.core.sync.committer import Committer

    synced = Journal(JournalPaths(folder / "save-synced"))
    plain = Journal(JournalPaths(folder / "save-plain"))
    synced.ensure()
    plain.ensure()
    repo.init(synced.paths.root)
    committer = Committer(synced.paths.root)
    committer.start()
    hook.register(synced.paths.root, committer)
    with_commit: list[float] = []
    without: list[float] = []
    committed: list[float] = []
    try:
        for number in range(count + 1):
            start = time.perf_counter()
            synced.save(_entry(number))
            saved = time.perf_counter()
            if not committer.flush(wait=30):
                raise RuntimeError(f"a commit failed: {committer.problem}")
            done = time.perf_counter()
            start_plain = time.perf_counter()
            plain.save(_entry(number))
            plain_ms = (time.perf_counter() - start_plain) * 1000
            if number:  # round 0 is the warm-up
                with_commit.append((saved - start) * 1000)
                committed.append((done - start) * 1000)
                without.append(plain_ms)
    finally:
        hook.unregister(synced.paths.root, committer)
        committer.stop()
    return {
        "count": count,
        "save_with_sync_ms": _percentiles(with_commit),
        "save_without_sync_ms": _percentiles(without),
        "until_committed_ms": _percentiles(committed),
        "p95_limit_ms": SAVE_P95_LIMIT_MS,
    }


def measure_sync_one(folder: Path, size: int, rounds: int) -> dict[str, Any]:
    """Two journals of `size` reflections in sync; each round one machine saves one new
    reflection and syncs (commit, fetch, push), then the other syncs (fetch, bring it in)."""
    from recovery_tui.core.demo import write_demo
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import JournalPaths
    from recovery_tui.core.sync import engine, repo

    remote = folder / f"remote-{size}.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    a = Journal(JournalPaths(folder / f"sync-{size}-a"))
    b = Journal(JournalPaths(folder / f"sync-{size}-b"))
    a.ensure()
    write_demo(a, size, seed=0, now=datetime.now().astimezone())
    started = time.perf_counter()
    repo.init(a.paths.root, str(remote))
    engine.sync(a.paths.root)
    first_push = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    repo.init(b.paths.root, str(remote))
    engine.sync(b.paths.root)
    first_pull = (time.perf_counter() - started) * 1000
    sent: list[float] = []
    came: list[float] = []
    for number in range(rounds):
        path = a.save(_entry(number))
        start = time.perf_counter()
        engine.sync(a.paths.root)
        middle = time.perf_counter()
        result = engine.sync(b.paths.root)
        end = time.perf_counter()
        if result.changed != [f"entries/{path.name}"]:
            raise RuntimeError(f"the other journal got {result.changed}")
        sent.append((middle - start) * 1000)
        came.append((end - middle) * 1000)
    return {
        "entries": size,
        "rounds": rounds,
        "first_sync_up_ms": first_push,
        "first_sync_down_ms": first_pull,
        "send_one_ms": {"median": statistics.median(sent), "samples": sent},
        "bring_in_one_ms": {"median": statistics.median(came), "samples": came},
    }


def measure(folder: Path, *, quick: bool) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    saves = measure_save_commits(folder, QUICK_SAVES if quick else SAVES)
    rounds = QUICK_SYNC_ROUNDS if quick else SYNC_ROUNDS
    rows = [measure_sync_one(folder, size, rounds) for size in (QUICK_SIZES if quick else SIZES)]
    return {"save": saves, "sync_one": rows}


def lines(report: dict[str, Any]) -> list[str]:
    sync = report["sync"]
    save = sync["save"]
    out = [
        f"Sync: {save['count']} saves, Journal.save with sync on (the commit is made off the "
        "typing path, in the committer's thread) and off; ms",
        f"{'':<40}{'p50':>10}{'p95':>10}",
    ]
    for label, key in (
        ("save, sync on", "save_with_sync_ms"),
        ("save, sync off", "save_without_sync_ms"),
        ("save until committed (background)", "until_committed_ms"),
    ):
        out.append(f"{label:<40}{save[key]['p50']:>10.1f}{save[key]['p95']:>10.1f}")
    verdict = "under" if save["save_with_sync_ms"]["p95"] < save["p95_limit_ms"] else "OVER"
    out.append(f"save p95 with sync on is {verdict} the {save['p95_limit_ms']:.0f} ms limit")
    out.append("")
    out.append(
        "Sync of one new reflection between two journals (bare repository on this disk); median ms"
    )
    out.append(
        f"{'entries':<10}{'send one':>12}{'bring in one':>14}{'first up':>12}{'first down':>12}"
    )
    for row in sync["sync_one"]:
        out.append(
            f"{row['entries']:<10,}{row['send_one_ms']['median']:>12.0f}"
            f"{row['bring_in_one_ms']['median']:>14.0f}{row['first_sync_up_ms']:>12.0f}"
            f"{row['first_sync_down_ms']:>12.0f}"
        )
    return out
