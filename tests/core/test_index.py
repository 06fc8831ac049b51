"""The history index: incremental refresh, rebuilds, filters, sorts and full-text search."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core import tomlio
from recovery_tui.core.index import refresh as index_module
from recovery_tui.core.index.queries import SORTS, Filter
from recovery_tui.core.index.search import MARK_END, MARK_START, marked_spans, match_query
from recovery_tui.core.index.store import Index
from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from recovery_tui.core.paths import AppPaths, JournalPaths, index_file_for
from tests.conftest import FIXED_NOW
from tests.samples import write_samples

WEIRD_QUERIES = [
    "",
    " ",
    '"',
    '""',
    "'",
    'Northwind "',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(a b)",
    "a AND",
    "OR OR OR",
    "*",
    "**",
    "a*",
    "-",
    "^",
    ":",
    "company:",
    "company:Northwind",
    "(",
    ")",
    "{}",
    "[x]",
    "\\",
    "\x00",
    "\x01",
    "\x02",
    "😀",
    "日本語",
    "ﬁnal",
    "a" * 5000,
    "word " * 200,
    "%_",
    "'; DROP TABLE entries; --",
]


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(JournalPaths(tmp_path / "journal"))
    journal.ensure()
    return journal


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.sqlite3"


@pytest.fixture
def index(journal: Journal, db_path: Path) -> Iterator[Index]:
    opened = Index.open(db_path, journal)
    yield opened
    opened.close()


def save(journal: Journal, days_ago: int = 0, **sections: Any) -> Path:
    sections.setdefault("about", {"company": "Northwind Labs"})
    when = FIXED_NOW - timedelta(days=days_ago)
    entry = build_entry(sections, id=f"{days_ago:04d}{abs(hash(str(sections))):028x}"[:32],
                        created=when, updated=when)  # fmt: skip
    return journal.save(entry, durable=False)


def rewrite(path: Path, old: str, new: str) -> None:
    """A hand edit: same file, new text, a later modification time."""
    info = path.stat()
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the index parses, by name."""
    seen: list[str] = []
    real = index_module.read_entry_file

    def spy(path: Path) -> Any:
        seen.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(index_module, "read_entry_file", spy)
    return seen


# --- paths ---------------------------------------------------------------------------------


def test_index_file_is_per_journal_folder_in_the_cache(tmp_path: Path) -> None:
    env = {"RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache")}
    one = AppPaths.resolve(tmp_path / "one", env)
    two = AppPaths.resolve(tmp_path / "two", env)
    assert one.index_file.parent == tmp_path / "cache"
    assert one.index_file != two.index_file
    assert one.index_file == AppPaths.resolve(tmp_path / "one", env).index_file
    assert one.index_file.name.startswith("index-") and one.index_file.suffix == ".sqlite3"
    assert len(one.index_file.name) == len("index-") + 16 + len(".sqlite3")
    assert index_file_for(tmp_path / "cache", tmp_path / "one") == one.index_file


def test_index_folder_and_file_are_private(journal: Journal, tmp_path: Path) -> None:
    write_samples(journal)
    db = tmp_path / "deep" / "cache" / "index.sqlite3"
    old = os.umask(0o022)
    try:
        with Index.open(db, journal) as opened:
            opened.refresh()
            assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
            for suffix in ("", "-wal", "-shm"):
                extra = Path(f"{db}{suffix}")
                if extra.exists():
                    assert stat.S_IMODE(extra.stat().st_mode) == 0o600, suffix
    finally:
        os.umask(old)


def test_max_file_size_matches_tomlio() -> None:
    from recovery_tui.core.index import entry_files

    assert entry_files.MAX_FILE_BYTES == tomlio.MAX_FILE_BYTES


# --- refresh -------------------------------------------------------------------------------


def test_first_refresh_lists_every_entry(journal: Journal, index: Index) -> None:
    paths = write_samples(journal)
    stats = index.refresh()
    assert (stats.added, stats.updated, stats.removed, stats.failed) == (3, 0, 0, 0)
    rows = index.rows()
    assert [row.path for row in rows] == paths  # samples are written newest first
    first = rows[0]
    assert first.company == "Northwind Labs"
    assert first.role == "Backend engineer"
    assert first.stage == "after_final_round"
    assert first.stage_label == "After the final round"
    assert first.channel == "email"
    assert first.tags == ("python", "remote")
    assert first.date == "2026-11-24"  # the news date, not the day it was written
    assert (first.sting_before, first.sting_after) == (75, 45)
    assert first.id == "01" * 16
    assert first.created.startswith("2026-11-25T09:30")
    # No news date: the day it was written is shown.
    assert rows[1].date == (FIXED_NOW - timedelta(days=3)).date().isoformat()
    assert index.count() == 3


def test_refresh_parses_only_changed_files(
    journal: Journal, index: Index, parses: list[str]
) -> None:
    paths = write_samples(journal)
    index.refresh()
    assert sorted(parses) == sorted(path.name for path in paths)
    parses.clear()

    stats = index.refresh()
    assert parses == []
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 0, 3)

    rewrite(paths[1], 'company = "Globex"', 'company = "Globex Corporation"')
    new = save(journal, days_ago=30, about={"company": "Umbrella", "role": "Chemist"})
    paths[2].unlink()
    stats = index.refresh()
    assert sorted(parses) == sorted([paths[1].name, new.name])
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 1)
    companies = [row.company for row in index.rows()]
    assert companies == ["Northwind Labs", "Globex Corporation", "Umbrella"]
    assert index.search("corporation")[0].row.path == paths[1]
    assert index.search("initech") == []


def test_another_index_instance_sees_changes_without_a_restart(
    journal: Journal, db_path: Path
) -> None:
    write_samples(journal)
    with Index.open(db_path, journal) as first, Index.open(db_path, journal) as second:
        first.refresh()
        assert second.count() == 3
        save(journal, days_ago=1, about={"company": "Hooli"})
        second.refresh()
        assert "Hooli" in first.companies()


def test_deleting_the_index_loses_nothing(journal: Journal, db_path: Path) -> None:
    write_samples(journal)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
        before = opened.rows()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        stats = opened.refresh()  # the same instance notices and starts again
        assert stats.added == 3
        assert opened.rows() == before
    db_path.unlink()
    with Index.open(db_path, journal) as again:
        assert again.count() == 0
        again.refresh()
        assert again.rows() == before


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,
        b"",
    ],
    ids=["garbage", "bad-header", "empty"],
)
def test_a_damaged_index_is_rebuilt(journal: Journal, db_path: Path, damage: bytes) -> None:
    write_samples(journal)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
    db_path.write_bytes(damage)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
        assert opened.count() == 3
        assert opened.search("Northwind")


def test_a_page_damaged_after_opening_is_rebuilt_at_the_next_refresh(
    journal: Journal, db_path: Path
) -> None:
    write_samples(journal)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
    # Keep the header (so it opens) and wreck every page after the first.
    raw = bytearray(db_path.read_bytes())
    raw[4096:] = b"\xa5" * (len(raw) - 4096)
    db_path.write_bytes(bytes(raw))
    with Index.open(db_path, journal) as opened:
        opened.rows()  # may find nothing, must not raise
        opened.search("northwind")
        opened.refresh()
        assert opened.count() == 3


def test_an_index_of_another_version_is_rebuilt(journal: Journal, db_path: Path) -> None:
    import sqlite3

    write_samples(journal)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()
    with Index.open(db_path, journal) as opened:
        assert opened.count() == 0  # started again
        opened.refresh()
        assert opened.count() == 3


def test_an_index_copied_from_another_folder_is_rebuilt(
    journal: Journal, db_path: Path, tmp_path: Path
) -> None:
    write_samples(journal)
    with Index.open(db_path, journal) as opened:
        opened.refresh()
    other = Journal(JournalPaths(tmp_path / "other"))
    other.ensure()
    copy = tmp_path / "cache" / "copy.sqlite3"
    shutil.copy(db_path, copy)
    with Index.open(copy, other) as opened:
        assert opened.count() == 0


def test_conflict_copies_damaged_and_foreign_files_are_not_listed(
    journal: Journal, index: Index
) -> None:
    paths = write_samples(journal)
    folder = journal.paths.entries
    original = paths[0]
    shutil.copy(original, folder / f"{original.stem}.sync-conflict-20261125-101112-ABCDEFG.toml")
    shutil.copy(original, folder / f"{original.stem} (Anna's conflicted copy 2026-11-25).toml")
    shutil.copy(original, folder / f".{original.name}.abc123.tmp")
    shutil.copy(original, folder / ".hidden.toml")
    shutil.copy(original, folder / "notes.txt")
    (folder / "sub.toml").mkdir()
    (folder / "broken.toml").write_text('[about\ncompany = "x"', "utf-8")
    (folder / "latin1.toml").write_bytes('[about]\ncompany = "Café"\n'.encode("latin-1"))
    (folder / "empty.toml").write_text("", "utf-8")
    (folder / "no-company.toml").write_text(
        original.read_text("utf-8").replace('company = "Northwind Labs"', 'company = ""'),
        "utf-8",
    )
    (folder / "bad-sting.toml").write_text(
        original.read_text("utf-8").replace("sting_before = 75", "sting_before = 700"), "utf-8"
    )
    (folder / "bad-stage.toml").write_text(
        original.read_text("utf-8").replace('"after_final_round"', '"lost_in_the_post"'),
        "utf-8",
    )
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000, "utf-8")
    huge = folder / "huge.toml"
    huge.write_bytes(b"# " + b"x" * (tomlio.MAX_FILE_BYTES + 10) + b"\n")
    stats = index.refresh()
    assert sorted(row.path for row in index.rows()) == sorted(paths)
    damaged = ["bad-sting", "bad-stage", "broken", "deep", "empty", "huge", "latin1"]
    assert sorted(index.failed()) == sorted(f"{name}.toml" for name in [*damaged, "no-company"])
    assert stats.failed == 8
    # Fixed by hand: it shows up at the next refresh.
    (folder / "broken.toml").write_text(original.read_text("utf-8").replace(
        "01" * 16, "ab" * 16).replace("Northwind Labs", "Fixed By Hand"), "utf-8")  # fmt: skip
    os.utime(folder / "broken.toml", ns=(1, 2_000_000_000_000_000_000))
    index.refresh()
    assert "Fixed By Hand" in index.companies()
    assert "broken.toml" not in index.failed()


def test_a_stopped_refresh_keeps_its_work_and_the_next_one_finishes(
    journal: Journal, index: Index, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "BATCH", 2)
    for day in range(7):
        save(journal, days_ago=day, about={"company": f"Company {day}"})
    calls = 0

    def stop() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    progress: list[tuple[int, int]] = []
    stats = index.refresh(progress=lambda done, total: progress.append((done, total)), stop=stop)
    assert stats.added == 3
    assert index.count() == 3
    assert progress[0] == (0, 7) and progress[-1] == (3, 7)
    # Newest first, so the rows a person sees first are there first.
    assert [row.company for row in index.rows()] == ["Company 0", "Company 1", "Company 2"]
    parses.clear()
    stats = index.refresh()
    assert (stats.added, stats.unchanged) == (4, 3)
    assert len(parses) == 4
    assert index.count() == 7


def test_refresh_in_a_worker_thread_while_the_ui_thread_queries(
    journal: Journal, index: Index
) -> None:
    for day in range(60):
        save(journal, days_ago=day, about={"company": f"Company {day}", "tags": ["t"]})
    errors: list[BaseException] = []

    def work() -> None:
        try:
            index.refresh()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        index.rows(limit=100)
        index.search("company")
    worker.join()
    assert errors == []
    assert index.count() == 60
    assert index.tags() == ["t"]


def test_an_entries_folder_that_is_missing_lists_nothing(tmp_path: Path, db_path: Path) -> None:
    journal = Journal(JournalPaths(tmp_path / "nowhere"))
    with Index.open(db_path, journal) as opened:
        assert opened.refresh().added == 0
        assert opened.rows() == []
        assert opened.search("anything") == []


# --- rows, filters, sorts ------------------------------------------------------------------


@pytest.fixture
def filled(journal: Journal, index: Index) -> Index:
    save(journal, 0, about={"company": "Northwind Labs", "role": "Backend engineer",
         "stage": "after_final_round", "tags": ["python", "Remote"], "news_date": "2026-11-20"},
         personal={"sting_before": 80}, prepare={"sting_after": 30})  # fmt: skip
    save(journal, 10, about={"company": "Globex", "role": "Data analyst",
         "stage": "no_response", "tags": ["remote"]}, personal={"sting_before": 20})  # fmt: skip
    save(journal, 20, about={"company": "northwind labs", "role": "SRE",
         "stage": "after_phone_screen"}, prepare={"sting_after": 60})  # fmt: skip
    save(journal, 30, about={"company": "Initech", "tags": ["fintech"]})
    index.refresh()
    return index


def companies(rows: list[Any]) -> list[str]:
    return [row.company for row in rows]


def test_rows_newest_first_and_paged(filled: Index) -> None:
    assert companies(filled.rows()) == ["Northwind Labs", "Globex", "northwind labs", "Initech"]
    assert companies(filled.rows(descending=False)) == [
        "Initech", "northwind labs", "Globex", "Northwind Labs"]  # fmt: skip
    assert companies(filled.rows(limit=2)) == ["Northwind Labs", "Globex"]
    assert companies(filled.rows(limit=2, offset=2)) == ["northwind labs", "Initech"]
    assert filled.rows(limit=0) == []


def test_sorts(filled: Index) -> None:
    assert companies(filled.rows(sort="company", descending=False)) == [
        "Globex", "Initech", "Northwind Labs", "northwind labs"]  # fmt: skip
    by_role = [row.role for row in filled.rows(sort="role", descending=False)]
    assert by_role == ["Backend engineer", "Data analyst", "SRE", ""]  # blanks last
    by_stage = [row.stage for row in filled.rows(sort="stage", descending=False)]
    assert by_stage == ["no_response", "after_phone_screen", "after_final_round", None]
    stings = [row.sting_before for row in filled.rows(sort="sting_before")]
    assert stings == [80, 20, None, None]
    stings = [row.sting_after for row in filled.rows(sort="sting_after", descending=False)]
    assert stings == [30, 60, None, None]
    for sort in SORTS:
        assert len(filled.rows(sort=sort)) == 4
    with pytest.raises(ValueError):
        filled.rows(sort="id; DROP TABLE entries")


def test_filters(filled: Index) -> None:
    assert companies(filled.rows(Filter(text="NORTH"))) == ["Northwind Labs", "northwind labs"]
    assert companies(filled.rows(Filter(text="remote"))) == ["Northwind Labs", "Globex"]
    assert companies(filled.rows(Filter(text="analyst"))) == ["Globex"]
    assert companies(filled.rows(Filter(text="phone screen"))) == ["northwind labs"]  # label
    assert filled.rows(Filter(text="%")) == []
    assert companies(filled.rows(Filter(stage="no_response"))) == ["Globex"]
    assert companies(filled.rows(Filter(company="NORTHWIND LABS"))) == [
        "Northwind Labs", "northwind labs"]  # fmt: skip
    assert companies(filled.rows(Filter(tag="REMOTE"))) == ["Northwind Labs", "Globex"]
    assert filled.rows(Filter(tag="remo")) == []  # whole tags only
    days = FIXED_NOW.date()
    since = Filter(date_from=days - timedelta(days=12))
    assert companies(filled.rows(since)) == ["Northwind Labs", "Globex"]
    window = Filter(date_from=days - timedelta(days=25), date_to=date(2026, 11, 15))
    assert companies(filled.rows(window)) == ["Globex", "northwind labs"]
    both = Filter(text="labs", stage="after_final_round")
    assert companies(filled.rows(both)) == ["Northwind Labs"]
    assert filled.count(Filter(tag="remote")) == 2
    assert filled.count(Filter(text="nothing like this")) == 0


def test_picker_values(filled: Index) -> None:
    assert filled.companies() == ["Globex", "Initech", "Northwind Labs"]
    assert filled.tags() == ["fintech", "python", "Remote"]  # one spelling per tag
    assert filled.stages() == ["no_response", "after_phone_screen", "after_final_round"]


# --- search --------------------------------------------------------------------------------


def test_search_ranks_company_matches_first_and_marks_matches(
    journal: Journal, index: Index
) -> None:
    happened = "They said Kestrel Cloud hired someone from Kestrel."
    save(journal, 1, about={"company": "Globex"}, personal={"what_happened": happened})
    save(journal, 2, about={"company": "Kestrel Cloud", "role": "SRE"})
    index.refresh()
    hits = index.search("kestrel")
    assert [hit.row.company for hit in hits] == ["Kestrel Cloud", "Globex"]
    assert hits[0].score <= hits[1].score
    snippet = hits[1].snippet
    assert f"{MARK_START}Kestrel{MARK_END}" in snippet
    plain, spans = marked_spans(snippet)
    assert MARK_START not in plain and MARK_END not in plain
    assert spans and all(plain[start:end].lower() == "kestrel" for start, end in spans)
    assert "\n" not in snippet


def test_search_matches_as_you_type_and_needs_every_word(journal: Journal, index: Index) -> None:
    paths = write_samples(journal)
    index.refresh()
    northwind = paths[0]
    for typed in ["sys", "system des", "system design", "SYSTEM DESIGN", "practise  system"]:
        assert [hit.row.path for hit in index.search(typed)] == [northwind], typed
    assert index.search("sys ") == []  # a finished word isn't a prefix any more
    assert [hit.row.path for hit in index.search("system kubernetes")] == [northwind]
    assert index.search("system recruiter call") == []  # not all in one entry
    found = {hit.row.company for hit in index.search("recruiter")}
    assert found == {"Northwind Labs", "Initech"}


def test_search_ignores_accents_and_case(journal: Journal, index: Index) -> None:
    save(journal, 1, about={"company": "Café Olé Roasters"})
    save(journal, 2, about={"company": "Søndergaard Design"},
         learn={"prepare_better": "Naïve résumé wording"})  # fmt: skip
    index.refresh()
    assert [hit.row.company for hit in index.search("cafe ole")] == ["Café Olé Roasters"]
    assert [hit.row.company for hit in index.search("RESUME")] == ["Søndergaard Design"]
    assert [hit.row.company for hit in index.search("Søndergaard")] == ["Søndergaard Design"]


def test_search_respects_the_filter(filled: Index) -> None:
    assert len(filled.search("northwind")) == 2
    narrowed = filled.search("northwind", Filter(stage="after_phone_screen"))
    assert [hit.row.role for hit in narrowed] == ["SRE"]
    assert filled.search("northwind", limit=1)[0].row.company.lower() == "northwind labs"
    assert filled.search("northwind", limit=0) == []


@pytest.mark.parametrize("query", WEIRD_QUERIES)
def test_odd_queries_never_raise(filled: Index, query: str) -> None:
    hits = filled.search(query)
    assert isinstance(hits, list)
    filled.rows(Filter(text=query))
    filled.count(Filter(text=query, company=query, tag=query, stage=query))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_typed_text_is_a_safe_query(filled: Index, query: str) -> None:
    filled.search(query)
    found = match_query(query)
    if found is not None:
        assert found.count('"') % 2 == 0


def test_odd_queries_still_find_their_words(filled: Index) -> None:
    assert len(filled.search('"northwind')) == 2
    assert len(filled.search("northwind AND")) == 0  # "and" is a word to find, not a keyword
    assert len(filled.search("(northwind)")) == 2
    assert len(filled.search("company:northwind")) == 0


def test_every_text_of_an_entry_is_searchable(journal: Journal, index: Index) -> None:
    fields = {
        "about": {"company": "Zcompany", "role": "Zrole", "tags": ["ztag"],
                  "stage": "offer_withdrawn", "channel": "portal", "news_date": "2026-11-01"},
        "personal": {"what_happened": "zhappened", "recurring_thought": "zrecurring",
                     "traps": ["catastrophising"], "reasons": ["internal_candidate"],
                     "other_reasons": "zother", "balanced_thought": "zbalanced"},
        "learn": {"prepare_better": "zprepare", "unready_questions": ["zquestion"],
                  "fit_notes": "zfitnotes", "skills": ["zskill"],
                  "feedback": {"status": "received", "said": "zsaid"},
                  "past_successes": {"sources": ["recruiter"], "reuse": "zreuse"}},
        "prepare": {"actions": [{"text": "zaction", "due": "2026-12-01"}],
                    "pipeline": ["zpipeline"], "people": ["zpeople"],
                    "carry_forward": "zcarry"},
        "future_section": {"note": "zunknownkey"},
    }  # fmt: skip
    save(journal, 1, **fields)
    save(journal, 2, about={"company": "Other"})
    index.refresh()
    words = [
        "zcompany", "zrole", "ztag", "zhappened", "zrecurring", "zother", "zbalanced",
        "zprepare", "zquestion", "zfitnotes", "zskill", "zsaid", "zreuse", "zaction",
        "zpipeline", "zpeople", "zcarry", "zunknownkey",
        # choice labels, as shown on screen
        "offer withdrawn", "job portal", "catastrophising ruins everything",
        "internal candidate in mind", "received", "a recruiter",
    ]  # fmt: skip
    for word in words:
        found = [hit.row.company for hit in index.search(word)]
        assert found == ["Zcompany"], word


def test_marked_spans() -> None:
    assert marked_spans("a \x01bc\x02 d \x01e\x02") == ("a bc d e", [(2, 4), (7, 8)])
    assert marked_spans("plain") == ("plain", [])
    assert marked_spans("\x02odd\x01") == ("odd", [])


def test_match_query() -> None:
    assert match_query("sys des") == '"sys" "des"*'
    assert match_query("sys des ") == '"sys" "des"'
    assert match_query('a"b OR c*') == '"a" "b" "OR" "c"*'
    assert match_query("  ") is None
    assert match_query("***") is None
