"""The date table (triage/date_lookup.py) against the engine: for any answered day and any today
on or after it, `evaluate` on every route with that date question gives exactly the table's
dates, and the route's own flags plus the table's flags whose start day is on or before today.

So the table (what the app shows before the engine is ready, and the no-JavaScript lookup pages)
can never disagree with the engine, whatever a rule in dates.py becomes.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import triage
from triage import date_lookup

BOUNDED = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

#: Every complete route with a date question, as (question, route): what a person can reach.
ROUTES = [(q, route) for route in triage.all_paths() for _, q, value in route.steps if value is None]
# Answered days over many years (leap days, year ends, the bank holiday list's edges and beyond).
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
later = st.integers(min_value=0, max_value=4 * 366)


def test_every_date_question_has_a_route_and_a_slug() -> None:
    assert set(date_lookup.date_questions()) == {q for q, _ in ROUTES} == set(triage.DATE_FLAGS.values())
    assert {q: date_lookup.slug(q) for q in date_lookup.date_questions()} == {
        "incident_date": "incident", "last_update_date": "last-update", "letter_date": "letter"}


@BOUNDED
@given(pick=st.sampled_from(ROUTES), day=days, after=later)
def test_evaluate_gives_the_tables_dates_and_the_flags_started_by_today(
        pick: tuple[str, triage.Route], day: date, after: int) -> None:
    question, route = pick
    today = day + timedelta(days=after)
    row = date_lookup.entry(question, day)
    step = triage.evaluate({**route.answers(), question: day.isoformat()}, today)
    assert isinstance(step, triage.Outcome), step
    own = triage.evaluate(route.answers(), today)  # the same route, every date unknown
    assert isinstance(own, triage.Outcome) and own.outcome == step.outcome
    started = {flag for flag, start in row["flags"].items() if start <= today.isoformat()}
    assert {k: v.isoformat() for k, v in step.dates.items()} == row["dates"]
    assert set(step.flags) == set(own.flags) | started, (question, day, today)


@BOUNDED
@given(question=st.sampled_from(date_lookup.date_questions()), day=days)
def test_a_flag_starts_on_the_first_day_it_is_raised(question: str, day: date) -> None:
    for flag, iso in date_lookup.entry(question, day)["flags"].items():
        start = date.fromisoformat(iso)
        assert flag in triage.flags_and_dates({question: day.isoformat()}, start)[0]
        if start > day:
            assert flag not in triage.flags_and_dates({question: day.isoformat()}, start - timedelta(days=1))[0]


def test_the_window_is_the_13_months_before_the_build_and_the_month_after() -> None:
    assert date_lookup.window(date(2026, 12, 2)) == (date(2025, 11, 1), date(2027, 1, 31))
    assert date_lookup.window(date(2027, 1, 31)) == (date(2025, 12, 1), date(2027, 2, 28))
    assert date_lookup.window(date(2027, 11, 15)) == (date(2026, 10, 1), date(2027, 12, 31))
    for today in (date(2026, 1, 1), date(2028, 2, 29), date(2026, 12, 31)):
        first, last = date_lookup.window(today)
        assert first.day == 1 and first <= today - timedelta(days=365 + 31) and last > today
        assert (last + timedelta(days=1)).day == 1


def test_the_table_answers_every_day_of_its_window_with_every_text_it_needs() -> None:
    built = date(2026, 12, 2)
    table = json.loads(json.dumps(date_lookup.table(built)))  # what the build writes
    assert (table["shape"], table["built"], table["first"], table["last"]) == (
        1, "2026-12-02", "2025-11-01", "2027-01-31")
    every_day = [d.isoformat() for d in date_lookup.days(date(2025, 11, 1), date(2027, 1, 31))]
    assert set(table["questions"]) == set(date_lookup.date_questions())
    for question, rows in table["questions"].items():
        assert list(rows) == every_day, question
    used = {iso for rows in table["questions"].values() for row in rows.values()
            for part in row.values() for iso in part.values()}
    texts = table["texts"]
    assert set(every_day) | used <= set(texts) and min(texts) == table["first"] and max(texts) == max(used)
    assert texts["2026-12-18"] == triage.dates.long_date(date(2026, 12, 18), weekday=True)
    # The spec's own examples.
    assert table["questions"]["letter_date"]["2026-11-20"] == {
        "dates": {"review_deadline": "2026-12-18", "review_safe_by": "2026-12-18"},
        "flags": {"review_late": "2026-12-19"}}
    assert table["questions"]["letter_date"]["2026-11-30"]["dates"]["review_safe_by"] == "2026-12-24"
    assert table["questions"]["incident_date"]["2026-11-20"] == {"dates": {}, "flags": {"over_12_months": "2027-11-21"}}
