"""Fixtures for tests/pyodide/: the Pyodide bundle, built once per run the way the site builds it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pyodide_harness import load_bundler


@pytest.fixture(scope="session")
def bundler():
    """hooks/pyodide_bundle.py as a module."""
    return load_bundler()


@pytest.fixture(scope="session")
def bundle(bundler, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(folder, manifest): a fresh bundle written by `bundle()` (no cache), as `checker/pyodide/`."""
    folder = tmp_path_factory.mktemp("site") / bundler.PUBLIC_DIR
    try:
        manifest = bundler.bundle(folder)
    except bundler.BundleError as exc:
        pytest.fail(str(exc))
    return folder, manifest
