"""Read `flow.toml` into the flow's typed objects (triage/flow.py) and check it.

`read_flow` notes every problem before it raises `FlowError`: first the file's shape (each table,
id, kind and target), then, once every node is sound, the graph (every node reachable, every
outcome reached, no loop, no question asked twice on a route). Each problem names the node (or
question, or outcome) and the fix.
"""
from __future__ import annotations

import re
import tomllib
from types import MappingProxyType
from typing import Any, Iterator

from .flow import ID_PATTERN as _ID, KINDS, OUTCOME_PREFIX, Flow, FlowError, Node, Question, Target


def read_flow(text: str, source: str) -> Flow:
    """The checked flow in `text` (TOML); `source` names it in `FlowError`'s problems."""
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


def _tables(raw: dict[str, Any], what: str, keys: tuple[str, str], shape: str,
            problems: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each `id = {...}` of `raw` that is a table, noting an id that is not snake_case, an entry
    that is not a table (`shape`, with `{id}`, says what it should be) and keys not in `keys`."""
    for tid, spec in raw.items():
        if not _ID.match(tid):
            problems.append(f"{what} {tid!r} is not a snake_case id: rename it")
        if not isinstance(spec, dict):
            problems.append(f"{what} {tid!r} must be a table {shape.format(id=tid)}")
            continue
        extra = set(spec) - set(keys)
        if extra:
            problems.append(f"{what} {tid!r} has unknown keys {sorted(extra)}: keep only {keys[0]} and {keys[1]}")
        yield tid, spec


def _questions(raw: Any, problems: list[str]) -> dict[str, Question]:
    if not isinstance(raw, dict) or not raw:
        problems.append("[questions] is missing: declare each question as "
                        "id = { kind = \"choice\", values = [...] } or { kind = \"date\" }")
        return {}
    questions: dict[str, Question] = {}
    for qid, spec in _tables(raw, "question", ("kind", "values"), 'like {{ kind = "choice", values = [...] }}',
                             problems):
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
    for nid, spec in _tables(raw, "node", ("question", "next"), "[nodes.{id}] with question and next", problems):
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
    reached_nodes = set(flow.walk())
    reached_outcomes = {t.id for nid in reached_nodes for t in flow.nodes[nid].targets() if t.is_outcome}
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
