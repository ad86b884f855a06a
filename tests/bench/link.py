"""The parts of tests/bench/browser.py that run on an emulated link, through the real nginx.

- `nginx(site)`: deploy/nginx.conf serving a built site (what `make serve-prod` runs: headers,
  precompressed .br/.gz, cache rules), on a free port.
- `emulate(page, link)`: Chromium's own throttling (DevTools protocol) of the page's network (its
  dedicated workers' requests too) and, optionally, its CPU.
- `cold_and_repeat`: engine ready on a first visit (empty caches) and on a repeat visit (the HTTP
  cache, and the service worker if the site registers one), with the bytes the first visit moved.
- `fetch_alone`: files fetched on their own on a link (the engine's: the floor of the cold figure).
- `journey`: the first question usable, and from the last answer to the person's dates shown.
"""
from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.append(str(ROOT / "tests"))  # last: its conftest.py must not shadow the browser tests'
import serve as serve_py  # noqa: E402  (deploy/serve.py: what `make serve-prod` runs)
import server_process  # noqa: E402  (tests/server_process.py: start, wait for the port, stop)

READY = '[data-engine="ready"]'


@dataclass(frozen=True)
class Link:
    name: str
    latency_ms: float
    down_bytes_s: float
    up_bytes_s: float
    cpu: float = 1


#: The issue's links: a 9 Mbit/s, 85 ms line, and slow 3G (400 ms, 50 KB/s) on a phone 4x slower.
FAST = Link("9 Mbit/s, 85 ms", 85, 9e6 / 8, 9e6 / 8)
SLOW_3G = Link("slow 3G (400 ms, 50 KB/s), 4x CPU", 400, 50_000, 50_000, cpu=4)

# Said on the console when the page's checker root gets data-engine="ready" (registered before
# any page script, so that waiting for it injects nothing into the page).
READY_SIGNAL = "bench: ready"
WATCH_READY = """
new MutationObserver((records, observer) => {
  if (records.some((r) => r.target.getAttribute("data-engine") === "ready")) {
    observer.disconnect();
    performance.mark("bench:ready");
    console.debug("%s");
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-engine"]});
""" % READY_SIGNAL

# The first paint in which the first question can be answered: its answers (the static page's
# links or the app's radios) are on screen, laid out. Marked `bench:usable`.
WATCH_USABLE = """
(() => {
  const usable = () => [...document.querySelectorAll('#checker [data-question="about"] a, #checker input[name="about"]')]
    .some((e) => e.getBoundingClientRect().height > 0);
  const frame = () => {
    if (document.body && usable()) performance.mark("bench:usable");
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""


@contextlib.contextmanager
def nginx(site: Path) -> Iterator[str]:
    """deploy/nginx.conf serving `site` on 127.0.0.1; yields its base URL."""
    binary = serve_py.find_nginx()
    if binary is None:
        sys.exit("nginx is not installed: `make setup` installs Debian's nginx and its brotli module.")
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as prefix:
        def command(port: int) -> list[str]:
            return serve_py.command(binary, serve_py.prepare(site, Path(prefix), port))

        try:
            with server_process.serving(command) as port:
                yield f"http://127.0.0.1:{port}"
        except server_process.NotListening as exc:
            sys.exit(f"nginx did not start: {exc}")


def emulate(page: Any, link: Link) -> Any:
    """Throttle `page` (and its workers' requests) to `link`; returns the DevTools session."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": link.latency_ms,
        "downloadThroughput": link.down_bytes_s, "uploadThroughput": link.up_bytes_s,
    })
    if link.cpu != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": link.cpu})
    return cdp


def _new_context(browser: Any, base: str, *, service_workers: str = "allow") -> Any:
    context = browser.new_context(base_url=base, service_workers=service_workers)
    context.add_init_script(WATCH_READY)
    context.add_init_script(WATCH_USABLE)
    return context


def _load(page: Any, path: str, link: Link, sizes: list | None = None, timeout_ms: int = 300_000) -> float:
    """Navigate to `path` on `link`; ms from navigation start to ready (the page's own clock)."""
    emulate(page, link)
    with page.expect_console_message(lambda m: m.text == READY_SIGNAL, timeout=timeout_ms):
        page.goto(path, wait_until="commit", timeout=timeout_ms)
    return page.evaluate("() => (performance.getEntriesByName('checker:ready')[0]"
                         " || performance.getEntriesByName('bench:ready')[0]).startTime")


def _transfer(request: Any) -> tuple[str, int]:
    try:
        s = request.sizes()
    except Exception:  # noqa: BLE001 - a request that went with its worker
        return request.url, 0
    return request.url, max(0, s["responseBodySize"]) + max(0, s["responseHeadersSize"])


def service_worker_state(page: Any, wait_s: float = 30) -> str:
    """"none", or the registered service worker's state once it is active (waits up to `wait_s`)."""
    return page.evaluate("""async (wait) => {
      if (!navigator.serviceWorker) return "none";
      const registrations = await navigator.serviceWorker.getRegistrations();
      if (!registrations.length) return "none";
      const ready = navigator.serviceWorker.ready.then((r) => r.active ? r.active.state : "registered");
      return Promise.race([ready, new Promise((r) => setTimeout(() => r("not active after " + wait + " s"), wait * 1000))]);
    }""", wait_s)


def cold_and_repeat(browser: Any, base: str, path: str, link: Link, *, service_workers: str) -> dict[str, Any]:
    """A first visit (empty caches) and a repeat visit of `path` in the same browser context."""
    context = _new_context(browser, base, service_workers=service_workers)
    requests: list[Any] = []
    context.on("requestfinished", lambda request: requests.append(request))
    try:
        page = context.new_page()
        cold = _load(page, path, link)
        cold_bytes = [_transfer(r) for r in requests]
        milestones = cold_milestones(page, requests, path, cold)
        page.wait_for_timeout(2000)  # what the page does just after ready (the theme, a service worker)
        worker = service_worker_state(page) if service_workers == "allow" else "blocked"
        page.close()
        requests.clear()
        page = context.new_page()
        repeat = _load(page, path, link)
        repeat_bytes = [_transfer(r) for r in requests]
    finally:
        context.close()
    return {"cold_ms": cold, "repeat_ms": repeat, "cold_bytes": cold_bytes, "repeat_bytes": repeat_bytes,
            "service_worker": worker, **milestones}


def cold_milestones(page: Any, requests: list[Any], path: str, ready_ms: float) -> dict[str, Any]:
    """Where a cold load's time went, in ms from navigation start: the page's HTML received
    (`html_ms`), the engine's first request (`engine_ms`), the wasm's last byte (`wasm_end_ms`),
    and Pyodide's boot after it, to ready (`boot_ms`); and the engine's files (`engine_paths`)."""
    origin = page.evaluate("performance.timeOrigin")
    start = lambda r: r.timing["startTime"] - origin  # noqa: E731 - both are ms since the epoch
    end = lambda r: start(r) + r.timing["responseEnd"]  # noqa: E731
    html = next(r for r in requests if r.url.split("?")[0].endswith(path))
    engine = [r for r in requests if "/checker/pyodide/" in r.url]
    wasm = next(r for r in engine if r.url.endswith(".wasm"))
    return {"html_ms": end(html), "engine_ms": min(start(r) for r in engine), "wasm_end_ms": end(wasm),
            "boot_ms": ready_ms - end(wasm), "engine_paths": ["/" + r.url.split("/", 3)[-1] for r in engine]}


def cold(browser: Any, base: str, path: str, link: Link) -> float:
    """Ready on a first visit of `path` (a fresh context: empty caches)."""
    context = _new_context(browser, base)
    try:
        return _load(context.new_page(), path, link)
    finally:
        context.close()


def fetch_alone(browser: Any, base: str, paths: list[str], link: Link) -> dict[str, Any]:
    """ms to fetch `paths` (all at once, whole bodies) on `link` from a page of the site, nothing
    else loading (a fresh context: empty caches), and the bytes that moved."""
    context = browser.new_context(base_url=base, service_workers="block")
    sizes: list[tuple[str, int]] = []
    context.on("requestfinished", lambda request: sizes.append(_transfer(request)))
    try:
        page = context.new_page()
        page.goto("/404.html")  # a small page of the site: same origin, then the link
        page.wait_for_load_state("load")
        sizes.clear()
        emulate(page, link)
        ms = page.evaluate("""async (urls) => {
          const started = performance.now();
          await Promise.all(urls.map((url) => fetch(url, {cache: "no-store"}).then((r) => r.arrayBuffer())));
          return performance.now() - started;
        }""", paths)
        page.wait_for_timeout(100)  # the requestfinished events
        return {"ms": ms, "bytes": sum(n for _, n in sizes)}
    finally:
        context.close()


def dated_route() -> list[tuple[str, Any, bool]]:
    """The shortest route to an outcome that asks for the date on a letter: [(question, value, is_date)]."""
    import triage

    routes = [[(question, value, value is None) for _, question, value in route.steps]
              for route in triage.all_paths() if any(q == "letter_date" for _, q, _ in route.steps)]
    return min(routes, key=len)


def journey(browser: Any, base: str, link: Link, *, wait_s: float = 300) -> dict[str, Any]:
    """A person's first visit on `link`: the first question usable, then every answer given as
    soon as its question can be answered (the app's form or the static page's links; a date
    question only in a form: it has no links), then the time from the last answer to the
    outcome's `[data-date]` dates. Also counts the wasm's downloads (goal: at most one)."""
    route = dated_route()
    letter = (date.today() - timedelta(days=10))
    context = _new_context(browser, base)
    wasm: list[str] = []
    context.on("request", lambda r: r.url.endswith(".wasm") and wasm.append(r.url))
    result: dict[str, Any] = {"route": [q for q, _, _ in route], "usable_ms": None, "dates_ms": None, "note": ""}
    try:
        page = context.new_page()
        emulate(page, link)
        page.goto("/checker/start/", wait_until="commit")
        page.wait_for_function("() => performance.getEntriesByName('bench:usable').length", timeout=wait_s * 1000,
                               polling=100)
        result["usable_ms"] = page.evaluate("() => performance.getEntriesByName('bench:usable')[0].startTime")
        started = time.monotonic()
        for question, value, is_date in route:
            result["at"] = question
            if is_date:
                day = page.wait_for_selector(f'#checker input[name="{question}-day"]', state="visible",
                                             timeout=wait_s * 1000)
                result.setdefault("date_asked_s", time.monotonic() - started)
                day.fill(str(letter.day))
                page.fill(f'#checker input[name="{question}-month"]', str(letter.month))
                page.fill(f'#checker input[name="{question}-year"]', str(letter.year))
                clicked = time.monotonic()
                page.click('#checker [type="submit"]')
            else:
                for attempt in range(3):  # the app may redraw the step (its takeover) under the click
                    answer = page.wait_for_selector(
                        f'#checker input[name="{question}"][value="{value}"], '
                        f'#checker [data-question="{question}"] a[data-value="{value}"]',
                        state="visible", timeout=wait_s * 1000)
                    clicked = time.monotonic()
                    try:
                        if answer.evaluate("e => e.tagName") == "INPUT":
                            answer.check()
                            page.click('#checker [type="submit"]')
                        else:
                            answer.click()
                        break
                    except Exception as exc:  # noqa: BLE001
                        if "not attached" not in str(exc) or attempt == 2:
                            raise
        page.wait_for_function(
            """() => [...document.querySelectorAll('#checker [data-date] time')]
                       .some((t) => /^\\d{4}-\\d{2}-\\d{2}$/.test(t.getAttribute('datetime') || ''))""",
            timeout=wait_s * 1000, polling=100)
        result["dates_ms"] = (time.monotonic() - clicked) * 1000
    except Exception as exc:  # noqa: BLE001 - a figure the run could not get is reported, not fatal
        result["note"] = (f"stopped at {result.get('at', 'the start')}: {type(exc).__name__}:"
                          f" {str(exc).splitlines()[0][:160]}")
    finally:
        result["wasm_downloads"] = len(wasm)
        context.close()
    return result
