"""Helpers shared by the site's MkDocs hooks.

Not a hook itself: MkDocs runs only the files listed under `hooks:` in mkdocs.yml. Each hook
imports what it needs from here; the state of one build lives in `sitekit.state`.
"""
from __future__ import annotations

import sys
from pathlib import Path

#: The project's root folder (the one holding mkdocs.yml).
ROOT = Path(__file__).resolve().parents[2]

# Build with this project's own `triage` package, even from a copy of the project (the tests
# build copies), ahead of any installed one.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
