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


def test_after_the_quick_exit_a_fresh_visit_in_the_same_tab_keeps_its_answers_on_back(
        new_page, site_server: str) -> None:
    """Shift x3 from the checker; later the person comes back in that tab (typing the address),
    answers two questions, opens a guidance page and presses Back: their new answers are there,
    not the home page. Then Shift x3 again and Back twice: each step with answers is replaced by
    the home page (the home page Back led to does not count as a fresh start)."""
    page = new_page(None)
    neutral = site_server + "/sitemap.xml"  # a file, not a page: no script of ours runs there

    def answer_two() -> None:
        page.goto("/checker/start/")  # typed: a fresh visit
        page.wait_for_selector('#checker[data-app="ready"]', state="attached")
        for question, value in (("about", "commissioner"), ("commissioner_topic", "conduct")):
            page.check(f'#checker input[name="{question}"][value="{value}"]')
            page.click('#checker [type="submit"]')
        page.wait_for_selector('#checker input[name="commissioner_stage"]', state="attached")

    answer_two()
    _leave_with_shift(page, neutral)
    answer_two()
    page.goto("/review/")
    page.go_back()
    page.wait_for_selector('#checker input[name="commissioner_stage"]', state="attached", timeout=10_000)
    assert urlsplit(page.url).path != "/" and page.locator("[data-answer]").count() > 0

    _leave_with_shift(page, neutral)
    for _ in range(2):
        page.go_back()
        page.wait_for_url(lambda url: urlsplit(url).path == "/", wait_until="load", timeout=10_000)
        assert page.locator("#checker, [data-answer]").count() == 0


#: Text in the header or footer that the browser cuts: wider than its box where the box hides the
#: rest (the theme's `.md-ellipsis`), or poking out of the header's bar. Visually hidden text
#: (for screen readers) is cut on purpose.
_CUT_TEXT = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('.md-header *, .md-footer *')) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    if (el.closest('.app-visually-hidden, .md-visually-hidden, .md-search, [hidden]')) continue;
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text) continue;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible') out.push('cut: ' + el.textContent.trim());
    if (el.closest('.md-header') && (r.top < header.top - 0.5 || r.bottom > header.bottom + 0.5)) out.push('outside the header: ' + el.textContent.trim());
  }
  return out;
}"""


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_no_words_in_the_header_or_footer_are_cut_off_on_a_phone_or_zoomed(new_page, js: bool) -> None:
    """At 200 % zoom (180 px), on a phone (360 px) and a tablet, the site's name in the header
    and the footer's next-page title wrap instead of ending in "…"; scrolled down too (the theme
    then swapped the name for the page's title, cut to one line)."""
    page = new_page("/commissioner/", js=js, viewport={"width": 360, "height": 640})
    for width in (180, 360, 768):
        page.set_viewport_size({"width": width, "height": 640})
        assert page.evaluate(_CUT_TEXT) == [], f"{width}px"
    if js:  # the theme's script swaps the header's topic once the page scrolls
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(450)  # its transition takes 0.4 s
        assert page.evaluate(_CUT_TEXT) == [], "768px, scrolled"


#: history.state entries an older site or a tampered tab could hold ({checker: ...}, as JSON so
#: that `__proto__` is an own key), each with the answers the app must keep: the valid prefix.
_STALE_ENTRIES = [
    ('{"answers": [["about", "met"], ["bogus", "x"]], "remembered": {}, "skipped": []}', ["about"]),
    ('{"answers": [["about", "met"]], "remembered": {}, "skipped": ["x", "constructor"]}', ["about"]),
    ('{"answers": [["__proto__", "met"], ["about", "met"]], "remembered": {"__proto__": {"day": 1}}, '
     '"skipped": ["__proto__"]}', []),
    ('{"answers": [["about", "met"], ["constructor", "x"]], "remembered": {"constructor": 5}, '
     '"skipped": []}', ["about"]),
    ('{"answers": [["about", "nope"]], "remembered": {"about": 7}, "skipped": "incident_date"}', []),
    ('{"answers": [["about", "met"], ["met_stage", 7], null], "remembered": [], "skipped": null}', ["about"]),
    ('{"answers": [["about", "met"], ["incident_date", "yesterday"]], "remembered": {}, "skipped": []}', ["about"]),
]

_PUT_ENTRY = """(json) => {
  document.querySelector('#checker-view').firstElementChild.dataset.probe = '';
  history.pushState({checker: JSON.parse(json)}, '', location.href);
  history.pushState({checker: {answers: [], remembered: {}, skipped: []}}, '', location.href);
  history.back();
}"""
_REDRAWN = "() => !document.querySelector('#checker-view [data-probe]')"


def _shown_answers(page: Page) -> list[str]:
    return page.eval_on_selector_all("#checker [data-answer]", "els => els.map(e => e.dataset.answer)")


def test_a_stale_or_tampered_history_entry_is_cut_to_its_valid_prefix(new_page) -> None:
    """With the engine ready, Back to an entry holding unknown ids (`__proto__`, `constructor`),
    values no question takes, or wrong shapes: the step its valid prefix leads to is drawn (the
    first question if none), with no error; a reload of such an entry too (drawn from the data)."""
    page = new_page(None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/checker/start/")
    page.wait_for_selector('#checker[data-engine="ready"]', state="attached", timeout=60_000)
    page.check('#checker input[name="about"][value="commissioner"]')
    page.click('#checker [type="submit"]')
    page.wait_for_selector('#checker input[name="commissioner_topic"]', state="attached")
    for json, kept in _STALE_ENTRIES:
        page.evaluate(_PUT_ENTRY, json)
        page.wait_for_function(_REDRAWN, timeout=5_000)
        assert _shown_answers(page) == kept, json
        assert page.locator("#checker [data-checker-form]").count() == 1, json
        assert not errors, f"{json}: {errors}"
    for json, kept in _STALE_ENTRIES[2:3]:  # a reload redraws from history.state, before the engine
        page.evaluate("(json) => history.replaceState({checker: JSON.parse(json)}, '', location.href)", json)
        page.reload()
        page.wait_for_selector('#checker[data-app="ready"]', state="attached")
        page.wait_for_selector("#checker [data-checker-form]", state="attached")
        assert _shown_answers(page) == kept, json
        assert not errors, f"{json} (reload): {errors}"


def test_no_history_entry_of_the_checker_names_a_question(new_page, site_server: str) -> None:
    """Two answers and an error (JavaScript on): every entry of the tab's history (CDP's
    Page.getNavigationHistory, what Back's long-press list shows) is titled without a question's
    words; the error step's title starts with the error prefix."""
    page = new_page("/checker/start/")
    page.wait_for_selector('#checker[data-app="ready"]', state="attached")
    data = page.evaluate("() => fetch('/checker/checker-data.json').then(r => r.json())")
    titles = {q["title"] for q in data["questions"].values()}
    for question, value in (("about", "commissioner"), ("commissioner_topic", "conduct")):
        page.check(f'#checker input[name="{question}"][value="{value}"]')
        page.click('#checker [type="submit"]')
    page.wait_for_selector('#checker input[name="commissioner_stage"]', state="attached")
    page.click('#checker [type="submit"]')  # nothing chosen: the error
    page.wait_for_selector("#checker .checker-error-summary", state="attached")
    assert page.title().startswith(data["ui"]["error_title_prefix"])
    entries = page.context.new_cdp_session(page).send("Page.getNavigationHistory")["entries"]
    assert len(entries) >= 3
    named = [(e["title"], t) for e in entries for t in titles if t in e["title"]]
    assert not named, f"history entries titled with a question: {named}"
