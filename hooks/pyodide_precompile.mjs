// Build-time runner for hooks/pyodide_precompile.py (see its docstring for the why).
//
//   node hooks/pyodide_precompile.mjs <pyodide runtime dir> <work dir>
//
// <work dir> holds job.json and in/ (the wheel and the npm runtime's full python_stdlib.zip).
// job.json: {"wheel": "<file name>", "calls": [[fn, [args...]], ...], "extra_modules": [...],
//            "check_only": false}
//
// 1. The walk (unless check_only): boots that runtime's Pyodide, puts the wheel on sys.path with
//    the browser's own code (mountWheel, from the checker's worker), imports triage.bridge and
//    makes every call in job.calls through Pyodide's JavaScript proxies, as the worker does
//    (errors included: a call that throws is recorded by its Python type). Then runs the job,
//    which cuts the standard library to what was imported and compiles it: /work/python_stdlib.zip,
//    /work/<wheel>, /work/precompile.json (with the walk's results).
// 2. The check: boots a second Pyodide from the same runtime with /work/python_stdlib.zip (the
//    cut library) as its only standard library, mounts /work/<wheel> the same way, makes every
//    call again and writes /work/check.json: its results, every module Python looked for after
//    boot (an audit hook) and did not find, and the boot's error if it could not boot. The build
//    (hooks/checker_bundle/stdlib_cut.py) compares them and stops if anything is missing.
//
// Nothing is fetched from the network: a fetch of anything but a local file fails the run.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mountWheel } from "../site_templates/assets/checker/worker.js";

const [runtimeArg, workArg] = process.argv.slice(2);
if (!runtimeArg || !workArg) {
  console.error("usage: node pyodide_precompile.mjs <pyodide runtime dir> <work dir>");
  process.exit(64);
}
const runtime = path.resolve(runtimeArg) + path.sep;
const work = path.resolve(workArg);
const here = path.dirname(fileURLToPath(import.meta.url));

const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const url = String(resource?.url ?? resource);
  if (!url.startsWith("file:")) throw new Error(`no network at build time: ${url}`);
  return realFetch(resource, init);
};

const job = JSON.parse(await readFile(path.join(work, "job.json"), "utf8"));
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);

function boot(options = {}) {
  return loadPyodide({ indexURL: runtime, stdout: () => {}, stderr: (line) => console.error(line), ...options });
}

// Every call the way worker.js's `call` makes it: strings in through the function's proxy, a JSON
// string out. What throws is recorded as {"__exception__": <Python type>}, and its message kept.
function walk(pyodide) {
  const bridge = pyodide.pyimport("triage.bridge");
  const functions = new Map();
  const results = [];
  const errors = [];
  for (const [name, args] of job.calls) {
    if (!functions.has(name)) functions.set(name, bridge[name]);
    try {
      results.push(functions.get(name)(...args));
    } catch (err) {
      results.push(JSON.stringify({ __exception__: String(err.type ?? err.name) }));
      errors.push(String(err.message ?? err).trim().split("\n").slice(-1)[0]);
    }
  }
  for (const f of functions.values()) f.destroy();
  bridge.destroy();
  return { results, errors };
}

function mountWork(pyodide) {
  pyodide.FS.mkdirTree("/work");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/work");
}

if (!job.check_only) {
  // This Pyodide also compiles the bytecode: without column positions (pyodide_precompile.py,
  // NO_DEBUG_RANGES). An environment variable, as Python reads it at start.
  const pyodide = await boot({ env: { PYTHONNODEBUGRANGES: "1" } });
  mountWork(pyodide);
  // The runtime may be an earlier build's, whose library is already cut: the full library comes
  // after it on sys.path, so a module the rules now need is still found (and recorded).
  // get_data on the library's zips: files Python reads from them that are not modules.
  pyodide.runPython(`
import sys, zipimport
sys.path.append("/work/in/python_stdlib.zip")
__walk_data = []
_get_data = zipimport.zipimporter.get_data
def get_data(self, pathname):
    __walk_data.append(pathname)
    return _get_data(self, pathname)
zipimport.zipimporter.get_data = get_data
del get_data
`);
  mountWheel(pyodide, job.wheel, await readFile(path.join(work, "in", job.wheel)));
  const { results, errors } = walk(pyodide);
  await writeFile(path.join(work, "walk.json"), JSON.stringify({ results, errors }));
  pyodide.runPython(await readFile(path.join(here, "pyodide_precompile.py"), "utf8"), {
    filename: "pyodide_precompile.py",
  });
}

// The check: the cut library alone.
const check = { booted: false, boot_error: null, results: [], errors: [], imports: [] };
let cut = null;
try {
  cut = await boot({ stdLibURL: path.join(work, "python_stdlib.zip") });
  check.booted = true;
  cut.runPython(`
import sys
__check_imports = []
sys.addaudithook(lambda event, args: event == "import" and __check_imports.append(args[0]))
`);
  mountWheel(cut, job.wheel, await readFile(path.join(work, job.wheel)));
  Object.assign(check, walk(cut));
} catch (err) {
  if (!check.booted) check.boot_error = String(err.message ?? err);
  else check.errors.push(String(err.message ?? err));
}
if (check.booted) {
  // What was looked for and not found (a module found is in sys.modules, wherever it came from).
  check.imports = cut.runPython("sorted(set(__check_imports) - set(sys.modules))").toJs();
}
await writeFile(path.join(work, "check.json"), JSON.stringify(check));
