"""Hook: the site's generated pages, built from data on every build.

- `on_files`: adds glossary.md (/glossary/), sources.md (/sources/) and where-to-complain.md
  (/where-to-complain/) as virtual pages (`File.generated`), so `nav:` and links can name them.
- `on_nav` (after hooks/page_checks.py has read every page): writes their Markdown, with the
  title, description and intro from content/_data/generated_pages.yml:
  the glossary from content/_data/glossary.yml; the sources from content/_data/sources.yml with,
  for each fact, the pages and checker outcomes that cite it; the where-to-complain table from
  the checker's flow and wording (one row per outcome: title, summary, contacts).
  Their "last reviewed" is the newest review date of what they are built from.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from sitekit import errors, generated, pages, state, templating

PAGES = {
    generated.GLOSSARY: ("glossary", "Glossary"),
    generated.SOURCES: ("sources", "Sources"),
    generated.WHERE: ("where_to_complain", "Where to complain"),
}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = state.current()
    docs_name = Path(config.docs_dir).name
    for src_uri, (page_id, title) in PAGES.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            errors.stop(
                f"{docs_name}/{src_uri}", None, "this page is generated from data, so it cannot also be a file",
                "remove the file; change the data it is built from instead (see CONTRIBUTING.md)",
            )
        files.append(File.generated(config, src_uri, content=generated.placeholder(page_id, title)))
        build.prerendered.add(src_uri)
    return files


@event_priority(-10)  # after hooks/page_checks.py has read every page's front matter
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    site = state.site_data()
    docs_name = Path(config.docs_dir).name
    context = templating.page_context(site.rules, site.contacts, build.counters)
    ids = {info.page_id: info.display for info in build.pages.values() if info.page_id}

    outcome_dates = []
    for outcome_id in site.flow.outcomes:
        text = site.wording.outcomes[outcome_id]
        outcome_dates.append(pages.parse_date(text.last_reviewed))
        for fact in text.sources:
            build.citations.setdefault(fact, []).append(
                (f"Checker result: {escape(text.title)}", generated.WHERE, f"outcome-{outcome_id}"))
    page_dates = [info.last_reviewed for info in build.pages.values()]
    fallback = generated.newest(page_dates) or date.today()

    texts, texts_file = site.generated_pages, f"{docs_name}/_data/generated_pages.yml"
    try:
        contents = {
            generated.GLOSSARY: generated.glossary(
                site.glossary, context, data_file=f"{docs_name}/_data/glossary.yml", reviewed=fallback,
                texts=texts["glossary"], texts_file=texts_file),
            generated.SOURCES: generated.sources(
                site.sources, build.citations, context,
                reviewed=generated.newest([*page_dates, *outcome_dates]) or fallback,
                texts=texts["sources"], texts_file=texts_file),
            generated.WHERE: generated.where_to_complain(
                site.flow, site.wording, site.contacts, context,
                reviewed=generated.newest(outcome_dates) or fallback,
                texts=texts["where_to_complain"], texts_file=texts_file),
        }
    except errors.Problem as exc:  # template code in the data: stop with everything found so far
        errors.current().add(exc.error)
        errors.stop_if_any()
        raise
    for src_uri, text in contents.items():
        page_id, _ = PAGES[src_uri]
        if page_id in ids:
            errors.report(ids[page_id], None, f"id {page_id!r} belongs to a generated page",
                          "give this page another id")
        file = files.get_file_from_path(src_uri)
        assert file is not None
        file.content_string = text
        info = pages.read_page(file, docs_name)
        info.page_id = page_id
        info.last_reviewed = pages.parse_date(info.meta.get("last_reviewed"))
        build.pages[src_uri] = info
    return nav
