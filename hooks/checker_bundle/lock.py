"""Writes the bundle's Pyodide lock file: the npm runtime's lock with the `triage` wheel added
(pyodide-build, offline), then pruned to that wheel, so Pyodide never looks a package up on a CDN."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import files
from .files import LOCK_NAME, PACKAGE, BundleError


def _pyodide_cli() -> list[str]:
    try:
        import pyodide_cli  # noqa: F401  (installed with pyodide-build)
    except ImportError:
        exe = shutil.which("pyodide")
        if exe is None:
            raise BundleError(f"pyodide-build is not installed for {sys.executable}: {files.FIX_PY}.") from None
        return [exe]
    return [sys.executable, "-m", "pyodide_cli"]


def write_lock(wheel: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """Write `out_dir/pyodide-lock.json` listing `wheel` (by file name, with its sha256) and nothing else.

    `pyodide lockfile add-wheels` (pyodide-build, offline) resolves the wheel against the npm
    runtime's lock; the result is then pruned to the wheel and its dependencies, which must all
    be hosted next to it, so no package can ever be looked up on a CDN. The wheel's file name is
    relative: the browser fetches it next to the lock file, with the sha256 as its integrity.
    """
    wheel = Path(wheel).resolve()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files.check_runtime()
    with tempfile.TemporaryDirectory(prefix="pyodide-lock-") as tmp:
        full = Path(tmp) / LOCK_NAME
        cmd = [*_pyodide_cli(), "lockfile", "add-wheels",
               "--input", str(files.PYODIDE_NPM_DIR / LOCK_NAME), "--output", str(full),
               "--base-path", str(wheel.parent), str(wheel)]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        if result.returncode != 0 or not full.is_file():
            raise BundleError(
                f"`pyodide lockfile add-wheels` failed for {wheel.name} (exit {result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\nIf pyodide-build is missing: {files.FIX_PY}."
            )
        lock = json.loads(full.read_text(encoding="utf-8"))

    packages = lock.get("packages", {})
    entry = packages.get(PACKAGE)
    if entry is None:
        raise BundleError(f"`pyodide lockfile add-wheels` wrote no entry for {PACKAGE!r}.")
    # Keep the wheel and everything it depends on; every kept package must be one we host.
    keep: dict[str, Any] = {}
    todo = [PACKAGE]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        if name not in packages:
            raise BundleError(f"{PACKAGE} depends on {name!r}, which the Pyodide lock does not list.")
        keep[name] = packages[name]
        todo.extend(packages[name].get("depends", []))
    foreign = sorted(n for n in keep if n != PACKAGE)
    if foreign:
        raise BundleError(
            f"The {PACKAGE} wheel depends on {', '.join(foreign)}, which the site does not host "
            "(the checker's rules must have no run-time dependencies; see pyproject.toml)."
        )
    entry = dict(entry, file_name=wheel.name)
    actual = files.sha256(wheel)
    if entry.get("sha256") != actual:
        raise BundleError(f"The lock's sha256 for {wheel.name} ({entry.get('sha256')}) is not the wheel's ({actual}).")
    pruned = {"info": lock["info"], "packages": {PACKAGE: entry}}
    path = out / LOCK_NAME
    path.write_text(json.dumps(pruned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
