"""The public API: walk the flow with a person's answers and today's date.

`evaluate` starts at the first node and follows the answers on its path only, so answers that no
longer apply (after an earlier answer changed) are ignored. It returns a `NextQuestion`, an
`Outcome` (with flags and dates) or an `AnswerError`; each has `to_json()`, the object printed by
`python -m triage --json`.
"""
from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, Union

from . import dates as rules_dates
from .answers import UNKNOWN, AnswerError, answer_error, check_answer, parse_date
from .flow import DATE_FLAGS, FLAGS, Flow, Target, load_flow
from .record import Record

#: Every checker address starts here (the checker's own start page, content/checker/index.md).
URL_PREFIX = "/checker/"
#: The first question's page.
START_URL = URL_PREFIX + "start/"


class NextQuestion(Record):
    """Not enough answers yet: the next question to ask, the node asking it, the answers so far."""

    question: str
    node: str
    answers: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        """`{"next": question, "node": node, "answers": {...}}`."""
        return {"next": self.question, "node": self.node, "answers": dict(self.answers)}


class Outcome(Record):
    """Where the complaint goes: the outcome id, flags and dates (contract order), the answers used."""

    outcome: str
    flags: tuple[str, ...]
    dates: Mapping[str, date]
    answers: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        """`{"outcome": id, "flags": [...], "dates": {name: "YYYY-MM-DD"}, "answers": {...}}`."""
        return {"outcome": self.outcome, "flags": list(self.flags),
                "dates": {name: day.isoformat() for name, day in self.dates.items()},
                "answers": dict(self.answers)}


Step = Union[NextQuestion, Outcome, AnswerError]


def evaluate(answers: Mapping[str, str], today: date) -> Step:
    """Walk the flow from the first node with `answers`; return the next question, the outcome or an error.

    Only the answers on the route are checked and used. An id that is no question at all is an
    error (`unknown_question`) wherever it is, because it is almost always a typo.
    Raises TypeError if `answers` is not a mapping or `today` not a date (programming mistakes),
    checked first, so every route fails the same way, not only the routes that reach a date.
    """
    if isinstance(today, datetime):  # a datetime would not compare with dates
        today = today.date()
    elif not isinstance(today, date):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of question id to answer, not {type(answers).__name__}")
    flow = load_flow()
    for qid in answers:
        if qid not in flow.questions:
            return answer_error(qid if isinstance(qid, str) else repr(qid), "unknown_question")
    used: dict[str, str] = {}
    target = Target("node", flow.start)
    while not target.is_outcome:
        node = flow.nodes[target.id]
        question = flow.questions[node.question]
        if question.id not in answers:
            return NextQuestion(question.id, node.id, MappingProxyType(used))
        checked = check_answer(question, answers[question.id], today)
        if isinstance(checked, AnswerError):
            return checked
        used[question.id] = checked
        target = node.target(checked)
    found_flags, found_dates = flags_and_dates(used, today)
    return Outcome(target.id, found_flags, MappingProxyType(found_dates), MappingProxyType(used))


def flags_and_dates(answers: Mapping[str, str], today: date) -> tuple[tuple[str, ...], dict[str, date]]:
    """The flags and dates that apply to a route's answers (triage/README.md, "Flags and dates").

    A date answered `unknown` adds no date and no flag.
    """
    flags: set[str] = set()
    found: dict[str, date] = {}
    if answers.get("serious") == "yes":
        flags.add("serious")
    if answers.get("involvement") == "on_behalf" and answers.get("permission") in ("written", "under_16"):
        flags.add("on_behalf")
    if answers.get("involvement") == "witness":  # a witness may complain only about conduct (F09)
        flags.add("witness_conduct_only")
    incident = parse_date(answers.get("incident_date"))
    if incident is not None and rules_dates.over_12_months(incident, today):
        flags.add("over_12_months")
    if answers.get("met_stage") == "waiting" and answers.get("recorded") != "yes":
        flags.add("ask_to_record")
    last_update = parse_date(answers.get("last_update_date"))
    due = _later(rules_dates.update_due, last_update)
    if due is not None:
        found["update_due"] = due
        if rules_dates.update_overdue(due, today):
            flags.add("update_overdue")
    letter = parse_date(answers.get("letter_date"))
    deadline = _later(rules_dates.review_deadline, letter)
    if deadline is not None:
        # The day to send it by comes first: it is the one to act on (the deadline follows).
        safe_by = rules_dates.review_safe_by(deadline)
        found["review_safe_by"] = safe_by
        found["review_deadline"] = deadline
        if rules_dates.review_late(deadline, today):
            flags.add("review_late")
        if not rules_dates.bank_holidays_listed(safe_by):  # only weekends could be counted
            flags.add("bank_holidays_unknown")
    return tuple(f for f in FLAGS if f in flags), found


def rules_for_unknown_dates(answers: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The dates and flags a result cannot give because a date on its route is `unknown`.

    Returns (date names, flag names), in result order. A page states their rules instead:
    "28 days, starting the day after the date on your outcome letter", or "if it happened more
    than 12 months ago …". `answers` are an outcome's answers, as `Outcome.answers` gives them.
    """
    unknown = [q for q, value in answers.items() if value == UNKNOWN]
    if not unknown:
        return (), ()
    # Which dates a result has depends on which answers are dates, not on their values.
    any_day = date(2000, 1, 1)
    known = flags_and_dates(answers, any_day)[1]
    dated = flags_and_dates({**answers, **{q: any_day.isoformat() for q in unknown}}, any_day)[1]
    return (tuple(name for name in dated if name not in known),
            tuple(name for name in FLAGS if DATE_FLAGS.get(name) in unknown))


def _later(rule: Callable[[date], date], day: date | None) -> date | None:
    """`rule(day)`, or None when there is no day or the result would pass year 9999."""
    if day is None:
        return None
    try:
        return rule(day)
    except OverflowError:  # only if "today" is in the last weeks of year 9999
        return None


# -- Enumerating the flow (site pages and tests) ----------------------------------------------

class State(Record):
    """One state of the checker without dates: the choice answers so far and what comes next.

    Exactly one of `question` (with `node`) and `outcome` is set. Date questions are skipped (a
    page without JavaScript cannot work out dates), so a choice leading to a date question leads
    straight to what follows it.
    """

    path: tuple[tuple[str, str], ...]
    question: str | None = None
    node: str | None = None
    outcome: str | None = None
    #: Date questions passed on the way here (asked only where dates can be worked out).
    skipped_dates: tuple[str, ...] = ()

    @property
    def answers(self) -> dict[str, str]:
        return dict(self.path)

    @property
    def url_path(self) -> str:
        """`/checker/start/` for the first question, else `/checker/<value>/<value>/.../`."""
        return _url(self.path)

    @property
    def parent_url_path(self) -> str | None:
        """The state before the last answer (the page's Back link); None for the first question."""
        return _url(self.path[:-1]) if self.path else None

    def child_url_path(self, value: str) -> str:
        """The page that answering `value` to this state's question leads to."""
        if self.question is None:
            raise ValueError(f"{self.url_path} is an outcome: it has no options")
        return _url(self.path + ((self.question, value),))


def url_for(path: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """The page of the state reached by `path` (question id, value): the one place a checker URL is made.

    Date answers are never in a URL: they are left out, so any date leads to the same page.
    """
    flow = load_flow()
    return _url(tuple((q, v) for q, v in path if not flow.questions[q].is_date))


def _url(path: tuple[tuple[str, str], ...]) -> str:
    if not path:
        return START_URL
    return URL_PREFIX + "/".join(value for _, value in path) + "/"


def static_states(flow: Flow | None = None) -> tuple[State, ...]:
    """Every state reachable with choice answers only, first question first (depth-first, in option order)."""
    flow = flow or load_flow()
    states: list[State] = []

    def visit(target: Target, path: tuple[tuple[str, str], ...], skipped: tuple[str, ...]) -> None:
        while not target.is_outcome and flow.question_of(target.id).is_date:
            skipped += (flow.nodes[target.id].question,)
            target = flow.nodes[target.id].then  # type: ignore[assignment]
        if target.is_outcome:
            states.append(State(path, outcome=target.id, skipped_dates=skipped))
            return
        node = flow.nodes[target.id]
        states.append(State(path, question=node.question, node=node.id, skipped_dates=skipped))
        for value, next_target in node.options:
            visit(next_target, path + ((node.question, value),), skipped)

    visit(Target("node", flow.start), (), ())
    return tuple(states)


class Route(Record):
    """One complete path from the first question to an outcome.

    `steps` are (node id, question id, answer value); the value is None at a date question,
    where any date (or `unknown`) leads the same way.
    """

    steps: tuple[tuple[str, str, str | None], ...]
    outcome: str

    def answers(self, date_answer: str = UNKNOWN) -> dict[str, str]:
        """The answers that follow this route, with `date_answer` for every date question."""
        return {q: (date_answer if v is None else v) for _, q, v in self.steps}


def all_paths(flow: Flow | None = None) -> tuple[Route, ...]:
    """Every complete path through the flow, date questions included."""
    flow = flow or load_flow()
    return tuple(_routes(flow, Target("node", flow.start), ()))


def _routes(flow: Flow, target: Target, steps: tuple[tuple[str, str, str | None], ...]) -> Iterator[Route]:
    if target.is_outcome:
        yield Route(steps, target.id)
        return
    node = flow.nodes[target.id]
    if node.then is not None:
        yield from _routes(flow, node.then, steps + ((node.id, node.question, None),))
        return
    for value, next_target in node.options:
        yield from _routes(flow, next_target, steps + ((node.id, node.question, value),))
