"""The browser runs the same rules: the `triage` wheel in Pyodide (Python 3.14, under Node) gives,
for every path of the flow, every date edge and every bad answer, exactly what CPython gives.

The bundle is the one the site ships (hooks/pyodide_bundle.py: runtime, wheel, pruned lock).
run_engine.mjs boots it with all network access refused and calls `triage.bridge.evaluate_json`,
the function the browser's Web Worker calls. Here the same call runs in this CPython, and
`evaluate(...).to_json()` checks what the bridge says.
"""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from typing import Any

import pytest

from pyodide_harness import run_in_cpython, run_in_pyodide

import triage
from triage import evaluate
from triage.answers import CODES

TODAY = date(2026, 3, 10)
DATE_QUESTIONS = ("incident_date", "last_update_date", "letter_date")
# Loaded by URL after the cases: the one request the network guard must see (and block).
GUARD_PROBE = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/micropip-0.10.1-py3-none-any.whl"
BAD_TODAYS = ("2026-02-30", "", "10/03/2026", "2026-03-10T12:00", "20260310", "2026-W10-1", "2026-069",
              20260310, None, ["2026-03-10"], "x" * 1000)

# The contract's outcomes (triage/README.md, "Outcomes"): every one must be reached in Pyodide.
CONTRACT_OUTCOMES = frozenset({
    "complain_to_met", "not_eligible_heard_about", "not_eligible_police_at_work",
    "need_written_permission", "waiting_for_outcome", "ask_to_record", "check_if_recorded",
    "no_review_after_iopc_investigation", "review_by_mopac", "review_by_iopc", "review_body_unclear",
    "complain_to_mopac_about_commissioner", "complain_to_monitoring_officer",
    "commissioner_waiting", "commissioner_review_by_iopc", "say_thanks",  # contract version 2
    "mopac_stage_1", "mopac_stage_2", "mopac_stage_3", "mopac_process_complete",
    "mopac_review_decision", "accessible_format",
    "city_of_london_police", "british_transport_police", "other_force",
    "emergency", "report_crime", "report_fraud",
})


def iso(day: date) -> str:
    return day.isoformat()


def date_variants(question: str) -> list[tuple[str, str]]:
    """(answer, today) pairs around every edge of the date rules, plus impossible and bad dates."""
    t = TODAY
    variants = [
        ("unknown", iso(t)), (iso(t), iso(t)), (iso(t - timedelta(days=1)), iso(t)),
        (iso(t + timedelta(days=1)), iso(t)), ("9999-12-31", iso(t)),          # future
        ("2026-02-29", iso(t)), ("2025-02-29", iso(t)), ("2026-04-31", iso(t)),  # not real
        ("2026-13-01", iso(t)), ("2026-00-10", iso(t)), ("2026-01-00", iso(t)), ("0000-01-01", iso(t)),
        ("0001-01-01", iso(t)), ("2024-02-29", iso(t)), ("2024-02-29", "2024-02-29"),
        ("10/03/2026", iso(t)), ("2026-3-1", iso(t)), ("20260301", iso(t)), (" 2026-03-01", iso(t)),
        ("2026-03-01T00:00", iso(t)), ("UNKNOWN", iso(t)), ("yesterday", iso(t)), ("", iso(t)),
        ("２０２６-03-01", iso(t)),  # full-width digits: not ASCII, must be refused on both sides
    ]
    if question in ("letter_date", "last_update_date"):  # 28-day rules: deadline day is in time
        for today in (t, date(2024, 3, 28), date(2025, 3, 1), date(2026, 1, 1), date(2024, 2, 29)):
            for days in (0, 1, 27, 28, 29, 30, 365):
                variants.append((iso(today - timedelta(days=days)), iso(today)))
    if question == "letter_date":  # review_safe_by (R2): weekends, bank holidays, Christmas, the list's ends
        for deadline in ("2027-01-17", "2026-03-27", "2026-03-28", "2026-05-25", "2026-04-06", "2026-12-25",
                         "2026-12-28", "2027-12-28", "2027-12-29", "2028-01-02", "2028-01-03", "2028-08-28",
                         "2017-12-26", "2018-01-01", "2018-01-02"):
            letter = date.fromisoformat(deadline) - timedelta(days=28)
            for today in (letter + timedelta(days=1), date.fromisoformat(deadline) + timedelta(days=1)):
                variants.append((iso(letter), iso(today)))
    if question == "incident_date":  # 12 months; 29 February's anniversary is 28 February
        variants += [
            ("2025-03-10", "2026-03-10"), ("2025-03-09", "2026-03-10"), ("2025-03-11", "2026-03-10"),
            ("2024-02-29", "2025-02-28"), ("2024-02-29", "2025-03-01"), ("2024-02-29", "2028-02-29"),
            ("2023-02-28", "2024-02-29"), ("2023-03-01", "2024-02-29"), ("2023-02-28", "2024-02-28"),
            ("2025-12-31", "2026-12-31"), ("2025-12-31", "2027-01-01"), ("9998-12-31", "9999-12-31"),
        ]
    return variants


def build_cases() -> list[dict[str, Any]]:
    today = iso(TODAY)
    routes = triage.all_paths()
    cases: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(answers: dict[str, Any] | None, day: str, *, raw: str | None = None) -> None:
        case: dict[str, Any] = {"today": day}
        if raw is not None:
            case["answers_json"] = raw
        else:
            case["answers"] = answers
        key = json.dumps(case, sort_keys=False)
        if key not in seen:
            seen.add(key)
            cases.append(case)

    # Every complete path (dates unknown, then a real date), and every step along it.
    for route in routes:
        answers = route.answers()
        items = list(answers.items())
        for k in range(len(items) + 1):
            add(dict(items[:k]), today)
        add(route.answers(iso(TODAY - timedelta(days=20))), today)
    # Date edges, on one path per (date question, outcome).
    firsts: dict[tuple[str, str], Any] = {}
    for route in routes:
        for _, question, value in route.steps:
            if value is None:
                firsts.setdefault((question, route.outcome), route)
    for (question, _), route in firsts.items():
        for value, day in date_variants(question):
            answers = route.answers()
            answers[question] = value
            add(answers, day)
    # Bad answers of every kind; answers off the path are ignored, unknown ids are not.
    met_waiting = {"about": "met", "met_stage": "waiting", "recorded": "no"}
    for bad in ("nope", "", "MET", " met", "met ", None, 5, 1.5, True, ["met"], {"x": 1}):
        add({"about": bad}, today)
        add({**met_waiting, "recorded": bad}, today)
    add({"nope": "x"}, today)
    add({"about": "met", "incident-date": "2026-01-01"}, today)
    add({"about": "mopac", "mopac_topic": "review_decision", "letter_date": "not a date"}, today)  # off path
    add({"about": "mopac", "mopac_topic": "review_decision", "force": "btp"}, today)
    add({}, today)
    # Bad JSON and bad `today` reach the bridge too: whatever it does, both interpreters agree.
    for raw in ("{", "[]", "null", '"met"', "", "1", '{"about": "met", "about": "mopac"}', '{"about": "m\\u00e9t"}'):
        add(None, today, raw=raw)
    for day in (*BAD_TODAYS, "9999-12-31", "0001-01-01"):
        add({**met_waiting, "last_update_date": "2026-01-01"}, day)
    # The bridge's other functions: a step with its dates as shown, and GOV.UK date fields.
    for answers in ({**met_waiting, "last_update_date": "2026-01-01"}, {"about": "met"}):
        cases.append({"call": "step_json", "args": [json.dumps(answers), today]})
    cases.append({"call": "step_json", "args": ["{", today]})
    for question in (*DATE_QUESTIONS, "about", "nope"):
        for parts in (("10", "3", "2026"), ("", "", ""), ("", "3", "2026"), ("10", "", "2026"), ("10", "3", ""),
                      ("31", "2", "2026"), ("29", "2", "2024"), ("1", "1", "26"), ("x", "3", "2026"),
                      (" 9 ", "03", "2026"), ("11", "3", "2026"), ("001", "3", "2026"), (None, None, None),
                      ("", "", "2026"), ("", "3", ""), ("10", "", "")):
            cases.append({"call": "date_from_parts_json", "args": [question, *parts, iso(TODAY)]})
        cases.append({"call": "date_from_parts_json", "args": [question, "11", "3", "2026"]})  # no today
    cases.append({"call": "date_from_parts_json", "args": ["letter_date", "1", "1", "2026", "bad"]})
    # Bad input of issue 14: the same clear answer in the browser, never an exception (or a
    # stack overflow: the nesting below recurses in the JSON parser, whose stack is smaller here).
    for raw in ("[" * 100_000, '{"a": ' * 50_000 + "1" + "}" * 50_000, '{"' + "x" * 120_000 + '": "met"}',
                '{"about": "mett"}', '{"about": "\\ud800"}', '{"about": "\\u0000\\u001b"}',
                '{"about": "met", "met_stage": "waiting", "met_stage": "outcome"}',
                '{"about": "mayor_or_deputy", "incident_date": "10/03/2026"}'):
        add(None, today, raw=raw)
    for day in BAD_TODAYS:  # on a route without a date too: today is checked first, on every route
        add({"about": "crime_or_emergency", "need": "fraud"}, day)  # type: ignore[arg-type]
    for args in (["letter_date", 1, "3", "2026"], ["letter_date", "1", [3], "2026"], [None, "1", "3", "2026"],
                 [["letter_date"], "1", "3", "2026"], ["letter_date", "9" * 1000, "\x00", "\ud800"],
                 ["x" * 1000, "1", "1", "2026"], ["letter_date", "1", "1", "2026", "2026-W10-1"]):
        cases.append({"call": "date_from_parts_json", "args": args})
    return cases


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return build_cases()


@pytest.fixture(scope="module")
def pyodide_run(bundle, cases) -> dict[str, Any]:
    folder, _ = bundle
    return run_in_pyodide(folder, cases, probe_packages=["micropip", "numpy"], probe_urls=[GUARD_PROBE],
                          bytecode_only=True)


def test_bundle_has_only_the_runtime_the_wheel_and_a_pruned_lock(bundle, bundler):
    folder, manifest = bundle
    wheel = folder / manifest["wheel"]
    assert sorted(p.name for p in folder.iterdir()) == manifest["files"]
    assert set(manifest["files"]) == {*bundler.RUNTIME_FILES, bundler.LOCK_NAME, wheel.name}
    assert wheel.name.endswith("-py3-none-any.whl")
    lock = json.loads((folder / bundler.LOCK_NAME).read_text())
    assert list(lock["packages"]) == ["triage"]
    entry = lock["packages"]["triage"]
    assert entry["file_name"] == wheel.name and entry["sha256"] == manifest["sha256"]
    import hashlib
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert lock["info"]["python"].startswith("3.14"), lock["info"]
    # The wheel carries the editors' wording and the shared data compiled into one JSON file, and
    # neither their Markdown and YAML nor the build-time reader and compiler.
    import zipfile
    from triage.wording_compiler import compile_wording
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        compiled = json.loads(archive.read("triage/wording.json"))
    assert "triage/bridge.py" in names and "triage/flow.toml" in names
    assert compiled == compile_wording()
    assert not [n for n in names if n.endswith((".md", ".yml", ".yaml"))]
    # The build-time modules (pyproject.toml's `exclude`): frontmatter.py and every wording_*.py
    # (the compiler, reader, checks and interface words), neither as source nor as bytecode.
    assert not [n for n in names if n.startswith(("triage/frontmatter.", "triage/wording_"))]


def test_wheel_carries_bytecode_for_pyodide_beside_its_sources(bundle):
    """Every module has its source and, beside it, `<module>.pyc` (where zipimport looks), listed in RECORD."""
    import base64
    import hashlib
    import zipfile

    folder, manifest = bundle
    with zipfile.ZipFile(folder / manifest["wheel"]) as wheel:
        names = wheel.namelist()
        sources = {n for n in names if n.startswith("triage/") and n.endswith(".py")}
        cached = {n for n in names if n.endswith(".pyc")}
        assert {n + "c" for n in sources} == cached
        assert len(cached) == manifest["precompiled"]["wheel"] >= 10
        record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
        record = {line.split(",")[0]: line.split(",")[1] for line in wheel.read(record_name).decode().splitlines()}
        assert set(record) == set(names)
        for name in names:
            if name != record_name:
                digest = base64.urlsafe_b64encode(hashlib.sha256(wheel.read(name)).digest()).rstrip(b"=").decode()
                assert record[name] == f"sha256={digest}", name


def test_stdlib_zip_is_cut_to_the_checkers_modules_as_bytecode(bundle, bundler):
    """Only what the checker and Pyodide's boot import, each as .pyc and nothing else, stored."""
    import zipfile

    folder, manifest = bundle
    shipped = set(zipfile.ZipFile(bundler.files.PYODIDE_NPM_DIR / "python_stdlib.zip").namelist())
    with zipfile.ZipFile(folder / "python_stdlib.zip") as cut:
        infos = cut.infolist()
    ours = {i.filename for i in infos}
    compiled = {n for n in ours if n.endswith(".pyc")}
    assert ours - compiled == {n for n in ours if n.endswith("/")}  # folders, and no source
    assert {n[:-1] for n in compiled} <= shipped  # each .pyc stands for a .py of the shipped zip
    assert len(compiled) == manifest["precompiled"]["stdlib"] < len(shipped) / 3
    assert {"json/__init__.pyc", "json/decoder.pyc", "tomllib/_parser.pyc", "dataclasses.pyc",
            "_pyodide/_base.pyc", "encodings/utf_8.pyc"} <= compiled
    assert not {"email/mime/text.pyc", "unittest/__init__.pyc", "_sysconfigdata__emscripten_wasm32-emscripten.pyc"} & ours
    assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}  # brotli is the site's (precompress)


def test_the_build_check_stops_on_a_library_module_the_checker_needs(bundle, bundler, tmp_path):
    """The build runs every call of the walk on the cut library; one module left out stops it by name."""
    import zipfile

    folder, manifest = bundle
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    for name in manifest["files"]:
        if name != "python_stdlib.zip":
            shutil.copyfile(folder / name, runtime / name)
    with zipfile.ZipFile(folder / "python_stdlib.zip") as zin, zipfile.ZipFile(runtime / "python_stdlib.zip", "w") as zout:
        for info in zin.infolist():
            if info.filename != "json/decoder.pyc":
                zout.writestr(info, zin.read(info))
    # One call that parses JSON is enough (the build makes all of the walk's: the bundle passed).
    calls = [("evaluate_json", ['{"about": "met"}', "2026-03-10"])]
    with pytest.raises(bundler.BundleError, match=r"lacks json\.decoder: .*walk\.py"):
        bundler.bytecode.check_stdlib(runtime, runtime / manifest["wheel"], calls)


def test_bundle_is_reproducible(bundler, bundle, tmp_path):
    """The same sources give the same files, bytecode included (so the same folder names)."""
    again = bundler.bundle(tmp_path)
    folder, manifest = bundle
    for name in manifest["files"]:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
    assert (again["runtime_key"], again["package_key"]) == (manifest["runtime_key"], manifest["package_key"])


def test_pyodide_imports_the_precompiled_bytecode(pyodide_run):
    # run_engine.mjs made every triage/*.py raise before importing: every case still ran.
    assert "engine.py" in pyodide_run["sources_disabled"] and "bridge.py" in pyodide_run["sources_disabled"]
    origins = pyodide_run["stdlib_origins"]
    assert origins["json"].endswith("/json/__init__.pyc") and origins["tomllib"].endswith(".pyc")
    assert origins["email.mime.text"] is None  # not used by the checker: cut


def test_the_bytecode_keeps_line_numbers_but_no_columns(pyodide_run):
    """Compiled as `python -X no_debug_ranges` (a quarter of the library's bytes on the wire)."""
    assert pyodide_run["positions"] == {"stdlib": {"lines": True, "columns": False},
                                        "wheel": {"lines": True, "columns": False}}


def test_pyodide_is_another_interpreter_python_3_14(pyodide_run, bundle):
    assert pyodide_run["python"][:2] == [3, 14], pyodide_run["python"]
    assert pyodide_run["platform"] == "emscripten"
    assert pyodide_run["pyodide"] == bundle[1]["pyodide_version"]
    # Imported from the wheel itself, on sys.path as the browser puts it, not from this repository.
    assert pyodide_run["triage_file"] == f"/lib/checker/{bundle[1]['wheel']}/triage/__init__.pyc"
    assert pyodide_run["triage_version"] == bundle[1]["wheel"].split("-")[1]


def test_lock_sha256_checked_and_nothing_fetched_from_the_network(pyodide_run, bundle):
    # Only the deliberate probe, proving the guard sees Pyodide's fetches; nothing else, ever.
    assert pyodide_run["network"] == [GUARD_PROBE], f"Pyodide tried the network: {pyodide_run['network']}"
    [checked] = pyodide_run["integrity"]["checked"]
    assert checked["file_name"] == bundle[1]["wheel"] and checked["sha256"] == bundle[1]["sha256"]
    # Packages the site does not host fail locally: the pruned lock does not know them.
    # (With the full npm lock, Pyodide under Node would fetch them from cdn.jsdelivr.net.)
    for probe in pyodide_run["probes"]:
        assert probe["loaded"] == [], probe
        assert probe["errors"], probe


def test_pyodide_gives_exactly_what_cpython_gives(pyodide_run, cases):
    expected = run_in_cpython(cases)
    got = pyodide_run["results"]
    assert len(got) == len(cases)
    mismatches = [(c, e, g) for c, e, g in zip(cases, expected, got) if e != g]
    assert not mismatches, "\n".join(f"{c}\n  cpython: {e}\n  pyodide: {g}" for c, e, g in mismatches[:10])


def test_bridge_says_what_evaluate_says(pyodide_run, cases):
    """For well-formed input the bridge's JSON is `evaluate(answers, today).to_json()`."""
    compared = 0
    for case, out in zip(cases, pyodide_run["results"]):
        if "answers" not in case or case["today"] in BAD_TODAYS:
            continue  # raw JSON, bad today, other functions: compared with CPython's bridge above
        step = evaluate(case["answers"], date.fromisoformat(case["today"]))
        assert json.loads(out) == json.loads(json.dumps(step.to_json())), case
        compared += 1
    assert compared >= len(triage.all_paths()) * 2


def test_every_outcome_and_error_is_reached_in_pyodide(pyodide_run, cases):
    results = [json.loads(r) for r in pyodide_run["results"]]
    assert not any("__exception__" in r for r in results if isinstance(r, dict)), pyodide_run["exceptions"]
    outcomes = {r["outcome"] for r in results if isinstance(r, dict) and "outcome" in r}
    assert CONTRACT_OUTCOMES <= outcomes, f"never reached in Pyodide: {sorted(CONTRACT_OUTCOMES - outcomes)}"
    assert outcomes <= CONTRACT_OUTCOMES, f"not in the contract: {sorted(outcomes - CONTRACT_OUTCOMES)}"
    codes = {r["error"]["code"] for r in results if isinstance(r, dict) and isinstance(r.get("error"), dict)}
    assert set(CODES) <= codes, f"error codes never reached in Pyodide: {sorted(set(CODES) - codes)}"
    flags = {f for r in results if isinstance(r, dict) for f in r.get("flags", [])}
    assert set(triage.FLAGS) <= flags, flags
    dates = {d for r in results if isinstance(r, dict) for d in r.get("dates", {})}
    assert set(triage.DATES) <= dates, dates
    questions = {r["next"] for r in results if isinstance(r, dict) and "next" in r}
    assert set(DATE_QUESTIONS) <= questions
    n_paths = len(triage.all_paths())
    print(f"\npyodide: {n_paths} paths, {len(cases)} cases, {len(outcomes)} outcomes, boot {pyodide_run['boot_ms']:.0f} ms")


def test_a_wheel_that_does_not_match_the_lock_is_refused(bundle, tmp_path):
    """Pyodide under Node does not check the lock's sha256 (the browser does: see
    tests/browser/test_pyodide_integrity.py), so run_engine.mjs checks it before booting."""
    folder = tmp_path / "tampered"
    shutil.copytree(bundle[0], folder)
    wheel = folder / bundle[1]["wheel"]
    data = bytearray(wheel.read_bytes())
    data[-100] ^= 0xFF
    wheel.write_bytes(bytes(data))
    with pytest.raises(RuntimeError, match="integrity"):
        run_in_pyodide(folder, [])


def test_a_lock_listing_packages_the_site_does_not_host_is_refused(bundle, bundler, tmp_path):
    """The full npm lock would let Pyodide under Node fetch from its CDN (loadPackage of any
    package it lists but the site does not host): run_engine.mjs refuses such a lock outright."""
    folder = tmp_path / "unpruned"
    shutil.copytree(bundle[0], folder)
    full = json.loads((bundler.files.PYODIDE_NPM_DIR / bundler.LOCK_NAME).read_text())
    full["packages"]["triage"] = json.loads((folder / bundler.LOCK_NAME).read_text())["packages"]["triage"]
    (folder / bundler.LOCK_NAME).write_text(json.dumps(full))
    with pytest.raises(RuntimeError, match="is not in the bundle"):
        run_in_pyodide(folder, [])
