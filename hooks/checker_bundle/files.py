"""What every step of the bundle shares: where the npm Pyodide runtime is, what the bundle's files
are called, the error each step raises, and a file's sha256.

Other modules read `files.PYODIDE_NPM_DIR` when they run (never a copy taken at import), so a
test can point it elsewhere in this one place.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_NPM_DIR = ROOT / "node_modules" / "pyodide"

#: Where the bundle lives in the built site, relative to the site root (ends with "/").
PUBLIC_DIR = "checker/pyodide/"
#: The lock file's name inside the bundle.
LOCK_NAME = "pyodide-lock.json"
#: The package the checker loads by name.
PACKAGE = "triage"
#: The only files of the Pyodide runtime the site ships (about 13.6 MB, 4.2 MB brotli, the
#: standard library cut: decisions/stdlib-cut.md).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

FIX_NPM = "run `make serve` (or `npm ci`) to install the Pyodide runtime into node_modules/"
FIX_PY = "run `make serve` (or `.venv/bin/python -m pip install -e '.[dev]'`)"

log = logging.getLogger("mkdocs.hooks.pyodide_bundle")


class BundleError(RuntimeError):
    """The bundle could not be built; the message says what to do."""


def pyodide_version() -> str:
    """The version of the npm `pyodide` package in node_modules (e.g. "314.0.7")."""
    package_json = PYODIDE_NPM_DIR / "package.json"
    try:
        return json.loads(package_json.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise BundleError(f"Cannot read the Pyodide version from {package_json} ({exc}): {FIX_NPM}.") from exc


def check_runtime() -> None:
    """Stop with the fix if any file the bundle takes from the npm runtime is missing."""
    missing = [n for n in (*RUNTIME_FILES, LOCK_NAME, "package.json") if not (PYODIDE_NPM_DIR / n).is_file()]
    if missing:
        raise BundleError(
            f"The Pyodide runtime is missing from {PYODIDE_NPM_DIR} ({', '.join(missing)}): {FIX_NPM}."
        )


def sha256(path: Path) -> str:
    """The file's sha256 (hex), read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_NPM_HASHES: dict[tuple[str, int, int], str] = {}


def npm_sha256(name: str) -> str:
    """sha256 of a file of the npm runtime, computed once per version of the file."""
    path = PYODIDE_NPM_DIR / name
    st = path.stat()
    key = (name, st.st_size, st.st_mtime_ns)
    if key not in _NPM_HASHES:
        _NPM_HASHES[key] = sha256(path)
    return _NPM_HASHES[key]
