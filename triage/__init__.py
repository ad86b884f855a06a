"""The rules of the 'Police complaints in London' checker (see triage/README.md, the contract).

    >>> from datetime import date
    >>> import triage
    >>> triage.evaluate({"about": "met", "met_stage": "waiting"}, today=date(2026, 3, 10)).to_json()
    {'next': 'recorded', 'node': 'waiting_recorded', 'answers': {'about': 'met', 'met_stage': 'waiting'}}

Pure Python, standard library only: the same package runs under CPython and in Pyodide.
"""
from __future__ import annotations

from .answers import UNKNOWN, AnswerError, date_from_parts
from .engine import (NextQuestion, Outcome, Route, State, Step, all_paths, evaluate,
                     flags_and_dates, static_states)
from .flow import DATES, FLAGS, Flow, FlowError, Node, Question, Target, load_flow
from .frontmatter import FrontMatterError
from .wording import Wording, WordingError, fill, load_wording

__all__ = [
    "UNKNOWN", "AnswerError", "date_from_parts",
    "NextQuestion", "Outcome", "Route", "State", "Step", "all_paths", "evaluate",
    "flags_and_dates", "static_states",
    "DATES", "FLAGS", "Flow", "FlowError", "Node", "Question", "Target", "load_flow",
    "FrontMatterError",
    "Wording", "WordingError", "fill", "load_wording",
]
