"""hooks/pyodide_bundle.py as MkDocs calls it: writes checker/pyodide/, reuses its cache, and stops
the build with a message saying what to run when the runtime is missing."""
from __future__ import annotations

import hashlib
import json
import re

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
    stale = tmp_path / "site2" / hook.PUBLIC_DIR / "triage-000000000000"
    stale.mkdir(parents=True)
    (stale / hook.LOCK_NAME).write_text("{}")
    hook.on_post_build(FakeConfig(tmp_path / "site2"))
    out = tmp_path / "site2" / hook.PUBLIC_DIR
    # Two folders named by their content; an earlier build's folder is gone.
    assert sorted(p.name for p in out.iterdir()) == sorted([first["runtime_key"], first["package_key"]])
    assert sorted(p.name for p in (out / first["runtime_key"]).iterdir()) == first["runtime_files"]
    assert sorted(p.name for p in (out / first["package_key"]).iterdir()) == first["package_files"]
    lock = json.loads((out / first["package_key"] / hook.LOCK_NAME).read_text())
    assert list(lock["packages"]) == ["triage"]
    # The package folder is named by the wheel's sha256: new rules, new folder, no stale cache.
    wheel = out / first["package_key"] / first["wheel"]
    assert first["package_key"] == "triage-" + hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    assert lock["packages"]["triage"]["file_name"] == first["wheel"]  # next to the lock
    assert hook.publish(tmp_path / "site3")["cached"] is True
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first["key"]]


def test_on_config_exposes_paths_and_version_to_templates(hook, tmp_path):
    config = FakeConfig(tmp_path / "site")
    hook.on_config(config)
    info = config.extra["pyodide"]
    assert hook.PUBLIC_DIR == "checker/pyodide/"
    assert re.fullmatch(r"checker/pyodide/runtime-[0-9a-f]{12}/", info["dir"])
    assert info["module"] == info["dir"] + "pyodide.mjs"
    assert re.fullmatch(r"checker/pyodide/triage-[0-9a-f]{12}/pyodide-lock\.json", info["lock"])
    assert info["version"] == hook.pyodide_version()


def test_missing_runtime_stops_the_build_with_the_fix(hook, monkeypatch, tmp_path):
    monkeypatch.setattr(hook, "PYODIDE_NPM_DIR", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(PluginError, match=r"npm ci"):
        hook.on_post_build(FakeConfig(tmp_path / "site"))
    with pytest.raises(PluginError, match=r"make serve"):
        hook.on_config(FakeConfig(tmp_path / "site"))
