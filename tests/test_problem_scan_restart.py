"""Home's background problem scan reads only the files that changed, also after a restart:
what the last scan found is kept in the cache folder (0600)."""

from __future__ import annotations

import os
import stat

from recovery_tui.core.journal import Journal
from recovery_tui.core.problems import scan
from tests.conftest import settle
from tests.samples import write_samples


async def test_a_restarted_app_reads_only_changed_files(make_app, app_paths, monkeypatch):  # type: ignore[no-untyped-def]
    paths = write_samples(Journal(app_paths.journal))
    (app_paths.journal.entries / "broken.toml").write_text("broken = = \n", "utf-8")
    async with make_app().run_test(size=(80, 24)) as pilot:  # the first run reads them all
        await settle(pilot)
        assert len(pilot.app.screen.problems) == 1
    kept = app_paths.problem_cache_file
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    reads: list[str] = []
    real = scan.examine

    def spy(path):  # type: ignore[no-untyped-def]
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(scan, "examine", spy)
    os.utime(paths[0], ns=(1, 1))  # changed while the app was closed
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [p.path.name for p in pilot.app.screen.problems] == ["broken.toml"]
    assert reads == [paths[0].name]
