// The checker's engine: Pyodide running the `triage` wheel, in a module Web Worker.
//
// Loaded by app.js as `new Worker(url, {type: "module"})`. Everything it fetches is the site's
// own Pyodide bundle (checker/pyodide/, written by hooks/pyodide_bundle.py): the runtime, the
// standard library, and the `triage` wheel, loaded by name through the lock file, which carries
// its sha256 (Pyodide checks it). Nothing is loaded from anywhere else, and nothing the person
// answers is sent anywhere: answers arrive by postMessage, results go back the same way.
//
// Messages in:  {op: "boot", module, indexURL, lockFileURL, package}
//               {op: "call", id, fn, args}   fn: one of FUNCTIONS (triage/bridge.py), args: strings
// Messages out: {type: "progress", stage}    stage: "runtime", "rules"
//               {type: "ready", timings}     timings: ms since the worker started, per stage
//               {type: "failed", reason}
//               {type: "result", id, value} / {type: "result", id, error}

const FUNCTIONS = ["evaluate_json", "date_from_parts_json"];

const started = performance.now();
let functions = null; // name -> the Python function (a PyProxy, kept for the worker's life)

function elapsed() {
  return Math.round(performance.now() - started);
}

async function boot({ module, indexURL, lockFileURL, package: pkg }) {
  const timings = {};
  postMessage({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(module);
  timings.imported = elapsed();
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    packages: [pkg],
    checkAPIVersion: true,
    // Python's own output is not shown anywhere; keep it out of the console.
    stdout: () => {},
    stderr: () => {},
  });
  timings.runtime = elapsed();
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

self.onmessage = async (event) => {
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
};
