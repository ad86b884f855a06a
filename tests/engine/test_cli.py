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
    assert out["dates"] == {"review_deadline": "2026-03-30", "review_safe_by": "2026-03-30"}  # a Monday
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
    assert "27 February 2026" in out and wording.dates["review_safe_by"].label in out  # 1 March is a Sunday
    assert wording.flags["review_late"] in out  # 1 March is before 10 March
    for cid in outcome.contacts:
        assert wording.contacts[cid]["name"] in out
    for sid in outcome.sources:
        assert sid in out
    draft = wording.draft_for("review_by_mopac")  # the draft, with the letter's date in words
    assert draft.subject in out and "Sunday 1 February 2026" in out
    assert wording.interface["checker"]["draft_blank_name"] in out and "{name}" not in out


def test_plain_english_outcome_with_a_date_not_known_states_its_rules() -> None:
    result = run(*[a for a in EXAMPLE if a != "--json"][:-1], "letter_date=unknown")
    assert result.returncode == 0, result.stderr
    wording = load_wording()
    for text in (wording.dates["review_deadline"], wording.flag_rules["review_late"]):
        assert text.label in result.stdout and text.rule in result.stdout
    assert wording.flags["review_late"] not in result.stdout


COMMISSIONER_OUTCOME = ["about=commissioner", "commissioner_topic=conduct", "commissioner_stage=outcome"]


@pytest.mark.parametrize("today, letter, dates, flags", [
    # Deadline Sunday 17 January 2027: safe by Friday 15 January (the example).
    ("2027-01-10", "2026-12-20", {"review_deadline": "2027-01-17", "review_safe_by": "2027-01-15"}, []),
    ("2027-01-18", "2026-12-20", {"review_deadline": "2027-01-17", "review_safe_by": "2027-01-15"},
     ["review_late"]),
    # Beyond the bank holiday list (it ends in 2027): Monday 28 August 2028 is counted as a working day.
    ("2028-08-01", "2028-07-31", {"review_deadline": "2028-08-28", "review_safe_by": "2028-08-28"},
     ["bank_holidays_unknown"]),
])
def test_commissioner_review_dates_in_json(today: str, letter: str, dates: dict[str, str], flags: list[str]) -> None:
    result = run("--today", today, "--json", *COMMISSIONER_OUTCOME, f"letter_date={letter}")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["outcome"], out["dates"], out["flags"]) == ("commissioner_review_by_iopc", dates, flags)


def test_plain_english_prints_the_safe_date_and_the_new_flags() -> None:
    wording = load_wording()
    result = run("--today", "2027-01-10", *COMMISSIONER_OUTCOME, "letter_date=2026-12-20")
    assert result.returncode == 0, result.stderr
    assert "15 January 2027" in result.stdout and wording.dates["review_safe_by"].label in result.stdout
    result = run("--today", "2028-08-01", *COMMISSIONER_OUTCOME, "letter_date=2028-07-31")
    assert wording.flags["bank_holidays_unknown"] in result.stdout
    result = run("--today", "2026-03-10", "about=met", "met_stage=not_yet", "involvement=witness",
                 "serious=no", "incident_date=unknown")
    assert result.returncode == 0, result.stderr
    assert wording.flags["witness_conduct_only"] in result.stdout
    assert wording.outcomes["complain_to_met"].title in result.stdout


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


@pytest.mark.parametrize("args", [EXAMPLE, [a for a in EXAMPLE if a != "--json"]])
def test_a_reader_that_stops_early_gets_no_traceback(args: list[str]) -> None:
    """`python -m triage ... | head -3`: the pipe is closed before the command writes."""
    process = subprocess.Popen([sys.executable, "-m", "triage", *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # long before Python has started and written anything
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert stderr == ""


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
    assert json.loads(result.stdout)["dates"]["review_deadline"] == "2026-03-30"
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


# -- Every bad input a clear answer (issue 14): exit 2 and a code, never a traceback ------------

def _main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdin=io.StringIO(""), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def _json_error(*args: str) -> tuple[int, str | None, str]:
    status, out, _ = _main("--json", *args)
    error = json.loads(out)["error"]
    return status, error["question"], error["code"]


@pytest.mark.parametrize("args", [
    ["--today", "2026-03-10", "--today", "2026-03-11", "about=met"],  # not the last one silently
    ["--today=2026-03-10", "--today", "2026-03-10"],
    ["--today", "2026-W10-1"], ["--today=2026-069"], ["--today", "20260310"], ["--today="],
    ["--today"], ["--today", "--json"],
    ["--tod", "2026-03-10"], ["--js"], ["-j"], ["--json=yes"], ["--help=me"], ["--graph=svg"], ["-x"], ["-hx"],
    ["=met"], ["="], ["about"], [""], ["-"], ["about=met", "about=met"], ["about=met", "about=mopac"],
    ["about=met", "--", "--json"],
])
def test_command_line_mistakes_are_usage_errors(args: list[str]) -> None:
    assert _json_error(*args) == (2, None, "usage")
    if "--json" not in args:
        status, out, err = _main(*args)
        assert status == 2 and not out and "Traceback" not in err and err


def test_options_may_come_between_answers() -> None:
    status, out, _ = _main("about=met", "--json", "met_stage=waiting", "--today", "2026-03-10")
    assert status == 0 and json.loads(out)["next"] == "recorded"


def test_help_exits_0_in_process() -> None:
    for flag in ("--help", "-h"):
        status, out, err = _main(flag)
        assert status == 0 and "--today" in out and not err


@pytest.mark.parametrize("answers, question, code", [
    (["about=mayor_or_deputy", "incident_date=10/03/2026"], "incident_date", "invalid"),
    (["about=mett"], "about", "invalid"),
    (["about=MET"], "about", "invalid"),
    (["about=met", "incident-date=2026-01-01"], "incident-date", "unknown_question"),
    (["about=\x00\x1b[2J"], "about", "invalid"),
    (["about=\udcff"], "about", "invalid"),  # what a byte that is not UTF-8 becomes in sys.argv
])
def test_bad_answers_are_answer_errors(answers: list[str], question: str, code: str) -> None:
    assert _json_error("--today", "2026-03-10", *answers) == (2, question, code)
    status, out, err = _main("--today", "2026-03-10", *answers)
    assert status == 2 and not out and question in err
    err.encode("utf-8")  # printable whatever was typed


def test_a_date_in_another_form_says_the_form_expected() -> None:
    status, out, _ = _main("--json", "--today", "2026-03-10", "about=mayor_or_deputy", "incident_date=10/03/2026")
    assert json.loads(out)["error"]["message"] == load_wording().questions["incident_date"].errors["invalid"]


def test_a_value_not_an_option_lists_the_options_and_the_closest() -> None:
    status, out, _ = _main("--json", "about=mett")
    message = json.loads(out)["error"]["message"]
    assert all(value in message for value in load_flow().questions["about"].values)
    assert "\u201cmet\u201d?" in message


def test_a_huge_unknown_id_is_not_echoed_back() -> None:
    status, out, err = _main("--json", "x" * 120_000 + "=met")
    error = json.loads(out)["error"]
    assert status == 2 and error["code"] == "unknown_question" and len(error["question"]) == 41
    assert len(out) < 2000
    status, out, err = _main("x" * 120_000 + "=met")
    assert status == 2 and len(err) < 2000
    status, out, err = _main("--json", "y" * 120_000)  # not ID=VALUE: a usage error, cut too
    assert status == 2 and len(out) < 2000


def test_an_argument_that_is_not_utf8_or_printable_is_answered_not_a_traceback() -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # a terminal that cannot show “ or …
    result = subprocess.run([sys.executable, "-m", "triage", "--today", "2026-03-10", b"about=\xff\xfe",
                             "letter_date=" + "z" * 50], cwd=ROOT, capture_output=True, env=env, timeout=60)
    assert result.returncode == 2 and b"Traceback" not in result.stderr and b"about" in result.stderr
    result = subprocess.run([sys.executable, "-m", "triage", *[a for a in EXAMPLE if a != "--json"]],
                            cwd=ROOT, capture_output=True, env=env, timeout=60)
    assert result.returncode == 0 and b"Traceback" not in result.stderr


@pytest.mark.parametrize("reply", ["\u00b2", "\u0661", "\uff11", "0", "-1", "9" * 5000, "\x00", "\ud800"])
def test_interactive_odd_replies_are_asked_again(reply: str) -> None:
    status, out = _interact(reply, "quit")
    assert status == 0
    assert out.count(load_wording().questions["about"].title) == 2  # asked again, no crash


def test_interactive_odd_date_replies_are_asked_again() -> None:
    title = load_wording().questions["incident_date"].title
    status, out = _interact("mayor_or_deputy", "\u00b2/3/2026", "1/1/" + "9" * 5000, "2026-\u00b2-01", "quit")
    assert status == 0 and out.count(title) == 4


def test_main_in_process_refuses_arguments_that_are_not_text() -> None:
    assert _json_error("--today", 20260310) == (2, None, "usage")  # type: ignore[arg-type]
    assert _json_error(None) == (2, None, "usage")  # type: ignore[arg-type]


def test_graph_on_a_terminal_prints_the_graph_not_the_questions() -> None:
    out = io.StringIO()
    assert main(["--graph"], stdin=FakeTerminal("quit\n"), stdout=out) == 0
    assert out.getvalue().startswith("digraph")


# -- The result's order: the action first, as on the site (issue 13) ---------------------------

def _section_lines(text: str, wording, summary: str, body: str) -> dict[str, int]:
    """The line where each of a printed outcome's sections starts (only those it has)."""
    words = wording.interface["command_line"]
    lines = text.split("\n")
    marks = {"contacts": words["contacts_heading"], "dates": words["dates_heading"],
             "flags": words["flags_heading"], "sources": words["sources_heading"],
             "draft": wording.interface["checker"]["draft_heading"]}
    found = {name: lines.index(mark) for name, mark in marks.items() if mark in lines}
    found["answers"] = next(i for i, line in enumerate(lines) if line.startswith(words["answers_label"]))
    found["summary"] = lines.index(summary)
    found["body"] = lines.index(next(line for line in body.split("\n") if line.strip()))
    return found


def _routes_to_every_outcome() -> dict[str, dict[str, str]]:
    """One complete route per outcome, each date question answered with a date well in the past."""
    from triage.engine import all_paths

    flow, routes = load_flow(), {}
    for route in all_paths():
        answers = {q: (value if value is not None else "2026-09-01") for _, q, value in route.steps}
        routes.setdefault(route.outcome, answers)
    assert set(routes) == set(flow.outcomes)
    return routes


def test_every_printed_outcome_leads_with_who_to_contact_and_the_dates() -> None:
    """For every outcome: the summary, then contacts, then dates, then flags, body, sources, draft
    and answers (`triage.view.OUTCOME_SECTIONS`), as the site shows them."""
    from datetime import date

    from triage import evaluate
    from triage.cli_text import render
    from triage.engine import rules_for_unknown_dates
    from triage.view import OUTCOME_SECTIONS

    wording, today = load_wording(), date(2026, 12, 1)
    for outcome, answers in _routes_to_every_outcome().items():
        step = evaluate(answers, today)
        text = render(step, wording, today)
        found = _section_lines(text, wording, wording.outcomes[outcome].summary, wording.outcomes[outcome].body)
        order = [name for name in OUTCOME_SECTIONS if name in found]
        assert sorted(found, key=found.get) == order, f"{outcome}: sections in the order {sorted(found, key=found.get)}"
        assert found["summary"] == 3, outcome  # under the title
        assert ("contacts" in found) == bool(wording.outcomes[outcome].contacts), outcome
        assert ("dates" in found) == bool(step.dates or any(rules_for_unknown_dates(step.answers))), outcome


def test_printed_dates_have_their_weekday_days_left_and_as_of_today() -> None:
    """The day to send it by first, each date with its weekday and the days left or passed, as of today."""
    from datetime import date, timedelta

    from triage import evaluate
    from triage.cli_text import render

    wording, today = load_wording(), date(2026, 12, 1)
    words = wording.interface["checker"]
    route = {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met", "review_body": "mopac"}
    for letter, late in (("2026-11-21", False), ("2026-10-01", True)):
        step = evaluate({**route, "letter_date": letter}, today)
        lines = render(step, wording, today).split("\n")
        at = lines.index(wording.interface["command_line"]["dates_heading"])
        assert lines[at + 1].strip() == words["as_of"].format(date=long_date(today, weekday=True))
        shown = [line for line in lines[at + 2:] if line.startswith("  ") and not line.startswith("    ")]
        assert [line.split(":")[0].strip() for line in shown[:2]] == [
            wording.dates["review_safe_by"].label, wording.dates["review_deadline"].label]
        for line, name in zip(shown, ("review_safe_by", "review_deadline")):
            day = step.dates[name]
            days = (day - today).days
            assert long_date(day, weekday=True) in line
            expected = words["days_late_other"].format(n=-days) if late else words["days_left_other"].format(n=days)
            assert line.endswith(f"({expected})"), line
        if not late:  # Saturday 19 December: send it by Friday 18 December
            assert step.dates["review_safe_by"] == step.dates["review_deadline"] - timedelta(days=1)
    # The command line itself counts from its --today.
    out = io.StringIO()
    assert main(["--today", "2026-12-01", *(f"{k}={v}" for k, v in route.items()), "letter_date=2026-11-21"],
                stdout=out) == 0
    assert words["as_of"].format(date=long_date(today, weekday=True)) in out.getvalue()
