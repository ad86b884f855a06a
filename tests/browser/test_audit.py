"""Fresh-eyes checks: the person we serve first, and outside attacks, where the other browser tests
leave a gap (found by the audit; see its report). Ids and attributes only, never wording."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

#: A fixed "today", as every journey that checks dates sets one (Playwright's clock). The clock
#: also replaces `performance`, which then reports no navigation entry, as Safari before 15 does.
TODAY = datetime(2026, 12, 2, 12, 0)


def _leave_with_shift(page: Page, neutral: str) -> None:
    page.locator("[data-quick-exit]").evaluate("(el, url) => { el.href = url; }", neutral)
    page.locator("body").click(position={"x": 5, "y": 300})  # not in a text field
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    with page.expect_navigation(url=neutral):
        page.keyboard.press("Shift")


def test_back_after_the_quick_exit_shows_no_answer_when_the_browser_reports_no_navigation_type(
        new_page, site_server: str) -> None:
    """Two steps into the checker (JavaScript on, the page's clock fixed), Shift x3, then Back:
    the step before holds answers, so it is replaced by the home page before it is drawn, even
    where the browser gives no PerformanceNavigationTiming to say the page came from history."""
    page = new_page(None)
    page.clock.set_fixed_time(TODAY)
    page.goto("/checker/start/")
    page.wait_for_selector('#checker[data-app="ready"]', state="attached")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 0
    for question, value in (("about", "commissioner"), ("commissioner_topic", "conduct")):
        page.check(f'#checker input[name="{question}"][value="{value}"]')
        page.click('#checker [type="submit"]')
    page.wait_for_selector('#checker input[name="commissioner_stage"]', state="attached")
    _leave_with_shift(page, site_server + "/privacy/")
    page.go_back()
    try:
        page.wait_for_url(lambda url: urlsplit(url).path == "/", wait_until="load", timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: say what Back showed instead
        answers = page.locator("[data-answer]").count()
        pytest.fail(f"Back after leaving showed {page.url} with {answers} answers, not the home page")
    assert page.locator("#checker, [data-answer], main[data-outcome]").count() == 0
