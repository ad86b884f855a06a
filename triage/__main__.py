"""`python -m triage`: see triage/cli.py."""
from __future__ import annotations

import sys

from .cli import main
from .wording import WordingError

if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except WordingError as exc:  # an editor's mistake (source checkout): the message, not a traceback
        print(f"python -m triage: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
