"""Every id the checker's contract names, checked on every surface: the built pages, the data
file (checker/checker-data.json), the browser bridge (step_json / evaluate_json) and the command
line. Prints one line per mismatch; exit 1 if there is any.

    .venv/bin/python tests/audit/contract_check.py SITE_DIR [CONTRACT.md]

CONTRACT.md (the shared triage-contract.md) is parsed for its tables when given; otherwise the
ids come from triage/README.md, the project's own copy of the contract.
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import triage
from triage import bridge
from triage.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)

# HTML hooks named by the contract and the issues (11-15): attribute -> where it must be.
HOOKS_EVERY_PAGE = ("data-quick-exit",)
HOOKS_CHECKER = ('id="checker"', 'id="checker-heading"', 'id="checker-status"')
HOOKS_DRAFT = ("data-draft", "data-draft-copy", "data-draft-download", "data-draft-subject")
DRAFT_INPUTS = ("draft-name", "draft-reference", "draft-what-happened", "draft-what-you-want")


def tables(text: str) -> dict[str, list[list[str]]]:
    """Each `## heading`'s first Markdown table, as rows of cells (header rows dropped)."""
    out = {}
    for part in re.split(r"\n## ", text)[1:]:
        heading, _, body = part.partition("\n")
        rows = [line for line in body.split("\n## ")[0].splitlines() if line.startswith("|")]
        if rows:
            out[heading.strip()] = [[c.strip() for c in r.strip("|").split("|")] for r in rows[2:]]
    return out


def ids(cell: str) -> list[str]:
    return re.findall(r"`([a-z0-9_]+)`", cell)


def contract(path: Path) -> tuple[dict, list[str], dict[str, str]]:
    t = tables(path.read_text(encoding="utf-8"))
    questions = {ids(r[0])[0]: (r[1], [] if r[1] == "date" else ids(r[2])) for r in t["Questions"]}
    outcomes = [o for r in t["Outcomes"] for o in ids(r[0])]
    names = {ids(r[0])[0]: r[1] for r in t["Flags and dates"]}
    return questions, outcomes, names


def cli(*args: str, subprocess_: bool = False) -> tuple[int, str, str]:
    """`python -m triage --today TODAY *args`: its entry point in this process (fast), or the
    real command as a subprocess."""
    argv = ["--today", TODAY.isoformat(), *args]
    if subprocess_:
        r = subprocess.run([sys.executable, "-m", "triage", *argv], capture_output=True, text=True, cwd=ROOT)
        return r.returncode, r.stdout, r.stderr
    out, err = io.StringIO(), io.StringIO()
    rc = cli_main(argv, stdin=io.StringIO(), stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def check(site: Path, contract_md: Path) -> list[str]:
    bad: list[str] = []
    questions, outcomes, names = contract(contract_md)
    flow = triage.load_flow()
    data = json.loads((site / "checker" / "checker-data.json").read_text(encoding="utf-8"))

    # Engine and data file: every question, value, outcome, flag and date, exactly as named.
    for qid, (kind, values) in questions.items():
        q = flow.questions.get(qid)
        if q is None or q.kind != kind or list(q.values) != values:
            bad.append(f"engine: question {qid} is not {kind} {values}")
        dq = data["questions"].get(qid)
        if dq is None or dq["kind"] != kind or [o["value"] for o in dq.get("options", [])] != values:
            bad.append(f"checker-data.json: question {qid} is not {kind} {values}")
        if kind == "date" and dq and [f["name"] for f in dq["fields"]] != [f"{qid}-{p}" for p in ("day", "month", "year")]:
            bad.append(f"checker-data.json: {qid}'s fields are not {qid}-day/-month/-year")
    for oid in outcomes:
        if oid not in flow.outcomes:
            bad.append(f"engine: no outcome {oid}")
        if oid not in data["outcomes"]:
            bad.append(f"checker-data.json: no outcome {oid}")
    for name, kind in names.items():
        where = triage.FLAGS if kind == "flag" else triage.DATES
        if name not in where:
            bad.append(f"engine: {kind} {name} missing")
        if name not in data["flags" if kind == "flag" else "dates"]:
            bad.append(f"checker-data.json: {kind} {name} missing")
    for oid in flow.writes:
        draft = data["outcomes"][oid].get("draft")
        fields = {p["field"] for p in (draft or {}).get("placeholders", []) if p.get("field")}
        if not draft:
            bad.append(f"checker-data.json: outcome {oid} writes but has no draft")
        elif not fields <= set(DRAFT_INPUTS):
            bad.append(f"checker-data.json: {oid}'s draft fields {sorted(fields)} are not the contract's")

    # Built pages: each static state's page, its question's field and values or its outcome id.
    for state in triage.static_states():
        page = site / state.url_path.strip("/") / "index.html"
        key = state.url_path.lstrip("/")
        if key not in data["states"]:
            bad.append(f"checker-data.json: no state {key}")
        if not page.exists():
            bad.append(f"site: no page {state.url_path}")
            continue
        html = page.read_text(encoding="utf-8")
        for hook in HOOKS_EVERY_PAGE + HOOKS_CHECKER:
            if hook not in html:
                bad.append(f"site: {state.url_path} lacks {hook}")
        if state.outcome:
            if f'<main data-outcome="{state.outcome}"' not in html:
                bad.append(f"site: {state.url_path} main lacks data-outcome={state.outcome}")
            if state.outcome in flow.writes:
                for hook in HOOKS_DRAFT:
                    if hook not in html:
                        bad.append(f"site: {state.url_path} (writes) lacks {hook}")
            for q in state.skipped_dates:
                if f'data-date-lookup="{q}"' not in html:
                    bad.append(f"site: {state.url_path} lacks data-date-lookup={q}")
            answers = {**state.answers, **{q: triage.UNKNOWN for q in state.skipped_dates}}
            step = triage.evaluate(answers, TODAY)
            if step.flags != tuple(data["states"][key]["flags"]):
                bad.append(f"checker-data.json: {key} flags {data['states'][key]['flags']} != engine {step.flags}")
            for flag in step.flags:
                if f'data-flag="{flag}"' not in html:
                    bad.append(f"site: {state.url_path} lacks data-flag={flag}")
        else:
            qid = state.question
            if f'data-question="{qid}"' not in html:
                bad.append(f"site: {state.url_path} lacks data-question={qid}")
            for v in questions[qid][1]:
                if f'data-value="{v}"' not in html:
                    bad.append(f"site: {state.url_path} lacks data-value={v}")
    for page in site.rglob("*.html"):
        if "/pyodide/" in str(page) or page.name == "googlef.html":
            continue
        if "data-quick-exit" not in page.read_text(encoding="utf-8"):
            bad.append(f"site: {page.relative_to(site)} lacks data-quick-exit")
    # Dates on the lookup pages.
    lookup = site / "checker" / "dates"
    for slug in ("letter", "last-update", "incident"):
        index = lookup / slug / "index.html"
        if not index.exists() or "data-month=" not in index.read_text(encoding="utf-8"):
            bad.append(f"site: /checker/dates/{slug}/ lacks data-month links")
    month = next(iter(sorted((lookup / "letter").glob("20*-*/index.html"))), None)
    if month is None or not re.search(r'data-date="\d{4}-\d\d-\d\d"', month.read_text(encoding="utf-8")):
        bad.append("site: a letter month page lacks data-date=YYYY-MM-DD")
    elif 'data-result="review_safe_by"' not in "".join(
            p.read_text(encoding="utf-8") for p in (lookup / "letter").glob("20*-*/index.html")):
        bad.append("site: no letter month page names review_safe_by")

    # Every outcome through the bridge and the command line, on one route each.
    seen: dict[str, triage.Route] = {}
    for route in triage.all_paths():
        seen.setdefault(route.outcome, route)
    for oid in outcomes:
        route = seen.get(oid)
        if route is None:
            bad.append(f"engine: no route to {oid}")
            continue
        answers = route.answers()
        for fn in (bridge.evaluate_json, lambda a, t: json.dumps(json.loads(bridge.step_json(a, t))["step"])):
            got = json.loads(fn(json.dumps(answers), TODAY.isoformat()))
            if got.get("outcome") != oid:
                bad.append(f"bridge: {answers} gave {got}, not {oid}")
        rc, out, err = cli("--json", *(f"{k}={v}" for k, v in answers.items()))
        if rc != 0 or json.loads(out).get("outcome") != oid:
            bad.append(f"cli: {answers} gave rc={rc} {out[:80]} {err[:80]}, not {oid}")
    # Flags and dates by name, each on a route that raises it.
    raises = {
        "serious": {"about": "met", "met_stage": "not_yet", "involvement": "affected", "serious": "yes", "incident_date": "unknown"},
        "on_behalf": {"about": "met", "met_stage": "not_yet", "involvement": "on_behalf", "permission": "written", "serious": "no", "incident_date": "unknown"},
        "over_12_months": {"about": "met", "met_stage": "not_yet", "involvement": "affected", "serious": "no", "incident_date": "2025-01-01"},
        "ask_to_record": {"about": "met", "met_stage": "waiting", "recorded": "no", "last_update_date": "unknown"},
        "update_overdue": {"about": "commissioner", "commissioner_topic": "conduct", "commissioner_stage": "waiting", "last_update_date": "2026-10-01"},
        "review_late": {"about": "commissioner", "commissioner_topic": "conduct", "commissioner_stage": "outcome", "letter_date": "2026-10-01"},
        "witness_conduct_only": {"about": "met", "met_stage": "not_yet", "involvement": "witness", "serious": "no", "incident_date": "unknown"},
        "update_due": {"about": "met", "met_stage": "waiting", "recorded": "yes", "last_update_date": "2026-11-20"},
        "review_deadline": {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met", "review_body": "iopc", "letter_date": "2026-11-21"},
        "review_safe_by": {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met", "review_body": "iopc", "letter_date": "2026-11-21"},
    }
    for name, answers in raises.items():
        kind = names.get(name, "flag" if name in triage.FLAGS else "date")
        rc, out, _ = cli("--json", *(f"{k}={v}" for k, v in answers.items()))
        got = json.loads(out)
        held = got.get("flags", []) if kind == "flag" else got.get("dates", {})
        if name not in held:
            bad.append(f"cli: {name} not in {got.get('flags')} {got.get('dates')} for {answers}")
        step = json.loads(bridge.step_json(json.dumps(answers), TODAY.isoformat()))["step"]
        if name not in (step.get("flags", []) if kind == "flag" else step.get("dates", {})):
            bad.append(f"bridge: {name} missing for {answers}")
    # The error shape and exit code.
    rc, out, err = cli("--json", "about=mett", subprocess_=True)
    e = json.loads(out).get("error", {})
    if rc != 2 or e.get("question") != "about" or not e.get("message") or "Traceback" in err:
        bad.append(f"cli: about=mett gave rc={rc} {out}")
    return bad


def main(argv: list[str]) -> int:
    site = Path(argv[1])
    contract_md = Path(argv[2]) if len(argv) > 2 else ROOT / "triage" / "README.md"
    bad = check(site, contract_md)
    print("\n".join(bad) if bad else "contract: every id on every surface")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
