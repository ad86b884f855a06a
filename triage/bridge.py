"""JSON in, JSON out: the functions the browser's Web Worker calls through Pyodide.

Strings cross the JavaScript/Python boundary cheaply and predictably, so every function takes
and returns JSON text. The objects are the same as `python -m triage --json` prints.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .answers import AnswerError, date_from_parts, iso_date, shown
from .dates import date_texts
from .engine import evaluate

if TYPE_CHECKING:
    from datetime import date

#: What a malformed call is told (code `usage`): the browser never makes one, a script might.
MESSAGES = {
    "today": "today \u201c{today}\u201d is not a date: write it as YYYY-MM-DD, for example 2026-03-10",
    "not_text": "{name} must be text",
    "not_json": "the answers are not valid JSON",
    "too_deep": "the answers are nested too deeply: they must be a JSON object of question id to answer",
    "not_object": "the answers must be a JSON object of question id to answer, such as {{\"about\": \"met\"}}",
    "twice": "{question} is answered twice: give each answer once",
}


#: How deep the answers' JSON may nest. Answers need 1; the limit is checked before parsing,
#: because in the browser the parser's recursion overflows the JavaScript stack (a RangeError
#: no Python code can catch) long before Python's own recursion limit.
MAX_NESTING = 32
# JSON strings (brackets inside them do not nest), and the brackets that do.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class _Twice(ValueError):
    """A JSON object names the same key twice (json.loads would silently keep the last)."""


def _usage(message: str) -> str:
    return json.dumps(_usage_error(message))


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Twice(key)
        found[key] = value
    return found


def evaluate_json(answers_json: str, today_iso: str) -> str:
    """`evaluate` for the browser: `{"about": "met", ...}` and "YYYY-MM-DD" in, the step's JSON out.

    A malformed call (not a JSON object, an id twice, nesting too deep, a bad today) gives an
    error with code `usage`; whatever comes in, the answer is JSON, never an exception.
    """
    return json.dumps(_evaluate(answers_json, today_iso)[0])


def _usage_error(message: str) -> dict[str, Any]:
    return {"error": {"question": None, "code": "usage", "message": message}}


def _evaluate(answers_json: str, today_iso: str) -> tuple[dict[str, Any], date | None]:
    """evaluate_json's object (not yet JSON text) and the `today` it was read with (None if bad)."""
    today = iso_date(today_iso)
    if today is None:
        return _usage_error(_bad_today(today_iso)), None
    if not isinstance(answers_json, str):
        return _usage_error(MESSAGES["not_text"].format(name="the answers")), today
    if _too_deep(answers_json):
        return _usage_error(MESSAGES["too_deep"]), today
    try:
        answers = json.loads(answers_json, object_pairs_hook=_no_twice)
    except RecursionError:  # not reached after the check above; kept as a guard
        return _usage_error(MESSAGES["too_deep"]), today
    except _Twice as twice:
        return _usage_error(MESSAGES["twice"].format(question=shown(str(twice)))), today
    except ValueError:
        return _usage_error(MESSAGES["not_json"]), today
    if not isinstance(answers, dict):
        return _usage_error(MESSAGES["not_object"]), today
    return evaluate(answers, today).to_json(), today


def _too_deep(text: str) -> bool:
    """Whether `text` nests deeper than MAX_NESTING as JSON (found without recursion)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:  # the browser's case: nothing to count
        return False
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_NESTING:
            return True
    return False


def _null_as_none(value: object) -> object:
    """JavaScript's null arrives as Pyodide's `JsNull`, not None (Pyodide 0.26 and later)."""
    return None if type(value).__name__ == "JsNull" else value


def _bad_today(today_iso: object) -> str:
    if not isinstance(today_iso, str):
        return MESSAGES["not_text"].format(name="today (YYYY-MM-DD)")
    return MESSAGES["today"].format(today=shown(today_iso))


def date_from_parts_json(question: str, day: str | None, month: str | None, year: str | None,
                         today_iso: str | None = None) -> str:
    """`date_from_parts` for the browser: `{"answer": "YYYY-MM-DD"}` or `{"error": {...}}`.

    With `today_iso`, a date after today is an error (`future`) straight away. A question or a
    part that is not text, a choice question or a bad `today_iso` is a `usage` error.
    """
    today = None
    day, month, year, today_iso = (_null_as_none(v) for v in (day, month, year, today_iso))
    if today_iso is not None:
        today = iso_date(today_iso)
        if today is None:
            return _usage(_bad_today(today_iso))
    try:
        result = date_from_parts(question, day, month, year, today=today)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        return _usage(str(exc))
    if isinstance(result, AnswerError):
        return json.dumps(result.to_json())
    return json.dumps({"answer": result})


def step_json(answers_json: str, today_iso: str) -> str:
    """What the app draws a step from: `{"step": <evaluate_json's object>, "dates": {...}}`.

    `dates` shows each date of the step (its outcome's dates and its date answers) as the
    command line and the pages do, `{"YYYY-MM-DD": {"text": "30 March 2026", "days": 10}}`,
    with the days from today (negative once past): the browser formats no date itself. Today
    itself is one of them (`days` 0), so the app can say "as of" which day the days are counted.
    """
    step, today = _evaluate(answers_json, today_iso)
    days: list[str] = []
    if "error" not in step and today is not None:
        days.append(today.isoformat())
        for value in (*step.get("dates", {}).values(), *step["answers"].values()):
            if iso_date(value) is not None and value not in days:
                days.append(value)
    return json.dumps({"step": step, "dates": date_texts(days, today) if today is not None else {}})
