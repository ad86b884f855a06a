"""Bank holidays in England and Wales, as data: the days the review deadline's "safe" date avoids.

Source: GOV.UK, "UK bank holidays", https://www.gov.uk/bank-holidays (its data is published as
https://www.gov.uk/bank-holidays.json, division "england-and-wales"). Only the days off are listed:
where a holiday falls at a weekend, the weekday that replaces it (the "substitute day") is here,
as GOV.UK lists it; the weekend day itself is a weekend anyway.

Checked on 2026-12-01. The machine this was written on cannot reach GOV.UK, so the dates were
written out from GOV.UK's published list and cross-checked, day by day, against the `holidays`
package (PyPI, version 0.109, `country_holidays("GB", subdiv="ENG")`, weekdays only; Wales gives
the same days): all 83 agree. Compare with bank-holidays.json before launch, and extend the list
each year when GOV.UK publishes the next year (then move `LAST`).

Outside FIRST..LAST the engine counts only weekends, and the result carries the flag
`bank_holidays_unknown` to say so (triage/README.md, "Flags and dates").
"""
from __future__ import annotations

from datetime import date

SOURCE_URL = "https://www.gov.uk/bank-holidays"
#: The day the list was last compared with its source (see above for how).
CHECKED = date(2026, 12, 1)
#: The first and last days the list covers: every bank holiday between them is listed.
FIRST = date(2018, 1, 1)
LAST = date(2027, 12, 31)

_DAYS = """
2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26
2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26
2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28
2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28
2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27
2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26
2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26
2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26
2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
"""
# One year a line, as GOV.UK lists them. The special days: 2020-05-08 (VE Day, the early May
# holiday moved), 2022-06-02 and 06-03 (spring holiday moved; Platinum Jubilee), 2022-09-19
# (the Queen's funeral), 2023-05-08 (the King's coronation).

#: Every bank holiday in England and Wales from FIRST to LAST, in date order.
ENGLAND_AND_WALES: frozenset[date] = frozenset(date.fromisoformat(day) for day in _DAYS.split())
