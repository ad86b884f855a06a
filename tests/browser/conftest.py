"""Browser test harness: the built site over local HTTP, one Chromium, guarded pages and axe.

Every page a test opens through `new_page`, `reused_page` or `reused_page_nojs` is watched by a
`Guard` that records what this site must never do (see README.md in this folder):

- a request to any origin but the local server's (it is also aborted, so nothing leaves);
- a console error, an uncaught page error, a Content-Security-Policy violation;
- a same-origin response with status 400 or more (a broken link to an asset);
- a cookie left in the browser context.

The guard fails the test at teardown if it recorded anything; tests may also call
`guard_of(page).assert_clean()` at any point to fail earlier, in the test's own body.

Fixtures (all usable from any test module in tests/browser/):

- `site_server` -> str               base URL of the built site, e.g. "http://127.0.0.1:40123"
- `serve` -> serve(directory) -> LocalServer   serve any other folder (harness self-tests)
- `browser` -> playwright Browser    one Chromium for the whole session
- `new_page` -> new_page(path=None, *, js=True, base_url=None, **context_options) -> Page
                                     a fresh context and page; `path` is opened if given
- `reused_page` / `reused_page_nojs` -> Page   one long-lived page (JS on / off) shared by tests
                                     for speed; the guard is reset before and checked after
                                     each test, cookies are cleared
- `guard_of` -> guard_of(page) -> Guard
- `harness` -> Harness: open_guarded_context(browser, base_url, *, js=True, **options) ->
                                     (context, guard), close_and_check([(context, guard)]) -> [problem],
                                     run_axe, format_axe, ... for fixtures of other scopes
- `axe` -> axe(page, *, rules=None, exclude=()) -> list[dict]   axe-core violations
- `assert_accessible` -> assert_accessible(page, **axe_options)  fails with a readable list
- `theme_search` -> theme_search(page, word=SEARCH_WORD) -> Locator   material's search: the
                                     result links for `word` (waits for the first)
- `site_pages` -> list[str]          every HTML page of the built site as a URL path
- `collected_pages` -> (list[str], error)   the pages found at collection time (see below)

Parametrizing: a test that takes an argument named `site_page` runs once per page of the site
(of the generated checker pages, one per question and one outcome: see `checker_sample`); one
that takes `guidance_page` runs once per page that is not a generated checker page (see
`is_checker_state`). The list is found at collection time by running MkDocs up to `on_files`
(no rendering), and `test_pages.py::test_every_built_page_is_collected` checks it against the
real build.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, Route, sync_playwright

import triage

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Generated checker pages (one per checker state) live under this prefix; the checker's start
# page, the prefix itself, is an ordinary content page.
CHECKER_PREFIX = triage.URL_PREFIX

MIME_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".woff2": "font/woff2",
}


# --------------------------------------------------------------------------- local HTTP server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types the site needs, no access log, HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass

    def send_head(self):  # type: ignore[override]
        self.server.requested_paths.append(self.path)  # type: ignore[attr-defined]
        return super().send_head()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closing a connection early is not a failure of the site


@dataclass
class LocalServer:
    url: str  # "http://127.0.0.1:PORT", no trailing slash
    requested_paths: list[str]


@contextmanager
def serve_directory(directory: Path) -> Iterator[LocalServer]:
    """Serve `directory` on 127.0.0.1 on a free port from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.requested_paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, name=f"http:{directory}", daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", server.requested_paths)  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the built site served over HTTP."""
    with serve_directory(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], LocalServer]]:
    """`serve(directory)` starts another local server for the session; returns its LocalServer."""
    stack: list[Any] = []

    def start(directory: Path) -> LocalServer:
        manager = serve_directory(Path(directory))
        server = manager.__enter__()
        stack.append(manager)
        return server

    yield start
    for manager in reversed(stack):
        manager.__exit__(None, None, None)


# --------------------------------------------------------------------------- the site's pages


def list_site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site as a URL path: "/", "/about/", "/404.html", ..."""
    paths = []
    for file in site_dir.rglob("*.html"):
        rel = file.relative_to(site_dir).as_posix()
        if rel == "index.html":
            paths.append("/")
        elif rel.endswith("/index.html"):
            paths.append("/" + rel[: -len("index.html")])
        else:
            paths.append("/" + rel)
    return sorted(paths)


def is_checker_state(path: str) -> bool:
    """True for the page of a checker state (`triage.static_states()`); False for the start page
    and for the other pages under /checker/ (the flow page), which are checked like any page."""
    return path.startswith(CHECKER_PREFIX) and path in _state_paths()


@functools.cache
def _state_paths() -> frozenset[str]:
    import triage

    return frozenset(state.url_path for state in triage.static_states())


@functools.cache
def collect_page_paths() -> tuple[list[str], str | None]:
    """The site's pages as URL paths, found without rendering: MkDocs' events up to `on_files`.

    Returns (paths, error). On error (the site does not load), paths is empty and error says why,
    so the parametrized tests can fail with that message instead of silently running nothing.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files

        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            config = load_config(str(ROOT / "mkdocs.yml"))
            config.plugins.on_startup(command="build", dirty=False)
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            files = config.plugins.on_files(files, config=config)
            paths = set()
            for file in files.documentation_pages():
                url = file.url  # "./" for the home page, "about/" or "about.html" for others
                paths.add("/" + ("" if url in ("", "./") else url.lstrip("/")))
            if "404.html" in config.theme.static_templates:
                paths.add("/404.html")
            config.plugins.on_shutdown()
        finally:
            os.chdir(cwd)
    except BaseException as error:  # noqa: BLE001 - report anything, including PluginError/SystemExit
        return [], f"{type(error).__name__}: {error}"
    return sorted(paths), None


@functools.cache
def checker_sample() -> frozenset[str]:
    """One checker state per question, and one outcome: the states `site_page` loads in full.

    Every checker state is already checked one by one in test_checker.py (its markup and axe, and
    each question and outcome again with the engine running); loading all of them here as well,
    each booting Pyodide, doubled the browser run for no new failure it could find.
    """
    import triage

    sample: dict[str, str] = {}
    for state in triage.static_states():
        key = f"question:{state.question}" if state.question else "outcome"
        sample.setdefault(key, state.url_path)
    return frozenset(sample.values())


#: A page of the date lookup (hooks/date_lookup_pages.py): /checker/dates/<slug>/[YYYY-MM/].
_LOOKUP_PAGE = re.compile(re.escape(CHECKER_PREFIX) + r"dates/[a-z-]+/(\d{4}-\d{2}/)?\Z")


def lookup_sample(paths: list[str]) -> frozenset[str]:
    """Of the date lookup's 48 pages (two templates' worth: a first page per date question, then
    15 months each), the two that `site_page` and `guidance_page` load: the review deadline's
    first page and its build's month (the most rows a day: deadline, safe date, late from).
    tests/site/test_site_date_lookup.py checks every page's data."""
    letter = CHECKER_PREFIX + "dates/letter/"
    months = sorted(p for p in paths if _LOOKUP_PAGE.match(p) and p.startswith(letter) and p != letter)
    # The window ends with the month after the build's: the build's month is the one before it.
    return frozenset([letter, *months[-2:-1]])


def _kept(path: str, paths: list[str]) -> bool:
    return not _LOOKUP_PAGE.match(path) or path in lookup_sample(paths)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    keeps = (
        ("site_page", lambda p, paths: _kept(p, paths) and (not is_checker_state(p) or p in checker_sample())),
        ("guidance_page", lambda p, paths: _kept(p, paths) and not is_checker_state(p)),
    )
    for name, keep in keeps:
        if name in metafunc.fixturenames:
            paths, error = collect_page_paths()
            if error:
                metafunc.parametrize(name, [pytest.param(f"<no pages: {error}>", id="no-pages")], indirect=True)
            else:
                metafunc.parametrize(name, [p for p in paths if keep(p, paths)], ids=lambda p: p, indirect=True)


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site (including 404.html) as a URL path."""
    return list_site_pages(built_site)


@pytest.fixture(scope="session")
def collected_pages() -> tuple[list[str], str | None]:
    """(paths, error) as found at collection time for `site_page` (see collect_page_paths)."""
    return collect_page_paths()


@pytest.fixture
def site_page(request: pytest.FixtureRequest) -> str:
    return _page_param(request)


@pytest.fixture
def guidance_page(request: pytest.FixtureRequest) -> str:
    return _page_param(request)


def _page_param(request: pytest.FixtureRequest) -> str:
    path = request.param
    if path.startswith("<no pages"):
        pytest.fail(f"could not list the site's pages: {path}")
    return path


# --------------------------------------------------------------------------- the guard

_CSP_LISTENER = """
(() => {
  const store = (window.__cspViolations = window.__cspViolations || []);
  window.addEventListener('securitypolicyviolation', (e) => {
    const v = {
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
      sample: e.sample, document: e.documentURI,
    };
    store.push(v);
    try { window.__guardReportCsp(v); } catch (_) { /* binding not ready: the store keeps it */ }
  }, true);
})();
"""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Schemes that never reach a network: nothing to guard.
_LOCAL_SCHEMES = ("data:", "blob:", "about:", "javascript:", "chrome-error:", "chrome:", "devtools:")


@dataclass
class Guard:
    """What a browser context did that the site must not do. One per context."""

    origin: str
    js: bool = True
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    allowed_console_errors: list[re.Pattern[str]] = field(default_factory=list)
    allowed_bad_responses: list[re.Pattern[str]] = field(default_factory=list)
    context: BrowserContext | None = None
    _reported: set[str] = field(default_factory=set)

    # -- API for tests

    def allow_console_error(self, pattern: str) -> None:
        """Don't count console errors matching this regex (search) for the rest of the test."""
        self.allowed_console_errors.append(re.compile(pattern))

    def allow_bad_response(self, pattern: str) -> None:
        """Don't count same-origin 4xx/5xx responses whose URL matches this regex (search)."""
        self.allowed_bad_responses.append(re.compile(pattern))

    def cookies(self) -> list[str]:
        if self.context is None:
            return []
        try:
            return [f"{c['name']}={c['value']} (domain {c['domain']}, path {c['path']})" for c in self.context.cookies()]
        except Exception:  # noqa: BLE001 - context already closed
            return []

    def problems(self) -> list[str]:
        """Everything recorded so far, one line each; cookies are read now."""
        lines = [f"request to another origin: {u}" for u in self.outside_requests]
        lines += [f"CSP violation: {v}" for v in self.csp_violations]
        lines += [
            f"console error: {m}" for m in self.console_errors
            if not any(p.search(m) for p in self.allowed_console_errors)
        ]
        lines += [f"page error: {e}" for e in self.page_errors]
        lines += [
            f"bad response: {r}" for r in self.bad_responses
            if not any(p.search(r) for p in self.allowed_bad_responses)
        ]
        lines += [f"cookie: {c}" for c in self.cookies()]
        return lines

    def assert_clean(self, where: str = "") -> None:
        """Fail now if anything was recorded (each problem is reported once)."""
        problems = self.problems()
        self._reported.update(problems)
        if problems:
            head = f"the page {where} " if where else "the page "
            raise AssertionError(head + "did what this site must never do:\n  " + "\n  ".join(problems))

    def unreported(self) -> list[str]:
        return [p for p in self.problems() if p not in self._reported]

    def reset(self) -> None:
        """Forget everything recorded (used between tests sharing one page). Allowances too."""
        for bucket in (self.outside_requests, self.console_errors, self.page_errors,
                       self.csp_violations, self.bad_responses, self.allowed_console_errors,
                       self.allowed_bad_responses):
            bucket.clear()
        self._reported.clear()
        if self.context is not None:
            self.context.clear_cookies()

    # -- wiring

    def attach(self, context: BrowserContext) -> None:
        self.context = context
        context.route("**/*", self._route)
        context.route_web_socket(re.compile(r".*"), self._route_ws)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        context.expose_binding("__guardReportCsp", self._on_csp)
        context.add_init_script(_CSP_LISTENER)

    def _is_outside(self, url: str) -> bool:
        return not url.startswith(_LOCAL_SCHEMES) and origin_of(url) != self.origin

    def _record_outside(self, url: str) -> None:
        if url not in self.outside_requests:
            self.outside_requests.append(url)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self._is_outside(url):
            self._record_outside(url)
            route.abort("blockedbyclient")
        else:
            route.fallback()

    def _route_ws(self, ws: Any) -> None:
        if self._is_outside(ws.url):
            self._record_outside(ws.url)
            ws.close()
        else:
            ws.connect_to_server()

    def _on_request(self, request: Any) -> None:
        # Belt and braces: a request the router did not see (it is recorded, not blocked).
        if self._is_outside(request.url):
            self._record_outside(request.url)

    def _on_response(self, response: Any) -> None:
        if response.status >= 400 and not self._is_outside(response.url):
            self.bad_responses.append(f"{response.status} {response.url}")

    def _on_console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text:
            # With JavaScript on, the page's own `securitypolicyviolation` listener reports it
            # (with line numbers); the console is the only witness in workers and with JS off.
            if not self.js or message.worker is not None:
                self.csp_violations.append(f"(console) {text}")
        elif message.type == "error":
            where = message.location or {}
            url = where.get("url") or ""
            self.console_errors.append(f"{text}" + (f" [{url}:{where.get('lineNumber')}]" if url else ""))

    def _on_csp(self, source: Any, violation: dict[str, Any]) -> None:
        self.csp_violations.append(json.dumps(violation, sort_keys=True))


_GUARDS: dict[int, Guard] = {}


def _guard_for_context(context: BrowserContext) -> Guard:
    return _GUARDS[id(context)]


@pytest.fixture(scope="session")
def guard_of() -> Callable[[Page], Guard]:
    """`guard_of(page)`: the Guard watching that page's context."""
    return lambda page: _guard_for_context(page.context)


# --------------------------------------------------------------------------- browser and pages


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """One Debian Chromium for the whole session (never `playwright install`)."""
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def open_guarded_context(browser: Browser, base_url: str, *, js: bool = True, **context_options: Any) -> tuple[BrowserContext, Guard]:
    """A new context whose requests, console, errors, CSP violations and cookies are guarded.

    The site's service worker is blocked unless `service_workers="allow"` is passed
    (test_offline.py does): requests it answers never reach Playwright's routes, which the guard
    and many tests rely on, and a test's page must not depend on what an earlier page kept."""
    context_options.setdefault("service_workers", "block")
    context = browser.new_context(java_script_enabled=js, base_url=base_url, **context_options)
    context.set_default_timeout(10_000)
    guard = Guard(origin=origin_of(base_url), js=js)
    guard.attach(context)
    _GUARDS[id(context)] = guard
    return context, guard


def goto(page: Page, path: str) -> None:
    """Open `path` (relative to the context's base URL) and wait for the load event."""
    response = page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"


def close_and_check(contexts: list[tuple[BrowserContext, Guard]], where: str = "") -> list[str]:
    """Close each context; return the problems its guard recorded and no test has reported yet."""
    failures = []
    for context, guard in contexts:
        problems = guard.unreported()  # read cookies before closing
        try:
            context.close()
        finally:
            _GUARDS.pop(id(context), None)
        failures += problems
    return failures


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """Factory: `new_page(path=None, *, js=True, base_url=None, **context_options) -> Page`.

    Each call makes a new guarded browser context (so `js` and options such as `viewport` or
    `reduced_motion` can differ) with one page; `path` is opened if given. `base_url` defaults to
    the built site's server. The guards are checked when the test ends.
    """
    opened: list[tuple[BrowserContext, Guard]] = []

    def make(path: str | None = None, *, js: bool = True, base_url: str | None = None, **context_options: Any) -> Page:
        url = base_url or request.getfixturevalue("site_server")
        context, guard = open_guarded_context(browser, url, js=js, **context_options)
        opened.append((context, guard))
        page = context.new_page()
        if path is not None:
            goto(page, path)
        return page

    yield make
    failures = close_and_check(opened, request.node.nodeid)
    if failures:
        pytest.fail("guard (teardown): the test's pages did what this site must never do:\n  " + "\n  ".join(failures))




class _Reusable:
    """One long-lived guarded page per JS setting, shared by tests for speed."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.pages: dict[bool, tuple[BrowserContext, Guard, Page]] = {}

    def get(self, js: bool) -> tuple[Page, Guard]:
        entry = self.pages.get(js)
        if entry is None or entry[2].is_closed():
            context, guard = open_guarded_context(self.browser, self.base_url, js=js)
            entry = (context, guard, context.new_page())
            self.pages[js] = entry
        return entry[2], entry[1]

    def close(self) -> None:
        for context, _, _ in self.pages.values():
            _GUARDS.pop(id(context), None)
            context.close()


@pytest.fixture(scope="session")
def _reusable(browser: Browser, site_server: str) -> Iterator[_Reusable]:
    reusable = _Reusable(browser, site_server)
    yield reusable
    reusable.close()


def _reused(reusable: _Reusable, js: bool) -> Iterator[Page]:
    page, guard = reusable.get(js)
    guard.reset()
    yield page
    failures = guard.unreported()
    guard.reset()
    if failures:
        pytest.fail("guard (teardown): the page did what this site must never do:\n  " + "\n  ".join(failures))


@pytest.fixture
def reused_page(_reusable: _Reusable) -> Iterator[Page]:
    """A shared JS-on page of the built site; guard reset before and checked after the test."""
    yield from _reused(_reusable, True)


@pytest.fixture
def reused_page_nojs(_reusable: _Reusable) -> Iterator[Page]:
    """A shared JS-off page of the built site; guard reset before and checked after the test."""
    yield from _reused(_reusable, False)


# --------------------------------------------------------------------------- axe-core

_AXE_RUN = """
async ({tags, rules, exclude}) => {
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  if (rules) options.rules = rules;
  const context = exclude.length ? {include: [document], exclude: exclude.map((s) => [s])} : document;
  const result = await window.axe.run(context, options);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}
"""


@functools.cache
def _axe_source() -> str:
    if not AXE_SOURCE_PATH.is_file():
        pytest.fail(f"axe-core is missing at {AXE_SOURCE_PATH}: run `make setup` (npm ci)")
    return AXE_SOURCE_PATH.read_text(encoding="utf-8")


def run_axe(page: Page, *, rules: dict[str, Any] | None = None, exclude: tuple[str, ...] | list[str] = ()) -> list[dict[str, Any]]:
    """axe-core's violations on the page's current state for the WCAG 2.2 AA tags.

    axe is evaluated through the DevTools protocol (`page.evaluate`), which the page's CSP does
    not govern, so the CSP stays enforced in the same context and nothing is bypassed. Needs
    JavaScript on. `rules` is axe's per-rule option ({"rule-id": {"enabled": False}}); `exclude`
    lists CSS selectors to leave out. Each violation: {id, impact, help, helpUrl, nodes:
    [{target, html, summary}]}.
    """
    guard = _GUARDS.get(id(page.context))
    if guard is not None and not guard.js:
        raise RuntimeError("axe needs JavaScript: run it in a page opened with js=True")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(_AXE_RUN, {"tags": AXE_TAGS, "rules": rules, "exclude": list(exclude)})


def format_axe(violations: list[dict[str, Any]], where: str = "") -> str:
    lines = [f"{len(violations)} axe violation(s){' on ' + where if where else ''}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {' '.join(node['html'].split())[:160]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Callable[..., list[dict[str, Any]]]:
    """`axe(page, *, rules=None, exclude=()) -> list[violation]` (see run_axe)."""
    return run_axe


@pytest.fixture(scope="session")
def assert_accessible() -> Callable[..., None]:
    """`assert_accessible(page, **axe_options)`: fail listing every axe violation (rule, element)."""

    def check(page: Page, **options: Any) -> None:
        violations = run_axe(page, **options)
        if violations:
            where = urlsplit(page.url).path or page.url
            raise AssertionError(format_axe(violations, where))

    return check


# --------------------------------------------------------------------------- the theme's search

# A word every search index of this site contains (the site is about reviews of complaints).
SEARCH_WORD = "review"


def search_results(page: Page, word: str = SEARCH_WORD) -> Locator:
    """mkdocs-material's search on the open page: opens it (on narrow screens through the header's
    toggle), types `word` and waits for the first result link; returns the result links."""
    query = page.locator('input[data-md-component="search-query"]')
    if not query.is_visible():
        page.locator('label[for="__search"]').first.click()
    query.click()
    query.press_sequentially(word, delay=20)
    results = page.locator('[data-md-component="search-result"] .md-search-result__list a[href]')
    results.first.wait_for(state="visible", timeout=10_000)
    return results


@pytest.fixture(scope="session")
def theme_search() -> Callable[..., Locator]:
    """`theme_search(page, word=SEARCH_WORD) -> Locator`: material's search results (see search_results)."""
    return search_results


# --------------------------------------------------------------------------- for other scopes


class Harness:
    """The harness's plain functions, for fixtures of other scopes (e.g. a module-scoped page):

        context, guard = harness.open_guarded_context(browser, site_server, js=True)
        ...
        failures = harness.close_and_check([(context, guard)])
    """

    open_guarded_context = staticmethod(open_guarded_context)
    close_and_check = staticmethod(close_and_check)
    goto = staticmethod(goto)
    run_axe = staticmethod(run_axe)
    format_axe = staticmethod(format_axe)
    list_site_pages = staticmethod(list_site_pages)
    is_checker_state = staticmethod(is_checker_state)
    serve_directory = staticmethod(serve_directory)
    AXE_TAGS = AXE_TAGS
    CHROMIUM = CHROMIUM
    CHROMIUM_ARGS = CHROMIUM_ARGS


@pytest.fixture(scope="session")
def harness() -> Harness:
    """The harness's functions (open_guarded_context, close_and_check, run_axe, ...) by name."""
    return Harness()
