"""The walk: every call the browser's worker makes, for every checker state, error paths included.

hooks/pyodide_precompile.mjs makes these calls in Pyodide twice: once on the full standard
library, to find what the checker imports (the library is cut to that), then on the cut library,
to check that nothing is missing (`stdlib_cut.check`). A module imported only on a path not
walked here would be cut: when the engine grows a new kind of call or answer, add it to `calls`
(or, for a module no call can reach, its name to EXTRA_MODULES), and decisions/stdlib-cut.md says
how to find what is missing.
"""
from __future__ import annotations

import json
import re
from typing import Any

#: worker.js's list of the bridge functions it may call (`const FUNCTIONS = ["...", ...]`).
_WORKER_FUNCTIONS = re.compile(r"\bFUNCTIONS\s*=\s*\[([^\]]*)\]")

#: Library modules the cut keeps although the walk does not import them: none today. A module
#: named here is kept as bytecode (a package: its __init__ only; name its submodules too).
EXTRA_MODULES: tuple[str, ...] = ()

#: The `today` of the walk, and dates around it: in time, the deadline's day, long past, future.
TODAY = "2026-03-10"
DATES = ("unknown", "2026-03-02", "2026-02-10", "2025-01-15", "2026-12-25")


def _answers_json(answers: dict[str, Any]) -> str:
    return json.dumps(answers)


def calls() -> list[tuple[str, list[Any]]]:
    """[(bridge function, args), ...]: every state, each date answer, and every kind of bad call."""
    import triage

    found: list[tuple[str, list[Any]]] = []
    seen: set[str] = set()

    def add(fn: str, args: list[Any]) -> None:
        key = json.dumps([fn, args])
        if key not in seen:  # the states before a date question are the same for every date
            seen.add(key)
            found.append((fn, args))

    for route in triage.all_paths():
        for day in DATES:
            answers = route.answers(day)
            items = list(answers.items())
            for k in range(len(items) + 1):  # every state on the way, then the outcome
                add("step_json", [_answers_json(dict(items[:k])), TODAY])
            add("evaluate_json", [_answers_json(answers), TODAY])
    met = {"about": "met", "met_stage": "waiting", "recorded": "no"}
    bad_answers = ["{", "[]", "null", "", '{"about": "met", "about": "mopac"}', "[" * 1000,
                   '{"about": "\\ud800"}', '{"about": "mett"}', '{"nope": "x"}',
                   _answers_json({**met, "last_update_date": "10/03/2026"}),
                   _answers_json({**met, "last_update_date": "2099-01-01"}),
                   _answers_json({"about": 5}), _answers_json({"about": ["met"]})]
    for fn in ("evaluate_json", "step_json"):
        found += [(fn, [text, TODAY]) for text in bad_answers]
        found += [(fn, [_answers_json(met), day]) for day in ("2026-02-30", "", "x" * 100)]
    for question in ("letter_date", "last_update_date", "incident_date", "about", "nope"):
        for parts in (("10", "3", "2026"), ("2", "3", "2026"), ("", "", ""), ("31", "2", "2026"),
                      ("x", "3", "2026"), ("1", "1", "26"), ("11", "3", "2026")):
            found.append(("date_from_parts_json", [question, *parts, TODAY]))
    found += [("date_from_parts_json", ["letter_date", "1", "3", "2026"]),          # no today
              ("date_from_parts_json", ["letter_date", "1", "3", "2026", "bad"]),
              ("date_from_parts_json", ["letter_date", "9" * 1000, "\x00", "\ud800", TODAY])]
    # Calls that raise in Python: Pyodide formats the error for JavaScript (its own imports).
    found += [("evaluate_json", []), ("step_json", ["{}"]), ("date_from_parts_json", [])]
    return found


def unwalked(worker_js: str, walked: list[tuple[str, list[Any]]]) -> list[str]:
    """The bridge functions worker.js may call that `walked` never calls (each must be walked,
    or what it imports could be cut); ["FUNCTIONS"] if worker.js has no such list."""
    found = _WORKER_FUNCTIONS.search(worker_js)
    if found is None:
        return ["FUNCTIONS"]
    return sorted(set(re.findall(r"[\"'](\w+)[\"']", found.group(1))) - {fn for fn, _ in walked})
