"""Hook: the page conventions editors follow (CONTRIBUTING.md), checked on every build.

Every mistake goes to the build's collector (sitekit/errors.py) with its file, line and fix.

- `on_nav`: reads every page's front matter and checks it: id (snake_case, unique), title and
  description (plain text), last_reviewed (ISO date), sources (known fact ids); that every page
  is in `nav:` in mkdocs.yml, and that every `nav:` entry names a page (mkdocs.yml's line and
  the closest page).
- `on_page_content` (after every other hook): notes each page's links and ids.
- `on_env` (after every page's Markdown became HTML, before any page is written): checks every
  link and anchor (sitekit/links.py: the line and the closest target), whatever MkDocs's flags;
  then stops the build if any mistake was reported, listing them all. Template filters
  `long_date` ("25 November 2026") and `iso_date`.
- `on_post_build`: stops the build for mistakes found while the pages were written.
- `on_page_markdown`: escapes the page's title and description once for every template that
  prints them (mkdocs-material prints them raw); appends the page's "Sources" section (links to /sources/#F52) built
  from its front matter, and gives generated pages that registered a review date (hooks/*.py
  `on_nav`) `page.meta["last_reviewed"]`, which site_templates/main.html shows.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

from sitekit import errors, links, pages, state

from triage.view import CHECKER_DIR

SOURCES_PAGE = "sources.md"
#: Generated pages that need not be in `nav:`: one page per checker state (hooks/checker_*.py).
NOT_IN_NAV_PREFIX = CHECKER_DIR  # the checker's generated pages (triage.URL_PREFIX)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    site = state.site_data()
    docs_name = Path(config.docs_dir).name
    by_id: dict[str, str] = {}
    for file in files.documentation_pages():
        if file.src_uri in build.prerendered:
            continue  # the site's own generated pages: hooks/generated_pages.py registers them
        info = pages.read_page(file, docs_name)
        pages.check_page(info, site.sources)
        build.pages[file.src_uri] = info
        if info.page_id:
            if info.page_id in by_id:
                errors.report(info.display, pages.key_line(info, "id"),
                              f"id {info.page_id!r} is also the id of {by_id[info.page_id]}",
                              "give each page its own id (ids are permanent: change the new page's)")
            else:
                by_id[info.page_id] = info.display
        for fact in info.sources:
            build.citations.setdefault(fact, []).append(  # the title is text in a Markdown link
                (str(escape(str(info.meta.get("title", info.page_id)))), file.src_uri, "")
            )
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in files.documentation_pages():
        if file.src_uri in in_nav:
            continue
        if file.generated_by and file.src_uri.startswith(NOT_IN_NAV_PREFIX):
            continue  # a checker state page, reached through the checker's own links
        errors.report(pages.display_path(file, docs_name), None, "the page is not in the site's navigation",
                      "add it under `nav:` in mkdocs.yml, in the section where readers will look for it")
    _check_nav_links(nav, config, files)
    return nav


def _check_nav_links(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    """A `nav:` entry that names no page becomes a Link; MkDocs only warns (and `-q` hides it)."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    known = [f.src_uri for f in files.documentation_pages()]
    todo = list(nav.items)
    while todo:
        item = todo.pop(0)
        todo.extend(getattr(item, "children", None) or [])
        if not isinstance(item, Link):
            continue
        parts = urlsplit(item.url)
        if parts.scheme or parts.netloc:
            continue  # a link to another website: fine in a menu
        match = re.search(rf"^[^#\n]*{re.escape(item.url)}", text, re.M)
        best = links.closest(item.url.lstrip("/"), known)
        errors.report(config_file.name, text.count("\n", 0, match.start()) + 1 if match else None,
                      f"the `nav:` entry `{item.url}` names no page in {Path(config.docs_dir).name}/",
                      (f"did you mean `{best}`? " if best else "")
                      + "name the page's file, relative to the docs folder (e.g. `review.md`)")


@event_priority(-100)  # after every other hook: the page's final content
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    found, ids = links.read(html)
    state.current().links[page.file.src_uri] = (found, ids | set(page.present_anchor_ids or ()))
    return html


@event_priority(-100)  # every page's content is ready; nothing has been written yet
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.filters["long_date"] = pages.long_date
    env.filters["iso_date"] = pages.iso_date
    _check_links(config, files)
    errors.stop_if_any()
    return env


def _check_links(config: MkDocsConfig, files: Files) -> None:
    build = state.current()
    docs_dir = Path(config.docs_dir)
    urls = {links.normal(f.url): f.src_uri for f in files}
    anchors = {src: ids for src, (_, ids) in build.links.items()}
    for file in files.documentation_pages():
        found, _ = build.links.get(file.src_uri, ([], set()))
        info = build.pages.get(file.src_uri)
        for link in found:
            broken = links.check(link, page_url=file.url, page_src=file.src_uri, urls=urls, anchors=anchors)
            if broken:
                where, line = pages.place_of(broken.needle, info, docs_dir,
                                             pages.display_path(file, docs_dir.name))
                errors.report(where, line, broken.problem, broken.fix)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    errors.stop_if_any()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for key in pages.PLAIN_TEXT:
        # Escaped once, here, for every template that prints it (the theme's print it raw).
        if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
            page.meta[key] = escape(page.meta[key])
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
