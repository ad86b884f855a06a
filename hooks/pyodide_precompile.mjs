// Build-time runner for hooks/pyodide_precompile.py (see its docstring for the why).
//
//   node hooks/pyodide_precompile.mjs <pyodide runtime dir> <work dir>
//
// <work dir> holds job.json ({"wheel": "<file name>", "cases": [...]}) and in/ (the wheel and
// the runtime's python_stdlib.zip). Boots that runtime's Pyodide, puts the wheel on sys.path
// with the browser's own code (mountWheel, from the checker's worker), mounts <work dir> at /work
// and runs the job, which writes its results there. Nothing is fetched from the network: a fetch
// of anything but a local file fails the run.
import { readFile } from "node:fs/promises";
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

const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const url = String(resource?.url ?? resource);
  if (!url.startsWith("file:")) throw new Error(`no network at build time: ${url}`);
  return realFetch(resource, init);
};

const job = JSON.parse(await readFile(path.join(work, "job.json"), "utf8"));
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL: runtime, stdout: () => {}, stderr: (line) => console.error(line) });
mountWheel(pyodide, job.wheel, await readFile(path.join(work, "in", job.wheel)));
pyodide.FS.mkdirTree("/work");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/work");
const here = path.dirname(fileURLToPath(import.meta.url));
pyodide.runPython(await readFile(path.join(here, "pyodide_precompile.py"), "utf8"), {
  filename: "pyodide_precompile.py",
});
