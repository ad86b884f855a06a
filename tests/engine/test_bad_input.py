"""Property tests (hypothesis): whatever the bridge or the command line is given, the answer is
JSON of one of the documented shapes (or, in plain English, text and exit 2), never an exception.

Bounded so the whole file runs in a few seconds: `max_examples` per test, sizes kept small.
tests/bench/fuzz.py runs the same checks over 100,000 journeys.
"""
from __future__ import annotations

import io
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage import load_flow, load_wording
from triage.bridge import date_from_parts_json, evaluate_json
from triage.cli import main

from .shapes import echoes, parts_problems, step_problems

FLOW = load_flow()
load_wording()  # read once here, so that no example's deadline pays for it on a busy machine
QUESTIONS = sorted(FLOW.questions)
VALUES = sorted({v for q in FLOW.questions.values() for v in q.values} | {"unknown"})
BOUNDED = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Text as people and programs send it: any code point (control characters, lone surrogates) ...
junk_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
odd_dates = st.sampled_from(["2026-W10-1", "2026-069", "20260310", "2026-02-30", "10/03/2026", "2026-3-1",
                             "0000-01-01", "9999-12-31", "2026-03-10T00:00", " 2026-03-10", "", "unknown"])
iso_dates = st.dates(min_value=date(1, 1, 1), max_value=date.max).map(date.isoformat)
texts = st.one_of(st.sampled_from(VALUES), iso_dates, odd_dates, junk_text,
                  st.integers(45, 300).map(lambda n: "x" * n))
# ... and, through the bridge, any JSON value, nested a little.
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=6)
ids = st.one_of(st.sampled_from(QUESTIONS), st.sampled_from(QUESTIONS), junk_text)
answer_objects = st.dictionaries(ids, st.one_of(texts, texts, json_values), max_size=8)
todays = st.one_of(iso_dates, odd_dates, junk_text, st.none(), st.integers())
raw_json = st.one_of(answer_objects.map(json.dumps), junk_text,
                     st.sampled_from(["[" * 5000, "{", "null", "[]", '{"about": "met", "about": "mopac"}', "NaN"]),
                     json_values.map(json.dumps))


@BOUNDED
@given(answers=raw_json, today=todays)
def test_evaluate_json_always_answers_in_a_documented_shape(answers: str, today: object) -> None:
    out = evaluate_json(answers, today)  # type: ignore[arg-type]
    obj = json.loads(out)
    assert step_problems(obj) == [], (answers, today, obj)
    if "error" in obj:
        assert echoes(obj["error"]["message"], [answers, today]) is None  # type: ignore[list-item]


@BOUNDED
@given(question=st.one_of(st.sampled_from(QUESTIONS), junk_text, json_values),
       parts=st.tuples(*[st.one_of(st.none(), texts, texts, json_values)] * 3),
       today=st.one_of(st.none(), todays))
def test_date_from_parts_json_always_answers_in_a_documented_shape(question: object, parts: tuple,
                                                                    today: object) -> None:
    obj = json.loads(date_from_parts_json(question, *parts, today))  # type: ignore[arg-type]
    assert parts_problems(obj) == [], (question, parts, today, obj)


tokens = st.one_of(
    st.sampled_from(["--json", "--today", "--today=2026-03-10", "--help", "--", "-", "-h", "--tod", "--json=1", "=",
                     "--graph", "--graph=1"]),
    st.builds(lambda q, v: f"{q}={v}", ids, texts),
    iso_dates, odd_dates, junk_text,
)


@BOUNDED
@given(argv=st.lists(tokens, max_size=8))
def test_the_command_line_always_answers_and_exits_0_or_2(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
    options = argv[:argv.index("--")] if "--" in argv else argv
    if "--json" in options and not ({"--help", "-h", "--graph"} & set(options) and status == 0):
        obj = json.loads(out.getvalue())
        assert step_problems(obj) == [], (argv, obj)
        assert status == (2 if "error" in obj else 0)
        if "error" in obj:
            assert echoes(obj["error"]["message"], argv) is None
    else:
        assert status in (0, 2)
        assert (out.getvalue() if status == 0 else err.getvalue()).strip()
        assert echoes(err.getvalue(), argv) is None
    (out.getvalue() + err.getvalue()).encode("utf-8")  # printable, whatever came in
