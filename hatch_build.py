"""Hatchling build hook: compile the editors' wording into the wheel as `triage/wording.json`.

The wheel carries no `.md` or `.yml` file: the wording (content/checker/) and the shared data
(content/_data/) are read and checked here, at build time, with triage's own compiler
(triage/wording_compiler.py and its triage/wording_*.py helpers, which need PyYAML and are
themselves left out of the wheel). A mistake in an editor's file stops the build with the file,
the line and the fix.

Editable installs (`make setup`) get no compiled file: there triage compiles `content/` when
first used, so it is never stale (see decisions/wording-compiled-at-build.md).
"""
from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileWording(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        compiler = _compiler(Path(self.root))
        self._tmp = Path(tempfile.mkdtemp(prefix="triage-wording-"))
        try:
            compiled = compiler.write(self._tmp / "wording.json", Path(self.root) / "content")
        except compiler.WordingError as exc:
            raise ValueError(f"{exc}\nSee content/checker/README.md for the format.") from None
        build_data["force_include"][str(compiled)] = "triage/wording.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_tmp", None) is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)


def _compiler(root: Path) -> Any:
    """This tree's triage.wording_compiler (not another installed copy of triage)."""
    loaded = sys.modules.get("triage")
    if loaded is not None and Path(loaded.__file__).resolve().parent != root / "triage":
        raise RuntimeError(f"Another `triage` ({loaded.__file__}) is imported: build from {root}")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module("triage.wording_compiler")
