"""Hook: the page conventions editors follow (CONTRIBUTING.md), checked on every build.

- `on_nav`: reads every page's front matter and checks it: id (snake_case, unique), title,
  description, last_reviewed (ISO date), sources (known fact ids); and that every page is in
  `nav:` in mkdocs.yml. All mistakes are listed at once, each with the file and the fix.
- `on_env`: template filters `long_date` ("25 November 2026") and `iso_date`.
- `on_page_markdown`: appends the page's "Sources" section (links to /sources/#F52) built
  from its front matter, and gives generated pages that registered a review date (hooks/*.py
  `on_nav`) `page.meta["last_reviewed"]`, which site_templates/main.html shows.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitekit import pages, state
from sitekit.errors import Problems

from triage.view import CHECKER_DIR

SOURCES_PAGE = "sources.md"
#: Generated pages that need not be in `nav:`: one page per checker state (hooks/checker_*.py).
NOT_IN_NAV_PREFIX = CHECKER_DIR  # the checker's generated pages (triage.URL_PREFIX)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    site = state.site_data()
    docs_name = Path(config.docs_dir).name
    problems = Problems()
    by_id: dict[str, str] = {}
    for file in files.documentation_pages():
        if file.src_uri in build.prerendered:
            continue  # the site's own generated pages: hooks/generated_pages.py registers them
        info = pages.read_page(file, docs_name)
        pages.check_page(info, site.sources, problems)
        build.pages[file.src_uri] = info
        if info.page_id:
            if info.page_id in by_id:
                problems.add(info.display, f"id {info.page_id!r} is also the id of {by_id[info.page_id]}",
                             "give each page its own id (ids are permanent: change the new page's)")
            else:
                by_id[info.page_id] = info.display
        for fact in info.sources:
            build.citations.setdefault(fact, []).append(
                (str(info.meta.get("title", info.page_id)), file.src_uri, "")
            )
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in files.documentation_pages():
        if file.src_uri in in_nav:
            continue
        if file.generated_by and file.src_uri.startswith(NOT_IN_NAV_PREFIX):
            continue  # a checker state page, reached through the checker's own links
        problems.add(pages.display_path(file, docs_name), "the page is not in the site's navigation",
                     "add it under `nav:` in mkdocs.yml, in the section where readers will look for it")
    problems.raise_if_any("Page conventions")
    return nav


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.filters["long_date"] = pages.long_date
    env.filters["iso_date"] = pages.iso_date
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    info = state.current().pages.get(page.file.src_uri)
    if info is None:
        return markdown
    if not page.meta.get("last_reviewed") and info.last_reviewed:
        # A generated page registered its review date without front matter: show it anyway.
        page.meta["last_reviewed"] = info.last_reviewed
    if not info.sources:
        return markdown
    site = state.site_data()
    link = pages.relative_link(SOURCES_PAGE, page.file.src_uri)
    items = "\n".join(
        f"- [{fact}]({link}#{fact}): {site.sources[fact]['summary']}" for fact in info.sources
    )
    return (
        f"{markdown.rstrip()}\n\n"
        f'<section class="app-page-sources" data-no-glossary markdown="1">\n\n'
        f"## Sources {{#page-sources}}\n\n"
        f"The facts this page relies on. Each links to where it comes from.\n\n"
        f"{items}\n\n</section>\n"
    )
