"""flow.toml matches the contract (triage/README.md) and broken flows are refused clearly."""
from __future__ import annotations

import re

import pytest

from triage import DATES, FLAGS, FlowError, load_flow

from .conftest import ROOT

README = (ROOT / "triage" / "README.md").read_text(encoding="utf-8")


def _table(heading: str) -> list[list[str]]:
    """Rows of the first Markdown table under `## heading`, as cells."""
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def _ids(cell: str) -> list[str]:
    return re.findall(r"`([a-z0-9_]+)`", cell)


# The flow transcribed by hand from the contract, so that any change to flow.toml is a deliberate
# one (the picture, /checker/flow/, is drawn from flow.toml itself): node -> question, answer -> target.
DRAWN = {
    "about": ("about", {"met": "met_stage", "commissioner": "commissioner_topic",
                        "mayor_or_deputy": "mayor_incident_date", "mopac": "mopac_topic",
                        "other_force": "force", "crime_or_emergency": "need",
                        "thanks": "outcome:say_thanks"}),
    "commissioner_topic": ("commissioner_topic", {"conduct": "commissioner_stage",
                                                  "force_decision": "met_stage"}),
    "commissioner_stage": ("commissioner_stage", {"not_yet": "commissioner_involvement",
                                                  "waiting": "commissioner_last_update_date",
                                                  "outcome": "commissioner_letter_date"}),
    "commissioner_last_update_date": ("last_update_date", "outcome:commissioner_waiting"),
    "commissioner_letter_date": ("letter_date", "outcome:commissioner_review_by_iopc"),
    "mayor_incident_date": ("incident_date", "outcome:complain_to_monitoring_officer"),
    "mopac_topic": ("mopac_topic", {"staff_or_service": "mopac_stage",
                                    "review_decision": "outcome:mopac_review_decision",
                                    "accessible_format": "outcome:accessible_format"}),
    "mopac_stage": ("mopac_stage", {"not_yet": "outcome:mopac_stage_1", "stage_1": "outcome:mopac_stage_2",
                                    "stage_2": "outcome:mopac_stage_3",
                                    "stage_3": "outcome:mopac_process_complete"}),
    "force": ("force", {"city_of_london": "outcome:city_of_london_police",
                        "btp": "outcome:british_transport_police", "other": "outcome:other_force"}),
    "need": ("need", {"danger_now": "outcome:emergency", "report_crime": "outcome:report_crime",
                      "fraud": "outcome:report_fraud"}),
    "met_stage": ("met_stage", {"not_yet": "involvement", "waiting": "waiting_recorded",
                                "outcome": "outcome_recorded"}),
    "involvement": ("involvement", {"affected": "serious", "witness": "serious", "on_behalf": "permission",
                                    "heard_about": "outcome:not_eligible_heard_about",
                                    "police_at_work": "outcome:not_eligible_police_at_work"}),
    "permission": ("permission", {"written": "serious", "under_16": "serious",
                                  "no": "outcome:need_written_permission"}),
    "serious": ("serious", {"yes": "incident_date", "no": "incident_date", "not_sure": "incident_date"}),
    "incident_date": ("incident_date", "outcome:complain_to_met"),
    "waiting_recorded": ("recorded", {"yes": "last_update_date", "no": "last_update_date",
                                      "not_sure": "last_update_date"}),
    "last_update_date": ("last_update_date", "outcome:waiting_for_outcome"),
    "outcome_recorded": ("recorded", {"yes": "handled_by", "no": "outcome:ask_to_record",
                                      "not_sure": "outcome:check_if_recorded"}),
    "handled_by": ("handled_by", {"met": "review_body", "iopc": "outcome:no_review_after_iopc_investigation"}),
    "review_body": ("review_body", {"mopac": "letter_date_mopac", "iopc": "letter_date_iopc",
                                    "not_stated": "letter_date_not_stated"}),
    "letter_date_mopac": ("letter_date", "outcome:review_by_mopac"),
    "letter_date_iopc": ("letter_date", "outcome:review_by_iopc"),
    "letter_date_not_stated": ("letter_date", "outcome:review_body_unclear"),
    "commissioner_involvement": ("involvement", {
        "affected": "commissioner_incident_date", "witness": "commissioner_incident_date",
        "on_behalf": "commissioner_permission", "heard_about": "outcome:not_eligible_heard_about",
        "police_at_work": "outcome:not_eligible_police_at_work"}),
    "commissioner_permission": ("permission", {"written": "commissioner_incident_date",
                                               "under_16": "commissioner_incident_date",
                                               "no": "outcome:need_written_permission"}),
    "commissioner_incident_date": ("incident_date", "outcome:complain_to_mopac_about_commissioner"),
}


def test_questions_match_the_contract_table() -> None:
    flow = load_flow()
    table = {_ids(row[0])[0]: (row[1], _ids(row[2])) for row in _table("Questions")}
    assert list(flow.questions) == list(table)
    for qid, (kind, values) in table.items():
        question = flow.questions[qid]
        assert question.kind == kind, qid
        assert list(question.values) == ([] if kind == "date" else values), qid


def test_outcomes_match_the_contract_table() -> None:
    listed = [oid for row in _table("Outcomes") for oid in _ids(row[0])]
    assert list(load_flow().outcomes) == listed


def test_flags_and_dates_match_the_contract_table_in_order() -> None:
    rows = [(_ids(row[0])[0], row[1]) for row in _table("Flags and dates")]
    assert FLAGS == tuple(name for name, kind in rows if kind == "flag")
    assert DATES == tuple(name for name, kind in rows if kind == "date")


def test_flow_is_exactly_as_drawn() -> None:
    flow = load_flow()
    assert flow.start == "about"
    assert set(flow.nodes) == set(DRAWN)
    for nid, (question, targets) in DRAWN.items():
        node = flow.nodes[nid]
        assert node.question == question, nid
        if isinstance(targets, str):
            assert str(node.then) == targets, nid
        else:
            assert {v: str(t) for v, t in node.options} == targets, nid


def test_load_flow_is_cached_and_frozen() -> None:
    flow = load_flow()
    assert load_flow() is flow
    with pytest.raises(AttributeError, match="frozen"):
        flow.nodes["about"].question = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        flow.nodes["new"] = flow.nodes["about"]  # type: ignore[index]


# -- Broken flows: FlowError, naming the node ------------------------------------------------

def _swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BROKEN = {
    # option leads to a node that does not exist
    "unknown_node": (('next.btp            = "outcome:british_transport_police"',
                      'next.btp            = "bpt_node"'), "force"),
    # option leads to an outcome not declared (and the declared one is then never reached)
    "unknown_outcome": (('next.fraud        = "outcome:report_fraud"',
                         'next.fraud        = "outcome:report_frod"'), "need"),
    # an option of the question has no transition
    "missing_option": (('next.not_sure = "outcome:check_if_recorded"\n', ""), "outcome_recorded"),
    # a transition for a value the question does not have
    "extra_option": (('next.other          = "outcome:other_force"',
                      'next.other          = "outcome:other_force"\nnext.scotland = "outcome:other_force"'),
                     "force"),
    # a node nothing leads to
    "unreachable": (('next.mopac              = "mopac_topic"', 'next.mopac              = "mopac_stage"'),
                    "mopac_topic"),
    # a loop
    "loop": (('next.outcome = "outcome_recorded"', 'next.outcome = "about"'), "met_stage"),
    # an outcome in the list that nothing reaches
    "unreached_outcome": (('    "report_fraud",\n', '    "report_fraud",\n    "report_to_scotland",\n'),
                          "report_to_scotland"),
    # the same node declared twice (tomllib refuses it; the message must still name it)
    "duplicate_node": (("[nodes.force]", "[nodes.need]"), "need"),
    # the same option given twice in one node
    "duplicate_option": (('next.btp            = "outcome:british_transport_police"',
                          'next.btp = "outcome:british_transport_police"\nnext.btp = "outcome:other_force"'),
                         "force"),
    # a date node with a choice-style next
    "date_node_with_options": (('next = "outcome:complain_to_met"',
                                'next.unknown = "outcome:complain_to_met"'), "incident_date"),
    # a choice node with a single next
    "choice_node_without_options": (('[nodes.handled_by]\nquestion = "handled_by"\nnext.met  = "review_body"\n'
                                     'next.iopc = "outcome:no_review_after_iopc_investigation"',
                                     '[nodes.handled_by]\nquestion = "handled_by"\nnext = "review_body"'),
                                    "handled_by"),
    # a node asking a question that does not exist
    "unknown_question": (('[nodes.need]\nquestion = "need"', '[nodes.need]\nquestion = "needs"'), "need"),
    # a typo in a node's keys
    "unknown_key": (('[nodes.need]\nquestion = "need"', '[nodes.need]\nquestion = "need"\nnxt = 1'), "need"),
    # the same value twice in a question
    "duplicate_value": (('force              = { kind = "choice", values = ["city_of_london", "btp", "other"] }',
                         'force              = { kind = "choice", values = ["city_of_london", "btp", "btp", "other"] }'),
                        "btp"),
    # a question no node asks
    "unasked_question": (('need               = { kind = "choice"', 'spare = { kind = "date" }\nneed               = { kind = "choice"'),
                         "spare"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_flow_raises_flow_error_naming_the_node(flow_text: str, case: str) -> None:
    (old, new), named = BROKEN[case]
    with pytest.raises(FlowError) as info:
        load_flow(_swap(flow_text, old, new))
    assert named in str(info.value)
    assert info.value.problems


def test_a_route_asking_the_same_question_twice_is_refused(flow_text: str) -> None:
    text = _swap(flow_text, 'next.witness        = "serious"', 'next.witness        = "commissioner_involvement"')
    with pytest.raises(FlowError) as info:
        load_flow(text)
    assert "commissioner_involvement" in str(info.value)


def test_every_problem_is_reported_at_once(flow_text: str) -> None:
    text = _swap(flow_text, 'next.btp            = "outcome:british_transport_police"', 'next.btp = "nowhere"')
    text = _swap(text, '[nodes.need]\nquestion = "need"', '[nodes.need]\nquestion = "needs"')
    with pytest.raises(FlowError) as info:
        load_flow(text)
    assert "force" in str(info.value) and "need" in str(info.value)
    assert len(info.value.problems) >= 2


def test_invalid_toml_is_a_flow_error() -> None:
    with pytest.raises(FlowError) as info:
        load_flow('start = "about"\n[nodes.about\n')
    assert "nodes.about" in str(info.value)


def test_minimal_flow_loads() -> None:
    flow = load_flow(
        'start = "a"\noutcomes = ["done"]\n'
        '[questions]\nq = { kind = "choice", values = ["x", "y"] }\nd = { kind = "date" }\n'
        '[nodes.a]\nquestion = "q"\nnext.x = "b"\nnext.y = "outcome:done"\n'
        '[nodes.b]\nquestion = "d"\nnext = "outcome:done"\n')
    assert flow.nodes["a"].target("x").id == "b"
    assert flow.nodes["b"].target("2026-01-01").is_outcome
