"""Fixtures shared by every test folder."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Every build a test makes compresses the checker's runtime quickly (brotli 9, not 11: the wasm's
# best takes about 50 s of CPU, once per clean clone); what a browser gets decompresses the same
# (hooks/precompress.py, decisions/cold-start.md).
os.environ.setdefault("PRECOMPRESS_QUICK", "1")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site built once per test run with `mkdocs build --strict`, as CI and editors build it.

    Under pytest-xdist every worker asks for it: the first to take the lock builds it into the
    run's shared temporary folder, the others wait and reuse it (a build costs 8-20 s of CPU).
    """
    if worker_id == "master":  # not under xdist
        return _build(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, shared by the workers
    out, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            _build(out)
            done.write_text("ok")
    return out


def _build(out: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return out
