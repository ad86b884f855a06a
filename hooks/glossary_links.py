"""Hook: link the first use of each glossary term on a page to /glossary/#<term id>.

- `on_page_content`: works on the page's HTML (see sitekit/glossary.py for what is skipped:
  links, headings, code, contact blocks ...). The glossary page itself is left alone.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitekit import generated, glossary, state


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == generated.GLOSSARY:
        return html
    target = files.get_file_from_path(generated.GLOSSARY)
    if target is None:
        return html
    build = state.current()
    terms = build.glossary_terms
    if terms is None:
        terms = build.glossary_terms = glossary.Terms(state.site_data().glossary)
    linked, count = glossary.link_terms(html, terms, target.url_relative_to(page.file))
    build.counters.glossary_links += count
    return linked
