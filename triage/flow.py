"""Load `flow.toml` into typed, frozen objects and check it.

The flow is data so that it can be listed, checked and drawn without running rule code. Checking
happens on every load; a mistake raises `FlowError` listing every problem found, each naming the
node (or question, or outcome) and the fix.
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from .record import Record

OUTCOME_PREFIX = "outcome:"

#: Flags, in the order every result lists them (triage/README.md, "Flags and dates").
#: Version 2 added the last two at the end, so version-1 flags keep their order.
FLAGS = ("serious", "on_behalf", "over_12_months", "ask_to_record", "update_overdue", "review_late",
         "witness_conduct_only", "bank_holidays_unknown")
#: Dates, in the order every result lists them.
DATES = ("update_due", "review_deadline", "review_safe_by")
#: The flags a date raises, each with its date question (the other flags follow from choices).
#: Where that date is not known, a result states the flag's rule instead (`rules_for_unknown_dates`).
DATE_FLAGS = {"over_12_months": "incident_date", "update_overdue": "last_update_date",
              "review_late": "letter_date"}

KINDS = ("choice", "date")
#: The one pattern of every id (questions, values, nodes, outcomes, pages, contacts, terms).
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
_ID = ID_PATTERN


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


def load_flow(text: str | None = None, *, source: str | None = None) -> Flow:
    """Load and check the flow: the packaged `flow.toml`, or `text` (TOML) if given.

    Raises `FlowError` listing every problem, each naming the node and the fix.
    """
    if text is None:
        return _packaged_flow()
    return _load(text, source or "flow.toml")


@lru_cache(maxsize=1)
def _packaged_flow() -> Flow:
    # Read through the package's loader, not from a file path: the browser imports the package
    # straight from its wheel (a zip on sys.path), where there is no file to open. Imported
    # here, not at the top, for the same reason as tomllib below.
    from importlib.resources import files

    return _load(files(__package__).joinpath("flow.toml").read_text(encoding="utf-8"), "triage/flow.toml")


def _load(text: str, source: str) -> Flow:
    # Imported here, not at the top: the browser imports this module while the page waits, and
    # only needs the parser once the flow is first walked (tomllib costs ~30 ms in Pyodide).
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FlowError([_explain_toml_error(text, exc)], source) from None
    problems: list[str] = []
    flow = _build(data, problems)
    declared = data.get("nodes") if isinstance(data.get("nodes"), dict) else {}
    _check_targets(flow, set(declared), problems)
    if not problems:  # the graph checks need every node to be sound
        _check_graph(flow, problems)
    if problems:
        raise FlowError(problems, source)
    return flow


def _explain_toml_error(text: str, exc: ValueError) -> str:
    """Turn tomllib's message (a TOMLDecodeError) into one naming the table (so the node) and the fix."""
    message = str(exc)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    table = ""
    if match:
        lineno = int(match.group(1))
        for line in reversed(text.splitlines()[:lineno]):
            header = re.match(r"\s*\[+\s*([^\]\s]+)", line)
            if header:
                table = header.group(1)
                break
    where = f" in [{table}]" if table else ""
    node = re.match(r"nodes\.([\w-]+)", table)
    what = f" (node {node.group(1)!r})" if node else ""
    declared = re.search(r"Cannot declare \((.*)\) twice", message)
    if declared:
        name = ".".join(part.strip(" '\"") for part in declared.group(1).split(","))
        return (f"[{name}] is declared twice ({message}): every node and question id must be "
                f"unique; merge the two tables or rename one")
    if "overwrite" in message or "Duplicate" in message:
        return (f"a key is given twice{where}{what} ({message}): each answer value and each "
                f"setting appears once per node; remove or rename the duplicate")
    return f"not valid TOML{where}{what}: {message}. Fix the syntax at that line"


def _build(data: dict[str, Any], problems: list[str]) -> Flow:
    """Turn parsed TOML into typed objects, noting every shape problem."""
    for key in data:
        if key not in ("start", "outcomes", "writes", "questions", "nodes"):
            problems.append(f"unknown top-level key {key!r}: the file has only start, outcomes, writes, "
                            f"[questions] and [nodes.<id>]; remove it")
    start = data.get("start")
    if not isinstance(start, str):
        problems.append("`start` is missing or not text: set start = \"<first node id>\"")
        start = ""
    outcomes = _id_list(data.get("outcomes"), "outcomes", "outcome", problems)
    questions = _questions(data.get("questions"), problems)
    nodes = _nodes(data.get("nodes"), questions, set(outcomes), problems)
    writes = _id_list(data.get("writes", []), "writes", "outcome", problems)
    for outcome in writes:
        if outcome not in outcomes:
            problems.append(f"outcome {outcome!r} in `writes` is not in `outcomes`: fix the id or remove it")
    return Flow(start, MappingProxyType(questions), MappingProxyType(nodes), tuple(outcomes), tuple(writes))


def _id_list(raw: Any, where: str, what: str, problems: list[str]) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        problems.append(f"`{where}` must be a list of {what} ids, like [\"a\", \"b\"]")
        return []
    seen: set[str] = set()
    for value in raw:
        if not _ID.match(value):
            problems.append(f"{what} {value!r} in `{where}` is not a snake_case id: rename it "
                            f"(lower-case letters, digits and _)")
        if value in seen:
            problems.append(f"{what} {value!r} appears twice in `{where}`: remove one")
        seen.add(value)
    return list(raw)


def _questions(raw: Any, problems: list[str]) -> dict[str, Question]:
    if not isinstance(raw, dict) or not raw:
        problems.append("[questions] is missing: declare each question as "
                        "id = { kind = \"choice\", values = [...] } or { kind = \"date\" }")
        return {}
    questions: dict[str, Question] = {}
    for qid, spec in raw.items():
        if not _ID.match(qid):
            problems.append(f"question {qid!r} is not a snake_case id: rename it")
        if not isinstance(spec, dict):
            problems.append(f"question {qid!r} must be a table like {{ kind = \"choice\", values = [...] }}")
            continue
        extra = set(spec) - {"kind", "values"}
        if extra:
            problems.append(f"question {qid!r} has unknown keys {sorted(extra)}: keep only kind and values")
        kind = spec.get("kind")
        if kind not in KINDS:
            problems.append(f"question {qid!r} has kind {kind!r}: use \"choice\" or \"date\"")
            continue
        values: list[str] = []
        if kind == "choice":
            values = _id_list(spec.get("values"), f"questions.{qid}.values", "answer value", problems)
            if not values:
                problems.append(f"question {qid!r} is a choice with no values: list its answer values")
            if "unknown" in values:
                problems.append(f"question {qid!r} uses the value 'unknown', which date questions "
                                f"reserve: rename it (for example not_sure)")
        elif "values" in spec:
            problems.append(f"question {qid!r} is a date question and cannot have values: remove them")
        questions[qid] = Question(qid, kind, tuple(values))
    return questions


def _target(raw: Any, where: str, outcomes: set[str], problems: list[str]) -> Target | None:
    if not isinstance(raw, str) or not raw:
        problems.append(f"{where} must be a node id or \"outcome:<id>\" in quotes")
        return None
    if raw.startswith(OUTCOME_PREFIX):
        outcome = raw[len(OUTCOME_PREFIX):]
        if outcome not in outcomes:
            problems.append(f"{where} leads to outcome {outcome!r}, which is not in `outcomes`: "
                            f"add it to the outcomes list (and write its wording) or fix the id")
        return Target("outcome", outcome)
    return Target("node", raw)


def _nodes(raw: Any, questions: dict[str, Question], outcomes: set[str],
           problems: list[str]) -> dict[str, Node]:
    if not isinstance(raw, dict) or not raw:
        problems.append("there are no nodes: add [nodes.<id>] tables")
        return {}
    nodes: dict[str, Node] = {}
    for nid, spec in raw.items():
        if not _ID.match(nid):
            problems.append(f"node {nid!r} is not a snake_case id: rename it")
        if not isinstance(spec, dict):
            problems.append(f"node {nid!r} must be a table [nodes.{nid}] with question and next")
            continue
        extra = set(spec) - {"question", "next"}
        if extra:
            problems.append(f"node {nid!r} has unknown keys {sorted(extra)}: keep only question and next")
        qid = spec.get("question")
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            problems.append(f"node {nid!r} asks question {qid!r}, which is not in [questions]: "
                            f"declare it there or fix the id")
            continue
        nxt = spec.get("next")
        if question.is_date:
            if not isinstance(nxt, str):
                problems.append(f"node {nid!r} asks date question {qid!r}, so it has a single "
                                f"next = \"<node id or outcome:id>\" (dates never decide the route)")
                continue
            then = _target(nxt, f"node {nid!r} next", outcomes, problems)
            if then is not None:
                nodes[nid] = Node(nid, qid, then=then)
            continue
        if not isinstance(nxt, dict):
            problems.append(f"node {nid!r} asks choice question {qid!r}, so it needs one "
                            f"next.<value> = \"<target>\" line per answer value")
            continue
        for value in nxt:
            if value not in question.values:
                problems.append(f"node {nid!r} has a transition for {value!r}, which question "
                                f"{qid!r} does not have: remove next.{value} or add {value!r} "
                                f"to the question's values")
        options: list[tuple[str, Target]] = []
        for value in question.values:
            if value not in nxt:
                problems.append(f"node {nid!r}: option {value!r} of question {qid!r} leads "
                                f"nowhere: add next.{value} = \"<node id or outcome:id>\"")
                continue
            target = _target(nxt[value], f"node {nid!r} next.{value}", outcomes, problems)
            if target is not None:
                options.append((value, target))
        nodes[nid] = Node(nid, qid, options=tuple(options))
    return nodes


def _check_targets(flow: Flow, declared: set[str], problems: list[str]) -> None:
    """Every target and the start are declared nodes (a node with its own problem still counts)."""
    if flow.start and flow.start not in declared:
        problems.append(f"start node {flow.start!r} does not exist: set start to a node id")
    for node in flow.nodes.values():
        for target in node.targets():
            if not target.is_outcome and target.id not in declared:
                problems.append(f"node {node.id!r} leads to node {target.id!r}, which does not "
                                f"exist: add [nodes.{target.id}] or fix the target "
                                f"(outcomes are written \"outcome:<id>\")")


def _check_graph(flow: Flow, problems: list[str]) -> None:
    """Every node is reachable, no loops, every outcome reached, no question asked twice."""
    reached_nodes: set[str] = set()
    reached_outcomes: set[str] = set()
    stack = [flow.start]
    while stack:
        nid = stack.pop()
        if nid in reached_nodes:
            continue
        reached_nodes.add(nid)
        for target in flow.nodes[nid].targets():
            if target.is_outcome:
                reached_outcomes.add(target.id)
            else:
                stack.append(target.id)
    for nid in flow.nodes:
        if nid not in reached_nodes:
            problems.append(f"node {nid!r} is unreachable from start {flow.start!r}: "
                            f"lead an answer to it, or remove it")
    for outcome in flow.outcomes:
        if outcome not in reached_outcomes:
            problems.append(f"outcome {outcome!r} is never reached: lead an answer to "
                            f"\"outcome:{outcome}\", or remove it from `outcomes`")
    asked = {node.question for node in flow.nodes.values()}
    for qid in flow.questions:
        if qid not in asked:
            problems.append(f"question {qid!r} is never asked: add a node that asks it, or remove it")
    cycle = _find_cycle(flow)
    if cycle:
        problems.append(f"the flow loops: {' -> '.join(cycle)}: change a target in node "
                        f"{cycle[-2]!r} so that the route always ends at an outcome")
    else:
        problems.extend(_asked_twice(flow))


def _asked_twice(flow: Flow) -> list[str]:
    """Answers are keyed by question id, so no route may ask the same question twice."""
    found: dict[str, str] = {}
    stack: list[tuple[str, dict[str, str]]] = [(flow.start, {})]
    while stack:
        nid, asked = stack.pop()
        node = flow.nodes[nid]
        if node.question in asked:
            found.setdefault(nid, f"node {nid!r} asks question {node.question!r} again (node "
                                  f"{asked[node.question]!r} already asked it on the same route): "
                                  f"one answer would count twice; lead the route elsewhere")
            continue
        asked = {**asked, node.question: nid}
        stack.extend((t.id, asked) for t in node.targets() if not t.is_outcome)
    return list(found.values())


def _find_cycle(flow: Flow) -> list[str] | None:
    """A loop of node ids (first == last), or None. Iterative, so deep flows cannot overflow."""
    state: dict[str, int] = {}  # 1 = on the current route, 2 = finished
    for root in flow.nodes:
        if root in state:
            continue
        route = [root]
        iters = [iter(flow.nodes[root].targets())]
        state[root] = 1
        while iters:
            target = next(iters[-1], None)
            if target is None:
                state[route.pop()] = 2
                iters.pop()
                continue
            if target.is_outcome:
                continue
            if state.get(target.id) == 1:
                return route[route.index(target.id):] + [target.id]
            if target.id not in state:
                state[target.id] = 1
                route.append(target.id)
                iters.append(iter(flow.nodes[target.id].targets()))
    return None
