"""Date rules R1, R3, R5 and R6 (content/_data/sources.yml): examples and edges."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage import dates, rules

D = date.fromisoformat


@pytest.mark.parametrize("letter, deadline", [
    ("2026-03-02", "2026-03-30"),  # R1 example
    ("2026-02-01", "2026-03-01"),  # R1 example, February in a common year
    ("2028-02-01", "2028-02-29"),  # R1 example, leap year
    ("2026-04-01", "2026-04-29"),  # F53: "dated 1 April ... by 29 April"
    ("2026-01-31", "2026-02-28"),  # month end
    ("2026-12-15", "2027-01-12"),  # year end
    ("2027-12-31", "2028-01-28"),
    ("2028-02-29", "2028-03-28"),  # from 29 February
])
def test_review_deadline_examples(letter: str, deadline: str) -> None:
    assert dates.review_deadline(D(letter)) == D(deadline)


def test_review_deadline_day_itself_is_in_time_and_the_next_day_is_late() -> None:
    deadline = dates.review_deadline(D("2026-03-02"))
    assert not dates.review_late(deadline, deadline)
    assert dates.review_late(deadline, deadline + timedelta(days=1))
    assert not dates.review_late(deadline, D("2026-03-02"))


def test_update_due_r5_example() -> None:
    assert dates.update_due(D("2026-01-20")) == D("2026-02-17")
    assert not dates.update_overdue(D("2026-02-17"), D("2026-02-17"))
    assert dates.update_overdue(D("2026-02-17"), D("2026-02-18"))


@pytest.mark.parametrize("incident, anniversary", [
    ("2024-02-29", "2025-02-28"),  # 29 February -> 28 February
    ("2023-02-28", "2024-02-28"),
    ("2023-03-01", "2024-03-01"),
    ("2025-12-31", "2026-12-31"),
    ("2027-02-28", "2028-02-28"),
])
def test_first_anniversary(incident: str, anniversary: str) -> None:
    assert dates.first_anniversary(D(incident)) == D(anniversary)


@pytest.mark.parametrize("incident, today, over", [
    ("2025-03-10", "2026-03-10", False),  # exactly 12 months: not more
    ("2025-03-10", "2026-03-11", True),
    ("2024-02-29", "2025-02-28", False),
    ("2024-02-29", "2025-03-01", True),
    ("2026-03-10", "2026-03-10", False),
])
def test_over_12_months(incident: str, today: str, over: bool) -> None:
    assert dates.over_12_months(D(incident), D(today)) is over


def test_over_12_months_in_the_last_representable_year_is_false() -> None:
    assert dates.over_12_months(date(9999, 6, 1), date.max) is False


def test_the_rules_use_the_constants() -> None:
    assert rules.REVIEW_DAYS == rules.UPDATE_DAYS == 28
    assert rules.INCIDENT_MONTHS == 12


any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@settings(deadline=None)
@given(letter=any_day, today=any_day)
def test_review_deadline_properties(letter: date, today: date) -> None:
    deadline = dates.review_deadline(letter)
    assert deadline - letter == timedelta(days=rules.REVIEW_DAYS)
    assert dates.review_late(deadline, today) == (today > deadline)


@settings(deadline=None)
@given(day=any_day)
def test_first_anniversary_properties(day: date) -> None:
    anniversary = dates.first_anniversary(day)
    assert anniversary.year == day.year + 1 and anniversary.month == day.month
    assert anniversary.day == day.day or (day.month, day.day, anniversary.day) == (2, 29, 28)
    assert not dates.over_12_months(day, anniversary)
    assert dates.over_12_months(day, anniversary + timedelta(days=1))
