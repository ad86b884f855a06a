"""In Chromium, the checker's own worker (site_templates/assets/checker/worker.js) boots the
bundle in a module Web Worker under a strict CSP, and the lock's sha256 is enforced: a wheel that
does not match its lock entry is refused, and the worker says it failed.

The worker fetches the wheel the lock names with the lock's sha256 as Subresource Integrity, so
the browser itself refuses a body that does not match. Pyodide under Node cannot check that
(run_engine.mjs checks the sha256 itself): this is the proof. It uses the session's one Chromium
(`browser`, tests/browser/conftest.py): Playwright's sync API allows one instance per process.
The bundle and the worker are the ones the site build shipped.
"""
from __future__ import annotations

import functools
import json
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


# The strictest policy the checker app can live with: WebAssembly needs 'wasm-unsafe-eval'
# (not 'unsafe-eval'); everything else is same-origin only.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "worker-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'"
)
MIME = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
        ".html": "text/html"}

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pyodide bundle</title>
<script type="module" src="page.mjs"></script></head><body><main><h1>Pyodide bundle</h1></main></body></html>"""
# Boots the checker's worker with a lock, as app.js does, then asks it one step.
PAGE_JS = """
const base = new URL("./checker/pyodide/", import.meta.url).href;
function boot(lock) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    const t0 = performance.now();
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "ready") {
        const bootMs = performance.now() - t0;
        worker.onmessage = (reply) => resolve({ bootMs, ...reply.data });
        worker.postMessage({ op: "call", id: 1, fn: "evaluate_json", args: [JSON.stringify({ about: "met" }), "2026-03-01"] });
      } else if (message.type === "failed") resolve({ failed: message.reason });
    };
    worker.onerror = (event) => resolve({ failed: "worker error: " + event.message });
    worker.postMessage({ op: "boot", module: base + "pyodide.mjs", indexURL: base, lockFileURL: base + lock, package: "triage" });
  });
}
window.__result = { real: await boot("pyodide-lock.json"), tampered: await boot("tampered-lock.json") };
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        self.server.served.append((self.path, int(code)))  # type: ignore[attr-defined]


@contextmanager
def serving(directory: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """(base URL, [(path, status), ...] served so far) of a local server with the CSP header."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    server.daemon_threads = True
    server.served = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.served  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


TAMPERED = "tampered-0.1.0-py3-none-any.whl"


def make_site(root: Path, bundle_dir: Path, worker: Path) -> Path:
    """A tiny site: a page, the checker's worker and the bundle at checker/pyodide/.

    The bundle is the real one plus, for the integrity check, `tampered-lock.json`: the real lock
    but for the wheel's file, the triage wheel with one byte flipped (listed with the real sha256).
    """
    pub = root / "checker" / "pyodide"
    pub.mkdir(parents=True)
    # The site publishes the runtime and the wheel+lock in two hashed folders; here, one.
    for file in bundle_dir.glob("*/*"):
        shutil.copyfile(file, pub / file.name)
    wheel = next(pub.glob("triage-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    (pub / TAMPERED).write_bytes(bytes(data))
    lock = json.loads((pub / "pyodide-lock.json").read_text())
    lock["packages"]["triage"]["file_name"] = TAMPERED
    (pub / "tampered-lock.json").write_text(json.dumps(lock))
    shutil.copyfile(worker, root / "worker.js")
    (root / "index.html").write_text(PAGE)
    (root / "page.mjs").write_text(PAGE_JS)
    return root


def boot_in_browser(browser, url: str) -> tuple[dict[str, Any], list[str]]:
    context = browser.new_context(service_workers="block")
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    try:
        page.goto(url + "/index.html")
        page.wait_for_function("() => window.__result !== undefined", timeout=60_000)
        return page.evaluate("() => window.__result"), outside
    finally:
        context.close()


def test_the_checkers_worker_boots_the_bundle_and_enforces_the_lock_sha256(browser, built_site, tmp_path):
    worker = built_site / "assets" / "checker" / "worker.js"
    site = make_site(tmp_path / "site", built_site / "checker" / "pyodide", worker)
    with serving(site) as (url, served):
        result, outside = boot_in_browser(browser, url)
    assert outside == []
    # The real bundle boots in a module worker under the CSP, and `triage` answers a step.
    real = result["real"]
    assert "failed" not in real, real
    assert real["value"]["next"] == "met_stage", real
    print(f"\nchromium: the checker's worker, Pyodide boot + triage: {real['bootMs']:.0f} ms")
    # The tampered wheel was delivered (200), yet refused: only its digest can have failed it.
    assert ("/checker/pyodide/" + TAMPERED, 200) in served, served
    assert result["tampered"].get("failed"), result["tampered"]
    print("chromium refused the tampered wheel:", result["tampered"]["failed"])
