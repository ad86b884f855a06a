"""The bytecode step: compiles, in the Pyodide the site ships, the modules the checker imports.

Runs hooks/pyodide_precompile.mjs under Node, which boots Pyodide, mounts the wheel as the
checker's worker does and runs hooks/pyodide_precompile.py inside it (that file says why, and
what it writes). This module prepares its work folder, picks the runtime it boots from, and
keeps one compiled stdlib per set of modules, so the runtime's folder name stays the same.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from . import cache, files
from .files import BundleError

HOOKS = Path(__file__).resolve().parents[1]
#: Compiles the checker's bytecode in Pyodide at build time (see hooks/pyodide_precompile.py).
PRECOMPILE_RUNNER = HOOKS / "pyodide_precompile.mjs"
PRECOMPILE_JOB = PRECOMPILE_RUNNER.with_suffix(".py")
#: The checker's worker: the precompile job puts the wheel on sys.path with its `mountWheel`.
WORKER = files.ROOT / "site_templates" / "assets" / "checker" / "worker.js"


def precompile(wheel: Path, dest: Path) -> dict[str, Any]:
    """Compile, in Pyodide itself, what the checker imports: rewrite `wheel` in place, write `dest/python_stdlib.zip`.

    Runs hooks/pyodide_precompile.mjs (Node) in the same Pyodide version the site ships (see
    `boot_runtime`); hooks/pyodide_precompile.py says why and what it writes. Returns its
    report: `{"stdlib": [members], "wheel": [pycs], ...}`.
    """
    import triage

    node = shutil.which("node")
    if node is None:
        raise BundleError(f"Node.js is needed to compile the checker's bytecode in Pyodide: {files.FIX_NPM}.")
    # Every route, with a date and without: the job then imports all the browser's worker will.
    today = "2026-03-01"
    cases = [{"answers": route.answers(day), "today": today}
             for route in triage.all_paths() for day in ("unknown", "2026-02-02")]
    with tempfile.TemporaryDirectory(prefix="pyodide-precompile-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copyfile(wheel, work / "in" / wheel.name)
        shutil.copyfile(files.PYODIDE_NPM_DIR / "python_stdlib.zip", work / "in" / "python_stdlib.zip")
        (work / "job.json").write_text(json.dumps({"wheel": wheel.name, "cases": cases}), encoding="utf-8")
        result = subprocess.run([node, str(PRECOMPILE_RUNNER), str(boot_runtime()), str(work)],
                                capture_output=True, text=True, timeout=300)
        report_path = work / "precompile.json"
        if result.returncode != 0 or not report_path.is_file():
            raise BundleError(
                f"Compiling the checker's bytecode in Pyodide failed (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        report = json.loads(report_path.read_text(encoding="utf-8"))
        shutil.copyfile(work / wheel.name, wheel)
        shutil.copyfile(same_stdlib_as_before(work / "python_stdlib.zip", report["stdlib"]), dest / "python_stdlib.zip")
    return report


def same_stdlib_as_before(fresh: Path, compiled: list[str]) -> Path:
    """The compiled stdlib zip to publish: the one an earlier build made for the same modules.

    Bytecode is not byte-for-byte stable (marshal's output depends on the compiling process's
    state), and the zip names the runtime's folder: without this, a change to the rules alone
    could give the runtime a new folder name, and every visitor would fetch its 13 MB again.
    """
    digest = hashlib.sha256(files.sha256(files.PYODIDE_NPM_DIR / "python_stdlib.zip").encode())
    digest.update("\n".join(sorted(compiled)).encode())
    stdlib_dir = cache.cache_root().parent / cache.STDLIB_CACHE_NAME
    if not cache.private_dir(stdlib_dir):
        return fresh
    kept = stdlib_dir / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    checksum = kept.with_name(kept.name + ".sha256")  # written with it: a changed zip is not reused
    try:
        reusable = (cache.private_file(kept) and cache.private_file(checksum)
                    and checksum.read_text(encoding="ascii").strip() == files.sha256(kept))
    except (OSError, UnicodeDecodeError):
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
