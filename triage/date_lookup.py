"""The date table: for each date question and each day in a window, every date and date flag
that answer gives, worked out at build time by asking the engine (/work/wt/date-table-spec.md,
triage/README.md "The date table").

No rule is written here. Dates come from `engine.flags_and_dates`; a flag's start day (the first
today on which it is raised) is found by bisection over today, which is sound because every date
flag is monotone in today: once raised it stays raised (`test_date_lookup.py` checks it). So a
change to a rule in `dates.py` or `rules.py` changes the table without an edit here.

Build time only (the site's hooks write it as checker/checker-dates.json); not in the wheel.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, Iterator

from .dates import long_date
from .engine import flags_and_dates
from .flow import Flow, load_flow

#: The version of the table's shape (checker-dates.json's "shape"). Change it with the shape.
SHAPE = 1
#: How far after the answered day a flag's start is looked for. The longest rule (more than 12
#: months after the incident) starts well inside it; a flag not raised by then is left out.
HORIZON = timedelta(days=3 * 366)
#: Months of answers before the build's month: the lookup covers at least the 13 months before
#: the build, so a letter, update or incident up to a year old (and a month's slack) is in it.
MONTHS_BEFORE = 13

Entry = dict[str, dict[str, str]]


def date_questions(flow: Flow | None = None) -> tuple[str, ...]:
    """The flow's date questions, in the flow's order."""
    flow = flow or load_flow()
    return tuple(q.id for q in flow.questions.values() if q.is_date)


def slug(question: str) -> str:
    """A date question's part of the lookup's address: `letter_date` -> `letter`,
    `last_update_date` -> `last-update`, `incident_date` -> `incident`."""
    return question.removesuffix("_date").replace("_", "-")


def window(today: date) -> tuple[date, date]:
    """(first, last): the 1st of the month 13 months before `today`'s month, and the last day of
    the month after it, so a build keeps answering for a month after it was made.

    >>> window(date(2026, 12, 2))
    (datetime.date(2025, 11, 1), datetime.date(2027, 1, 31))
    """
    first = _add_months(today.replace(day=1), -MONTHS_BEFORE)
    after = _add_months(today.replace(day=1), 1)
    return first, after.replace(day=calendar.monthrange(after.year, after.month)[1])


def days(first: date, last: date) -> Iterator[date]:
    """Every day from `first` to `last`, both included."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def dates_for(question: str, day: date) -> dict[str, date]:
    """The dates the engine gives for `question` answered `day` (they do not depend on today)."""
    return flags_and_dates({question: day.isoformat()}, day)[1]


def raised(question: str, day: date, today: date) -> tuple[str, ...]:
    """The flags the engine raises, on `today`, for `question` answered `day` alone."""
    return flags_and_dates({question: day.isoformat()}, today)[0]


def flag_starts(question: str, day: date) -> dict[str, date]:
    """Each flag `question` answered `day` raises: the first today (>= `day`) on which it is.

    Found by bisection over today in [day, day + HORIZON]: a flag raised on the answered day
    itself (whatever today is, such as bank_holidays_unknown) starts on `day`.
    """
    end = day + HORIZON if day <= date.max - HORIZON else date.max
    starts: dict[str, date] = {}
    for flag in raised(question, day, end):
        low, high = day, end  # invariant: raised on `high`; not raised before `low`
        while low < high:
            middle = low + (high - low) // 2
            if flag in raised(question, day, middle):
                high = middle
            else:
                low = middle + timedelta(days=1)
        starts[flag] = low
    return starts


def entry(question: str, day: date) -> Entry:
    """One answer's row of the table: `{"dates": {name: iso}, "flags": {flag: start iso}}`."""
    return {"dates": {name: value.isoformat() for name, value in dates_for(question, day).items()},
            "flags": {flag: start.isoformat() for flag, start in flag_starts(question, day).items()}}


def table(today: date, flow: Flow | None = None) -> dict[str, Any]:
    """The whole table for a build made on `today` (checker-dates.json, shape 1)."""
    first, last = window(today)
    questions = {q: {day.isoformat(): entry(q, day) for day in days(first, last)}
                 for q in date_questions(flow)}
    latest = max([last] + [date.fromisoformat(iso) for rows in questions.values() for row in rows.values()
                           for part in row.values() for iso in part.values()])
    return {"shape": SHAPE, "built": today.isoformat(), "first": first.isoformat(), "last": last.isoformat(),
            "questions": questions,
            "texts": {day.isoformat(): long_date(day, weekday=True) for day in days(first, latest)}}


def _add_months(day: date, months: int) -> date:
    """The 1st of the month `months` after (or, negative, before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
