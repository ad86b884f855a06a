"""Throw-away copies of the project, and building them, for the site tests.

A module of its own, not conftest.py: test files import these by name, and each test folder has
a conftest.py of its own, so `from conftest import ...` could find the wrong one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Not copied into a throw-away project: history, environments, outputs and the tests themselves.
_SKIP = {".git", ".venv", "node_modules", "site", "build", "dist", "tests", "__pycache__",
         ".pytest_cache", ".hypothesis", "test-results"}


#: Hooks a throw-away copy can do without: the Pyodide bundle builds a wheel, precompressing
#: starts from an empty cache in a copy (slow, and not what these tests are about). The site's
#: own build (`built_site`) always runs every hook.
SLOW_HOOKS = ("hooks/pyodide_bundle.py", "hooks/precompress.py")


def copy_project(dest: Path, *, without_hooks: tuple[str, ...] = SLOW_HOOKS) -> Path:
    """A copy of the project an editor could break, without history, outputs or tests."""
    shutil.copytree(ROOT, dest, ignore=lambda _dir, names: [n for n in names if n in _SKIP])
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(l for l in lines if not any(f"- {h}" in l for h in without_hooks)),
                      encoding="utf-8")
    return dest


def build(project: Path, site_dir: Path | None = None, *,
          flags: tuple[str, ...] = ("--strict",)) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (by default `--strict`) of `project`; `flags` replaces `--strict`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "--site-dir",
         str(site_dir or project / "site")],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
