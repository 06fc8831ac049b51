"""``python -m recovery_tui``: the same as the ``recovery-tui`` command."""

import sys

from recovery_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
