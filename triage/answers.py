"""Check one answer: a choice value, an ISO date, `unknown`, or the parts of a GOV.UK date field.

A bad answer gives an `AnswerError` naming the question, with an error code (the contract) and a
plain-English message (the editors' wording, looked up only when an error happens, so the rules
never need the wording to decide anything).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from .flow import Question, load_flow
from .record import Record

#: An answer to a date question meaning "I don't know": adds no date and no flag.
UNKNOWN = "unknown"
#: Every error code (triage/README.md, "Public API").
CODES = ("required", "invalid", "real_date", "future", "missing_day", "missing_month",
         "missing_year", "missing_day_month", "missing_day_year", "missing_month_year",
         "year_digits", "unknown_question")

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z", re.ASCII)
_DIGITS = re.compile(r"[0-9]+\Z", re.ASCII)


class AnswerError(Record):
    """A bad answer: the question, the error code and the message to show."""

    question: str
    code: str
    message: str

    def to_json(self) -> dict[str, Any]:
        """`{"error": {"question": ..., "code": ..., "message": ...}}`, as `python -m triage --json` prints."""
        return {"error": {"question": self.question, "code": self.code, "message": self.message}}


def answer_error(question: str, code: str) -> AnswerError:
    """An `AnswerError` with the message the editors wrote for this question and code."""
    if code == "unknown_question":
        # No wording file can exist for a question that does not exist.
        message = f"There is no question called \u201c{question}\u201d. Check the spelling."
    else:
        from .wording import load_wording  # lazily: only errors need the wording

        message = load_wording().message(question, code)
    return AnswerError(question, code, message)


def check_answer(question: Question, raw: object, today: date) -> str | AnswerError:
    """The answer as stored (a choice value, an ISO date or `unknown`), or an `AnswerError`.

    Dates must be written `YYYY-MM-DD` exactly, be real dates and not be after `today`.
    """
    if raw is None or raw == "":
        return answer_error(question.id, "required")
    if not isinstance(raw, str):
        return answer_error(question.id, "invalid")
    if not question.is_date:
        return raw if raw in question.values else answer_error(question.id, "invalid")
    if raw == UNKNOWN:
        return raw
    match = _ISO.match(raw)
    if match is None:
        return answer_error(question.id, "invalid")
    return _checked_date(question.id, *(int(part) for part in match.groups()), today=today)


def parse_date(answer: str | None) -> date | None:
    """The date of a checked date answer; None for `unknown` or no answer."""
    if answer is None or answer == UNKNOWN:
        return None
    return date.fromisoformat(answer)


def date_from_parts(question: str, day: str | None, month: str | None, year: str | None,
                    today: date | None = None) -> str | AnswerError:
    """Turn the day, month and year boxes of a GOV.UK date field into an ISO answer.

    Gives, as the GOV.UK date input pattern asks: `required` when all three are empty;
    `missing_` and the empty ones when one or two are (`missing_month`, `missing_month_year`);
    `year_digits` for a year of other than 4 digits; `real_date` for anything else that is not a
    real date (letters, 30 February) and, if `today` is given, `future` for a later date.
    "I don't know" is a separate choice on the page: the caller passes `unknown` as the answer.
    Raises ValueError if `question` is a choice question (a programming mistake).
    """
    flow_question = load_flow().questions.get(question)
    if flow_question is None:
        return answer_error(question, "unknown_question")
    if not flow_question.is_date:
        raise ValueError(f"{question!r} is not a date question")
    parts = [(p or "").strip() for p in (day, month, year)]
    if not any(parts):
        return answer_error(question, "required")
    missing = [name for name, part in zip(("day", "month", "year"), parts) if not part]
    if missing:
        return answer_error(question, "missing_" + "_".join(missing))
    d, m, y = parts
    if not all(_DIGITS.match(p) for p in parts) or len(d) > 2 or len(m) > 2:
        return answer_error(question, "real_date")
    if len(y) != 4:
        return answer_error(question, "year_digits")
    return _checked_date(question, int(y), int(m), int(d), today=today)


def _checked_date(question: str, year: int, month: int, day: int,
                  today: date | None) -> str | AnswerError:
    try:
        value = date(year, month, day)
    except ValueError:  # 30 February, month 13, year 0
        return answer_error(question, "real_date")
    if today is not None and value > today:
        return answer_error(question, "future")
    return value.isoformat()
