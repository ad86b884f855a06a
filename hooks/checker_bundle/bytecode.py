"""The bytecode step: cuts the standard library to the modules the checker imports and compiles
them and the wheel, in the Pyodide the site ships; then checks the cut.

Runs hooks/pyodide_precompile.mjs under Node, which boots Pyodide, mounts the wheel as the
checker's worker does, makes the walk's calls (walk.py) and runs hooks/pyodide_precompile.py
inside it (that file says why, and what it writes), then makes the calls again on the cut
library alone (checked by stdlib_cut.py). This module prepares its work folder, picks the runtime
it boots from, and keeps one compiled stdlib per set of modules, so the runtime's folder name
stays the same.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from . import cache, files, stdlib_cut, walk
from .files import BundleError

HOOKS = Path(__file__).resolve().parents[1]
#: Compiles the checker's bytecode in Pyodide at build time (see hooks/pyodide_precompile.py).
PRECOMPILE_RUNNER = HOOKS / "pyodide_precompile.mjs"
PRECOMPILE_JOB = PRECOMPILE_RUNNER.with_suffix(".py")
#: The checker's worker: the precompile job puts the wheel on sys.path with its `mountWheel`.
WORKER = files.ROOT / "site_templates" / "assets" / "checker" / "worker.js"


def precompile(wheel: Path, dest: Path) -> dict[str, Any]:
    """Cut the library to what the checker imports and compile it, in Pyodide itself: rewrite
    `wheel` in place, write `dest/python_stdlib.zip`, check it (`stdlib_cut.check`).

    Runs hooks/pyodide_precompile.mjs (Node) in the same Pyodide version the site ships (see
    `boot_runtime`); hooks/pyodide_precompile.py says why and what it writes. Returns its
    report: `{"stdlib": [members], "wheel": [pycs], ...}`.
    """
    calls = walk.calls()
    missing = walk.unwalked(WORKER.read_text(encoding="utf-8"), calls)
    if missing:
        raise BundleError(
            f"{WORKER.relative_to(files.ROOT)} may call {', '.join(missing)} (its FUNCTIONS list), which the walk "
            "never calls: add calls of it to hooks/checker_bundle/walk.py (`calls`), so that the standard "
            "library keeps what it imports (decisions/stdlib-cut.md)."
        )
    with tempfile.TemporaryDirectory(prefix="pyodide-precompile-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copyfile(wheel, work / "in" / wheel.name)
        shutil.copyfile(files.PYODIDE_NPM_DIR / "python_stdlib.zip", work / "in" / "python_stdlib.zip")
        job = {"wheel": wheel.name, "calls": calls, "extra_modules": list(walk.EXTRA_MODULES)}
        report = _run(work, job, boot_runtime(), "precompile.json")
        expected = json.loads((work / "walk.json").read_text(encoding="utf-8"))["results"]
        _check(work, calls, expected)
        shutil.copyfile(work / wheel.name, wheel)
        shutil.copyfile(same_stdlib_as_before(work / "python_stdlib.zip", report["stdlib"]), dest / "python_stdlib.zip")
    return report


def check_stdlib(runtime: Path, wheel: Path, calls: list[Any] | None = None,
                 expected: list[str] | None = None) -> None:
    """Make the walk's calls (or `calls`) on `runtime` (a bundle folder: its pyodide.* and its
    python_stdlib.zip) with `wheel`; raise BundleError if its library lacks anything
    (`stdlib_cut.check`; `expected`: the results to compare with, if given)."""
    with tempfile.TemporaryDirectory(prefix="pyodide-check-") as tmp:
        work = Path(tmp)
        shutil.copyfile(wheel, work / wheel.name)
        shutil.copyfile(runtime / "python_stdlib.zip", work / "python_stdlib.zip")
        calls = walk.calls() if calls is None else calls
        _run(work, {"wheel": wheel.name, "calls": calls, "check_only": True}, runtime, "check.json")
        _check(work, calls, expected)


def _run(work: Path, job: dict[str, Any], runtime: Path, report_name: str) -> dict[str, Any]:
    """Run hooks/pyodide_precompile.mjs on `work` with `job`; return its report `report_name`."""
    node = shutil.which("node")
    if node is None:
        raise BundleError(f"Node.js is needed to compile the checker's bytecode in Pyodide: {files.FIX_NPM}.")
    (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
    result = subprocess.run([node, str(PRECOMPILE_RUNNER), str(runtime), str(work)],
                            capture_output=True, text=True, timeout=300)
    report_path = work / report_name
    if result.returncode != 0 or not report_path.is_file():
        raise BundleError(
            f"Compiling the checker's bytecode in Pyodide failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return json.loads(report_path.read_text(encoding="utf-8"))


def _check(work: Path, calls: list[Any], expected: list[str] | None) -> None:
    check = json.loads((work / "check.json").read_text(encoding="utf-8"))
    stdlib_cut.check(check, calls, expected, files.PYODIDE_NPM_DIR / "python_stdlib.zip",
                     work / "python_stdlib.zip")


def same_stdlib_as_before(fresh: Path, compiled: list[str]) -> Path:
    """The compiled stdlib zip to publish: the one an earlier build made for the same modules.

    Bytecode is not byte-for-byte stable (marshal's output depends on the compiling process's
    state), and the zip names the runtime's folder: without this, a change to the rules alone
    could give the runtime a new folder name, and every visitor would fetch its 13 MB again.
    """
    digest = hashlib.sha256(files.sha256(files.PYODIDE_NPM_DIR / "python_stdlib.zip").encode())
    digest.update(PRECOMPILE_JOB.read_bytes())  # how it is made: a zip made another way is not reused
    digest.update("\n".join(sorted(compiled)).encode())
    stdlib_dir = cache.cache_root().parent / cache.STDLIB_CACHE_NAME
    if not cache.private_dir(stdlib_dir):
        return fresh
    kept = stdlib_dir / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    checksum = kept.with_name(kept.name + ".sha256")  # written with it: a changed zip is not reused
    try:
        reusable = (cache.private_file(kept) and cache.private_file(checksum)
                    and checksum.read_text(encoding="ascii").strip() == files.sha256(kept)
                    and _names(kept) == _names(fresh))  # the very members that were checked
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile):
        reusable = False
    if not reusable:
        partial = kept.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(fresh, partial)
        partial.replace(kept)
        checksum.write_text(files.sha256(kept) + "\n", encoding="ascii")
        for old in sorted(stdlib_dir.glob("python_stdlib-*.zip"), key=lambda p: p.stat().st_mtime)[:-cache.CACHE_KEEP]:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".sha256").unlink(missing_ok=True)
    return kept


def _names(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.namelist()


def boot_runtime() -> Path:
    """The runtime to compile with: an earlier build's (same Pyodide, stdlib already bytecode, so
    it boots in a third of the time: a rules change previews sooner), else the npm one.

    Only how fast the compiler starts depends on this: what it compiles is always read from the
    npm runtime's sources.
    """
    version = files.pyodide_version()
    root = cache.cache_root()
    for folder in sorted(root.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        if folder.name.startswith("."):
            continue  # another build's work in progress
        manifest = cache.verified(folder)  # only a bundle we made and nobody changed runs under Node
        if manifest is not None and manifest.get("pyodide_version") == version:
            return folder
    return files.PYODIDE_NPM_DIR
