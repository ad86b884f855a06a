"""Hook: security and privacy of every page (CONTRIBUTING.md, "Privacy and security").

- `on_files`: only the file types the site needs may be under content/ (`ALLOWED_SUFFIXES`):
  Markdown, the YAML data files and raster images. Anything else is copied into the site as it
  is, and a browser runs script in an SVG, an HTML or XML file or a .js file on the site's
  origin; each such file is reported with its name and the fix.
- `on_nav`: the checker's wording (titles, hints, options, messages, summaries) is plain text
  (sitekit/policy.py); each breach is reported with its file and line.
- `on_page_content` (before the glossary links): the content policy (sitekit/policy.py) over
  each page's HTML: no scripts, styles, frames, objects, forms, meta or base elements, no `on…`
  attributes or `javascript:` links, nothing loaded from another origin. Each breach is reported
  to the build's collector (sitekit/errors.py) with the editor's file, line and fix.
- `on_env`: reads the inline scripts the site's templates may write (sitekit/csp.py,
  `TEMPLATE_SCRIPTS`).
- `on_post_page` / `on_post_template` (404.html), last: fills in the Content-Security-Policy
  meta of site_templates/main.html with the hashes of those template scripts the page holds
  ('wasm-unsafe-eval' and worker-src only on /checker/ pages; 'unsafe-inline' only under
  `mkdocs serve`); any other inline script stops the build. Marks `<body>` with the page's id:
  `<body data-page-id="review" ...>` (404: "not_found"). Records each page's policy by its file
  in the site (`state.current().page_policies`) for hooks/server_headers.py.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitekit import csp, errors, pages, policy, state

CHECKER_PREFIX = "checker/"
#: The file types allowed under content/ (lower case): pages, data files and images a browser
#: only draws. Not SVG (it can hold scripts), HTML, XML, JavaScript, PDF or anything else.
ALLOWED_SUFFIXES = frozenset({".md", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
_BODY = re.compile(r"<body\b", re.I)
#: The checker's wording printed as text (a question's or an outcome's fields).
_PLAIN_WORDING = ("title", "hint", "summary", "unknown_label", "options", "option_hints", "errors")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir).resolve()
    for file in files:
        source = Path(file.abs_src_path or "").resolve() if file.abs_src_path else None
        if file.generated_by or source is None or not source.is_relative_to(docs_dir):
            continue  # the theme's and the hooks' own files
        if source.suffix.lower() not in ALLOWED_SUFFIXES:
            errors.report(f"{Path(config.docs_dir).name}/{file.src_uri}", None,
                          f"a `{source.suffix or source.name}` file cannot be published: only pages (.md), "
                          "data (.yml) and images (.png, .jpg, .jpeg, .gif, .webp) may be under content/ "
                          "(a browser can run code in other files, such as .svg, .html, .xml or .js)",
                          "delete the file, or save the image as .png or .jpg; write a page in Markdown; "
                          "ask a developer for anything else")
    errors.stop_if_any()
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    wording = state.site_data().wording
    root = Path(config.config_file_path).resolve().parent
    for text in [*wording.questions.values(), *wording.outcomes.values()]:
        for key in _PLAIN_WORDING:
            value = getattr(text, key, None)
            values = value.values() if isinstance(value, dict) or hasattr(value, "values") else [value]
            for item in values:
                if isinstance(item, str) and (breach := policy.plain_text(key, item)):
                    _report_in_file(str(text.path), breach, root)
    return nav


def _report_in_file(path: str, breach: policy.Breach, root: Path) -> None:
    file = Path(path)
    file = file if file.is_absolute() else root / file
    try:
        source = file.read_text(encoding="utf-8")
        shown = file.resolve().relative_to(root).as_posix()
    except (OSError, ValueError):
        source, shown = "", path
    errors.report(shown, policy.locate(source, breach.needle), breach.problem, breach.fix)


@event_priority(50)  # before hooks/glossary_links.py: only what the page itself holds
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    breaches = policy.check_html(html)
    if breaches:
        docs_dir = Path(config.docs_dir)
        info = state.current().pages.get(page.file.src_uri)
        fallback = pages.display_path(page.file, docs_dir.name)
        for breach in breaches:
            file, line = pages.place_of(breach.needle, info, docs_dir, fallback)
            errors.report(file, line, breach.problem, breach.fix)
    return html


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    state.current().template_scripts = csp.TemplateScripts(env)
    return env


@event_priority(-100)  # last: the policy must see the page's final HTML
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    page_id = str(page.meta.get("id") or "")
    return _secure(output, page_id=page_id, checker=page.url.startswith(CHECKER_PREFIX),
                   name=page.file.src_uri, uri="/" + page.file.dest_uri,
                   base_url=get_relative_url(".", page.url), config=config)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    return _secure(output_content, page_id="not_found", checker=False, name=template_name,
                   uri="/" + template_name, base_url=urlsplit(config.site_url or "/").path, config=config)


def _secure(output: str, *, page_id: str, checker: bool, name: str, uri: str, base_url: str,
            config: Any) -> str:
    """The page with its policy filled in and its id on <body>; the policy is recorded under `uri`,
    the page's file in the site ("/review/index.html")."""
    build = state.current()
    if output.count(csp.PLACEHOLDER) != 1:
        errors.stop(name, None, "the page has no Content-Security-Policy placeholder",
                    "keep the CSP <meta> in site_templates/main.html's site_meta block")
    scripts = build.template_scripts or csp.TemplateScripts(config.theme.get_env())
    allowed = scripts.allowed(base_url=base_url, config=config)
    found = csp.inline_scripts(output)
    for body in csp.unknown_scripts(found, allowed):
        errors.report(name, None, f"an inline script no listed template writes: {body.strip()[:60]!r}",
                      "put the script in a file under site_templates/assets/; if a theme template "
                      "writes it, add that template to TEMPLATE_SCRIPTS in hooks/sitekit/csp.py")
    output = _BODY.sub(f'<body data-page-id="{html_lib.escape(page_id)}"', output, count=1)
    policy_text = csp.policy(found, allowed=allowed, checker=checker, serving=build.serving)
    build.page_policies[uri] = policy_text
    return output.replace(csp.PLACEHOLDER, f'content="{policy_text}"')
