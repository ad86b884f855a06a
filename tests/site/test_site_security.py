"""Privacy and security of every built page: the Content-Security-Policy, no requests to other
origins, no inline event handlers, no referrer."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import jinja2
import material
import pytest

import triage

from sitehtml import Element

THEME = Path(material.__file__).resolve().parent / "templates"

JS_TYPES = {"", "module", "text/javascript", "application/javascript"}
BASE_POLICY = {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def is_checker(route: str) -> bool:
    return route.startswith(triage.URL_PREFIX)


def policy_of(tree: Element) -> dict[str, list[str]]:
    metas = tree.find_all("meta", lambda e: e.attrs.get("http-equiv", "").lower() == "content-security-policy")
    assert len(metas) == 1, "expected exactly one CSP <meta>"
    policy = {}
    for directive in metas[0].attrs["content"].split(";"):
        name, *values = directive.split()
        assert name not in policy, f"{name} twice"
        policy[name] = values
    return policy


def inline_script_hashes(tree: Element) -> set[str]:
    hashes = set()
    for script in tree.find_all("script"):
        if "src" in script.attrs or script.attrs.get("type", "").lower() not in JS_TYPES:
            continue
        digest = hashlib.sha256(script.text.encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return hashes


def template_script_hashes(page_path: Path, site: Path) -> set[str]:
    """Hashes of mkdocs-material's own inline scripts (partials/javascripts/), as a page at
    `page_path` would hold them: the only scripts a policy may allow."""
    base_url = "/" if page_path.name == "404.html" else (
        Path(*[".."] * (len(page_path.relative_to(site).parts) - 1)).as_posix() or ".")
    hashes = set()
    for partial in (THEME / "partials" / "javascripts").glob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S):
            text = jinja2.Template(body).render(base_url=base_url, config={"extra": {}})
            hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
    return hashes


def test_every_page_has_the_policy_with_hashes_of_its_template_scripts_only(built_pages, built_site) -> None:
    for route, page in built_pages.items():
        policy = policy_of(page.tree)
        script_src = policy.pop("script-src")
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, route
        assert script_src[0] == "'self'", route
        hashes = {s for s in script_src if s.startswith("'sha256-")}
        assert hashes == inline_script_hashes(page.tree), route
        assert hashes and hashes <= template_script_hashes(page.path, built_site), route
        others = [s for s in script_src[1:] if s not in hashes]
        worker = policy.pop("worker-src", None)
        if is_checker(route):
            assert others == ["'wasm-unsafe-eval'"], route
            assert worker == ["'self'"], route
        else:
            assert others == [] and worker is None, route
        assert policy == BASE_POLICY, route


def test_policy_comes_before_any_script(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        csp = html.lower().find('http-equiv="content-security-policy"')
        assert 0 <= csp < html.lower().find("<script"), path


def test_no_referrer_on_every_page(built_pages) -> None:
    for route, page in built_pages.items():
        metas = page.tree.find_all("meta", lambda e: e.attrs.get("name") == "referrer")
        assert [m.attrs["content"] for m in metas] == ["no-referrer"], route


@pytest.mark.parametrize("tag,attr", [
    ("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
    ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
])
def test_nothing_is_loaded_from_another_origin(built_pages, tag: str, attr: str) -> None:
    for route, page in built_pages.items():
        for element in page.tree.find_all(tag):
            value = element.attrs.get(attr, "")
            if tag == "link" and element.attrs.get("rel") in ("canonical", "alternate"):
                continue
            assert not re.match(r"(?i)(https?:)?//", value), f"{route}: <{tag} {attr}={value}>"


def test_stylesheets_load_nothing_from_another_origin(built_site: Path) -> None:
    for path in built_site.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//", css), path
        assert not re.search(r"(?i)@import\s+(url\()?\s*['\"]?(https?:)?//", css), path


def test_no_inline_event_handlers_or_javascript_urls(built_pages) -> None:
    for route, page in built_pages.items():
        for element in page.tree.iter():
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, f"{route}: <{element.tag} {handlers}>"
            for attr in ("href", "src", "action"):
                assert not element.attrs.get(attr, "").lower().startswith("javascript:"), route
