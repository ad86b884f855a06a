"""The harness can fail: each check of conftest.py is shown catching what it is there to catch.

These tests serve small pages of their own (not the site), so they run even while the site
does not build. A second local server on another port plays "another origin".
"""
from __future__ import annotations

from pathlib import Path

import pytest

from playwright.sync_api import Page

STRICT_CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'\">"
)


def html(body: str, *, head: str = STRICT_CSP, title: str = "Fixture") -> str:
    return (
        f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}"
        f"<title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


@pytest.fixture(scope="module")
def outside(serve, tmp_path_factory) -> object:
    """A server on another port: another origin. It must never receive a request."""
    return serve(tmp_path_factory.mktemp("outside"))


@pytest.fixture(scope="module")
def fixture_site(serve, tmp_path_factory, outside) -> str:
    root: Path = tmp_path_factory.mktemp("fixture_site")
    other = outside.url
    files = {
        "clean.html": html('<p><a href="clean.html">A link</a></p><script src="noop.js"></script>'),
        "noop.js": "document.documentElement.dataset.ready = '1';",
        # No CSP here, so only the guard stands between the page and the other origin.
        "outside.html": html(f'<img src="{other}/pixel.png" alt=""><script src="outside.js"></script>', head=""),
        "outside.js": f"fetch('{other}/data.json').catch(() => {{}});",
        "worker.html": html('<script src="start-worker.js"></script>', head=""),
        "start-worker.js": "new Worker('worker.mjs', {type: 'module'});",
        "worker.mjs": f"fetch('{other}/from-worker.json').catch(() => {{}});",
        "inline.html": html("<script>document.title = 'inline ran';</script>"),
        "inline-style.html": html('<p style="color: red">styled</p>'),
        "console.html": html('<script src="console.js"></script>'),
        "console.js": "console.error('harness-expected-error');",
        "pageerror.html": html('<script src="throw.js"></script>'),
        "throw.js": "throw new Error('harness-uncaught');",
        "cookie.html": html('<script src="cookie.js"></script>'),
        "cookie.js": "document.cookie = 'tracker=1; path=/';",
        "missing-asset.html": html('<link rel="stylesheet" href="no-such.css">'),
        "axe-bad.html": html('<img src="pixel.gif"><a href="clean.html"></a>'),
        "pixel.gif": "GIF89a",
        "module.mjs": "export const x = 1;",
        "module.wasm": "\0asm",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return serve(root).url


def open_fixture(new_page, fixture_site: str, name: str, **kwargs) -> Page:
    page = new_page(base_url=fixture_site, **kwargs)
    page.goto(f"/{name}", wait_until="load")
    return page


def problems_of(guard_of, page: Page) -> list[str]:
    page.wait_for_timeout(50)  # let late events arrive (harness only; timers stop with JS off)
    problems = guard_of(page).problems()
    guard_of(page).reset()  # so the fixture's teardown check does not fail this test
    return problems


def test_clean_page_has_no_problems(new_page, fixture_site, guard_of, assert_accessible):
    page = open_fixture(new_page, fixture_site, "clean.html")
    assert page.get_attribute("html", "data-ready") == "1"  # its script ran under the CSP
    assert_accessible(page)  # axe runs under the strict CSP...
    assert problems_of(guard_of, page) == []  # ...and causes no CSP violation itself


def test_outside_requests_are_recorded_and_blocked(new_page, fixture_site, guard_of, outside):
    page = open_fixture(new_page, fixture_site, "outside.html")
    page.wait_for_load_state("networkidle")
    problems = problems_of(guard_of, page)
    assert any("pixel.png" in p and "another origin" in p for p in problems), problems
    assert any("data.json" in p and "another origin" in p for p in problems), problems
    assert outside.requested_paths == []  # aborted: nothing reached the other origin


def test_outside_requests_from_a_worker_are_recorded_and_blocked(new_page, fixture_site, guard_of, outside):
    page = open_fixture(new_page, fixture_site, "worker.html")
    page.wait_for_load_state("networkidle")
    problems = problems_of(guard_of, page)
    assert any("from-worker.json" in p and "another origin" in p for p in problems), problems
    assert outside.requested_paths == []


def test_blocked_inline_script_is_a_csp_violation(new_page, fixture_site, guard_of):
    page = open_fixture(new_page, fixture_site, "inline.html")
    assert page.title() == "Fixture"  # the CSP was enforced: the inline script did not run
    problems = problems_of(guard_of, page)
    assert any(p.startswith("CSP violation") and "script-src" in p for p in problems), problems


# Each fixture page commits one kind of problem: the guard must record it, by its prefix, naming it.
RECORDED = [
    ("inline-style.html", "CSP violation", "style-src"),
    ("console.html", "console error", "harness-expected-error"),
    ("pageerror.html", "page error", "harness-uncaught"),
    ("cookie.html", "cookie: tracker=1", "tracker"),
    ("missing-asset.html", "bad response: 404", "no-such.css"),
]


@pytest.mark.parametrize("fixture, prefix, detail", RECORDED, ids=[r[1].split(":")[0] for r in RECORDED])
def test_each_kind_of_problem_is_recorded(new_page, fixture_site, guard_of, fixture, prefix, detail):
    page = open_fixture(new_page, fixture_site, fixture)
    problems = problems_of(guard_of, page)
    assert any(p.startswith(prefix) and detail in p for p in problems), problems


def test_an_allowed_console_error_is_not_a_problem(new_page, fixture_site, guard_of):
    page = new_page(base_url=fixture_site)
    guard_of(page).allow_console_error(r"harness-expected-error")
    page.goto("/console.html", wait_until="load")
    page.wait_for_timeout(50)
    assert guard_of(page).problems() == []




def test_assert_clean_fails_with_every_problem_listed(new_page, fixture_site, guard_of):
    page = open_fixture(new_page, fixture_site, "cookie.html")
    with pytest.raises(AssertionError, match="cookie: tracker=1"):
        guard_of(page).assert_clean("/cookie.html")
    guard_of(page).reset()


def test_axe_finds_violations(new_page, fixture_site, axe, assert_accessible):
    page = open_fixture(new_page, fixture_site, "axe-bad.html")
    ids = {v["id"] for v in axe(page)}
    assert {"image-alt", "link-name"} <= ids, ids
    with pytest.raises(AssertionError, match=r"image-alt.*\n.*at img"):
        assert_accessible(page)


def test_javascript_off_means_off(new_page, fixture_site):
    page = open_fixture(new_page, fixture_site, "clean.html", js=False)
    assert page.get_attribute("html", "data-ready") is None


def test_mime_types(new_page, fixture_site):
    page = new_page(base_url=fixture_site)
    for name, mime in (("module.wasm", "application/wasm"), ("module.mjs", "text/javascript"),
                       ("noop.js", "text/javascript"), ("clean.html", "text/html")):
        response = page.request.get(f"{fixture_site}/{name}")
        assert response.headers["content-type"].split(";")[0] == mime, name


def test_csp_violation_is_recorded_with_javascript_off(new_page, fixture_site, guard_of):
    page = open_fixture(new_page, fixture_site, "inline-style.html", js=False)
    problems = problems_of(guard_of, page)
    assert any(p.startswith("CSP violation") and "style-src" in p for p in problems), problems


def test_each_csp_violation_is_reported_once(new_page, fixture_site, guard_of):
    page = open_fixture(new_page, fixture_site, "inline.html")
    problems = problems_of(guard_of, page)
    assert len([p for p in problems if p.startswith("CSP violation")]) == 1, problems
