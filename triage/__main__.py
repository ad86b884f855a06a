"""`python -m triage`: see triage/cli.py."""
from __future__ import annotations

import os
import sys

from .cli import main
from .wording import WordingError


def run() -> int:
    """`main()`, with an editor's mistake or a closed pipe (`| head`) as an exit status, not a
    traceback."""
    try:
        status = main()
        sys.stdout.flush()  # inside the `try`: a closed pipe shows here, not at exit
        return status
    except WordingError as exc:  # an editor's mistake (source checkout): the message, not a traceback
        print(f"python -m triage: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped (`| head -3`). As Python's docs advise (library/signal.html, "Note on
        # SIGPIPE"): point stdout at devnull so the flush at exit cannot fail again, and exit 1.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(run())
