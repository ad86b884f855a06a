"""Hook: security and privacy of every page, applied to the final HTML (runs after every other hook).

- `on_post_page` / `on_post_template` (404.html): fills in the Content-Security-Policy meta of
  site_templates/main.html (see sitekit/csp.py: hashes of the inline scripts; 'wasm-unsafe-eval'
  and worker-src only on /checker/ pages; 'unsafe-inline' only under `mkdocs serve`), and marks
  `<body>` with the page's id: `<body data-page-id="review" ...>` (404: "not_found").
"""
from __future__ import annotations

import html as html_lib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitekit import csp, state

CHECKER_PREFIX = "checker/"
_BODY = re.compile(r"<body\b", re.I)


@event_priority(-100)  # last: the policy must see the page's final HTML
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    page_id = str(page.meta.get("id") or "")
    return _secure(output, page_id=page_id, checker=page.url.startswith(CHECKER_PREFIX), name=page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    return _secure(output_content, page_id="not_found", checker=False, name=template_name)


def _secure(output: str, *, page_id: str, checker: bool, name: str) -> str:
    if output.count(csp.PLACEHOLDER) != 1:
        raise PluginError(
            f"{name}: the page has no Content-Security-Policy placeholder.\n"
            "  Fix: keep the CSP <meta> in site_templates/main.html's site_meta block."
        )
    output = _BODY.sub(f'<body data-page-id="{html_lib.escape(page_id)}"', output, count=1)
    policy = csp.policy(output, checker=checker, serving=state.current().serving)
    return output.replace(csp.PLACEHOLDER, f'content="{policy}"')
