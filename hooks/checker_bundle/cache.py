"""The on-disk cache of finished bundles, and the check a cached bundle must pass before anything in
it is published or run under Node.

One folder per source hash: inside the project (build/ is git-ignored), else a per-user cache
folder; never a shared temporary folder. Every folder is owner-only, and everything in it is
checked against its manifest's sha256s (`verified`): a planted or corrupted bundle is rebuilt.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from . import files
from .files import LOCK_NAME, PACKAGE, RUNTIME_FILES, BundleError

CACHE_DIR = files.ROOT / "build" / "pyodide-bundle"
USER_CACHE_NAME = "police-complaints-london"  # ~/.cache/<this>/pyodide-bundle (XDG_CACHE_HOME)
CACHE_KEEP = 3
#: Compiled stdlib zips, one per set of modules compiled (see `bytecode.same_stdlib_as_before`);
#: beside the bundles' folder.
STDLIB_CACHE_NAME = "pyodide-stdlib"
MANIFEST_NAME = "bundle.json"  # kept in the cache only, not published


def private_dir(path: Path) -> bool:
    """Create `path` owner-only if needed; True if it is a real folder only this user can change."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return False
    return path.is_dir() and not path.is_symlink() and _owner_only(info)


def private_file(path: Path) -> bool:
    """True if `path` is a real file (not a link) only this user can change."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return path.is_file() and not path.is_symlink() and _owner_only(info)


def _owner_only(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (so nobody else can plant a file)."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / USER_CACHE_NAME / "pyodide-bundle"


def cache_root() -> Path:
    """The bundles' folder: build/pyodide-bundle in the project, else the per-user cache folder."""
    for folder in (CACHE_DIR, _user_cache()):
        if private_dir(folder):
            return folder
    raise BundleError(
        f"No private folder for the Pyodide bundle's cache: {CACHE_DIR} and {_user_cache()} must be "
        "folders owned by you that nobody else can write to (chmod go-w them, or remove them)."
    )


def verified(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest if everything in it is what the manifest says, else None.

    Checks: an owner-only folder of owner-only files, exactly the files the manifest lists, each
    with its sha256; the runtime's files (but the compiled stdlib) identical to npm's; the wheel
    the one the lock names, with the lock's sha256.
    """
    try:
        if not (folder.is_dir() and not folder.is_symlink() and _owner_only(folder.lstat())):
            return None
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        hashes = manifest["sha256_files"]
        names = set(manifest["files"])
        present = {p.name for p in folder.iterdir()} - {MANIFEST_NAME}
        if manifest.get("key") != folder.name or set(hashes) != names or present != names:
            return None
        if not all(private_file(folder / n) and files.sha256(folder / n) == hashes[n] for n in names):
            return None
        if any(hashes[n] != files.npm_sha256(n) for n in RUNTIME_FILES if n != "python_stdlib.zip"):
            return None
        lock = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))
        entry = lock["packages"][PACKAGE]
        if entry["file_name"] != manifest["wheel"] or entry["sha256"] != hashes[manifest["wheel"]]:
            return None
        return manifest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remove(path: Path) -> None:
    """Remove a file, a link or a folder, whichever `path` is."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
