"""The JSON shapes the contract documents (triage/README.md), checked: shared by the property
tests (tests/engine/test_bad_input.py) and the fuzz script (tests/bench/fuzz.py)."""
from __future__ import annotations

from datetime import date
from typing import Any

from triage import DATES, FLAGS, load_flow
from triage.answers import CODES, SHOWN_CHARS

#: Every `code` an error may have: the engine's, and `usage` (a malformed call).
ALL_CODES = (*CODES, "usage")
#: A message may repeat this much of an input, plus the "…" that marks the cut.
ECHO_LIMIT = SHOWN_CHARS


def step_problems(obj: Any) -> list[str]:
    """What is wrong with `obj` as a step's JSON (next question, outcome or error); [] if nothing."""
    flow = load_flow()
    if not isinstance(obj, dict):
        return [f"not a JSON object: {type(obj).__name__}"]
    if set(obj) == {"error"}:
        return error_problems(obj)
    if set(obj) == {"next", "node", "answers"}:
        problems = [] if obj["next"] in flow.questions else [f"next {obj['next']!r} is no question"]
        if obj["node"] not in flow.nodes or flow.nodes[obj["node"]].question != obj["next"]:
            problems.append(f"node {obj['node']!r} does not ask {obj['next']!r}")
        return problems + _answers_problems(obj["answers"])
    if set(obj) == {"outcome", "flags", "dates", "answers"}:
        problems = [] if obj["outcome"] in flow.outcomes else [f"outcome {obj['outcome']!r} is unknown"]
        if not isinstance(obj["flags"], list) or obj["flags"] != [f for f in FLAGS if f in obj["flags"]]:
            problems.append(f"flags {obj['flags']!r} are not contract flags in order")
        if not isinstance(obj["dates"], dict) or list(obj["dates"]) != [d for d in DATES if d in obj["dates"]]:
            problems.append(f"dates {obj['dates']!r} are not contract dates in order")
        else:
            for name, value in obj["dates"].items():
                try:
                    date.fromisoformat(value)
                except (TypeError, ValueError):
                    problems.append(f"date {name} = {value!r} is not ISO")
        return problems + _answers_problems(obj["answers"])
    return [f"not a documented shape: keys {sorted(obj)}"]


def error_problems(obj: Any) -> list[str]:
    """What is wrong with `obj` as `{"error": {"question", "code", "message"}}`."""
    error = obj.get("error") if isinstance(obj, dict) else None
    if not isinstance(error, dict) or set(error) != {"question", "code", "message"}:
        return [f"error is not {{question, code, message}}: {error!r}"[:200]]
    problems = []
    if error["code"] not in ALL_CODES:
        problems.append(f"code {error['code']!r} is not a contract code")
    if not isinstance(error["message"], str) or not error["message"].strip():
        problems.append("no message")
    if (error["question"] is None) != (error["code"] == "usage"):
        problems.append(f"question {error['question']!r} with code {error['code']!r}")
    if error["question"] is not None and not isinstance(error["question"], str):
        problems.append(f"question {error['question']!r} is not text")
    return problems


def parts_problems(obj: Any) -> list[str]:
    """What is wrong with `obj` as `date_from_parts_json`'s `{"answer": ISO}` or `{"error": ...}`."""
    if isinstance(obj, dict) and set(obj) == {"answer"}:
        try:
            date.fromisoformat(obj["answer"])
            return []
        except (TypeError, ValueError):
            return [f"answer {obj['answer']!r} is not ISO"]
    return error_problems(obj)


def echoes(message: str, inputs: list[str], limit: int = ECHO_LIMIT) -> str | None:
    """The first input of which `message` repeats more than `limit` characters running, or None.

    Checks the input's start and end (what an echo would show), and its middle."""
    for text in inputs:
        if not isinstance(text, str) or len(text) <= limit:
            continue
        middle = len(text) // 2
        for piece in (text[:limit + 1], text[-limit - 1:], text[middle:middle + limit + 1]):
            if len(piece) > limit and piece.strip() and piece in message:
                return text
    return None


def _answers_problems(answers: Any) -> list[str]:
    flow = load_flow()
    if not isinstance(answers, dict):
        return ["answers are not an object"]
    return [f"answer {q!r}={v!r} is not a checked answer" for q, v in answers.items()
            if q not in flow.questions or not isinstance(v, str)]
