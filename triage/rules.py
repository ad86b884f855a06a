"""The numbers of the law, one constant each.

Every page, the checker and the tests read these from here (pages through `{{ rules.NAME }}`),
so a change in the law is one edit. Each constant names the facts behind it (see
content/_data/sources.yml).
"""
from __future__ import annotations

from datetime import date
from types import MappingProxyType

from . import bank_holidays
from .date_words import long_date

#: Days to apply for a review, starting the day after the outcome letter (F52, F53, R1).
REVIEW_DAYS = 28
#: Days between progress updates on a complaint (F45, F46, R5). Four weeks in the Regulations.
UPDATE_DAYS = 28
#: Age of an incident after which the force or the Monitoring Officer may decline it (F67, F83, R6).
INCIDENT_MONTHS = 12
#: Working days within which the outcome must be sent once it is reached (F47).
OUTCOME_WORKING_DAYS = 5
#: Working days for MOPAC to acknowledge a review application (F59).
REVIEW_ACK_WORKING_DAYS = 5
#: Working days for MOPAC to reply to a request for an accessible format (F89).
ACCESSIBLE_FORMAT_WORKING_DAYS = 5
#: A parent or guardian may complain for a child younger than this without written consent (F18).
CHILD_AGE = 16
#: Complaints made before this date follow the old regime: appeals, not reviews (F66, R7).
REGIME_START = date(2020, 2, 1)
#: Stages of MOPAC's own complaints process (F88).
MOPAC_STAGES = 3

#: What pages and wording may use as `{{ rules.NAME }}`: the constants above, lower-cased.
RULES = MappingProxyType({
    "review_days": REVIEW_DAYS,
    "update_days": UPDATE_DAYS,
    "incident_months": INCIDENT_MONTHS,
    "outcome_working_days": OUTCOME_WORKING_DAYS,
    "review_ack_working_days": REVIEW_ACK_WORKING_DAYS,
    "accessible_format_working_days": ACCESSIBLE_FORMAT_WORKING_DAYS,
    "child_age": CHILD_AGE,
    "regime_start": long_date(REGIME_START),
    "mopac_stages": MOPAC_STAGES,
    # The years the bank holiday list covers (triage/bank_holidays.py), e.g. "31 December 2027".
    "bank_holidays_from": long_date(bank_holidays.FIRST),
    "bank_holidays_until": long_date(bank_holidays.LAST),
})
