"""The flow's typed, frozen objects (`Flow`, `Node`, `Question`, `Target`), the contract's flags
and dates in order, and `load_flow`.

The flow is data so that it can be listed, checked and drawn without running rule code. Reading
and checking `flow.toml` is triage/flow_reader.py's job; it runs on every load, and a mistake
raises `FlowError` listing every problem found, each naming the node (or question, or outcome)
and the fix.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

from .record import Record

OUTCOME_PREFIX = "outcome:"

#: Flags, in the order every result lists them (triage/README.md, "Flags and dates").
#: Version 2 added the last two at the end, so version-1 flags keep their order.
FLAGS = ("serious", "on_behalf", "over_12_months", "ask_to_record", "update_overdue", "review_late",
         "witness_conduct_only", "bank_holidays_unknown")
#: Dates, in the order every result lists them: the order to act on, so the day to send a review
#: request by comes before its deadline (the engine, the pages and the app's date table agree).
DATES = ("update_due", "review_safe_by", "review_deadline")
#: The flags a date raises, each with its date question (the other flags follow from choices).
#: Where that date is not known, a result states the flag's rule instead (`rules_for_unknown_dates`).
DATE_FLAGS = {"over_12_months": "incident_date", "update_overdue": "last_update_date",
              "review_late": "letter_date"}

KINDS = ("choice", "date")
#: The one pattern of every id (questions, values, nodes, outcomes, pages, contacts, terms).
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")


class FlowError(ValueError):
    """The flow is broken. `problems` lists every problem, each naming the node and the fix."""

    def __init__(self, problems: list[str] | tuple[str, ...], source: str = "flow.toml") -> None:
        self.problems = tuple(problems)
        self.source = source
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"{source} has {len(self.problems)} problem(s):\n{lines}")


class Question(Record):
    """A question: its id, its kind (`choice` or `date`) and, for a choice, its answer values."""

    id: str
    kind: str
    values: tuple[str, ...] = ()

    @property
    def is_date(self) -> bool:
        return self.kind == "date"


class Target(Record):
    """Where an answer leads: another node, or an outcome."""

    kind: str  # "node" or "outcome"
    id: str

    @property
    def is_outcome(self) -> bool:
        return self.kind == "outcome"

    def __str__(self) -> str:
        return OUTCOME_PREFIX + self.id if self.is_outcome else self.id


class Node(Record):
    """One step of the flow: the question it asks and where each answer leads.

    A choice node has `options` (answer value, target) in the question's order; a date node has
    a single target, `then`, whatever the date.
    """

    id: str
    question: str
    options: tuple[tuple[str, Target], ...] = ()
    then: Target | None = None

    def target(self, value: str) -> Target:
        """Where `value` leads from this node (any value, for a date node)."""
        if self.then is not None:
            return self.then
        for option, target in self.options:
            if option == value:
                return target
        raise KeyError(f"node {self.id!r} has no option {value!r}")

    def targets(self) -> tuple[Target, ...]:
        return (self.then,) if self.then is not None else tuple(t for _, t in self.options)


class Flow(Record, eq=False):
    """The whole flow: start node, questions, nodes and outcomes, already checked."""

    start: str
    questions: Mapping[str, Question]
    nodes: Mapping[str, Node]
    outcomes: tuple[str, ...]
    #: The outcomes where the person writes to someone: each needs a draft message.
    writes: tuple[str, ...] = ()

    def question_of(self, node_id: str) -> Question:
        return self.questions[self.nodes[node_id].question]

    def walk(self) -> list[str]:
        """The node ids reached from the start, depth-first in option order, each once."""
        order: dict[str, None] = {}
        stack = [self.start]
        while stack:
            nid = stack.pop()
            if nid in order:
                continue
            order[nid] = None
            stack.extend(reversed([t.id for t in self.nodes[nid].targets() if not t.is_outcome]))
        return list(order)


def load_flow(text: str | None = None, *, source: str | None = None) -> Flow:
    """Load and check the flow: the packaged `flow.toml`, or `text` (TOML) if given.

    Raises `FlowError` listing every problem, each naming the node and the fix.
    """
    if text is None:
        return _packaged_flow()
    from .flow_reader import read_flow  # see _packaged_flow

    return read_flow(text, source or "flow.toml")


@lru_cache(maxsize=1)
def _packaged_flow() -> Flow:
    # Read through the package's loader, not from a file path: the browser imports the package
    # straight from its wheel (a zip on sys.path), where there is no file to open. Imported
    # here, not at the top: the browser imports this module while the page waits, and only
    # needs the reader and its TOML parser (tomllib costs ~30 ms in Pyodide) once the flow is
    # first walked.
    from importlib.resources import files

    from .flow_reader import read_flow

    return read_flow(files(__package__).joinpath("flow.toml").read_text(encoding="utf-8"), "triage/flow.toml")
