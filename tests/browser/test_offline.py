"""The service worker in Chromium (hooks/service_worker.py, decisions/service-worker.md).

- After one visit to the checker with the engine ready, with the network off (the browser
  offline and the server stopped): every guidance page loads, a journey with a date reaches its
  outcome, and the engine boots from what the worker kept.
- A new build's worker replaces the old one in one step: while it installs, the old version
  answers; once it takes over, only its cache is left, complete, and pages are the new build's.
  A build whose files do not match its worker's manifest is never installed.

Each test serves its own copy of the built site on its own port (an origin of its own, so no
worker is shared with other tests) and stops it to cut the network.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page

import triage
from test_checker import OUTCOME_STATES, TODAY, Checker, journey_answers, path_of

#: The worker's cache names (hooks/offline/sw.js, PREFIX).
CACHE_PREFIX = "police-complaints-"
_MANIFEST = re.compile(r"^const MANIFEST = (\{.*\});$", re.M)
#: Resolves once this page is controlled by the active worker.
CONTROLLED = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, {once: true}));
  }
  return true;
}"""
#: Asks the browser to look for a new worker now; resolves with what became of it once its
#: install has ended ("installed": waiting to take over; "redundant": refused), or "none".
UPDATE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const found = new Promise((resolve) => registration.addEventListener('updatefound', () => resolve(registration.installing), {once: true}));
  await registration.update();
  const worker = registration.installing || await Promise.race([found, new Promise((r) => setTimeout(() => r(null), 5000))]);
  if (!worker) return 'none';
  if (worker.state !== 'installing') return worker.state;
  return new Promise((resolve) => worker.addEventListener('statechange', () => {
    if (worker.state !== 'installing') resolve(worker.state);
  }));
}"""
#: Records, in window.registeredWhen, the checker's engine state (data-engine) at each call of
#: navigator.serviceWorker.register (null on a page without the checker).
REGISTERED_WHEN = """
window.registeredWhen = [];
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  const checker = document.getElementById('checker');
  window.registeredWhen.push(checker ? checker.getAttribute('data-engine') : null);
  return register.apply(this, args);
};
"""
#: {cache name: number of entries} for this site's caches.
CACHES = """async (prefix) => {
  const out = {};
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix)) out[name] = (await (await caches.open(name)).keys()).length;
  }
  return out;
}"""


def manifest_of(site: Path) -> dict:
    found = _MANIFEST.search((site / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js holds no manifest"
    return json.loads(found.group(1))


def caches_of(page: Page) -> dict[str, int]:
    return page.evaluate(CACHES, CACHE_PREFIX)


def registration(page: Page) -> dict[str, str | None]:
    """The state of this origin's registration: the active, waiting and installing workers."""
    return page.evaluate("""async () => {
      const r = await navigator.serviceWorker.getRegistration();
      const state = (worker) => worker ? worker.state : null;
      return r ? {active: state(r.active), waiting: state(r.waiting), installing: state(r.installing)} : {};
    }""")


def wait_until(check, what: str, seconds: float = 60) -> None:
    """Poll `check()` (page.evaluate of promises cannot go in wait_for_function) until true."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def wait_caches(page: Page, expected: dict[str, int], seconds: float = 60) -> None:
    wait_until(lambda: caches_of(page) == expected, f"the caches {expected} (now {caches_of(page)})", seconds)


def guidance_paths(site: Path, harness) -> list[str]:
    """Every page that is not a checker state's (the start page and flow page included)."""
    return [p for p in harness.list_site_pages(site) if not harness.is_checker_state(p) and p != "/404.html"]


def assert_engine_downloaded_once(requested: list[str], manifest: dict) -> None:
    engine = [urlsplit(p).path for p in requested if p.startswith("/" + manifest["engine"])]
    assert sorted(engine) == sorted("/" + a for a in manifest["onUse"]), engine


def test_after_one_checker_visit_the_site_works_offline(built_site: Path, harness, new_page, guard_of) -> None:
    target = next(t for _, t in sorted(OUTCOME_STATES.items()) if triage.evaluate(dict(journey_answers(t)), TODAY).dates)
    manifest = manifest_of(built_site)
    with harness.serve_directory(built_site) as server:
        page = new_page(base_url=server.url, service_workers="allow")
        page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
        app = Checker(page, guard_of(page))
        page.goto("/")
        page.evaluate(CONTROLLED)
        wait_caches(page, {CACHE_PREFIX + manifest["version"]: len(manifest["precache"])})  # no engine
        app.open("/checker/")
        # One version, complete: the engine is kept as the checker uses it, downloaded once.
        wait_caches(page, {CACHE_PREFIX + manifest["version"]: len(manifest["precache"]) + len(manifest["onUse"])})
        assert_engine_downloaded_once(server.requested_paths, manifest)
    page.context.set_offline(True)
    served: list[str] = []
    page.context.on("requestfinished", lambda r: served.append(r.url) if r.response() and
                    not r.response().from_service_worker else None)
    for path in guidance_paths(built_site, harness):
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert page.locator("body[data-page-id]").count() == 1, path
    app.open("/checker/start/")
    given: list[tuple[str, str]] = []
    for question, value in journey_answers(target):
        app.answer(question, value)
        given.append((question, value))
        app.wait_step(triage.evaluate(dict(given), TODAY))
    step = triage.evaluate(dict(given), TODAY)
    assert isinstance(step, triage.Outcome) and step.outcome == target.outcome
    for name, day in step.dates.items():
        assert page.locator(f'[data-date="{name}"] time[datetime="{day.isoformat()}"]').count() == 1
    # The date table's address carries its own content's hash (?v=), which the worker knows.
    table = urljoin("/checker/start/", page.get_attribute('meta[name="checker-dates"]', "content"))
    assert page.evaluate("async (url) => (await fetch(url)).ok", table), table
    assert served == [], "offline, everything must come from the worker's cache"
    # A checker address the worker does not keep is sent to the checker's start page, offline.
    response = page.goto(target.url_path)
    assert response is not None and response.ok and path_of(page) == triage.URL_PREFIX
    assert page.locator('body[data-page-id="checker"]').count() == 1
    guard_of(page).assert_clean("offline")


def _swap(current: Path, to: Path) -> None:
    """Point the served folder at `to` in one step (a new deploy)."""
    link = current.with_name(current.name + ".new")
    link.symlink_to(to, target_is_directory=True)
    os.replace(link, current)


def test_a_new_build_replaces_the_old_in_one_step(built_site: Path, harness, new_page, tmp_path: Path) -> None:
    sys_path_hooks()
    import service_worker

    old = built_site
    new = Path(shutil.copytree(built_site, tmp_path / "new", ignore=shutil.ignore_patterns("pyodide")))
    review = new / "review" / "index.html"
    review.write_text(review.read_text(encoding="utf-8").replace(
        "<body ", '<body data-build="new" ', 1), encoding="utf-8")
    for copy in review.parent.glob("index.html.*"):
        copy.unlink()  # the server would send the old page's compressed copies
    text, found = service_worker.worker_source(new)
    (new / "sw.js").write_text(text, encoding="utf-8")
    broken = Path(shutil.copytree(new, tmp_path / "broken", symlinks=True))
    (broken / "sw.js").write_text(text.replace(found.version, "0" * len(found.version)), encoding="utf-8")
    (broken / "review" / "index.html").write_text("<!doctype html><title>x</title><body>changed</body>", encoding="utf-8")
    later = time.time() + 5  # deployed after the broken one: the server's Last-Modified says so
    for changed in (new / "sw.js", review):
        os.utime(changed, (later, later))
    served = tmp_path / "served"
    served.symlink_to(old, target_is_directory=True)
    old_cache = CACHE_PREFIX + manifest_of(old)["version"]
    new_cache = CACHE_PREFIX + found.version
    with harness.serve_directory(served) as server:
        page = new_page("/review/", base_url=server.url, service_workers="allow")
        page.evaluate(CONTROLLED)
        wait_caches(page, {old_cache: len(manifest_of(old)["precache"])})

        # A build whose files are not its manifest's (a half-copied deploy): never installed.
        _swap(served, broken)
        assert page.evaluate(UPDATE) == "redundant"
        assert caches_of(page) == {old_cache: len(manifest_of(old)["precache"])}

        # The new build: installed completely beside the old one, which answers meanwhile.
        _swap(served, new)
        assert page.evaluate(UPDATE) == "installed"
        assert caches_of(page) == {old_cache: len(manifest_of(old)["precache"]), new_cache: len(found.precache)}
        page.goto("/review/")  # the only page open: the new version takes over on this navigation
        assert page.locator('body[data-build="new"]').count() == 1
        wait_caches(page, {new_cache: len(found.precache)})
    page.context.set_offline(True)
    page.goto("/")
    page.goto("/review/")
    assert page.locator('body[data-build="new"]').count() == 1


def sys_path_hooks() -> None:
    import sys

    hooks = str(Path(__file__).resolve().parents[2] / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)


def test_a_page_that_names_no_worker_removes_it(built_site: Path, harness, new_page, tmp_path: Path) -> None:
    """What an editor's preview does (`mkdocs serve` pages name no worker): any worker this
    address had is unregistered, so the preview is never a kept copy."""
    site = Path(shutil.copytree(built_site, tmp_path / "site", ignore=shutil.ignore_patterns("pyodide")))
    review = (site / "review" / "index.html").read_text(encoding="utf-8")
    preview = re.sub(r' data-service-worker="[^"]*"', "", review)
    assert preview != review
    (site / "review" / "preview.html").write_text(preview, encoding="utf-8")  # not a kept page
    with harness.serve_directory(site) as server:
        page = new_page("/review/", base_url=server.url, service_workers="allow")
        page.evaluate(CONTROLLED)
        page.goto("/review/preview.html")
        wait_until(lambda: page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0,
                   "the worker to be removed")


def test_a_first_visit_to_the_checker_keeps_the_engine_it_downloaded(built_site: Path, harness, playwright_session,
                                                                   tmp_path: Path) -> None:
    """The checker as the first page: the worker is registered once the engine is ready (not
    while the page downloads it: the worker's install would share the link and the CPU with it),
    and keeps the engine from the browser's HTTP cache, never downloading it again. Not a guarded
    context: Playwright's routes, which the guard needs, turn the HTTP cache off; and a browser
    profile on disk, as a person's is (a private context's memory cache keeps no 9.6 MB file).
    Its requests are the local server's only, as `requested_paths` shows."""
    manifest = manifest_of(built_site)
    with harness.serve_directory(built_site) as server:
        context = playwright_session.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS,
            base_url=server.url, service_workers="allow")
        try:
            page = context.new_page()
            page.add_init_script(REGISTERED_WHEN)
            page.goto("/checker/")
            page.wait_for_selector('#checker[data-engine="ready"]', state="attached", timeout=60_000)
            page.evaluate(CONTROLLED)
            assert page.evaluate("window.registeredWhen") == ["ready"]
            wait_caches(page, {CACHE_PREFIX + manifest["version"]: len(manifest["precache"]) + len(manifest["onUse"])})
            assert_engine_downloaded_once(server.requested_paths, manifest)
        finally:
            context.close()
