"""The browser bridge (JSON in, JSON out), and the package staying fit for Pyodide."""
from __future__ import annotations

import ast
import subprocess
import json
import sys
import tomllib

import pytest

from triage import evaluate
from triage.bridge import date_from_parts_json, evaluate_json, step_json

from .conftest import ROOT


def test_evaluate_json_matches_the_engine() -> None:
    from datetime import date
    answers = {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met",
               "review_body": "iopc", "letter_date": "2026-03-02"}
    out = json.loads(evaluate_json(json.dumps(answers), "2026-04-01"))
    assert out == evaluate(answers, date(2026, 4, 1)).to_json()
    assert out["outcome"] == "review_by_iopc" and out["flags"] == ["review_late"]


@pytest.mark.parametrize("answers, today", [("not json", "2026-03-10"), ("[1, 2]", "2026-03-10"),
                                            ("{}", "2026-02-30"), ("{}", "today"), ("{}", "2026-3-1")])
def test_evaluate_json_bad_calls_give_a_usage_error(answers: str, today: str) -> None:
    assert json.loads(evaluate_json(answers, today))["error"]["code"] == "usage"


def test_evaluate_json_bad_answer() -> None:
    out = json.loads(evaluate_json('{"about": 3}', "2026-03-10"))
    assert (out["error"]["question"], out["error"]["code"]) == ("about", "invalid")


def test_date_from_parts_json() -> None:
    assert json.loads(date_from_parts_json("letter_date", "2", "3", "2026")) == {"answer": "2026-03-02"}
    out = json.loads(date_from_parts_json("letter_date", "2", "", "2026"))
    assert out["error"]["code"] == "missing_month"
    out = json.loads(date_from_parts_json("letter_date", "11", "3", "2026", "2026-03-10"))
    assert out["error"]["code"] == "future"
    assert json.loads(date_from_parts_json("about", "1", "1", "2026"))["error"]["code"] == "usage"


@pytest.mark.parametrize("answers", [
    "[" * 100_000,                                    # RecursionError in json.loads
    '{"a": ' * 50_000 + "1" + "}" * 50_000,
    '{"about": "met", "about": "mopac"}',             # an id twice: not the last one silently
    '{"about": "met", "met_stage": "waiting", "met_stage": "outcome"}',
    "", "null", '"met"', "1", "NaN", "{", "\ud800",
])
def test_evaluate_json_malformed_answers_give_a_usage_error(answers: str) -> None:
    assert json.loads(evaluate_json(answers, "2026-03-10"))["error"]["code"] == "usage"


@pytest.mark.parametrize("answers", [None, 5, b'{"about": "met"}', ["about"], {"about": "met"}])
def test_evaluate_json_answers_that_are_not_text_give_a_usage_error(answers: object) -> None:
    assert json.loads(evaluate_json(answers, "2026-03-10"))["error"]["code"] == "usage"  # type: ignore[arg-type]


@pytest.mark.parametrize("today", ["2026-W10-1", "2026-069", "20260310", "2026-03-10T00:00", " 2026-03-10",
                                   "\uff12\uff10\uff12\uff16-03-10", None, 20260310, ["2026-03-10"], "x" * 100_000])
def test_bad_today_is_a_usage_error_on_every_route(today: object) -> None:
    for answers in ({}, {"about": "crime_or_emergency", "need": "fraud"},
                    {"about": "mayor_or_deputy", "incident_date": "2026-01-01"}):
        out = json.loads(evaluate_json(json.dumps(answers), today))  # type: ignore[arg-type]
        assert out["error"]["code"] == "usage" and out["error"]["question"] is None
        assert len(out["error"]["message"]) < 200  # a long today is cut, not echoed
    if today is not None:  # date_from_parts_json's today is optional: None means "do not check"
        out = json.loads(date_from_parts_json("letter_date", "1", "1", "2026", today))  # type: ignore[arg-type]
        assert out["error"]["code"] == "usage"


@pytest.mark.parametrize("value, code", [(3, "invalid"), (True, "invalid"), (["met"], "invalid"),
                                         ({"x": 1}, "invalid"), (None, "required"), ("\ud800", "invalid")])
def test_evaluate_json_answer_values_that_are_not_text_are_the_questions_error(value: object, code: str) -> None:
    out = json.loads(evaluate_json(json.dumps({"about": value}), "2026-03-10"))
    assert (out["error"]["question"], out["error"]["code"]) == ("about", code)


@pytest.mark.parametrize("args", [
    ("letter_date", 1, "3", "2026"), ("letter_date", "1", 3, "2026"), ("letter_date", "1", "3", 2026),
    ("letter_date", ["1"], "3", "2026"), ("letter_date", {"d": 1}, "3", "2026"),
    (None, "1", "3", "2026"), (["letter_date"], "1", "3", "2026"), ({"q": 1}, "1", "3", "2026"),
])
def test_date_from_parts_json_parts_that_are_not_text_give_a_usage_error(args: tuple) -> None:
    assert json.loads(date_from_parts_json(*args))["error"]["code"] == "usage"


def test_date_from_parts_json_long_and_odd_parts_are_the_questions_error() -> None:
    out = json.loads(date_from_parts_json("letter_date", "9" * 100_000, "\x00", "\ud800"))
    assert (out["error"]["question"], out["error"]["code"]) == ("letter_date", "real_date")
    out = json.loads(date_from_parts_json("x" * 100_000, "1", "1", "2026"))
    assert out["error"]["code"] == "unknown_question" and len(out["error"]["question"]) == 41


def test_step_json_gives_the_step_and_its_dates_as_shown() -> None:
    answers = {"about": "met", "met_stage": "outcome", "handled_by": "met", "recorded": "yes",
               "review_body": "mopac", "letter_date": "2026-03-02"}
    out = json.loads(step_json(json.dumps(answers), "2026-03-20"))
    assert out["step"] == json.loads(evaluate_json(json.dumps(answers), "2026-03-20"))
    assert out["dates"]["2026-03-30"] == {"text": "Monday 30 March 2026", "days": 10}
    assert out["dates"]["2026-03-02"]["days"] == -18
    assert out["dates"]["2026-03-20"] == {"text": "Friday 20 March 2026", "days": 0}  # today: "as of"
    assert json.loads(step_json("{", "2026-03-20"))["step"]["error"]["code"] == "usage"
    assert json.loads(step_json("{}", "bad"))["dates"] == {}


# -- Fit for Pyodide: standard library only, no threads or subprocesses, no clock in the rules ---

# What the wheel ships: pyproject.toml leaves out the build-time modules (the wording compiler
# and its YAML reader), which may use PyYAML since neither the browser nor the installed command
# line ever imports them.
BUILD_TIME = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["hatch"]["build"]["targets"]["wheel"]["exclude"])
PACKAGE = sorted(p for p in (ROOT / "triage").glob("*.py") if f"triage/{p.name}" not in BUILD_TIME)
# os: only for wording.py's source-checkout check (always imported at start-up anyway).
ALLOWED = {"__future__", "calendar", "datetime", "difflib", "functools", "importlib", "json", "os",
           "pathlib", "re", "sys", "tomllib", "types", "typing", "triage"}


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: p.name)
def test_only_pyodide_safe_standard_library_imports(path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or "triage"] if node.level == 0 else ["triage"]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in ALLOWED, f"{path.name} imports {name}"
            assert top in sys.stdlib_module_names or top == "triage"


@pytest.mark.parametrize("path", [p for p in PACKAGE if p.name != "cli.py"], ids=lambda p: p.name)
def test_rule_code_never_reads_the_clock(path) -> None:
    text = path.read_text(encoding="utf-8")
    for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time(", "utcnow("):
        assert call not in text.replace(">>> ", ""), f"{path.name} calls {call}"


def test_build_time_modules_are_left_out_of_the_wheel_and_imported_only_lazily() -> None:
    assert {"triage/frontmatter.py", "triage/wording_compiler.py", "triage/wording_reader.py",
            "triage/wording_checks.py", "triage/wording_interface.py", "triage/wording_drafts.py"} <= BUILD_TIME
    left_out = {p.removeprefix("triage/").removesuffix(".py") for p in BUILD_TIME if p.endswith(".py")}
    for path in PACKAGE:  # a module-level import of them would break the package in the browser
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
                assert not {*left_out, "yaml"} & set(names), path.name


def test_the_bridge_imports_only_the_rules():
    """What the browser's worker imports while the page waits: the rules, not the wording reader,
    the command line or the TOML parser (the flow is parsed when first walked, after ready)."""
    code = ("import sys, triage.bridge; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('triage', 'tomllib')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["triage", "triage.answers", "triage.bank_holidays", "triage.bridge", "triage.date_words",
                   "triage.dates", "triage.engine", "triage.flow", "triage.record", "triage.rules"]


def test_the_package_still_offers_every_public_name():
    import triage

    for name in triage.__all__:
        assert getattr(triage, name) is not None, name
    assert set(triage.__all__) <= set(dir(triage))
    with pytest.raises(AttributeError):
        triage.no_such_name  # noqa: B018
