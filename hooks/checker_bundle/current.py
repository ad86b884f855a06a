"""The bundle for the current sources: a hash of everything that goes into it names its cache
folder; a verified cached bundle is reused, anything else under that name is built again."""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import cache, files
from .assemble import bundle
from .bytecode import PRECOMPILE_JOB, PRECOMPILE_RUNNER, WORKER
from .files import LOCK_NAME, RUNTIME_FILES, BundleError, log
from .wheel import WHEEL_SOURCES

#: The code that makes the bundle: the hook and this package (a change to it means a new bundle).
_HERE = Path(__file__).resolve().parent
BUNDLER_CODE = (_HERE.parent / "pyodide_bundle.py", *sorted(_HERE.glob("*.py")))


def _source_files() -> list[Path]:
    found: list[Path] = []
    for rel in WHEEL_SOURCES:
        top = files.ROOT / rel
        if top.is_file():
            found.append(top)
        elif top.is_dir():
            for path in top.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}:
                    found.append(path)
    return sorted(found)


def source_hash() -> str:
    """Hash of the wheel's sources, the runtime's version and lock, and the bundler's own code."""
    npm = files.PYODIDE_NPM_DIR
    digest = hashlib.sha256()
    inputs = [*_source_files(), npm / "package.json", npm / LOCK_NAME,
              *BUNDLER_CODE, PRECOMPILE_RUNNER, PRECOMPILE_JOB, WORKER]
    for path in inputs:
        digest.update(str(path.relative_to(files.ROOT) if path.is_relative_to(files.ROOT) else path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    for name in RUNTIME_FILES:  # big files: size and mtime are enough to notice an npm reinstall
        st = (npm / name).stat()
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def cached_bundle() -> tuple[Path, dict[str, Any], bool]:
    """The finished bundle for the current sources: (folder, manifest, was_cached).

    A cached folder is used only if `cache.verified`; anything else under its name (planted,
    half written, corrupted) is removed and the bundle built again.
    """
    files.check_runtime()
    key = source_hash()
    root = cache.cache_root()
    folder = root / key
    if folder.exists() or folder.is_symlink():
        manifest = cache.verified(folder)
        if manifest is not None:
            return folder, manifest, True
        log.warning("Pyodide bundle: the cached bundle in %s does not match its manifest; building it again", folder)
        cache.remove(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))  # owner-only (0700)
    log.info("Pyodide bundle: the rules changed, building the triage wheel and compiling its bytecode in Pyodide")
    try:
        manifest = bundle(tmp)
        manifest["key"] = key
        manifest["sha256_files"] = {name: files.sha256(tmp / name) for name in manifest["files"]}
        (tmp / cache.MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in tmp.iterdir():
            path.chmod(0o600)
        try:
            tmp.rename(folder)  # atomic; another build may have won the race, which is fine
        except OSError:
            if cache.verified(folder) is None:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if cache.verified(folder) is None:
        raise BundleError(f"The bundle just built in {folder} does not match its manifest.")
    # Keep the cache small: the newest few bundles (another build may still be copying one).
    others = sorted((p for p in root.iterdir() if p.name != key and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[cache.CACHE_KEEP - 1:]:
        cache.remove(old)
    return folder, manifest, False
