"""`python -m triage [--today YYYY-MM-DD] [--json] [ID=VALUE ...]`: the checker on the command line.

- With answers: prints the next question or the outcome (exit 0), or the problem (exit 2).
- `--json`: prints one JSON object, the engine's `to_json()` (see triage/README.md).
- With no answers on a terminal: asks the questions one at a time (numbered options, `back`).

Helpline staff use the plain-English output, scripts use `--json`. Command-line mistakes
(a bad `--today`, an argument that is not ID=VALUE) also exit 2, with a JSON error under `--json`.
The arguments are read by a short loop, not argparse: argparse takes the last of two `--today`s,
accepts abbreviations (`--tod`), exits the process for `--help`, mishandles options between
answers and repeats any input whole in its messages (decisions/cli-arguments.md).
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from typing import Any, Mapping, Sequence, TextIO

from .answers import UNKNOWN, AnswerError, closest, date_from_parts, iso_date, shown
from .dates import long_date
from .engine import NextQuestion, Outcome, Step, evaluate, rules_for_unknown_dates
from .flow import load_flow
from .graph import to_dot
from .view import outcome_view, question_view
from .wording import Wording, load_wording

__all__ = ["main", "render", "interactive", "long_date", "UsageError"]

EXIT_OK, EXIT_BAD_ANSWER = 0, 2
_OPTIONS = ("--today", "--json", "--graph", "--help")


class UsageError(Exception):
    """The command line itself is wrong (not an answer)."""


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if stdout is None and stderr is None:
        _escape_what_cannot_be_printed()
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    options = argv[:argv.index("--")] if "--" in argv else argv
    as_json = "--json" in options  # known before the arguments are read, to report their mistakes
    try:
        today, answers, as_json, wants_help, wants_graph = _parse_args(argv)
    except UsageError as exc:
        if as_json:
            _print_json({"error": {"question": None, "code": "usage", "message": str(exc)}}, stdout)
        else:
            print(_words()["prefix"].format(message=exc), _words()["usage"], sep="\n", file=stderr)
        return EXIT_BAD_ANSWER
    if wants_help:
        print(_words()["usage"], "", _words()["help"], sep="\n", file=stdout)
        return EXIT_OK
    if wants_graph:  # the flow as Graphviz DOT (triage/graph.py)
        stdout.write(to_dot())
        return EXIT_OK
    if not answers and not as_json and _is_terminal(stdin):
        try:
            return interactive(today, stdin, stdout)
        except KeyboardInterrupt:
            print(file=stdout)
            return 130
    step = evaluate(answers, today)
    if as_json:
        _print_json(step.to_json(), stdout)
    elif isinstance(step, AnswerError):
        print(_error_text(step), file=stderr)
    else:
        print(render(step), file=stdout)
    return EXIT_BAD_ANSWER if isinstance(step, AnswerError) else EXIT_OK


def _escape_what_cannot_be_printed() -> None:
    """On a terminal that cannot show a character (an ASCII locale), print an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _parse_args(argv: list[str]) -> tuple[date, dict[str, str], bool, bool, bool]:
    """(today, answers, --json, --help, --graph) from the arguments; UsageError says what is wrong."""
    todays: list[str] = []
    items: list[str] = []
    as_json = wants_help = wants_graph = False
    for odd in (arg for arg in argv if not isinstance(arg, str)):  # only from main(argv) in Python
        raise UsageError(_words()["not_an_answer"].format(arg=shown(repr(odd))))
    args = iter(argv)
    for arg in args:
        if arg == "--":  # everything after it is an answer
            items.extend(args)
        elif arg == "--json":
            as_json = True
        elif arg in ("--help", "-h"):
            wants_help = True
        elif arg == "--graph":
            wants_graph = True
        elif arg == "--today":
            value = next(args, None)
            if value is None or value.startswith("--"):
                raise UsageError(_words()["today_missing"])
            todays.append(value)
        elif arg.startswith("--today="):
            todays.append(arg.partition("=")[2])
        elif arg.startswith(("--json=", "--help=", "--graph=")):
            raise UsageError(_words()["no_value"].format(option=arg.partition("=")[0]))
        elif arg.startswith("-") and arg != "-":
            near = closest(arg.partition("=")[0], _OPTIONS)
            raise UsageError(_words()["not_an_option"].format(
                arg=shown(arg), close=_words()["close"].format(close=near) if near else ""))
        else:
            items.append(arg)
    if len(todays) > 1:
        raise UsageError(_words()["today_twice"])
    today = date.today()  # the clock is read here, never in rule code
    if todays:
        found = iso_date(todays[0])
        if found is None:
            shape = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", todays[0], re.ASCII)
            raise UsageError(_words()["today_real" if shape else "today_shape"].format(value=shown(todays[0])))
        today = found
    answers: dict[str, str] = {}
    for item in items:
        qid, sep, value = item.partition("=")
        if not sep:
            raise UsageError(_words()["not_an_answer"].format(arg=shown(item)))
        if not qid:
            raise UsageError(_words()["no_id"].format(arg=shown(item)))
        if qid in answers:
            raise UsageError(_words()["twice"].format(question=shown(qid)))
        answers[qid] = value
    return today, answers, as_json, wants_help, wants_graph


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _print_json(obj: dict[str, Any], out: TextIO) -> None:
    print(json.dumps(obj, indent=2), file=out)


def _words(wording: Wording | None = None) -> Mapping[str, str]:
    """The command line's own words (`command_line:` in content/checker/interface.md)."""
    return (wording or load_wording()).interface["command_line"]


def _error_text(error: AnswerError) -> str:
    return _words()["problem"].format(question=error.question, message=error.message)


# -- Plain English -----------------------------------------------------------------------------

def render(step: Step, wording: Wording | None = None) -> str:
    """A step in plain English, as printed without `--json`."""
    wording = wording or load_wording()
    if isinstance(step, AnswerError):
        return _error_text(step)
    if isinstance(step, NextQuestion):
        lines = _question_lines(step.question, wording)
        words = _words(wording)
        if load_flow().questions[step.question].is_date:
            lines.append(words["answer_date"].format(date_answer=f"{step.question}=YYYY-MM-DD",
                                                     unknown_answer=f"{step.question}={UNKNOWN}"))
        else:
            lines.append(words["answer_choice"].format(answer=f"{step.question}=VALUE"))
        return "\n".join(lines)
    return _outcome_text(step, wording)


def _question_lines(qid: str, wording: Wording, interactive: bool = False) -> list[str]:
    """The question's view (triage/view.py), as text."""
    view = question_view(wording.questions[qid], wording.message)
    lines = [view["title"]]
    if view["hint"]:
        lines.append(view["hint"])
    lines.append("")
    for number, option in enumerate(view["options"], start=1):
        lines.append(f"  {number}. {option['label']} [{option['value']}]")
        if option["hint"]:
            lines.append(f"     {option['hint']}")
    if view["kind"] == "date" and interactive:
        lines.append(f"  {_words(wording)['type_date']}")
        lines.append(f"  1. {view['unknown_label']} [{UNKNOWN}]")
    elif view["kind"] == "date":
        lines.append(f"  {_words(wording)['if_unknown']} {view['unknown_label']} [{UNKNOWN}]")
    return lines


def _outcome_text(step: Outcome, wording: Wording) -> str:
    """The outcome's view (triage/view.py) with the step's dates and flags, as text."""
    view, words = outcome_view(wording.outcomes[step.outcome], wording.contacts, wording.sources), _words(wording)
    out = [view["title"], "=" * len(view["title"]), "", view["summary"], ""]
    date_rules, flag_rules = rules_for_unknown_dates(step.answers)
    if step.dates or date_rules or flag_rules:
        out.append(words["dates_heading"])
        for name, day in step.dates.items():
            out.append(f"  {wording.dates[name].label}: {long_date(day)}")
            out.append(f"    {wording.dates[name].rule}")
        for rule in [wording.dates[name] for name in date_rules] + [wording.flag_rules[name] for name in flag_rules]:
            out.append(f"  {rule.label}:")
            out.append(f"    {rule.rule}")
        out.append("")
    if step.flags:
        out.append(words["flags_heading"])
        out.extend(f"  - {wording.flags[name]}" for name in step.flags)
        out.append("")
    out.extend([view["body"], ""])
    if view["contacts"]:
        out.append(words["contacts_heading"])
        for contact in view["contacts"]:
            out.extend(_contact_lines(contact, words))
        out.append("")
    out.append(words["sources_heading"])
    for source in view["sources"]:
        link = f" ({source['url']})" if source["url"] else ""
        out.append(f"  {source['id']}: {source['summary']}{link}")
    out.extend(["", " ".join([words["answers_label"], *(f"{k}={v}" for k, v in step.answers.items())])])
    return "\n".join(out)


def _contact_lines(contact: dict[str, Any], words: Mapping[str, str]) -> list[str]:
    """A contact's view (`triage.view.contact_view`) as text: each link's address written out."""
    lines = [f"  {contact['name']}"]
    for item in contact["items"]:
        target = item["href"].split(":", 1)[1] if item["href"].startswith(("tel:", "mailto:")) else item["href"]
        value = item["text"] if target == item["text"] else f"{item['text']} ({target})"
        note = f" ({item['note']})" if item["note"] else ""
        lines.append(f"    {words['contact_' + item['field']]}: {value}{note}")
    if contact["post"]:
        lines.append(f"    {words['contact_post']}: {', '.join(contact['post'])}")
    return lines


# -- Interactive -------------------------------------------------------------------------------

def interactive(today: date, stdin: TextIO, stdout: TextIO) -> int:
    """Ask the questions one at a time on `stdin`/`stdout` until an outcome; return the exit status.

    Accepts an option's number or value, `back` (change the previous answer) and `quit`. Dates
    may be typed as DD/MM/YYYY, D M YYYY or YYYY-MM-DD; `1` or `unknown` means "I don't know".
    A bad answer is explained and the question asked again.
    """
    wording = load_wording()
    words = _words(wording)
    flow = load_flow()
    answers: dict[str, str] = {}

    def say(*lines: str) -> None:
        stdout.write("\n".join(lines) + "\n")
        stdout.flush()

    def ask(prompt: str) -> str | None:
        stdout.write(prompt + " ")
        stdout.flush()
        line = stdin.readline()
        return None if line == "" else line.strip()

    while True:
        step = evaluate(answers, today)
        if isinstance(step, AnswerError):  # cannot happen: answers are checked before being kept
            answers.pop(step.question, None)
            continue
        answers = dict(step.answers)  # only the answers on the route
        if isinstance(step, Outcome):
            say("", _outcome_text(step, wording), "")
            reply = ask(words["finish_prompt"])
            if reply is not None and reply.lower() == "back":
                answers.popitem()
                continue
            return EXIT_OK
        question = flow.questions[step.question]
        say("", *_question_lines(question.id, wording, interactive=True), "")
        reply = ask(words["answer_prompt"])
        if reply is None:
            say("")
            return 1
        if reply.lower() in ("quit", "q", "exit"):
            return EXIT_OK
        if reply.lower() in ("back", "b"):
            if answers:
                answers.popitem()
            else:
                say(words["first_question"])
            continue
        value = _interpret(question.id, reply, today)
        if isinstance(value, AnswerError):
            say(f"  {value.message}")
            continue
        trial = evaluate({**answers, question.id: value}, today)
        if isinstance(trial, AnswerError):
            say(f"  {trial.message}")
            continue
        answers[question.id] = value


def _interpret(qid: str, reply: str, today: date) -> str | AnswerError:
    """What a typed reply means: an option number or value, or a date in a common format."""
    question = load_flow().questions[qid]
    if not question.is_date:
        # ASCII digits only: str.isdigit() also takes "²" and "١", which int() refuses or reads.
        if re.fullmatch(r"[0-9]{1,3}", reply, re.ASCII) and 1 <= int(reply) <= len(question.values):
            return question.values[int(reply) - 1]
        return reply  # the engine explains anything that is not a value
    if reply.lower() in ("1", UNKNOWN):
        return UNKNOWN
    if re.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", reply, re.ASCII):
        year, month, day = reply.split("-")
        return date_from_parts(qid, day, month, year, today=today)
    parts = [p for p in re.split(r"[/\s.-]+", reply) if p]
    if len(parts) == 3:
        return date_from_parts(qid, *parts, today=today)
    return reply
