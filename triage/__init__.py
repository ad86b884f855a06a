"""The rules of the 'Police complaints in London' checker (see triage/README.md, the contract).

    >>> from datetime import date
    >>> import triage
    >>> triage.evaluate({"about": "met", "met_stage": "waiting"}, today=date(2026, 3, 10)).to_json()
    {'next': 'recorded', 'node': 'waiting_recorded', 'answers': {'about': 'met', 'met_stage': 'waiting'}}

Pure Python, standard library only: the same package runs under CPython and in Pyodide.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

# Each public name and the module it lives in. They are imported when first used (PEP 562), so
# that `import triage.bridge`, what the browser's worker does while the page waits, loads only
# the rules it needs and not the editors' wording reader or the command line.
_PUBLIC = {
    "answers": ("UNKNOWN", "AnswerError", "date_from_parts"),
    "engine": ("NextQuestion", "Outcome", "Route", "State", "Step", "all_paths", "evaluate",
               "flags_and_dates", "rules_for_unknown_dates", "static_states", "START_URL",
               "URL_PREFIX", "url_for"),
    "dates": ("long_date",),
    "flow": ("DATE_FLAGS", "DATES", "FLAGS", "Flow", "FlowError", "Node", "Question", "Target", "load_flow",
             "ID_PATTERN"),
    "frontmatter": ("FrontMatterError",),
    "wording": ("Wording", "WordingError", "checker_ui", "fill", "load_wording"),
}
_HOME = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = list(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # next time, a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
