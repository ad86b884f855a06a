"""The engine: every question reaches each next node, every path ends at an outcome, flags and dates."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage import (DATE_FLAGS, DATES, FLAGS, UNKNOWN, AnswerError, NextQuestion, Outcome, all_paths,
                    evaluate, load_flow, rules_for_unknown_dates, static_states)
from triage.answers import CODES, shown

TODAY = date(2026, 3, 10)
FLOW = load_flow()


def _prefix(node_id: str) -> dict[str, str]:
    """Answers that lead to `node_id` (dates unknown), from the enumerated paths."""
    for route in all_paths():
        for i, (nid, _, _) in enumerate(route.steps):
            if nid == node_id:
                return {q: (UNKNOWN if v is None else v) for _, q, v in route.steps[:i]}
    raise AssertionError(f"no path reaches {node_id}")


def _where(step: object) -> str:
    """The node or outcome a step points at, written like a flow.toml target."""
    if isinstance(step, Outcome):
        return "outcome:" + step.outcome
    assert isinstance(step, NextQuestion), step
    return step.node


@pytest.mark.parametrize("node_id", sorted(FLOW.nodes))
def test_every_question_reaches_each_of_its_next_nodes(node_id: str) -> None:
    node = FLOW.nodes[node_id]
    answers = _prefix(node_id)
    step = evaluate(answers, TODAY)
    assert isinstance(step, NextQuestion) and (step.node, step.question) == (node_id, node.question)
    if node.then is not None:
        for value in (UNKNOWN, "2026-03-02", TODAY.isoformat()):
            assert _where(evaluate({**answers, node.question: value}, TODAY)) == str(node.then)
    for value, target in node.options:
        assert _where(evaluate({**answers, node.question: value}, TODAY)) == str(target)


@pytest.mark.parametrize("node_id", sorted(FLOW.nodes))
def test_every_question_rejects_invalid_answers(node_id: str) -> None:
    node = FLOW.nodes[node_id]
    answers = _prefix(node_id)
    bad = ({"": "required", "2026-02-30": "real_date", "2026-03-11": "future", "soon": "invalid"}
           if node.then is not None else {"": "required", "not_an_option": "invalid", "unknown": "invalid"})
    for value, code in bad.items():
        step = evaluate({**answers, node.question: value}, TODAY)
        assert isinstance(step, AnswerError)
        assert (step.question, step.code) == (node.question, code)
        assert step.message


def test_every_path_ends_at_an_outcome_and_every_outcome_is_reached(report: Callable[[str], None]) -> None:
    routes = all_paths()
    reached = set()
    for route in routes:
        for date_answer in (UNKNOWN, "2025-01-15"):
            step = evaluate(route.answers(date_answer), TODAY)
            assert isinstance(step, Outcome), route
            assert step.outcome == route.outcome
            assert list(step.answers) == [q for _, q, _ in route.steps]
        # One answer fewer is never an outcome: no dead ends, no shortcuts.
        shorter = dict(list(route.answers().items())[:-1])
        assert isinstance(evaluate(shorter, TODAY), NextQuestion)
        reached.add(route.outcome)
    assert reached == set(FLOW.outcomes)
    assert len({tuple(r.steps) for r in routes}) == len(routes)
    report(f"{len(routes)} paths through the flow, {len(static_states())} static states, "
           f"{len(FLOW.outcomes)} outcomes")


def test_static_states() -> None:
    states = static_states()
    urls = [s.url_path for s in states]
    assert len(set(urls)) == len(urls)
    assert urls[0] == "/checker/start/" and states[0].question == "about"
    for state in states:
        assert (state.question is None) != (state.outcome is None)
        step = evaluate(state.answers | {q: UNKNOWN for q in state.skipped_dates}, TODAY)
        if state.outcome:
            assert isinstance(step, Outcome) and step.outcome == state.outcome
        else:
            assert isinstance(step, NextQuestion) and (step.question, step.node) == (state.question, state.node)
            assert not FLOW.questions[state.question].is_date
            for value in FLOW.questions[state.question].values:
                assert state.child_url_path(value) in urls
        assert all(FLOW.questions[q].is_date for q in state.skipped_dates)
        if state.path:
            assert state.parent_url_path in urls
            assert state.url_path == "/checker/" + "/".join(v for _, v in state.path) + "/"
    assert {s.outcome for s in states if s.outcome} == set(FLOW.outcomes)


@pytest.mark.parametrize("route", all_paths(), ids=lambda r: "/".join(v or q for _, q, v in r.steps))
def test_date_flags_are_the_flags_each_date_raises(route) -> None:
    """DATE_FLAGS names, for each flag a date raises, that date's question: on every route, a date
    long past raises exactly its own flags, and `rules_for_unknown_dates` states the dates and
    flags that each `unknown` date leaves out."""
    unknown = route.answers(UNKNOWN)
    base = evaluate(unknown, TODAY)
    dates = [q for _, q, v in route.steps if v is None]
    for question in dates:
        # Long past, but within the bank holiday list's years (else bank_holidays_unknown is raised).
        old = evaluate(unknown | {question: "2019-01-01"}, TODAY)
        raised = set(old.flags) - set(base.flags)
        assert raised == {f for f, q in DATE_FLAGS.items() if q == question}, question
    known = evaluate(route.answers(TODAY.isoformat()), TODAY)
    assert rules_for_unknown_dates(base.answers) == (
        tuple(known.dates), tuple(f for f in FLAGS if DATE_FLAGS.get(f) in dates))
    assert rules_for_unknown_dates(known.answers) == ((), ())


def test_contract_example_review_by_mopac() -> None:
    answers = {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met",
               "review_body": "mopac", "letter_date": "2026-03-02"}
    step = evaluate(answers, date(2026, 3, 10))
    assert step.to_json() == {"outcome": "review_by_mopac", "flags": [],
                              "dates": {"review_deadline": "2026-03-30", "review_safe_by": "2026-03-30"},
                              "answers": answers}
    assert evaluate(answers, date(2026, 3, 30)).flags == ()
    assert evaluate(answers, date(2026, 3, 31)).flags == ("review_late",)
    assert "review_deadline" not in evaluate({**answers, "letter_date": UNKNOWN}, TODAY).dates


def test_contract_example_next_question() -> None:
    step = evaluate({"about": "met", "met_stage": "waiting"}, TODAY)
    assert step.to_json() == {"next": "recorded", "node": "waiting_recorded",
                              "answers": {"about": "met", "met_stage": "waiting"}}


WAITING = {"about": "met", "met_stage": "waiting", "recorded": "yes", "last_update_date": "2026-01-20"}


def test_update_due_and_overdue_r5() -> None:
    step = evaluate(WAITING, date(2026, 2, 17))
    assert step.outcome == "waiting_for_outcome"
    assert step.dates == {"update_due": date(2026, 2, 17)} and step.flags == ()
    assert evaluate(WAITING, date(2026, 2, 18)).flags == ("update_overdue",)


@pytest.mark.parametrize("recorded, flagged", [("yes", False), ("no", True), ("not_sure", True)])
def test_ask_to_record_flag_while_waiting(recorded: str, flagged: bool) -> None:
    step = evaluate({**WAITING, "recorded": recorded, "last_update_date": UNKNOWN}, TODAY)
    assert step.flags == (("ask_to_record",) if flagged else ())
    assert step.dates == {}


MET_NOT_YET = {"about": "met", "met_stage": "not_yet", "involvement": "on_behalf", "permission": "written",
               "serious": "yes", "incident_date": "2025-03-09"}


def test_flags_in_contract_order() -> None:
    step = evaluate(MET_NOT_YET, TODAY)
    assert step.outcome == "complain_to_met"
    assert step.flags == ("serious", "on_behalf", "over_12_months")
    assert evaluate({**MET_NOT_YET, "incident_date": "2025-03-10"}, TODAY).flags == ("serious", "on_behalf")
    assert evaluate({**MET_NOT_YET, "incident_date": UNKNOWN}, TODAY).flags == ("serious", "on_behalf")
    assert evaluate({**MET_NOT_YET, "permission": "under_16", "serious": "no"}, TODAY).flags == (
        "on_behalf", "over_12_months")
    assert evaluate({**MET_NOT_YET, "involvement": "affected"}, TODAY).flags == ("serious", "over_12_months")


@pytest.mark.parametrize("answers, outcome", [
    ({"about": "commissioner", "commissioner_topic": "conduct", "commissioner_stage": "not_yet",
      "involvement": "on_behalf",
      "permission": "under_16", "incident_date": "2024-02-29"}, "complain_to_mopac_about_commissioner"),
    ({"about": "mayor_or_deputy", "incident_date": "2024-02-29"}, "complain_to_monitoring_officer"),
])
def test_over_12_months_on_other_routes_from_29_february(answers: dict[str, str], outcome: str) -> None:
    assert "over_12_months" not in evaluate(answers, date(2025, 2, 28)).flags
    step = evaluate(answers, date(2025, 3, 1))
    assert step.outcome == outcome and "over_12_months" in step.flags


def test_dates_after_today_and_impossible_dates_are_errors() -> None:
    answers = {"about": "mayor_or_deputy"}
    assert evaluate({**answers, "incident_date": "2026-03-11"}, TODAY).code == "future"
    assert evaluate({**answers, "incident_date": "2026-02-30"}, TODAY).code == "real_date"
    assert isinstance(evaluate({**answers, "incident_date": "2026-03-10"}, TODAY), Outcome)


def test_unknown_question_ids_are_errors_wherever_they_are() -> None:
    step = evaluate({"about": "met", "colour": "blue"}, TODAY)
    assert isinstance(step, AnswerError) and (step.question, step.code) == ("colour", "unknown_question")
    assert step.message


def test_answers_off_the_route_are_ignored_even_if_invalid() -> None:
    step = evaluate({"about": "mopac", "mopac_topic": "review_decision", "letter_date": "2026-02-30",
                     "force": "nonsense"}, TODAY)
    assert isinstance(step, Outcome) and step.outcome == "mopac_review_decision"
    assert step.answers == {"about": "mopac", "mopac_topic": "review_decision"}


def test_changing_an_earlier_answer_drops_later_ones() -> None:
    step = evaluate({**WAITING, "met_stage": "outcome"}, TODAY)
    # `recorded` is asked on both routes, so it is kept; the update date no longer applies.
    assert isinstance(step, NextQuestion) and step.node == "handled_by"
    assert step.answers == {"about": "met", "met_stage": "outcome", "recorded": "yes"}
    step = evaluate({**WAITING, "met_stage": "outcome", "recorded": "no"}, TODAY)
    assert step.outcome == "ask_to_record" and "last_update_date" not in step.answers
    assert step.flags == ()  # ask_to_record (the flag) is only for complaints still waiting


def test_datetime_today_is_accepted() -> None:
    from datetime import datetime
    assert evaluate(WAITING, datetime(2026, 2, 18, 12, 0)).flags == ("update_overdue",)


def test_results_are_immutable() -> None:
    step = evaluate(WAITING, TODAY)
    with pytest.raises(TypeError):
        step.answers["about"] = "mopac"  # type: ignore[index]


# -- Random answers never crash ----------------------------------------------------------------

QUESTIONS = sorted(FLOW.questions)
ALL_VALUES = sorted({v for q in FLOW.questions.values() for v in q.values})
iso_dates = st.dates(min_value=date(1, 1, 1), max_value=date.max).map(date.isoformat)
values = st.one_of(
    st.sampled_from(ALL_VALUES), iso_dates, st.just(UNKNOWN), st.just(""),
    st.sampled_from(["2026-02-30", "2025-02-29", "2026-13-01", "0000-01-01", "9999-12-31"]),
    st.text(max_size=12),
)
answer_dicts = st.dictionaries(
    st.one_of(st.sampled_from(QUESTIONS), st.sampled_from(QUESTIONS), st.text(min_size=1, max_size=8)),
    values, max_size=10)
todays = st.one_of(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
                   st.dates(min_value=date(1, 1, 1), max_value=date.max))


@settings(max_examples=400, deadline=None)
@given(answers=answer_dicts, today=todays)
def test_random_answers_never_crash(answers: dict[str, str], today: date) -> None:
    step = evaluate(answers, today)
    assert isinstance(step, (NextQuestion, Outcome, AnswerError))
    as_json = step.to_json()
    json.dumps(as_json)
    if isinstance(step, AnswerError):
        # An unknown id is named as shown in messages: cut to 40 characters, unprintables escaped.
        named = {shown(q) for q in answers} if step.code == "unknown_question" else answers
        assert step.code in CODES and step.question in named and step.message
    elif isinstance(step, NextQuestion):
        assert step.question not in answers
        assert evaluate(dict(step.answers), today) == step
    else:
        assert step.outcome in FLOW.outcomes
        assert list(step.flags) == [f for f in FLAGS if f in step.flags]
        assert list(step.dates) == [d for d in DATES if d in step.dates]
        assert evaluate(dict(step.answers), today) == step
    # Answers used are a subset of those given, in route order.
    used = step.answers if not isinstance(step, AnswerError) else {}
    assert all(answers[q] == v for q, v in used.items())


@settings(max_examples=200, deadline=None)
@given(route=st.sampled_from(all_paths()), day=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 3, 10)),
       extra=st.dictionaries(st.sampled_from(QUESTIONS), st.sampled_from(ALL_VALUES)))
def test_any_known_date_on_any_route_gives_its_outcome(route, day: date, extra: dict[str, str]) -> None:
    answers = {**extra, **route.answers(day.isoformat())}
    step = evaluate(answers, TODAY)
    assert isinstance(step, Outcome) and step.outcome == route.outcome
    for name, value in step.dates.items():
        if name == "review_safe_by":  # the deadline, or the last working day before it
            deadline = step.dates["review_deadline"]
            assert timedelta(0) <= deadline - value < timedelta(days=7) and value.weekday() < 5
        else:
            assert value - day == timedelta(days=28), name


# -- Contract version 2 ------------------------------------------------------------------------

COMMISSIONER = {"about": "commissioner", "commissioner_topic": "conduct"}


def test_thanks_goes_straight_to_say_thanks() -> None:
    step = evaluate({"about": "thanks"}, TODAY)
    assert step.to_json() == {"outcome": "say_thanks", "flags": [], "dates": {},
                              "answers": {"about": "thanks"}}


def test_commissioner_conduct_asks_the_stage_before_involvement() -> None:
    step = evaluate(COMMISSIONER | {"involvement": "affected"}, TODAY)
    assert isinstance(step, NextQuestion) and (step.question, step.node) == ("commissioner_stage",
                                                                             "commissioner_stage")
    step = evaluate(COMMISSIONER | {"commissioner_stage": "not_yet", "involvement": "affected",
                                    "incident_date": "2026-01-05"}, TODAY)
    assert step.outcome == "complain_to_mopac_about_commissioner" and step.flags == ()
    # A force decision named after the Commissioner still goes the Met's way, without the stage.
    step = evaluate({"about": "commissioner", "commissioner_topic": "force_decision"}, TODAY)
    assert isinstance(step, NextQuestion) and step.question == "met_stage"


def test_commissioner_waiting_gives_update_dates_f46() -> None:
    answers = COMMISSIONER | {"commissioner_stage": "waiting", "last_update_date": "2026-01-20"}
    step = evaluate(answers, date(2026, 2, 17))
    assert step.to_json() == {"outcome": "commissioner_waiting", "flags": [],
                              "dates": {"update_due": "2026-02-17"}, "answers": answers}
    assert evaluate(answers, date(2026, 2, 18)).flags == ("update_overdue",)
    unknown = evaluate({**answers, "last_update_date": UNKNOWN}, TODAY)
    assert (unknown.outcome, unknown.flags, dict(unknown.dates)) == ("commissioner_waiting", (), {})
    assert rules_for_unknown_dates(unknown.answers) == (("update_due",), ("update_overdue",))


def test_commissioner_outcome_gives_the_iopc_review_deadline() -> None:
    answers = COMMISSIONER | {"commissioner_stage": "outcome", "letter_date": "2026-12-20"}
    step = evaluate(answers, date(2027, 1, 17))  # the deadline day itself is in time
    assert step.to_json() == {"outcome": "commissioner_review_by_iopc", "flags": [],
                              "dates": {"review_deadline": "2027-01-17", "review_safe_by": "2027-01-15"},
                              "answers": answers}
    assert evaluate(answers, date(2027, 1, 18)).flags == ("review_late",)
    unknown = evaluate({**answers, "letter_date": UNKNOWN}, TODAY)
    assert rules_for_unknown_dates(unknown.answers) == (("review_safe_by", "review_deadline"), ("review_late",))


@pytest.mark.parametrize("answers", [
    {"about": "met", "met_stage": "not_yet", "involvement": "witness", "serious": "no",
     "incident_date": "2026-01-05"},
    {"about": "commissioner", "commissioner_topic": "force_decision", "met_stage": "not_yet",
     "involvement": "witness", "serious": "not_sure", "incident_date": UNKNOWN},
    COMMISSIONER | {"commissioner_stage": "not_yet", "involvement": "witness", "incident_date": UNKNOWN},
])
def test_witness_conduct_only_flag_f09(answers: dict[str, str]) -> None:
    step = evaluate(answers, TODAY)
    assert isinstance(step, Outcome) and step.flags == ("witness_conduct_only",)
    for other in ("affected", "on_behalf"):
        changed = evaluate({**answers, "involvement": other, "permission": "written"}, TODAY)
        assert "witness_conduct_only" not in changed.flags


@pytest.mark.parametrize("letter, today, expected", [
    # Deadline Monday 28 December 2026 (Boxing Day's substitute), after Christmas on Friday 25th.
    ("2026-11-30", "2026-12-01", {"review_deadline": "2026-12-28", "review_safe_by": "2026-12-24"}),
    # Deadline Tuesday 28 December 2027: 27th and 28th are the substitutes for a weekend Christmas.
    ("2027-11-30", "2027-12-01", {"review_deadline": "2027-12-28", "review_safe_by": "2027-12-24"}),
])
def test_review_safe_by_across_christmas_in_a_result(letter: str, today: str, expected: dict[str, str]) -> None:
    answers = COMMISSIONER | {"commissioner_stage": "outcome", "letter_date": letter}
    step = evaluate(answers, date.fromisoformat(today))
    assert step.to_json()["dates"] == expected and step.flags == ()


def test_beyond_the_bank_holiday_list_only_weekends_count_and_the_result_says_so() -> None:
    answers = {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met",
               "review_body": "iopc"}
    # Deadline Sunday 2 January 2028, after the list's last day: Friday 31 December 2027 is listed.
    step = evaluate({**answers, "letter_date": "2027-12-05"}, date(2027, 12, 6))
    assert step.dates["review_safe_by"] == date(2027, 12, 31) and step.flags == ()
    # Deadline Monday 3 January 2028 (a bank holiday in fact, but not on the list): kept, and flagged.
    step = evaluate({**answers, "letter_date": "2027-12-06"}, date(2027, 12, 6))
    assert step.dates["review_safe_by"] == date(2028, 1, 3)
    assert step.flags == ("bank_holidays_unknown",)
    # Deadline Saturday 5 February 2028: weekends still count.
    step = evaluate({**answers, "letter_date": "2028-01-08"}, date(2028, 1, 10))
    assert step.dates["review_safe_by"] == date(2028, 2, 4) and step.flags == ("bank_holidays_unknown",)
