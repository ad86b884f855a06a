"""Puts the whole bundle into one flat folder (wheel, bytecode, lock, runtime) and describes it: the
manifest the cache keeps and the site's folder names come from."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from . import files
from .bytecode import precompile
from .files import LOCK_NAME, PACKAGE, RUNTIME_FILES
from .lock import write_lock
from .wheel import build_wheel


def _files_key(prefix: str, folder: Path, names: tuple[str, ...] | list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(f"{name}\0{files.sha256(folder / name)}\0".encode())
    return f"{prefix}-{digest.hexdigest()[:12]}"


def bundle(dest_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Write the whole bundle into `dest_dir` (created if needed, one flat folder) and describe it.

    Returns ``{"files": [...], "wheel": name, "sha256": hex, "wheel_bytes": n,
    "pyodide_version": "314.0.7", "python": "3.14.2", "runtime_files": [...],
    "package_files": [...], "runtime_key": "runtime-<hash>", "package_key": "triage-<hash>",
    "precompiled": {"stdlib": n, "wheel": n}}``. The keys name the folders the site publishes
    the two halves in (see `publish.publish`).
    """
    files.check_runtime()
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    wheel = build_wheel(dest)
    report = precompile(wheel, dest)
    lock_path = write_lock(wheel, dest)
    for name in RUNTIME_FILES:
        if name != "python_stdlib.zip":  # precompile() wrote it
            shutil.copyfile(files.PYODIDE_NPM_DIR / name, dest / name)
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    package_files = sorted([wheel.name, LOCK_NAME])
    return {
        "files": sorted([*RUNTIME_FILES, *package_files]),
        "runtime_files": sorted(RUNTIME_FILES),
        "package_files": package_files,
        "runtime_key": _files_key("runtime", dest, RUNTIME_FILES),
        "package_key": f"{PACKAGE}-{lock['packages'][PACKAGE]['sha256'][:12]}",
        "wheel": wheel.name,
        "sha256": lock["packages"][PACKAGE]["sha256"],
        "wheel_bytes": wheel.stat().st_size,
        "pyodide_version": files.pyodide_version(),
        "python": lock["info"].get("python", ""),
        "precompiled": {"stdlib": len(report["stdlib"]), "wheel": len(report["wheel"])},
    }
