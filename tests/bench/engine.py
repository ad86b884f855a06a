"""How fast are the checker's rules, under CPython and in Pyodide? A script, not a test.

    .venv/bin/python tests/bench/engine.py        (make bench)

A "step" is one call the browser makes after each answer: `triage.bridge.evaluate_json(answers,
today)` with the answers so far, for every prefix of every complete path. Under Pyodide it runs
in Node from the bundle the site ships, timed inside the JS runtime with performance.now() around
each call. The baseline is the same calls to a function doing only the bridge's JSON round trip
(json.loads + json.dumps), timed the same way in the same process, so ratios compare like with
like across machines.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pyodide"))

from pyodide_harness import ROOT, load_bundler, percentile, run_in_pyodide  # noqa: E402

TODAY = date(2026, 3, 10)
REPEAT_CPYTHON = 50   # calls per step under CPython
REPEAT_PYODIDE = 20   # calls per step in Pyodide
RUNS_ALL_PATHS = 20   # timings of "check every path" (best and median reported)


def us(ms: float) -> str:
    return f"{ms * 1000:.1f} µs"


def main() -> None:
    t0 = time.perf_counter()
    import triage
    from triage import bridge, evaluate
    import_ms = (time.perf_counter() - t0) * 1000

    routes = triage.all_paths()
    complete = [route.answers() for route in routes]
    steps: list[dict] = []
    for answers in complete:
        items = list(answers.items())
        steps += [dict(items[:k]) for k in range(1, len(items) + 1)]
    today_iso = TODAY.isoformat()
    cases = [{"answers": a, "today": today_iso} for a in steps]

    # Warm the caches (flow and wording are loaded once per process), as a long-lived page would.
    t0 = time.perf_counter()
    for answers in complete:
        evaluate(answers, TODAY)
    first_ms = (time.perf_counter() - t0) * 1000

    runs = []
    for _ in range(RUNS_ALL_PATHS):
        t0 = time.perf_counter()
        for answers in complete:
            evaluate(answers, TODAY)
        runs.append((time.perf_counter() - t0) * 1000)

    def timed(function, repeat: int) -> list[float]:
        out = []
        for case in cases:
            s = json.dumps(case["answers"])
            for _ in range(repeat):
                t = time.perf_counter_ns()
                function(s, today_iso)
                out.append((time.perf_counter_ns() - t) / 1e6)
        return out

    cpy_step = timed(bridge.evaluate_json, REPEAT_CPYTHON)
    cpy_base = timed(lambda s, t: json.dumps(json.loads(s)), REPEAT_CPYTHON)
    # A bare dict lookup loop: what one "step" costs in plain lookups.
    table = {f"q{i}": i for i in range(16)}
    keys = list(table) * 1000
    t0 = time.perf_counter_ns()
    for k in keys:
        table[k]
    lookup_ms = (time.perf_counter_ns() - t0) / 1e6 / len(keys)

    bundler = load_bundler()
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        t0 = time.perf_counter()
        manifest = bundler.bundle(Path(tmp) / "bundle")
        bundle_s = time.perf_counter() - t0
        folder = Path(tmp) / "bundle"
        bundle_bytes = sum(p.stat().st_size for p in folder.iterdir())
        run = run_in_pyodide(folder, cases, repeat=REPEAT_PYODIDE, baseline=True)
    if run["network"]:
        raise SystemExit(f"Pyodide tried the network: {run['network']}")

    py_step, py_base = run["step_ms"], run["baseline_ms"]
    cpy_med, py_med = statistics.median(cpy_step), statistics.median(py_step)

    print(f"paths: {len(routes)}")
    print(f"steps (answer prefixes): {len(steps)}")
    print(f"cpython: {sys.version.split()[0]}")
    print(f"cpython import triage: {import_ms:.1f} ms")
    print(f"cpython all paths, first run: {first_ms:.1f} ms")
    print(f"cpython all paths: {min(runs):.2f} ms (median {statistics.median(runs):.2f} ms, {len(routes)} paths)")
    print(f"cpython per path: {us(min(runs) / len(routes))}")
    print(f"cpython step median: {us(cpy_med)}")
    print(f"cpython step p95: {us(percentile(cpy_step, 95))}")
    print(f"cpython baseline (json round trip) median: {us(statistics.median(cpy_base))}")
    print(f"cpython step / json round trip: {cpy_med / statistics.median(cpy_base):.1f}x")
    print(f"cpython dict lookup: {lookup_ms * 1e6:.1f} ns; step / dict lookup: {cpy_med / lookup_ms:,.0f}x")
    print(f"pyodide: {run['pyodide']} (Python {'.'.join(map(str, run['python']))}) under Node")
    print(f"pyodide boot (loadPyodide + triage wheel): {run['boot_ms']:.0f} ms")
    print(f"pyodide import triage.bridge: {run['import_bridge_ms']:.1f} ms")
    print(f"pyodide step median: {us(py_med)}")
    print(f"pyodide step p95: {us(percentile(py_step, 95))}")
    print(f"pyodide baseline (json round trip) median: {us(statistics.median(py_base))}")
    print(f"pyodide step / json round trip: {py_med / statistics.median(py_base):.1f}x")
    print(f"pyodide / cpython step: {py_med / cpy_med:.1f}x")
    print(f"wheel: {manifest['wheel']} {manifest['wheel_bytes']} bytes ({manifest['wheel_bytes'] / 1024:.1f} KiB)")
    print(f"bundle: {len(manifest['files'])} files, {bundle_bytes} bytes ({bundle_bytes / 1024 / 1024:.1f} MiB)")
    print(f"bundle build (wheel + lock + copy): {bundle_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
