"""hooks/pyodide_bundle.py as MkDocs calls it: writes checker/pyodide/, reuses its cache, and stops
the build with a message saying what to run when the runtime is missing."""
from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest
from mkdocs.exceptions import PluginError


class FakeConfig(dict):
    """The two things the hook reads from MkDocs' config."""

    def __init__(self, site_dir):
        super().__init__(site_dir=str(site_dir))
        self.extra: dict = {}


@pytest.fixture
def hook(bundler, monkeypatch, tmp_path):
    from sitekit import state  # hooks/ is on sys.path: the hook's own build state

    monkeypatch.setattr(bundler.cache, "CACHE_DIR", tmp_path / "cache")
    state.reset()  # a new build, as hooks/site_data.py starts one: no bundle an earlier test found
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


def test_missing_runtime_stops_the_build_with_the_fix(hook, monkeypatch, tmp_path):
    monkeypatch.setattr(hook.files, "PYODIDE_NPM_DIR", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(PluginError, match=r"npm ci"):
        hook.on_post_build(FakeConfig(tmp_path / "site"))
    with pytest.raises(PluginError, match=r"make serve"):
        hook.on_config(FakeConfig(tmp_path / "site"))


# -- the cache cannot be planted ------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_cache(bundler, tmp_path_factory):
    """A cache holding one bundle, built once for this file's tests (each gets a copy)."""
    root = tmp_path_factory.mktemp("built-cache") / "cache"
    saved = bundler.cache.CACHE_DIR
    bundler.cache.CACHE_DIR = root
    try:
        bundler.cached_bundle()
    finally:
        bundler.cache.CACHE_DIR = saved
    return root


@pytest.fixture
def cached(bundler, built_cache, monkeypatch, tmp_path):
    """(folder, manifest) of a bundle in the test's own copy of the cache."""
    root = tmp_path / "cache"
    shutil.copytree(built_cache, root)  # copies the owner-only modes too
    monkeypatch.setattr(bundler.cache, "CACHE_DIR", root)
    (folder,) = [p for p in root.iterdir() if not p.name.startswith(".")]
    return folder, json.loads((folder / bundler.MANIFEST_NAME).read_text())


def test_the_cache_is_owner_only_and_every_file_is_in_the_manifest(bundler, cached):
    folder, manifest = cached
    assert folder.stat().st_mode & 0o077 == 0
    assert sorted(manifest["sha256_files"]) == sorted(manifest["files"])
    assert all((folder / n).stat().st_mode & 0o077 == 0 for n in manifest["files"])
    assert bundler.cached_bundle()[2] is True  # unchanged: reused


def test_a_build_finds_the_bundle_once(hook, cached, monkeypatch, tmp_path):
    """on_config finds the bundle (hashing every source, checking every cached file's sha256) and
    on_post_build publishes that one: the build's state carries it (hooks/sitekit/state.py). From
    a copy of the module's cache (`cached`), so no bundle is built from nothing for this."""
    from checker_bundle import publish

    calls, real = [], hook.cached_bundle

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(publish, "cached_bundle", counted)
    monkeypatch.setattr(hook, "cached_bundle", counted)
    config = FakeConfig(tmp_path / "site")
    hook.on_config(config)
    hook.on_post_build(config)
    assert len(calls) == 1
    assert config.extra["pyodide"]["lock"] in {str(p.relative_to(tmp_path / "site")) for p in (tmp_path / "site").rglob("*")}


def test_on_config_exposes_paths_and_version_to_templates(hook, cached, tmp_path):
    # From a copy of the module's cache: on_config finds the bundle, which is not built again.
    config = FakeConfig(tmp_path / "site")
    hook.on_config(config)
    info = config.extra["pyodide"]
    assert hook.PUBLIC_DIR == "checker/pyodide/"
    assert re.fullmatch(r"checker/pyodide/runtime-[0-9a-f]{12}/", info["dir"])
    assert info["module"] == info["dir"] + "pyodide.mjs"
    assert re.fullmatch(r"checker/pyodide/triage-[0-9a-f]{12}/pyodide-lock\.json", info["lock"])
    assert info["version"] == hook.pyodide_version()


def _plant(bundler, folder, manifest, plant):
    if plant == "corrupt_wheel":
        with (folder / manifest["wheel"]).open("r+b") as fh:
            fh.seek(100)
            fh.write(b"\0" * 16)
    elif plant == "planted_runtime":
        # A consistent manifest does not help: the runtime must be npm's, byte for byte.
        evil = folder / "pyodide.asm.mjs"
        evil.write_text("globalThis.planted = true;\n")
        data = json.loads((folder / bundler.MANIFEST_NAME).read_text())
        data["sha256_files"]["pyodide.asm.mjs"] = hashlib.sha256(evil.read_bytes()).hexdigest()
        (folder / bundler.MANIFEST_NAME).write_text(json.dumps(data))
    elif plant == "planted_wheel":
        # Wheel and manifest agree, but the lock names another sha256.
        wheel = folder / manifest["wheel"]
        wheel.write_bytes(b"PK planted")
        data = json.loads((folder / bundler.MANIFEST_NAME).read_text())
        data["sha256_files"][manifest["wheel"]] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        (folder / bundler.MANIFEST_NAME).write_text(json.dumps(data))
    elif plant == "extra_file":
        (folder / "evil.js").write_text("alert(1)")
    elif plant == "group_writable":
        folder.chmod(0o777)
    elif plant == "symlinked_file":
        (folder / "pyodide.mjs").unlink()
        (folder / "pyodide.mjs").symlink_to(bundler.files.PYODIDE_NPM_DIR / "pyodide.mjs")
    elif plant == "no_manifest":
        (folder / bundler.MANIFEST_NAME).unlink()


PLANTS = ["corrupt_wheel", "planted_runtime", "planted_wheel", "extra_file", "group_writable",
          "symlinked_file", "no_manifest"]


@pytest.mark.parametrize("plant", PLANTS)
def test_a_planted_or_corrupted_bundle_is_refused(bundler, cached, plant):
    folder, manifest = cached
    assert bundler.cache.verified(folder) == manifest
    _plant(bundler, folder, manifest, plant)
    assert bundler.cache.verified(folder) is None
    assert bundler.bytecode.boot_runtime() == bundler.files.PYODIDE_NPM_DIR  # never run under Node either


def test_a_planted_bundle_is_rebuilt_not_published(bundler, cached, tmp_path):
    folder, manifest = cached
    _plant(bundler, folder, manifest, "planted_runtime")
    (folder / "evil.js").write_text("alert(1)")
    again, rebuilt, was_cached = bundler.cached_bundle()
    assert again == folder and was_cached is False, "a changed cache was used instead of rebuilt"
    assert bundler.cache.verified(folder) == rebuilt
    site = tmp_path / "site"
    bundler.publish(site)
    public = site / bundler.PUBLIC_DIR
    assert "evil.js" not in {p.name for p in public.rglob("*")}
    runtime = public / rebuilt["runtime_key"] / "pyodide.asm.mjs"
    assert runtime.read_bytes() == (bundler.files.PYODIDE_NPM_DIR / "pyodide.asm.mjs").read_bytes()


def test_a_cache_others_can_write_to_is_not_used(bundler, monkeypatch, tmp_path):
    """A project cache folder anyone can write to is passed over for the owner-only user cache;
    when neither is private the build stops: a shared temporary folder is never used."""
    shared = tmp_path / "build" / "pyodide-bundle"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    monkeypatch.setattr(bundler.cache, "CACHE_DIR", shared)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = bundler.cache.cache_root()
    assert root == tmp_path / "xdg" / bundler.USER_CACHE_NAME / "pyodide-bundle"
    assert root.stat().st_mode & 0o077 == 0
    root.chmod(0o777)
    with pytest.raises(bundler.BundleError, match="chmod go-w"):
        bundler.cache.cache_root()


def test_the_walk_calls_every_function_the_worker_may_call(bundler):
    """The standard library is cut to what the walk imports (decisions/stdlib-cut.md): a bridge
    function the worker may call and the walk never does stops the build, not the browser."""
    from checker_bundle import walk

    calls = walk.calls()
    assert walk.unwalked(bundler.bytecode.WORKER.read_text(encoding="utf-8"), calls) == []
    assert walk.unwalked('const FUNCTIONS = ["evaluate_json", "new_call"];', calls) == ["new_call"]
