"""What the service worker keeps on the device, read from the built site's files.

Two lists, each entry the file's address (relative to the site's root, as a page links it:
"review/" for review/index.html) and its revision (a hash of its bytes):

- `precache`: kept at the first visit to any page: every guidance page, the site's styles and
  scripts, the search index, the checker's start page, first question and flow page, its app and
  its data files. About 0.4 MB over the network (compressed), once.
- `on_use`: the checker's engine (checker/pyodide/, about 7 MB compressed): kept when the checker
  uses it (from the page's own download), never downloaded because some other page was opened
  (decisions/service-worker.md).

Nothing else is listed: the checker's per-state pages and its date lookup pages exist for people
without JavaScript, and a service worker never runs without it; source maps are for developers;
the other languages' search files are never loaded by an English site; `.gz`/`.br` copies are
the server's business (the browser asks for the address, the server picks the copy).

The version is a hash of both lists and of the worker's own code, so any change to any listed
file, or to the worker, makes a new worker; an unchanged build makes the same worker, which the
browser then does not reinstall.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: The checker's folder in the site, its engine's folder and its data files.
CHECKER = "checker/"
ENGINE = CHECKER + "pyodide/"
CHECKER_DATA = CHECKER + "checker-data.json"
#: Pages under checker/ that are kept: the start page and the flow page. Every other page there
#: is a checker state or a date lookup page (for people without JavaScript), except the first
#: question (`first_question`, from triage), which the start page's "Start now" links to.
CHECKER_PAGES = ("checker/index.html", "checker/flow/index.html")
#: Never kept: compressed copies, source maps, the server's configuration, the worker itself,
#: the sitemap, the search's other languages.
_SKIP_SUFFIXES = (".gz", ".br", ".map")
_SKIP_DIRS = ("_nginx/", "assets/javascripts/lunr/")
_SKIP_FILES = ("sw.js", "sitemap.xml")
#: Length of a revision (hex digits of the file's sha256): enough that two versions of a file
#: never share one, short enough to keep the worker small.
REVISION_DIGITS = 16


@dataclass(frozen=True)
class Manifest:
    precache: dict[str, str]   # address -> revision
    on_use: dict[str, str]     # address -> revision
    query: str                 # the one query string a kept address may carry ("?v=<checker version>")
    version: str               # hash of everything above and of the worker's code

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "query": self.query, "precache": self.precache,
                           "onUse": self.on_use, "checker": CHECKER, "startPage": CHECKER,
                           "engine": ENGINE},
                          sort_keys=True, separators=(",", ":"))


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:REVISION_DIGITS]


def address(rel: str) -> str:
    """A file's address as pages link it: "review/index.html" -> "review/", "index.html" -> ""."""
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _listed(rel: str, first_question: str) -> str | None:
    """"precache", "on_use" or None for the file at `rel` (POSIX, relative to the site)."""
    if rel.endswith(_SKIP_SUFFIXES) or rel.startswith(_SKIP_DIRS) or rel in _SKIP_FILES:
        return None
    if rel.startswith(ENGINE):
        return "on_use"
    if rel.startswith(CHECKER):
        if rel.endswith(".html"):
            return "precache" if rel in CHECKER_PAGES or rel == first_question else None
        return "precache" if PurePosixPath(rel).parent.as_posix() + "/" == CHECKER else None
    return "precache"


def checker_query(site_dir: Path) -> str:
    """The query the checker's pages add to its files' addresses: "?v=" and the version its data
    file names (hooks/checker/datafile.py), or "" if the site has no checker data."""
    try:
        version = json.loads((site_dir / CHECKER_DATA).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return f"?v={version}" if isinstance(version, str) and version.isalnum() else ""


def build_manifest(site_dir: Path, worker_source: str, first_question: str) -> Manifest:
    """The manifest of the built site in `site_dir`. `first_question` is the first question's page
    ("checker/start/index.html"); `worker_source` the worker's code (part of the version)."""
    lists: dict[str, dict[str, str]] = {"precache": {}, "on_use": {}}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        kind = _listed(rel, first_question)
        if kind:
            lists[kind][address(rel)] = revision(path.read_bytes())
    query = checker_query(site_dir)
    digest = hashlib.sha256(worker_source.encode("utf-8"))
    digest.update(json.dumps([lists, query], sort_keys=True).encode("utf-8"))
    return Manifest(lists["precache"], lists["on_use"], query, digest.hexdigest()[:REVISION_DIGITS])


def total_bytes(site_dir: Path, addresses: Iterable[str]) -> int:
    """Bytes of the files at `addresses` (uncompressed), for the build's log."""
    return sum((site_dir / (item + "index.html" if item == "" or item.endswith("/") else item)).stat().st_size
               for item in addresses)
