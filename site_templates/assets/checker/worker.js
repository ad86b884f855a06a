// The checker's engine: Pyodide running the `triage` wheel, in a module Web Worker.
//
// Loaded by app.js as `new Worker(url, {type: "module"})`. Everything it fetches is the site's
// own Pyodide bundle (checker/pyodide/, written by hooks/pyodide_bundle.py): the runtime, the
// standard library, the lock file made by pyodide-build, and the `triage` wheel the lock names,
// fetched with the lock's sha256 as its Subresource Integrity (the browser refuses a wheel that
// does not match). Nothing is loaded from anywhere else, and nothing the person answers is sent
// anywhere: answers arrive by postMessage, results go back the same way.
//
// The wheel goes on sys.path as it is, and Python imports the package straight from it (a
// pure-Python wheel is a zip, and the wheel carries bytecode this Pyodide compiled at build time:
// hooks/pyodide_precompile.py). Pyodide's loadPackage would unpack every file, look for native
// libraries and reset the import caches (importing tarfile, email and importlib.metadata): in
// Chromium here, about 150 ms of the time to ready, for nothing a pure-Python wheel needs. The
// wheel and the lock are fetched while Pyodide boots.
//
// A slow or patchy link never makes it give up: every file is fetched again after a network
// error or a server error, after waiting RETRY_MS (the status says so: progress "retrying"), and
// only then is the boot reported as failed. Pyodide's own fetches (the wasm, the standard
// library) go through the same retrying fetch (it calls the global `fetch`); its two modules are
// imported here, each retried under a new address (a module that failed to load is remembered by
// the browser under its address), and the runtime's module is handed to loadPyodide
// (`createPyodideModule`, which loadPyodide uses instead of importing it). The wasm and the
// standard library are asked for as soon as the boot message arrives, in parallel with the two
// modules (fetchEarly), and Pyodide's fetch of each is handed that response.
//
// Messages in:  {op: "boot", module, indexURL, lockFileURL, package}
//               {op: "call", id, fn, args}   fn: one of FUNCTIONS (triage/bridge.py), args: strings
// Messages out: {type: "progress", stage}    stage: "runtime", "retrying", "rules"
//               {type: "ready", timings}     timings: ms since the worker started, per stage
//               {type: "failed", reason}
//               {type: "result", id, value} / {type: "result", id, error}
//
// Node imports this file for `mountWheel` (hooks/pyodide_precompile.mjs, tests/pyodide/run_engine.mjs),
// so that the build and the tests import the wheel exactly as the browser does.

const FUNCTIONS = ["evaluate_json", "step_json", "date_from_parts_json"];
// Where the wheel is written in Pyodide's (in-memory) file system.
export const WHEEL_DIR = "/lib/checker";
// A wheel's file name, and nothing that could lead anywhere else (no "/", no ":").
const WHEEL_NAME = /^[\w.+-]+\.whl$/;

// Waits (ms) before each new try of a file that failed on the network: a few, then a failure.
const RETRY_MS = [1000, 2000, 4000, 8000, 16000];

const started = performance.now();
let functions = null; // name -> the Python function (a PyProxy, kept for the worker's life)

function elapsed() {
  return Math.round(performance.now() - started);
}

// Put a wheel's bytes on sys.path (first), so that its package is imported from it.
export function mountWheel(pyodide, fileName, bytes) {
  if (!WHEEL_NAME.test(fileName)) throw new Error(`not a wheel's file name: ${fileName}`);
  const path = `${WHEEL_DIR}/${fileName}`;
  pyodide.FS.mkdirTree(WHEEL_DIR);
  pyodide.FS.writeFile(path, bytes);
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(path)})`);
  return path;
}

// fetch, tried again after a network error (TypeError) or a server's 5xx, 408 or 429.
const plainFetch = typeof fetch === "function" ? fetch.bind(globalThis) : null;
// Rejected when a file of the engine could not be had (after the retries, or a 404): every file
// the boot fetches is needed, and Pyodide itself never settles when its wasm did not come (it
// only warns), so the boot would otherwise wait for ever. Not a time limit: a failure.
let giveUp;
const gaveUp = new Promise((_, reject) => { giveUp = reject; });
gaveUp.catch(() => {});

async function retrying(attempt, what) {
  if (attempt >= RETRY_MS.length) return false;
  postMessage({ type: "progress", stage: "retrying", what: String(what).slice(0, 200) });
  await new Promise((resolve) => setTimeout(resolve, RETRY_MS[attempt]));
  return true;
}

export async function fetchWithRetry(input, init) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await plainFetch(input, init);
      if (response.status < 500 && response.status !== 408 && response.status !== 429) {
        if (attempt) postMessage({ type: "progress", stage: "runtime" }); // going again
        if (!response.ok) giveUp(new Error(`${input}: HTTP ${response.status}`));
        return response;
      }
      if (!(await retrying(attempt, input))) {
        giveUp(new Error(`${input}: HTTP ${response.status}`));
        return response;
      }
    } catch (error) {
      if (!(await retrying(attempt, input))) {
        giveUp(error);
        throw error;
      }
    }
  }
}

// import(url), tried again under `url?retry=N`: the browser keeps a failed module's failure.
async function importWithRetry(url) {
  for (let attempt = 0; ; attempt++) {
    const address = attempt ? `${url}${url.includes("?") ? "&" : "?"}retry=${attempt}` : url;
    try {
      return await import(address);
    } catch (error) {
      if (!(await retrying(attempt, url))) {
        giveUp(error);
        throw error;
      }
    }
  }
}

// The runtime's two big files, asked for the moment the boot message arrives, not when Pyodide
// gets to them: it asks for them only once its two modules have been imported (the second,
// pyodide.asm.mjs, is 1.2 MB), which left the link half idle for about 0.5 s on the 9 Mbit/s link
// (decisions/cold-start.md). Pyodide's own fetch of each (it calls the global `fetch`, below) is
// handed the response already under way, once: there is still one download of each, with the
// same retries.
const EARLY_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
const early = new Map(); // absolute URL -> the promise of its response, until Pyodide asks for it

function fetchEarly(indexURL) {
  for (const name of EARLY_FILES) {
    const url = new URL(name, indexURL).href;
    const response = fetchWithRetry(url, { credentials: "same-origin" });
    response.catch(() => {}); // Pyodide awaits it, and fails the boot from there
    early.set(url, response);
  }
}

// What the worker's `fetch` is: a file asked for early is handed over (once), anything else
// fetched now, both through fetchWithRetry.
function fetchForPyodide(input, init) {
  const url = input instanceof Request ? input.url : new URL(String(input), self.location.href).href;
  const response = early.get(url);
  if (response && !(init && init.integrity)) {
    early.delete(url);
    return response;
  }
  return fetchWithRetry(input, init);
}

async function fetchOK(url, init = {}) {
  const response = await fetchWithRetry(url, { credentials: "same-origin", ...init });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// The wheel the lock lists for `name`, from next to the lock. A body whose sha256 is not the
// lock's fails the fetch itself.
async function fetchWheel(lock, name, lockFileURL) {
  const entry = lock && lock.packages && lock.packages[name];
  if (!entry || !/^[0-9a-f]{64}$/.test(entry.sha256 || "") || !WHEEL_NAME.test(entry.file_name || "")) {
    throw new Error(`the lock file lists no wheel for ${name}`);
  }
  const digest = String.fromCharCode(...entry.sha256.match(/../g).map((hex) => parseInt(hex, 16)));
  const response = await fetchOK(new URL(entry.file_name, lockFileURL), { integrity: `sha256-${btoa(digest)}` });
  return { fileName: entry.file_name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function boot({ module, indexURL, lockFileURL, package: pkg }) {
  const timings = {};
  postMessage({ type: "progress", stage: "runtime" });
  fetchEarly(indexURL);
  const lock = fetchOK(lockFileURL).then((response) => response.json());
  const wheel = lock.then((contents) => fetchWheel(contents, pkg, lockFileURL));
  wheel.catch(() => {}); // awaited once Pyodide has booted, and reported from there
  const runtime = importWithRetry(new URL("pyodide.asm.mjs", indexURL).href);
  runtime.catch(() => {}); // awaited below
  const { loadPyodide } = await importWithRetry(module);
  timings.imported = elapsed();
  const pyodide = await Promise.race([gaveUp, loadPyodide({
    indexURL,
    createPyodideModule: (await runtime).default,
    lockFileContents: lock, // the one lock, fetched once
    // Nothing calls loadPackage; if anything ever did, it would look next to the lock, never
    // on Pyodide's CDN (its default when the lock is given as contents).
    packageBaseUrl: new URL(".", lockFileURL).href,
    checkAPIVersion: true,
    // Python's own output is not shown anywhere; keep it out of the console.
    stdout: () => {},
    stderr: () => {},
  })]);
  timings.runtime = elapsed();
  const { fileName, bytes } = await wheel;
  mountWheel(pyodide, fileName, bytes);
  postMessage({ type: "progress", stage: "rules" });
  const bridge = pyodide.pyimport(`${pkg}.bridge`);
  // The module and its functions stay alive for the worker's life.
  const found = new Map(FUNCTIONS.map((name) => [name, bridge[name]]));
  timings.rules = elapsed();
  functions = found;
  return timings;
}

function call(fn, args) {
  const python = functions.get(fn);
  if (!python) throw new Error(`unknown function ${fn}`);
  // Strings in, a JSON string out: no Python object crosses into JavaScript.
  return JSON.parse(python(...args.map((a) => (typeof a === "string" ? a : String(a ?? "")))));
}

let booting = null;

async function onMessage(event) {
  const message = event.data || {};
  if (message.op === "boot") {
    if (booting) return;
    booting = boot(message);
    try {
      const timings = await booting;
      postMessage({ type: "ready", timings });
    } catch (error) {
      postMessage({ type: "failed", reason: String((error && error.message) || error) });
    }
    return;
  }
  if (message.op === "call") {
    let reply;
    try {
      if (!functions) await booting;
      reply = { type: "result", id: message.id, value: call(message.fn, message.args || []) };
    } catch (error) {
      reply = { type: "result", id: message.id, error: String((error && error.message) || error) };
    }
    postMessage(reply);
  }
}

if (typeof WorkerGlobalScope === "function") {  // not when Node imports it
  self.fetch = fetchForPyodide; // Pyodide's own fetches too (the wasm, the standard library)
  self.onmessage = onMessage;
}
