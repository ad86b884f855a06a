"""Random journeys through the checker with bad input mixed in. A script, not a test.

    .venv/bin/python tests/bench/fuzz.py [--journeys 100000] [--seed 14]      (make bench)

Each journey walks the flow from the first question, answering with valid values (choices, past
dates, `unknown`) and, now and then, bad input: wrong ids, wrong values, dates in other forms or
impossible, text with control characters or lone surrogates, huge text, and through the bridge
values of every JSON type, nesting, ids twice and bad `today`s. It goes through one of:

- the engine (`triage.evaluate`),
- the bridge (`step_json`, and `date_from_parts_json` for date questions), what the app calls,
- the command line (`main(argv)` in-process, `--json` or plain English), as a script,
- the interactive command line (`interactive`), typed replies.

It prints, each of which must be 0:

- crashes: an exception from any call;
- dead ends: a result that is neither a next question, an outcome nor an error, or a next
  question already answered, or a journey that never ends;
- unclear errors: an error without a contract code or a message, one naming another question
  than the one given bad input, or a message repeating more than 40 characters of the input;

and journeys per second. Exit status 1 if any count is not 0.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import traceback
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# The shapes module by its folder, not as `tests.engine.shapes`: a package in the environment
# (textstat 0.7.8) installs a top-level `tests` of its own, which that import would find first.
sys.path.append(str(ROOT / "tests" / "engine"))

from shapes import ECHO_LIMIT, echoes, parts_problems, step_problems  # noqa: E402
from triage import AnswerError, NextQuestion, Outcome, evaluate, load_flow, load_wording  # noqa: E402
from triage.answers import iso_date, shown  # noqa: E402
from triage.bridge import date_from_parts_json, step_json  # noqa: E402
from triage.dates import date_texts  # noqa: E402
from triage.cli import interactive, main as cli_main  # noqa: E402

FLOW = load_flow()
QUESTIONS = list(FLOW.questions)
MAX_STEPS = 40          # a journey longer than this never ends: a dead end
BAD_RATE = 0.25         # chance that an answer is bad input
EXAMPLES = 3            # failures shown per kind
MODES = (("engine", 40), ("bridge", 35), ("cli", 20), ("interactive", 5))


class Findings:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.codes: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.calls = 0

    def add(self, kind: str, detail: str) -> None:
        self.counts[kind] += 1
        found = self.examples.setdefault(kind, [])
        if len(found) < EXAMPLES:
            found.append(detail[:300])


class Junk:
    """Bad input of every kind, drawn from one random generator (so a seed repeats a run)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def text(self) -> str:
        r = self.rng
        kind = r.randrange(10)
        if kind == 0:
            return "x" * r.choice((41, 100, 5000, 120_000))
        if kind == 1:
            return "".join(chr(r.randrange(0, 32)) for _ in range(r.randrange(1, 6)))
        if kind == 2:
            return "".join(chr(r.randrange(0xD800, 0xE000)) for _ in range(r.randrange(1, 4)))
        if kind == 3:
            return r.choice(("\u00b2", "\u0661", "\uff11", "\u00a0met", "m\u00e9t", "MET", " met", "met "))
        if kind == 4:
            return r.choice(("", "=", "unknown", "Unknown", "none", "null", "[]", "{}", "0", "-1", "99"))
        return "".join(chr(r.randrange(32, 0x3000)) for _ in range(r.randrange(1, 20)))

    def date_text(self, today: date) -> str:
        r = self.rng
        return r.choice((
            "2026-W10-1", "2026-069", "20260310", "10/03/2026", "2026-3-1", "2026-02-30", "2025-02-29",
            "2026-13-01", "0000-01-01", "2026-03-10T00:00", " 2026-03-10", "\uff12\uff10\uff12\uff16-03-01",
            (today + timedelta(days=r.randrange(1, 400))).isoformat() if today < date(9998, 1, 1) else "9999-12-31",
            self.text(),
        ))

    def value(self, question: str, today: date) -> str:
        if FLOW.questions[question].is_date and self.rng.random() < 0.6:
            return self.date_text(today)
        values = FLOW.questions[question].values
        if values and self.rng.random() < 0.3:  # a near miss: a typo of a real value
            word = list(self.rng.choice(values))
            word[self.rng.randrange(len(word))] = self.rng.choice("xyz_")
            return "".join(word)
        return self.text()

    def json_value(self, depth: int = 0) -> Any:
        r = self.rng
        kinds: tuple[Callable[[], Any], ...] = (
            lambda: None, lambda: r.random() < 0.5, lambda: r.randrange(-10**6, 10**6), lambda: r.random() * 1e9,
            self.text,
            lambda: [self.json_value(depth + 1) for _ in range(r.randrange(3))],
            lambda: {self.text(): self.json_value(depth + 1) for _ in range(r.randrange(3))},
        )
        return kinds[r.randrange(len(kinds) if depth < 3 else 5)]()

    def question_id(self) -> str:
        r = self.rng
        if r.random() < 0.5:  # a typo of a real id
            qid = r.choice(QUESTIONS)
            return r.choice((qid.replace("_", "-"), qid.upper(), qid + "s", qid[:-1], " " + qid))
        return self.text() or "?"

    def today(self) -> Any:
        r = self.rng
        return r.choice(("2026-W10-1", "20260310", "2026-02-30", "", "10/03/2026", "2026-3-10", None, 20260310,
                         "x" * 1000, self.text()))

    def raw_answers(self) -> str:
        r = self.rng
        return r.choice(("[" * r.choice((10, 1000, 100_000)), '{"a": ' * 2000 + "1" + "}" * 2000, "{", "null",
                         "[]", '"met"', "NaN", "", '{"about": "met", "about": "mopac"}', self.text()))


def valid_answer(rng: random.Random, question: str, today: date) -> str:
    q = FLOW.questions[question]
    if not q.is_date:
        return rng.choice(q.values)
    if rng.random() < 0.2:
        return "unknown"
    return (today - timedelta(days=rng.randrange(0, min(3000, (today - date.min).days + 1)))).isoformat()


def random_today(rng: random.Random) -> date:
    if rng.random() < 0.9:
        return date(2026, 3, 10) + timedelta(days=rng.randrange(-800, 800))
    return rng.choice((date.min, date(1, 1, 28), date(2024, 2, 29), date(9999, 12, 1), date.max))


# -- The checks shared by every mode -------------------------------------------------------------

def check_step(findings: Findings, obj: Any, given: dict[str, Any], bad: tuple[str, str] | None,
               inputs: list[Any], where: str) -> str:
    """Classify one result as "next", "outcome", "error" or "usage"; record what is wrong with it.

    `bad` says what an error must name: ("value", question id) or ("id", the id as typed) for the
    bad input given on this call, ("any", "") when any error is right (a malformed call), or None
    when every answer was valid (then an error is itself unclear).
    """
    problems = step_problems(obj)
    if problems:
        kind = "unclear errors" if isinstance(obj, dict) and "error" in obj else "dead ends"
        findings.add(kind, f"{where}: {problems} for {shown(repr(given), 200)}")
        return "dead"
    if "next" in obj:
        if obj["next"] in obj["answers"]:
            findings.add("dead ends", f"{where}: asks {obj['next']} again with {shown(repr(given), 200)}")
            return "dead"
        return "next"
    if "outcome" in obj:
        findings.outcomes[obj["outcome"]] += 1
        return "outcome"
    error = obj["error"]
    findings.codes[error["code"]] += 1
    texts = [t for t in inputs if isinstance(t, str)]
    echoed = echoes(error["message"], texts) or (echoes(error["question"], texts) if error["question"] else None)
    if echoed is not None:
        findings.add("unclear errors", f"{where}: message repeats more than {ECHO_LIMIT} characters of "
                                       f"{shown(echoed)}: {shown(error['message'], 200)}")
    if bad is None:
        findings.add("unclear errors", f"{where}: error {shown(repr(error), 200)} for valid answers "
                                       f"{shown(repr(given), 200)}")
    elif bad[0] in ("value", "id"):
        expected = shown(bad[1]) if bad[0] == "id" else bad[1]
        if error["question"] != expected:
            findings.add("unclear errors", f"{where}: error names {shown(str(error['question']))}, "
                                           f"not {shown(expected)}: {shown(error['message'], 200)}")
    return "usage" if error["code"] == "usage" else "error"


def truth(answers: dict[str, Any], today: date) -> str:
    """What the engine itself makes of `answers`: "next", "outcome" or "error"."""
    step = evaluate(answers, today)
    return "next" if isinstance(step, NextQuestion) else "outcome" if isinstance(step, Outcome) else "error"


def guarded(findings: Findings, where: str, call: Callable[[], Any], detail: Callable[[], str]) -> Any:
    findings.calls += 1
    try:
        return call()
    except Exception as exc:  # noqa: BLE001  (counting crashes is the point)
        findings.add("crashes", f"{where}: {type(exc).__name__}: {shown(str(exc), 120)} with {detail()[:200]}")
        return None


# -- One journey ---------------------------------------------------------------------------------

def journey(rng: random.Random, junk: Junk, findings: Findings, mode: str) -> None:
    """Answer question after question until an outcome, with bad input now and then."""
    if mode == "interactive":
        return interactive_journey(rng, junk, findings)
    today = random_today(rng)
    answers: dict[str, Any] = {}
    for _ in range(MAX_STEPS):
        result = ask(findings, mode, answers, today, None, rng, junk)
        if result in (None, "dead", "outcome"):
            return
        if result != "next":
            findings.add("dead ends", f"{mode}: valid answers gave {result}: {shown(repr(answers), 200)}")
            return
        question = next_question(answers, today)
        if rng.random() < BAD_RATE:
            trial, bad = bad_input(rng, junk, answers, question, today)
            result = ask(findings, mode, trial, today, bad, rng, junk)
            if result in (None, "dead"):
                return
            if bad[0] == "off_path" and result != "next":
                findings.add("unclear errors", f"{mode}: an answer off the route gave {result}: "
                                               f"{shown(repr(trial), 200)}")
            if rng.random() < 0.2:
                return  # the person gives up after the error
        if mode == "bridge" and FLOW.questions[question].is_date and rng.random() < 0.5:
            if not parts_call(rng, junk, findings, question, today):
                return
        answers[question] = valid_answer(rng, question, today)
    findings.add("dead ends", f"{mode}: no outcome after {MAX_STEPS} answers: {shown(repr(answers), 200)}")


def next_question(answers: dict[str, Any], today: date) -> str:
    step = evaluate(answers, today)
    assert isinstance(step, NextQuestion), step
    return step.question


def bad_input(rng: random.Random, junk: Junk, answers: dict[str, Any], question: str,
              today: date) -> tuple[dict[str, Any], tuple[str, str]]:
    """The answers with one bad input added, and what an error must name."""
    kind = rng.randrange(5)
    if kind == 0:
        qid = junk.question_id()
        if qid not in FLOW.questions:
            return {**answers, qid: rng.choice(("met", junk.text()))}, ("id", qid)
    if kind == 1:  # junk for a question not asked yet: the walk stops at `question` first
        later = [q for q in QUESTIONS if q not in answers and q != question]
        if later:
            q = rng.choice(later)
            return {**answers, q: junk.value(q, today)}, ("off_path", q)
    return {**answers, question: junk.value(question, today)}, ("value", question)


def ask(findings: Findings, mode: str, answers: dict[str, Any], today: date, bad: tuple[str, str] | None,
        rng: random.Random, junk: Junk) -> str | None:
    """One call in `mode` with `answers`; the classification of its result (None: it crashed)."""
    expect = None if bad is None or bad[0] == "off_path" else bad
    if mode == "engine":
        step = guarded(findings, "engine", lambda: evaluate(answers, today), lambda: repr(answers))
        if step is None:
            return None
        if not isinstance(step, (NextQuestion, Outcome, AnswerError)):
            findings.add("dead ends", f"engine: {type(step).__name__} for {shown(repr(answers), 200)}")
            return "dead"
        return check_step(findings, step.to_json(), answers, expect,
                          [*answers, *answers.values()], "engine")
    if mode == "bridge":
        return bridge_call(findings, answers, today, expect, rng, junk)
    return cli_call(findings, answers, today, expect, rng, junk)


def bridge_call(findings: Findings, answers: dict[str, Any], today: date, bad: tuple[str, str] | None,
                rng: random.Random, junk: Junk) -> str | None:
    """`step_json` (what the app calls), sometimes with a value of another JSON type, a bad today or
    malformed JSON: its step as the engine's, and its dates in words for that step."""
    given: dict[str, Any] = dict(answers)
    if bad is not None and bad[0] == "id":  # JSON joins a split surrogate pair into one character
        bad = ("id", json.loads(json.dumps(bad[1])))
    today_arg: Any = today.isoformat()
    raw = None
    roll = rng.random()
    if bad is not None and bad[0] == "value" and roll < 0.3:
        given[bad[1]] = junk.json_value()
    elif roll < 0.05:
        today_arg = junk.today()
    elif roll < 0.1:
        raw = junk.raw_answers()
    text = raw if raw is not None else json.dumps(given)
    out = guarded(findings, "bridge", lambda: step_json(text, today_arg), lambda: shown(text, 200))
    obj = None if out is None else guarded(findings, "bridge output", lambda: json.loads(out), lambda: shown(out, 200))
    if obj is None:
        return None
    if not isinstance(obj, dict) or set(obj) != {"step", "dates"}:
        findings.add("dead ends", f"bridge: step_json gave {shown(out, 200)}, not {{step, dates}}")
        return "dead"
    malformed = raw is not None or today_arg != today.isoformat()
    if obj["dates"] != step_dates(obj["step"], today_arg):
        findings.add("dead ends", f"bridge: step_json's dates {shown(repr(obj['dates']), 200)} are not "
                                  f"those of its step {shown(repr(obj['step']), 200)}")
        return "dead"
    inputs = [text, today_arg, *given, *given.values()]
    result = check_step(findings, obj["step"], given, ("any", "") if malformed else bad, inputs, "bridge")
    if today_arg != today.isoformat() and result not in ("usage", "dead"):
        findings.add("unclear errors", f"bridge: bad today {shown(repr(today_arg))} gave {result}")
    return truth(answers, today) if malformed and result != "dead" else result


def step_dates(step: Any, today_arg: Any) -> dict[str, Any]:
    """What step_json's `dates` must be for `step` (its contract, triage/README.md): none for an
    error, else today and each of the step's dates and date answers, in words with the days to it."""
    if not isinstance(step, dict) or "error" in step:
        return {}
    days = [today_arg, *step.get("dates", {}).values(), *(v for v in step["answers"].values() if iso_date(v))]
    return date_texts(list(dict.fromkeys(days)), date.fromisoformat(today_arg))


def parts_call(rng: random.Random, junk: Junk, findings: Findings, question: str, today: date) -> bool:
    """A GOV.UK date field through the bridge: valid parts, or junk. False if it went wrong."""
    day = valid_answer(rng, question, today)
    y, m, d = (today.isoformat() if day == "unknown" else day).split("-")
    parts: list[Any] = [d.lstrip("0"), m, y]
    if rng.random() < 0.5:
        parts[rng.randrange(3)] = rng.choice(("", None, junk.text(), rng.randrange(100), [1], " 5 "))
    today_arg: Any = today.isoformat() if rng.random() < 0.9 else rng.choice((None, junk.today()))
    args = (question, *parts, today_arg)
    out = guarded(findings, "date_from_parts_json", lambda: date_from_parts_json(*args), lambda: repr(args))
    obj = None if out is None else guarded(findings, "parts output", lambda: json.loads(out), lambda: out[:200])
    if obj is None:
        return False
    problems = parts_problems(obj)
    if problems:
        findings.add("unclear errors", f"date_from_parts_json: {problems} for {shown(repr(args), 200)}")
        return False
    if "error" in obj:
        error = obj["error"]
        findings.codes[error["code"]] += 1
        if error["code"] != "usage" and error["question"] != question:
            findings.add("unclear errors", f"date_from_parts_json: error names {error['question']}, not {question}")
        if echoes(error["message"], [p for p in args if isinstance(p, str)]):
            findings.add("unclear errors", f"date_from_parts_json: message repeats input: {shown(error['message'])}")
    return True


def cli_call(findings: Findings, answers: dict[str, Any], today: date, bad: tuple[str, str] | None,
             rng: random.Random, junk: Junk) -> str | None:
    """`python -m triage` in-process: the answers as ID=VALUE in any order, `--json` or plain
    English, sometimes with a mistake on the command line itself."""
    as_json = rng.random() < 0.7
    groups = [[f"{q}={v}"] for q, v in answers.items()] + [["--today", today.isoformat()]]
    if bad is not None and bad[0] == "id" and ("=" in bad[1] or bad[1].startswith("-") or bad[1] == ""):
        bad = ("any", "")  # the id itself reads as another argument: any clear error will do
    usage = rng.random() < 0.05
    if usage:  # a mistake on the command line itself
        groups.append(rng.choice((["--today", str(junk.today())], ["--today=2026-03-10"], ["--tod", "1"],
                                  ["--json=1"], ["=met"], ["-x"], ["about"], [junk.text().replace("=", "") or "-"])))
    if as_json:
        groups.append(["--json"])
    rng.shuffle(groups)  # options and answers in any order
    argv = [arg for group in groups for arg in group]
    if "--" in argv:  # would make the options after it answers
        argv.remove("--")
    out, err = io.StringIO(), io.StringIO()
    status = guarded(findings, "cli", lambda: cli_main(argv, stdin=io.StringIO(""), stdout=out, stderr=err),
                     lambda: shown(repr(argv), 200))
    if status is None:
        return None
    expect = ("any", "") if usage else bad
    if not as_json:
        text = err.getvalue() if status == 2 else out.getvalue()
        if status not in (0, 2) or not text.strip() or (status == 0) == bool(err.getvalue()):
            findings.add("dead ends", f"cli: exit {status}, out {shown(out.getvalue())}, err {shown(err.getvalue())} "
                                      f"for {shown(repr(argv), 200)}")
            return "dead"
        if echoes(text, argv):
            findings.add("unclear errors", f"cli: repeats input: {shown(text, 200)}")
        if status == 2 and expect is None:
            findings.add("unclear errors", f"cli: exit 2 for valid answers: {shown(text, 200)}")
        elif status == 2 and expect[0] == "value" and expect[1] not in text:
            findings.add("unclear errors", f"cli: the message does not name {expect[1]}: {shown(text, 200)}")
        return truth(answers, today) if usage or status == 0 else "error"
    obj = guarded(findings, "cli output", lambda: json.loads(out.getvalue()), lambda: shown(out.getvalue(), 200))
    if obj is None:
        return None
    if status != (2 if "error" in obj else 0) or err.getvalue():
        findings.add("dead ends", f"cli: exit {status} with {shown(out.getvalue(), 200)}")
        return "dead"
    result = check_step(findings, obj, answers, expect, argv, "cli")
    return truth(answers, today) if usage and result != "dead" else result


def interactive_journey(rng: random.Random, junk: Junk, findings: Findings) -> None:
    """Typed replies: numbers, values, dates in several forms, back, junk; input may end anywhere."""
    today = random_today(rng)
    replies = []
    for _ in range(rng.randrange(3, 25)):
        roll = rng.random()
        if roll < 0.45:
            replies.append(str(rng.randrange(1, 7)))
        elif roll < 0.6:
            replies.append(rng.choice(("back", "b", "unknown", "1")))
        elif roll < 0.75:
            d = today - timedelta(days=rng.randrange(0, 900)) if today > date(1, 12, 31) else today
            replies.append(rng.choice((d.isoformat(), f"{d.day}/{d.month}/{d.year}", f"{d.day} {d.month} {d.year}")))
        else:
            replies.append(junk.text().replace("\n", " ").replace("\r", " "))
    if rng.random() < 0.3:
        replies.append("quit")
    stdin = io.StringIO("".join(f"{r}\n" for r in replies))
    out = io.StringIO()
    status = guarded(findings, "interactive", lambda: interactive(today, stdin, out), lambda: repr(replies)[:200])
    if status is not None and status not in (0, 1):
        findings.add("dead ends", f"interactive: exit {status} for {shown(repr(replies), 200)}")
    elif status is not None:
        out.getvalue().encode("utf-8")
        if echoes(out.getvalue(), replies):
            findings.add("unclear errors", f"interactive: repeats input: {shown(repr(replies), 200)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    junk = Junk(rng)
    findings = Findings()
    load_wording()  # once, as a long-lived process would: the journeys measure the checks
    modes, weights = zip(*MODES)
    per_mode: Counter[str] = Counter()
    t0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(args.journeys):
        mode = rng.choices(modes, weights)[0]
        per_mode[mode] += 1
        try:
            journey(rng, junk, findings, mode)
        except Exception as exc:  # noqa: BLE001  (a crash of the script's own walk: count it too)
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.add("crashes", f"{mode} (walk, {Path(where.filename).name}:{where.lineno}): "
                                    f"{type(exc).__name__}: {shown(str(exc), 200)}")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(f"fuzz: {args.journeys} journeys (seed {args.seed}) in {seconds:.1f} s: "
          f"{args.journeys / seconds:,.0f} journeys/s ({args.journeys / cpu:,.0f} per CPU second), "
          f"{findings.calls:,} calls")
    print("  by way in: " + ", ".join(f"{m} {per_mode[m]}" for m in modes))
    print(f"  outcomes reached: {len(findings.outcomes)} of {len(FLOW.outcomes)}; error codes given: "
          + ", ".join(f"{c} {n}" for c, n in findings.codes.most_common()))
    for kind in ("crashes", "dead ends", "unclear errors"):
        print(f"{kind}: {findings.counts[kind]}")
        for example in findings.examples.get(kind, []):
            print(f"    {example}")
    return 1 if any(findings.counts.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
