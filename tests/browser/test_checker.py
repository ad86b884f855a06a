"""The checker in Chromium, without JavaScript (a page per state) and with it (the engine in Pyodide).

Journeys are derived from the rules (`triage.static_states()`, `triage.evaluate()`), never typed
in, and assertions use the checker's HTML contract (triage/README.md, "In the site's HTML"): answer links
`[data-question] a[data-value]`, inputs named by question id (`<id>-day`, `-month`, `-year` for
dates), `main[data-outcome]`, `#checker[data-engine="ready"]`, `<time datetime>`. No prose: the
few interface words a test needs (the "Error: " title prefix) are read from checker-data.json.

One Chromium for the whole session (tests/browser/conftest.py); the JavaScript journeys share one
page, so Pyodide boots once for all of them (and once more for the reload test).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

import triage

#: The person's "today" in every JavaScript test (the page's clock is fixed to it).
TODAY = date(2026, 3, 20)
#: What a journey answers to each date question ("unknown" is the "I don't know" choice).
DATE_ANSWERS = {"incident_date": "2024-12-01", "last_update_date": "2026-02-10", "letter_date": "2026-03-02"}
READY = '#checker[data-engine="ready"]'
#: The app has taken over the page (it needs its data files, not the engine).
APP = '#checker[data-app="ready"]'
#: With JavaScript, the address bar shows only the checker's start address, whatever the step.
START = "/checker/"
BOOT_TIMEOUT_MS = 60_000
PYODIDE_FILES = "**/checker/pyodide/**"
WASM = "**/checker/pyodide/**/*.wasm"
#: mkdocs-material's bundle, by its path: its file name carries a hash that changes with the theme.
THEME_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[^/]*\.js$")
#: The theme's bundle has run: it takes `no-js` off <html> at once.
THEME_RAN = "() => !document.documentElement.classList.contains('no-js')"
#: ... and has started its components: its `document$` (the ReplaySubject the theme documents for
#: extra scripts) has emitted the document, as it does on DOMContentLoaded on other pages.
THEME_STARTED = """() => {
  let emitted = false;
  if (window.document$) window.document$.subscribe(() => { emitted = true; }).unsubscribe();
  return emitted;
}"""
#: On checker pages the theme's scripts run once the app has taken over (site_templates/checker/
#: base.html), and then fetch what they fetch on every page: the bundle, then its search worker and
#: the search index. The same for everyone, nothing to do with the answers: tests that count
#: requests after "ready" wait for these first (Checker.wait_ready).
THEME_FETCHES = ("/assets/javascripts/workers/search.", "/search/search_index.json")

STATES = triage.static_states()
FLOW = triage.load_flow()
#: One journey per outcome: the first static state (depth-first, option order) that reaches it.
OUTCOME_STATES: dict[str, Any] = {}
for _state in STATES:
    if _state.outcome is not None:
        OUTCOME_STATES.setdefault(_state.outcome, _state)


def is_date(question: str) -> bool:
    return FLOW.questions[question].is_date


def url_of(answers: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    """The static page of a step: its choice answers, in order (date answers are never in it)."""
    return triage.url_for(tuple(answers))


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def ui(page: Page, site_server: str) -> dict[str, str]:
    """The checker's interface words, from its data file (read outside the page)."""
    return json.loads(page.request.get(site_server + "/checker/checker-data.json").text())["ui"]


def assert_axe_clean(page: Page, axe, where: str) -> None:
    violations = axe(page)
    assert not violations, f"axe on {where}: " + "; ".join(
        f"{v['id']} at {' '.join(map(str, v['nodes'][0]['target']))}" for v in violations)


# ============================================================================ without JavaScript


@pytest.mark.parametrize("outcome", sorted(OUTCOME_STATES))
def test_no_js_journey_reaches_every_outcome(outcome: str, reused_page_nojs: Page) -> None:
    """With JavaScript off, following the answer links from the first question reaches the outcome."""
    page = reused_page_nojs
    target = OUTCOME_STATES[outcome]
    page.goto("/checker/start/", wait_until="domcontentloaded")
    for index, (question, value) in enumerate(target.path):
        assert path_of(page) == url_of(target.path[:index])
        link = page.locator(f'[data-question="{question}"] a[data-value="{value}"]')
        assert link.count() == 1, f"{path_of(page)}: no link for {question}={value}"
        with page.expect_navigation(wait_until="domcontentloaded"):
            link.click()
    assert path_of(page) == target.url_path
    assert page.locator(f'main[data-outcome="{outcome}"]').count() == 1


@pytest.fixture(scope="module")
def static_page(browser, site_server, harness) -> Iterator[Page]:
    """The static checker pages as JavaScript-off browsers get them. axe needs JavaScript, so it is
    on, but every script of the site is replaced by an empty one: the page keeps its no-JS markup."""
    context, guard = harness.open_guarded_context(browser, site_server)
    page = context.new_page()
    page.route("**/*.js*", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="// scripts off: the static checker\n"))
    yield page
    failures = harness.close_and_check([(context, guard)], "static_page")
    assert not failures, failures


@pytest.mark.parametrize("state", STATES, ids=[s.url_path for s in STATES])
def test_every_static_state_page(state: Any, static_page: Page, guard_of, axe) -> None:
    """Each state's page: its question's answer links lead to the right pages (or it is the
    outcome), a Back link, the answers so far with links to where each was asked; no axe violation."""
    page = static_page
    guard = guard_of(page)
    guard.reset()
    response = page.goto(state.url_path)
    assert response is not None and response.ok
    root = page.locator("#checker")
    assert root.count() == 1
    if state.question is not None:
        links = page.locator(f'[data-question="{state.question}"] a[data-value]')
        values = [links.nth(i).get_attribute("data-value") for i in range(links.count())]
        assert values == list(FLOW.questions[state.question].values)
        for i, value in enumerate(values):
            href = links.nth(i).evaluate("a => new URL(a.href).pathname")
            assert href == state.child_url_path(value)
        assert page.locator("main[data-outcome]").count() == 0
    else:
        assert page.locator(f'main[data-outcome="{state.outcome}"]').count() == 1
        assert page.locator("[data-question] a[data-value]").count() == 0
        # Without dates, the page states the rules of the dates it skipped, and of the flags they
        # could raise.
        date_rules, _ = triage.rules_for_unknown_dates(
            {**state.answers, **{q: triage.UNKNOWN for q in state.skipped_dates}})
        assert page.eval_on_selector_all("[data-date]", "els => els.map(e => e.dataset.date)") == list(date_rules)
        flag_rules = [f for f in triage.FLAGS if triage.DATE_FLAGS.get(f) in state.skipped_dates]
        assert page.eval_on_selector_all("[data-flag-rule]", "els => els.map(e => e.dataset.flagRule)") == flag_rules
    back = page.locator("a.checker-back").evaluate("a => new URL(a.href).pathname")
    assert back == (state.parent_url_path or "/checker/")
    rows = page.locator("[data-answer]")
    assert [rows.nth(i).get_attribute("data-answer") for i in range(rows.count())] == [q for q, _ in state.path]
    for i in range(rows.count()):
        change = rows.nth(i).locator("a").evaluate("a => new URL(a.href).pathname")
        assert change == url_of(state.path[:i])
    assert_axe_clean(page, axe, state.url_path)
    guard.assert_clean(state.url_path)


# ============================================================================ with JavaScript


class Checker:
    """One page of the site with the checker's engine loaded, shared by the JavaScript tests."""

    def __init__(self, page: Page, guard: Any) -> None:
        self.page, self.guard = page, guard
        self.requests: list[str] = []
        self.finished: list[str] = []  # since the page's document last loaded
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfinished", lambda request: self.finished.append(request.url))
        page.on("domcontentloaded", lambda _: self.finished.clear())

    def open(self, path: str) -> None:
        self.page.goto(path)
        self.wait_ready()

    def wait_ready(self) -> None:
        """The engine is ready, and the theme's scripts have run and fetched what they fetch."""
        self.page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
        self.page.wait_for_function(THEME_RAN)
        for part in THEME_FETCHES:  # (this page's clock is fixed: no resource timing to ask)
            if not any(part in url for url in self.finished):
                self.page.wait_for_event("requestfinished", lambda request, part=part: part in request.url)

    def ensure_ready(self) -> None:
        if self.page.locator(READY).count() == 0:
            self.open("/checker/start/")

    def restart(self) -> None:
        """Back to the first question in place (as Back to an entry of the first question)."""
        self.ensure_ready()
        self.page.evaluate(MOVE_TO, {"answers": [], "skipped": []})
        self.wait_question("about")
        assert self.page.locator("input[name=about]:checked").count() in (0, 1)

    def wait_question(self, question: str) -> None:
        name = f"{question}-day" if is_date(question) else question
        self.page.wait_for_selector(f'#checker input[name="{name}"]', state="attached")

    def wait_step(self, step: Any) -> None:
        if isinstance(step, triage.Outcome):
            self.page.wait_for_selector(f'main[data-outcome="{step.outcome}"]', state="attached")
        else:
            self.wait_question(step.question)

    def answer(self, question: str, value: str) -> None:
        page = self.page
        if is_date(question):
            unknown = page.locator(f'input[name="{question}"][value="unknown"]')
            if value == "unknown":
                unknown.check()
            else:
                unknown.set_checked(False)
                year, month, day = value.split("-")
                page.fill(f'input[name="{question}-day"]', str(int(day)))
                page.fill(f'input[name="{question}-month"]', str(int(month)))
                page.fill(f'input[name="{question}-year"]', year)
        else:
            page.check(f'input[name="{question}"][value="{value}"]')
        page.click('#checker [type="submit"]')

    def focused(self, script: str) -> Any:
        return self.page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")


@pytest.fixture(scope="module")
def checker(browser, site_server, harness) -> Iterator[Checker]:
    context, guard = harness.open_guarded_context(browser, site_server)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
    yield Checker(page, guard)
    failures = harness.close_and_check([(context, guard)], "checker")
    assert not failures, failures


@pytest.fixture
def app(checker: Checker) -> Iterator[Checker]:
    """The shared checker page; its guard is reset before and checked after each test."""
    checker.guard.reset()
    yield checker
    checker.guard.assert_clean()


def test_keyboard_only_journey(app: Checker, axe) -> None:
    """From the start page to an outcome with Tab, Space and Enter only: each step moves focus
    to the new question's heading; the first option of each question leads to an outcome."""
    page = app.page
    app.open("/checker/")
    tab_to(page, START_LINK)
    before = len(app.requests)
    page.keyboard.press("Enter")
    answers: list[tuple[str, str]] = []
    step = triage.evaluate({}, TODAY)
    while isinstance(step, triage.NextQuestion):
        app.wait_question(step.question)
        assert app.focused("el.tagName") == "H1"
        assert path_of(page) == START
        if is_date(step.question):
            tab_to(page, f'input[name="{step.question}"][value="unknown"]')
            value = "unknown"
        else:
            value = FLOW.questions[step.question].values[0]
            tab_to(page, f'input[name="{step.question}"]')
            assert app.focused("el.value") == value
        page.keyboard.press("Space")
        tab_to(page, '#checker [type="submit"]')
        page.keyboard.press("Enter")
        answers.append((step.question, value))
        step = triage.evaluate(dict(answers), TODAY)
    app.wait_step(step)
    assert app.focused("el.tagName") == "H1"
    assert path_of(page) == START
    assert app.requests[before:] == []


def test_start_page_and_back_links_work_in_place(app: Checker) -> None:
    """From the start page, "Start now" and the Back links move in place: no request, no reload."""
    page = app.page
    if page.locator('#checker[data-checker-kind="start"]').count() == 0:
        app.open("/checker/")
    app.restart()
    before = len(app.requests)
    app.answer("about", "met")
    app.wait_question("met_stage")
    page.click("#checker a.checker-back")
    app.wait_question("about")
    assert path_of(page) == START
    page.click("#checker a.checker-back")
    page.wait_for_function(f"() => [...document.querySelectorAll('#checker a')].some({START_LINK_JS})")
    assert path_of(page) == "/checker/"
    assert page.locator("#checker form").count() == 0
    page.evaluate(f"() => [...document.querySelectorAll('#checker a')].find({START_LINK_JS}).click()")
    app.wait_question("about")
    assert app.requests[before:] == []


#: The start page's link to the first question (the page's own, relative, href).
START_LINK_JS = "(a) => !!a.href && new URL(a.href).pathname === '/checker/start/'"
START_LINK = f"js:{START_LINK_JS}"


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` (CSS, or "js:" and a predicate) has the focus (fails after `limit`)."""
    test = (f"() => {{ const el = document.activeElement; return !!el && el !== document.body && ({selector[3:]})(el); }}"
            if selector.startswith("js:") else
            f"() => !!document.activeElement && document.activeElement.matches({json.dumps(selector)})")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return
    raise AssertionError(f"Tab never reached {selector}")


def journey_answers(target: Any) -> list[tuple[str, str]]:
    """The choice answers of `target`'s path with the date answers of DATE_ANSWERS in between."""
    answers: list[tuple[str, str]] = []
    choices = list(target.path)
    while True:
        step = triage.evaluate(dict(answers), TODAY)
        if isinstance(step, triage.Outcome):
            return answers
        if is_date(step.question):
            answers.append((step.question, DATE_ANSWERS[step.question]))
        else:
            answers.append(choices.pop(0))


def test_js_journeys_reach_every_outcome_with_their_dates(app: Checker, axe) -> None:
    """Through the forms to every outcome; each question and outcome reached passes axe; the
    outcome shows the engine's dates (<time datetime>) and flags; after the engine is ready, the
    page makes no request at all."""
    page = app.page
    app.ensure_ready()
    before = len(app.requests)
    checked: set[str] = set()
    for outcome, target in sorted(OUTCOME_STATES.items()):
        app.restart()
        answers: list[tuple[str, str]] = []
        for question, value in journey_answers(target):
            assert path_of(page) == START
            key = f"{question}@{url_of(answers)}"  # once per state (its page without JavaScript)
            if key not in checked:
                assert_axe_clean(page, axe, key)
                checked.add(key)
            app.answer(question, value)
            answers.append((question, value))
            step = triage.evaluate(dict(answers), TODAY)
            app.wait_step(step)
            # the tab's title (kept in the tab's history) names no question: "Question 2 - <site>"
            assert page.locator("#checker h1").inner_text() not in page.title()
            assert page.title().endswith(" - " + page.get_attribute("#checker", "data-site-name"))
            assert page.locator("#checker h1#checker-heading").count() == 1  # as on the static pages
        assert isinstance(step, triage.Outcome) and step.outcome == outcome
        assert path_of(page) == START and not urlsplit(page.url).query
        for name, day in step.dates.items():
            assert page.locator(f'[data-date="{name}"] time[datetime="{day.isoformat()}"]').count() == 1
            left = page.get_attribute(f'[data-date="{name}"] [data-days]', "data-days")
            assert int(left) == (day - TODAY).days
        shown = page.eval_on_selector_all("[data-flag]", "els => els.map(e => e.dataset.flag)")
        assert shown == list(step.flags)
        assert page.locator("[data-flag-rule]").count() == 0  # every date was given
        assert_axe_clean(page, axe, f"outcome {outcome}")
    assert app.requests[before:] == [], "requests after the engine was ready"


def test_review_deadline_is_shown_as_a_date(app: Checker) -> None:
    """The outcome letter dated 2 March 2026 gives a review deadline of 30 March 2026."""
    page = app.page
    app.restart()
    for question, value in [("about", "met"), ("met_stage", "outcome"), ("recorded", "yes"),
                            ("handled_by", "met"), ("review_body", "mopac"), ("letter_date", "2026-03-02")]:
        app.wait_question(question)
        app.answer(question, value)
    page.wait_for_selector('main[data-outcome="review_by_mopac"]', state="attached")
    assert page.locator('[data-date="review_deadline"] time[datetime="2026-03-30"]').count() == 1
    assert page.get_attribute('[data-date="review_deadline"] [data-days]', "data-days") == "10"
    # A Monday, so the day to be safe is the deadline itself.
    assert page.locator('[data-date="review_safe_by"] time[datetime="2026-03-30"]').count() == 1
    assert_prints(page)


def test_a_date_not_known_gives_the_rule_of_the_flag_it_could_raise(app: Checker) -> None:
    """Not knowing when the Commissioner's conduct happened: the 12-month rule is stated instead
    of the flag, and a date more than 12 months ago gives the flag instead of the rule. (A
    witness: the flag that a witness may complain only about conduct shows either way.)"""
    page = app.page
    route = [("about", "commissioner"), ("commissioner_topic", "conduct"), ("commissioner_stage", "not_yet"),
             ("involvement", "witness")]
    for incident, flags, rules in [("unknown", ["witness_conduct_only"], ["over_12_months"]),
                                   ("2024-12-01", ["over_12_months", "witness_conduct_only"], [])]:
        app.restart()
        for question, value in route + [("incident_date", incident)]:
            app.wait_question(question)
            app.answer(question, value)
        page.wait_for_selector('main[data-outcome="complain_to_mopac_about_commissioner"]', state="attached")
        assert page.eval_on_selector_all("[data-flag]", "els => els.map(e => e.dataset.flag)") == flags
        assert page.eval_on_selector_all("[data-flag-rule]", "els => els.map(e => e.dataset.flagRule)") == rules


#: A path to the letter_date question (a Met complaint whose outcome letter names the IOPC).
TO_LETTER_DATE = [("about", "met"), ("met_stage", "outcome"), ("recorded", "yes"),
                  ("handled_by", "met"), ("review_body", "iopc")]


def go_to_letter_date(app: Checker) -> None:
    app.restart()
    answers: list[tuple[str, str]] = []
    for question, value in TO_LETTER_DATE:
        app.answer(question, value)
        answers.append((question, value))
        app.wait_step(triage.evaluate(dict(answers), TODAY))
    app.wait_question("letter_date")


@pytest.mark.parametrize("day, month, year, marked, code", [
    ("31", "2", "2026", "day month year", "real_date"),
    ("1", "1", "2027", "day month year", "future"),
    ("2", "", "2026", "month", "missing_month"),
    ("2", "", "", "month year", "missing_month_year"),
    ("2", "3", "26", "year", "year_digits"),
    ("", "", "", "day month year", "required"),
])
def test_a_bad_date_shows_the_error_summary(app: Checker, day: str, month: str, year: str,
                                             marked: str, code: str, axe, site_server: str) -> None:
    """GOV.UK error pattern: the summary takes focus and links to the first box in error, only
    the boxes in error are marked, the title starts with "Error: ", the field's error message is
    linked from the fieldset, nothing is sent."""
    field = marked.split()[0]
    page = app.page
    go_to_letter_date(app)
    url = page.url
    page.locator('input[name="letter_date"][value="unknown"]').set_checked(False)
    page.fill('input[name="letter_date-day"]', day)
    page.fill('input[name="letter_date-month"]', month)
    page.fill('input[name="letter_date-year"]', year)
    page.click('#checker [type="submit"]')
    page.wait_for_selector("#checker [role=alert]", state="attached")
    expected = triage.date_from_parts("letter_date", day, month, year, today=TODAY)
    assert isinstance(expected, triage.AnswerError) and expected.code == code
    assert app.focused("el.getAttribute('role')") == "alert"
    link = page.locator(f'#checker [role=alert] a[href="#letter_date-{field}"]')
    assert link.count() == 1
    assert page.title().startswith(ui(page, site_server)["error_title_prefix"])
    described = page.get_attribute("#checker fieldset", "aria-describedby") or ""
    assert "letter_date-error" in described.split()
    assert page.locator("#letter_date-error").count() == 1
    shown = page.eval_on_selector_all("#checker .checker-input--error", "els => els.map(e => e.id)")
    assert shown == [f"letter_date-{part}" for part in marked.split()]
    assert page.url == url
    assert_axe_clean(page, axe, f"letter_date error {code}")
    link.click()
    assert app.focused("el.name") == f"letter_date-{field}"
    assert page.url == url


def test_a_missing_choice_shows_the_error_summary(app: Checker) -> None:
    page = app.page
    app.restart()
    page.evaluate("() => document.querySelectorAll('input[name=about]').forEach(i => { i.checked = false; })")
    page.click('#checker [type="submit"]')
    page.wait_for_selector("#checker [role=alert]", state="attached")
    assert app.focused("el.getAttribute('role')") == "alert"
    assert page.locator('#checker [role=alert] a[href="#about"]').count() == 1
    page.locator('#checker [role=alert] a[href="#about"]').click()
    assert app.focused("el.name") == "about"


def test_back_forward_and_reload_keep_the_state(app: Checker) -> None:
    """Back and forward move between steps in place; a reload restores the step and its date
    answers (kept in history.state, never in the URL)."""
    page = app.page
    go_to_letter_date(app)
    app.answer("letter_date", "2026-03-02")
    page.wait_for_selector('main[data-outcome="review_by_iopc"]', state="attached")
    assert path_of(page) == START
    before = len(app.requests)
    page.go_back()
    app.wait_question("letter_date")
    assert page.input_value('input[name="letter_date-day"]') == "2"
    assert page.locator("main[data-outcome]").count() == 0
    page.go_back()
    app.wait_question("review_body")
    assert page.is_checked('input[name="review_body"][value="iopc"]')
    assert path_of(page) == START
    page.go_forward()
    app.wait_question("letter_date")
    page.go_forward()
    page.wait_for_selector('main[data-outcome="review_by_iopc"]', state="attached")
    assert page.locator('[data-date="review_deadline"] time[datetime="2026-03-30"]').count() == 1
    assert app.requests[before:] == []
    page.reload()
    app.wait_ready()
    assert page.locator('main[data-outcome="review_by_iopc"]').count() == 1
    assert page.locator('[data-date="review_deadline"] time[datetime="2026-03-30"]').count() == 1
    page.go_back()
    app.wait_question("letter_date")
    assert page.input_value('input[name="letter_date-year"]') == "2026"


def journey_to(page: Page, steps: list[tuple[str, str]]) -> None:
    """Answer `steps` through the app's forms (dates as YYYY-MM-DD or "unknown"), each step waited for."""
    given: list[tuple[str, str]] = []
    checker = Checker(page, None)
    for question, value in steps:
        checker.wait_question(question)
        assert path_of(page) == START
        checker.answer(question, value)
        given.append((question, value))
        checker.wait_step(triage.evaluate(dict(given), TODAY))
    assert path_of(page) == START


#: To the review by MOPAC (a Met complaint whose outcome letter names MOPAC), and its letter date.
TO_MOPAC_REVIEW = [("about", "met"), ("met_stage", "outcome"), ("recorded", "yes"),
                   ("handled_by", "met"), ("review_body", "mopac")]


def start_checker(page: Page) -> list[str]:
    """Open the start page with the clock at TODAY and follow "Start now" once the app has taken
    over; returns the list the page's events are noted in ("load", then each Pyodide file's path)."""
    events: list[str] = []
    page.on("load", lambda _: events.append("load"))
    page.context.on("request", lambda r: events.append(urlsplit(r.url).path) if "/checker/pyodide/" in r.url else None)
    page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
    page.goto(START)
    page.wait_for_selector(APP, state="attached")
    page.evaluate(f"() => [...document.querySelectorAll('#checker a')].find({START_LINK_JS}).click()")
    return events


def test_with_the_engine_held_back_the_dates_come_from_the_table(new_page) -> None:
    """The engine's wasm never arrives: the app takes over all the same, asks the letter date and
    draws the review's dates (review_deadline, review_safe_by) from the date table, with no days
    left (only the engine counts them); "Your answers" holds exactly the answers given. The
    address stays the start address, every history entry holds its step in history.state (Back,
    Forward and reload redraw it, engine or not), and the engine's files are asked for once
    (after the app has taken over: test_the_engine_starts_after_the_takeover_...)."""
    page = new_page()
    page.route(WASM, lambda route: None)  # never answered
    events = start_checker(page)
    journey_to(page, TO_MOPAC_REVIEW + [("letter_date", "2026-03-02")])
    assert page.get_attribute("#checker", "data-engine") == "loading"
    step = triage.evaluate(dict(TO_MOPAC_REVIEW + [("letter_date", "2026-03-02")]), TODAY)
    assert isinstance(step, triage.Outcome) and step.outcome == "review_by_mopac"

    def assert_outcome() -> None:
        page.wait_for_selector('main[data-outcome="review_by_mopac"]', state="attached")
        for name in ("review_deadline", "review_safe_by"):
            assert page.locator(f'[data-date="{name}"] time[datetime="{step.dates[name].isoformat()}"]').count() == 1
        assert page.locator("[data-days]").count() == 0
        assert page.eval_on_selector_all("[data-flag]", "els => els.map(e => e.dataset.flag)") == list(step.flags)
        shown = page.eval_on_selector_all("[data-answer]", "els => els.map(e => e.dataset.answer)")
        assert shown == [q for q, _ in TO_MOPAC_REVIEW] + ["letter_date"]

    assert_outcome()
    assert_prints(page)
    # Every entry of this journey is at the start address, with its step in history.state.
    page.go_back()
    page.wait_for_selector('#checker input[name="letter_date-day"]', state="attached")
    assert page.input_value('input[name="letter_date-day"]') == "2"
    for index, (question, value) in reversed(list(enumerate(TO_MOPAC_REVIEW))):
        page.go_back()
        page.wait_for_selector(f'#checker input[name="{question}"][value="{value}"]:checked', state="attached")
        assert path_of(page) == START and not urlsplit(page.url).query
        assert page.evaluate("() => history.state.checker.answers.length") == index
    page.go_back()
    page.wait_for_function(f"() => [...document.querySelectorAll('#checker a')].some({START_LINK_JS})")
    assert path_of(page) == START and page.evaluate("() => history.state") is None
    for _ in range(len(TO_MOPAC_REVIEW) + 2):
        page.go_forward()
    assert_outcome()
    # The engine's files: asked for once in the journey.
    pyodide = [e for e in events if e != "load"]
    assert [e for e in pyodide if e.endswith(".wasm")] and len(pyodide) == len(set(pyodide))
    page.reload()
    page.wait_for_selector(APP, state="attached")
    assert_outcome()


def test_the_app_takes_over_before_the_date_table_and_a_date_waits_for_it(new_page) -> None:
    """The date table is held back (and the engine): the app takes over with checker-data.json
    alone and asks every question up to the letter date; the date typed then waits ("Checking
    your date…") until the table has arrived, and the outcome shows the table's dates."""
    page = new_page()
    page.route(WASM, lambda route: None)
    held: list[Any] = []
    page.route("**/checker/checker-dates.json*", lambda route: held.append(route))
    start_checker(page)
    journey_to(page, TO_MOPAC_REVIEW)
    assert len(held) == 1  # asked for once, at the takeover, and not arrived
    Checker(page, None).answer("letter_date", "2026-03-02")
    page.wait_for_selector('#checker-status[data-state="checking"]', state="attached")
    assert page.locator("main[data-outcome]").count() == 0
    held[0].fallback()
    page.wait_for_selector('main[data-outcome="review_by_mopac"]', state="attached")
    step = triage.evaluate(dict(TO_MOPAC_REVIEW + [("letter_date", "2026-03-02")]), TODAY)
    for name in ("review_deadline", "review_safe_by"):
        assert page.locator(f'[data-date="{name}"] time[datetime="{step.dates[name].isoformat()}"]').count() == 1
    assert page.get_attribute("#checker-status", "data-state") == "loading"


#: Marks `test:boot` when the page tells the engine's worker to boot (its downloads start then:
#: the worker itself may be created, and its script fetched, sooner).
MARK_BOOT = """
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.op === 'boot') performance.mark('test:boot');
  return post.call(this, message, ...rest);
};
"""
#: Once the page has told the engine to boot: "after" (or "before") the app took over (its
#: `checker:app` mark); until then, null.
ENGINE_AFTER_TAKEOVER = """() => {
  const boot = performance.getEntriesByName('test:boot')[0];
  if (!boot) return null;
  return boot.startTime >= performance.getEntriesByName('checker:app')[0].startTime ? 'after' : 'before';
}"""


def test_the_engine_starts_after_the_takeover_without_waiting_for_the_load_event(new_page) -> None:
    """The theme's bundle never arrives, so the page's load event never comes: the engine's
    download starts all the same, once the app has taken over (decisions/cold-start.md). Its
    worker's own script is fetched sooner, with the data file, and waits for the boot message."""
    page = new_page()
    page.add_init_script(MARK_BOOT)
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: None)  # never answered
    page.route(WASM, lambda route: None)
    with page.expect_request(lambda r: r.url.endswith(".wasm"), timeout=BOOT_TIMEOUT_MS):
        page.goto(START, wait_until="commit")
    # Not asserted: that the load event has not come. The theme's scripts on checker pages are
    # started by the app once it has taken over (decisions/theme-scripts-held-on-checker-pages.md),
    # so in some runs the parse ends, and the load event comes, without the held bundle; in the
    # others an engine that waited for the load event would never be asked for, and this fails.
    assert page.wait_for_function(ENGINE_AFTER_TAKEOVER).json_value() == "after"


def test_a_quick_person_is_asked_every_date_and_shown_only_their_answers(new_page) -> None:
    """Answering faster than the engine loads (here it never does) never skips a date question;
    a page opened at an outcome's own address (its links followed before the app took over) first
    asks the date questions its route passed, its address replaced by the start address, and
    shows the answers in the route's order."""
    page = new_page()
    page.route(WASM, lambda route: None)
    start_checker(page)
    route = [("about", "met"), ("met_stage", "waiting"), ("recorded", "yes")]
    journey_to(page, route + [("last_update_date", "unknown")])
    assert page.eval_on_selector_all("[data-answer]", "els => els.map(e => e.dataset.answer)") == \
        [q for q, _ in route] + ["last_update_date"]
    state = next(s for s in STATES if s.outcome and s.skipped_dates)
    page.goto(state.url_path)
    page.wait_for_selector(APP, state="attached")
    assert path_of(page) == START
    checker = Checker(page, None)
    for question in state.skipped_dates:
        checker.wait_question(question)
        checker.answer(question, "unknown")
    page.wait_for_selector(f'main[data-outcome="{state.outcome}"]', state="attached")
    given = {**dict(state.path), **{q: "unknown" for q in state.skipped_dates}}
    in_route_order = list(triage.evaluate(given, TODAY).answers)
    assert page.eval_on_selector_all("[data-answer]", "els => els.map(e => e.dataset.answer)") == in_route_order
    flag_rules = [f for f in triage.FLAGS if triage.DATE_FLAGS.get(f) in state.skipped_dates]
    assert page.eval_on_selector_all("[data-flag-rule]", "els => els.map(e => e.dataset.flagRule)") == flag_rules
    # Its relative links still lead where they did (the page's address changed under them).
    home = page.locator("header a.md-logo").evaluate("a => new URL(a.href).pathname")
    assert home == "/"
    # Back, step by step, to the start page, which this tab never had: drawn in place all the same.
    for left in reversed(range(len(in_route_order))):
        page.click("#checker a.checker-back")
        page.wait_for_function(f"() => document.querySelectorAll('#checker [data-answer]').length === {left}")
    page.click("#checker a.checker-back")
    page.wait_for_function(f"() => [...document.querySelectorAll('#checker a')].some({START_LINK_JS})")
    assert path_of(page) == START and page.locator("#checker form").count() == 0


def test_an_answer_link_clicked_before_the_app_takes_over_still_asks_the_date(new_page) -> None:
    """The page's last script (theme.js, at the end of the body) is held back, so the page is
    still being parsed (no DOMContentLoaded, no takeover), as on slow 3G while its links are on
    screen: the static page's answer link clicked then is held (no page load), and once the app
    holds the page it follows it and asks the date question on the way."""
    page = new_page()
    page.route(WASM, lambda route: None)
    held: list[Any] = []
    page.route("**/assets/checker/theme.js*", lambda route: held.append(route))
    route = [("about", "met"), ("met_stage", "waiting")]
    state = next(s for s in STATES if s.path == tuple(route))
    page.goto(state.url_path, wait_until="commit")
    page.wait_for_function("() => performance.getEntriesByName('checker:start').length")
    page.wait_for_selector('#checker a[data-value="yes"]')
    assert page.evaluate("() => document.readyState") == "loading"
    page.click('#checker a[data-value="yes"]', no_wait_after=True)
    assert path_of(page) == state.url_path  # no page load
    assert page.get_attribute("#checker-status", "data-state") == "opening"
    for r in held:
        r.fallback()
    page.unroute("**/assets/checker/theme.js*")
    Checker(page, None).wait_question("last_update_date")
    assert path_of(page) == START
    assert page.get_attribute("#checker-status", "data-state") == "loading"  # the tap's message is gone


def test_when_the_engine_cannot_start_a_date_outside_the_table_links_to_the_lookup(new_page, guard_of) -> None:
    """The wasm is missing (HTTP 404, which no retry mends): the engine has failed, the status says
    so, the theme's scripts run; a date the table holds is still accepted, one it does not hold
    (before its first day) gives the GOV.UK error linking to the no-JavaScript date lookup."""
    page = new_page()
    guard = guard_of(page)
    guard.allow_bad_response(r"\.wasm")
    guard.allow_console_error(r"404|Failed to load|wasm|pyodide")
    page.route(WASM, lambda route: route.fulfill(status=404, body="missing"))
    start_checker(page)
    page.wait_for_selector('#checker[data-engine="failed"]', state="attached", timeout=BOOT_TIMEOUT_MS)
    page.wait_for_function(THEME_STARTED)
    status = page.locator("#checker-status")
    assert status.get_attribute("data-state") == "failed"
    assert status.inner_text().strip() == status.get_attribute("data-failed")
    route = [("about", "commissioner"), ("commissioner_topic", "conduct"), ("commissioner_stage", "not_yet"),
             ("involvement", "affected")]
    journey_to(page, route)
    checker = Checker(page, None)
    checker.answer("incident_date", "2020-01-01")
    page.wait_for_selector("#checker [role=alert]", state="attached")
    link = page.locator("#checker [role=alert] a")
    assert link.evaluate("a => new URL(a.href).pathname") == "/checker/dates/incident/"
    checker.answer("incident_date", "2026-01-05")
    page.wait_for_selector("main[data-outcome]", state="attached")
    assert page.locator('[data-answer="incident_date"] time[datetime="2026-01-05"]').count() == 1


def test_saving_data_the_engine_waits_for_the_person(new_page) -> None:
    """With navigator.connection.saveData, nothing of the engine is fetched until the person asks
    (the button, which says how much it downloads) or types a date the table does not hold (then
    the status says the date is being checked)."""
    save_data = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}, configurable: true});"
    for ask in ("button", "date"):
        page = new_page()
        page.add_init_script(save_data)
        page.route(WASM, lambda route: None)
        events = start_checker(page)
        page.wait_for_selector('#checker input[name="about"]', state="attached")
        page.wait_for_function(THEME_STARTED)
        assert page.get_attribute("#checker", "data-engine") == "waiting"
        assert [e for e in events if e != "load"] == []
        button = page.locator("#checker [data-checker-engine-start] button")
        assert button.is_visible() and re.search(r"\d", button.inner_text())
        if ask == "button":
            button.focus()
            with page.expect_request(lambda r: r.url.endswith(".wasm"), timeout=BOOT_TIMEOUT_MS):
                page.keyboard.press("Enter")
            assert app_focused_tag(page) == "H1"  # not <body>: the button is gone
        else:
            journey_to(page, [("about", "mayor_or_deputy")])
            with page.expect_request(lambda r: r.url.endswith(".wasm"), timeout=BOOT_TIMEOUT_MS):
                Checker(page, None).answer("incident_date", "2020-01-01")
            assert page.get_attribute("#checker-status", "data-state") == "checking"
        assert page.get_attribute("#checker", "data-engine") == "loading"
        assert not button.is_visible()


def app_focused_tag(page: Page) -> str:
    return page.evaluate("() => document.activeElement.tagName")


def test_a_network_error_is_tried_again(new_page, guard_of) -> None:
    """The wasm's first download fails on the network: the status says it tries again, and the
    engine, given the wasm the second time, becomes ready (no time limit gives up on it). The
    outcome drawn from the table meanwhile is drawn again with the days left, keeping what the
    person typed into its draft."""
    page = new_page()
    guard_of(page).allow_console_error(r"ERR_FAILED|wasm|Failed to load")
    failed: list[str] = []
    held: list[Any] = []
    released = False

    def flaky(route: Any) -> None:
        if not failed:
            failed.append(route.request.url)
            route.abort()
        elif released:
            route.fallback()
        else:
            held.append(route)

    page.route(WASM, flaky)
    statuses: list[str] = []
    page.expose_function("noteStatus", lambda state: statuses.append(state))
    page.add_init_script("""new MutationObserver(() => {
      const s = document.getElementById('checker-status'); if (s) window.noteStatus(s.dataset.state || '');
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state']});""")
    start_checker(page)
    journey_to(page, TO_LETTER_DATE + [("letter_date", "2026-03-02")])
    page.wait_for_selector('main[data-outcome="review_by_iopc"] [data-draft]', state="attached")
    assert page.locator("[data-days]").count() == 0
    page.fill('input[name="draft-reference"]', "REF-4821")
    released = True
    for route in held:
        route.fallback()
    page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    page.wait_for_selector('[data-date="review_deadline"] [data-days]', state="attached")
    assert len(failed) == 1 and "retrying" in statuses
    assert page.input_value('input[name="draft-reference"]') == "REF-4821"
    assert "REF-4821" in page.inner_text("[data-draft]")


#: A phone's screen (the widths tests/browser/test_pages.py checks).
PHONE = {"width": 360, "height": 740}
#: How many lines tall the status message is (its height over its line height).
STATUS_LINES = """() => {
  const status = document.getElementById("checker-status");
  const style = getComputedStyle(status);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  const box = status.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return box / line;
}"""


def hold_checker_data(page: Page) -> Callable[[], None]:
    """Hold checker-data.json back (the app takes over once it has it); returns the function that
    lets it go."""
    held: list[Any] = []
    released = False

    def hold(route: Any) -> None:
        if released:
            route.fallback()
        else:
            held.append(route)

    def release() -> None:
        nonlocal released
        released = True
        for route in held:
            route.fallback()

    page.route("**/checker/checker-data.json*", hold)
    return release


def test_the_theme_waits_for_the_app(new_page, theme_search) -> None:
    """mkdocs-material's bundle (and so its search worker and index) is not even requested until
    the app has taken over (it needs its data file, not the engine); then it runs, starts its
    components, and search works. On a phone's screen, each status fits one line."""
    page = new_page(viewport=PHONE)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.route(WASM, lambda route: None)  # the engine stays "loading" for as long as the test looks
    # The checker's data file is held back until the test lets it go.
    release = hold_checker_data(page)
    page.goto("/checker/start/", wait_until="load")
    # By `load` the theme's bundle, were it an ordinary <script> as on other pages, would have run.
    assert page.get_attribute("#checker", "data-app") == "loading"
    assert page.evaluate(THEME_RAN) is False
    assert not [path for path in requested if THEME_BUNDLE.search(path)]
    release()
    page.wait_for_selector(APP, state="attached")
    page.wait_for_function(THEME_RAN)
    page.wait_for_function(THEME_STARTED)
    assert page.get_attribute("#checker", "data-engine") == "loading"
    # On a phone, every status the person can meet says it in one line (not two above every step).
    status = page.locator("#checker-status")
    keys = page.evaluate("() => Object.keys(document.getElementById('checker-status').dataset).filter(k => k !== 'state')")
    assert {"loading", "ready", "checking", "failed", "unsupported", "waiting", "retrying"} <= set(keys)
    for key in keys:
        status.evaluate("(el, key) => { el.textContent = el.dataset[key]; el.dataset.state = key; }", key)
        assert page.evaluate(STATUS_LINES) <= 1.5, key
    assert len([path for path in requested if THEME_BUNDLE.search(path)]) == 1
    assert theme_search(page).count() >= 1


def test_the_theme_waits_for_the_engines_downloads(new_page) -> None:
    """Once the app has taken over, the theme's bundle is requested only after the engine's
    worker has been (the app starts the theme when the worker first speaks, having asked for the
    engine's files: decisions/cold-start.md); if the worker never comes, the theme starts anyway."""
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.route(WASM, lambda route: None)
    page.goto("/checker/start/")
    page.wait_for_function(THEME_STARTED)
    worker = [n for n, path in enumerate(requested) if path.endswith("/assets/checker/worker.js")]
    bundle = [n for n, path in enumerate(requested) if THEME_BUNDLE.search(path)]
    assert worker and bundle and worker[0] < bundle[0], requested

    page = new_page()
    page.route("**/assets/checker/worker.js*", lambda route: None)  # never answered
    page.goto("/checker/start/")
    page.wait_for_selector(APP, state="attached")
    page.wait_for_function(THEME_STARTED, timeout=10_000)


def test_focus_stays_where_the_person_is_when_the_app_takes_over(new_page) -> None:
    """On a phone, a person Tabs to an answer of the first question while the app loads; when it
    takes over it draws the question as a form, and the focus is on that answer's radio (the same
    question and value), not on <body> or the heading; the address is the start address."""
    page = new_page(viewport=PHONE)
    release = hold_checker_data(page)
    page.goto("/checker/start/", wait_until="load")
    assert page.get_attribute("#checker", "data-app") == "loading"
    value = FLOW.questions["about"].values[1]
    tab_to(page, f'[data-question="about"] a[data-value="{value}"]')
    release()
    page.wait_for_selector(APP, state="attached")
    page.wait_for_function(THEME_STARTED)
    assert page.locator('#checker input[name="about"]').count() == len(FLOW.questions["about"].values)
    focused = page.evaluate("() => document.activeElement.matches('#checker input[name=\"about\"]') && document.activeElement.value")
    assert focused == value
    assert path_of(page) == START


def test_without_webassembly_the_theme_still_loads(new_page) -> None:
    """A browser that cannot run the engine gets the static checker and the theme's scripts."""
    page = new_page()
    page.add_init_script("delete window.WebAssembly;")
    page.goto("/checker/start/")
    page.wait_for_selector('#checker[data-engine="unsupported"]', state="attached")
    page.wait_for_function(THEME_STARTED)
    assert page.evaluate(THEME_RAN) is True


def test_if_the_app_cannot_load_the_theme_still_does(new_page, guard_of) -> None:
    """With the checker's app.js blocked, the page stays the static checker and, once it has
    loaded, the theme's scripts run all the same (assets/checker/theme.js)."""
    page = new_page()
    guard = guard_of(page)
    guard.allow_console_error(r"Failed to load|ERR_FAILED")
    page.route("**/assets/checker/app.js*", lambda route: route.abort())
    page.goto("/checker/start/", wait_until="load")
    page.wait_for_function(THEME_STARTED)
    assert page.get_attribute("#checker", "data-app") is None
    assert page.locator("#checker-theme-scripts").count() == 0
    guard.reset()  # the blocked request was the point of this test


def assert_prints(page: Page) -> None:
    """The outcome's print button opens the browser's print dialog (print or save as PDF)."""
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click("#checker button[data-checker-print]")
    assert page.evaluate("() => window.__printed") == 1


def test_checker_data_lists_every_state(site_server: str, new_page) -> None:
    """checker-data.json (loaded once with the app) knows every static page, so no step needs one."""
    page = new_page()
    data = json.loads(page.request.get(site_server + "/checker/checker-data.json").text())
    assert {"/" + key for key in data["states"]} == {s.url_path for s in STATES}
    for state in STATES:
        entry = data["states"][state.url_path.lstrip("/")]
        assert entry.get("question") == state.question and entry.get("outcome") == state.outcome
    assert set(data["outcomes"]) == set(FLOW.outcomes)
    assert set(data["questions"]) == set(FLOW.questions)


# ============================================================ the app draws what the pages show

#: What a person meets in the checker's view, in order: headings, the options (links without
#: JavaScript, radios with it), the answers so far and their change links, every other link, and
#: the outcome's sections (dates, flags, contacts, sources) by their ids.
DRAWING = """() => {
  const view = document.getElementById("checker-view");
  const text = (e) => (e ? e.textContent.replace(/\\s+/g, " ").trim() : null);
  const url = (a) => { const u = new URL(a.href); return u.origin === location.origin ? u.pathname + u.hash : u.href; };
  const radios = [...view.querySelectorAll("input[type=radio]")]
    .map((i) => [i.value, text(view.querySelector(`label[for="${CSS.escape(i.id)}"]`))]);
  const optionLinks = [...view.querySelectorAll("[data-question] a[data-value]")].map((a) => [a.dataset.value, text(a)]);
  return {
    outcome: document.querySelector("main").dataset.outcome || null,
    headings: [...view.querySelectorAll("h1, h2, h3, h4")].map(text),
    options: optionLinks.length ? optionLinks : radios,
    answers: [...view.querySelectorAll("[data-answer]")].map((row) =>
      [row.dataset.answer, text(row.querySelector(".checker-summary-list__value")), url(row.querySelector("a"))]),
    links: [...view.querySelectorAll("a[href]")].filter((a) => !a.matches("[data-value]")).map((a) => [url(a), text(a)]),
    dates: [...view.querySelectorAll("[data-date]")].map((e) => [e.dataset.date, text(e)]),
    flag_rules: [...view.querySelectorAll("[data-flag-rule]")].map((e) => [e.dataset.flagRule, text(e)]),
    flags: [...view.querySelectorAll("[data-flag]")].map((e) => [e.dataset.flag, text(e)]),
    contacts: [...view.querySelectorAll("[data-contact]")].map((e) => [e.dataset.contact, text(e)]),
    sections: [...view.querySelectorAll("section")].map((e) => e.getAttribute("aria-labelledby")),
    summary: text(view.querySelector(".checker-summary")),
    body: text(view.querySelector(".checker-outcome-body, .checker-question-body")),
    reviewed: [...view.querySelectorAll("[data-last-reviewed]")].map((e) => e.getAttribute("datetime")),
  };
}"""

#: Move the app to a step as the browser's Back and Forward do (no request, no reload): a history
#: entry at the start address holding the step ({answers: [[question, value]...], skipped}).
MOVE_TO = """({answers, skipped}) => {
  const state = { checker: { answers, remembered: {}, skipped } };
  history.pushState(state, "", new URL("/checker/", location.href));
  window.dispatchEvent(new PopStateEvent("popstate", { state }));
}"""


def test_the_app_draws_every_static_state_as_its_page(app: Checker, static_page: Page) -> None:
    """For every static state, the app's drawing of it (JavaScript on, its date questions passed
    without an answer, as on a state's own page) has the same headings, options, answers, links
    and outcome sections as its page without JavaScript, at the start address. The engine boots
    once: the app is moved from state to state in one page."""
    app.ensure_ready()
    before = len(app.requests)
    for state in STATES:
        static_page.goto(state.url_path, wait_until="domcontentloaded")
        expected = static_page.evaluate(DRAWING)
        # The step is drawn once the engine has answered: wait for a new drawing, not the old one
        # (two states in a row can have the same outcome).
        app.page.evaluate("() => { for (const e of document.getElementById('checker-view').children) e.dataset.testOld = ''; }")
        app.page.evaluate(MOVE_TO, {"answers": [list(a) for a in state.path], "skipped": list(state.skipped_dates)})
        app.page.wait_for_function("() => !document.querySelector('#checker-view > [data-test-old]')")
        if state.outcome is not None:
            app.page.wait_for_selector(f'main[data-outcome="{state.outcome}"]', state="attached")
        else:
            app.wait_question(state.question)
        drawn = app.page.evaluate(DRAWING)
        assert path_of(app.page) == START
        assert drawn == expected, state.url_path
    assert app.requests[before:] == []


# ============================================================================ the draft message


def test_the_draft_fills_in_the_tab_copies_and_downloads(app: Checker, axe) -> None:
    """With JavaScript: a reference typed into draft-reference shows in [data-draft] with the
    person's date in words (the engine's text); the download is a .txt of it; copy puts it on the
    clipboard; nothing typed reaches the address bar or history.state; axe finds nothing."""
    page = app.page
    app.restart()
    answers = [("about", "met"), ("met_stage", "outcome"), ("recorded", "yes"), ("handled_by", "met"),
               ("review_body", "iopc"), ("letter_date", "2026-03-02")]
    for question, value in answers:
        app.wait_question(question)
        app.answer(question, value)
    page.wait_for_selector('main[data-outcome="review_by_iopc"] [data-draft]', state="attached")
    letter = triage.dates.long_date(date(2026, 3, 2), weekday=True)
    assert letter in page.inner_text("[data-draft]")
    page.fill('input[name="draft-reference"]', "REF-4821")
    page.fill('textarea[name="draft-what-happened"]', "{name} stays as typed")
    text = page.inner_text("[data-draft]")
    assert "REF-4821" in text and letter in text and "{name} stays as typed" in text
    assert "REF-4821" not in page.url and "REF-4821" not in json.dumps(page.evaluate("() => history.state"))
    with page.expect_download() as info:
        page.click("[data-draft-download]")
    download = info.value
    assert download.suggested_filename.endswith(".txt")
    saved = open(download.path(), encoding="utf-8").read()
    assert "REF-4821" in saved and letter in saved
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("[data-draft-copy]")
    page.wait_for_function("() => document.querySelector('[data-slot=status]').textContent !== ''")
    assert "REF-4821" in page.evaluate("() => navigator.clipboard.readText()")
    assert page.locator('[data-draft-email]').count() == 0  # the IOPC's address is not confirmed
    assert_axe_clean(page, axe, "review_by_iopc with its draft")


def test_the_draft_opens_in_the_email_app_where_the_address_is_confirmed(app: Checker) -> None:
    page = app.page
    app.restart()
    for question, value in [("about", "mayor_or_deputy"), ("incident_date", "2026-03-01")]:
        app.wait_question(question)
        app.answer(question, value)
    page.wait_for_selector('main[data-outcome="complain_to_monitoring_officer"] [data-draft]', state="attached")
    page.fill('input[name="draft-name"]', "Sam Example")
    href = page.get_attribute("[data-draft-email]", "href")
    email = triage.load_wording().contacts["gla_monitoring_officer"]["email"]
    assert href.startswith(f"mailto:{email}?subject=") and "Sam%20Example" in href


def test_the_draft_without_javascript_is_accessible(static_page: Page, axe) -> None:
    page = static_page
    page.goto(OUTCOME_STATES["review_by_mopac"].url_path)
    assert page.locator("[data-draft]").count() == 1
    assert page.locator('input[name^="draft-"], textarea[name^="draft-"]').count() == 0
    assert_axe_clean(page, axe, "review_by_mopac without JavaScript")
