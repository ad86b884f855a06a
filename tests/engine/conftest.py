"""Fixtures for the rules engine's tests (the `triage` package)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
_REPORT = pytest.StashKey[list[str]]()


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record a line shown in the terminal summary (e.g. how many paths were enumerated)."""
    def add(line: str) -> None:
        print(line)
        request.config.stash.setdefault(_REPORT, []).append(line)
    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_REPORT, [])
    if lines:
        terminalreporter.section("triage")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def flow_text() -> str:
    """The real flow.toml, to break in tests."""
    return (ROOT / "triage" / "flow.toml").read_text(encoding="utf-8")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/checker and content/_data under tmp_path (as checker/ and _data/)."""
    shutil.copytree(ROOT / "content" / "checker", tmp_path / "checker")
    shutil.copytree(ROOT / "content" / "_data", tmp_path / "_data")
    return tmp_path
