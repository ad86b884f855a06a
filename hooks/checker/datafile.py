"""checker/checker-data.json: the view model of every state (hooks/checker/views.py), serialised;
and checker/checker-dates.json, the date table (triage/date_lookup.py).

The app fetches it once with its own files, so no request is ever needed again to move from one
step to the next. `version` is a hash of everything the app and its data are made from: the app's
URLs carry it (`?v=`), so a browser never mixes an old app with new data.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from triage.view import CHECKER_DIR

#: The data file the app reads (relative to the site's root).
DATA_FILE = CHECKER_DIR + "checker-data.json"
#: The date table the app reads (relative to the site's root), with the same version on its URL.
DATES_FILE = CHECKER_DIR + "checker-dates.json"
ASSETS = ("assets/checker/app.js", "assets/checker/worker.js", "assets/checker/theme.js",
          "assets/checker/checker.css")


def version(root: Path) -> str:
    """A short hash of the app's files, the engine and the checker's wording."""
    digest = hashlib.sha256()
    for rel in ASSETS:
        path = root / "site_templates" / rel
        digest.update(path.read_bytes() if path.is_file() else b"")
    for path in sorted((root / "triage").glob("*.*")) + sorted((root / "content" / "checker").rglob("*.md")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def write(site_dir: str, data: dict[str, Any], name: str = DATA_FILE) -> Path:
    """Write a data file (`DATA_FILE` or `DATES_FILE`) into the built site; return its path."""
    out = Path(site_dir) / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return out
