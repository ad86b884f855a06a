"""The check of the cut standard library: every call of the walk, run again on the cut library
alone (hooks/pyodide_precompile.mjs writes what it saw), must boot, import nothing the cut left
out, and answer exactly as on the full library. Anything else stops the build, naming what is
missing and how to keep it (decisions/stdlib-cut.md)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .files import BundleError

# How Python says a module is missing: "No module named 'x.y'", or, for a submodule a package
# imports from itself, "cannot import name 'y' from partially initialized module 'x'".
_MISSING = re.compile(r"No module named '([\w.]+)'")
_NAME_FROM = re.compile(r"cannot import name '(\w+)' from (?:partially initialized )?module '([\w.]+)'")
FIX = ("a module the checker imports is not in the cut standard library. If the walk "
       "(hooks/checker_bundle/walk.py, `calls`) does not reach the code that imports it, add that "
       "call there; if no call can reach it, add the module's name to walk.EXTRA_MODULES. "
       "decisions/stdlib-cut.md says more")


def module_names(zip_path: Path) -> set[str]:
    """The dotted names of the modules and packages in a library zip (`.py` or `.pyc`)."""
    names = set()
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.namelist():
            stem = member.removesuffix("c") if member.endswith(".pyc") else member
            if stem.endswith(".py"):
                parts = stem[:-3].split("/")
                if parts[-1] == "__init__":
                    parts.pop()
                names.add(".".join(parts))
    return names


def missing_modules(check: dict[str, Any], full: set[str], cut: set[str]) -> list[str]:
    """Library modules the run on the cut library looked for, did not find, and the full one has."""
    wanted = set(check.get("imports", []))
    for text in [check.get("boot_error") or "", *check.get("errors", [])]:
        wanted.update(_MISSING.findall(text))
        wanted.update(f"{package}.{name}" for name, package in _NAME_FROM.findall(text))
    return sorted(name for name in wanted if name in full and name not in cut)


def check(check: dict[str, Any], calls: list[Any], expected: list[str] | None, full_zip: Path,
          cut_zip: Path) -> None:
    """Raise BundleError unless the run on `cut_zip` (`check`, from check.json) lacked nothing.

    `expected`: the results of the same `calls` on the full library (None: not compared).
    """
    missing = missing_modules(check, module_names(full_zip), module_names(cut_zip))
    if missing:
        raise BundleError(f"The cut standard library lacks {', '.join(missing)}: {FIX}.")
    if not check.get("booted"):
        raise BundleError(f"Pyodide could not boot from the cut standard library ({cut_zip.name}): "
                          f"{check.get('boot_error')}: {FIX}.")
    got = check.get("results", [])
    if expected is not None:
        differ = [i for i, (want, have) in enumerate(zip(expected, got)) if want != have]
        if len(got) != len(expected) or differ:
            first = differ[0] if differ else min(len(got), len(expected))
            call = calls[first] if first < len(calls) else "(none)"
            raise BundleError(
                f"On the cut standard library the checker answered {len(differ) or 'some'} of {len(calls)} "
                f"calls differently from the full library, first {call!r}: "
                f"{(expected[first] if first < len(expected) else None)!r} became "
                f"{(got[first] if first < len(got) else None)!r} ({'; '.join(check.get('errors', [])[:3])}): {FIX}."
            )
