"""Checking one answer: choices, ISO dates, `unknown`, GOV.UK day/month/year parts."""
from __future__ import annotations

from datetime import date

import pytest

from triage import UNKNOWN, AnswerError, date_from_parts, load_flow, load_wording
from triage.answers import CODES, SHOWN_CHARS, check_answer, iso_date, shown

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


# -- Every bad input a clear answer (issue 14) -------------------------------------------------

def test_a_value_that_is_not_an_option_lists_the_options_and_the_closest() -> None:
    result = check_answer(_question("about"), "mett", TODAY)
    assert (result.question, result.code) == ("about", "invalid")
    assert all(value in result.message for value in _question("about").values)
    assert "\u201cmet\u201d?" in result.message  # the closest value, suggested
    far = check_answer(_question("about"), "zzzzzz", TODAY)
    assert far.code == "invalid" and "?" not in far.message  # nothing close: no suggestion


@pytest.mark.parametrize("raw", [3, 1.5, True, ["met"], {"x": 1}])
def test_a_value_that_is_not_text_is_invalid_and_lists_the_options(raw: object) -> None:
    result = check_answer(_question("about"), raw, TODAY)
    assert (result.question, result.code) == ("about", "invalid")
    assert all(value in result.message for value in _question("about").values)


@pytest.mark.parametrize("qid", ["incident_date", "last_update_date", "letter_date"])
def test_a_date_in_another_form_gets_the_editors_format_message(qid: str) -> None:
    result = check_answer(_question(qid), "10/03/2026", TODAY)
    assert result.code == "invalid"
    assert result.message == load_wording().questions[qid].errors["invalid"]
    assert "YYYY-MM-DD" in result.message  # the form expected, not "must be a real date"


def test_a_date_question_without_an_invalid_message_stops_the_build(content_copy) -> None:
    from triage import WordingError
    path = content_copy / "checker" / "questions" / "letter_date.md"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True)
                            if not line.startswith("  invalid:")), encoding="utf-8")
    with pytest.raises(WordingError) as error:
        load_wording(content_copy)
    assert any("letter_date.md" in p and "invalid" in p for p in error.value.problems)


def test_long_input_is_cut_in_messages_and_in_the_question_named() -> None:
    from triage import evaluate
    long_id = "x" * 120_000
    result = evaluate({long_id: "met"}, TODAY)
    assert result.code == "unknown_question"
    assert result.question == "x" * SHOWN_CHARS + "\u2026"
    assert "x" * (SHOWN_CHARS + 1) not in result.message and len(result.message) < 1000
    result = check_answer(_question("about"), "y" * 120_000, TODAY)
    assert result.code == "invalid" and "y" * (SHOWN_CHARS + 1) not in result.message


def test_an_unknown_question_lists_the_questions_and_the_closest() -> None:
    from triage import evaluate
    result = evaluate({"about": "met", "incident-date": "2026-01-01"}, TODAY)
    assert (result.question, result.code) == ("incident-date", "unknown_question")
    assert all(qid in result.message for qid in load_flow().questions)
    assert "\u201cincident_date\u201d?" in result.message


@pytest.mark.parametrize("text, expected", [
    ("met", "met"),
    ("a" * 41, "a" * 40 + "\u2026"),
    ("line\nbreak", "line\\nbreak"),
    ("\x00\x1b[2J", "\\x00\\x1b[2J"),
    ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
    ("\u00b2", "\u00b2"),  # printable: kept as typed
])
def test_shown(text: str, expected: str) -> None:
    assert shown(text) == expected
    shown(text).encode("utf-8")  # always printable, even with a lone surrogate in the input


@pytest.mark.parametrize("text", ["2026-W10-1", "2026-069", "20260310", "2026-03-10T00:00", "2026-3-10",
                                  " 2026-03-10", "2026-02-30", "\uff12\uff10\uff12\uff16-03-10", "", None, 20260310])
def test_iso_date_is_strictly_yyyy_mm_dd(text: object) -> None:
    assert iso_date(text) is None


def test_iso_date_accepts_a_real_yyyy_mm_dd() -> None:
    assert iso_date("2026-03-10") == date(2026, 3, 10)


@pytest.mark.parametrize("args", [("letter_date", 1, "3", "2026"), ("letter_date", "1", ["3"], "2026"),
                                  (["letter_date"], "1", "3", "2026"), (None, "1", "3", "2026")])
def test_date_from_parts_refuses_what_is_not_text(args: tuple) -> None:
    with pytest.raises(TypeError):
        date_from_parts(*args)


@pytest.mark.parametrize("answers", [{}, {"about": "crime_or_emergency", "need": "fraud"},
                                     {"about": "mayor_or_deputy", "incident_date": "2026-01-01"}])
@pytest.mark.parametrize("today", ["2026-03-10", None, 20260310])
def test_evaluate_checks_today_first_on_every_route(answers: dict, today: object) -> None:
    from triage import evaluate
    with pytest.raises(TypeError, match="today"):
        evaluate(answers, today)  # type: ignore[arg-type]


@pytest.mark.parametrize("answers", [[("about", "met")], "about=met", None])
def test_evaluate_refuses_answers_that_are_not_a_mapping(answers: object) -> None:
    from triage import evaluate
    with pytest.raises(TypeError, match="answers"):
        evaluate(answers, TODAY)  # type: ignore[arg-type]


def test_evaluate_names_an_unknown_id_that_is_not_text() -> None:
    from triage import evaluate
    result = evaluate({5: "met"}, TODAY)  # type: ignore[dict-item]
    assert (result.question, result.code) == ("5", "unknown_question")
