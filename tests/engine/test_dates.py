"""Date rules R1, R2, R3, R5 and R6 (content/_data/sources.yml): examples and edges."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage import bank_holidays, dates, rules

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


# -- R2: the day to be safe, and the bank holiday list -----------------------------------------

@pytest.mark.parametrize("deadline, safe_by", [
    ("2026-03-30", "2026-03-30"),  # a Monday: the deadline itself
    ("2026-03-27", "2026-03-27"),  # a Friday
    ("2026-03-28", "2026-03-27"),  # a Saturday: the Friday before
    ("2027-01-17", "2027-01-15"),  # a Sunday (the example): the Friday before
    ("2026-05-25", "2026-05-22"),  # spring bank holiday Monday: the Friday before
    ("2026-04-06", "2026-04-02"),  # Easter Monday: past Easter Sunday, Saturday, Good Friday
    ("2026-12-25", "2026-12-24"),  # Christmas Day, a Friday
    ("2026-12-28", "2026-12-24"),  # Boxing Day's substitute Monday: back past the weekend and Christmas
    ("2027-12-28", "2027-12-24"),  # Christmas at a weekend: both substitutes, Mon 27 and Tue 28
    ("2027-12-29", "2027-12-29"),  # the first working day after them
    ("2023-05-08", "2023-05-05"),  # a one-off: the King's coronation
    ("2022-06-03", "2022-06-01"),  # the Platinum Jubilee, after the moved spring holiday on the 2nd
    ("2028-01-03", "2028-01-03"),  # beyond the list: a Monday counts (in fact a bank holiday)
    ("2028-01-02", "2027-12-31"),  # beyond the list, a Sunday: the listed Friday before
])
def test_review_safe_by(deadline: str, safe_by: str) -> None:
    assert dates.review_safe_by(D(deadline)) == D(safe_by)


def test_beyond_the_list_only_weekends_count() -> None:
    assert not dates.bank_holidays_listed(bank_holidays.LAST + timedelta(days=1))
    assert not dates.bank_holidays_listed(bank_holidays.FIRST - timedelta(days=1))
    assert dates.bank_holidays_listed(bank_holidays.LAST) and dates.bank_holidays_listed(bank_holidays.FIRST)
    assert dates.review_safe_by(D("2028-08-28")) == D("2028-08-28")  # a Monday, whatever it turns out to be
    assert dates.review_safe_by(D("2028-08-27")) == D("2028-08-25")


def test_working_days_with_a_given_list() -> None:
    none: frozenset = frozenset()
    assert dates.is_working_day(D("2026-12-25"), none) and not dates.is_working_day(D("2026-12-25"))
    assert dates.last_working_day(D("2026-12-28"), none) == D("2026-12-28")
    assert dates.last_working_day(D("2026-12-27"), none) == D("2026-12-25")


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1, 2, 1), max_value=date.max))
def test_review_safe_by_is_the_latest_working_day_on_or_before(day: date) -> None:
    safe = dates.review_safe_by(day)
    assert safe <= day and dates.is_working_day(safe)
    gap = (day - safe).days
    assert all(not dates.is_working_day(safe + timedelta(days=n)) for n in range(1, gap + 1))


def test_bank_holiday_list_is_well_formed() -> None:
    """The list's own promises: every day a weekday within FIRST..LAST, at least 8 a year (the
    usual holidays), each year's New Year, Easter and Christmas substitutes present."""
    days = sorted(bank_holidays.ENGLAND_AND_WALES)
    assert days[0].year == bank_holidays.FIRST.year and days[-1].year == bank_holidays.LAST.year
    assert all(bank_holidays.FIRST <= d <= bank_holidays.LAST and d.weekday() < 5 for d in days)
    for year in range(bank_holidays.FIRST.year, bank_holidays.LAST.year + 1):
        in_year = [d for d in days if d.year == year]
        assert 8 <= len(in_year) <= 10, year
        assert in_year[0].month == 1 and in_year[-1].month == 12 and in_year[-2].month == 12, year
    assert bank_holidays.SOURCE_URL == "https://www.gov.uk/bank-holidays"
    assert bank_holidays.CHECKED <= date(2026, 12, 31)
