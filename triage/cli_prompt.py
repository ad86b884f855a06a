"""The command line's interactive prompt: ask the questions one at a time until an outcome.

`python -m triage` with no answers on a terminal runs it (triage/cli.py); tests pass their own
streams. A typed reply is read here (an option's number or value, a date in a common format) and
checked by the engine, so a bad answer is explained and asked again.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TextIO

from .answers import UNKNOWN, AnswerError, date_from_parts
from .cli_text import interface_words, outcome_text, question_lines
from .engine import Outcome, evaluate
from .flow import load_flow
from .wording import load_wording

#: Exit statuses: the person reached the end (or quit); the input ended before an outcome.
EXIT_OK, EXIT_INPUT_ENDED = 0, 1


def interactive(today: date, stdin: TextIO, stdout: TextIO) -> int:
    """Ask the questions one at a time on `stdin`/`stdout` until an outcome; return the exit status.

    Accepts an option's number or value, `back` (change the previous answer) and `quit`. Dates
    may be typed as DD/MM/YYYY, D M YYYY or YYYY-MM-DD; `1` or `unknown` means "I don't know".
    A bad answer is explained and the question asked again.
    """
    wording = load_wording()
    words = interface_words(wording)
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
            say("", outcome_text(step, wording, today), "")
            reply = ask(words["finish_prompt"])
            if reply is not None and reply.lower() == "back":
                answers.popitem()
                continue
            return EXIT_OK
        question = flow.questions[step.question]
        say("", *question_lines(question.id, wording, interactive=True), "")
        reply = ask(words["answer_prompt"])
        if reply is None:
            say("")
            return EXIT_INPUT_ENDED
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
