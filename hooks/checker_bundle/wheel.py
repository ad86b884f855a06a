"""Builds the `triage` py3-none-any wheel from the working tree: hatchling in-process, offline."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import files
from .files import PACKAGE, BundleError

#: What the wheel is built from: any change here means a new wheel.
WHEEL_SOURCES = ("pyproject.toml", "hatch_build.py", "triage", "content/checker", "content/_data")


def build_wheel(out_dir: str | os.PathLike[str]) -> Path:
    """Build the `triage` py3-none-any wheel from the working tree into `out_dir`; return its path.

    Uses hatchling in-process (no network, no build isolation, about 0.1 s once imported). The
    wheel is reproducible: hatchling fixes every timestamp, so the same sources give the same
    sha256.
    """
    root = files.ROOT
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for rel in WHEEL_SOURCES:
        if not (root / rel).exists():
            raise BundleError(
                f"Cannot build the {PACKAGE} wheel: {root / rel} does not exist "
                "(pyproject.toml packs triage/ with the wording compiled from content/checker and content/_data). "
                "Restore it, or create the folder if it is meant to be empty."
            )
    try:
        from hatchling.builders.wheel import WheelBuilder
    except ImportError:
        return _build_wheel_with_pip(out)
    try:
        built = list(WheelBuilder(str(root)).build(directory=str(out), versions=["standard"]))
    except Exception as exc:  # hatchling reports config and file errors with plain exceptions
        raise BundleError(f"hatchling could not build the {PACKAGE} wheel from {root}/pyproject.toml: {exc}") from exc
    wheels = [Path(p) for p in built if p.endswith(".whl")]
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise BundleError(f"Expected one py3-none-any wheel from hatchling, got {built!r}.")
    return wheels[0]


def _build_wheel_with_pip(out: Path) -> Path:
    """Fallback when hatchling is not importable here: pip, still offline and without isolation."""
    before = set(out.glob(f"{PACKAGE}-*.whl"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(out), str(files.ROOT)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BundleError(
            f"Building the {PACKAGE} wheel failed (hatchling missing? {files.FIX_PY}):\n{result.stdout}\n{result.stderr}"
        )
    wheels = sorted(set(out.glob(f"{PACKAGE}-*-py3-none-any.whl")) - before) or sorted(out.glob(f"{PACKAGE}-*-py3-none-any.whl"))
    if not wheels:
        raise BundleError(f"pip reported success but wrote no {PACKAGE} wheel into {out}.")
    return wheels[-1]
