"""A result to act on and to keep (issue 13, items 1 and 3), in Chromium, JavaScript off and on.

- The action comes first: on every outcome, "who to contact" and "dates that matter" come before
  any other section of the result.
- Link texts are unique on a result (no two links with the same words and different targets),
  and no glossary link sits inside a link.
- With the engine's dates: the day to send it by leads, each date has its weekday, "as of" today
  is stated, and a date that has passed is marked (data-late) and reads differently.
- The sections come in the order of `triage.view.OUTCOME_SECTIONS` (the command line's too).
- The printout of every outcome, JavaScript off (its blank draft) and on (its draft made, every
  field typed as full as its maxlength lets it): at most two A4 pages, the contacts' addresses
  written out, the dates, the site's address and a date at its foot, nothing of the screen's
  chrome; axe finds nothing under print media. One page per sweep, each outcome in turn.

Assertions use ids, data attributes, dates and the engine's own texts (triage.long_date), never
the editors' prose.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

import triage
from triage.dates import long_date
from triage.draft import FIELDS, LONG_FIELDS
from triage.engine import all_paths
from triage.view import OUTCOME_SECTIONS

#: One static page per outcome (the first state, depth-first, that reaches it).
OUTCOME_STATES: dict[str, Any] = {}
for _state in triage.static_states():
    if _state.outcome is not None:
        OUTCOME_STATES.setdefault(_state.outcome, _state)
FLOW = triage.load_flow()
READY = '#checker[data-engine="ready"]'
A4_PAGES = 2

#: The result's structure: its sections' ids in order, each contact's links, and every link.
LAYOUT = """() => {
  const view = document.getElementById("checker-view");
  const headings = [...view.querySelectorAll("h2")].map((h) => h.id);
  const links = [...view.querySelectorAll("a[href]")].map((a) => [a.textContent.replace(/\\s+/g, " ").trim(), a.href]);
  return {headings, links, nested: view.querySelectorAll("a a").length};
}"""

#: Under print media: what a contact block shows (its links' printed addresses, its post lines).
PRINTED_CONTACTS = """() => [...document.querySelectorAll("#checker-view .app-contact")].map((block) => ({
  links: [...block.querySelectorAll("a[href]")].map((a) => ({
    href: a.getAttribute("href"), text: a.textContent.trim(),
    after: getComputedStyle(a, "::after").content, shown: a.offsetParent !== null })),
  post: [...block.querySelectorAll(".app-contact__line")].filter((l) => l.offsetParent !== null).length,
}))"""


#: The result's sections by their headings' ids (any other heading is the editors' body).
SECTION_OF = {"checker-contacts-title": "contacts", "checker-dates-title": "dates",
              "checker-sources-title": "sources", "checker-draft-title": "draft",
              "checker-your-answers-title": "answers"}


def assert_leads_with_action(layout: dict[str, Any], where: str) -> None:
    """Contacts and dates (those the outcome has) come before every other section, and every
    section comes in the order of `triage.view.OUTCOME_SECTIONS` (the command line's too)."""
    headings = layout["headings"]
    lead = [h for h in headings if h in ("checker-contacts-title", "checker-dates-title")]
    assert headings[:len(lead)] == lead, f"{where}: the result starts with {headings[:3]}"
    assert lead[:1] == ["checker-contacts-title"] or "checker-contacts-title" not in headings, where
    sections = [SECTION_OF.get(h, "body") for h in headings]
    assert sections == sorted(sections, key=OUTCOME_SECTIONS.index), f"{where}: sections {sections}"


def assert_links_unique(layout: dict[str, Any], where: str) -> None:
    targets: dict[str, set[str]] = {}
    for text, href in layout["links"]:
        targets.setdefault(text, set()).add(href)
    same = {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1}
    assert not same, f"{where}: links with the same words lead to different pages: {same}"
    assert layout["nested"] == 0, f"{where}: a link inside a link"


def pdf_pages(page: Page) -> int:
    """How many pages the printout has (A4, as the browser's "Save as PDF" makes it)."""
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def assert_prints_contacts(page: Page, where: str) -> None:
    """On paper every contact link is shown with its web address after it (an email address or a
    phone number is its own words), and the postal address is there."""
    blocks = page.evaluate(PRINTED_CONTACTS)
    for block in blocks:
        for link in block["links"]:
            assert link["shown"], f"{where}: {link['href']} is not printed"
            if link["href"].startswith("http"):
                assert link["href"] in link["after"], f"{where}: {link['href']} has no printed address"
            else:
                assert link["href"].split(":", 1)[1].replace(" ", "") in link["text"].replace(" ", ""), where


def assert_prints_footer(page: Page, where: str, today: date | None = None) -> None:
    """On paper the result ends with the site's address and a date (the person's today with
    JavaScript, else the build's day); on screen the footer is hidden."""
    footer = page.locator("[data-print-footer]")
    site, day = footer.locator('[data-slot="site"]'), footer.locator('[data-slot="date"]')
    assert footer.is_visible() and site.is_visible() and day.is_visible(), f"{where}: no print footer"
    assert re.search(r"https?://[^/\s]+/", site.inner_text()), f"{where}: no site address on paper"
    expected = long_date(today, weekday=True) if today else r"\w+day \d{1,2} \w+ \d{4}"
    assert re.search(expected, day.inner_text()), f"{where}: no date on paper"


#: What the print stylesheet leaves off paper: the theme's header, menu and search, the quick exit,
#: every button (print, copy, download) and the draft's fields.
OFF_PAPER = ".md-header, .md-sidebar, .md-search, .app-exit, [data-quick-exit], button, #checker-view input, #checker-view textarea"
VISIBLE = "els => els.filter((e) => e.offsetParent !== null).map((e) => e.outerHTML.slice(0, 80))"


def assert_print_accessible(page: Page, axe, where: str) -> None:
    violations = axe(page)
    assert not violations, f"{where}: " + "; ".join(f"{v['id']} at {v['nodes'][0]['target']}" for v in violations)
    assert page.locator(OFF_PAPER).evaluate_all(VISIBLE) == [], f"{where}: on paper"


# ============================================================================ without JavaScript


def test_outcome_pages_lead_with_the_action_and_their_links_are_unique(reused_page_nojs: Page) -> None:
    """Each outcome's static page: contacts, then dates, before any other section; unique link texts."""
    page = reused_page_nojs
    for state in OUTCOME_STATES.values():  # one page per outcome: its states share its markup
        page.goto(state.url_path, wait_until="domcontentloaded")
        layout = page.evaluate(LAYOUT)
        assert_leads_with_action(layout, state.url_path)
        assert_links_unique(layout, state.url_path)


class _NestedLinks(HTMLParser):
    """Counts <a> opened inside an open <a> (the browser would split them: seen only in the HTML)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.nested = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def test_no_glossary_link_inside_a_link(built_site: Path) -> None:
    """In every built page's HTML, no link (a glossary link or any other) opens inside a link."""
    for file in built_site.rglob("*.html"):
        parser = _NestedLinks()
        parser.feed(re.sub(r"<template\b.*?</template>", "", file.read_text(encoding="utf-8"), flags=re.S))
        assert parser.nested == 0, f"{file.relative_to(built_site)}: a link inside a link"


def test_every_outcome_prints_on_two_a4_pages_with_its_contacts(reused_page_nojs: Page) -> None:
    """The printout of each outcome (JavaScript off) fits two A4 pages and writes out its contacts."""
    page = reused_page_nojs
    try:
        for outcome, state in sorted(OUTCOME_STATES.items()):
            page.goto(state.url_path)  # "load": the stylesheets too
            page.emulate_media(media="print")
            assert_prints_contacts(page, state.url_path)
            assert_prints_footer(page, state.url_path)
            draft = page.locator("#checker-view [data-draft]")
            assert draft.count() == (outcome in WRITES) and (draft.count() == 0 or draft.is_visible()), outcome
            rules = page.locator("#checker-view [data-date], #checker-view [data-flag-rule]")
            assert rules.evaluate_all("els => els.every((e) => e.offsetParent !== null)"), f"{outcome}: dates off paper"
            pages = pdf_pages(page)
            assert 1 <= pages <= A4_PAGES, f"{outcome}: {pages} A4 pages"
            page.emulate_media(media="screen")
    finally:
        page.emulate_media(media="null")


@pytest.fixture(scope="module")
def scriptless_page(browser, site_server, harness) -> Iterator[Page]:
    """The static pages with every script emptied (axe needs JavaScript; the page keeps its no-JS markup)."""
    context, guard = harness.open_guarded_context(browser, site_server)
    page = context.new_page()
    page.route("**/*.js*", lambda route: route.fulfill(status=200, content_type="text/javascript", body="//\n"))
    yield page
    failures = harness.close_and_check([(context, guard)], "scriptless_page")
    assert not failures, failures


def test_every_printed_outcome_is_accessible(scriptless_page: Page, axe) -> None:
    """Every outcome's page without JavaScript (its blank draft too) under print media: axe finds
    nothing, and nothing of the screen's chrome is on paper. One page, each outcome in turn."""
    page = scriptless_page
    page.emulate_media(media="print")
    try:
        for outcome, state in sorted(OUTCOME_STATES.items()):
            page.goto(state.url_path)
            assert_print_accessible(page, axe, outcome)
    finally:
        page.emulate_media(media="null")


# ============================================================================ with JavaScript

#: The person's today, and letters that give a deadline on a Saturday (19 December 2026, so the day
#: to send it by is Friday 18 December) and one long past.
TODAY = date(2026, 12, 1)
ON_TIME, LATE = "2026-11-21", "2026-10-01"
REVIEW = [("about", "met"), ("met_stage", "outcome"), ("recorded", "yes"), ("handled_by", "met"),
          ("review_body", "mopac")]


@pytest.fixture(scope="module")
def engine_page(browser, site_server, harness) -> Iterator[Page]:
    context, guard = harness.open_guarded_context(browser, site_server)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
    page.goto("/checker/start/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    yield page
    failures = harness.close_and_check([(context, guard)], "engine_page")
    assert not failures, failures


def answer_all(page: Page, answers: list[tuple[str, str]]) -> triage.Outcome:
    """From the first question, through the forms (as a person does), to the outcome."""
    page.goto("/checker/start/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    for question, value in answers:
        if FLOW.questions[question].is_date:
            page.wait_for_selector(f'#checker input[name="{question}-day"]', state="attached")
            year, month, day = value.split("-")
            page.fill(f'input[name="{question}-day"]', str(int(day)))
            page.fill(f'input[name="{question}-month"]', str(int(month)))
            page.fill(f'input[name="{question}-year"]', year)
        else:
            page.wait_for_selector(f'#checker input[name="{question}"]', state="attached")
            page.check(f'input[name="{question}"][value="{value}"]')
        page.click('#checker [type="submit"]')
    step = triage.evaluate(dict(answers), TODAY)
    assert isinstance(step, triage.Outcome)
    page.wait_for_selector(f'main[data-outcome="{step.outcome}"] [data-days]', state="attached")
    return step


@pytest.mark.parametrize("letter", [ON_TIME, LATE])
def test_the_result_leads_with_who_and_by_when_as_of_today(letter: str, engine_page: Page, axe) -> None:
    """With the engine: contacts then dates first; the day to send it by leads, with its weekday;
    "as of" today; a passed date is marked data-late; it prints on two A4 pages with its dates."""
    page = engine_page
    step = answer_all(page, [*REVIEW, ("letter_date", letter)])
    layout = page.evaluate(LAYOUT)
    assert_leads_with_action(layout, letter)
    assert_links_unique(layout, letter)
    names = page.eval_on_selector_all("[data-date]", "els => els.map((e) => e.dataset.date)")
    assert names[0] == "review_safe_by" and set(names) == set(step.dates)
    for name, day in step.dates.items():
        row = page.locator(".checker-dates__row", has=page.locator(f'[data-date="{name}"]'))
        assert row.locator("time").get_attribute("datetime") == day.isoformat()
        assert row.locator("time").inner_text() == long_date(day, weekday=True)
        days = (day - TODAY).days
        assert row.locator("[data-days]").get_attribute("data-days") == str(days)
        assert (row.get_attribute("data-late") is not None) == (days < 0), name
    assert long_date(TODAY, weekday=True) in page.inner_text(".checker-dates__as-of")
    if letter == ON_TIME:  # a Saturday deadline: send it by the Friday before
        assert step.dates["review_safe_by"] == date(2026, 12, 18)
    # The print button sits in the action, before the flags, body and sources.
    assert page.locator(".checker-action button[data-checker-print]").count() == 1
    page.emulate_media(media="print")
    try:
        assert_prints_contacts(page, letter)
        assert page.locator(".checker-dates time").evaluate_all(
            "els => els.every((e) => e.offsetParent !== null)")
        assert long_date(TODAY, weekday=True) in page.inner_text("[data-print-footer]")
        assert pdf_pages(page) <= A4_PAGES
        violations = axe(page)
        assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]
    finally:
        page.emulate_media(media="null")


#: One complete route per outcome, each date question answered with a date the table and the
#: engine both know (so every date the outcome has is shown, with its days left).
ROUTES: dict[str, list[list[str]]] = {}
for _route in all_paths():
    ROUTES.setdefault(_route.outcome, [[q, v if v is not None else ON_TIME] for _, q, v in _route.steps])
WRITES = set(FLOW.writes)
#: Move the app to a step as Back and Forward do (tests/browser/README.md): no request, no reload.
MOVE_TO = """({answers, skipped}) => {
  const state = { checker: { answers, remembered: {}, skipped } };
  history.pushState(state, "", new URL("/checker/", location.href));
  window.dispatchEvent(new PopStateEvent("popstate", { state }));
}"""
#: A long answer with paragraphs, longer than any field takes (the field keeps its maxlength).
LONG = "\n\n".join(["On the evening it happened an officer stopped me in the street and searched my bag. " * 3] * 3)


def fill_draft(page: Page, where: str) -> str:
    """Fill each of the draft's fields as far as it goes; returns the reference typed."""
    reference = "REF-4821"
    for name, field in FIELDS.items():
        box = page.locator(f'#checker-view [name="{field}"]')
        if box.count() == 0:
            continue
        limit = int(box.get_attribute("maxlength"))
        box.fill(LONG if name in LONG_FIELDS else f"{reference} / 2026 / " * 20 if name == "reference" else "Sam " * 40)
        typed = box.input_value()
        assert len(typed) == limit, f"{where}: {field} took {len(typed)} of at most {limit} characters"
    return reference


def test_every_result_with_its_draft_made_prints_on_two_pages_and_is_accessible(engine_page: Page, axe) -> None:
    """With JavaScript, each outcome in turn (the app moved as Back does): the action leads; where
    the person writes, the draft is made with every field typed as full as it goes and holds the
    reference and their dates in words; then on paper: the contacts' addresses, the dates, the site's
    address and today, nothing of the screen's chrome, no axe violation, at most two A4 pages."""
    page = engine_page
    page.goto("/checker/start/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    for outcome, answers in sorted(ROUTES.items()):
        step = triage.evaluate(dict(answers), TODAY)
        assert isinstance(step, triage.Outcome) and step.outcome == outcome
        page.evaluate(MOVE_TO, {"answers": answers, "skipped": []})
        main = f'main[data-outcome="{outcome}"]'
        page.wait_for_selector(main + (" [data-days]" if step.dates else ""), state="attached")
        assert_leads_with_action(page.evaluate(LAYOUT), outcome)
        assert (page.locator("#checker-view [data-draft]").count() == 1) == (outcome in WRITES), outcome
        if outcome in WRITES:
            reference = fill_draft(page, outcome)
            draft = page.inner_text("#checker-view [data-draft]")
            assert reference in draft or "{reference}" not in FLOW_DRAFTS[outcome], outcome
            for name, value in answers:
                if FLOW.questions[name].is_date and "{" + name + "}" in FLOW_DRAFTS[outcome]:
                    assert long_date(date.fromisoformat(value), weekday=True) in draft, f"{outcome}: {name}"
            for name, day in step.dates.items():  # the dates the engine works out, in words too
                if "{" + name + "}" in FLOW_DRAFTS[outcome]:
                    assert long_date(day, weekday=True) in draft, f"{outcome}: {name}"
            violations = axe(page)  # the draft made, on screen
            assert not violations, f"{outcome}: " + "; ".join(f"{v['id']} at {v['nodes'][0]['target']}" for v in violations)
        page.emulate_media(media="print")
        try:
            assert_prints_contacts(page, outcome)
            assert_prints_footer(page, outcome, TODAY)
            for name, day in step.dates.items():
                time = page.locator(f'[data-date="{name}"] time[datetime="{day.isoformat()}"]')
                assert time.is_visible(), f"{outcome}: {name} not on paper"
            if outcome in WRITES:
                assert page.locator("#checker-view [data-draft]").is_visible(), f"{outcome}: the draft is not on paper"
            assert_print_accessible(page, axe, outcome)
            pages = pdf_pages(page)
            assert 1 <= pages <= A4_PAGES, f"{outcome}: {pages} A4 pages with its draft made"
        finally:
            page.emulate_media(media="null")


#: Each writing outcome's draft (subject and text, with its placeholders), to know what it shows.
FLOW_DRAFTS = {oid: f"{d.subject}\n{d.text}" for oid in FLOW.outcomes
               if (d := triage.load_wording().draft_for(oid)) is not None}


# ============================================================== phones and zoom, JavaScript off


def test_without_javascript_checker_pages_fit_narrow_screens_and_every_tab_stop_shows(reused_page_nojs: Page) -> None:
    """Without JavaScript: every outcome's page and each question's first page is no wider than a
    180 px or 320 px window; on a 360 px phone, none of the first 40 Tab stops of the checker's
    start page, a question, a result with its draft and a guidance page is invisible, and the
    page's own content comes within the first few (tests/browser/test_pages.py's checks)."""
    from test_pages import tab_stop_problems, too_wide_problems

    page = reused_page_nojs
    questions: dict[str, str] = {}
    for state in triage.static_states():
        if state.question is not None:
            questions.setdefault(state.question, state.url_path)
    problems: list[str] = []
    for path in [*questions.values(), *(s.url_path for s in OUTCOME_STATES.values())]:
        page.goto(path)  # "load": its stylesheets too
        problems += [f"{path}: {p}" for p in too_wide_problems(page)]
    for path in ("/checker/", questions["met_stage"], OUTCOME_STATES["review_by_mopac"].url_path, "/review/"):
        problems += [f"{path}: {p}" for p in tab_stop_problems(page, path, js=False)]
    assert not problems, "\n".join(problems)
