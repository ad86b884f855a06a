"""Date rules as small pure functions.

Every function takes the dates it needs, including today, as arguments: rule code never reads
the clock, so the same answers give the same result in tests, on the command line and in the
browser. The numbers come from `rules.py`; the facts behind them are the date rules R1-R8 in
content/_data/sources.yml.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from . import rules


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
