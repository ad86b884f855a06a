"""JSON in, JSON out: the functions the browser's Web Worker calls through Pyodide.

Strings cross the JavaScript/Python boundary cheaply and predictably, so every function takes
and returns JSON text. The objects are the same as `python -m triage --json` prints.
"""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from .answers import AnswerError, date_from_parts
from .engine import START_URL, evaluate, static_states


def _usage(message: str) -> str:
    return json.dumps({"error": {"question": None, "code": "usage", "message": message}})


def _today(today_iso: str) -> date | None:
    try:
        return date.fromisoformat(today_iso) if len(today_iso) == 10 else None
    except (TypeError, ValueError):
        return None


def evaluate_json(answers_json: str, today_iso: str) -> str:
    """`evaluate` for the browser: `{"about": "met", ...}` and "YYYY-MM-DD" in, the step's JSON out.

    A malformed call (not a JSON object, a bad today) gives an error with code `usage`.
    """
    today = _today(today_iso)
    if today is None:
        return _usage(f"today {today_iso!r} is not a YYYY-MM-DD date")
    try:
        answers = json.loads(answers_json)
    except (TypeError, ValueError):
        return _usage("the answers are not valid JSON")
    if not isinstance(answers, dict):
        return _usage("the answers must be a JSON object of question id to answer")
    return json.dumps(evaluate(answers, today).to_json())


def date_from_parts_json(question: str, day: str, month: str, year: str,
                         today_iso: str | None = None) -> str:
    """`date_from_parts` for the browser: `{"answer": "YYYY-MM-DD"}` or `{"error": {...}}`.

    With `today_iso`, a date after today is an error (`future`) straight away.
    """
    today = None
    if today_iso is not None:
        today = _today(today_iso)
        if today is None:
            return _usage(f"today {today_iso!r} is not a YYYY-MM-DD date")
    try:
        result = date_from_parts(question, day, month, year, today=today)
    except ValueError as exc:
        return _usage(str(exc))
    if isinstance(result, AnswerError):
        return json.dumps(result.to_json())
    return json.dumps({"answer": result})


def describe_question(text: Any) -> dict[str, Any]:
    """One question's wording as the browser draws it: kind, title, hint, options, unknown_label."""
    return {
        "kind": text.kind, "title": text.title, "hint": text.hint,
        "options": [{"value": v, "label": label, "hint": text.option_hints.get(v, "")}
                    for v, label in text.options.items()],
        "unknown_label": text.unknown_label,
    }


@lru_cache(maxsize=1)
def describe_json() -> str:
    """Everything needed to draw a question or a result's dates client-side, and the page map.

    `questions`: kind, title, hint, options (value, label, hint) and, for dates, unknown_label.
    `outcomes`: title and summary. `flags`: text. `dates`: label and rule.
    `states`: for each static page's URL path, its answers and its question or outcome.
    """
    # Imported here: the browser's worker never calls this (the build writes its result into
    # checker-data.json), so it need not pay for the wording modules while the page waits.
    from .wording import load_wording

    wording = load_wording()
    questions = {qid: describe_question(text) for qid, text in wording.questions.items()}
    states = {}
    for state in static_states():
        entry: dict[str, Any] = {"answers": state.answers}
        if state.outcome is not None:
            entry["outcome"] = state.outcome
        else:
            entry["question"], entry["node"] = state.question, state.node
        states[state.url_path] = entry
    return json.dumps({
        "start": START_URL,
        "questions": questions,
        "outcomes": {oid: {"title": o.title, "summary": o.summary} for oid, o in wording.outcomes.items()},
        "flags": dict(wording.flags),
        "dates": {name: {"label": d.label, "rule": d.rule} for name, d in wording.dates.items()},
        "states": states,
    })
