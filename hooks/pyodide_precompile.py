"""Runs *inside Pyodide* (under Node, at build time): cut the standard library to what the checker
imports, and compile that and the wheel to bytecode.

Not a MkDocs hook and not imported by CPython: hooks/pyodide_precompile.mjs boots the site's own
Pyodide runtime, puts the freshly built `triage` wheel on sys.path the way the browser does (the
checker's worker.js, `mountWheel`: Python imports the package straight from the zip), makes every
call of the walk (hooks/checker_bundle/walk.py: every checker state through the bridge functions
the worker calls, error paths included) through Pyodide's proxies, mounts a work folder at /work,
and then runs this file.

Why bytecode: Pyodide's `python_stdlib.zip` holds only `.py` sources, and a Python in WebAssembly
compiles every module it imports from source on every page load (Node: 2.2 s -> 0.7 s with
bytecode). Bytecode must come from the very interpreter that will load it, so it is made here, by
the same Pyodide the site ships, never by the build machine's CPython.

Why a cut: the checker imports about 150 of the library's 600 modules; the rest is downloaded by
every visitor for nothing (the zip is 3.2 MB and does not compress further).

What it writes into /work:

- `python_stdlib.zip`: only what Python took from the library during boot and the walk (the
  modules in `sys.modules` whose origin is the library's zip, the files read from it with
  `get_data`, and the job's `extra_modules`), each module as unchecked-hash `.pyc` with no `.py`,
  with their folders' entries, stored uncompressed: the site sends it brotli-compressed
  (hooks/precompress.py), which is smaller than zip's own deflate file by file, and zipimport then
  has nothing to inflate.
- the wheel again, same name, plus `triage/<module>.pyc` beside each `triage/<module>.py`
  (unchecked-hash, so no source is read to check it) and their RECORD lines, stored uncompressed
  too. That is where zipimport looks for bytecode (it never reads `__pycache__`), and it prefers
  it to the source. The `.py` files stay: the wheel remains an ordinary py3-none-any wheel.
- `precompile.json`: what was compiled and kept, for the build's log and the tests.
"""
# Before anything else: what the boot and the walk imported (this job's own imports come after).
import sys

SNAPSHOT = dict(sys.modules)

import json  # noqa: E402
from pathlib import Path  # noqa: E402

WORK = Path("/work")
JOB = json.loads((WORK / "job.json").read_text())
# Where the runtime's stdlib zip is mounted (e.g. /lib/python314.zip/), and the full npm library
# the walk also had on sys.path (the runtime may be an earlier build's, already cut).
STDLIB_PREFIX = next(p for p in sys.path if p.endswith(".zip")) + "/"
FULL_PREFIX = "/work/in/python_stdlib.zip/"
#: The library's bytecode is compiled as `python -OO` would: without docstrings (a sixth of its
#: compressed bytes) and asserts, as CPython's own tests run it; the check proves the checker
#: answers the same. The checker's own modules keep theirs (optimize 0).
STDLIB_OPTIMIZE = 2
#: All of it (the library and the wheel) is compiled as `python -X no_debug_ranges` would: without
#: the column positions of each instruction (the ^^^ under a traceback's line), which brotli cannot
#: squeeze: the cut library is 0.61 MB on the wire instead of 0.82 (decisions/cold-start.md).
#: Line numbers stay. pyodide_precompile.mjs boots this Pyodide with PYTHONNODEBUGRANGES=1;
#: `no_debug_ranges` checks it did, as this file is part of the cached zip's key and the .mjs
#: is not.
NO_DEBUG_RANGES = "PYTHONNODEBUGRANGES"


def no_debug_ranges() -> bool:
    """True if this interpreter compiles without column positions (-X no_debug_ranges)."""
    positions = list(compile("x = 1", "<probe>", "exec", dont_inherit=True).co_positions())
    return all(column is None for _, _, column, _ in positions)


if not no_debug_ranges():
    raise SystemExit(f"pyodide_precompile.py: this Pyodide compiles with column positions: boot it with "
                     f"{NO_DEBUG_RANGES}=1 (hooks/pyodide_precompile.mjs)")


def pyc(source: bytes, filename: str, optimize: int = 0) -> bytes:
    """Unchecked hash-based bytecode: valid whatever the file's time, no source check at import."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def member(path: str) -> str | None:
    """The full library's member name for a path inside either library zip, else None."""
    for prefix in (STDLIB_PREFIX, FULL_PREFIX):
        if path.startswith(prefix):
            # .pyc when this Pyodide was booted from an earlier build's zip (checker_bundle/bytecode.py)
            name = path[len(prefix):]
            return name.removesuffix("c") if name.endswith(".pyc") else name
    return None


def stdlib_members(modules: dict) -> dict[str, str]:
    """Zip member -> module name, for each imported module that came from the library."""
    found = {}
    for name, module in modules.items():
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        source = member(origin)
        if source and source.endswith(".py"):
            found[source] = name
    return found


def extra_members(names: list[str], available: set[str]) -> dict[str, str]:
    """Zip member -> module name for the job's `extra_modules` (modules or packages)."""
    found = {}
    for name in names:
        base = name.replace(".", "/")
        for candidate in (base + ".py", base + "/__init__.py"):
            if candidate in available:
                found[candidate] = name
    return found


def rewrite_stdlib(modules: dict[str, str], data: set[str]) -> list[str]:
    """Write the cut library; return the members compiled."""
    src = WORK / "in" / "python_stdlib.zip"
    out = WORK / "python_stdlib.zip"
    kept = set(modules) | data
    folders = {name[: i + 1] for name in kept for i, ch in enumerate(name) if ch == "/"}
    compiled = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            if info.filename in modules:
                target = zipfile.ZipInfo(info.filename + "c", info.date_time)
                zout.writestr(target, pyc(zin.read(info), STDLIB_PREFIX + info.filename, STDLIB_OPTIMIZE))
                compiled.append(info.filename)
            elif info.filename in data or info.filename in folders:
                target = zipfile.ZipInfo(info.filename, info.date_time)
                target.external_attr = info.external_attr
                zout.writestr(target, zin.read(info))
    return compiled


def rewrite_wheel() -> list[str]:
    wheel = WORK / "in" / JOB["wheel"]
    out = WORK / JOB["wheel"]
    import triage

    archive = Path(triage.__file__).parents[1]  # the wheel on sys.path, where the browser has it too
    with zipfile.ZipFile(wheel) as zin:
        infos = zin.infolist()
        files = {info.filename: zin.read(info) for info in infos}
    record_name = next(n for n in files if n.endswith(".dist-info/RECORD"))
    stamp = infos[0].date_time
    added: dict[str, bytes] = {}
    for name, data in files.items():
        if name.endswith(".py") and "/" in name:  # the package's modules
            added[name + "c"] = pyc(data, f"{archive}/{name}")
    record = files[record_name].decode().rstrip("\n").split("\n")
    record = [line for line in record if not line.startswith(record_name + ",")]
    for name, data in added.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{record_name},,")
    files[record_name] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        # The wheel's own order (dist-info last), the bytecode before it; stored, as the library.
        for info in infos:
            if info.filename == record_name:
                for name, data in sorted(added.items()):
                    target = zipfile.ZipInfo(name, stamp)
                    target.external_attr = 0o644 << 16
                    zout.writestr(target, data)
            target = zipfile.ZipInfo(info.filename, info.date_time)
            target.external_attr = info.external_attr
            zout.writestr(target, files[info.filename])
    return sorted(added)


members = stdlib_members(SNAPSHOT)

import base64  # noqa: E402  (after the snapshot above: see the note at the top)
import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

with zipfile.ZipFile(WORK / "in" / "python_stdlib.zip") as _full:
    _available = set(_full.namelist())
members.update(extra_members(JOB.get("extra_modules", []), _available))
# Files read from the library that are not modules (none today: kept if the rules ever need one).
data = {name for name in map(member, globals().get("__walk_data", [])) if name in _available} - set(members)

report = {
    "python": list(sys.version_info[:3]),
    "cache_tag": sys.implementation.cache_tag,
    "stdlib": rewrite_stdlib(members, data),
    "stdlib_data": sorted(data),
    "wheel": rewrite_wheel(),
}
(WORK / "precompile.json").write_text(json.dumps(report, indent=1))
