"""Startup, save, history/search, Practice/Progress and memory figures for recovery-tui,
in one run.

    uv run python benchmarks/run.py [--entries 10000] [--quick] [--json PATH]

Everything is measured side by side in the same run, so the figures to read are the ratios
and medians, never one absolute number: these machines are shared and noisy. The journals
are made with the real `recovery-tui demo` command in a temp folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from subprocess import PIPE
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIRST_FRAME = HERE / "first_frame.py"

RUNS, QUICK_RUNS = 7, 3
SAVES, QUICK_SAVES = 200, 30
MID_ENTRIES = 1_000  # row (c)
ENTRIES, QUICK_ENTRIES = 10_000, 2_000  # row (d)
PARSE_REPEATS = 3
CHILD_TIMEOUT = 60.0
SAVE_TIMEOUT = 10.0
NOT_BUILT = "not built yet"
MEASURED = "measured"
FIRST_ROWS = 100
ROW_REPEATS = 20
SMALL_ENTRIES = 100  # the smallest journal Practice and Progress are opened in
INSIGHT_ROUNDS, QUICK_INSIGHT_ROUNDS = 5, 2
OPEN_REPEATS, QUICK_OPEN_REPEATS = 3, 2  # per round, of the ways that read the index
#: What is opened: Practice (`b`), Progress (`p`), and a prep packet (`w` on Progress).
SCREENS = ("practice", "progress", "prep")
#: How each is measured: on screen (from the key to the numbers shown, in-process with
#: Pilot), the same answer from the index, and from a full read of every file.
WAYS = ("screen", "index", "files")
#: Searches timed on a warm index (20, from the demo journal's words; the last ones are
#: prefixes, as when typing).
SEARCHES = (
    "engineer", "final round", "system design", "feedback", "northwind", "priya",
    "recruiter", "mock interview", "café", "linkedin", "python", "budget freeze", "referral",
    "internal candidate", "portfolio", "salary", "thank you note", "kube", "sys", "rec",
)  # fmt: skip

FIRST, READY = "first-frame", "home-ready"


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    entries: int | None  # None: the bare Textual app

    def argv(self, journal: Path | None, config: Path, until: str) -> list[str]:
        if journal is None:
            return [sys.executable, str(FIRST_FRAME), "bare"]
        where = ["--dir", str(journal), "--config", str(config)]
        return [sys.executable, str(FIRST_FRAME), "recovery", *where, "--until", until]


@dataclass(frozen=True)
class Sample:
    ms: float
    rss_mib: float


# --- the machine ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def filesystem_of(path: Path) -> str:
    """The filesystem type a folder lives on (from /proc/mounts), e.g. ext4 or tmpfs."""
    best, kind = "", "unknown"
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return kind
    target = str(path.resolve())
    for line in mounts:
        fields = line.split()
        point = fields[1]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except OSError:
        return "unknown"
    return f"{commit} (with uncommitted changes)" if commit and dirty else commit or "unknown"


def machine(temp: Path) -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 0,
        "python": platform.python_version(),
        "textual": version("textual"),
        "platform": platform.platform(),
        "temp_filesystem": filesystem_of(temp),
        "commit": git_commit(),
    }


# --- journals ------------------------------------------------------------------------------


def empty_journal(folder: Path) -> Path:
    (folder / "entries").mkdir(parents=True, mode=0o700)
    return folder


def make_journals(sizes: dict[str, int], folder: Path) -> dict[str, Path]:
    """One journal folder per size, filled by `recovery-tui demo` (run side by side)."""
    journals: dict[str, Path] = {}
    running: list[tuple[list[str], subprocess.Popen[bytes]]] = []
    for key, entries in sizes.items():
        journal = journals[key] = folder / f"journal-{key}"
        if entries == 0:
            empty_journal(journal)
            continue
        argv = [sys.executable, "-m", "recovery_tui", "demo", "--dir", str(journal)]
        argv += ["--entries", str(entries), "--seed", "1"]
        running.append((argv, subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=PIPE)))
    for argv, child in running:
        _, errors = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(f"{shlex.join(argv)} failed:\n{errors.decode(errors='replace')}")
    return journals


# --- startup and memory: whole processes ---------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment for every child: no TEXTUAL_* settings, so all rows run alike."""
    return {name: value for name, value in os.environ.items() if not name.startswith("TEXTUAL")}


def run_child(argv: list[str], env: dict[str, str]) -> Sample:
    """Spawn-to-exit time and peak RSS (ru_maxrss, via wait4) of one process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{shlex.join(argv)} exited with {child.returncode}:\n{message}")
    return Sample(elapsed * 1000, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def measure_startup(
    variants: list[Variant], journals: dict[str, Path], config: Path, runs: int
) -> dict[tuple[str, str], list[Sample]]:
    """Every (variant, mode) once per round, the order rotated each round, so that noise
    hits all rows alike. Two untimed warm-up runs first (byte-code compiling, disk cache)."""
    env = child_env()
    jobs = [
        (variant, mode)
        for variant in variants
        for mode in (FIRST, READY)
        if variant.entries is not None or mode == FIRST
    ]
    for variant, mode in (jobs[0], jobs[-1]):
        run_child(variant.argv(journals.get(variant.key), config, mode), env)
    samples: dict[tuple[str, str], list[Sample]] = {(v.key, mode): [] for v, mode in jobs}
    for round_number in range(runs):
        shift = round_number % len(jobs)
        for variant, mode in jobs[shift:] + jobs[:shift]:
            argv = variant.argv(journals.get(variant.key), config, mode)
            samples[(variant.key, mode)].append(run_child(argv, env))
    return samples


# --- save: in-process, driven with Pilot ---------------------------------------------------


async def measure_saves(folder: Path, count: int) -> tuple[list[float], list[float]]:
    """(ctrl+s to durable file and home showing, Journal.save alone), in ms, `count` each.

    Each round opens a new reflection with `n`, fills the company, and times ctrl+s until
    the session has saved its file (Journal.save returns only once the file and its folder
    are fsynced) and home is the current screen again. One bare Journal.save of a similar
    entry, into a second journal, is timed in the same round. The first round is a warm-up.
    """
    from uuid import uuid4

    from textual.widgets import Input

    from recovery_tui.app import create_app
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import build_entry
    from recovery_tui.core.paths import AppPaths, JournalPaths
    from recovery_tui.screens.home import HomeScreen
    from recovery_tui.screens.session import SessionScreen
    from tests.steps import workers_done  # the tests' own wait, not a copy

    journal = empty_journal(folder / "save-journal")
    app = create_app(AppPaths(JournalPaths(journal), folder / "save-config"))
    bare = Journal(JournalPaths(empty_journal(folder / "bare-save-journal")))
    by_key: list[float] = []
    by_journal: list[float] = []

    async def press_save(home: HomeScreen, session: SessionScreen) -> float:
        back_home = asyncio.Event()
        finished = 0.0

        def changed(screen: object) -> None:
            nonlocal finished
            if screen is home and not back_home.is_set():
                finished = time.perf_counter()
                back_home.set()

        app.screen_change_signal.subscribe(home, changed, immediate=True)
        start = time.perf_counter()
        app.simulate_key("ctrl+s")  # the same Key event Pilot.press would send
        await asyncio.wait_for(back_home.wait(), timeout=SAVE_TIMEOUT)
        app.screen_change_signal.unsubscribe(home)
        saved = session.saved_path
        if saved is None or not saved.is_file():
            raise RuntimeError(f"ctrl+s went home without saving (file: {saved})")
        return (finished - start) * 1000

    def journal_save(number: int) -> float:
        now = datetime.now().astimezone()
        form = {"about": {"company": f"Bench company {number}"}}
        entry = build_entry(form, id=uuid4().hex, created=now, updated=now)
        start = time.perf_counter()
        bare.save(entry)
        return (time.perf_counter() - start) * 1000

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await workers_done(app)
        home = app.screen
        assert isinstance(home, HomeScreen)
        for number in range(count + 1):
            await pilot.press("n")
            await pilot.pause()
            session = app.screen
            assert isinstance(session, SessionScreen)
            company = session.query_one("#field-about-company Input", Input)
            company.value = f"Bench company {number}"
            key_ms = await press_save(home, session)
            await workers_done(app)  # home's refresh, before the next round
            await pilot.pause()
            bare_ms = journal_save(number)
            if number:  # round 0 is the warm-up
                by_key.append(key_ms)
                by_journal.append(bare_ms)
    return by_key, by_journal


# --- history and search baseline -----------------------------------------------------------


def parse_every_file(journal: Path) -> float:
    """List the entries folder and tomllib-parse every entry file, in ms."""
    start = time.perf_counter()
    with os.scandir(journal / "entries") as listing:
        paths = [entry.path for entry in listing if entry.name.endswith(".toml")]
    for path in paths:
        with open(path, "rb") as handle:
            tomllib.load(handle)
    return (time.perf_counter() - start) * 1000


def build_index(journal: Path, db: Path) -> float:
    """Open a new history index and refresh it from every file, in ms."""
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import JournalPaths

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    index = Index.open(db, Journal(JournalPaths(journal)))
    stats = index.refresh()
    elapsed = (time.perf_counter() - start) * 1000
    index.close()
    if stats.added == 0 or stats.failed:
        raise RuntimeError(f"the index build went wrong: {stats}")
    return elapsed


def measure_parses(
    journals: dict[int, Path], folder: Path
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """(plain tomllib parses, first index builds) per size, interleaved, in ms."""
    parses: dict[int, list[float]] = {size: [] for size in journals}
    builds: dict[int, list[float]] = {size: [] for size in journals}
    for _ in range(PARSE_REPEATS):
        for size, journal in journals.items():
            parses[size].append(parse_every_file(journal))
            builds[size].append(build_index(journal, folder / f"index-{size}.sqlite3"))
    return parses, builds


def measure_queries(journals: dict[int, Path], folder: Path) -> dict[int, dict[str, list[float]]]:
    """Per size, in ms: each search once on a warm index; the first rows (newest first) from
    a warm index, opened anew each time; and the first rows from file names alone."""
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.journal import Journal, summary_from_name
    from recovery_tui.core.paths import JournalPaths

    found: dict[int, dict[str, list[float]]] = {}
    for size, journal_folder in journals.items():
        journal = Journal(JournalPaths(journal_folder))
        db = folder / f"index-{size}.sqlite3"
        index = Index.open(db, journal)
        index.refresh()  # warm: nothing changed since the last build
        for query in SEARCHES:  # one warm-up pass
            index.search(query)
        searches = []
        for query in SEARCHES:
            start = time.perf_counter()
            index.search(query)
            searches.append((time.perf_counter() - start) * 1000)
        index.close()
        warm, cold = [], []
        for _ in range(ROW_REPEATS):
            start = time.perf_counter()
            opened = Index.open(db, journal)
            rows = opened.rows(limit=FIRST_ROWS)
            warm.append((time.perf_counter() - start) * 1000)
            opened.close()
            start = time.perf_counter()
            names = [summary_from_name(path) for path in journal.entry_files()[:FIRST_ROWS]]
            cold.append((time.perf_counter() - start) * 1000)
            if len(rows) != FIRST_ROWS or len(names) != FIRST_ROWS:
                raise RuntimeError("fewer first rows than expected")
        found[size] = {"search": searches, "rows_warm": warm, "rows_cold": cold}
    return found


# --- Practice, Progress and the prep packet --------------------------------------------------


def insight_from_index(journal: Any, db: Path, screen: str) -> float:
    """What the screen shows first, from the index's sums (opened anew), in ms."""
    from recovery_tui.core.export import write_export
    from recovery_tui.core.index.store import Index
    from recovery_tui.core.insights.prep_packet import write_prep
    from recovery_tui.core.practice import load_practice

    today = datetime.now().astimezone().date()
    start = time.perf_counter()
    with Index.open(db, journal) as index:
        if screen == "practice":
            found: Any = (index.practice_bank(), index.skill_plan())
            load_practice(journal.paths.root)
        elif screen == "progress":
            found = (index.progress(today), index.prep_parts(today))
        else:
            text = write_prep(index.prep_parts(today), today, load_practice(journal.paths.root))
            found = write_export(journal.paths.exports, "bench-prep", ".md", text)
    elapsed = (time.perf_counter() - start) * 1000
    if screen == "prep":
        found.unlink()
    return elapsed


def insight_from_files(journal: Any, screen: str) -> float:
    """The same answer from reading and validating every file, as the screens did, in ms."""
    from recovery_tui.core.export import write_export
    from recovery_tui.core.insights.practice_bank import practice_bank, skill_plan
    from recovery_tui.core.insights.prep_packet import prep_packet, prep_parts
    from recovery_tui.core.insights.progress import progress
    from recovery_tui.core.practice import load_practice

    today = datetime.now().astimezone().date()
    start = time.perf_counter()
    pairs, _ = journal.read_all()
    if screen == "practice":
        practice_bank(pairs), skill_plan(pairs)
        load_practice(journal.paths.root)
    elif screen == "progress":
        progress(pairs, today), prep_parts(pairs, today)
    else:
        text = prep_packet(pairs, today, load_practice(journal.paths.root))
        written = write_export(journal.paths.exports, "bench-prep", ".md", text)
    elapsed = (time.perf_counter() - start) * 1000
    if screen == "prep":
        written.unlink()
    return elapsed


async def insight_on_screen(app: Any, pilot: Any, screen: str) -> float:
    """From the key to the numbers shown (`w`: to the packet written), in ms; then back
    home once the screen's refresh of the index has finished."""
    from recovery_tui.screens.home import HomeScreen
    from recovery_tui.screens.practice import PracticeScreen
    from recovery_tui.screens.progress import ProgressScreen
    from tests.steps import workers_done

    exports = app.paths.journal.exports

    def progress_shown() -> bool:
        return isinstance(app.screen, ProgressScreen) and app.screen.report is not None

    def shown() -> bool:
        if screen == "practice":
            return isinstance(app.screen, PracticeScreen) and bool(app.screen.questions)
        if screen == "progress":
            return progress_shown()
        return any(exports.glob("prep-packet-*.md"))

    if screen == "prep":  # the packet is written from Progress
        app.simulate_key("p")
        await wait_until(progress_shown)
        await workers_done(app)
    start = time.perf_counter()
    app.simulate_key({"practice": "b", "progress": "p", "prep": "w"}[screen])  # as Pilot would
    await wait_until(shown)
    elapsed = (time.perf_counter() - start) * 1000
    await workers_done(app)
    for packet in exports.glob("prep-packet-*.md"):
        packet.unlink()
    app.simulate_key("escape")
    await wait_until(lambda: isinstance(app.screen, HomeScreen))
    await workers_done(app)
    return elapsed


async def wait_until(done: Any) -> None:
    deadline = time.perf_counter() + SAVE_TIMEOUT
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError("the screen didn't show its numbers in time")
        await asyncio.sleep(0.0005)


async def measure_insights(
    journals: dict[int, Path], folder: Path, rounds: int, repeats: int
) -> dict[int, dict[str, dict[str, list[float]]]]:
    """Per size, per screen, per way (see `WAYS`), in ms: every size and way once per round,
    interleaved. Each journal's index is built first, as home leaves it; the problem scan is
    kept out of the way."""
    from contextlib import AsyncExitStack

    from recovery_tui.app import create_app
    from recovery_tui.core.index.place import refreshed_index
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.paths import AppPaths, JournalPaths
    from tests.steps import cursor_blink_off, workers_done

    found = {size: {s: {w: [] for w in WAYS} for s in SCREENS} for size in journals}
    async with AsyncExitStack() as stack:
        stack.enter_context(cursor_blink_off())  # as the tests run the app
        running = {}
        for size, journal_folder in journals.items():
            paths = AppPaths(
                JournalPaths(journal_folder), folder / f"config-{size}", folder / f"cache-{size}"
            )
            journal = Journal(paths.journal)
            with refreshed_index(paths.index_file, journal):
                pass  # built as home leaves it
            app = create_app(paths, scan_delay=3600, remember_theme=False)
            pilot = await stack.enter_async_context(app.run_test(size=(80, 24)))
            await pilot.pause()
            await workers_done(app)
            running[size] = (app, pilot, journal, paths.index_file)
        for _ in range(rounds):
            for screen in SCREENS:
                for size, (app, pilot, journal, db) in running.items():
                    times = found[size][screen]
                    for _ in range(repeats):  # a few ms each: more samples, less noise
                        times["screen"].append(await insight_on_screen(app, pilot, screen))
                        times["index"].append(insight_from_index(journal, db, screen))
                    times["files"].append(insight_from_files(journal, screen))
    return found


# --- figures -------------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, Any]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "samples": values,
    }


def percentiles(values: list[float]) -> dict[str, Any]:
    p95 = statistics.quantiles(values, n=20, method="inclusive")[-1]
    return {"p50": statistics.median(values), "p95": p95, "samples": values}


def ratios(figures: dict[str, float | None], pairs: list[str]) -> dict[str, float]:
    result = {}
    for pair in pairs:
        top, bottom = (figures[key] for key in pair.split("/"))
        if top is not None and bottom:
            result[pair] = top / bottom
    return result


def insight_report(found: dict[int, dict[str, dict[str, list[float]]]]) -> dict[str, Any]:
    """Medians per size, screen and way, with the ratios to read: each way at the largest
    size over the smallest (flat is 1.0), and a full read over the index at each size."""
    sizes = sorted(found)
    small, large = sizes[0], sizes[-1]
    rounds = len(found[small][SCREENS[0]]["files"])
    samples = len(found[small][SCREENS[0]]["index"])
    report: dict[str, Any] = {"sizes": sizes, "rounds": rounds, "samples": samples, "screens": {}}
    for screen in SCREENS:
        rows = {
            way: {str(size): spread(found[size][screen][way]) for size in sizes} for way in WAYS
        }

        def median(way: str, size: int, rows: dict[str, Any] = rows) -> float:
            return rows[way][str(size)]["median"]

        report["screens"][screen] = {
            "rows": rows,
            "largest_over_smallest": {way: median(way, large) / median(way, small) for way in WAYS},
            "files_over_index": {
                str(size): median("files", size) / median("index", size) for size in sizes
            },
        }
    return report


def build_report(
    variants: list[Variant],
    startup: dict[tuple[str, str], list[Sample]],
    saves: tuple[list[float], list[float]],
    parses: dict[int, list[float]],
    runs: int,
    builds: dict[int, list[float]] | None = None,
    queries: dict[int, dict[str, list[float]]] | None = None,
    insights: dict[int, dict[str, dict[str, list[float]]]] | None = None,
) -> dict[str, Any]:
    report = _build_report(variants, startup, saves, parses, runs)
    if insights is not None:
        report["insights"] = insight_report(insights)
    if builds is None or queries is None:
        return report
    for size, row in report["history_search"].items():
        found = queries[int(size)]
        build = spread(builds[int(size)])
        parse = row["tomllib_parse_all_ms"]["median"]
        row.update(
            status=MEASURED,
            index_build_ms=build["median"],
            index_build=build,
            build_vs_parse=build["median"] / parse if parse else None,
            search_ms=statistics.median(found["search"]),
            search=percentiles(found["search"]),
            first_rows_ms=statistics.median(found["rows_warm"]),
            first_rows=spread(found["rows_warm"]),
            first_rows_cold_ms=statistics.median(found["rows_cold"]),
            first_rows_cold=spread(found["rows_cold"]),
        )
    return report


def _build_report(
    variants: list[Variant],
    startup: dict[tuple[str, str], list[Sample]],
    saves: tuple[list[float], list[float]],
    parses: dict[int, list[float]],
    runs: int,
) -> dict[str, Any]:
    def times(key: str, mode: str) -> dict[str, Any] | None:
        found = startup.get((key, mode))
        return spread([s.ms for s in found]) if found else None

    def rss(key: str, mode: str) -> float | None:
        found = startup.get((key, mode))
        return statistics.median(s.rss_mib for s in found) if found else None

    rows = {
        v.key: {
            "label": v.label,
            "entries": v.entries,
            "first_frame_ms": times(v.key, FIRST),
            "home_ready_ms": times(v.key, READY),
        }
        for v in variants
    }

    def medians(field: str) -> dict[str, float | None]:
        return {k: row[field]["median"] if row[field] else None for k, row in rows.items()}

    rss_first = {v.key: rss(v.key, FIRST) for v in variants}
    rss_ready = {v.key: rss(v.key, READY) for v in variants}
    by_key, by_journal = saves
    return {
        "startup": {
            "runs": runs,
            "rows": rows,
            "ratios": {
                "first_frame": ratios(medians("first_frame_ms"), ["b/a", "c/b", "d/b"]),
                "home_ready": ratios(medians("home_ready_ms"), ["c/b", "d/b"]),
            },
        },
        "memory": {
            "peak_rss_mib": {"first_frame": rss_first, "home_ready": rss_ready},
            "ratios": {
                "first_frame": ratios(rss_first, ["b/a", "c/b", "d/b"]),
                "home_ready": ratios(rss_ready, ["c/b", "d/b"]),
            },
        },
        "save": {
            "count": len(by_key),
            "key_to_durable_ms": percentiles(by_key),
            "journal_save_ms": percentiles(by_journal),
        },
        "history_search": {
            str(size): {
                "first_rows_ms": None,
                "search_ms": None,
                "index_build_ms": None,
                "status": NOT_BUILT,
                "tomllib_parse_all_ms": spread(parses[size]),
            }
            for size in parses
        },
    }


# --- printing ------------------------------------------------------------------------------


def ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def with_spread(figure: dict[str, Any] | None) -> str:
    if figure is None:
        return "—"
    low, high = figure["min"], figure["max"]
    places = 1 if high < 10 else 0
    return f"{ms(figure['median'])} ({low:,.{places}f}–{high:,.{places}f})"


def mib(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} MiB"


def ratio_text(found: dict[str, float]) -> str:
    return "  ".join(f"{pair} {value:.2f}" for pair, value in found.items())


def line(label: str, cells: list[str], width: int) -> str:
    return f"  {label:<36}" + "".join(cell.ljust(width) for cell in cells).rstrip()


def header_lines(report: dict[str, Any]) -> list[str]:
    m = report["machine"]
    lines = [
        "recovery-tui benchmarks",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['platform']}, Python {m['python']}, "
        f"Textual {m['textual']}; temp folder on {m['temp_filesystem']}; commit {m['commit']}",
        f"Reproduce: {report['command']}",
    ]
    if report["quick"]:
        lines.append(
            f"--quick: row (d) has {report['entries']['d']:,} entries (full run: {ENTRIES:,}), "
            f"{QUICK_RUNS} runs per row (full: {RUNS}), {QUICK_SAVES} saves (full: {SAVES})."
        )
    return lines


def startup_lines(report: dict[str, Any]) -> list[str]:
    startup, memory = report["startup"], report["memory"]
    rows, peaks = startup["rows"], memory["peak_rss_mib"]
    names = {key: f"({key}) {row['label']}" for key, row in rows.items()}
    lines = [
        f"Startup: spawn to exit of a fresh process, headless 80x24; median of "
        f"{startup['runs']} interleaved runs (min–max ms)",
        line("", ["first frame of home", "home ready (entries shown)"], 32),
    ]
    for key, row in rows.items():
        cells = [with_spread(row["first_frame_ms"]), with_spread(row["home_ready_ms"])]
        lines.append(line(names[key], cells, 32))
    found = startup["ratios"]
    lines.append(
        line("ratios", [ratio_text(found["first_frame"]), ratio_text(found["home_ready"])], 32)
    )
    lines += [
        "",
        "Memory: peak RSS of each process (ru_maxrss via wait4); median of the same runs",
        line("", ["runs to first frame", "runs to home ready"], 32),
    ]
    for key in rows:
        cells = [mib(peaks["first_frame"][key]), mib(peaks["home_ready"][key])]
        lines.append(line(names[key], cells, 32))
    found = memory["ratios"]
    lines.append(
        line("ratios", [ratio_text(found["first_frame"]), ratio_text(found["home_ready"])], 32)
    )
    return lines


def save_lines(report: dict[str, Any]) -> list[str]:
    save = report["save"]
    lines = [
        f"Save: {save['count']} saves into a new journal, driven in-process with Pilot; "
        "durable = file and folder fsynced",
        line("", ["p50", "p95"], 14),
    ]
    for label, field in (
        ("ctrl+s to file durable, home shown", "key_to_durable_ms"),
        ("Journal.save alone (durable)", "journal_save_ms"),
    ):
        lines.append(line(label, [ms(save[field]["p50"]), ms(save[field]["p95"])], 14))
    return lines


def history_lines(report: dict[str, Any]) -> list[str]:
    history = report["history_search"]
    lines = ["History and search", line("", [f"{int(n):,} entries" for n in history], 18)]
    for label, field in (
        (f"first {FIRST_ROWS} rows, warm index", "first_rows_ms"),
        (f"first {FIRST_ROWS} rows, file names only", "first_rows_cold_ms"),
        ("search answered (warm index)", "search_ms"),
        ("first index build", "index_build_ms"),
    ):
        cells = [
            NOT_BUILT if row.get(field) is None else ms(row[field]) for row in history.values()
        ]
        lines.append(line(label, cells, 18))
    cells = [ms(row["tomllib_parse_all_ms"]["median"]) for row in history.values()]
    lines.append(line("plain tomllib parse of every file", cells, 18))
    cells = [
        "—" if row.get("build_vs_parse") is None else f"{row['build_vs_parse']:.2f}x"
        for row in history.values()
    ]
    lines.append(line("index build / plain parse", cells, 18))
    lines.append(
        f"  (parse: list the folder, tomllib.load each cached file; build: open a new index and "
        f"refresh it; median of {PARSE_REPEATS}, interleaved. Search: median of "
        f"{len(SEARCHES)} queries, each once. Rows: median of {ROW_REPEATS}; warm = open "
        "the built index and read the newest rows; file names only = list entries/ and read "
        "date and company from the names.)"
    )
    return lines


_SCREEN_LABELS = {"practice": "open Practice", "progress": "open Progress", "prep": "prep packet"}
_WAY_LABELS = {
    "screen": "{}, key to shown",
    "index": "  its numbers from the index",
    "files": "  the same from a full read",
}


def insight_lines(report: dict[str, Any]) -> list[str]:
    found = report.get("insights")
    if not found:
        return []
    sizes = found["sizes"]
    large, small = f"{sizes[-1]:,}", f"{sizes[0]:,}"
    lines = [
        "Practice, Progress and the prep packet (median ms, min–max)",
        line("", [f"{size:,} entries" for size in sizes] + [f"{large} / {small}"], 18),
    ]
    for screen, figures in found["screens"].items():
        for way in WAYS:
            cells = [with_spread(figures["rows"][way][str(size)]) for size in sizes]
            cells.append(f"{figures['largest_over_smallest'][way]:.2f}x")
            lines.append(line(_WAY_LABELS[way].format(_SCREEN_LABELS[screen]), cells, 18))
        ratios = [f"{figures['files_over_index'][str(size)]:.0f}x" for size in sizes]
        lines.append(line("  full read / index", ratios, 18))
    lines.append(
        "  (key to shown: in-process, 80x24, from the key (b, p; w on Progress) until the "
        "numbers are on screen (w: the packet written), the index as home leaves it; from the "
        "index: open it and read what the screen shows first; full read: read and validate "
        f"every file, as the screens did before. {found['rounds']} interleaved rounds; the "
        f"medians are of {found['samples']} samples for the index, "
        f"{found['rounds']} for a full read.)"
    )
    return lines


def print_report(report: dict[str, Any]) -> None:
    import crypto_rows
    import sync_rows

    sections = [
        header_lines,
        startup_lines,
        save_lines,
        history_lines,
        insight_lines,
        sync_rows.lines,
        crypto_rows.lines,
    ]
    print("\n\n".join("\n".join(section(report)) for section in sections))
    print(f"\nTook {report['elapsed_s']:.0f} s.")


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--entries",
        type=int,
        metavar="N",
        help=f"entries in row (d) (default {ENTRIES:,}; {QUICK_ENTRIES:,} with --quick)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and saves; under a minute on 2 cores"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.entries is not None and args.entries <= MID_ENTRIES:
        parser.error(f"--entries must be more than {MID_ENTRIES:,}, the size of row (c)")
    return args


def reproduce(args: argparse.Namespace) -> str:
    words = ["uv", "run", "python", "benchmarks/run.py"]
    if args.entries is not None:
        words += ["--entries", str(args.entries)]
    if args.quick:
        words.append("--quick")
    return shlex.join(words)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    runs = QUICK_RUNS if args.quick else RUNS
    saves = QUICK_SAVES if args.quick else SAVES
    entries = args.entries or (QUICK_ENTRIES if args.quick else ENTRIES)
    variants = [
        Variant("a", "bare Textual app", None),
        Variant("b", "recovery-tui, empty journal", 0),
        Variant("c", f"recovery-tui, {MID_ENTRIES:,} entries", MID_ENTRIES),
        Variant("d", f"recovery-tui, {entries:,} entries", entries),
    ]
    with tempfile.TemporaryDirectory(prefix="recovery-tui-bench-") as temp:
        folder = Path(temp)
        sizes = {v.key: v.entries for v in variants if v.entries is not None}
        journals = make_journals({**sizes, "small": SMALL_ENTRIES}, folder)
        config = folder / "config"
        startup = measure_startup(variants, journals, config, runs)
        save_times = asyncio.run(measure_saves(folder, saves))
        sized = {MID_ENTRIES: journals["c"], entries: journals["d"]}
        parses, builds = measure_parses(sized, folder / "history")
        queries = measure_queries(sized, folder / "history")
        rounds = QUICK_INSIGHT_ROUNDS if args.quick else INSIGHT_ROUNDS
        repeats = QUICK_OPEN_REPEATS if args.quick else OPEN_REPEATS
        every_size = {SMALL_ENTRIES: journals["small"], **sized}
        opened = asyncio.run(measure_insights(every_size, folder / "insights", rounds, repeats))
        import sync_rows  # beside this file

        synced = sync_rows.measure(folder / "sync", quick=args.quick)
        import crypto_rows  # beside this file

        encrypted = crypto_rows.measure(folder / "crypto", quick=args.quick)
        report = {
            "command": reproduce(args),
            "quick": args.quick,
            "entries": {v.key: v.entries for v in variants},
            "machine": machine(folder),
            **build_report(variants, startup, save_times, parses, runs, builds, queries, opened),
            "sync": synced,
            "crypto": encrypted,
            "elapsed_s": time.perf_counter() - began,
        }
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
