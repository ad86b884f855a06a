"""Hook: the site's service worker, /sw.js (hooks/offline/; why: decisions/service-worker.md).

- `on_env`: tells the templates whether this build registers it (`service_worker`): a built site
  does; `mkdocs serve` never does, so an editor's preview is never a kept, stale copy.
  site_templates/main.html then gives the site's script (assets/javascripts/app.js) the worker's
  address as `data-service-worker`; without it, the script removes any worker of this origin.
- `on_post_build` (built sites only), after every file of the site is written and before
  hooks/precompress.py: writes sw.js, hooks/offline/sw.js with the manifest of the built files
  (hooks/offline/manifest.py), whose hash is the worker's version, and logs what it keeps.
"""
from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
import triage
from sitekit import errors, state

from offline import manifest

log = logging.getLogger("mkdocs.hooks.service_worker")

SOURCE = Path(__file__).resolve().parent / "offline" / "sw.js"
#: Where the worker goes: the site's root, so that its scope is the whole site.
TARGET = "sw.js"
MARKER = "/* MANIFEST */ null"


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.globals["service_worker"] = TARGET if not state.current().serving else ""
    return env


def first_question() -> str:
    """The first question's page in the site ("checker/start/index.html")."""
    return triage.START_URL.lstrip("/") + "index.html"


def worker_source(site_dir: Path) -> tuple[str, manifest.Manifest]:
    """sw.js for the built site in `site_dir`, and its manifest."""
    source = SOURCE.read_text(encoding="utf-8")
    if source.count(MARKER) != 1:
        errors.stop(str(SOURCE), None, f"the worker must hold the marker {MARKER!r} exactly once",
                    "put it back where the manifest goes: const MANIFEST = /* MANIFEST */ null;")
    found = manifest.build_manifest(site_dir, source, first_question())
    return source.replace(MARKER, found.to_json()), found


@event_priority(-180)  # after every hook that writes files; before hooks/precompress.py (-200)
def on_post_build(config: MkDocsConfig) -> None:
    if state.current().serving:
        return
    site_dir = Path(config.site_dir)
    text, found = worker_source(site_dir)
    (site_dir / TARGET).write_text(text, encoding="utf-8")
    log.info("Service worker %s: keeps %d files (%.1f MB) at the first visit and %d engine files "
             "(%.1f MB) when the checker is used", found.version, len(found.precache),
             manifest.total_bytes(site_dir, found.precache) / 1e6, len(found.on_use),
             manifest.total_bytes(site_dir, found.on_use) / 1e6)
