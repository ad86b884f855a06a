"""Runs *inside Pyodide* (under Node, at build time): compile what the checker imports to bytecode.

Not a MkDocs hook and not imported by CPython: hooks/pyodide_precompile.mjs boots the site's own
Pyodide runtime, puts the freshly built `triage` wheel on sys.path the way the browser does (the
checker's worker.js, `mountWheel`: Python imports the package straight from the zip), mounts a
work folder at /work, and runs this file.

Why: Pyodide's `python_stdlib.zip` holds only `.py` sources, and a Python in WebAssembly compiles
every module it imports from source on every page load. On this machine that is most of the
boot (Node: 2.2 s -> 0.7 s with bytecode), and it is the bulk of the checker's extra time over a
bare Pyodide (installing the wheel imports zipfile, shutil, tempfile...; importing `triage`
compiles it). Bytecode must come from the very interpreter that will load it, so it is made
here, by the same Pyodide the site ships, never by the build machine's CPython.

What it writes into /work:

- `python_stdlib.zip`: the runtime's zip with every module the checker imported (found in
  `sys.modules` after the same work the browser does) as unchecked-hash `.pyc` *instead of* its
  `.py`; every other module stays source, so the download grows little.
- the wheel again, same name, plus `triage/<module>.pyc` beside each `triage/<module>.py`
  (unchecked-hash, so no source is read to check it) and their RECORD lines. That is where
  zipimport looks for bytecode (it never reads `__pycache__`), and it prefers it to the source.
  The `.py` files stay: the wheel remains an ordinary py3-none-any wheel, and a Python that
  installs it into a folder imports the sources (a folder's `.py` wins over a `.pyc` beside it).
- `precompile.json`: what was compiled, for the build's log and the tests.
"""
# Only what the checker itself imports comes before `exercise()` has run, so that `sys.modules`
# then lists the checker's modules and not this job's (json, pathlib: the checker imports them).
import json
import sys
from pathlib import Path

WORK = Path("/work")
JOB = json.loads((WORK / "job.json").read_text())
# Where the stdlib zip is mounted (e.g. /lib/python314.zip/): modules from it have origins below.
STDLIB_PREFIX = next(p for p in sys.path if p.endswith(".zip")) + "/"


def exercise() -> None:
    """What the browser's worker does after boot: import the bridge and answer every step."""
    import triage.bridge as bridge

    for case in JOB["cases"]:
        bridge.evaluate_json(json.dumps(case["answers"]), case["today"])
    for day, month, year in (("31", "2", "2026"), ("x", "", ""), ("1", "1", "2026")):
        bridge.date_from_parts_json("letter_date", day, month, year, "2026-03-01")


def pyc(source: bytes, filename: str) -> bytes:
    """Unchecked hash-based bytecode: valid whatever the file's time, no source check at import."""
    code = compile(source, filename, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def stdlib_members(modules: dict) -> dict[str, str]:
    """Zip member -> module name, for each imported module that came from the stdlib zip."""
    found = {}
    for name, module in modules.items():
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        # .pyc when this Pyodide was booted from an earlier build's zip (see checker_bundle/bytecode.py)
        if origin.startswith(STDLIB_PREFIX) and origin.endswith((".py", ".pyc")):
            found[origin[len(STDLIB_PREFIX):].removesuffix("c")] = name
    return found


def rewrite_stdlib(members: dict[str, str]) -> list[str]:
    src = WORK / "in" / "python_stdlib.zip"
    out = WORK / "python_stdlib.zip"
    compiled = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in members:
                target = zipfile.ZipInfo(info.filename + "c", info.date_time)
                target.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(target, pyc(data, STDLIB_PREFIX + info.filename))
                compiled.append(info.filename)
            else:
                zout.writestr(info, data)
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
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        # The wheel's own order (dist-info last), the bytecode before it.
        for info in infos:
            if info.filename == record_name:
                for name, data in sorted(added.items()):
                    target = zipfile.ZipInfo(name, stamp)
                    target.compress_type = zipfile.ZIP_DEFLATED
                    target.external_attr = 0o644 << 16
                    zout.writestr(target, data)
            zout.writestr(info, files[info.filename])
    return sorted(added)


exercise()
members = stdlib_members(dict(sys.modules))

import base64  # noqa: E402  (after the snapshot above: see the note at the top)
import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

report = {
    "python": list(sys.version_info[:3]),
    "cache_tag": sys.implementation.cache_tag,
    "stdlib": rewrite_stdlib(members),
    "wheel": rewrite_wheel(),
}
(WORK / "precompile.json").write_text(json.dumps(report, indent=1))
