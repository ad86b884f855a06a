"""Publishes the bundle into the site: two content-addressed folders under checker/pyodide/, and
the paths (relative to the site root) templates need to load it."""
from __future__ import annotations

import os
import zlib
import shutil
from pathlib import Path
from typing import Any

from . import cache, files
from .current import cached_bundle
from .files import LOCK_NAME, PACKAGE, PUBLIC_DIR


#: What `cached_bundle()` returns: (folder, manifest, was_cached).
Found = tuple[Path, dict[str, Any], bool]


def publish(site_dir: str | os.PathLike[str], found: Found | None = None) -> dict[str, Any]:
    """Copy the (cached) bundle into the site; return its manifest (with `cached`).

    `found` is this build's `cached_bundle()`, if the build already has it (hooks/pyodide_bundle.py
    finds it once, in on_config); otherwise it is found now.

    Two content-addressed folders under `<site_dir>/checker/pyodide/`, so a browser never mixes
    a cached old file with a new one (a stale wheel would fail its sha256 and the checker would
    fall back to its static pages) and a host may cache them for ever:

        <runtime_key>/   pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip
        <package_key>/   pyodide-lock.json, triage-<version>-py3-none-any.whl

    Changing the rules makes a new package folder only: the 13 MB runtime stays cached.
    Folders of earlier builds are removed.
    """
    folder, manifest, was_cached = found or cached_bundle()
    public = Path(site_dir) / PUBLIC_DIR
    wanted = {manifest["runtime_key"]: manifest["runtime_files"], manifest["package_key"]: manifest["package_files"]}
    if public.is_dir():
        for stale in public.iterdir():
            if stale.name not in wanted:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    for key, names in wanted.items():
        dest = public / key
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            src, dst = folder / name, dest / name
            if dst.is_file() and not dst.is_symlink() and files.sha256(dst) == manifest["sha256_files"][name]:
                continue  # a dirty rebuild: already there
            cache.remove(dst)
            shutil.copyfile(src, dst)
            dst.chmod(0o644)  # served to everyone
    return dict(manifest, cached=was_cached)


def template_context(found: Found | None = None) -> dict[str, str]:
    """Paths (relative to the site root), versions and the download's size templates need to load the checker app.

    From `found` (as for `publish`), else builds the bundle if it is not cached yet: its folders
    are named by what is in them.
    """
    folder, manifest, _ = found or cached_bundle()
    runtime = f"{PUBLIC_DIR}{manifest['runtime_key']}/"
    return {
        "dir": runtime,
        "module": runtime + "pyodide.mjs",
        "lock": f"{PUBLIC_DIR}{manifest['package_key']}/{LOCK_NAME}",
        "package": PACKAGE,
        "version": manifest["pyodide_version"],
        # What the engine downloads at most from a host that compresses (deploy/nginx.conf
        # serves the .br/.gz copies): the checker says it before it downloads them for a
        # browser that saves data.
        "download_bytes": download_bytes(folder, manifest["files"]),
    }


def download_bytes(folder: Path, names: list[str]) -> int:
    """The engine's files as a compressing host sends them, at most: each file's size at zlib's
    fastest level (0.2 s for the 14 MB; the brotli copies the host serves are smaller still).
    The uncompressed total (three times as much) would scare a person on metered data away."""
    return sum(len(zlib.compress((folder / name).read_bytes(), 1)) for name in names)
