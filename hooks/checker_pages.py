"""Hook: the checker without JavaScript (one page per state) and the data its in-browser twin reads.

The MkDocs events only; each job is a module of hooks/checker/ (its __init__ lists them).

- `on_files`: works out every state's view (hooks/checker/views.py, from `triage.view`) and adds
  one generated page per state (hooks/checker/states.py).
- `on_nav`: registers those pages with the other hooks (page id, review date).
- `on_page_markdown`: gives each checker page its view (`page.meta["checker"]`, read by
  site_templates/checker/*.html); the checker's start page (checker/index.md) gets the template
  checker/start.html, which loads the app on it too.
- `on_post_page`: marks an outcome page's `<main>` with `data-outcome="<id>"`.
- `on_post_build`: writes checker/checker-data.json, the same views serialised (datafile.py).

The HTML contract (tests and scripts rely on it, see triage/README.md): each answer link is
`<a data-value="<value>">` inside an element with `data-question="<id>"`; an outcome's `<main>`
carries `data-outcome="<id>"`; the checker's root is `<div id="checker">`.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import errors, pages, state

from checker import datafile, states, views, words

log = logging.getLogger("mkdocs.hooks.checker")

ROOT = Path(__file__).resolve().parents[1]

_DATA: dict[str, Any] = {}
_BY_SRC: dict[str, str] = {}  # generated page's src_uri -> state key


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _DATA, _BY_SRC
    _DATA = views.checker_data(config, files, words.interface_words(), datafile.version(ROOT), date.today())
    _BY_SRC = states.add_pages({key: views.page_view(_DATA, key) for key in _DATA["states"]}, files, config,
                               Path(config.docs_dir).name)
    state.current().prerendered.update(_BY_SRC)
    return files


@event_priority(-20)  # after hooks/page_checks.py and hooks/generated_pages.py
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    docs_name = Path(config.docs_dir).name
    taken = {info.page_id: info for info in build.pages.values() if info.page_id}
    for src_uri, key in _BY_SRC.items():
        file = files.get_file_from_path(src_uri)
        if file is None:  # pragma: no cover - another hook removed it
            continue
        page_id = states.page_id(key)
        if page_id in taken:
            errors.report(taken[page_id].display, pages.key_line(taken[page_id], "id"),
                          f"id {page_id!r} belongs to a checker page", "give that page another id")
            # reported: the build goes on to list every mistake, and stops before any page is written
        info = pages.read_page(file, docs_name)
        info.page_id = page_id
        view = views.page_view(_DATA, key)
        info.last_reviewed = pages.parse_date((view.get("o") or view.get("q"))["last_reviewed"])
        build.pages[src_uri] = info
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if src == words.START_PAGE:
        page.meta.setdefault("template", states.TEMPLATES["start"])
        page.meta["checker"] = views.start_view(_DATA)
    elif src in _BY_SRC:
        page.meta["checker"] = views.page_view(_DATA, _BY_SRC[src])
    else:
        return markdown
    # The date table's own version (its content changes with the build's date, not the app's).
    page.meta["checker"]["dates_version"] = state.current().dates_version
    return markdown


_MAIN = re.compile(r"<main\b", re.I)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    key = _BY_SRC.get(page.file.src_uri)
    outcome = _DATA["states"][key].get("outcome") if key is not None else None
    if outcome is None or re.search(r"<main\b[^>]*\sdata-outcome=", output):
        return output
    return _MAIN.sub(f'<main data-outcome="{escape(outcome)}"', output, count=1)


def on_post_build(config: MkDocsConfig) -> None:
    out = datafile.write(config.site_dir, _DATA)
    kinds = [s["kind"] for s in _DATA["states"].values()]
    log.info("checker: %d pages (%d questions, %d outcomes), %s (%d bytes)", len(kinds),
             kinds.count("question"), kinds.count("outcome"), datafile.DATA_FILE, out.stat().st_size)
    log.info("checker: %s", printout_address(config.site_url))


def printout_address(site_url: str | None) -> str:
    """Which address a result printed without JavaScript carries (mkdocs.yml's site_url, from
    SITE_URL), and a reminder when it is this machine's, not a host's."""
    if not site_url:
        return "a result printed without JavaScript carries no site address (set SITE_URL)"
    local = urlsplit(site_url).hostname in ("127.0.0.1", "localhost", "::1")
    return (f"a result printed without JavaScript carries the address {site_url}"
            + (" (a local address: build with SITE_URL=<the public address> for a host)" if local else ""))
