"""The view model of every checker page for this build: `triage.view.checker_data` with the site's parts.

The site adds the interface words, the version the app's URLs carry, each body as a node tree
(markdown_tree), and each date question's link to the date lookup (`date_lookups`). The result is what the templates read (`page_view`, as `page.meta.checker`) and,
unchanged, what checker/checker-data.json holds (datafile): one shape, triage/README.md.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import generated, glossary, state

from triage import view as triage_view
from triage.dates import long_date
from triage.draft import MAX_LENGTH
from checker import datafile, date_pages, markdown_tree
from checker.words import wording

#: Where the checker's wording lives, from the docs folder (bodies' links are written from there).
WORDING = {"questions": "checker/questions", "outcomes": "checker/outcomes"}
SOURCES_PAGE = "sources.md"


def checker_data(config: MkDocsConfig, files: Files, ui: dict[str, str], version: str,
                 today: date) -> dict[str, Any]:
    """Every state's view, the questions and outcomes they share, for the templates and the app."""
    words = wording()
    sources = files.get_file_from_path(SOURCES_PAGE)
    data = triage_view.checker_data(words, today, ui=ui,
                                    sources_page=sources.url if sources is not None else "sources/")
    data["version"] = version
    data["built_text"] = long_date(today, weekday=True)  # a printout's date without JavaScript
    data["markup"] = {"tags": sorted(markdown_tree.TAGS), "attributes": sorted(markdown_tree.ATTRIBUTES)}
    docs = config.docs_dir.rstrip("/").rsplit("/", 1)[-1]
    # Each date question's link to the date lookup without JavaScript (hooks/date_lookup_pages.py).
    data["date_lookups"] = date_pages.links(date_pages.texts(docs))
    renderer = _renderer(config, files)
    for kind, folder in WORDING.items():
        for item_id, item in data[kind].items():
            item["body"] = renderer.tree(item["body"], file=f"{docs}/{folder}/{item_id}.md", folder=folder)
    return data


def _renderer(config: MkDocsConfig, files: Files) -> markdown_tree.Renderer:
    target = files.get_file_from_path(generated.GLOSSARY)
    build = state.current()
    terms = build.glossary_terms
    if terms is None and target is not None:
        terms = build.glossary_terms = glossary.Terms(state.site_data().glossary)
    return markdown_tree.Renderer(config, files, terms, target.url if target is not None else None)


def page_view(data: dict[str, Any], key: str) -> dict[str, Any]:
    """What one state's template reads (`page.meta.checker`)."""
    view = {**triage_view.page_view(data, key), "version": data["version"], "data_file": datafile.DATA_FILE,
            "dates_file": datafile.DATES_FILE, "built_text": data["built_text"],
            "draft_max_length": MAX_LENGTH}
    if view["kind"] == "outcome":
        view["date_lookups"] = date_pages.outcome_links(view["skipped"], data["date_lookups"])
    return view


def start_view(data: dict[str, Any]) -> dict[str, Any]:
    """The checker's start page (an editors' page): the app's words and version only."""
    return {"kind": "start", "key": "", "ui": data["ui"], "version": data["version"],
            "data_file": datafile.DATA_FILE, "dates_file": datafile.DATES_FILE, "draft_max_length": MAX_LENGTH}
