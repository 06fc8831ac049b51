"""The data layer never imports Textual (or Rich): it must load and run without the UI."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import recovery_tui

DATA_LAYER = [
    "recovery_tui.core.models",
    "recovery_tui.core.prompts",
    "recovery_tui.core.tomlio",
    "recovery_tui.core.journal",
    "recovery_tui.core.fsutil",
    "recovery_tui.core.paths",
]

# Imports the modules in a fresh interpreter, uses them a little (Journal.read and save import
# tomlio lazily), then prints every loaded module whose name starts with textual or rich.
SCRIPT = """
import importlib, json, sys, tempfile
from datetime import datetime, timezone
from pathlib import Path

for name in json.loads(sys.argv[1]):
    importlib.import_module(name)

if json.loads(sys.argv[2]):
    from recovery_tui.core.journal import Journal
    from recovery_tui.core.models import build_entry, new_id
    from recovery_tui.core.paths import JournalPaths

    now = datetime.now(timezone.utc)
    entry = build_entry({"about": {"company": "A"}}, id=new_id(), created=now, updated=now)
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(JournalPaths(Path(folder)))
        assert journal.read(journal.save(entry)) == entry
        journal.recent(5)

ui = sorted(name for name in sys.modules if name.startswith(("textual", "rich")))
print(json.dumps(ui))
"""


def loaded_ui_modules(modules: list[str], *, exercise: bool) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(modules), json.dumps(exercise)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=Path(recovery_tui.__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_data_layer_imports_no_textual_or_rich():
    assert loaded_ui_modules(DATA_LAYER, exercise=False) == []


def test_using_the_data_layer_imports_no_textual_or_rich():
    assert loaded_ui_modules(DATA_LAYER, exercise=True) == []


@pytest.mark.parametrize("module", DATA_LAYER)
def test_each_module_alone_imports_no_textual_or_rich(module):
    assert loaded_ui_modules([module], exercise=False) == []


def test_every_core_module_imports_no_textual_or_rich():
    # Modules added to recovery_tui.core later are part of the data layer too.
    core = Path(recovery_tui.__file__).parent / "core"
    found = pkgutil.walk_packages([str(core)], prefix="recovery_tui.core.")  # packages too
    modules = [info.name for info in found]
    assert set(DATA_LAYER) <= set(modules)
    assert "recovery_tui.core.index.store" in modules
    assert loaded_ui_modules(modules, exercise=False) == []


def test_the_check_itself_sees_textual_when_it_is_imported():
    # Guards against a check that could never fail (e.g. a wrong module name test).
    assert "textual" in loaded_ui_modules(["textual"], exercise=False)
