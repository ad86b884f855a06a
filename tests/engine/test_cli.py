"""`python -m triage`: JSON shapes, exit codes, plain English and the interactive mode."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from triage import load_flow, load_wording
from triage.cli import interactive, long_date, main

from .conftest import ROOT

EXAMPLE = ["--today", "2026-03-10", "--json", "about=met", "met_stage=outcome", "recorded=yes",
           "handled_by=met", "review_body=mopac", "letter_date=2026-03-02"]


def run(*args: str, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([python, "-m", "triage", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=60)


def test_contract_example_outcome() -> None:
    result = run(*EXAMPLE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"outcome", "flags", "dates", "answers"}
    assert out["outcome"] == "review_by_mopac"
    assert out["dates"] == {"review_deadline": "2026-03-30"}
    assert out["flags"] == []


def test_next_question_shape() -> None:
    result = run("--today", "2026-03-10", "--json", "about=met", "met_stage=waiting")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"next": "recorded", "node": "waiting_recorded",
                                         "answers": {"about": "met", "met_stage": "waiting"}}


@pytest.mark.parametrize("args, question, code", [
    (EXAMPLE[:-1] + ["letter_date=2026-02-30"], "letter_date", "real_date"),
    (EXAMPLE[:-1] + ["letter_date=2026-03-11"], "letter_date", "future"),
    (["--today", "2026-03-10", "--json", "about=the_moon"], "about", "invalid"),
    (["--today", "2026-03-10", "--json", "about=met", "colour=blue"], "colour", "unknown_question"),
    (["--json", "about="], "about", "required"),
])
def test_bad_answers_exit_2_naming_the_question(args: list[str], question: str, code: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    out = json.loads(result.stdout)
    assert set(out) == {"error"} and set(out["error"]) == {"question", "code", "message"}
    assert (out["error"]["question"], out["error"]["code"]) == (question, code)
    assert out["error"]["message"]


@pytest.mark.parametrize("args", [
    ["--json", "--today", "2026-02-30"],
    ["--json", "--today", "10/03/2026"],
    ["--json", "about"],
    ["--json", "=met"],
    ["--json", "about=met", "about=mopac"],
    ["--json", "--colour"],
])
def test_command_line_mistakes_exit_2_with_a_json_error(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["code"] == "usage"


def test_command_line_mistakes_without_json_go_to_stderr() -> None:
    result = run("--today", "soon")
    assert result.returncode == 2 and result.stderr and not result.stdout


def test_plain_english_outcome_shows_wording_dates_contacts_and_sources() -> None:
    result = run(*[a for a in EXAMPLE if a != "--json"][:-1], "letter_date=2026-02-01")
    assert result.returncode == 0, result.stderr
    wording = load_wording()
    outcome = wording.outcomes["review_by_mopac"]
    out = result.stdout
    assert outcome.title in out and outcome.summary in out
    assert "1 March 2026" in out  # the deadline, written out
    assert wording.dates["review_deadline"].label in out
    assert wording.flags["review_late"] in out  # 1 March is before 10 March
    for cid in outcome.contacts:
        assert wording.contacts[cid]["name"] in out
    for sid in outcome.sources:
        assert sid in out


def test_plain_english_outcome_with_a_date_not_known_states_its_rules() -> None:
    result = run(*[a for a in EXAMPLE if a != "--json"][:-1], "letter_date=unknown")
    assert result.returncode == 0, result.stderr
    wording = load_wording()
    for text in (wording.dates["review_deadline"], wording.flag_rules["review_late"]):
        assert text.label in result.stdout and text.rule in result.stdout
    assert wording.flags["review_late"] not in result.stdout


def test_plain_english_question_lists_every_option() -> None:
    result = run("--today", "2026-03-10", "about=met")
    assert result.returncode == 0
    text = load_wording().questions["met_stage"]
    assert text.title in result.stdout
    for value, label in text.options.items():
        assert label in result.stdout and f"[{value}]" in result.stdout


def test_plain_english_error_goes_to_stderr() -> None:
    result = run("--today", "2026-03-10", "about=the_moon")
    assert result.returncode == 2
    assert load_wording().message("about", "invalid") in result.stderr


@pytest.mark.parametrize("day, text", [("2026-03-30", "30 March 2026"), ("2028-02-29", "29 February 2028"),
                                       ("2027-01-01", "1 January 2027")])
def test_long_date(day: str, text: str) -> None:
    from datetime import date
    assert long_date(date.fromisoformat(day)) == text


def test_main_in_process_returns_exit_codes() -> None:
    out = io.StringIO()
    assert main(EXAMPLE, stdout=out) == 0
    assert json.loads(out.getvalue())["outcome"] == "review_by_mopac"
    assert main(["--json", "about=x"], stdout=io.StringIO()) == 2


def test_cli_runs_under_the_machines_default_python3() -> None:
    """The package supports Python 3.11: prove it with the machine's python3 (3.11 here)."""
    python = shutil.which("python3.11") or shutil.which("python3")
    if python is None:
        pytest.skip("no python3 on PATH")
    version = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2] >= (3, 11))"],
                             capture_output=True, text=True)
    if version.stdout.strip() != "True":
        pytest.skip(f"{python} is older than 3.11")
    result = run(*EXAMPLE, python=python)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dates"] == {"review_deadline": "2026-03-30"}
    assert run("--json", "about=the_moon", python=python).returncode == 2


# -- Interactive ------------------------------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _interact(*lines: str) -> tuple[int, str]:
    from datetime import date
    out = io.StringIO()
    status = interactive(date(2026, 3, 10), io.StringIO("".join(f"{line}\n" for line in lines)), out)
    return status, out.getvalue()


def _number(qid: str, value: str) -> str:
    return str(load_flow().questions[qid].values.index(value) + 1)


def test_interactive_reaches_an_outcome_with_its_deadline() -> None:
    status, out = _interact(_number("about", "met"), "outcome", _number("recorded", "yes"), "met",
                            "mopac", "2/3/2026", "")
    assert status == 0
    assert load_wording().outcomes["review_by_mopac"].title in out
    assert "30 March 2026" in out


def test_interactive_re_asks_on_a_bad_answer_and_goes_back() -> None:
    wording = load_wording()
    status, out = _interact("99", "back", "mopac", "back", "crime_or_emergency", "fraud", "")
    assert status == 0
    assert wording.message("about", "invalid") in out  # "99" is not an option
    assert out.count(wording.questions["about"].title) >= 3  # asked again after 99 and after back
    assert wording.outcomes["report_fraud"].title in out


def test_interactive_dates_unknown_impossible_and_future() -> None:
    errors = load_wording().questions["incident_date"].errors
    status, out = _interact("mayor_or_deputy", "30/02/2026", "11/03/2026", "2026-03-10", "")
    assert status == 0
    assert errors["real_date"] in out and errors["future"] in out
    assert load_wording().outcomes["complain_to_monitoring_officer"].title in out
    status, out = _interact("mayor_or_deputy", "1", "")
    assert status == 0 and load_wording().outcomes["complain_to_monitoring_officer"].title in out


def test_interactive_back_from_the_outcome_and_end_of_input() -> None:
    status, out = _interact("crime_or_emergency", "fraud", "back", "danger_now", "")
    assert status == 0 and load_wording().outcomes["emergency"].title in out
    status, _ = _interact("met")
    assert status == 1  # input ended before an outcome
    status, _ = _interact("quit")
    assert status == 0


def test_main_is_interactive_on_a_terminal_without_answers() -> None:
    out = io.StringIO()
    assert main(["--today", "2026-03-10"], stdin=FakeTerminal("crime_or_emergency\nfraud\n\n"), stdout=out) == 0
    assert load_wording().outcomes["report_fraud"].title in out.getvalue()
