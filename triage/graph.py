"""The flow as a graph: Graphviz DOT text, and the static page that shows each of its nodes.

`python -m triage --graph` prints `to_dot()`; the site's flow page (hooks/flow_page.py) draws the
same graph with question and outcome titles and links, through Graphviz's `dot`.

A graph node per flow node (its id is the flow node's id, which is the question's id where the
question is asked once, e.g. `involvement` and `commissioner_involvement` both ask `involvement`)
and per outcome (its id is the outcome's id); an edge per answer, labelled with the answer value
(a date node has one edge, labelled `any date`). Nothing here reads the wording or runs `dot`.
"""
from __future__ import annotations

from typing import Mapping

from .engine import State, static_states
from .flow import Flow, Target, load_flow

#: The label of a date node's one edge: any date, or `unknown`, leads the same way.
DATE_EDGE = "any date"

_GRAPH = 'graph [rankdir=LR, fontname="Helvetica,Arial,sans-serif", nodesep=0.25, ranksep=0.6];'
_NODE = 'node [shape=box, style="rounded", fontname="Helvetica,Arial,sans-serif", fontsize=12];'
_EDGE = 'edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];'
_OUTCOME = 'shape=box, style="filled", fillcolor="#f3f2f1", peripheries=2'


def node_ids(flow: Flow | None = None) -> tuple[str, ...]:
    """Every graph node's id, in the flow's order: questions as first reached, then outcomes."""
    flow = flow or load_flow()
    return (*flow.walk(), *flow.outcomes)


def edges(flow: Flow | None = None) -> tuple[tuple[str, str, str], ...]:
    """Every edge as (from node id, to node id, label): one per answer of every node."""
    flow = flow or load_flow()
    out = []
    for nid in flow.walk():
        node = flow.nodes[nid]
        if node.then is not None:
            out.append((nid, node.then.id, DATE_EDGE))
        else:
            out.extend((nid, target.id, value) for value, target in node.options)
    return tuple(out)


def to_dot(flow: Flow | None = None, *, labels: Mapping[str, str] | None = None,
           urls: Mapping[str, str] | None = None) -> str:
    """The flow as a DOT digraph. `labels` and `urls` (by node id) replace a node's label (the
    question or outcome id) and give it a link; the graph's shape never depends on them."""
    flow = flow or load_flow()
    labels, urls = labels or {}, urls or {}
    clash = set(flow.nodes) & set(flow.outcomes)
    if clash:
        raise ValueError(f"node and outcome ids must differ to be drawn: {', '.join(sorted(clash))}")
    lines = ["digraph flow {", "  " + _GRAPH, "  " + _NODE, "  " + _EDGE]
    for nid in node_ids(flow):
        is_outcome = nid not in flow.nodes
        attrs = [f"label={_quote(labels.get(nid, nid if is_outcome else flow.nodes[nid].question))}"]
        if is_outcome:
            attrs.append(_OUTCOME)
        if nid in urls:
            attrs += [f"URL={_quote(urls[nid])}", f"tooltip={_quote(labels.get(nid, nid))}"]
        lines.append(f"  {_quote(nid)} [{', '.join(attrs)}];")
    for source, target, label in edges(flow):
        lines.append(f"  {_quote(source)} -> {_quote(target)} [label={_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def first_states(flow: Flow | None = None) -> dict[str, State]:
    """Each graph node's first static page (`triage.static_states()` order): a question node's
    page; for a date node, the page after it, which states the date's rule (static pages ask no
    dates); an outcome's first page."""
    flow = flow or load_flow()
    found: dict[str, State] = {}
    for state in static_states(flow):
        target = Target("node", flow.start)
        for _question, value in state.path:
            target = flow.nodes[_past_dates(flow, target)[-1].id].target(value)
        for shown in _past_dates(flow, target):
            found.setdefault(shown.id, state)
    return found


def _past_dates(flow: Flow, target: Target) -> list[Target]:
    """`target`, and while it is a date node, the targets after it: the last is where it stops."""
    passed = [target]
    while not target.is_outcome and flow.question_of(target.id).is_date:
        target = flow.nodes[target.id].then  # type: ignore[assignment]
        passed.append(target)
    return passed


def _quote(text: str) -> str:
    """A DOT double-quoted string; a newline in `text` becomes a line break in the label."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
