"""The browser bridge (JSON in, JSON out), and the package staying fit for Pyodide."""
from __future__ import annotations

import ast
import subprocess
import json
import sys

import pytest

from triage import evaluate, load_flow, static_states
from triage.bridge import date_from_parts_json, describe_json, evaluate_json

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


def test_describe_json() -> None:
    data = json.loads(describe_json())
    flow = load_flow()
    assert set(data["questions"]) == set(flow.questions)
    for qid, question in flow.questions.items():
        described = data["questions"][qid]
        assert described["kind"] == question.kind and described["title"]
        assert [o["value"] for o in described["options"]] == list(question.values)
        assert bool(described["unknown_label"]) == question.is_date
    assert set(data["outcomes"]) == set(flow.outcomes)
    assert list(data["flags"]) == ["serious", "on_behalf", "over_12_months", "ask_to_record",
                                   "update_overdue", "review_late"]
    assert list(data["dates"]) == ["update_due", "review_deadline"]
    assert list(data["states"]) == [s.url_path for s in static_states()]
    assert data["states"][data["start"]]["question"] == "about"


# -- Fit for Pyodide: standard library only, no threads or subprocesses, no clock in the rules ---

PACKAGE = sorted((ROOT / "triage").glob("*.py"))
ALLOWED = {"__future__", "calendar", "datetime", "difflib", "functools", "importlib", "json",
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


def test_the_bridge_imports_only_the_rules():
    """What the browser's worker imports while the page waits: the rules, not the wording reader,
    the command line or the TOML parser (the flow is parsed when first walked, after ready)."""
    code = ("import sys, triage.bridge; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('triage', 'tomllib')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["triage", "triage.answers", "triage.bridge", "triage.dates", "triage.engine",
                   "triage.flow", "triage.record", "triage.rules"]


def test_the_package_still_offers_every_public_name():
    import triage

    for name in triage.__all__:
        assert getattr(triage, name) is not None, name
    assert set(triage.__all__) <= set(dir(triage))
    with pytest.raises(AttributeError):
        triage.no_such_name  # noqa: B018
