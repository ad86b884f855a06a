"""The built site through nginx with deploy/nginx.conf, as a real host serves it.

nginx is started by deploy/serve.py's own `prepare` and `command` (what `make serve-prod` runs)
over the session's built site, on a free loopback port, in a prefix inside the test's temporary
folder, and stopped at the end of the module. Checked: every header on a guidance page, a checker
page, the wasm and a content-addressed asset; the precompressed copies; the 404 page; and one
checker journey in Chromium through it, under the harness's Guard.

Without nginx the module is skipped, except under CI (CI=true), where `make setup` installs it and
a skip would hide a broken server configuration.
"""
from __future__ import annotations

import gzip
import http.client
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import brotli
import pytest

import triage
from test_checker import OUTCOME_STATES, TODAY, Checker, journey_answers, path_of

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "site"))
from server_process import NotListening, serving  # noqa: E402 - tests/server_process.py
from sitehtml import parse  # noqa: E402 - the site tests' small HTML tree: the page's own <meta>
sys.path.insert(0, str(ROOT / "hooks"))
from server_headers import OTHER_FILES  # noqa: E402 - the policy of files that are not pages

_spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
serve_py = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve_py)  # type: ignore[union-attr]

FRAME_ANCESTORS = "frame-ancestors 'none'"
IMMUTABLE = "public, max-age=31536000, immutable"
#: Features the site never uses, each of which must be turned off.
#: A text file added to the served copy of the site, with no .gz beside it.
ON_THE_FLY = "on-the-fly.txt"
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics",
                "display-capture", "midi", "serial", "hid", "bluetooth")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass
class Nginx:
    url: str
    host: str
    port: int
    site: Path

    def get(self, path: str, encoding: str | None = None) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = serve_py.find_nginx()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed, and under CI this test must run: `make setup` installs it")
        pytest.skip("nginx is not installed (`make setup` installs Debian's nginx); under CI this fails")
    prefix = tmp_path_factory.mktemp("nginx")
    # A copy, so this module can add a file the build did not precompress (the session's site
    # is shared by every test).
    site = shutil.copytree(built_site, tmp_path_factory.mktemp("nginx-site") / "site")
    (site / ON_THE_FLY).write_text("A text file with no precompressed copy.\n" * 64, encoding="utf-8")

    def command(port: int) -> list[str]:
        return serve_py.command(binary, serve_py.prepare(site, prefix, port))

    try:
        with serving(command) as port:
            yield Nginx(f"http://127.0.0.1:{port}", "127.0.0.1", port, site)
    except NotListening as exc:
        pytest.fail(f"nginx did not start with deploy/nginx.conf: {exc}")


def meta_policy(page_html: str) -> str:
    metas = parse(page_html).find_all("meta", lambda e: e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert len(metas) == 1
    return metas[0].attrs["content"]


def assert_common_headers(response: Response, where: str) -> None:
    """The headers every response carries: no sniffing, no referrer, features off, no version."""
    assert response.header("X-Content-Type-Options") == "nosniff", where
    assert response.header("Referrer-Policy") == "no-referrer", where
    permissions = dict(item.strip().split("=", 1) for item in response.header("Permissions-Policy").split(","))
    assert all(permissions.get(feature) == "()" for feature in FEATURES_OFF), (where, permissions)
    assert response.header("Server") == "nginx", where  # server_tokens off: no version
    # HSTS belongs to HTTPS hosts only (deploy/nginx.conf's commented HTTPS block).
    assert response.header("Strict-Transport-Security") is None, where


def guidance_and_checker_pages() -> list[str]:
    return ["/review/", triage.static_states()[0].url_path]


@pytest.mark.parametrize("path", guidance_and_checker_pages())
def test_pages_send_their_own_policy_and_frame_ancestors(nginx: Nginx, path: str) -> None:
    """A guidance page and a checker page: the page's <meta> policy as a header, plus
    frame-ancestors; HTML never cached unchecked; served as UTF-8 HTML."""
    response = nginx.get(path)
    assert response.status == 200
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    own = meta_policy(response.body.decode("utf-8"))
    assert response.header("Content-Security-Policy") == f"{own}; {FRAME_ANCESTORS}"
    checker = path.startswith("/checker/")
    assert ("'wasm-unsafe-eval'" in own) is checker and ("worker-src 'self'" in own) is checker
    assert response.header("Cache-Control") == "no-cache"
    assert response.header("X-Frame-Options") == "DENY"
    assert_common_headers(response, path)


def test_precompressed_copies_are_sent_to_browsers_that_accept_them(nginx: Nginx) -> None:
    """A page as brotli and as gzip: the build's own .br and .gz files (their exact bytes), and the
    page itself to a browser that accepts neither; the answer varies with Accept-Encoding."""
    page = nginx.site / "review" / "index.html"
    for encoding, suffix, decode in (("br, gzip", ".br", brotli.decompress), ("gzip", ".gz", gzip.decompress)):
        response = nginx.get("/review/", encoding)
        assert response.header("Content-Encoding") == encoding.split(",")[0]
        assert response.body == page.with_name(page.name + suffix).read_bytes()
        assert decode(response.body) == page.read_bytes()
        assert "Accept-Encoding" in response.header("Vary")
    plain = nginx.get("/review/")
    assert plain.header("Content-Encoding") is None and plain.body == page.read_bytes()


def test_text_without_a_precompressed_copy_is_gzipped_on_the_fly(nginx: Nginx) -> None:
    """A text file with no .gz beside it (a host added it, say) is compressed by nginx itself."""
    text = nginx.site / ON_THE_FLY
    assert not text.with_name(text.name + ".gz").exists()
    response = nginx.get("/" + ON_THE_FLY, "gzip")
    assert response.header("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == text.read_bytes()
    assert response.header("Content-Type") == "text/plain; charset=utf-8"


def test_wasm_is_application_wasm_cached_for_ever_and_precompressed(nginx: Nginx) -> None:
    wasm = next(nginx.site.glob("checker/pyodide/runtime-*/pyodide.asm.wasm"))
    path = "/" + wasm.relative_to(nginx.site).as_posix()
    response = nginx.get(path, "br, gzip")
    assert response.status == 200
    assert response.header("Content-Type") == "application/wasm"
    assert response.header("Content-Encoding") == "br"
    assert brotli.decompress(response.body) == wasm.read_bytes()
    assert response.header("Cache-Control") == IMMUTABLE
    assert response.header("Content-Security-Policy") == OTHER_FILES  # not a page
    assert_common_headers(response, path)
    module = nginx.get(path.replace("pyodide.asm.wasm", "pyodide.mjs"))
    assert module.header("Content-Type") == "text/javascript; charset=utf-8"  # module scripts need it


def test_content_addressed_assets_are_immutable_the_rest_revalidated(nginx: Nginx) -> None:
    """Files whose name or folder carries a hash of their bytes: a year, immutable. Files whose
    address stays when they change (the data file, the checker's scripts, the site's CSS): no-cache."""
    hashed = [next(nginx.site.glob(pattern)) for pattern in (
        "assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
        "assets/javascripts/workers/search.*.min.js", "checker/pyodide/triage-*/pyodide-lock.json")]
    unhashed = [nginx.site / "checker" / "checker-data.json", nginx.site / "assets" / "stylesheets" / "app.css",
                *sorted((nginx.site / "assets" / "checker").glob("*.js")), nginx.site / "search" / "search_index.json"]
    for file, expected in [*((f, IMMUTABLE) for f in hashed), *((f, "no-cache") for f in unhashed)]:
        path = "/" + file.relative_to(nginx.site).as_posix()
        response = nginx.get(path, "gzip")
        assert response.status == 200, path
        assert response.header("Cache-Control") == expected, path
        assert_common_headers(response, path)


def test_scripts_carry_a_workers_policy(nginx: Nginx) -> None:
    """A script's CSP header governs a worker started from it (and nothing else): the checker
    pages' policy without inline-script hashes; other files carry no policy."""
    checker_page = nginx.get(triage.static_states()[0].url_path).header("Content-Security-Policy")
    expected = " ".join(t for t in checker_page.split(" ") if not t.startswith("'sha256-"))
    for path in ("/assets/checker/worker.js", "/assets/javascripts/workers/" +
                 next(nginx.site.glob("assets/javascripts/workers/search.*.min.js")).name):
        assert nginx.get(path).header("Content-Security-Policy") == expected, path
    assert "'wasm-unsafe-eval'" in expected and "worker-src 'self'" in expected
    assert nginx.get("/checker/checker-data.json").header("Content-Security-Policy") == OTHER_FILES


def test_missing_page_gets_the_sites_404_page_and_the_map_is_not_served(nginx: Nginx) -> None:
    page = (nginx.site / "404.html").read_text(encoding="utf-8")
    for path in ("/no-such-page/", "/_nginx/page-csp.conf", "/search/", "/assets/"):
        response = nginx.get(path)
        assert response.status == 404, path
        assert response.body.decode("utf-8") == page
        assert response.header("Content-Security-Policy") == f"{meta_policy(page)}; {FRAME_ANCESTORS}"
        assert response.header("Cache-Control") == "no-cache"
        assert_common_headers(response, path)


def test_double_slash_redirects_to_the_merged_address(nginx: Nginx) -> None:
    """`/checker/met//outcome/` would be served with relative links one folder too deep."""
    for path, merged in (("/checker//", "/checker/"), ("//review/?a=b//c", "/review/?a=b//c")):
        response = nginx.get(path)
        assert (response.status, response.header("Location")) == (301, merged), path


def test_checker_journey_through_nginx(nginx: Nginx, new_page, guard_of) -> None:
    """One journey with a date, in Chromium, through nginx: the engine boots from nginx's
    (brotli or gzip) wasm under the header CSP; the outcome shows the engine's dates; no CSP
    violation, console error or request to another origin (the Guard)."""
    journeys = [(t, journey_answers(t)) for _, t in sorted(OUTCOME_STATES.items())]
    target, answers = next((t, a) for t, a in journeys if triage.evaluate(dict(a), TODAY).dates)
    page = new_page(base_url=nginx.url)
    page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
    wasm_types: list[str] = []
    page.context.on("response", lambda r: wasm_types.append(r.headers.get("content-type", ""))
                    if r.url.endswith(".wasm") else None)
    app = Checker(page, guard_of(page))
    app.open("/checker/start/")
    given: list[tuple[str, str]] = []
    for question, value in answers:
        app.answer(question, value)
        given.append((question, value))
        app.wait_step(triage.evaluate(dict(given), TODAY))
    step = triage.evaluate(dict(given), TODAY)
    assert isinstance(step, triage.Outcome) and step.outcome == target.outcome
    assert path_of(page) == "/checker/"  # with JavaScript, the start address whatever the step
    for name, day in step.dates.items():
        assert page.locator(f'[data-date="{name}"] time[datetime="{day.isoformat()}"]').count() == 1
    shown = page.eval_on_selector_all("[data-flag]", "els => els.map(e => e.dataset.flag)")
    assert shown == list(step.flags)
    assert wasm_types == ["application/wasm"]
    guard_of(page).assert_clean("the journey through nginx")


def test_the_service_worker_is_revalidated_on_every_use(nginx: Nginx) -> None:
    """/sw.js: a JavaScript type (browsers refuse a worker of another), checked with the server on
    every use (a new build is found at once), its own worker policy (connect-src 'self': it can
    reach no other origin), precompressed like any script; its scope is the root, where it is, so
    no Service-Worker-Allowed header is needed."""
    response = nginx.get("/sw.js", "br, gzip")
    assert response.status == 200
    assert response.header("Content-Type") == "application/javascript; charset=utf-8"
    assert response.header("Cache-Control") == "no-cache"
    assert "connect-src 'self'" in response.header("Content-Security-Policy")
    assert response.header("Content-Encoding") == "br"
    assert brotli.decompress(response.body) == (nginx.site / "sw.js").read_bytes()
    assert_common_headers(response, "/sw.js")


def test_the_service_worker_installs_through_nginx(nginx: Nginx, new_page) -> None:
    """Through nginx (brotli copies, header CSPs), the worker keeps every file of its first-visit
    list: each one's bytes, as the browser decodes them, hash to its manifest's revision."""
    from test_offline import CONTROLLED, CACHE_PREFIX, manifest_of, wait_caches

    found = manifest_of(nginx.site)
    page = new_page("/review/", base_url=nginx.url, service_workers="allow")
    page.evaluate(CONTROLLED)
    wait_caches(page, {CACHE_PREFIX + found["version"]: len(found["precache"])})
