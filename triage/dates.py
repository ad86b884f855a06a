"""Date rules as small pure functions.

Every function takes the dates it needs, including today, as arguments: rule code never reads
the clock, so the same answers give the same result in tests, on the command line and in the
browser. The numbers come from `rules.py`; the facts behind them are the date rules R1-R8 in
content/_data/sources.yml.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from . import bank_holidays, rules
from .date_words import long_date  # re-exported: `triage.dates.long_date` is public


def days_from(today: date, day: date) -> int:
    """Days from `today` to `day`: positive ahead, 0 on the day, negative once past.

    >>> days_from(date(2026, 3, 20), date(2026, 3, 30)), days_from(date(2026, 3, 20), date(2026, 3, 19))
    (10, -1)
    """
    return (day - today).days


def date_texts(days: list[str] | tuple[str, ...], today: date) -> dict[str, dict[str, object]]:
    """For each "YYYY-MM-DD": how it is shown ("Monday 30 March 2026") and the days from today to it.

    The browser shows these strings (through triage/bridge.py): it formats no date itself. A
    person's own dates carry the weekday, so a deadline on a Saturday reads as one.
    """
    out: dict[str, dict[str, object]] = {}
    for iso in days:
        day = date.fromisoformat(iso)
        out[iso] = {"text": long_date(day, weekday=True), "days": days_from(today, day)}
    return out


def review_deadline(letter: date) -> date:
    """The last day to apply for a review: the outcome letter's date + 28 days (R1, F52, F53).

    Day 1 is the day after the letter, so a letter dated 1 April gives 29 April, and an
    application received on the deadline day itself is in time.

    >>> review_deadline(date(2026, 3, 2))
    datetime.date(2026, 3, 30)
    """
    return letter + timedelta(days=rules.REVIEW_DAYS)


def review_late(deadline: date, today: date) -> bool:
    """True when today is after the review deadline (the deadline day itself is in time, R1, R3).

    >>> review_late(date(2026, 3, 30), date(2026, 3, 30)), review_late(date(2026, 3, 30), date(2026, 3, 31))
    (False, True)
    """
    return today > deadline


def is_working_day(day: date, holidays: frozenset[date] = bank_holidays.ENGLAND_AND_WALES) -> bool:
    """True for Monday to Friday, unless `day` is one of `holidays` (by default England and Wales's).

    >>> is_working_day(date(2026, 12, 24)), is_working_day(date(2026, 12, 26)), is_working_day(date(2026, 12, 28))
    (True, False, False)
    """
    return day.weekday() < 5 and day not in holidays


def last_working_day(day: date, holidays: frozenset[date] = bank_holidays.ENGLAND_AND_WALES) -> date:
    """`day` itself if it is a working day, else the nearest working day before it.

    >>> last_working_day(date(2027, 1, 17))  # a Sunday
    datetime.date(2027, 1, 15)
    """
    while not is_working_day(day, holidays):
        day -= timedelta(days=1)
    return day


def review_safe_by(deadline: date) -> date:
    """The day to send a review request by, to be safe: the deadline if it is a working day, else
    the last working day before it (weekends and England and Wales bank holidays) (R2).

    The law counts plain days and no rule moves a deadline that falls on a weekend or bank holiday
    (R2 is unverified on that point), so the request should arrive by the working day before.
    Bank holidays outside the list's years are unknown: only weekends count there
    (`bank_holidays_listed` says whether that happened).

    >>> review_safe_by(date(2026, 12, 28))  # Boxing Day's substitute, after Christmas on a Friday
    datetime.date(2026, 12, 24)
    """
    return last_working_day(deadline)


def bank_holidays_listed(day: date) -> bool:
    """True when `day` is within the years the bank holiday list covers, so whether it is a bank
    holiday is known.

    For `review_safe_by` only the safe date itself matters: the days passed over on the way back
    are weekends (known anywhere) or listed bank holidays, so the result is uncertain only if the
    working day it lands on is outside the list.

    >>> bank_holidays_listed(date(2027, 12, 31)), bank_holidays_listed(date(2028, 1, 3))
    (True, False)
    """
    return bank_holidays.FIRST <= day <= bank_holidays.LAST


def update_due(last_update: date) -> date:
    """When the next progress update is due: the last update (or start of handling) + 28 days (R5, F46).

    >>> update_due(date(2026, 1, 20))
    datetime.date(2026, 2, 17)
    """
    return last_update + timedelta(days=rules.UPDATE_DAYS)


def update_overdue(due: date, today: date) -> bool:
    """True when today is after the day the next update was due (the due day itself is not late)."""
    return today > due


def first_anniversary(day: date) -> date:
    """The same day one year later; 29 February falls on 28 February of a non-leap year.

    Using 28 February (not 1 March) for a 29 February incident is the cautious reading: the
    "more than 12 months" warning then appears one day early rather than one day late.

    >>> first_anniversary(date(2024, 2, 29))
    datetime.date(2025, 2, 28)
    """
    months = rules.INCIDENT_MONTHS
    year = day.year + (day.month - 1 + months) // 12
    month = (day.month - 1 + months) % 12 + 1
    # Clamp to the month's last day (29 Feb -> 28 Feb in a non-leap year).
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def over_12_months(incident: date, today: date) -> bool:
    """True when today is after the incident's first anniversary (R6, F67, F83).

    On the anniversary itself the incident is exactly 12 months old, not more.
    An incident in the last representable year has no anniversary, so it is never "over".

    >>> over_12_months(date(2025, 3, 10), date(2026, 3, 10)), over_12_months(date(2025, 3, 10), date(2026, 3, 11))
    (False, True)
    """
    if incident.year + (incident.month - 1 + rules.INCIDENT_MONTHS) // 12 > date.max.year:
        return False
    return today > first_anniversary(incident)
