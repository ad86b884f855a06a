"""In Chromium, the bundle boots in a module Web Worker under a strict CSP, and the lock's sha256
is enforced: a wheel that does not match its lock entry is refused (one boot checks both).

Pyodide under Node reads local files without checking the lock's sha256 (run_engine.mjs checks
it itself); the browser passes it to fetch() as Subresource Integrity. This is the proof.
It uses the session's one Chromium (`browser`, tests/browser/conftest.py): Playwright's sync API
allows one instance per process. The bundle is the one the site build shipped.
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

import pytest

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
PAGE_JS = """
const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => { window.__result = event.data; };
worker.onerror = (event) => { window.__result = { ok: false, errors: ["worker error: " + event.message] }; };
"""
WORKER_JS = """
import { loadPyodide } from "./checker/pyodide/pyodide.mjs";
const base = new URL("./checker/pyodide/", import.meta.url).href;
const errors = [];
try {
  const t0 = performance.now();
  const pyodide = await loadPyodide({
    indexURL: base,
    lockFileURL: base + "pyodide-lock.json",
    packages: ["triage"],
    stdout: () => {},
    stderr: (s) => errors.push(s),
  });
  const bootMs = performance.now() - t0;
  let imported = false;
  try { pyodide.runPython("import triage"); imported = true; } catch (err) { errors.push(String(err.message)); }
  const python = pyodide.runPython("import sys; '.'.join(map(str, sys.version_info[:3]))");
  // A second lock entry points at a copy of the wheel with one byte flipped, under the real sha256.
  const tamperedErrors = [];
  let tamperedLoaded = [];
  try {
    tamperedLoaded = (await pyodide.loadPackage("tampered", {
      messageCallback: () => {}, errorCallback: (e) => tamperedErrors.push(String(e)),
    })).map((p) => p.name);
  } catch (err) { tamperedErrors.push(String(err && err.message || err)); }
  postMessage({ ok: imported, python, bootMs, errors, tamperedLoaded, tamperedErrors });
} catch (err) {
  postMessage({ ok: false, errors: [...errors, String(err && err.message || err)] });
}
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


def make_site(root: Path, bundle_dir: Path) -> Path:
    """A tiny site: a page, a module worker and the bundle at checker/pyodide/.

    The bundle is the real one plus, for the integrity check, a lock entry `tampered` whose file
    is the triage wheel with one byte flipped, listed with the real wheel's sha256.
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
    lock_path = pub / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    lock["packages"]["tampered"] = dict(lock["packages"]["triage"], name="tampered", file_name=TAMPERED,
                                        imports=["tampered"])
    lock_path.write_text(json.dumps(lock))
    (root / "index.html").write_text(PAGE)
    (root / "page.mjs").write_text(PAGE_JS)
    (root / "worker.mjs").write_text(WORKER_JS)
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


def test_browser_boots_the_bundle_and_enforces_the_lock_sha256(browser, built_site, tmp_path):
    site = make_site(tmp_path / "site", built_site / "checker" / "pyodide")
    with serving(site) as (url, served):
        result, outside = boot_in_browser(browser, url)
    assert outside == []
    # The real bundle boots in a module worker under the CSP, and `triage` installs from its lock.
    assert result["ok"], result["errors"]
    assert result["python"].startswith("3.14."), result
    print(f"\nchromium: Pyodide boot + triage in a module worker: {result['bootMs']:.0f} ms")
    # The tampered wheel was delivered (200), yet refused: only its digest can have failed it.
    assert ("/checker/pyodide/" + TAMPERED, 200) in served, served
    assert result["tamperedLoaded"] == [], "a wheel not matching its lock sha256 was installed"
    assert result["tamperedErrors"], result
    print("chromium refused the tampered wheel:", result["tamperedErrors"][:2])
