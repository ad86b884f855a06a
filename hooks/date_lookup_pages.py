"""Hook: the date table (triage/date_lookup.py) for this build, and the no-JavaScript date lookup.

- `on_files`: works out the table for the build's today (every date and date flag that each day
  of the window gives, for each date question), prints its window, and adds the lookup's pages
  (hooks/checker/date_pages.py): per date question `/checker/dates/<slug>/` (the months) and
  `/checker/dates/<slug>/YYYY-MM/` (each day and its dates), drawn by
  site_templates/checker/date_lookup.html. Not in `nav:` (pages under checker/ need not be):
  the checker's results link to them.
- `on_nav`: registers those pages with the other hooks (page id, review date).
- `on_page_markdown`: gives each lookup page its view (`page.meta["date_lookup"]`).

The checker's results link to the lookup through their view (hooks/checker/views.py adds
`date_lookups`, one link per date question a result's route skipped; checker-data.json has them
all, for the app), drawn by site_templates/checker/_macros.html's `date_lookups`.
- `on_post_build`: writes the table as checker/checker-dates.json (hooks/checker/datafile.py),
  read by the app (its URL, with its own content's hash as `?v=`, is in the checker pages'
  `<meta name="checker-dates">`).

Rebuild at least once a month (CONTRIBUTING.md): the window moves with the build's date.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import errors, generated, pages, state

from checker import datafile, date_pages
from checker.words import wording
from triage import date_lookup
from triage.dates import long_date

log = logging.getLogger("mkdocs.hooks.date_lookup")

_TABLE: dict[str, Any] = {}
_VIEWS: dict[str, dict[str, Any]] = {}   # lookup page's src_uri -> its view


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _TABLE, _VIEWS
    _TABLE = date_lookup.table(date.today())
    state.current().dates_version = datafile.content_version(_TABLE)  # of the bytes on_post_build writes
    log.info("Date lookup: %s to %s", long_date(date.fromisoformat(_TABLE["first"])),
             long_date(date.fromisoformat(_TABLE["last"])))
    words = wording()
    texts = date_pages.texts(Path(config.docs_dir).name)
    ui = words.interface["date_lookup"]
    labels = {name: entry.label for name, entry in words.dates.items()}
    _VIEWS = {}
    for question in _TABLE["questions"]:
        title, description, intro = (texts[question][k] for k in ("title", "description", "intro"))
        reviewed = pages.parse_date(words.questions[question].last_reviewed)
        _add(files, config, date_pages.index_path(question), date_pages.index_view(_TABLE, question, title, ui),
             generated.front_matter(id=date_pages.page_id(question), title=title, description=description,
                                    last_reviewed=reviewed, sources=[], template=date_pages.TEMPLATE,
                                    hide=["navigation", "toc"]) + intro + "\n")
        for month in date_pages.months(_TABLE):
            view = date_pages.month_view(_TABLE, question, month, title, labels, words.flags, ui)
            _add(files, config, date_pages.month_path(question, month), view,
                 generated.front_matter(id=date_pages.page_id(question, month),
                                        title=f"{view['month_text']}: {title}", description=description,
                                        last_reviewed=reviewed, sources=[], template=date_pages.TEMPLATE,
                                        hide=["navigation", "toc"], search={"exclude": True}))
    return files


def _add(files: Files, config: MkDocsConfig, path: str, view: dict[str, Any], content: str) -> None:
    src = path + "index.md"
    if files.get_file_from_path(src) is not None:  # reported; the build stops before writing pages
        errors.report(f"{Path(config.docs_dir).name}/{src}", None,
                      "this address is a page of the checker's date lookup", "move or rename the file")
        return
    files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    state.current().prerendered.add(src)
    _VIEWS[src] = view


@event_priority(-30)  # after hooks/page_checks.py has read every page's front matter
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    docs_name = Path(config.docs_dir).name
    for src in _VIEWS:
        file = files.get_file_from_path(src)
        if file is None or file.generated_by is None:  # pragma: no cover - an editor's file (reported)
            continue
        info = pages.read_page(file, docs_name)
        info.page_id = str(info.meta["id"])
        info.last_reviewed = pages.parse_date(info.meta.get("last_reviewed"))
        build.pages[src] = info
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    view = _VIEWS.get(page.file.src_uri)
    if view is not None:
        page.meta["date_lookup"] = view
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    out = datafile.write(config.site_dir, _TABLE, datafile.DATES_FILE)
    log.info("date lookup: %d pages; date table %s (%d bytes)", len(_VIEWS), datafile.DATES_FILE,
             out.stat().st_size)
