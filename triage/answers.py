"""Check one answer: a choice value, an ISO date, `unknown`, or the parts of a GOV.UK date field.

A bad answer gives an `AnswerError` naming the question, with an error code (the contract) and a
plain-English message (the editors' wording, looked up only when an error happens, so the rules
never need the wording to decide anything).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Sequence

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

#: At most this many characters of what someone typed are repeated in a message.
SHOWN_CHARS = 40
#: The engine's own words, for what no question's wording file can say: the ids and values are
#: the contract's, not the editors'. `{message}` is the editors' message for the question.
MESSAGES = {
    "unknown_question": "There is no question called \u201c{question}\u201d.{close} "
                        "The questions are: {choices}.",
    "not_an_option": "{message}. \u201c{value}\u201d is not an answer to {question}: "
                     "use one of {choices}.{close}",
    "not_text": "{message}. The answer to {question} must be text, not {kind}: use one of {choices}.",
    "close": " Did you mean \u201c{close}\u201d?",
}
# What a value that is not text is called in a message (JSON's names: it came through the bridge).
_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}


class AnswerError(Record):
    """A bad answer: the question, the error code and the message to show."""

    question: str
    code: str
    message: str

    def to_json(self) -> dict[str, Any]:
        """`{"error": {"question": ..., "code": ..., "message": ...}}`, as `python -m triage --json` prints."""
        return {"error": {"question": self.question, "code": self.code, "message": self.message}}


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` as a message may repeat it: at most `limit` characters, then "\u2026"; control
    characters, lone surrogates and other unprintable ones written as escapes (`\\n`, `\\ud800`),
    so that a message can always be printed and never runs on for pages."""
    head = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text[:limit])
    return head[:limit] + "\u2026" if len(head) > limit or len(text) > limit else head


def closest(text: str, choices: Sequence[str]) -> str | None:
    """The choice most like `text` (a typo, other capitals, spaces), or None if none is close."""
    import difflib  # lazily: only mistakes need it, and the browser's worker imports this module

    def key(word: str) -> str:
        return word[:2 * SHOWN_CHARS].strip().lower().replace("-", "_").replace(" ", "_")

    keys = {key(choice): choice for choice in choices}
    found = difflib.get_close_matches(key(text), keys, n=1, cutoff=0.6)
    return keys[found[0]] if found else None


def answer_error(question: str, code: str, value: object = None) -> AnswerError:
    """An `AnswerError` with the message the editors wrote for this question and code.

    For `invalid` on a choice question the message goes on to list the question's values,
    naming the closest to `value`; for `unknown_question` it lists the questions.
    """
    flow = load_flow()
    if code == "unknown_question":
        # No wording file can exist for a question that does not exist: the message lists them.
        near = closest(question, tuple(flow.questions))
        return AnswerError(shown(question), code, MESSAGES["unknown_question"].format(
            question=shown(question), choices=", ".join(flow.questions),
            close=MESSAGES["close"].format(close=near) if near else ""))
    from .wording import load_wording  # lazily: only errors need the wording

    message = load_wording().message(question, code)
    values = flow.questions[question].values
    if code == "invalid" and values:  # a choice question: say what the answers are
        fields = {"message": message.rstrip("."), "question": question, "choices": ", ".join(values)}
        if isinstance(value, str):
            near = closest(value, values)
            message = MESSAGES["not_an_option"].format(
                value=shown(value), close=MESSAGES["close"].format(close=near) if near else "", **fields)
        else:
            kind = _KINDS.get(type(value)) or f"a {shown(type(value).__name__)}"
            message = MESSAGES["not_text"].format(kind=kind, **fields)
    return AnswerError(question, code, message)


def iso_date(text: object) -> date | None:
    """`text` as a date if it is exactly `YYYY-MM-DD` (ASCII digits) and a real date, else None.

    Stricter than `date.fromisoformat`, which also takes `20260310` and `2026-W10-1`.
    """
    match = _ISO.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def check_answer(question: Question, raw: object, today: date) -> str | AnswerError:
    """The answer as stored (a choice value, an ISO date or `unknown`), or an `AnswerError`.

    Dates must be written `YYYY-MM-DD` exactly, be real dates and not be after `today`.
    """
    if raw is None or raw == "":
        return answer_error(question.id, "required")
    if not isinstance(raw, str):
        return answer_error(question.id, "invalid", raw)
    if not question.is_date:
        return raw if raw in question.values else answer_error(question.id, "invalid", raw)
    if raw == UNKNOWN:
        return raw
    match = _ISO.match(raw)
    if match is None:
        return answer_error(question.id, "invalid", raw)
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
    Raises ValueError if `question` is a choice question and TypeError if `question` or a part
    is not text (programming mistakes: the bridge turns both into a `usage` error).
    """
    # The messages name no type: the browser's values have other names (JsProxy for a list).
    if not isinstance(question, str):
        raise TypeError("the question must be a question id (text)")
    for name, part in (("day", day), ("month", month), ("year", year)):
        if part is not None and not isinstance(part, str):
            raise TypeError(f"the {name} must be text or None")
    flow_question = load_flow().questions.get(question)
    if flow_question is None:
        return answer_error(question, "unknown_question")
    if not flow_question.is_date:
        raise ValueError(f"{question} is not a date question")
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
