"""A FIFO that can't hang a test: code that opens it to read gets an empty file at once."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def harmless_fifo(path: Path) -> Iterator[Path]:
    """Make a FIFO at `path`. A helper thread opens it for writing whenever something opens
    it for reading, and closes it at once: a reader that should never have opened it reads
    an empty file (and the test fails) instead of waiting forever."""
    os.mkfifo(path)
    stop = threading.Event()

    def feed() -> None:
        while not stop.is_set():
            fd = os.open(path, os.O_WRONLY)  # waits for a reader
            os.close(fd)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        yield path
    finally:
        stop.set()
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the feeder's open return
        try:
            feeder.join(timeout=5)
        finally:
            os.close(reader)
