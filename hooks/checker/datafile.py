"""checker/checker-data.json: the view model of every state (hooks/checker/views.py), serialised;
and checker/checker-dates.json, the date table (triage/date_lookup.py).

The app fetches it once with its own files, so no request is ever needed again to move from one
step to the next. `version` is a hash of everything the app and its data are made from: the app's
URLs carry it (`?v=`), so a browser never mixes an old app with new data. The date table changes
with the build's date, not only with the code: its URL carries its own content's hash instead
(`content_version`), the first digits of the revision the service worker gives it
(hooks/offline/manifest.py), so a new table is a new address and the worker knows it as the same
file.
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


#: Hex digits of a version (of a sha256): the app's and the date table's alike.
VERSION_DIGITS = 12


def version(root: Path) -> str:
    """A short hash of the app's files, the engine and the checker's wording."""
    digest = hashlib.sha256()
    for rel in ASSETS:
        path = root / "site_templates" / rel
        digest.update(path.read_bytes() if path.is_file() else b"")
    for path in sorted((root / "triage").glob("*.*")) + sorted((root / "content" / "checker").rglob("*.md")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:VERSION_DIGITS]


def serialise(data: dict[str, Any]) -> bytes:
    """A data file's bytes, exactly as `write` writes them."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_version(data: dict[str, Any]) -> str:
    """The version of a data file whose content changes with the build's date (the date table):
    a short hash of its bytes as written."""
    return hashlib.sha256(serialise(data)).hexdigest()[:VERSION_DIGITS]


def write(site_dir: str, data: dict[str, Any], name: str = DATA_FILE) -> Path:
    """Write a data file (`DATA_FILE` or `DATES_FILE`) into the built site; return its path."""
    out = Path(site_dir) / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(serialise(data))
    return out
