"""``recovery-tui list``, ``export`` and ``import``: for scripts and backups."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_tui import cli
from recovery_tui.core.journal import Journal
from recovery_tui.core.paths import AppPaths, JournalPaths
from tests.samples import write_samples

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("RECOVERY_TUI_CACHE_DIR", str(cache))
    monkeypatch.delenv("RECOVERY_TUI_DIR", raising=False)
    return cache


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def samples(folder: Path) -> list[Path]:
    return write_samples(Journal(JournalPaths(folder)))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- list ----------------------------------------------------------------------------------


def test_list_prints_one_line_per_entry_newest_first(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path], private_cache: Path
) -> None:
    code, out, _ = run(capsys, "list", "--dir", str(folder))
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines == [
        ["2026-11-24", "Northwind Labs", "After the final round", str(samples[0])],
        ["2026-11-22", "Globex", "No response to an application", str(samples[1])],
        ["2026-11-19", "Initech", "After a phone screen", str(samples[2])],
    ]
    # It went through the index, which lives in the cache folder, not the journal.
    assert AppPaths.resolve(folder).index_file.is_file()
    assert AppPaths.resolve(folder).index_file.parent == private_cache
    assert sorted(p.name for p in folder.iterdir()) == ["entries"]


def test_list_json_for_scripts(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert [item["company"] for item in items] == ["Northwind Labs", "Globex", "Initech"]
    assert items[0] == {
        "date": "2026-11-24",
        "company": "Northwind Labs",
        "role": "Backend engineer",
        "stage": "after_final_round",
        "id": "01" * 16,
        "file": str(samples[0]),
    }


def test_list_sees_files_changed_since_the_last_run(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    run(capsys, "list", "--dir", str(folder))
    samples[1].unlink()
    text = samples[0].read_text("utf-8").replace("Northwind Labs", "Northwind Renamed")
    samples[0].write_text(text, "utf-8")
    os.utime(samples[0], ns=(1, samples[0].stat().st_mtime_ns + 10**9))
    (folder / "entries" / "broken.toml").write_text("[[[", "utf-8")
    _, out, _ = run(capsys, "list", "--dir", str(folder))
    assert [line.split("\t")[1] for line in out.splitlines()] == ["Northwind Renamed", "Initech"]


def test_list_of_a_missing_journal(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, "list", "--dir", str(folder))
    assert (code, out) == (0, "")
    assert "no journal" in err
    code, out, _ = run(capsys, "list", "--json", "--dir", str(folder))
    assert (code, json.loads(out)) == (0, [])
    assert not folder.exists()


def test_list_works_when_the_cache_folder_cannot_be_used(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    samples: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("RECOVERY_TUI_CACHE_DIR", str(blocker / "cache"))
    code, out, _ = run(capsys, "list", "--dir", str(folder))
    assert code == 0
    assert len(out.splitlines()) == 3


# --- export --------------------------------------------------------------------------------


def test_export_markdown_to_stdout_oldest_first(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    code, out, _ = run(capsys, "export", "--dir", str(folder))
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("## ")]
    assert titles == [
        "## Initech, Data analyst",
        "## Globex",
        "## Northwind Labs, Backend engineer",
    ]
    assert out.startswith("# Recovery journal\n")
    assert "I always fall at the last step." in out


@pytest.mark.parametrize(
    ("options", "companies"),
    [
        (["--stage", "no_response"], ["Globex"]),
        (["--company", "northwind labs"], ["Northwind Labs"]),
        (["--tag", "REMOTE"], ["Northwind Labs"]),
        (["--since", "2026-11-20"], ["Globex", "Northwind Labs"]),
        (["--until", "2026-11-20"], ["Initech"]),
        (["--since", "2026-11-20", "--until", "2026-11-23"], ["Globex"]),
        (["--search", "recruiter"], ["Initech", "Northwind Labs"]),
        (["--search", "system design", "--stage", "after_final_round"], ["Northwind Labs"]),
        (["--search", "nothing like this"], []),
        (["--search", '" OR *'], ["Northwind Labs"]),  # "or" as a word: Sam Ortiz
    ],
)
def test_export_filters(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    samples: list[Path],
    options: list[str],
    companies: list[str],
) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", "--dir", str(folder), *options)
    assert code == 0
    document = json.loads(out)
    assert [entry["about"]["company"] for entry in document["entries"]] == companies


def test_export_refuses_a_bad_date_or_stage(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    code, _, err = run(capsys, "export", "--dir", str(folder), "--since", "last week")
    assert code == 2 and "2026-11-24" in err
    code, _, err = run(capsys, "export", "--dir", str(folder), "--stage", "sad")
    assert code == 2 and "no_response" in err


def test_export_says_when_the_dates_are_reversed(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    code, out, err = run(capsys, "export", "--since", "2026-11-30", "--until", "2026-11-01",
                         "--dir", str(folder))  # fmt: skip
    assert code == 2 and out == ""
    assert "the dates are reversed" in err and "--since 2026-11-30 is after --until" in err


def test_export_of_a_prep_packet_as_json_is_refused_clearly(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "prep.json"
    code, out, err = run(capsys, "export", "--prep", "--format", "json", "--out", str(target),
                         "--dir", str(folder))  # fmt: skip
    assert code == 2 and out == "" and not target.exists()
    assert "prep packet is written in Markdown only" in err and "--format json" in err


def test_export_to_a_file_is_private_and_never_replaces_one_unasked(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    code, out, err = run(capsys, "export", "--format", "json", "--out", str(target),
                         "--dir", str(folder))  # fmt: skip
    assert (code, out) == (0, "")
    assert "Wrote 3 reflections" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(json.loads(target.read_text("utf-8"))["entries"]) == 3

    target.write_text("keep me", "utf-8")
    code, out, err = run(capsys, "export", "--out", str(target), "--dir", str(folder))
    assert code == 2
    assert "already exists" in err and "--force" in err and "Nothing was written" in err
    assert target.read_text("utf-8") == "keep me"

    code, _, _ = run(capsys, "export", "--out", str(target), "--force", "--dir", str(folder))
    assert code == 0
    assert target.read_text("utf-8").startswith("# Recovery journal")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_export_to_a_missing_folder_says_so(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "nope" / "x.md"),
                       "--dir", str(folder))  # fmt: skip
    assert code == 1
    assert f"the folder {tmp_path / 'nope'} doesn't exist" in err
    assert "Nothing was written" in err and "is gone" not in err


def test_export_leaves_out_files_that_cannot_be_read(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path]
) -> None:
    # Passes the index's quick look (right id, dates, company) but not the full model.
    text = samples[0].read_text("utf-8").replace("fit = 4", "fit = 40")
    samples[0].write_text(text, "utf-8")
    code, out, err = run(capsys, "export", "--format", "json", "--dir", str(folder))
    assert code == 0
    assert len(json.loads(out)["entries"]) == 2
    assert "1 reflection couldn't be read" in err and "check" in err


# --- import --------------------------------------------------------------------------------


def test_export_then_import_into_another_journal(
    capsys: pytest.CaptureFixture[str], folder: Path, samples: list[Path], tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "export", "--format", "json", "--out", str(backup), "--dir", str(folder))
    other = tmp_path / "other"
    code, out, _ = run(capsys, "import", str(backup), "--dir", str(other))
    assert code == 0
    assert "Added 3 reflections" in out and "skipped 0" in out
    journal, original = Journal(JournalPaths(other)), Journal(JournalPaths(folder))
    imported = {entry.id: entry for entry in map(journal.read, journal.entry_files())}
    assert imported == {entry.id: entry for entry in map(original.read, samples)}

    code, out, _ = run(capsys, "import", str(backup), "--dir", str(other))
    assert code == 0
    assert "Added 0 reflections" in out and "skipped 3" in out
    assert len(journal.entry_files()) == 3


def test_import_refuses_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"), "--dir", str(folder))
    assert code == 1 and "couldn't read" in err and "Nothing was imported" in err
    notes = tmp_path / "notes.json"
    notes.write_text('{"hello": 1}', "utf-8")
    code, _, err = run(capsys, "import", str(notes), "--dir", str(folder))
    assert code == 1 and "isn't a recovery-tui export" in err
    assert not folder.exists()


def test_import_reports_invalid_entries_and_exits_1(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    source = tmp_path / "mixed.json"
    document = {"format": "recovery-tui", "version": 1, "entries": [{"id": "zz"}]}
    source.write_text(json.dumps(document), "utf-8")
    code, out, _ = run(capsys, "import", str(source), "--dir", str(folder))
    assert code == 1
    assert "Added 0 reflections" in out
    assert "Reflection 1 of 1 can't be imported" in out


def test_commands_run_as_a_real_process(folder: Path, samples: list[Path], tmp_path: Path) -> None:
    env = {**os.environ, "RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "list", "--dir", str(folder)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    done = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "export", "--dir", str(folder)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n## ") == 3
