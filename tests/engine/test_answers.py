"""Checking one answer: choices, ISO dates, `unknown`, GOV.UK day/month/year parts."""
from __future__ import annotations

from datetime import date

import pytest

from triage import UNKNOWN, AnswerError, date_from_parts, load_flow, load_wording
from triage.answers import CODES, check_answer

TODAY = date(2026, 3, 10)


def _question(qid: str):
    return load_flow().questions[qid]


def _code(result: object) -> str | None:
    return result.code if isinstance(result, AnswerError) else None


@pytest.mark.parametrize("raw, expected", [
    ("2026-03-02", "2026-03-02"),
    ("2026-03-10", "2026-03-10"),  # today itself is not in the future
    ("2024-02-29", "2024-02-29"),
    ("unknown", UNKNOWN),
])
def test_valid_dates(raw: str, expected: str) -> None:
    assert check_answer(_question("letter_date"), raw, TODAY) == expected


@pytest.mark.parametrize("raw, code", [
    ("", "required"),
    (None, "required"),
    ("2026-02-30", "real_date"),
    ("2025-02-29", "real_date"),
    ("2026-13-01", "real_date"),
    ("2026-00-10", "real_date"),
    ("0000-01-01", "real_date"),
    ("2026-03-11", "future"),
    ("2027-01-01", "future"),
    ("2026-3-2", "invalid"),
    ("02/03/2026", "invalid"),
    ("20260302", "invalid"),  # date.fromisoformat would accept this; the contract says YYYY-MM-DD
    ("2026-03-02 ", "invalid"),
    ("2026-03-02\n", "invalid"),
    ("\uff12\uff10\uff12\uff16-03-02", "invalid"),  # full-width digits
    ("Unknown", "invalid"),
    ("yesterday", "invalid"),
    (20260302, "invalid"),
])
def test_invalid_dates(raw: object, code: str) -> None:
    result = check_answer(_question("letter_date"), raw, TODAY)
    assert _code(result) == code
    assert result.question == "letter_date"
    assert result.message  # from the question's wording


@pytest.mark.parametrize("raw, code", [("", "required"), ("MET", "invalid"), ("the_moon", "invalid"),
                                       ("unknown", "invalid"), (" met", "invalid"), (["met"], "invalid")])
def test_invalid_choices(raw: object, code: str) -> None:
    assert _code(check_answer(_question("about"), raw, TODAY)) == code


def test_every_choice_value_is_accepted() -> None:
    for question in load_flow().questions.values():
        for value in question.values:
            assert check_answer(question, value, TODAY) == value


def test_messages_come_from_the_wording() -> None:
    wording = load_wording()
    for qid, text in wording.questions.items():
        result = check_answer(_question(qid), "", TODAY)
        assert result.message == text.errors["required"]
    result = check_answer(_question("incident_date"), "2026-02-30", TODAY)
    assert result.message == wording.questions["incident_date"].errors["real_date"]


@pytest.mark.parametrize("parts, expected", [
    (("2", "3", "2026"), "2026-03-02"),
    ((" 02 ", "03", "2026"), "2026-03-02"),
    (("29", "2", "2024"), "2024-02-29"),
    (("10", "3", "2026"), "2026-03-10"),
])
def test_date_from_parts_valid(parts: tuple[str, str, str], expected: str) -> None:
    assert date_from_parts("letter_date", *parts, today=TODAY) == expected


@pytest.mark.parametrize("parts, code", [
    (("", "", ""), "required"),
    ((None, None, None), "required"),
    (("", "3", "2026"), "missing_day"),
    (("2", "", "2026"), "missing_month"),
    (("2", "3", ""), "missing_year"),
    (("", "", "2026"), "missing_day_month"),
    (("", "3", ""), "missing_day_year"),
    (("2", "", ""), "missing_month_year"),
    (("30", "2", "2026"), "real_date"),
    (("29", "2", "2025"), "real_date"),
    (("2", "13", "2026"), "real_date"),
    (("2", "3", "26"), "year_digits"),
    (("2", "3", "02026"), "year_digits"),
    (("two", "3", "2026"), "real_date"),
    (("two", "3", "26"), "real_date"),
    (("-1", "3", "2026"), "real_date"),
    (("11", "3", "2026"), "future"),
])
def test_date_from_parts_errors(parts: tuple, code: str) -> None:
    result = date_from_parts("incident_date", *parts, today=TODAY)
    assert _code(result) == code
    assert result.question == "incident_date"
    assert result.message == load_wording().questions["incident_date"].errors[code]


def test_date_from_parts_without_today_does_not_check_the_future() -> None:
    assert date_from_parts("letter_date", "1", "1", "2999") == "2999-01-01"


def test_date_from_parts_unknown_question_and_choice_question() -> None:
    assert _code(date_from_parts("letter_dates", "1", "1", "2020")) == "unknown_question"
    with pytest.raises(ValueError):
        date_from_parts("about", "1", "1", "2020")


def test_codes_are_the_contract_codes() -> None:
    assert set(CODES) == {"required", "invalid", "real_date", "future", "missing_day",
                          "missing_month", "missing_year", "missing_day_month", "missing_day_year",
                          "missing_month_year", "year_digits", "unknown_question"}
