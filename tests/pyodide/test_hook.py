"""hooks/pyodide_bundle.py as MkDocs calls it: writes checker/pyodide/, reuses its cache, and stops
the build with a message saying what to run when the runtime is missing."""
from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import PluginError


class FakeConfig(dict):
    """The two things the hook reads from MkDocs' config."""

    def __init__(self, site_dir):
        super().__init__(site_dir=str(site_dir))
        self.extra: dict = {}


@pytest.fixture
def hook(bundler, monkeypatch, tmp_path):
    monkeypatch.setattr(bundler, "CACHE_DIR", tmp_path / "cache")
    return bundler


def test_post_build_writes_the_bundle_then_reuses_the_cache(hook, tmp_path):
    first = hook.publish(tmp_path / "site1")
    assert first["cached"] is False
    hook.on_post_build(FakeConfig(tmp_path / "site2"))
    out = tmp_path / "site2" / hook.PUBLIC_DIR
    assert sorted(p.name for p in out.iterdir()) == first["files"]
    lock = json.loads((out / hook.LOCK_NAME).read_text())
    assert list(lock["packages"]) == ["triage"]
    assert hook.publish(tmp_path / "site3")["cached"] is True
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first["key"]]


def test_on_config_exposes_paths_and_version_to_templates(hook, tmp_path):
    config = FakeConfig(tmp_path / "site")
    hook.on_config(config)
    info = config.extra["pyodide"]
    assert info["dir"] == hook.PUBLIC_DIR == "checker/pyodide/"
    assert info["module"] == "checker/pyodide/pyodide.mjs"
    assert info["lock"] == "checker/pyodide/pyodide-lock.json"
    assert info["version"] == hook.pyodide_version()


def test_missing_runtime_stops_the_build_with_the_fix(hook, monkeypatch, tmp_path):
    monkeypatch.setattr(hook, "PYODIDE_NPM_DIR", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(PluginError, match=r"npm ci"):
        hook.on_post_build(FakeConfig(tmp_path / "site"))
    with pytest.raises(PluginError, match=r"make serve"):
        hook.on_config(FakeConfig(tmp_path / "site"))
