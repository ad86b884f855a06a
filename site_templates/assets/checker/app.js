// The checker in the browser: one page from the first click.
//
// Every checker page works without this script: each answer is a link to the next state's page
// (hooks/checker_pages.py generates one page per state). This module, loaded on every page under
// /checker/, fetches checker/checker-data.json (the view model of every state) and, as soon as it
// has arrived, the app takes over (the checker's root gets data-app="ready"): every step is drawn in
// place from the data file, the engine or no engine. Then it fetches checker/checker-dates.json
// (the date table: every date and date flag that follows from each day a date question can be
// answered with, computed at build by `triage`), which a date question and an outcome wait for.
//
// - The address bar and the history only ever show the checker's start address (/checker/):
//   each step is a history entry (pushState with that same URL) whose history.state holds the
//   answers, so Back, Forward and reload work and no answer is ever in a URL. A page opened at a
//   state's own address (/checker/met/) is drawn and its address replaced with the start address.
//   Answers live in this tab's history.state only: never in storage or cookies, never sent.
// - The engine (Pyodide running the `triage` wheel in a module Web Worker, worker.js) is only
//   needed for what the table cannot give: the days left (which the engine counts from today) and
//   a typed date outside the table. Its download starts after the page's first screen, once per
//   visit; with navigator.connection.saveData it waits until the person asks for it (or types a
//   date the table does not hold). When it is ready, the outcome shown is drawn again in place
//   with the engine's own result.
// - Every date question on the route is asked, engine ready or not: moving from one state to the
//   next asks the date questions the next one passed (its `skipped`) before drawing it.
// - Questions become GOV.UK forms (radios named by the question id, dates as <id>-day/-month/
//   -year), errors a GOV.UK error summary; every piece of markup comes from the page's
//   <template>s, the same macros as the static pages.
//
// - The site's icon is left as it is: the browser fetched it again when pushState changed the
//   address, which is why an earlier version copied it into the page as a data: URL. With the
//   address never changing, Chromium fetched it once per page load and not once per step
//   (measured with the server's log: a 7-step journey, and a page opened at a state's address
//   then replaced), so that copy (a fetch and a FileReader per page) is gone.
//
// No date rule is written here: a date comes from the table or from the engine, both `triage`.
// The HTML contract (ids, data attributes, input names) is in triage/README.md ("In the site's HTML").

const SCRIPT_URL = new URL(import.meta.url);
const SITE_ROOT = new URL("../../", SCRIPT_URL);
const WORKER_URL = new URL(`worker.js${SCRIPT_URL.search}`, SCRIPT_URL);
// A file that fails on the network is fetched again after each of these waits (ms), then given up.
const RETRY_MS = [1000, 2000, 4000, 8000];
// The longest the theme's scripts wait for the engine's downloads to be asked for (setUp).
const THEME_WAIT_MS = 3000;

let root = null; // <div id="checker">, once the page is parsed

// ------------------------------------------------------------------------------------- start-up

// Runs as soon as the module arrives (it is loaded with `async` from <head>): the data files are
// fetched at once (the page preloads them too). Paths come from <meta name="checker-..."> tags
// written by site_templates/checker/_macros.html, relative to the page.
function start() {
  performance.mark("checker:start");
  const meta = (name) => document.querySelector(`meta[name="${name}"]`);
  const path = (name, fallback) => (meta(name) ? new URL(meta(name).content, location.href) : new URL(fallback, SITE_ROOT));
  const taps = holdEarlyTaps();
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
    else resolve();
  });
  const data = fetchJSON(path("checker-data", "checker/checker-data.json"));
  data.then(() => performance.mark("checker:data"), () => {});
  // The date table is fetched once the app has taken over (App.loadTable): a date question or an
  // outcome waits for it, the first steps do not. Without it, every date waits for the engine.
  // (Its address is worked out now: the app replaces the page's address when it takes over.)
  const datesURL = meta("checker-dates") ? path("checker-dates", "") : null;
  const dates = () => (datesURL ? fetchJSON(datesURL).catch(() => null) : Promise.resolve(null));
  const engine = new Engine({
    module: path("checker-pyodide-module", "checker/pyodide/pyodide.mjs").href,
    indexURL: path("checker-pyodide-dir", "checker/pyodide/").href,
    lockFileURL: path("checker-pyodide-lock", "checker/pyodide/pyodide-lock.json").href,
    package: (meta("checker-pyodide-package") || { content: "triage" }).content,
  });
  // The worker's own script (4 kB) is fetched and run once the data file has come (so that it
  // does not share the link with the page's first screen), before the takeover, so that the
  // engine's download starts the moment it is asked for (Engine.prepare); not with saveData.
  if (!savingData()) data.then(() => engine.prepare(), () => {});
  domReady.then(() => setUp(engine, data, dates, taps));
}

// An answer link tapped before the app has taken over would load the next state's page, which
// asks no date (and would restart every download on it): the tap is held, and followed by the app
// once it has taken over, so the date questions on the way are asked. Held from the moment this
// script runs, not from DOMContentLoaded: on slow 3G the page's links are on screen well before
// the parser has finished (measured: 0.5 s and more, during which each tap was a page load).
function holdEarlyTaps() {
  const taps = { href: null, stop: () => document.removeEventListener("click", hold) };
  const hold = (event) => {
    if (!plainClick(event) || !(event.target instanceof Element)) return;
    const link = event.target.closest("#checker a[data-value][href]");
    if (!link) return;
    event.preventDefault();
    taps.href = link.href;
    say(document.getElementById("checker-status"), "opening"); // until the app has followed it
  };
  document.addEventListener("click", hold);
  return taps;
}

// Same-origin JSON, fetched again on a network error (not on an HTTP error: that will not mend).
async function fetchJSON(url) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin" });
    } catch (error) {
      if (attempt >= RETRY_MS.length) throw error;
      await wait(RETRY_MS[attempt]);
      continue;
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }
}

// A click the page may take over: the main button, no modifier (a new tab or window is the
// browser's), not already handled.
function plainClick(event) {
  return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

// The browser asks sites to save data (navigator.connection.saveData): the engine then waits for
// the person.
function savingData() {
  return Boolean(navigator.connection && navigator.connection.saveData);
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function setUp(engine, data, dates, taps) {
  root = document.getElementById("checker");
  if (!root) {
    taps.stop();
    startThemeScripts();
    return;
  }
  root.dataset.app = "loading";
  const status = new Status(root, engine);
  enablePrintButtons(document);
  // Print or save (a PDF): works whether or not the app takes over.
  root.addEventListener("click", (event) => {
    if (event.target.closest("[data-checker-print]")) window.print();
  });
  const saveData = savingData();
  const untilStarted = saveData ? "waiting" : "loading"; // what the status says before the engine starts
  status.engineChanged(engine.state === "idle" ? untilStarted : engine.state);
  engine.onChange = (state) => status.engineChanged(state);
  if (taps.href) status.say("opening"); // a tap held already (holdEarlyTaps)
  data
    .then(async (checkerData) => {
      const app = new App(engine, checkerData, status);
      // Requested now, not with the page: on slow 3G its 9 kB took the bandwidth from the page's
      // own styles and the first data file (before the theme's scripts, which start below).
      app.loadTable(dates());
      await app.takeOver();
      taps.stop();
      root.dataset.app = "ready";
      performance.mark("checker:app");
      if (taps.href) {
        status.say(engine.state === "idle" ? untilStarted : engine.state);
        app.follow(taps.href);
      }
      // The engine's download never competes with the page's own first screen, and starts only
      // once the app holds the page (no page load can restart it): just after the app's first
      // paint (not the load event: that waited for the theme's bundle, 0.2-0.4 s on a 9 Mbit/s
      // link, decisions/cold-start.md); with saveData, only when the person asks (or a date
      // needs it).
      if (saveData) return undefined;
      afterNextPaint(() => engine.start());
      // The theme's scripts (its bundle, search worker and index) once the engine's downloads
      // are under way: started with the takeover, they took the link's first requests from the
      // engine's (decisions/cold-start.md). At most THEME_WAIT_MS: they never wait on a slow link.
      return Promise.race([engine.heard, wait(THEME_WAIT_MS)]);
    })
    .catch((error) => {
      // No data file: the static pages go on working; the engine would have nothing to draw.
      engine.cancel();
      root.dataset.app = "failed";
      taps.stop(); // the static links work as they are
      if (taps.href) location.assign(taps.href);
      root.dataset.appError = String((error && error.message) || error).slice(0, 200);
      status.engineChanged("failed");
    })
    .finally(startThemeScripts);
}

// A frame's callbacks run before it is painted: a task queued from one runs after that paint.
function afterNextPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

// The theme's scripts wait for the app (assets/checker/theme.js says why): once it has taken over
// (or cannot), start them.
function startThemeScripts() {
  if (window.checkerStartTheme) window.checkerStartTheme();
}

// The status line above every step (#checker-status: its words are its data-* attributes, from
// content/checker/interface.md), the engine's state on the root (data-engine), and, while the
// engine waits for the person (saveData), the button that starts it.
class Status {
  constructor(root, engine) {
    this.element = document.getElementById("checker-status");
    this.button = root.querySelector("[data-checker-engine-start]"); // (its row: hidden unless waiting)
    this.engine = engine;
    this.checking = false;
    const button = this.button && this.button.querySelector("button");
    if (button) {
      button.addEventListener("click", () => {
        engine.start();
        // The button is gone: the focus goes to the step's heading, not to <body>.
        const heading = root.querySelector("#checker-view h1");
        if (heading && document.activeElement === button) {
          if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
          heading.focus();
        }
      });
    }
  }

  say(key) {
    say(this.element, key);
  }

  engineChanged(state) {
    if (["loading", "ready", "failed", "unsupported", "waiting"].includes(state)) root.dataset.engine = state;
    if (this.button) this.button.hidden = state !== "waiting";
    if (!this.checking || state === "failed" || state === "unsupported") this.say(state);
  }

  // A typed date waits for the engine: "Checking your date…" until it has answered.
  check(on) {
    this.checking = on;
    this.say(on ? "checking" : this.engine.state);
  }
}

// The status line's words for `key` (its data-* attribute), and the key as its data-state.
function say(status, key) {
  if (!status) return;
  const text = status.dataset[key];
  if (text) status.textContent = text;
  status.dataset.state = key;
}

// ------------------------------------------------------------------------------------ the engine

// One per visit: created, then started (start), at most once; never restarted by a step.
// state: "idle" (not started), "loading" (or "loadingRules", "retrying"), "ready", "failed",
// "unsupported".
class Engine {
  constructor(options) {
    this.options = options;
    this.state = "idle";
    this.onChange = () => {};
    this.pending = new Map();
    this.next = 1;
    this.ready = new Promise((resolve, reject) => {
      this._resolve = resolve;
      this._reject = reject;
    });
    this.ready.catch(() => {}); // every caller handles it; never an unhandled rejection
    // Settles when the worker first says anything (its downloads have been asked for), or the
    // engine stops: whichever comes first.
    this.heard = new Promise((resolve) => {
      this._heard = resolve;
    });
  }

  set(state) {
    this.state = state;
    this.onChange(state);
  }

  // The worker, created but not yet told to boot: its script is fetched and run, and it waits
  // for the boot message (start). Downloads nothing of the engine.
  prepare() {
    if (this.state !== "idle" || this.worker || !this.supported) return;
    this.spawn(0);
  }

  get supported() {
    return typeof WebAssembly === "object" && typeof Worker === "function";
  }

  // Start downloading and booting (once); the promise of it being ready.
  start() {
    if (this.state !== "idle") return this.ready;
    if (!this.supported) {
      this.fail("unsupported", "no WebAssembly or no Web Workers");
      return this.ready;
    }
    this.set("loading");
    if (this.worker) this.boot();
    else this.spawn(0);
    return this.ready;
  }

  boot() {
    this.worker.postMessage({ op: "boot", ...this.options });
  }

  // The worker itself, fetched again (after RETRY_MS) if it fails before it has said anything;
  // told to boot at once if the engine has been started (else by start).
  spawn(attempt) {
    let moduleWorkers = false;
    let worker;
    try {
      worker = new Worker(WORKER_URL, { get type() { moduleWorkers = true; return "module"; } });
    } catch (error) {
      worker = null;
    }
    if (!worker || !moduleWorkers) {
      if (worker) worker.terminate(); // a browser that would run it as a classic worker: Pyodide needs modules
      if (this.state !== "idle") this.fail("unsupported", "no module workers"); // else said by start
      return;
    }
    this.worker = worker;
    let heard = false;
    worker.onmessage = (event) => {
      heard = true;
      this._heard();
      const message = event.data || {};
      if (message.type === "progress") {
        if (message.stage === "rules") performance.mark("checker:runtime");
        this.set({ rules: "loadingRules", retrying: "retrying" }[message.stage] || "loading");
      } else if (message.type === "ready") {
        this.timings = message.timings;
        this.state = "ready";
        performance.mark("checker:engine");
        this._resolve();
        this.onChange("ready");
      } else if (message.type === "failed") this.fail("failed", message.reason);
      else if (message.type === "result") {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if ("error" in message) call.reject(new Error(message.error));
        else call.resolve(message.value);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (this.worker === worker) this.worker = null; // start() spawns it anew if it comes first
      if (!heard && attempt < RETRY_MS.length && this.state !== "failed") {
        setTimeout(() => {
          if (!this.worker && this.canRun) this.spawn(attempt + 1);
        }, RETRY_MS[attempt]);
      } else this.fail("failed", event.message || "the worker could not start");
    };
    if (this.state !== "idle") this.boot();
  }

  fail(state, reason) {
    if (this.state === "failed" || this.state === "unsupported") return;
    if (this.worker) this.worker.terminate();
    this._heard();
    if (root) root.dataset.engineError = String(reason).slice(0, 200);
    this._reject(new Error(reason));
    for (const call of this.pending.values()) call.reject(new Error(reason));
    this.pending.clear();
    this.set(state);
  }

  // Not needed after all (the data file did not come): not started, or stopped.
  cancel() {
    if (this.worker) this.worker.terminate();
    this._heard();
    this.state = "cancelled";
  }

  get canRun() {
    return !["failed", "unsupported", "cancelled"].includes(this.state);
  }

  call(fn, ...args) {
    if (this.state !== "ready") return Promise.reject(new Error("the engine is not ready"));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ op: "call", id, fn, args });
    });
  }

  // triage.bridge: JSON text in, JSON text out (see triage/bridge.py). A step comes with its
  // dates as the engine shows them ({step, dates: {"YYYY-MM-DD": {text, days}}}).
  step(answers) {
    return this.call("step_json", JSON.stringify(Object.fromEntries(answers)), today());
  }

  dateFromParts(question, day, month, year) {
    return this.call("date_from_parts_json", question, day, month, year, today());
  }
}

// --------------------------------------------------------------------------------- the app
//
// checker-data.json is the view model of every static state (triage/view.py, shape 1, documented
// in triage/README.md): the questions and outcomes once, and for each state its answers, Back,
// where each option leads and the date questions passed on the way (`skipped`). Every piece of
// markup is a <template id="checker-t-..."> of the page (site_templates/checker/_macros.html, the
// same macros the static pages are made of): the app clones them and fills in text and
// attributes, and builds editors' text from its node tree.
//
// A step is an entry {answers, remembered, skipped}: the answers given, in route order
// ([question, value] pairs, dates included); what was typed on each question (shown again when it
// is asked again); the date questions passed without being asked (a page opened at a state's own
// address: its dates are stated by their rules, as on the static page, and never shown as an
// answer). history.state is {checker: entry}.

const SHAPE = 3;
const TABLE_SHAPE = 1;

class App {
  constructor(engine, data, status) {
    if (data.shape !== SHAPE) throw new Error(`checker-data.json has shape ${data.shape}, not ${SHAPE}`);
    this.engine = engine;
    this.data = data;
    this.table = undefined; // the date table, once it has arrived (null: none)
    this.tableLoaded = Promise.resolve(null);
    this.status = status;
    this.ui = data.ui;
    this.view = document.getElementById("checker-view");
    this.main = document.querySelector("main") || document.body;
    this.startURL = siteURL(data.states[data.start].back); // the start page: the only address shown
    this.siteName = root.dataset.siteName || "";
    this.dates = {}; // "YYYY-MM-DD" -> {text, days?}: days only once the engine has counted them
    this.nav = 0; // bumped by every move: an answer that arrives after the person moved on is dropped
    // Static state keys ("checker/met/") by URL path and by their choice answers.
    this.byPath = new Map();
    this.bySignature = new Map();
    for (const [key, state] of Object.entries(data.states)) {
      this.byPath.set(new URL(key, SITE_ROOT).pathname, key);
      this.bySignature.set(this.signature(choices(state)), key);
    }
    this.shown = null; // {answers, remembered, skipped, result}
  }

  loadTable(promise) {
    this.tableLoaded = promise.then((table) => (this.table = table && table.shape === TABLE_SHAPE ? table : null));
  }

  // What a step drawn from the data needs from the date table: an outcome (its dates, flags and
  // today's words) or a date in its answers. Waits for the table only then.
  async tableFor(entry) {
    if (this.table !== undefined) return;
    const key = this.keyFor(entry.answers);
    const state = key !== undefined ? this.data.states[key] : null;
    const outcome = state && state.kind === "outcome" && !this.pendingDate(state, entry);
    if (outcome || entry.answers.some(([q, v]) => this.isDate(q) && v !== "unknown")) await this.tableLoaded;
  }

  // The first date question `state` passed that the entry has neither answered nor passed.
  pendingDate(state, { answers, skipped }) {
    const given = new Map(answers);
    return state.skipped.find((q) => !given.has(q) && !skipped.includes(q));
  }

  // A question by its id, or null: an own property only, as ids also come from history.state
  // (an id such as "__proto__" or "constructor" names no question).
  question(id) {
    return typeof id === "string" && own(this.data.questions, id) ? this.data.questions[id] : null;
  }

  isDate(question) {
    const q = this.question(question);
    return Boolean(q && q.kind === "date");
  }

  signature(answers) {
    return answers.filter(([q]) => !this.isDate(q)).map(([q, v]) => `${q}=${v}`).join("&");
  }

  keyFor(answers) {
    return this.bySignature.get(this.signature(answers));
  }

  // A link's address for a step: its static page (for "open in a new tab"; a click stays here).
  urlFor(answers) {
    const key = this.keyFor(answers);
    return key === undefined ? this.startURL : siteURL(key);
  }

  keyForHref(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return undefined;
    return this.byPath.get(url.pathname);
  }

  isStartPage(href) {
    const url = new URL(href, location.href);
    return url.origin === location.origin && url.pathname === new URL(this.startURL).pathname;
  }

  async takeOver() {
    this.initialHref = location.href; // what the page's own relative links are relative to
    this.initialTitle = document.title;
    this.initialOutcome = this.main.dataset.outcome;
    this.onStartPage = this.isStartPage(location.href); // a page with the site's sidebars
    if (this.onStartPage) this.initial = [...this.view.childNodes].map((node) => node.cloneNode(true));
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => this.onSubmit(event));
    window.addEventListener("popstate", (event) => this.onPopState(event));
    window.addEventListener("hashchange", () => this.keepEntry());
    this.engine.ready.then(() => this.engineReady(), () => {});
    const saved = this.entryOf(history.state);
    const key = this.byPath.get(location.pathname);
    // A reload (or Back from another page) redraws the step its entry holds. A state's own page
    // (reached by its links before the app took over) first asks the date questions its route
    // passed, as the app would have: none is skipped.
    const entry = saved || (key !== undefined ? { ...this.staticEntry(key), skipped: [] } : null);
    if (entry) await this.show(entry, { focus: false, replace: true });
    // Otherwise (the start page): keep the page; its "Start now" link is taken over by onClick.
  }

  staticEntry(key) {
    const state = this.data.states[key];
    return { answers: choices(state), remembered: {}, skipped: [...state.skipped] };
  }

  // A history entry's step ({checker: {answers, remembered, skipped}}), checked against the data:
  // history.state outlives this script (an entry made by an older version of the site) and can
  // be written by anyone. The answers are cut before the first that is not a question of this
  // site with a value it takes, on the route the answers before it lead to; a passed date is kept
  // only if it is a date question the route passed. Null if it holds no step.
  entryOf(state) {
    const entry = state && typeof state === "object" ? state.checker : null;
    if (!entry || typeof entry !== "object" || !Array.isArray(entry.answers)) return null;
    const answers = [];
    const picks = [];
    let key = this.keyFor(picks);
    const passedAt = (k) => (k === undefined ? [] : this.data.states[k].skipped);
    for (const pair of entry.answers) {
      if (!Array.isArray(pair) || pair.length !== 2) break;
      const [question, value] = pair;
      const q = this.question(question);
      if (!q || typeof value !== "string" || answers.some(([id]) => id === question)) break;
      if (q.kind === "date") {
        if ((value !== "unknown" && !ISO_DATE.test(value)) || !passedAt(key).includes(question)) break;
      } else {
        if (!q.options.some((option) => option.value === value)) break;
        const next = this.keyFor([...picks, [question, value]]);
        if (next === undefined) break;
        picks.push([question, value]);
        key = next;
      }
      answers.push([question, value]);
    }
    const passed = passedAt(key);
    const skipped = Array.isArray(entry.skipped) ? entry.skipped.filter((q, i, all) => this.isDate(q) && passed.includes(q) && all.indexOf(q) === i) : [];
    const remembered = {};
    const typed = entry.remembered && typeof entry.remembered === "object" ? entry.remembered : {};
    for (const question of Object.keys(typed)) {
      const q = this.question(question);
      const value = typed[question];
      if (!q) continue;
      if (q.kind !== "date" && typeof value === "string") remembered[question] = value;
      else if (q.kind === "date" && value && typeof value === "object") {
        remembered[question] = { unknown: value.unknown === true };
        for (const field of q.fields) if (typeof value[field.part] === "string") remembered[question][field.part] = value[field.part];
      }
    }
    return { answers, remembered, skipped };
  }

  // -- where a step leads (no engine needed)

  // The step an entry shows, from the data file and the date table: the next question, the
  // first date question its state passed that has not been asked, or its outcome with the
  // table's dates and flags (the flags whose first day is today or before).
  staticStep({ answers, skipped }) {
    const key = this.keyFor(answers);
    if (key === undefined) return null;
    const state = this.data.states[key];
    const base = { answers: Object.fromEntries(answers) };
    const pending = this.pendingDate(state, { answers, skipped });
    if (pending) return { next: pending, ...base };
    if (state.kind !== "outcome") return { next: state.question, node: state.node, ...base };
    const now = today();
    const found = {};
    const raised = new Set(state.flags);
    for (const [question, value] of answers) {
      const day = this.tableDay(question, value);
      if (!day) continue;
      Object.assign(found, day.dates);
      for (const [flag, from] of Object.entries(day.flags)) if (from <= now) raised.add(flag);
    }
    // In the contract's order (the data file lists flags and dates in it).
    const dates = {};
    for (const name of [...Object.keys(this.data.dates), ...Object.keys(found)]) if (name in found) dates[name] = found[name];
    const flags = [...new Set([...Object.keys(this.data.flags).filter((f) => raised.has(f)), ...raised])];
    this.tableTexts([...Object.values(dates), now]);
    return { outcome: state.outcome, flags, dates, ...base, fromTable: true };
  }

  tableDay(question, value) {
    const days = this.table && this.table.questions[question];
    return (days && Object.prototype.hasOwnProperty.call(days, value) && days[value]) || null;
  }

  // The table's words for these days, where the engine has not given its own (with days left).
  tableTexts(days) {
    const texts = (this.table && this.table.texts) || {};
    for (const iso of days) if (!this.dates[iso] && texts[iso]) this.dates[iso] = { text: texts[iso] };
  }

  // A date typed as digits that the table holds and that is not after today: accepted at once
  // (as the table's maker, triage/date_lookup.py, says); anything else is the engine's to judge
  // (letters, 31 February, a date after today or outside the table).
  tableDate(question, parts) {
    const { day, month, year } = parts;
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
    const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    if (iso > today() || !this.tableDay(question, iso)) return null;
    this.tableTexts([iso]);
    return iso;
  }

  // The step, from the engine once it is ready (with the days left), else from the data.
  async evaluate(entry) {
    if (this.engine.state === "ready") {
      const given = new Map(entry.answers);
      const passed = entry.skipped.filter((q) => !given.has(q));
      try {
        // A date passed without being asked is sent as "unknown" (its rules are stated) and left
        // out of the answers again: "Your answers" shows only what the person said.
        const { step, dates } = await this.engine.step([...entry.answers, ...passed.map((q) => [q, "unknown"])]);
        Object.assign(this.dates, dates || {});
        if (step.answers && !Array.isArray(step.answers)) for (const q of passed) delete step.answers[q];
        return step;
      } catch (error) {
        // (the worker stopped): the data file knows every step all the same
      }
    }
    await this.tableFor(entry);
    return this.staticStep(entry) || { next: this.data.states[this.data.start].question, answers: {} };
  }

  // -- navigation

  onClick(event) {
    if (!plainClick(event)) return;
    const link = event.target.closest("a[href]");
    if (!link || !root.contains(link) || link.target) return;
    if (link.matches("[data-checker-field]")) {
      event.preventDefault();
      focusField(link.dataset.checkerField);
      return;
    }
    if (link.matches("[data-checker-goto]") && this.shown) {
      event.preventDefault();
      const answers = this.shown.answers.slice(0, Number(link.dataset.checkerGoto));
      this.go({ answers, remembered: this.shown.remembered, skipped: this.skippedBefore(answers) });
      return;
    }
    if (this.follow(link.href)) event.preventDefault();
    else if (this.shown && this.isStartPage(link.href) && !new URL(link.href).hash) {
      // Back from the first question to the start page: in place too.
      event.preventDefault();
      this.nav++;
      history.pushState(null, "", this.startURL);
      this.restoreStart();
    }
  }

  // A link to a state's page, followed in place: the date questions its route passes that the
  // step shown had not passed are asked on the way. False if `href` is no state's page.
  follow(href) {
    const key = this.keyForHref(href);
    if (key === undefined) return false;
    const answers = choices(this.data.states[key]);
    this.go({ answers, remembered: this.shown ? this.shown.remembered : {}, skipped: this.shown ? this.skippedBefore(answers) : [] });
    return true;
  }

  // Answers in the route's order: a date answer goes where its question is asked, before the
  // first choice whose state has passed it (a date asked late, on a state's own page, is put
  // back in its place). The order of the choices is kept.
  routeOrder(answers) {
    const picks = answers.filter(([q]) => !this.isDate(q));
    const dated = answers.filter(([q]) => this.isDate(q));
    const at = new Map();
    for (let i = 0; i <= picks.length; i++) {
      const key = this.keyFor(picks.slice(0, i));
      if (key === undefined) continue;
      for (const q of this.data.states[key].skipped) if (!at.has(q)) at.set(q, i);
    }
    const out = [];
    for (let i = 0; i <= picks.length; i++) {
      out.push(...dated.filter(([q]) => at.get(q) === i));
      if (i < picks.length) out.push(picks[i]);
    }
    out.push(...dated.filter(([q]) => !at.has(q)));
    return out;
  }

  // Going back to earlier answers: a passed date question stays passed only if that earlier
  // state had passed it too (otherwise it is asked when the route reaches it again).
  skippedBefore(answers) {
    const key = this.keyFor(answers);
    const passed = key === undefined ? [] : this.data.states[key].skipped;
    return this.shown.skipped.filter((q) => passed.includes(q));
  }

  async go(entry) {
    await this.show(entry, { push: true });
  }

  // Draw an entry's step; `push` makes it a new history entry, `replace` this one.
  async show(entry, { push = false, replace = false, focus = true } = {}) {
    const nav = ++this.nav;
    const result = await this.evaluate(entry);
    if (nav !== this.nav) return;
    this.render(result, entry, { focus });
    if (push || replace) this.record(push);
  }

  // The step shown, as this history entry or a new one, always at the start address.
  record(push) {
    const { answers, remembered, skipped } = this.shown;
    const state = { checker: { answers, remembered, skipped } };
    if (location.href !== this.startURL && !this.absolute) {
      absolutizeLinks(document, this.initialHref); // once, before the address first changes
      this.absolute = true;
    }
    if (push) history.pushState(state, "", this.startURL);
    else history.replaceState(state, "", this.startURL);
  }

  // An in-page link (#...) made a new history entry: it holds the step too.
  keepEntry() {
    if (this.shown && !this.entryOf(history.state)) {
      const { answers, remembered, skipped } = this.shown;
      history.replaceState({ checker: { answers, remembered, skipped } }, "");
    }
  }

  onPopState(event) {
    const saved = this.entryOf(event.state);
    if (saved) {
      this.show(saved, { focus: true });
      return;
    }
    if (location.hash) return; // an in-page link (hashchange keeps the step in its entry)
    const key = this.byPath.get(location.pathname);
    if (key !== undefined) this.show(this.staticEntry(key), { replace: true });
    else if (this.isStartPage(location.href)) {
      this.nav++;
      this.restoreStart();
    } else location.reload();
  }

  // On the start page (an ordinary page with the site's sidebars), a step shows without them, as
  // on the checker's own pages.
  sidebars(hidden) {
    if (!this.onStartPage) return;
    for (const bar of document.querySelectorAll(".md-sidebar")) {
      if (hidden) {
        if (!bar.hasAttribute("hidden")) bar.dataset.checkerHid = "";
        bar.setAttribute("hidden", "");
      } else if (bar.dataset.checkerHid !== undefined) {
        bar.removeAttribute("hidden");
        delete bar.dataset.checkerHid;
      }
    }
  }

  // The start page, drawn again: as the tab first had it, or, if the tab opened at a state's
  // page, as the start page's own file has it (fetched once: it names no answer).
  async restoreStart() {
    const nav = this.nav;
    if (!this.initial) {
      try {
        const response = await fetch(this.startURL, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const view = page.getElementById("checker-view");
        if (!view) throw new Error("no checker view");
        this.initial = [...view.childNodes].map((node) => document.importNode(node, true));
        this.initialTitle = page.title;
        this.initialOutcome = undefined;
      } catch (error) {
        location.reload(); // the start address: the browser loads the start page itself
        return;
      }
    }
    if (nav !== this.nav) return;
    this.sidebars(false);
    this.view.replaceChildren(...this.initial.map((node) => node.cloneNode(true)));
    enablePrintButtons(this.view);
    setOutcome(this.main, this.initialOutcome);
    document.title = this.initialTitle;
    this.shown = null;
    const heading = this.view.querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  // The engine is ready: the outcome shown (drawn from the table) is drawn again with the
  // engine's result (days left), in place, the focus where it was.
  async engineReady() {
    // The engine reads its flow when it first walks it, and the error messages when it first
    // needs one: let it do both now, while the person reads, so the first answer is as fast as
    // the rest.
    this.engine.call("step_json", JSON.stringify({ about: "" }), today()).catch(() => {});
    performance.mark("checker:ready");
    const shown = this.shown;
    if (!shown || !shown.result.fromTable) return;
    const nav = this.nav;
    const result = await this.evaluate(shown);
    if (nav !== this.nav || this.shown !== shown) return;
    // What the person typed on the outcome (the draft's fields) is typed again into the new
    // drawing, which fills the draft from it as typing does.
    const typed = [...this.view.querySelectorAll("input[name], textarea[name]")]
      .filter((field) => field.value && !["radio", "checkbox"].includes(field.type))
      .map((field) => [field.name, field.value]);
    this.render(result, shown, { focus: false });
    for (const [name, value] of typed) {
      const field = this.view.querySelector(`[name="${cssEscape(name)}"]`);
      if (field && !field.value) {
        field.value = value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }

  // -- answering

  async onSubmit(event) {
    const form = event.target.closest("form[data-checker-form]");
    if (!form) return;
    event.preventDefault();
    if (!this.shown) return;
    performance.mark("checker:answer");
    await this.answer(form);
  }

  async answer(form) {
    const nav = ++this.nav;
    const question = form.dataset.checkerForm;
    const q = this.question(question);
    if (!q) return;
    const { answers: before, skipped } = this.shown;
    const remembered = { ...this.shown.remembered };
    const entry = { answers: before, remembered, skipped };
    let value;
    if (q.kind === "date") {
      const parts = {};
      for (const field of q.fields) parts[field.part] = form.elements[field.name].value.trim();
      const unknown = form.elements[question] && form.elements[question].checked;
      remembered[question] = { ...parts, unknown: Boolean(unknown) };
      if (unknown) value = "unknown";
      else {
        const parsed = await this.dateAnswer(question, parts);
        if (nav !== this.nav) return; // the person moved on while the date was checked
        if (parsed.error) {
          this.render({ next: question }, entry, { error: parsed.error });
          return;
        }
        value = parsed.answer;
      }
    } else {
      // Nothing chosen is the answer "": the engine answers with the code `required`.
      const checked = form.querySelector(`input[name="${cssEscape(question)}"]:checked`);
      value = checked ? checked.value : "";
      if (!value) {
        this.render({ next: question }, entry, { error: { code: "required", question } });
        return;
      }
      remembered[question] = value;
    }
    const next = { answers: this.routeOrder([...before.filter(([id]) => id !== question), [question, value]]), remembered, skipped };
    const result = await this.evaluate(next);
    if (nav !== this.nav) return;
    if (result.error) {
      this.render({ next: question }, entry, { error: result.error });
      return;
    }
    // Keep what was typed on this step too, so that "back" shows it again.
    history.replaceState({ checker: { answers: before, remembered, skipped } }, "", this.startURL);
    this.render(result, next, {});
    this.record(true);
    performance.mark("checker:rendered");
    performance.measure("checker:step", "checker:answer", "checker:rendered");
  }

  // A typed date: from the table at once, else checked by the engine (started now if it was
  // waiting). If the engine cannot run here, the date lookup's page is where to find it.
  async dateAnswer(question, parts) {
    if (this.table === undefined) {
      this.status.check(true);
      await this.tableLoaded;
      this.status.check(false);
    }
    const iso = this.tableDate(question, parts);
    if (iso) return { answer: iso };
    const cannot = { code: "cannot_check", question };
    if (!this.engine.canRun) return { error: cannot };
    this.status.check(true);
    try {
      await this.engine.start();
      return await this.engine.dateFromParts(question, parts.day, parts.month, parts.year);
    } catch (error) {
      return { error: cannot };
    } finally {
      this.status.check(false);
    }
  }

  // -- rendering

  render(result, entry, { error = null, focus = true } = {}) {
    const { answers, remembered, skipped } = entry;
    if (result.error && !error) {
      error = result.error;
      result = { next: result.error.question };
    }
    if (result.outcome === undefined && !this.question(result.next)) {
      // (no question of this site: an entry it cannot place): the first question
      result = { next: this.data.states[this.data.start].question, answers: {} };
      error = null;
    }
    const path = result.next === undefined && result.outcome === undefined ? answers : pathAnswers(result, answers);
    this.shown = { answers: result.next !== undefined ? trimTo(path, result.next) : path, remembered, skipped, result };
    // Drawn without moving the focus (the engine just became ready, or a reload restored a step):
    // the person may be on an element this drawing replaces.
    const refocus = focus ? null : keepFocus(this.view);
    this.sidebars(true);
    // The tab's title says where the person is, never the question's or the answers' words: every
    // step's title stays in the tab's history (Back's list), even after the quick exit.
    let title;
    if (result.outcome !== undefined) {
      this.renderOutcome(result, this.shown.answers);
      setOutcome(this.main, result.outcome);
      title = this.ui.title_result;
    } else {
      this.renderQuestion(result.next, this.shown.answers, remembered, error);
      setOutcome(this.main, undefined);
      title = this.ui.title_question.replace("{n}", String(this.shown.answers.length + 1));
    }
    document.title = (error ? this.ui.error_title_prefix : "") + title + (this.siteName ? ` - ${this.siteName}` : "");
    if (!focus) {
      refocus();
      return;
    }
    const target = error ? this.view.querySelector(".checker-error-summary") : this.view.querySelector("h1");
    if (target) {
      target.focus();
      if (!error) window.scrollTo(0, 0);
    }
  }

  // The editors' message for an error (every question's messages are in the data file).
  message(question, error) {
    if (error.code === "cannot_check") return this.ui.date_cannot_check;
    const q = this.question(question);
    return (q && q.errors[error.code]) || error.message;
  }

  dateText(iso) {
    return (this.dates[iso] && this.dates[iso].text) || iso;
  }

  backLink(answers) {
    const link = clone("back");
    if (!answers.length) {
      link.href = siteURL(this.data.states[this.data.start].back);
      return link;
    }
    const prefix = answers.slice(0, -1);
    link.href = this.urlFor(prefix);
    link.dataset.checkerGoto = String(prefix.length);
    return link;
  }

  heading(title) {
    const heading = clone("heading");
    heading.textContent = title;
    return heading;
  }

  renderQuestion(question, answers, remembered, error) {
    const q = this.question(question);
    const parts = [this.backLink(answers)];
    if (error) parts.push(this.errorSummary(question, error));
    const form = clone("form");
    form.dataset.checkerForm = question;
    if (error) slot(form, "group").classList.add("checker-form-group--error");
    if (q.kind === "date") slot(form, "fieldset").setAttribute("role", "group");
    form.querySelector("#checker-heading").textContent = q.title;
    const describedBy = [];
    if (q.hint) {
      const hint = fill(form, "hint", q.hint);
      hint.id = `${question}-hint`;
      describedBy.push(hint.id);
    } else drop(form, "hint");
    if (q.body.length) buildNodes(q.body, slot(form, "body"), this.data.markup);
    else drop(form, "body");
    if (error) {
      const message = slot(form, "error");
      message.id = `${question}-error`;
      fill(message, "error_text", this.message(question, error));
      describedBy.push(message.id);
    } else drop(form, "error");
    const inputs = q.kind === "date" ? this.dateInputs(question, q, remembered[question], error) : this.radios(question, q, remembered[question]);
    slot(form, "inputs").replaceWith(inputs);
    if (describedBy.length) slot(form, "fieldset").setAttribute("aria-describedby", describedBy.join(" "));
    parts.push(form);
    const summary = this.answersSummary(answers);
    if (summary) parts.push(summary);
    this.view.replaceChildren(...parts);
    return q.title;
  }

  radios(question, q, previous) {
    const list = clone("radios");
    q.options.forEach((option, index) => {
      const id = index === 0 ? question : `${question}-${option.value}`;
      const item = clone("radio");
      const input = slot(item, "input");
      Object.assign(input, { id, name: question, value: option.value, checked: previous === option.value });
      const label = fill(item, "label", option.label);
      label.htmlFor = id;
      if (option.hint) {
        fill(item, "hint", option.hint).id = `${id}-item-hint`;
        input.setAttribute("aria-describedby", `${id}-item-hint`);
      } else drop(item, "hint");
      list.append(item);
    });
    return list;
  }

  dateInputs(question, q, previous, error) {
    const prev = previous && typeof previous === "object" ? previous : {};
    const wrong = error ? errorFields(error.code) : new Set();
    const inputs = cloneAll("date");
    const parts = slot(inputs, "parts");
    parts.id = `${question}-date`;
    for (const field of q.fields) {
      const item = clone("date-part");
      const input = slot(item, "input");
      Object.assign(input, { id: field.name, name: field.name, value: prev[field.part] || "" });
      input.classList.add(`checker-input--width-${field.width}`);
      if (wrong.has(field.part)) input.classList.add("checker-input--error");
      fill(item, "label", this.ui[field.part]).htmlFor = field.name;
      parts.append(item);
    }
    const unknown = slot(inputs, "unknown");
    Object.assign(unknown, { id: `${question}-unknown`, name: question, checked: Boolean(prev.unknown || previous === "unknown") });
    fill(inputs, "unknown_label", q.unknown_label).htmlFor = unknown.id;
    return inputs;
  }

  errorSummary(question, error) {
    const q = this.question(question);
    const field = q.kind === "date" ? `${question}-${firstErrorField(error.code)}` : question;
    const summary = clone("error-summary");
    const link = fill(summary, "link", this.message(question, error));
    // A date this browser cannot check: the no-JavaScript date lookup's page for it (the data
    // file's `date_lookups`), where every date is listed. It leaves the app: Back returns here.
    const lookup = error.code === "cannot_check" && (this.data.date_lookups || {})[question];
    if (lookup) {
      link.href = siteURL(lookup.href);
      return summary;
    }
    link.href = `#${field}`;
    link.dataset.checkerField = field;
    return summary;
  }

  answerLabel(question, value) {
    const q = this.question(question);
    if (!q) return value;
    if (q.kind === "date") return value === "unknown" ? q.unknown_label : this.dateText(value);
    const option = q.options.find((o) => o.value === value);
    return option ? option.label : value;
  }

  answersSummary(answers) {
    if (!answers.length) return null;
    const section = clone("answers");
    const rows = slot(section, "rows");
    answers.forEach(([question, value], index) => {
      const q = this.question(question);
      const title = q ? q.title : question;
      const row = clone("answer-row");
      row.dataset.answer = question;
      fill(row, "title", title);
      if (this.isDate(question) && value !== "unknown") {
        const time = clone("time");
        time.dateTime = value;
        time.textContent = this.dateText(value);
        slot(row, "label").replaceChildren(time);
      } else fill(row, "label", this.answerLabel(question, value));
      const change = slot(row, "change");
      change.href = this.urlFor(answers.slice(0, index));
      change.dataset.checkerGoto = String(index);
      fill(change, "change_hidden", " " + this.ui.change_hidden.replace("{question}", title));
      rows.append(row);
    });
    return section;
  }

  // The outcome leads with the action (checker/_macros.html, `outcome`): what to do, who to send
  // it to, by when, and the print button; then the flags, the body and the sources.
  renderOutcome(result, answers) {
    const outcome = this.data.outcomes[result.outcome];
    const key = this.keyFor(answers);
    const state = key !== undefined ? this.data.states[key] : {};
    const body = clone("outcome");
    fill(body, "summary", outcome.summary);
    if (outcome.contacts.length) {
      const section = clone("contacts");
      section.append(...outcome.contacts.map((contact) => this.contact(contact)));
      slot(body, "contacts_place").replaceChildren(section);
    }
    slot(body, "dates").replaceChildren(...this.datesSection(result, state.date_rules || [], state.flag_rules || []),
      ...this.lookupLinks(state.skipped || [], result.answers || {}));
    slot(body, "flags").replaceChildren(...this.flagsSection(result));
    buildNodes(outcome.body, slot(body, "body"), this.data.markup);
    if (outcome.sources.length) {
      const section = clone("sources");
      for (const id of outcome.sources) {
        const source = this.data.sources[id];
        const item = clone("source");
        fill(item, "link", source.id).href = siteURL(source.href);
        fill(item, "summary", source.summary);
        slot(section, "list").append(item);
      }
      body.append(section);
    }
    const parts = [this.backLink(answers), this.heading(outcome.title), body];
    parts.push(...draftMessage(this, outcome.draft, result));
    const summary = this.answersSummary(answers);
    if (summary) parts.push(summary);
    if (outcome.last_reviewed) {
      const reviewed = clone("last-reviewed");
      const time = slot(reviewed, "time");
      time.dateTime = outcome.last_reviewed;
      time.dataset.lastReviewed = "";
      time.textContent = outcome.last_reviewed_text;
      parts.push(reviewed);
    }
    parts.push(this.printFooter());
    this.view.replaceChildren(...parts);
    return outcome.title;
  }

  // A printout's foot: the address the site was loaded from and the person's today (the build's
  // day until the engine has given today's text).
  printFooter() {
    const footer = clone("print-footer");
    fill(footer, "site", this.ui.print_from.replace("{site}", SITE_ROOT.href));
    const now = this.dates[today()];
    fill(footer, "date", now ? this.ui.print_date.replace("{date}", now.text)
      : this.ui.print_built.replace("{date}", this.data.built_text || ""));
    return footer;
  }

  contact(contact) {
    const block = clone("contact");
    block.dataset.contact = contact.id;
    fill(block, "name", contact.name);
    const items = slot(block, "items");
    for (const detail of contact.items) {
      const item = clone("contact-item");
      fill(item, "label", detail.label);
      if (detail.before) fill(item, "before", detail.before);
      else drop(item, "before");
      const link = item.querySelector("a"); // (the contact's markup is also editors' pages')
      link.textContent = detail.text;
      const href = safeURL(detail.href);
      if (href) link.href = href;
      if (detail.note) fill(item, "note", detail.note);
      else drop(item, "note");
      items.append(item);
    }
    if (!contact.items.length) items.remove();
    if (contact.post.length) {
      fill(block, "post_label", contact.post_label);
      const address = slot(block, "post");
      const line = slot(address, "line");
      address.replaceChildren(...contact.post.map((text) => {
        const copy = line.cloneNode(false);
        copy.textContent = text;
        return copy;
      }));
      if (contact.post_note) fill(block, "post_note", contact.post_note);
      else drop(block, "post_note");
    } else {
      drop(block, "post_label");
      drop(block, "post");
      drop(block, "post_note");
    }
    return block;
  }

  // The dates worked out, then, for a date not known, the rules instead: when a date is due, and
  // what applies if it is past (flagRules: the flags a date could raise on this route). Days left
  // and "as of <today>" only once the engine has counted them (`days`, and today's own text): a
  // date from the build's table has none. A date that has passed is marked data-late.
  datesSection(result, rules, flagRules) {
    const names = [...Object.keys(result.dates || {})];
    for (const name of rules) if (!names.includes(name)) names.push(name);
    const answers = result.answers || {};
    const unknownFlags = flagRules.filter((name) => {
      const rule = this.data.flag_rules[name];
      return rule && !(rule.question in answers && answers[rule.question] !== "unknown");
    });
    if (!names.length && !unknownFlags.length) return [];
    const section = cloneAll("dates");
    const list = slot(section, "rows");
    const now = this.dates[today()];
    let counted = false;
    for (const name of names) {
      const wording = this.data.dates[name] || { label: name, rule: "" };
      const value = result.dates ? result.dates[name] : undefined;
      const row = clone("date-row");
      fill(row, "label", wording.label);
      row.querySelector("[data-date]").dataset.date = name;
      if (value) {
        const time = fill(row, "time", this.dateText(value));
        time.dateTime = value;
        const days = this.dates[value] ? this.dates[value].days : undefined;
        if (now && typeof days === "number") {
          const left = days > 0 ? this.plural("days_left", days) : days === 0 ? this.ui.last_day : this.plural("days_late", -days);
          fill(row, "left", left).dataset.days = String(days);
          if (days < 0) row.dataset.late = "";
          counted = true;
        } else drop(row, "left");
      } else {
        drop(row, "time");
        drop(row, "left");
      }
      if (wording.rule) fill(row, "rule", wording.rule);
      else drop(row, "rule");
      list.append(row);
    }
    for (const name of unknownFlags) {
      const wording = this.data.flag_rules[name];
      const row = clone("date-row");
      fill(row, "label", wording.label);
      const value = row.querySelector("[data-date]");
      delete value.dataset.date;
      value.dataset.flagRule = name;
      drop(row, "time");
      drop(row, "left");
      fill(row, "rule", wording.rule);
      list.append(row);
    }
    const asOf = slot(section, "as_of");
    if (counted) {
      asOf.textContent = this.ui.as_of.replace("{date}", now.text);
      asOf.hidden = false;
    } else asOf.remove();
    return [section];
  }

  // For each date question on the route whose date is not known (skipped, or "I don't know"):
  // a link to its no-JavaScript date lookup, as the static page has (data file's date_lookups).
  lookupLinks(skipped, answers) {
    const lookups = this.data.date_lookups || {};
    const wanted = skipped.filter((q) => lookups[q] && !(q in answers && answers[q] !== "unknown"));
    if (!wanted.length) return [];
    const list = clone("date-lookups");
    const item = list.firstElementChild;
    list.replaceChildren(...wanted.map((q) => {
      const copy = item.cloneNode(true);
      const link = slot(copy, "link");
      link.textContent = lookups[q].text;
      link.href = siteURL(lookups[q].href);
      link.dataset.dateLookup = q;
      return copy;
    }));
    return [list];
  }

  flagsSection(result) {
    return (result.flags || [])
      .filter((name) => this.data.flags[name])
      .map((name) => {
        const flag = clone("flag");
        flag.dataset.flag = name;
        fill(flag, "text", this.data.flags[name]);
        return flag;
      });
  }

  plural(key, n) {
    const text = n === 1 ? this.ui[`${key}_one`] : this.ui[`${key}_other`];
    return text.replace("{n}", String(n));
  }
}

// ------------------------------------------------------------------------------------ helpers

// A state's choice answers, as [question, value] pairs.
function choices(state) {
  return state.answers.map((answer) => [answer.question, answer.value]);
}

// The page's <template id="checker-t-NAME"> (site_templates/checker/_macros.html): its first
// element (clone) or all of it (cloneAll), ready to fill.
function cloneAll(name) {
  const template = document.getElementById(`checker-t-${name}`);
  if (!template) throw new Error(`the page has no template checker-t-${name}`);
  return template.content.cloneNode(true);
}

function clone(name) {
  return cloneAll(name).firstElementChild;
}

function slot(scope, name) {
  return scope.querySelector(`[data-slot="${name}"]`);
}

// Put `text` in a piece's slot, as text; return the slot's element.
function fill(scope, name, text) {
  const node = slot(scope, name);
  node.textContent = text;
  return node;
}

function drop(scope, name) {
  const node = slot(scope, name);
  if (node) node.remove();
}

// An address of the data file (relative to the site's root), as a full URL.
function siteURL(href) {
  return new URL(href, SITE_ROOT).href;
}

// A link the data gives: on this page, on this site, or a web, mail or phone address; else none.
function safeURL(href) {
  if (typeof href !== "string") return null;
  if (href.startsWith("#")) return href;
  const url = new URL(href, SITE_ROOT);
  return ["http:", "https:", "mailto:", "tel:"].includes(url.protocol) ? url.href : null;
}

// Editors' text from its node tree (hooks/checker/markdown_tree.py): a node is a string or
// [tag, {attributes}?, ...children]. Only the tags and attributes the data file allows
// (`markup`) are made, text is always text, and every link is checked.
function buildNodes(nodes, parent, markup) {
  const tags = new Set(markup.tags);
  const attributes = new Set(markup.attributes);
  const build = (list, into) => {
    for (const node of list) {
      if (typeof node === "string") {
        into.append(node);
        continue;
      }
      if (!Array.isArray(node) || !tags.has(node[0])) continue;
      const hasAttributes = node.length > 1 && node[1] !== null && typeof node[1] === "object" && !Array.isArray(node[1]);
      const element = document.createElement(node[0]);
      for (const [name, value] of Object.entries(hasAttributes ? node[1] : {})) {
        if (!attributes.has(name)) continue;
        const checked = name === "href" ? safeURL(value) : String(value);
        if (checked !== null) element.setAttribute(name, checked);
      }
      build(node.slice(hasAttributes ? 2 : 1), element);
      into.append(element);
    }
  };
  build(nodes, parent);
  return parent;
}

// The page's links pinned to their full addresses (relative to `base`, the page's first URL).
// Needed only when the tab opened at a state's own page (/checker/met/): its address is replaced
// with the start address, and a relative link would then point somewhere else. Only what a
// person can follow: touching a stylesheet's or script's address would load it again (a request),
// and what is already loaded does not move with the URL.
function absolutizeLinks(scope, base) {
  for (const node of scope.querySelectorAll("a[href], area[href], form[action]")) {
    const name = node.tagName === "FORM" ? "action" : "href";
    const value = node.getAttribute(name);
    if (value === null || value.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
    node.setAttribute(name, new URL(value, base).href);
  }
}

// Without JavaScript a results page says how to print; with it, the print button instead.
function enablePrintButtons(scope) {
  if (!document.getElementById("checker-t-print")) return;
  for (const hint of scope.querySelectorAll("[data-checker-print-hint]")) hint.replaceWith(clone("print"));
}

function setOutcome(main, outcome) {
  if (outcome) main.dataset.outcome = outcome;
  else delete main.dataset.outcome;
}

function focusField(id) {
  const input = document.getElementById(id);
  if (!input) return;
  const legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
  (legend || input).scrollIntoView();
  input.focus({ preventScroll: true });
}

// The element that has the focus in `view`, described so that a new drawing of the view can find
// it again; returns the function that puts the focus back, on the new drawing's counterpart: the
// same id, the radio of the same answer (a static page's answer link becomes a radio), the same
// input (name and value), or a link to the same address (of the same kind, such as Back). If the
// element has none (it is gone), the heading, so the focus never falls to <body>. Focus outside
// the view is not touched.
function keepFocus(view) {
  const element = document.activeElement;
  if (!element || !view.contains(element)) return () => {};
  const id = element.id;
  const answer = element.matches("a[data-value]") && element.closest("[data-question]");
  const input = answer
    ? { name: answer.dataset.question, value: element.dataset.value }
    : element.matches("input[name]") ? { name: element.name, value: element.value } : null;
  const link = element.matches("a[href]") ? { href: element.href, className: element.className } : null;
  const find = () => {
    const same = id ? document.getElementById(id) : null;
    if (same && view.contains(same)) return same;
    if (input) {
      const found = view.querySelector(`input[name="${cssEscape(input.name)}"][value="${cssEscape(input.value)}"]`);
      if (found) return found;
    }
    if (link) {
      const links = [...view.querySelectorAll("a[href]")].filter((a) => a.href === link.href);
      const found = links.find((a) => a.className === link.className) || links[0];
      if (found) return found;
    }
    return view.querySelector("h1");
  };
  return () => {
    const target = find();
    if (target && document.activeElement !== target) target.focus();
  };
}

// Which inputs of a date field an error is about (GOV.UK: highlight those, link to the first).
function errorFields(code) {
  if (code.startsWith("missing_")) return new Set(code.slice("missing_".length).split("_")); // missing_month_year
  if (code === "year_digits") return new Set(["year"]);
  return new Set(["day", "month", "year"]);
}

function firstErrorField(code) {
  return [...errorFields(code)][0];
}

// The answers on the path the engine walked (it ignores answers off the path), in order.
function pathAnswers(result, answers) {
  if (result && result.answers && typeof result.answers === "object") {
    const entries = Array.isArray(result.answers) ? result.answers : Object.entries(result.answers);
    return entries.map(([q, v]) => [q, v]);
  }
  return answers;
}

// The answers given before `question` was asked (the answers that lead to it).
function trimTo(answers, question) {
  const index = answers.findIndex(([q]) => q === question);
  return index < 0 ? answers : answers.slice(0, index);
}

function pad(n) {
  return String(n).padStart(2, "0");
}

// Today on the person's own device (local date): the engine never reads a clock.
function today() {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// An own property of `object` (not one it inherits). Object.hasOwn is newer than some phones.
function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function cssEscape(value) {
  return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
}

// ------------------------------------------------------------------------------ draft message
//
// A result where the person writes to someone offers a draft message (the outcome's `draft` in
// checker-data.json, triage/view.py's draft_view; markup: site_templates/checker/_draft.html).
// The optional fields fill it live, in this tab only: what is typed is never stored (no storage,
// not in history.state) and never sent. Dates are the engine's texts (app.dates), so no date is
// worked out or formatted here; anything not known shows the draft's visible blank.
// Copy (the clipboard, else the text is selected), download (a .txt made in the tab) and, where
// contacts.yml confirms the address, "open in your email app" (mailto:).

function draftMessage(app, draft, result) {
  if (!draft) return [];
  const section = clone("draft");
  section.dataset.draftId = draft.id;
  const inputs = draftFields(app, draft, slot(section, "fields"));
  if (!Object.keys(inputs).length) {
    drop(section, "fields");
    drop(section, "fields_intro");
  }
  if (draft.to) fill(section, "to", draft.to.name);
  else drop(section, "to_row");
  const email = draft.to && draft.to.email ? slot(section, "email") : null;
  if (!email) drop(section, "email");
  const status = slot(section, "status");
  const answers = Object.fromEntries(pathAnswers(result, []));
  const dates = result.dates || {};
  const value = (name, whole) => {
    const placeholder = draft.placeholders.find((p) => p.name === name);
    if (!placeholder) return whole;
    let shown = "";
    if (placeholder.source === "field") {
      const typed = inputs[name] ? inputs[name].value : "";
      shown = placeholder.multiline ? typed.trim() : typed.split(/\s+/).filter(Boolean).join(" ");
    } else {
      const iso = placeholder.source === "answer" ? answers[name] : dates[name];
      shown = iso && app.dates[iso] ? app.dates[iso].text : "";
    }
    return shown || placeholder.blank;
  };
  // One pass, as triage/draft.py's fill: what the person typed is never filled again.
  const filled = (template) => template.replace(/\{([^{}]*)\}/g, (whole, name) => value(name, whole));
  const update = () => {
    const message = { subject: filled(draft.subject), text: filled(draft.text) };
    fill(section, "subject", message.subject);
    fill(section, "text", message.text);
    if (email) {
      const query = `subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.text)}`;
      const href = safeURL(`mailto:${draft.to.email}?${query}`);
      if (href) email.href = href;
    }
    return message;
  };
  const say = (text) => {
    status.textContent = text;
  };
  update();
  section.addEventListener("input", () => {
    update();
    say("");
  });
  section.addEventListener("click", (event) => {
    if (event.target.closest("[data-draft-copy]")) copyDraft(update().text, slot(section, "text"), say, app.ui);
    else if (event.target.closest("[data-draft-download]")) downloadDraft(draft, update(), section, app.ui);
  });
  return [section];
}

// The optional fields the draft uses (each an input named as the HTML contract says), by placeholder.
function draftFields(app, draft, container) {
  const inputs = {};
  for (const placeholder of draft.placeholders) {
    if (placeholder.source !== "field" || !placeholder.field) continue;
    const item = clone(placeholder.multiline ? "draft-area" : "draft-line");
    const input = slot(item, "input");
    input.name = placeholder.field;
    input.id = placeholder.field;
    fill(item, "label", app.ui[`draft_label_${placeholder.name}`] || placeholder.name).htmlFor = placeholder.field;
    const hint = slot(item, "hint");
    hint.id = `${placeholder.field}-hint`;
    input.setAttribute("aria-describedby", hint.id);
    inputs[placeholder.name] = input;
    container.append(item);
  }
  return inputs;
}

function copyDraft(text, element, say, ui) {
  const selectIt = () => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    say(ui.draft_copy_failed);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(() => say(ui.draft_copied), selectIt);
  } else selectIt();
}

// A text file made in the tab (a Blob URL, never a request), saved by a link's download attribute.
function downloadDraft(draft, message, section, ui) {
  const lines = [];
  if (draft.to) lines.push(`${ui.draft_to} ${draft.to.name}`);
  lines.push(`${ui.draft_subject} ${message.subject}`, "", message.text, "");
  const url = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = draft.file_name;
  link.hidden = true;
  section.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000); // long enough for a slow phone to save it
}

// Last, once every class above is defined.
start();
