"""Home comes up without loading what only a reflection needs: pydantic and the session.

Importing pydantic and building the models costs about 100 ms and 8 MiB; most launches
(home, then quit) never need them. Checked in a fresh process, to exit after home is ready.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
sys.path.insert(0, "benchmarks")
from pathlib import Path
from first_frame import recovery_app

app = recovery_app(Path(sys.argv[1]), Path(sys.argv[2]), "home-ready")
app.run(headless=True, size=(80, 24))
heavy = ("pydantic", "recovery_tui.core.models", "recovery_tui.screens.session")
print(" ".join(name for name in heavy if name in sys.modules) or "none")
"""


@pytest.mark.parametrize(
    "settings", ["", 'theme = "nord"\nfollow_up_days = 10\n', 'your_name = "Ana Reyes"\n']
)
def test_home_and_quit_load_neither_pydantic_nor_the_session(tmp_path, settings):
    # No settings file, or the usual one (a theme picked with ctrl+p).
    journal, config = tmp_path / "journal", tmp_path / "config"
    config.mkdir()
    if settings:
        (config / "settings.toml").write_text(settings, "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(journal), str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"RECOVERY_TUI_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "none"
