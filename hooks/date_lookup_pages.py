"""Hook: the date table (triage/date_lookup.py) for this build, and the no-JavaScript date lookup.

- `on_files`: works out the table for the build's today (every date and date flag that each day
  of the window gives, for each date question) and prints its window.
- `on_post_build`: writes it as checker/checker-dates.json (hooks/checker/datafile.py), read by
  the app (its URL, with the app's version, is in the checker pages' `<meta name="checker-dates">`).
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)

from checker import datafile
from triage import date_lookup
from triage.dates import long_date

log = logging.getLogger("mkdocs.hooks.date_lookup")

_TABLE: dict[str, Any] = {}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _TABLE
    _TABLE = date_lookup.table(date.today())
    log.info("Date lookup: %s to %s", long_date(date.fromisoformat(_TABLE["first"])),
             long_date(date.fromisoformat(_TABLE["last"])))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    out = datafile.write(config.site_dir, _TABLE, datafile.DATES_FILE)
    log.info("date table: %s (%d bytes)", datafile.DATES_FILE, out.stat().st_size)
