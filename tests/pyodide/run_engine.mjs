// Run the checker's rules in Pyodide under Node, from a bundle written by hooks/pyodide_bundle.py.
//
//   node tests/pyodide/run_engine.mjs <bundle dir> <cases.json> <results.json>
//
// cases.json:   {"cases": [{"answers": {...}, "today": "YYYY-MM-DD"}, ...]}, and optionally
//                 "repeat": n            calls per case (benchmarks; every call is timed)
//                 "baseline": true       also time a bare JSON round trip per case (benchmarks)
//                 "probe_packages": [..] after boot, try loadPackage() of names the site does not host
//                 "probe_urls": [..]     ... and of URLs (proves the network guard sees Pyodide's fetches)
//                 "bytecode_only": true  before anything imports triage's modules, make each of
//                                        their .py sources in the wheel raise: the run then works
//                                        only if Python imports the wheel's precompiled bytecode
//               A case may carry "answers_json" (a raw string, e.g. malformed JSON) instead of
//               "answers", or be {"call": "<another triage.bridge function>", "args": [...]}.
// results.json: {"python": [3, 14, 2], "pyodide": "314.0.7", "boot_ms": ..., "results": ["<json>", ...],
//                "step_ms": [...], "network": [...], "integrity": {...}, ...}
//
// Loads pyodide.mjs from the bundle itself (not node_modules), the lock file and the wheel only
// from the bundle, and refuses any network access: every fetch of a non-file URL and every
// http(s) request is recorded and rejected. The wheel goes on sys.path with the checker's own
// code (mountWheel, from site_templates/assets/checker/worker.js), as in the browser. There the
// browser checks the lock's sha256 (the wheel is fetched with it as Subresource Integrity); here
// this script checks it itself, and fails if the wheel does not match.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { mountWheel } from "../../site_templates/assets/checker/worker.js";

const [bundleArg, casesPath, outPath] = process.argv.slice(2);
if (!bundleArg || !casesPath || !outPath) {
  console.error("usage: node run_engine.mjs <bundle dir> <cases.json> <results.json>");
  process.exit(64);
}
const bundleDir = path.resolve(bundleArg) + path.sep;

// ---- 1. No network, ever -------------------------------------------------------------------
const network = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const url = String(resource?.url ?? resource);
  if (!url.startsWith("file:")) {
    network.push(url);
    throw new Error(`network access blocked in the Pyodide test: ${url}`);
  }
  return realFetch(resource, init);
};
for (const mod of [http, https]) {
  for (const fn of ["request", "get"]) {
    mod[fn] = (...args) => {
      network.push(`${fn}: ${String(args[0]?.href ?? args[0]?.host ?? args[0])}`);
      throw new Error("network access blocked in the Pyodide test");
    };
  }
}

// ---- 2. The lock lists only hosted files, each with a matching sha256 ----------------------
const lockPath = bundleDir + "pyodide-lock.json";
const lock = JSON.parse(await readFile(lockPath, "utf8"));
const spec = JSON.parse(await readFile(casesPath, "utf8"));
const integrity = { packages: Object.keys(lock.packages), checked: [] };
const wheels = new Map(); // package name -> its checked bytes
for (const [name, entry] of Object.entries(lock.packages)) {
  if (!/^[0-9a-f]{64}$/.test(entry.sha256 ?? "")) throw new Error(`lock entry ${name} has no sha256`);
  if (entry.file_name.includes("/") || entry.file_name.includes(":")) {
    throw new Error(`lock entry ${name} points outside the bundle: ${entry.file_name}`);
  }
  let bytes;
  try {
    bytes = await readFile(bundleDir + entry.file_name);
  } catch {
    // Under Node, Pyodide would fetch such a package from its CDN.
    throw new Error(`lock entry ${name}: ${entry.file_name} is not in the bundle (the lock must list only hosted files)`);
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== entry.sha256) {
    throw new Error(`integrity: ${entry.file_name} has sha256 ${actual}, the lock says ${entry.sha256}`);
  }
  wheels.set(name, bytes);
  // What the browser passes to fetch() as Subresource Integrity for this file.
  integrity.checked.push({
    name, file_name: entry.file_name, sha256: actual, bytes: bytes.length,
    sri: "sha256-" + Buffer.from(actual, "hex").toString("base64"),
  });
}

// ---- 3. Boot Pyodide from the bundle and put the wheel on sys.path, as the browser does ----
const logs = [];
const t0 = performance.now();
const { loadPyodide } = await import(pathToFileURL(bundleDir + "pyodide.mjs").href);
const pyodide = await loadPyodide({
  indexURL: bundleDir,
  lockFileURL: lockPath, // for the probes below: packages are looked up next to it
  stdout: (s) => logs.push(s),
  stderr: (s) => logs.push(s),
});
let wheel = wheels.get("triage");
const wheelName = lock.packages.triage.file_name;

// Sources that raise if imported: proves the browser's wheel is imported from its bytecode. The
// wheel is rewritten (by Python's zipfile, in Pyodide's memory) before anything reads it.
let sourcesDisabled = [];
if (spec.bytecode_only) {
  pyodide.FS.writeFile("/tmp/in.whl", wheel);
  sourcesDisabled = pyodide.runPython(`
import zipfile
done = []
with zipfile.ZipFile("/tmp/in.whl") as zin, zipfile.ZipFile("/tmp/out.whl", "w") as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.startswith("triage/") and info.filename.endswith(".py"):
            data = b"raise ImportError('imported from source, not from the precompiled bytecode')\\n"
            done.append(info.filename.rpartition("/")[2])
        zout.writestr(info, data)
sorted(done)`).toJs();
  wheel = pyodide.FS.readFile("/tmp/out.whl");
}
mountWheel(pyodide, wheelName, wheel);
const bootMs = performance.now() - t0;

const info = pyodide.runPython(`
import json, sys, importlib.util, zipfile, triage
# The wheel's own metadata, read with zipfile (importlib.metadata is not in the cut library: the
# checker never needs it).
with zipfile.ZipFile(sys.path[0]) as wheel:
    metadata = next(wheel.read(n).decode() for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
json.dumps({
    "python": list(sys.version_info[:3]),
    "platform": sys.platform,
    "triage_file": triage.__file__,
    "triage_version": next(l.split(":", 1)[1].strip() for l in metadata.splitlines() if l.startswith("Version:")),
    # Where the standard library's modules come from: bytecode in the zip for those the
    # checker imports (hooks/pyodide_precompile.py); None for a module the cut left out.
    "stdlib_origins": {name: getattr(importlib.util.find_spec(name.partition(".")[0]) and importlib.util.find_spec(name), "origin", None)
                       for name in ("json", "zipfile", "tomllib", "email.mime.text")},
    # What the precompiled bytecode says of where each instruction came from: its lines, and
    # whether any column is kept (compiled without: hooks/pyodide_precompile.py, NO_DEBUG_RANGES).
    "positions": {name: {"lines": any(p[0] is not None for p in code.co_positions()),
                         "columns": any(p[2] is not None for p in code.co_positions())}
                  for name, code in (("stdlib", json.JSONDecoder.decode.__code__),
                                     ("wheel", triage.evaluate.__code__))},
})`);

// ---- 4. Packages the site does not host must fail locally, never reach for a CDN ----------
const probes = [];
// probe_urls: packages by URL, to prove the guard sees Pyodide's own fetches (the test then
// expects exactly these URLs in `network`, and nothing else).
for (const name of [...(spec.probe_packages ?? []), ...(spec.probe_urls ?? [])]) {
  const errors = [];
  let loaded = [];
  try {
    loaded = (await pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: (e) => errors.push(String(e)) }))
      .map((p) => p.name);
  } catch (err) {
    errors.push(String(err.message ?? err));
  }
  probes.push({ name, loaded, errors });
}

// ---- 5. Evaluate every case through the bridge, timing each call ---------------------------
// step_ms holds every call's duration, case by case ("repeat" calls per case).
const repeat = Math.max(1, spec.repeat ?? 1);
const results = [];
const stepMs = [];
const exceptions = [];
let importMs = null;
if ((spec.cases ?? []).length > 0) {
  const t1 = performance.now();
  const bridge = pyodide.pyimport("triage.bridge");
  importMs = performance.now() - t1;
  const functions = new Map();
  const fn = (name) => {
    if (!functions.has(name)) functions.set(name, bridge[name]);
    return functions.get(name);
  };
  for (const c of spec.cases) {
    // {"call": "<bridge function>", "args": [...]}, or evaluate_json(answers, today).
    const f = fn(c.call ?? "evaluate_json");
    const args = c.call ? c.args : [c.answers_json ?? JSON.stringify(c.answers), c.today];
    let out;
    for (let i = 0; i < repeat; i++) {
      const s = performance.now();
      try {
        out = f(...args);
      } catch (err) {
        // A Python exception escaped the bridge: report its type (compared with CPython's).
        out = JSON.stringify({ __exception__: String(err.type ?? err.name) });
        if (i === 0) exceptions.push(String(err.message).trim().split("\n").slice(-1)[0]);
      }
      stepMs.push(performance.now() - s);
    }
    results.push(out);
  }
  for (const f of functions.values()) f.destroy();
  bridge.destroy();
}

// Optional baseline for benchmarks: the same calls to a function doing only the bridge's JSON
// round trip (loads + dumps), timed the same way. Rules cost = step time - this.
const baselineMs = [];
if (spec.baseline && (spec.cases ?? []).length > 0) {
  const roundTrip = pyodide.runPython("import json\n(lambda s, t: json.dumps(json.loads(s)))");
  for (const c of spec.cases.filter((x) => !x.call)) {
    const answersJson = c.answers_json ?? JSON.stringify(c.answers);
    for (let i = 0; i < repeat; i++) {
      const s = performance.now();
      roundTrip(answersJson, c.today);
      baselineMs.push(performance.now() - s);
    }
  }
  roundTrip.destroy();
}

await writeFile(outPath, JSON.stringify({
  pyodide: pyodide.version,
  ...JSON.parse(info),
  boot_ms: bootMs,
  sources_disabled: sourcesDisabled,
  import_bridge_ms: importMs,
  results,
  step_ms: stepMs,
  baseline_ms: baselineMs,
  network,
  integrity,
  exceptions,
  probes,
  logs,
}));
