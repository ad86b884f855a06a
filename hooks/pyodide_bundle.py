"""Ship the checker's rules to the browser: the Pyodide runtime plus the `triage` wheel.

The browser checker runs the very same `triage` package as the build and the tests, as an
ordinary `py3-none-any` wheel (built here by hatchling, offline) listed with its sha256 in a
Pyodide lock file made by pyodide-build. The lock lists *only* what the site hosts, so Pyodide
can never go looking for a package on a CDN.

What ends up in `<site_dir>/checker/pyodide/` (`PUBLIC_DIR`), in two folders named by a hash of
what is in them (see `publish`)::

    runtime-<hash>/  pyodide.mjs  pyodide.asm.mjs  pyodide.asm.wasm       (from node_modules/pyodide)
                     python_stdlib.zip          (the same, with the modules the checker imports as
                                                 bytecode, compiled by that Pyodide: `precompile`)
    triage-<hash>/   triage-<version>-py3-none-any.whl   (with its bytecode beside its sources)
                     pyodide-lock.json                  (pruned to `triage`)

The checker's worker (site_templates/assets/checker/worker.js) loads it with the paths the
checker pages carry in <meta> tags: it boots Pyodide from the runtime folder, fetches the wheel
the lock names (next to the lock, with the lock's sha256 as its Subresource Integrity) and puts
it on sys.path as it is, where Python imports the package straight from the zip::

    const lock = fetch("<base>/checker/pyodide/triage-<hash>/pyodide-lock.json").then((r) => r.json());
    const pyodide = await loadPyodide({ indexURL: "<base>/checker/pyodide/runtime-<hash>/",
                                        lockFileContents: lock });
    mountWheel(pyodide, fileName, bytes);   // worker.js
    pyodide.pyimport("triage.bridge");

Used three ways:

- as a MkDocs hook (`hooks:` in mkdocs.yml): `on_config` makes the bundle if its sources changed
  (cached on disk by a hash of them, so most `mkdocs serve` rebuilds only copy files; the cache
  is in build/ or a per-user folder, owner-only, and checked file by file against the sha256s
  of its manifest before anything in it is published or run: see `_verified`) and exposes
  its paths to templates as `config.extra.pyodide`, `on_post_build` copies it into the site,
  `on_serve` watches `triage/` and the wording;
- from the tests and benchmarks: `bundle(dest_dir)`;
- piecemeal: `build_wheel(out_dir)`, `precompile(wheel, out_dir)`, `write_lock(wheel, out_dir)`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_NPM_DIR = ROOT / "node_modules" / "pyodide"

#: Where the bundle lives in the built site, relative to the site root (ends with "/").
PUBLIC_DIR = "checker/pyodide/"
#: The lock file's name inside the bundle.
LOCK_NAME = "pyodide-lock.json"
#: The package the checker loads by name.
PACKAGE = "triage"
#: The only files of the Pyodide runtime the site ships (about 13 MB, 5.4 MB brotli).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: What the wheel is built from: any change here means a new wheel.
WHEEL_SOURCES = ("pyproject.toml", "hatch_build.py", "triage", "content/checker", "content/_data")
#: Disk cache of finished bundles, one folder per source hash: inside the project (build/ is
#: git-ignored), else a per-user cache folder; never a shared temporary folder. Every folder is
#: owner-only, and everything in it is checked against its manifest's sha256s before it is
#: published or run under Node (`_verified`): a planted or corrupted bundle is rebuilt.
CACHE_DIR = ROOT / "build" / "pyodide-bundle"
USER_CACHE_NAME = "police-complaints-london"  # ~/.cache/<this>/pyodide-bundle (XDG_CACHE_HOME)
CACHE_KEEP = 3
#: Compiled stdlib zips, one per set of modules compiled (see `_same_stdlib_as_before`); beside
#: the bundles' folder.
STDLIB_CACHE_NAME = "pyodide-stdlib"
MANIFEST_NAME = "bundle.json"  # kept in the cache only, not published
#: Compiles the checker's bytecode in Pyodide at build time (see hooks/pyodide_precompile.py).
PRECOMPILE_RUNNER = Path(__file__).resolve().with_name("pyodide_precompile.mjs")
PRECOMPILE_JOB = PRECOMPILE_RUNNER.with_suffix(".py")
#: The checker's worker: the precompile job puts the wheel on sys.path with its `mountWheel`.
WORKER = ROOT / "site_templates" / "assets" / "checker" / "worker.js"

_FIX_NPM = "run `make serve` (or `npm ci`) to install the Pyodide runtime into node_modules/"
_FIX_PY = "run `make serve` (or `.venv/bin/python -m pip install -e '.[dev]'`)"

log = logging.getLogger(f"mkdocs.hooks.{__name__.rpartition('.')[2]}")


class BundleError(RuntimeError):
    """The bundle could not be built; the message says what to do."""


# --------------------------------------------------------------------------------------------
# The pieces
# --------------------------------------------------------------------------------------------


def pyodide_version() -> str:
    """The version of the npm `pyodide` package in node_modules (e.g. "314.0.7")."""
    package_json = PYODIDE_NPM_DIR / "package.json"
    try:
        return json.loads(package_json.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise BundleError(f"Cannot read the Pyodide version from {package_json} ({exc}): {_FIX_NPM}.") from exc


def _check_runtime() -> None:
    missing = [n for n in (*RUNTIME_FILES, LOCK_NAME, "package.json") if not (PYODIDE_NPM_DIR / n).is_file()]
    if missing:
        raise BundleError(
            f"The Pyodide runtime is missing from {PYODIDE_NPM_DIR} ({', '.join(missing)}): {_FIX_NPM}."
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_wheel(out_dir: str | os.PathLike[str]) -> Path:
    """Build the `triage` py3-none-any wheel from the working tree into `out_dir`; return its path.

    Uses hatchling in-process (no network, no build isolation, about 0.1 s once imported). The
    wheel is reproducible: hatchling fixes every timestamp, so the same sources give the same
    sha256.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for rel in WHEEL_SOURCES:
        if not (ROOT / rel).exists():
            raise BundleError(
                f"Cannot build the {PACKAGE} wheel: {ROOT / rel} does not exist "
                "(pyproject.toml packs triage/ with the wording compiled from content/checker and content/_data). "
                "Restore it, or create the folder if it is meant to be empty."
            )
    try:
        from hatchling.builders.wheel import WheelBuilder
    except ImportError:
        return _build_wheel_with_pip(out)
    try:
        built = list(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    except Exception as exc:  # hatchling reports config and file errors with plain exceptions
        raise BundleError(f"hatchling could not build the {PACKAGE} wheel from {ROOT}/pyproject.toml: {exc}") from exc
    wheels = [Path(p) for p in built if p.endswith(".whl")]
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise BundleError(f"Expected one py3-none-any wheel from hatchling, got {built!r}.")
    return wheels[0]


def _build_wheel_with_pip(out: Path) -> Path:
    """Fallback when hatchling is not importable here: pip, still offline and without isolation."""
    before = set(out.glob(f"{PACKAGE}-*.whl"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BundleError(
            f"Building the {PACKAGE} wheel failed (hatchling missing? {_FIX_PY}):\n{result.stdout}\n{result.stderr}"
        )
    wheels = sorted(set(out.glob(f"{PACKAGE}-*-py3-none-any.whl")) - before) or sorted(out.glob(f"{PACKAGE}-*-py3-none-any.whl"))
    if not wheels:
        raise BundleError(f"pip reported success but wrote no {PACKAGE} wheel into {out}.")
    return wheels[-1]


def _pyodide_cli() -> list[str]:
    try:
        import pyodide_cli  # noqa: F401  (installed with pyodide-build)
    except ImportError:
        exe = shutil.which("pyodide")
        if exe is None:
            raise BundleError(f"pyodide-build is not installed for {sys.executable}: {_FIX_PY}.") from None
        return [exe]
    return [sys.executable, "-m", "pyodide_cli"]


def write_lock(wheel: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """Write `out_dir/pyodide-lock.json` listing `wheel` (by file name, with its sha256) and nothing else.

    `pyodide lockfile add-wheels` (pyodide-build, offline) resolves the wheel against the npm
    runtime's lock; the result is then pruned to the wheel and its dependencies, which must all
    be hosted next to it, so no package can ever be looked up on a CDN. The wheel's file name is
    relative: the browser fetches it next to the lock file, with the sha256 as its integrity.
    """
    wheel = Path(wheel).resolve()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _check_runtime()
    with tempfile.TemporaryDirectory(prefix="pyodide-lock-") as tmp:
        full = Path(tmp) / LOCK_NAME
        cmd = [*_pyodide_cli(), "lockfile", "add-wheels",
               "--input", str(PYODIDE_NPM_DIR / LOCK_NAME), "--output", str(full),
               "--base-path", str(wheel.parent), str(wheel)]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        if result.returncode != 0 or not full.is_file():
            raise BundleError(
                f"`pyodide lockfile add-wheels` failed for {wheel.name} (exit {result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\nIf pyodide-build is missing: {_FIX_PY}."
            )
        lock = json.loads(full.read_text(encoding="utf-8"))

    packages = lock.get("packages", {})
    entry = packages.get(PACKAGE)
    if entry is None:
        raise BundleError(f"`pyodide lockfile add-wheels` wrote no entry for {PACKAGE!r}.")
    # Keep the wheel and everything it depends on; every kept package must be one we host.
    keep: dict[str, Any] = {}
    todo = [PACKAGE]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        if name not in packages:
            raise BundleError(f"{PACKAGE} depends on {name!r}, which the Pyodide lock does not list.")
        keep[name] = packages[name]
        todo.extend(packages[name].get("depends", []))
    foreign = sorted(n for n in keep if n != PACKAGE)
    if foreign:
        raise BundleError(
            f"The {PACKAGE} wheel depends on {', '.join(foreign)}, which the site does not host "
            "(the checker's rules must have no run-time dependencies; see pyproject.toml)."
        )
    entry = dict(entry, file_name=wheel.name)
    actual = _sha256(wheel)
    if entry.get("sha256") != actual:
        raise BundleError(f"The lock's sha256 for {wheel.name} ({entry.get('sha256')}) is not the wheel's ({actual}).")
    pruned = {"info": lock["info"], "packages": {PACKAGE: entry}}
    path = out / LOCK_NAME
    path.write_text(json.dumps(pruned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def precompile(wheel: Path, dest: Path) -> dict[str, Any]:
    """Compile, in Pyodide itself, what the checker imports: rewrite `wheel` in place, write `dest/python_stdlib.zip`.

    Runs hooks/pyodide_precompile.mjs (Node) in the same Pyodide version the site ships (see
    `_boot_runtime`); hooks/pyodide_precompile.py says why and what it writes. Returns its
    report: `{"stdlib": [members], "wheel": [pycs], ...}`.
    """
    import triage

    node = shutil.which("node")
    if node is None:
        raise BundleError(f"Node.js is needed to compile the checker's bytecode in Pyodide: {_FIX_NPM}.")
    # Every route, with a date and without: the job then imports all the browser's worker will.
    today = "2026-03-01"
    cases = [{"answers": route.answers(day), "today": today}
             for route in triage.all_paths() for day in ("unknown", "2026-02-02")]
    with tempfile.TemporaryDirectory(prefix="pyodide-precompile-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copyfile(wheel, work / "in" / wheel.name)
        shutil.copyfile(PYODIDE_NPM_DIR / "python_stdlib.zip", work / "in" / "python_stdlib.zip")
        (work / "job.json").write_text(json.dumps({"wheel": wheel.name, "cases": cases}), encoding="utf-8")
        result = subprocess.run([node, str(PRECOMPILE_RUNNER), str(_boot_runtime()), str(work)],
                                capture_output=True, text=True, timeout=300)
        report_path = work / "precompile.json"
        if result.returncode != 0 or not report_path.is_file():
            raise BundleError(
                f"Compiling the checker's bytecode in Pyodide failed (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        report = json.loads(report_path.read_text(encoding="utf-8"))
        shutil.copyfile(work / wheel.name, wheel)
        shutil.copyfile(_same_stdlib_as_before(work / "python_stdlib.zip", report["stdlib"]), dest / "python_stdlib.zip")
    return report


def _same_stdlib_as_before(fresh: Path, compiled: list[str]) -> Path:
    """The compiled stdlib zip to publish: the one an earlier build made for the same modules.

    Bytecode is not byte-for-byte stable (marshal's output depends on the compiling process's
    state), and the zip names the runtime's folder: without this, a change to the rules alone
    could give the runtime a new folder name, and every visitor would fetch its 13 MB again.
    """
    digest = hashlib.sha256(_sha256(PYODIDE_NPM_DIR / "python_stdlib.zip").encode())
    digest.update("\n".join(sorted(compiled)).encode())
    stdlib_dir = _cache_root().parent / STDLIB_CACHE_NAME
    if not _private_dir(stdlib_dir):
        return fresh
    kept = stdlib_dir / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    checksum = kept.with_name(kept.name + ".sha256")  # written with it: a changed zip is not reused
    try:
        reusable = (_private_file(kept) and _private_file(checksum)
                    and checksum.read_text(encoding="ascii").strip() == _sha256(kept))
    except (OSError, UnicodeDecodeError):
        reusable = False
    if not reusable:
        partial = kept.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(fresh, partial)
        partial.replace(kept)
        checksum.write_text(_sha256(kept) + "\n", encoding="ascii")
        for old in sorted(stdlib_dir.glob("python_stdlib-*.zip"), key=lambda p: p.stat().st_mtime)[:-CACHE_KEEP]:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".sha256").unlink(missing_ok=True)
    return kept


def _boot_runtime() -> Path:
    """The runtime to compile with: an earlier build's (same Pyodide, stdlib already bytecode, so
    it boots in a third of the time: a rules change previews sooner), else the npm one.

    Only how fast the compiler starts depends on this: what it compiles is always read from the
    npm runtime's sources.
    """
    version = pyodide_version()
    root = _cache_root()
    for folder in sorted(root.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        if folder.name.startswith("."):
            continue  # another build's work in progress
        manifest = _verified(folder)  # only a bundle we made and nobody changed runs under Node
        if manifest is not None and manifest.get("pyodide_version") == version:
            return folder
    return PYODIDE_NPM_DIR


def _files_key(prefix: str, folder: Path, names: tuple[str, ...] | list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(f"{name}\0{_sha256(folder / name)}\0".encode())
    return f"{prefix}-{digest.hexdigest()[:12]}"


def bundle(dest_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Write the whole bundle into `dest_dir` (created if needed, one flat folder) and describe it.

    Returns ``{"files": [...], "wheel": name, "sha256": hex, "wheel_bytes": n,
    "pyodide_version": "314.0.7", "python": "3.14.2", "runtime_files": [...],
    "package_files": [...], "runtime_key": "runtime-<hash>", "package_key": "triage-<hash>",
    "precompiled": {"stdlib": n, "wheel": n}}``. The keys name the folders the site publishes
    the two halves in (see `publish`).
    """
    _check_runtime()
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    wheel = build_wheel(dest)
    report = precompile(wheel, dest)
    lock_path = write_lock(wheel, dest)
    for name in RUNTIME_FILES:
        if name != "python_stdlib.zip":  # precompile() wrote it
            shutil.copyfile(PYODIDE_NPM_DIR / name, dest / name)
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    package_files = sorted([wheel.name, LOCK_NAME])
    return {
        "files": sorted([*RUNTIME_FILES, *package_files]),
        "runtime_files": sorted(RUNTIME_FILES),
        "package_files": package_files,
        "runtime_key": _files_key("runtime", dest, RUNTIME_FILES),
        "package_key": f"{PACKAGE}-{lock['packages'][PACKAGE]['sha256'][:12]}",
        "wheel": wheel.name,
        "sha256": lock["packages"][PACKAGE]["sha256"],
        "wheel_bytes": wheel.stat().st_size,
        "pyodide_version": pyodide_version(),
        "python": lock["info"].get("python", ""),
        "precompiled": {"stdlib": len(report["stdlib"]), "wheel": len(report["wheel"])},
    }


# --------------------------------------------------------------------------------------------
# Cache: a finished bundle per hash of everything that goes into it
# --------------------------------------------------------------------------------------------


def _source_files() -> list[Path]:
    files: list[Path] = []
    for rel in WHEEL_SOURCES:
        top = ROOT / rel
        if top.is_file():
            files.append(top)
        elif top.is_dir():
            for path in top.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}:
                    files.append(path)
    return sorted(files)


def source_hash() -> str:
    """Hash of the wheel's sources, the runtime's version and lock, and this file."""
    digest = hashlib.sha256()
    inputs = [*_source_files(), PYODIDE_NPM_DIR / "package.json", PYODIDE_NPM_DIR / LOCK_NAME,
              Path(__file__).resolve(), PRECOMPILE_RUNNER, PRECOMPILE_JOB, WORKER]
    for path in inputs:
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    for name in RUNTIME_FILES:  # big files: size and mtime are enough to notice an npm reinstall
        st = (PYODIDE_NPM_DIR / name).stat()
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def _private_dir(path: Path) -> bool:
    """Create `path` owner-only if needed; True if it is a real folder only this user can change."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return False
    return path.is_dir() and not path.is_symlink() and _owner_only(info)


def _private_file(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return path.is_file() and not path.is_symlink() and _owner_only(info)


def _owner_only(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (so nobody else can plant a file)."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / USER_CACHE_NAME / "pyodide-bundle"


def _cache_root() -> Path:
    """The bundles' folder: build/pyodide-bundle in the project, else the per-user cache folder."""
    for folder in (CACHE_DIR, _user_cache()):
        if _private_dir(folder):
            return folder
    raise BundleError(
        f"No private folder for the Pyodide bundle's cache: {CACHE_DIR} and {_user_cache()} must be "
        "folders owned by you that nobody else can write to (chmod go-w them, or remove them)."
    )


_NPM_HASHES: dict[tuple[str, int, int], str] = {}


def _npm_sha256(name: str) -> str:
    """sha256 of a file of the npm runtime, computed once per version of the file."""
    path = PYODIDE_NPM_DIR / name
    st = path.stat()
    key = (name, st.st_size, st.st_mtime_ns)
    if key not in _NPM_HASHES:
        _NPM_HASHES[key] = _sha256(path)
    return _NPM_HASHES[key]


def _verified(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest if everything in it is what the manifest says, else None.

    Checks: an owner-only folder of owner-only files, exactly the files the manifest lists, each
    with its sha256; the runtime's files (but the compiled stdlib) identical to npm's; the wheel
    the one the lock names, with the lock's sha256.
    """
    try:
        if not (folder.is_dir() and not folder.is_symlink() and _owner_only(folder.lstat())):
            return None
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        hashes = manifest["sha256_files"]
        names = set(manifest["files"])
        present = {p.name for p in folder.iterdir()} - {MANIFEST_NAME}
        if manifest.get("key") != folder.name or set(hashes) != names or present != names:
            return None
        if not all(_private_file(folder / n) and _sha256(folder / n) == hashes[n] for n in names):
            return None
        if any(hashes[n] != _npm_sha256(n) for n in RUNTIME_FILES if n != "python_stdlib.zip"):
            return None
        lock = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))
        entry = lock["packages"][PACKAGE]
        if entry["file_name"] != manifest["wheel"] or entry["sha256"] != hashes[manifest["wheel"]]:
            return None
        return manifest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def cached_bundle() -> tuple[Path, dict[str, Any], bool]:
    """The finished bundle for the current sources: (folder, manifest, was_cached).

    A cached folder is used only if `_verified`; anything else under its name (planted, half
    written, corrupted) is removed and the bundle built again.
    """
    _check_runtime()
    key = source_hash()
    root = _cache_root()
    folder = root / key
    if folder.exists() or folder.is_symlink():
        manifest = _verified(folder)
        if manifest is not None:
            return folder, manifest, True
        log.warning("Pyodide bundle: the cached bundle in %s does not match its manifest; building it again", folder)
        _remove(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))  # owner-only (0700)
    log.info("Pyodide bundle: the rules changed, building the triage wheel and compiling its bytecode in Pyodide")
    try:
        manifest = bundle(tmp)
        manifest["key"] = key
        manifest["sha256_files"] = {name: _sha256(tmp / name) for name in manifest["files"]}
        (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in tmp.iterdir():
            path.chmod(0o600)
        try:
            tmp.rename(folder)  # atomic; another build may have won the race, which is fine
        except OSError:
            if _verified(folder) is None:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if _verified(folder) is None:
        raise BundleError(f"The bundle just built in {folder} does not match its manifest.")
    # Keep the cache small: the newest few bundles (another build may still be copying one).
    others = sorted((p for p in root.iterdir() if p.name != key and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[CACHE_KEEP - 1:]:
        _remove(old)
    return folder, manifest, False


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def publish(site_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Copy the (cached) bundle into the site; return its manifest (with `cached`).

    Two content-addressed folders under `<site_dir>/checker/pyodide/`, so a browser never mixes
    a cached old file with a new one (a stale wheel would fail its sha256 and the checker would
    fall back to its static pages) and a host may cache them for ever:

        <runtime_key>/   pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip
        <package_key>/   pyodide-lock.json, triage-<version>-py3-none-any.whl

    Changing the rules makes a new package folder only: the 13 MB runtime stays cached.
    Folders of earlier builds are removed.
    """
    folder, manifest, was_cached = cached_bundle()
    public = Path(site_dir) / PUBLIC_DIR
    wanted = {manifest["runtime_key"]: manifest["runtime_files"], manifest["package_key"]: manifest["package_files"]}
    if public.is_dir():
        for stale in public.iterdir():
            if stale.name not in wanted:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    for key, names in wanted.items():
        dest = public / key
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            src, dst = folder / name, dest / name
            if dst.is_file() and not dst.is_symlink() and _sha256(dst) == manifest["sha256_files"][name]:
                continue  # a dirty rebuild: already there
            _remove(dst)
            shutil.copyfile(src, dst)
            dst.chmod(0o644)  # served to everyone
    return dict(manifest, cached=was_cached)


def template_context() -> dict[str, str]:
    """Paths (relative to the site root) and versions templates need to load the checker app.

    Builds the bundle if it is not cached yet: its folders are named by what is in them.
    """
    _, manifest, _ = cached_bundle()
    runtime = f"{PUBLIC_DIR}{manifest['runtime_key']}/"
    return {
        "dir": runtime,
        "module": runtime + "pyodide.mjs",
        "lock": f"{PUBLIC_DIR}{manifest['package_key']}/{LOCK_NAME}",
        "package": PACKAGE,
        "version": manifest["pyodide_version"],
    }


# --------------------------------------------------------------------------------------------
# MkDocs hook events
# --------------------------------------------------------------------------------------------


def _plugin_error(exc: Exception) -> Exception:
    """The build's collector (hooks/sitekit/errors.py): stop with this and whatever came before."""
    if str(Path(__file__).parent) not in sys.path:  # imported by path (tests, benchmarks)
        sys.path.insert(0, str(Path(__file__).parent))
    from sitekit import errors

    errors.report("hooks/pyodide_bundle.py", None, f"the Pyodide bundle ({PUBLIC_DIR}) could not be made: {exc}",
                  "do what the message says, then build again")
    try:
        errors.stop_if_any()
    except errors.BuildStopped as stopped:
        return stopped
    raise AssertionError("unreachable")  # pragma: no cover


def on_config(config: Any) -> Any:
    """Expose the bundle to templates as `config.extra.pyodide` (`dir`, `module`, `lock`, `version`)."""
    try:
        config.extra.setdefault("pyodide", template_context())
    except (BundleError, OSError) as exc:
        raise _plugin_error(exc) from exc
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild on `mkdocs serve` when the rules or the wheel's other sources change."""
    for rel in WHEEL_SOURCES:
        if (ROOT / rel).exists():
            server.watch(str(ROOT / rel))
    return server


def on_post_build(config: Any) -> None:
    """Write the Pyodide runtime, the `triage` wheel and its lock into `<site_dir>/checker/pyodide/`."""
    try:
        info = publish(config["site_dir"])
    except (BundleError, OSError) as exc:
        raise _plugin_error(exc) from exc
    (log.debug if info["cached"] else log.info)(
        "Pyodide %s bundle in %s: %s (%d bytes, sha256 %s…)%s",
        info["pyodide_version"], PUBLIC_DIR, info["wheel"], info["wheel_bytes"], info["sha256"][:12],
        " [cached]" if info["cached"] else "",
    )
