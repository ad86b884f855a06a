"""The date lookup without JavaScript (/checker/dates/...), in the built site: every result whose
route has a date question links to it, and every date the engine gives for a day is on that
day's entry. Structure and data only (ids, routes, `datetime`s), never prose."""
from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

import triage
from triage import date_lookup
from sitehtml import Element

from test_site_pages import resolve

#: Every complete route with a date question: (question, route).
ROUTES = [(q, route) for route in triage.all_paths() for _, q, value in route.steps if value is None]


@pytest.fixture(scope="session")
def table(built_site: Path) -> dict:
    return json.loads((built_site / "checker" / "checker-dates.json").read_text(encoding="utf-8"))


def entries(built_pages, question: str, month: str) -> dict[str, Element]:
    """The `data-date` entries of `question`'s lookup page for `month` (`YYYY-MM`), by day."""
    route = f"/checker/dates/{date_lookup.slug(question)}/{month}/"
    assert route in built_pages, f"no lookup page {route}"
    found = built_pages[route].article.find_all(pred=lambda e: "data-date" in e.attrs)
    by_day = {e.attrs["data-date"]: e for e in found}
    assert len(by_day) == len(found), f"{route}: a day has two entries"
    return by_day


def times(element: Element) -> dict[str, str]:
    """Each `<time data-result>` inside `element`: result name -> datetime."""
    out = {}
    for time in element.find_all("time", lambda e: "data-result" in e.attrs):
        assert time.attrs["data-result"] not in out, time.attrs
        out[time.attrs["data-result"]] = time.attrs["datetime"]
    return out


def test_the_build_writes_the_table_of_its_own_day_and_names_it_on_checker_pages(built_pages, table,
                                                                                  built_site: Path) -> None:
    built = date.fromisoformat(table["built"])
    assert table == json.loads(json.dumps(date_lookup.table(built)))
    first, last = date_lookup.window(built)
    assert (table["first"], table["last"]) == (first.isoformat(), last.isoformat())
    start = built_pages["/checker/start/"].tree
    data, dates = (start.find("meta", lambda e, n=n: e.attrs.get("name") == n) for n in ("checker-data", "checker-dates"))
    assert data is not None and dates is not None
    assert resolve("/checker/start/", dates.attrs["content"].split("?")[0]) == "/checker/checker-dates.json"
    # Its ?v= is its own content's hash (it changes with the build's date, not with the code).
    table_bytes = (built_site / "checker" / "checker-dates.json").read_bytes()
    assert dates.attrs["content"].split("?")[1] == f"v={hashlib.sha256(table_bytes).hexdigest()[:12]}"


def test_each_lookup_lists_every_month_of_the_window_and_each_month_every_day(built_pages, table) -> None:
    days = list(date_lookup.days(date.fromisoformat(table["first"]), date.fromisoformat(table["last"])))
    months = sorted({d.isoformat()[:7] for d in days})
    for question in date_lookup.date_questions():
        route = f"/checker/dates/{date_lookup.slug(question)}/"
        links = built_pages[route].article.find_all("a", lambda e: "data-month" in e.attrs)
        assert sorted(a.attrs["data-month"] for a in links) == months, route
        for a in links:
            month_route = resolve(route, a.attrs["href"])
            assert month_route == f"{route}{a.attrs['data-month']}/", a.attrs
            entries = built_pages[month_route].article.find_all(pred=lambda e: "data-date" in e.attrs)
            assert [e.attrs["data-date"] for e in entries] == [
                d.isoformat() for d in days if d.isoformat().startswith(a.attrs["data-month"])]


def test_every_result_with_a_date_question_links_to_its_lookup(built_pages) -> None:
    linked = 0
    for state in triage.static_states():
        if state.outcome is None:
            continue
        page = built_pages[state.url_path]
        dates_slot = page.article.find(pred=lambda e: e.attrs.get("data-slot") == "dates")
        assert dates_slot is not None, state.url_path
        links = page.article.find_all("a", lambda e: "data-date-lookup" in e.attrs)
        assert [a.attrs["data-date-lookup"] for a in links] == list(state.skipped_dates), state.url_path
        for a in links:
            assert dates_slot in a.ancestors(), f"{state.url_path}: the link is not in the dates section"
            assert a.text.strip(), state.url_path
            target = resolve(state.url_path, a.attrs["href"])
            assert target == f"/checker/dates/{date_lookup.slug(a.attrs['data-date-lookup'])}/", target
            assert built_pages[target].article.find("a", lambda e: "data-month" in e.attrs) is not None
            linked += 1
    assert linked >= len({route.outcome for _, route in ROUTES})


def _sample_days(table: dict) -> list[date]:
    first, last = date.fromisoformat(table["first"]), date.fromisoformat(table["last"])
    every_fifth = [d for i, d in enumerate(date_lookup.days(first, last)) if i % 5 == 0]
    # Christmas and New Year (deadlines on bank holidays and weekends), and the window's ends.
    edges = [d for d in date_lookup.days(first, last) if (d.month, d.day) in ((11, 27), (11, 28), (11, 30), (12, 4))]
    return sorted({*every_fifth, *edges, first, last})


def test_every_date_the_engine_gives_is_on_that_days_entry(built_pages, table) -> None:
    built = date.fromisoformat(table["built"])
    checked = 0
    pages: dict[tuple[str, str], dict[str, Element]] = {}
    for day in _sample_days(table):
        for question in date_lookup.date_questions():
            key = (question, day.isoformat()[:7])
            if key not in pages:
                pages[key] = entries(built_pages, question, key[1])
            assert day.isoformat() in pages[key], (question, day)
            shown = times(pages[key][day.isoformat()])
            answers = [{**route.answers(), question: day.isoformat()} for q, route in ROUTES if q == question]
            for answer in answers:
                step = triage.evaluate(answer, max(day, built))
                assert isinstance(step, triage.Outcome), step
                for name, value in step.dates.items():
                    # The safe date is shown only where it differs from the deadline.
                    if name == "review_safe_by" and value == step.dates["review_deadline"]:
                        name = "review_deadline"
                    assert shown.get(name) == value.isoformat(), (question, day, name, shown)
                    checked += 1
            # Each "from this day" entry is the first day the engine raises that flag.
            assert {f for f in shown if f in triage.DATE_FLAGS} == {
                f for f, q in triage.DATE_FLAGS.items() if q == question}, (question, day, shown)
            for flag, iso in shown.items():
                if flag in triage.DATE_FLAGS:
                    start = date.fromisoformat(iso)
                    assert flag in triage.evaluate(answers[0], start).flags, (question, day, flag)
                    assert flag not in triage.evaluate(answers[0], start - timedelta(days=1)).flags
    assert checked > 100
