"""triage/graph.py and `python -m triage --graph`: the flow as DOT, and the page that shows each node."""
from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest

from triage import load_flow, static_states
from triage.cli import main
from triage.graph import DATE_EDGE, first_states, to_dot

FLOW = load_flow()
_NODE = re.compile(r'^  "(\w+)" \[label=')
_EDGE = re.compile(r'^  "(\w+)" -> "(\w+)" \[label="([\w ]+)"\];$')


def _parse(dot: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    nodes = [m.group(1) for line in dot.splitlines() if (m := _NODE.match(line))]
    edges = [m.groups() for line in dot.splitlines() if (m := _EDGE.match(line))]
    return nodes, edges  # type: ignore[return-value]


def test_a_node_per_question_node_and_outcome_and_an_edge_per_answer() -> None:
    nodes, edges = _parse(to_dot(FLOW))
    assert sorted(nodes) == sorted([*FLOW.nodes, *FLOW.outcomes])
    expected = []
    for node in FLOW.nodes.values():
        if node.then is not None:
            expected.append((node.id, node.then.id, DATE_EDGE))
        else:
            expected += [(node.id, target.id, value) for value, target in node.options]
    assert sorted(edges) == sorted(expected)
    # every question of the flow is drawn (by at least one node that asks it)
    assert {FLOW.nodes[n].question for n in nodes if n in FLOW.nodes} == set(FLOW.questions)


def test_command_line_prints_the_same_graph() -> None:
    out = io.StringIO()
    assert main(["--graph"], stdout=out) == 0
    assert out.getvalue() == to_dot(FLOW)


def test_labels_and_links_never_change_the_graph_and_are_quoted() -> None:
    labels = {"about": 'Say "what"\nnext line \\N', "emergency": "Call 999"}
    dot = to_dot(FLOW, labels=labels, urls={"about": "../start/"})
    assert _parse(dot) == _parse(to_dot(FLOW))
    assert r'"about" [label="Say \"what\"\nnext line \\N", URL="../start/"' in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (make setup installs it)")
def test_graphviz_reads_it() -> None:
    labels = {"about": 'Say "what"\nnext line'}
    result = subprocess.run(["dot", "-Tplain"], input=to_dot(FLOW, labels=labels), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    drawn = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("node ")]
    assert sorted(drawn) == sorted([*FLOW.nodes, *FLOW.outcomes])


def test_each_node_is_shown_by_its_first_static_page() -> None:
    shown = first_states(FLOW)
    assert set(shown) == {*FLOW.nodes, *FLOW.outcomes}
    order = [s.url_path for s in static_states(FLOW)]
    for nid, state in shown.items():
        if nid in FLOW.outcomes:
            assert state.outcome == nid
        elif FLOW.question_of(nid).is_date:
            # static pages ask no dates: the page after the date question states its rule
            assert FLOW.nodes[nid].question in state.skipped_dates, nid
        else:
            assert state.node == nid
        assert state.url_path in order
    assert shown[FLOW.start].url_path == order[0]
