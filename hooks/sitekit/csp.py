"""The Content-Security-Policy of every page, with a hash for each inline script.

Built over the page's final HTML (hooks/security.py runs last), so the policy allows exactly the
inline scripts the theme wrote and nothing else. The policy text lives here only.
"""
from __future__ import annotations

import base64
import hashlib
import re

#: The template's stand-in, replaced by the policy (site_templates/main.html).
PLACEHOLDER = 'content="app-csp-placeholder"'

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript"}


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script the browser would run (JSON data blocks are not run)."""
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


def policy(html: str, *, checker: bool, serving: bool) -> str:
    """The policy for one page.

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
        script.extend(dict.fromkeys(script_hash(body) for body in inline_scripts(html)))
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
