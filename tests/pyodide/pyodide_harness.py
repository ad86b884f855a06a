"""Shared by tests/pyodide/ and tests/bench/engine.py: build the bundle, run cases in Pyodide under
Node and in CPython through the very same bridge call."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_engine.mjs")
HOOK = ROOT / "hooks" / "pyodide_bundle.py"

if str(ROOT) not in sys.path:  # `python tests/bench/engine.py` runs from anywhere
    sys.path.insert(0, str(ROOT))


def load_bundler() -> ModuleType:
    """hooks/pyodide_bundle.py, imported by path (hooks/ is not a package)."""
    name = "_pyodide_bundle_hook"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        raise RuntimeError("Node.js is needed to run Pyodide outside a browser: install Node 20 (see Makefile).")
    return exe


def run_in_pyodide(
    bundle_dir: Path,
    cases: list[dict[str, Any]],
    *,
    repeat: int = 1,
    probe_packages: Iterable[str] = (),
    probe_urls: Iterable[str] = (),
    baseline: bool = False,
    bytecode_only: bool = False,
    timeout: float = 180,
) -> dict[str, Any]:
    """Run `cases` through `triage.bridge.evaluate_json` in Pyodide; return run_engine.mjs's report."""
    with tempfile.TemporaryDirectory(prefix="pyodide-run-") as tmp:
        cases_path = Path(tmp) / "cases.json"
        out_path = Path(tmp) / "results.json"
        cases_path.write_text(json.dumps({
            "cases": cases, "repeat": repeat, "probe_packages": list(probe_packages),
            "probe_urls": list(probe_urls), "baseline": baseline, "bytecode_only": bytecode_only,
        }))
        result = subprocess.run(
            [node(), str(RUNNER), str(bundle_dir), str(cases_path), str(out_path)],
            capture_output=True, text=True, timeout=timeout, cwd=tmp,
        )
        if result.returncode != 0 or not out_path.is_file():
            raise RuntimeError(
                f"run_engine.mjs failed (exit {result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return json.loads(out_path.read_text())


def run_in_cpython(cases: list[dict[str, Any]]) -> list[str]:
    """The same calls as run_engine.mjs makes, under this CPython; exceptions reported the same way."""
    from triage import bridge

    out: list[str] = []
    for case in cases:
        if "call" in case:
            function, args = getattr(bridge, case["call"]), case["args"]
        else:
            answers_json = case["answers_json"] if "answers_json" in case else json.dumps(case["answers"])
            function, args = bridge.evaluate_json, [answers_json, case["today"]]
        try:
            out.append(function(*args))
        except Exception as exc:  # noqa: BLE001 - mirrored from the Node runner
            out.append(json.dumps({"__exception__": type(exc).__name__}, separators=(",", ":")))
    return out


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]
