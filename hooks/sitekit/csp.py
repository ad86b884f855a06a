"""The Content-Security-Policy of every page: 'self' plus a hash of each inline script the
site's templates write, from a list fixed here (`TEMPLATE_SCRIPTS`), never of whatever inline
script the final HTML holds: content can never add one.

At build start (`TemplateScripts(env)`, hooks/security.py `on_env`), the `<script>` bodies of the
listed template files are read from the theme (site_templates/ first, then mkdocs-material) and
compiled; for each page they are rendered with its `base_url` (mkdocs-material's first script
names it), hashed, and a page's policy lists the hashes of those of them it holds. Any other
inline script in a page stops the build (`unknown_scripts`). The policy text lives here only.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import jinja2

#: The template's stand-in, replaced by the policy (site_templates/main.html).
PLACEHOLDER = 'content="app-csp-placeholder"'

#: The only templates whose inline scripts may run: mkdocs-material's (version 9) partials. Our
#: own templates write none (scripts are files under site_templates/assets/). A theme upgrade
#: that adds an inline script elsewhere stops the build until it is listed here.
TEMPLATE_SCRIPTS = (
    "partials/javascripts/base.html",      # __md_scope, __md_get/__md_set (local storage helpers)
    "partials/javascripts/content.html",   # opens the tab a #link points at
    "partials/javascripts/announce.html",  # (only with an announcement bar)
    "partials/javascripts/outdated.html",  # (only with versioning)
    "partials/javascripts/palette.html",   # (only with a palette toggle)
    "partials/javascripts/consent.html",   # (only with a cookie consent)
)

_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript"}


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script in `html` the browser would run, in order (JSON data
    blocks are not run).

    A pattern, not a parser: 3x faster over whole pages, and a mistake either way fails closed
    (a script found that is not one, and not listed, stops the build; one missed is not
    hashed, so the browser refuses it). Content itself is checked with a parser (policy.py).
    """
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            found.append(body)
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class TemplateScripts:
    """The inline scripts of `TEMPLATE_SCRIPTS`, read from the theme once per build."""

    def __init__(self, env: jinja2.Environment, names: tuple[str, ...] = TEMPLATE_SCRIPTS) -> None:
        self.templates: list[jinja2.Template] = []
        self._by_base_url: dict[str, set[str]] = {}
        for name in names:
            try:
                source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                continue  # a theme version without it writes no such script
            self.templates.extend(env.from_string(body) for body in inline_scripts(source))

    def allowed(self, *, base_url: str, config: Any) -> set[str]:
        """Each listed script as it reads on a page at `base_url` (relative path to the root)."""
        if base_url not in self._by_base_url:
            self._by_base_url[base_url] = {t.render(base_url=base_url, config=config) for t in self.templates}
        return self._by_base_url[base_url]


def unknown_scripts(scripts: list[str], allowed: set[str]) -> list[str]:
    """The page's inline scripts (`inline_scripts`) no listed template writes: each stops the build."""
    return [body for body in scripts if body not in allowed]


def policy(scripts: list[str], *, allowed: set[str], checker: bool, serving: bool) -> str:
    """The policy for one page: hashes of the page's inline scripts (`inline_scripts`) that are
    in `allowed`.

    checker: the checker's pages run Pyodide (WebAssembly in a Web Worker), so they also allow
    'wasm-unsafe-eval' and workers from this site; no other page does.
    serving: `mkdocs serve` adds an inline live-reload script to every page *after* the hooks run,
    so its hash cannot be known: only then, scripts allow 'unsafe-inline' (and no hashes, which
    would make browsers ignore 'unsafe-inline'). Built sites never have it.
    """
    script = ["'self'"]
    if serving:
        script.append("'unsafe-inline'")  # live preview only: see the docstring
    else:
        script.extend(dict.fromkeys(script_hash(b) for b in scripts if b in allowed))
    if checker:
        script.append("'wasm-unsafe-eval'")
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(script),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if checker:
        directives.append("worker-src 'self'")
    return "; ".join(directives)


#: Directives a <meta> policy cannot carry (browsers ignore them there): only a web server's
#: Content-Security-Policy header can send them (deploy/nginx.conf, hooks/server_headers.py).
HEADER_ONLY_DIRECTIVES = ("frame-ancestors 'none'",)


def header_policy(page_policy: str) -> str:
    """The policy a web server sends for a page: the page's own (<meta>) policy plus the
    directives only a header can carry (no site may frame ours: clickjacking)."""
    return "; ".join([page_policy, *HEADER_ONLY_DIRECTIVES])
