"""Benchmark of the checker in the browser (a script, not a test): `make bench` runs it.

    .venv/bin/python tests/bench/browser.py [--runs N] [--stock-runs N] [--journeys N]
                                            [--link-runs N] [--link-only] [--site DIR]

It builds the site (`mkdocs build --strict`) into a temporary folder (or copies `--site`, a site
built earlier, e.g. from another branch), and drives Debian's Chromium (Playwright). First, on
emulated links (Chromium's own throttling of the page and its workers, tests/bench/link.py),
served by the real nginx with deploy/nginx.conf (what `make serve-prod` runs: precompressed
.br/.gz files, cache rules), side by side in one run (`--link-runs` loads each, medians):

A. on a 9 Mbit/s, 85 ms link: the engine ready cold on /checker/start/ (navigation start to
   data-engine="ready", empty caches) against the npm Pyodide runtime as shipped booting bare
   (node_modules/pyodide's files, served by the same server, also precompressed), and the
   ratio (goal <= 0.5); a repeat visit in the same browser context, with the service worker if
   the site registers one and with the HTTP cache alone (service workers blocked), against cold
   (goal <= 0.5); the compressed bytes a cold load moves to ready (sum of transfer sizes,
   headers included; goal <= 4.5 MB); where a cold load's time goes (the page's HTML, the
   engine's first request, the wasm's last byte, Pyodide's boot after it); and the floor set by
   the engine's files: the HTML's time, plus those files fetched alone on the link, plus that
   boot (as if the engine started with the page and nothing else shared the link), against the
   bare runtime: what only smaller files can take off.
B. on slow 3G (400 ms, 50 KB/s) with a 4x slower CPU, no cache: the first question usable
   (first paint with its answers on screen), each answer given as soon as its question can be
   answered, the time from the last answer to the outcome's dates shown (`[data-date] time`),
   and how often the wasm was fetched (goal: once).

Then (unless `--link-only`), unthrottled, from the test server (uncompressed files):

1. ready time: from navigation start to `#checker[data-engine="ready"]` on /checker/start/
   (the bench waits for it without touching the page: an init script says so on the console),
   against a bare page written into the same site at run time that boots the same Pyodide files
   (the paths the checker page names) in a module worker and runs one line of Python. Median of
   N cold runs each (a fresh browser context per run: empty HTTP and code caches), alternating
   the pages; the ratio is the figure (goal <= 1.10), printed with a 90% bootstrap interval:
   single loads on a shared 2-core machine vary by a few hundred ms, more than the checker's
   whole overhead, so the interval says how far the figure can be trusted. For scale, the same
   bare page on the npm runtime as shipped (its standard library as source, not the bytecode
   the build adds), loaded fewer times (`--stock-runs`): it is not part of the ratio, so the
   time goes to the two pages that are.
2. answer to next question: the app's `checker:step` measure (from the submit event to the next
   step drawn and focused), median and 95th percentile over many steps (goal <= 50 ms).
3. longest main-thread task while Pyodide loads (PerformanceObserver `longtask`, which reports
   tasks over 50 ms; goal: none, i.e. <= 50 ms), on the checker and on the bare page.
4. bytes the checker downloads: every response from navigation to ready, the wasm included
   (uncompressed, as this test server sends them), and what gzip would make of them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.append(str(ROOT / "tests" / "pyodide"))  # after browser/: both have a conftest.py

sys.path.insert(0, str(ROOT / "hooks"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402  (the browser tests' server)
import link  # noqa: E402  (tests/bench/link.py)
from precompress import precompress  # noqa: E402  (hooks/precompress.py: the bench pages too)
import server_headers  # noqa: E402  (hooks/server_headers.py: the nginx map of policies)
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from pyodide_harness import load_bundler  # noqa: E402

RUNTIME_FILES = load_bundler().RUNTIME_FILES

READY = '[data-engine="ready"]'
# Said on the console by WATCH_READY when the page gets data-engine="ready".
READY_SIGNAL = "bench: ready"
BARE_DIR = "bench-bare"
STOCK_DIR = "bench-stock"  # the bare page again, on node_modules/pyodide's files as shipped

# The bare page: the same Pyodide files, a module worker, one line of Python. Written into the
# built site at run time (never part of the site).
BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module" async src="bare.js"></script></head>
<body><main id="bare"><h1>Bare Pyodide</h1></main></body></html>
"""
BARE_JS = """performance.mark("bare:start");
const worker = new Worker(new URL("bare-worker.js", import.meta.url), {type: "module"});
worker.onmessage = (event) => {
  const done = () => {
    document.getElementById("bare").dataset.engine = event.data === "2" ? "ready" : "failed";
    performance.mark("checker:ready");
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", done);
  else done();
};
worker.postMessage([new URL("RUNTIME", location.href).href, new URL("LOCK", location.href).href]);
"""
BARE_WORKER = """self.onmessage = async (event) => {
  const [dir, lock] = event.data;
  const { loadPyodide } = await import(dir + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: dir, lockFileURL: lock });
  postMessage(String(pyodide.runPython("1 + 1")));
};
"""

# Registered before any page script: says on the console when the page is ready, so that the bench
# can wait without querying the page. (Playwright's wait_for_selector injects its own script into
# the page at its first query: a 30-70 ms task on the page's main thread while it loads, which the
# bench measured as part of the checker's load, and as its longest task.)
WATCH_READY = """
new MutationObserver((records, observer) => {
  if (records.some((r) => r.target.getAttribute("data-engine") === "ready")) {
    observer.disconnect();
    console.debug("%s");
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-engine"]});
""" % READY_SIGNAL

# Registered before any page script: records long tasks from the very start of the page, and
# long animation frames, whose script entries say whose code ran (the checker's or the theme's).
LONGTASKS = """
window.__longtasks = [];
window.__scripts = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});
} catch (e) { window.__longtasks = null; }
try {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries())
      for (const s of frame.scripts) window.__scripts.push([s.startTime, s.duration, s.sourceURL || s.invoker]);
  }).observe({type: "long-animation-frame", buffered: true});
} catch (e) { window.__scripts = null; }
"""


def build(site: Path, built: Path | None = None) -> None:
    """The site in `site` (built now, or a copy of `built`), with the bench's bare pages added."""
    if built is not None:
        shutil.copytree(built, site, symlinks=True)
    else:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    # The runtime and lock the checker uses, as its start page names them.
    start = (site / "checker" / "start" / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta name="checker-pyodide-(dir|lock)" content="([^"?]*)', start))
    runtime, lock = (urljoin("/checker/start/", meta[k]) for k in ("dir", "lock"))
    stock = f"/{STOCK_DIR}/runtime/"
    shutil.copytree(ROOT / "node_modules" / "pyodide", site / stock.strip("/"),
                    ignore=lambda _, names: [n for n in names if n not in RUNTIME_FILES])
    for folder, runtime_dir in ((BARE_DIR, runtime), (STOCK_DIR, stock)):
        bare = site / folder
        bare.mkdir(exist_ok=True)
        (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
        (bare / "bare.js").write_text(BARE_JS.replace("RUNTIME", runtime_dir).replace("LOCK", lock), encoding="utf-8")
        (bare / "bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")
    allow_bare_pages(site)
    precompress(site)  # the bare pages and the npm runtime too, as nginx serves the site's


def allow_bare_pages(site: Path) -> None:
    """Give the bench's own pages the scripts' policy in the site's nginx map (hooks/server_headers.py
    writes it for the built pages only; any other file gets a policy that runs nothing)."""
    conf = site / server_headers.MAP_PATH
    text = conf.read_text(encoding="utf-8")
    script = re.search(r'^\s*"%s" ("[^"]*");$' % re.escape(server_headers.SCRIPTS), text, re.M)
    if script is None:
        sys.exit(f"{conf}: no policy for scripts to give the bench's pages")
    pages = "".join(f'    "/{folder}/index.html" {script.group(1)};\n' for folder in (BARE_DIR, STOCK_DIR))
    conf.write_text(text[:script.end() + 1] + pages + text[script.end() + 1:], encoding="utf-8")


def load_once(browser: Browser, base: str, path: str, *, timeout_ms: int = 120_000) -> dict[str, Any]:
    """One cold load of `path` in a fresh context: time to ready, long tasks, bytes."""
    context = browser.new_context(base_url=base)
    context.add_init_script(WATCH_READY)
    context.add_init_script(LONGTASKS)
    page = context.new_page()
    responses: list[Any] = []
    page.context.on("requestfinished", lambda request: responses.append(request))
    try:
        with page.expect_console_message(lambda message: message.text == READY_SIGNAL, timeout=timeout_ms):
            page.goto(path, wait_until="commit")
        ready = page.evaluate("() => performance.getEntriesByName('checker:ready')[0].startTime")
        marks = page.evaluate("() => Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))")
        origin = page.evaluate("() => performance.timeOrigin")
        page.wait_for_timeout(2000)  # what runs and loads just after ready (the theme) is counted apart
        tasks = page.evaluate("() => window.__longtasks")
        scripts = page.evaluate("() => window.__scripts") or []
        sizes, after = [], []
        for request in list(responses):
            try:
                s = request.sizes()
                finished = request.timing["startTime"] + request.timing["responseEnd"] - origin
            except Exception:  # noqa: BLE001 - a request that vanished with its worker
                continue
            (sizes if finished <= ready else after).append((request.url, s["responseBodySize"], s["responseHeadersSize"]))
    finally:
        context.close()
    before_ready = [d for start, d in (tasks or []) if start <= ready]
    after_ready = [d for start, d in (tasks or []) if start > ready]
    def mine(url: str) -> bool:
        return "/assets/checker/" in url or f"/{BARE_DIR}/" in url or f"/{STOCK_DIR}/" in url

    own = [d for start, d, url in scripts if start <= ready and mine(url)]
    other = [(d, url) for start, d, url in scripts if start <= ready and not mine(url)]
    return {"ready_ms": ready, "marks": marks, "longest_task_ms": max(before_ready, default=0.0),
            "long_tasks": len(before_ready), "longtask_supported": tasks is not None,
            "longest_after_ms": max(after_ready, default=0.0), "sizes": sizes, "after_ready": after,
            "own_script_ms": max(own, default=0.0), "other_script": max(other, default=(0.0, ""))}


def step_times(browser: Browser, base: str, journeys: int) -> list[float]:
    """`checker:step` durations over `journeys` journeys through the forms (first options, dates unknown)."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    durations: list[float] = []
    try:
        page.goto("/checker/start/")
        page.wait_for_selector(READY, state="attached", timeout=120_000)
        import triage

        routes = triage.all_paths()
        for n in range(journeys):
            route = routes[n % len(routes)]
            # Back to the start, as the Back button would; the forms on show until the app has
            # drawn the start again are marked, so that no answer is given to a form about to go.
            page.evaluate("""() => {
                document.querySelectorAll('#checker form').forEach((form) => { form.dataset.benchOld = ''; });
                history.pushState(null, '', new URL('/checker/start/', location.href));
                window.dispatchEvent(new PopStateEvent('popstate', {state: null}));
            }""")
            page.wait_for_selector("#checker form:not([data-bench-old]) input[name=about]", state="attached")
            for _, question, value in route.steps:
                if value is None:  # a date question: "I don't know"
                    page.wait_for_selector(f'input[name="{question}-day"]', state="attached")
                    page.check(f'input[name="{question}"][value="unknown"]')
                else:
                    page.wait_for_selector(f'input[name="{question}"]', state="attached")
                    page.check(f'input[name="{question}"][value="{value}"]')
                count = page.evaluate("() => performance.getEntriesByName('checker:step').length")
                page.click('#checker [type="submit"]')
                page.wait_for_function("n => performance.getEntriesByName('checker:step').length > n", arg=count)
        durations = page.evaluate("() => performance.getEntriesByName('checker:step').map(e => e.duration)")
    finally:
        context.close()
    return durations


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="cold loads of the checker and the bare page (default 20)")
    parser.add_argument("--stock-runs", type=int, default=5, help="cold loads of the npm runtime as shipped, for scale (default 5)")
    parser.add_argument("--journeys", type=int, default=25, help="journeys for the answer time (default 25)")
    parser.add_argument("--link-runs", type=int, default=3, help="loads of each page on the emulated links (default 3)")
    parser.add_argument("--link-only", action="store_true", help="only the emulated links (A and B), not the local figures")
    parser.add_argument("--site", type=Path, help="measure this built site (a copy) instead of building one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        build(site, args.site)
        print(f"{'copied' if args.site else 'built'} the site in {time.perf_counter() - started:.1f} s"
              f" ({args.site or ROOT})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with link.nginx(site) as base:
                    links = link_figures(browser, base, site, args.link_runs)
                report_links(links, args.link_runs)
                if args.link_only:
                    return
                with serve_directory(site) as server:
                    load_once(browser, server.url, "/checker/start/")  # warm the OS file cache, not measured
                    checker, bare, stock = [], [], []
                    for n in range(args.runs):
                        bare.append(load_once(browser, server.url, f"/{BARE_DIR}/"))
                        checker.append(load_once(browser, server.url, "/checker/start/"))
                        if n < args.stock_runs:
                            stock.append(load_once(browser, server.url, f"/{STOCK_DIR}/"))
                    steps = step_times(browser, server.url, args.journeys)
            finally:
                browser.close()

        report(args, checker, bare, stock, steps, site)


def link_figures(browser: Browser, base: str, site: Path, runs: int) -> dict[str, Any]:
    """A and B of the docstring, alternating the pages so that a busy machine hurts both alike."""
    visits: dict[str, list[dict[str, Any]]] = {"allow": [], "block": []}
    stock: list[float] = []
    for _ in range(runs):
        stock.append(link.cold(browser, base, f"/{STOCK_DIR}/", link.FAST))
        for workers in visits:
            visits[workers].append(link.cold_and_repeat(browser, base, "/checker/start/", link.FAST,
                                                        service_workers=workers))
    # The engine's own files (runtime, standard library, lock, wheel), fetched alone: with the
    # HTML before and Pyodide's boot after, what no change but smaller files can take off cold.
    engine = [link.fetch_alone(browser, base, visits["block"][-1]["engine_paths"], link.FAST) for _ in range(runs)]
    slow = link.journey(browser, base, link.SLOW_3G)
    return {"visits": visits, "stock": stock, "engine": engine, "slow": slow}


def report_links(figures: dict[str, Any], runs: int) -> None:
    med = statistics.median
    allow, block = figures["visits"]["allow"], figures["visits"]["block"]
    visits = allow + block  # every first visit, with and without the service worker
    cold = med(v["cold_ms"] for v in visits)
    stock = med(figures["stock"])
    runs_of = lambda values: ", ".join(f"{v:.0f}" for v in values)  # noqa: E731
    print()
    print(f"A. {link.FAST.name}, served by nginx (deploy/nginx.conf, precompressed files); median of {runs}"
          " (cold: of both contexts' first visits)")
    print(f"  engine ready, cold        : {cold:7.0f} ms   (runs: {runs_of(v['cold_ms'] for v in visits)})")
    print(f"  npm Pyodide, bare, cold   : {stock:7.0f} ms   (runs: {runs_of(figures['stock'])})")
    print(f"  ratio cold / bare runtime : {cold / stock:7.2f}   (goal <= 0.5; of the fastest loads"
          f" {min(v['cold_ms'] for v in visits) / min(figures['stock']):.2f}: a busy machine only adds time)")
    workers = sorted({v["service_worker"] for v in allow})
    html, engine, wasm_end, boot = (med(v[k] for v in visits) for k in ("html_ms", "engine_ms", "wasm_end_ms", "boot_ms"))
    print(f"  where the cold time goes  : HTML {html:.0f} ms, engine's first request {engine:.0f} ms, wasm's last"
          f" byte {wasm_end:.0f} ms, then Pyodide's boot {boot:.0f} ms (medians)")
    alone = med(w["ms"] for w in figures["engine"])
    floor = html + alone + boot
    print(f"  engine's files alone      : {alone:7.0f} ms   ({figures['engine'][-1]['bytes']:,} bytes, all at once;"
          f" runs: {runs_of(w['ms'] for w in figures['engine'])})")
    print(f"  floor with these files    : {floor:7.0f} ms   ratio to bare {floor / stock:.2f}   (HTML + the engine's"
          " files alone + the boot: the engine starting with the page, nothing else on the link)")
    repeat_http = med(v["repeat_ms"] for v in block)
    fastest = min(v["repeat_ms"] for v in block) / min(v["cold_ms"] for v in visits)
    print(f"  repeat visit, HTTP cache  : {repeat_http:7.0f} ms   ratio to cold {repeat_http / cold:.2f}   (goal <= 0.5;"
          f" of the fastest {fastest:.2f}; service workers blocked; runs: {runs_of(v['repeat_ms'] for v in block)})")
    repeat_sw = med(v["repeat_ms"] for v in allow)
    label = "none registered: HTTP cache only" if workers == ["none"] else f"service worker: {', '.join(workers)}"
    print(f"  repeat visit, as a person : {repeat_sw:7.0f} ms   ratio to cold {repeat_sw / cold:.2f}   ({label};"
          f" runs: {runs_of(v['repeat_ms'] for v in allow)})")
    sizes = block[-1]["cold_bytes"]
    total = sum(n for _, n in sizes)
    print(f"  bytes moved by a cold load, to ready: {total / 1e6:.2f} MB compressed ({total:,} bytes, headers"
          f" included, {len(sizes)} responses; goal <= 4.5 MB)")
    for url, n in sorted(sizes, key=lambda s: -s[1])[:6]:
        print(f"    {n:>10,}  /{url.split('/', 3)[-1]}")
    again = sum(n for _, n in block[-1]["repeat_bytes"])
    print(f"  bytes moved by the repeat visit (HTTP cache): {again:,} in {len(block[-1]['repeat_bytes'])} responses")
    slow = figures["slow"]
    print()
    print(f"B. {link.SLOW_3G.name}, no cache: a journey to an outcome with a letter date"
          f" ({' > '.join(slow['route'])})")
    shown = lambda v, unit="ms": "not reached" if v is None else f"{v:.0f} {unit}"  # noqa: E731
    print(f"  first question usable     : {shown(slow['usable_ms']):>11}   (goal <= 8000 ms)")
    if "date_asked_s" in slow:
        print(f"  date question answerable  : {slow['date_asked_s']:.0f} s after the first answer")
    print(f"  last answer to dates shown: {shown(slow['dates_ms']):>11}   (goal <= 5000 ms)")
    print(f"  wasm downloads            : {slow['wasm_downloads']:>11}   (goal: at most 1)")
    if slow["note"]:
        print(f"  {slow['note']}")


def report(args: argparse.Namespace, checker: list[dict[str, Any]], bare: list[dict[str, Any]],
           stock: list[dict[str, Any]], steps: list[float], site: Path) -> None:
    c_ready = statistics.median(r["ready_ms"] for r in checker)
    b_ready = statistics.median(r["ready_ms"] for r in bare)
    c_runs = ", ".join(f"{r['ready_ms']:.0f}" for r in checker)
    b_runs = ", ".join(f"{r['ready_ms']:.0f}" for r in bare)
    print()
    print(f"Ready time, median of {args.runs} cold loads each (navigation start to data-engine=\"ready\"):")
    print(f"  checker /checker/start/ : {c_ready:7.0f} ms   (runs: {c_runs})")
    print(f"  bare Pyodide page       : {b_ready:7.0f} ms   (runs: {b_runs})")
    paired = statistics.median(c["ready_ms"] / b["ready_ms"] for c, b in zip(checker, bare))
    low, high = ratio_interval([r["ready_ms"] for r in checker], [r["ready_ms"] for r in bare])
    print(f"  ratio of the medians    : {c_ready / b_ready:7.3f}   (goal <= 1.10; 90% bootstrap interval"
          f" {low:.3f} to {high:.3f})")
    print(f"  median of paired ratios : {paired:7.3f}   (each checker load against the bare load just"
          " before it: steadier on a busy machine)")
    fastest = min(r["ready_ms"] for r in checker) / min(r["ready_ms"] for r in bare)
    print(f"  ratio of the fastest    : {fastest:7.3f}   (a busy machine only ever adds time: the fastest"
          " loads are the least disturbed)")
    if stock:
        s_ready = statistics.median(r["ready_ms"] for r in stock)
        print(f"  for scale: the bare page on the npm runtime as shipped (stdlib as source), median of"
              f" {len(stock)}: {s_ready:.0f} ms; the checker is ready in {c_ready / s_ready:.2f} of that")
    stages = [("app started", "checker:start"), ("data file read", "checker:data"),
              ("Pyodide and the wheel loaded", "checker:runtime"), ("triage imported", "checker:engine"),
              ("page drawn, ready", "checker:ready")]
    print("  the checker's stages (median ms from navigation start): " + ", ".join(
        f"{label} {statistics.median(r['marks'].get(mark, 0.0) for r in checker):.0f}" for label, mark in stages))
    print("  the bare page's worker started at "
          f"{statistics.median(r['marks'].get('bare:start', 0.0) for r in bare):.0f} ms")
    print()
    print(f"Answer to next step ({len(steps)} steps, submit to the next step drawn and focused):")
    if steps:
        print(f"  median {statistics.median(steps):6.1f} ms   p95 {percentile(steps, 95):6.1f} ms   "
              f"max {max(steps):6.1f} ms   (goal p95 <= 50 ms)")
    print()
    if not checker[0]["longtask_supported"]:
        print("Longest main-thread task: this Chromium does not report long tasks")
    else:
        c_long = max(r["longest_task_ms"] for r in checker)
        b_long = max(r["longest_task_ms"] for r in bare)
        c_count = statistics.median(r["long_tasks"] for r in checker)
        print("Longest main-thread task while loading (only tasks over 50 ms are reported; 0 = none):")
        print(f"  checker: {c_long:6.0f} ms (median {c_count:.0f} long tasks per load)   "
              f"bare: {b_long:6.0f} ms   (goal <= 50 ms)")
        own = max(r["own_script_ms"] for r in checker)
        other = max((r["other_script"] for r in checker), key=lambda x: x[0])
        print(f"  longest script run in those frames: the checker's own (assets/checker/) {own:.0f} ms; "
              f"any other {other[0]:.0f} ms ({other[1].split('/')[-1] or 'parser'})")
        print(f"  in the 2 s after ready, when the theme's script runs: longest task "
              f"{max(r['longest_after_ms'] for r in checker):.0f} ms")
    print()
    sizes = checker[-1]["sizes"]
    total = sum(body for _, body, _ in sizes)
    headers = sum(h for _, _, h in sizes)
    zipped = sum(gzipped(site, url) for url, _, _ in sizes)
    print(f"Bytes the checker downloads, navigation to ready ({len(sizes)} responses):")
    print(f"  {total:,} bytes of bodies (+{headers:,} of headers); {zipped:,} if served gzipped")
    for url, body, _ in sorted(sizes, key=lambda s: -s[1])[:6]:
        print(f"    {body:>10,}  /{url.split('/', 3)[-1]}")
    after = checker[-1]["after_ready"]
    print(f"  then, in the 2 s after ready (the theme's script and search, started once ready): "
          f"{sum(body for _, body, _ in after):,} bytes in {len(after)} responses")


def ratio_interval(checker: list[float], bare: list[float], *, resamples: int = 4000,
                   seed: int = 1) -> tuple[float, float]:
    """The 5th and 95th percentiles of median(checker) / median(bare) over bootstrap resamples.

    Each resample draws as many loads as were made, with replacement, from each page's loads
    separately; the seed is fixed so the same loads always print the same interval.
    """
    rng = random.Random(seed)
    ratios = [statistics.median(rng.choices(checker, k=len(checker)))
              / statistics.median(rng.choices(bare, k=len(bare)))
              for _ in range(resamples)]
    return percentile(ratios, 5), percentile(ratios, 95)


def gzipped(site: Path, url: str) -> int:
    """The gzip (level 6) size of the site's file behind `url`."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path.lstrip("/")
    file = site / path
    if not path or path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


if __name__ == "__main__":
    main()
