"""`benchmarks/run.py --quick` runs in a fresh clone and reports every figure.

No speed target is asserted: the figures are only checked to be there and sane.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# One run of the benchmark serves every test here: keep them on one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmark")]

ROOT = Path(__file__).resolve().parent.parent
ROWS = ["a", "b", "c", "d"]


def positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def check_spread(figure: dict[str, Any]) -> None:
    assert all(positive(v) for v in figure["samples"])
    assert figure["min"] <= figure["median"] <= figure["max"]


def check_ratios(found: dict[str, float], figures: dict[str, float | None]) -> None:
    for pair, value in found.items():
        top, bottom = pair.split("/")
        assert value == pytest.approx(figures[top] / figures[bottom])  # type: ignore[operator]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    out = tmp_path_factory.mktemp("bench") / "figures.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a timing check: --quick takes about a minute
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text("utf-8")), done.stdout


def test_machine_and_command_are_reported(quick_run: tuple[dict[str, Any], str]) -> None:
    report, printed = quick_run
    machine = report["machine"]
    assert machine["cpu"] and machine["python"] and machine["textual"]
    assert machine["cores"] >= 1
    assert report["quick"] is True
    assert report["command"] == "uv run python benchmarks/run.py --quick"
    assert report["command"] in printed
    assert report["entries"] == {"a": None, "b": 0, "c": 1000, "d": 2000}
    assert positive(report["elapsed_s"])


def test_startup_rows_and_ratios(quick_run: tuple[dict[str, Any], str]) -> None:
    report, _ = quick_run
    startup = report["startup"]
    rows = startup["rows"]
    assert list(rows) == ROWS
    for key in ROWS:
        check_spread(rows[key]["first_frame_ms"])
        assert len(rows[key]["first_frame_ms"]["samples"]) == startup["runs"]
        if key == "a":
            assert rows[key]["home_ready_ms"] is None  # the bare app has nothing to load
        else:
            check_spread(rows[key]["home_ready_ms"])
    first = {k: rows[k]["first_frame_ms"]["median"] for k in ROWS}
    ready = {k: rows[k]["home_ready_ms"]["median"] for k in ROWS if k != "a"}
    assert set(startup["ratios"]["first_frame"]) == {"b/a", "c/b", "d/b"}
    assert set(startup["ratios"]["home_ready"]) == {"c/b", "d/b"}
    check_ratios(startup["ratios"]["first_frame"], first)  # type: ignore[arg-type]
    check_ratios(startup["ratios"]["home_ready"], ready)  # type: ignore[arg-type]


def test_memory_rows_and_ratios(quick_run: tuple[dict[str, Any], str]) -> None:
    report, _ = quick_run
    memory = report["memory"]
    first, ready = memory["peak_rss_mib"]["first_frame"], memory["peak_rss_mib"]["home_ready"]
    assert all(positive(first[k]) for k in ROWS)
    assert ready["a"] is None and all(positive(ready[k]) for k in ROWS[1:])
    assert set(memory["ratios"]["first_frame"]) == {"b/a", "c/b", "d/b"}
    check_ratios(memory["ratios"]["first_frame"], first)
    check_ratios(memory["ratios"]["home_ready"], ready)


def test_save_percentiles(quick_run: tuple[dict[str, Any], str]) -> None:
    report, _ = quick_run
    save = report["save"]
    assert save["count"] >= 20
    for field in ("key_to_durable_ms", "journal_save_ms"):
        figure = save[field]
        assert len(figure["samples"]) == save["count"]
        assert all(positive(v) for v in figure["samples"])
        assert 0 < figure["p50"] <= figure["p95"] <= max(figure["samples"])


def test_history_and_search_are_measured(quick_run: tuple[dict[str, Any], str]) -> None:
    report, printed = quick_run
    history = report["history_search"]
    assert list(history) == ["1000", "2000"]
    for row in history.values():
        assert row["status"] == "measured"
        for field in ("first_rows_ms", "first_rows_cold_ms", "search_ms", "index_build_ms"):
            assert positive(row[field])
        for field in ("tomllib_parse_all_ms", "index_build", "first_rows", "first_rows_cold"):
            check_spread(row[field])
        assert len(row["search"]["samples"]) == 20
        assert row["build_vs_parse"] == pytest.approx(
            row["index_build_ms"] / row["tomllib_parse_all_ms"]["median"]
        )
    assert "not built yet" not in printed
    assert "index build / plain parse" in printed


def test_practice_progress_and_prep_packet_are_measured(
    quick_run: tuple[dict[str, Any], str],
) -> None:
    report, printed = quick_run
    found = report["insights"]
    assert found["sizes"] == [100, 1000, 2000]
    assert set(found["screens"]) == {"practice", "progress", "prep"}
    for figures in found["screens"].values():
        rows = figures["rows"]
        assert set(rows) == {"screen", "index", "files"}
        for way, by_size in rows.items():
            assert list(by_size) == ["100", "1000", "2000"]
            for figure in by_size.values():
                check_spread(figure)
                want = found["rounds"] if way == "files" else found["samples"]
                assert len(figure["samples"]) == want
        for way, ratio in figures["largest_over_smallest"].items():
            assert ratio == pytest.approx(rows[way]["2000"]["median"] / rows[way]["100"]["median"])
        for size, ratio in figures["files_over_index"].items():
            assert ratio == pytest.approx(
                rows["files"][size]["median"] / rows["index"][size]["median"]
            )
    assert "Practice, Progress and the prep packet" in printed
    assert "open Practice, key to shown" in printed


def test_sync_rows_are_measured(quick_run: tuple[dict[str, Any], str]) -> None:
    report, printed = quick_run
    sync = report["sync"]
    save = sync["save"]
    for field in ("save_with_sync_ms", "save_without_sync_ms", "until_committed_ms"):
        figure = save[field]
        assert len(figure["samples"]) == save["count"]
        assert 0 < figure["p50"] <= figure["p95"] <= max(figure["samples"])
    assert save["p95_limit_ms"] == 30
    (row,) = sync["sync_one"]  # --quick: one small journal
    assert row["entries"] == 200
    assert all(
        positive(v) for v in row["send_one_ms"]["samples"] + row["bring_in_one_ms"]["samples"]
    )
    assert "Sync of one new reflection" in printed and "save p95 with sync on is" in printed


def test_encrypted_rows_are_measured_against_plain(quick_run: tuple[dict[str, Any], str]) -> None:
    report, printed = quick_run
    (row,) = report["crypto"]["sizes"]  # --quick: one small journal
    assert row["entries"] == 200 and positive(row["encrypt_all_ms"])
    assert 0 < row["unlock_ms"]["p50"] <= row["unlock_ms"]["p95"]
    assert len(row["first_screen_ms"]) == 3 and set(row["home_ms"]) == {"plain", "encrypted"}
    for group in ("save_ms", "search_ms"):
        assert set(row[group]) == {"plain", "encrypted"}
        assert all(0 < f["p50"] <= f["p95"] for f in row[group].values())
    assert "Encrypted journal (age) against the same journal plain" in printed
