"""`python -m triage [--today YYYY-MM-DD] [--json] [ID=VALUE ...]`: the checker on the command line.

- With answers: prints the next question or the outcome (exit 0), or the problem (exit 2).
- `--json`: prints one JSON object, the engine's `to_json()` (see triage/README.md).
- With no answers on a terminal: asks the questions one at a time (numbered options, `back`;
  triage/cli_prompt.py).

Helpline staff use the plain-English output (triage/cli_text.py), scripts use `--json`.
Command-line mistakes (a bad `--today`, an argument that is not ID=VALUE) also exit 2, with a
JSON error under `--json`.
The arguments are read by a short loop, not argparse: argparse takes the last of two `--today`s,
accepts abbreviations (`--tod`), exits the process for `--help`, mishandles options between
answers and repeats any input whole in its messages (decisions/cli-arguments.md).
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from typing import Any, Sequence, TextIO

from .answers import AnswerError, closest, iso_date, shown
from .cli_prompt import EXIT_OK, interactive
from .cli_text import error_text, interface_words as _words, render
from .dates import long_date  # re-exported: scripts and tests import it from triage.cli
from .engine import evaluate
from .graph import to_dot

__all__ = ["main", "render", "interactive", "long_date", "UsageError"]

EXIT_BAD_ANSWER = 2
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
        print(error_text(step), file=stderr)
    else:
        print(render(step, today=today), file=stdout)
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
