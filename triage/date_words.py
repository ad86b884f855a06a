"""A date in words: the one format every surface shows, without the locale.

Its own module so that `rules.py` (the law's dates, such as `regime_start`, in words for pages)
and `dates.py` (which reads the numbers in `rules.py`) can both use it without importing each other.
"""
from __future__ import annotations

from datetime import date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: date, *, weekday: bool = False) -> str:
    """A date as people write it, the one format every surface shows (GOV.UK style, no locale).

    >>> long_date(date(2026, 3, 30)), long_date(date(2026, 12, 18), weekday=True)
    ('30 March 2026', 'Friday 18 December 2026')
    """
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text
