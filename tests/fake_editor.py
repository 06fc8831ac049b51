"""A stand-in for $EDITOR: a small script that edits the file it is given, then records
what it saw (the path, its mode, the text it found) for the test to check."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

SCRIPT = r"""
import json, os, pathlib, stat, sys

here = pathlib.Path(__file__).parent
action, path = sys.argv[1], pathlib.Path(sys.argv[-1])
record = {
    "path": str(path),
    "mode": stat.S_IMODE(path.stat().st_mode),
    "folder_mode": stat.S_IMODE(path.parent.stat().st_mode),
    "before": path.read_text("utf-8"),
}
(here / "record.json").write_text(json.dumps(record), "utf-8")
if action == "append":  # like vi: every line ends with a newline, one more line added
    text = path.read_text("utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + (here / "line.txt").read_text("utf-8") + "\n", "utf-8")
elif action == "write":  # the exact bytes of new.bin
    path.write_bytes((here / "new.bin").read_bytes())
elif action == "fail":
    sys.exit(1)
elif action == "write-fail":  # like vim after :wq when an error happened in the session
    path.write_bytes((here / "new.bin").read_bytes())
    os.chmod(path, 0o644)  # as if saved as a new file under a common umask
    sys.exit(1)
elif action == "delete":
    path.unlink()
"""


class FakeEditor:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.script = folder / "fake_editor.py"
        self.script.write_text(SCRIPT, "utf-8")

    def command(self, action: str) -> str:
        """A value for $EDITOR, with arguments, as `code --wait` would be."""
        return shlex.join([sys.executable, str(self.script), action])

    def will_append(self, line: str) -> None:
        (self.folder / "line.txt").write_text(line, "utf-8")

    def will_write(self, data: bytes) -> None:
        (self.folder / "new.bin").write_bytes(data)

    @property
    def record(self) -> dict[str, Any]:
        return json.loads((self.folder / "record.json").read_text("utf-8"))

    @property
    def ran(self) -> bool:
        return (self.folder / "record.json").exists()
