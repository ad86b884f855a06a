// The checker in the browser: enhances the static checker pages in place.
//
// Every checker page works without this script: each answer is a link to the next state's page
// (hooks/checker_pages.py generates one page per state). This module, loaded on every page under
// /checker/, starts the engine at once (Pyodide running the `triage` wheel in a module Web Worker,
// see worker.js) and fetches checker/checker-data.json (the view model of every state). It
// never blocks: until both are ready the static links keep working. Once ready, the checker's
// root element gets data-engine="ready" and each step is rendered in place:
//
// - no request at all after that: the next step comes from the worker and the data file, so the
//   server never learns an answer; the URL still moves to the matching static page
//   (history.pushState), so reload, back and forward work; date answers live only in
//   history.state (this tab), never in the URL, never in storage or cookies;
// - questions become GOV.UK forms (radios named by the question id, dates as <id>-day/-month/
//   -year), errors a GOV.UK error summary; outcomes show the computed dates;
// - every piece of markup comes from the page's <template>s, the same macros as the static pages.
//
// The HTML contract (ids, data attributes, input names) is in triage/README.md ("In the site's HTML").

const SCRIPT_URL = new URL(import.meta.url);
const SITE_ROOT = new URL("../../", SCRIPT_URL);
const WORKER_URL = new URL(`worker.js${SCRIPT_URL.search}`, SCRIPT_URL);
const BOOT_TIMEOUT_MS = 30000;

let root = null; // <div id="checker">, once the page is parsed

// ------------------------------------------------------------------------------------- start-up

// Runs as soon as the module arrives (it is loaded with `async` from <head>): the engine starts
// before the page has finished parsing. Paths come from <meta name="checker-..."> tags written
// by site_templates/checker/_macros.html, relative to the page.
function start() {
  performance.mark("checker:start");
  const path = (name, fallback) => {
    const meta = document.querySelector(`meta[name="${name}"]`);
    return meta ? new URL(meta.content, location.href) : new URL(fallback, SITE_ROOT);
  };
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
    else resolve();
  });

  let worker = null;
  let moduleWorkers = false;
  if (typeof WebAssembly === "object" && typeof Worker === "function") {
    try {
      worker = new Worker(WORKER_URL, { get type() { moduleWorkers = true; return "module"; } });
    } catch (error) {
      worker = null;
    }
    if (worker && !moduleWorkers) {
      worker.terminate(); // a browser that would run it as a classic worker: Pyodide needs modules
      worker = null;
    }
  }
  if (!worker) {
    domReady.then(() => setUp(null, null, null));
    return;
  }
  const engine = new Engine(worker);
  engine.boot({
    module: path("checker-pyodide-module", "checker/pyodide/pyodide.mjs").href,
    indexURL: path("checker-pyodide-dir", "checker/pyodide/").href,
    lockFileURL: path("checker-pyodide-lock", "checker/pyodide/pyodide-lock.json").href,
    package: (document.querySelector('meta[name="checker-pyodide-package"]') || { content: "triage" }).content,
  });
  engine.ready.then(() => performance.mark("checker:engine"), () => {});
  const dataURL = path("checker-data", "checker/checker-data.json");
  const data = fetch(dataURL, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`${dataURL}: HTTP ${response.status}`);
    return response.json();
  });
  data.then(() => performance.mark("checker:data"), () => {});
  const icon = inlineIcons();
  domReady.then(() => setUp(engine, data, icon));
}

function setUp(engine, data, icon) {
  root = document.getElementById("checker");
  if (!root) {
    if (engine) engine.stop();
    startThemeScripts();
    return;
  }
  const status = document.getElementById("checker-status");
  const say = (key) => {
    const text = status && status.dataset[key];
    if (text) status.textContent = text;
    if (status) status.dataset.state = key;
  };
  enablePrintButtons(document);
  // Print or save (a PDF): works whether or not the engine loads.
  root.addEventListener("click", (event) => {
    if (event.target.closest("[data-checker-print]")) window.print();
  });
  if (!engine) {
    root.dataset.engine = "unsupported";
    say("unsupported");
    startThemeScripts();
    return;
  }
  root.dataset.engine = "loading";
  say("loading");
  engine.onProgress = (stage) => {
    if (stage === "rules") {
      performance.mark("checker:runtime");
      say("loadingRules");
    }
  };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), BOOT_TIMEOUT_MS);
  });
  Promise.race([Promise.all([engine.ready, data, icon]), timeout])
    .then(async ([, checkerData]) => {
      clearTimeout(timer);
      const app = new App(engine, checkerData);
      await app.enhance();
      root.dataset.engine = "ready";
      performance.mark("checker:ready");
      say("ready");
      // The engine reads its flow when it first walks it, and the error messages when it first
      // needs one: let it do both now, while the person reads, so the first answer is as fast as
      // the rest.
      engine.call("step_json", JSON.stringify({ about: "" }), today()).catch(() => {});
    })
    .catch((error) => {
      clearTimeout(timer);
      engine.stop();
      root.dataset.engine = "failed";
      root.dataset.engineError = String((error && error.message) || error).slice(0, 200);
      say("failed");
    })
    .finally(startThemeScripts); // ready or failed (the timeout included): never left unloaded
}

// The theme's scripts wait for the engine (assets/checker/theme.js says why): ready, failed or
// unsupported, start them now.
function startThemeScripts() {
  if (window.checkerStartTheme) window.checkerStartTheme();
}

// The site's icon, copied into the page as a data: URL while the page loads. The browser fetches
// (or revalidates) a page's icon again when the URL changes, even by pushState: without this, each
// step would send a request, and the server would learn when the person answered.
async function inlineIcons() {
  const links = [...document.querySelectorAll('link[rel~="icon"][href]')];
  await Promise.all(links.map(async (link) => {
    try {
      const response = await fetch(link.href, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const url = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      link.href = url;
    } catch (error) {
      link.remove(); // better no icon than a request at every step
    }
  }));
}

// ------------------------------------------------------------------------------------ the engine

class Engine {
  constructor(worker) {
    this.worker = worker;
    this.onProgress = () => {};
    this.pending = new Map();
    this.next = 1;
    this.ready = new Promise((resolve, reject) => {
      this._resolve = resolve;
      this._reject = reject;
    });
    worker.onmessage = (event) => {
      const message = event.data || {};
      if (message.type === "progress") this.onProgress(message.stage);
      else if (message.type === "ready") {
        this.timings = message.timings;
        this._resolve();
      } else if (message.type === "failed") this._reject(new Error(message.reason));
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
      this._reject(new Error(event.message || "the worker could not start"));
    };
  }

  boot(options) {
    this.worker.postMessage({ op: "boot", ...options });
  }

  stop() {
    this.worker.terminate();
  }

  call(fn, ...args) {
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
// in triage/README.md): the questions and outcomes once, and for each state its answers, Back and
// where each option leads. Every piece of markup is a <template id="checker-t-..."> of the page
// (site_templates/checker/_macros.html, the same macros the static pages are made of): the app
// clones them and fills in text and attributes, and builds editors' text from its node tree.

const SHAPE = 2;

class App {
  constructor(engine, data) {
    if (data.shape !== SHAPE) throw new Error(`checker-data.json has shape ${data.shape}, not ${SHAPE}`);
    this.engine = engine;
    this.data = data;
    this.ui = data.ui;
    this.view = document.getElementById("checker-view");
    this.main = document.querySelector("main") || document.body;
    this.initialTitle = document.title;
    this.initialOutcome = this.main.dataset.outcome;
    this.initialPath = location.pathname;
    this.initialHref = location.href; // what the page's own relative links are relative to
    this.siteName = root.dataset.siteName || "";
    this.busy = false;
    this.dates = {}; // "YYYY-MM-DD" -> {text, days}, as the engine shows them
    // Static state keys ("checker/met/") by URL path and by their choice answers.
    this.byPath = new Map();
    this.bySignature = new Map();
    for (const [key, state] of Object.entries(data.states)) {
      this.byPath.set(new URL(key, SITE_ROOT).pathname, key);
      this.bySignature.set(this.signature(choices(state)), key);
    }
    this.shown = null; // {answers, remembered, result}
  }

  isDate(question) {
    const q = this.data.questions[question];
    return Boolean(q && q.kind === "date");
  }

  signature(answers) {
    return answers.filter(([q]) => !this.isDate(q)).map(([q, v]) => `${q}=${v}`).join("&");
  }

  keyFor(answers) {
    return this.bySignature.get(this.signature(answers));
  }

  urlFor(answers) {
    const key = this.keyFor(answers);
    return key === undefined ? location.href : siteURL(key);
  }

  keyForHref(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return undefined;
    return this.byPath.get(url.pathname);
  }

  async enhance() {
    this.initial = [...this.view.childNodes].map((node) => node.cloneNode(true));
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => this.onSubmit(event));
    window.addEventListener("popstate", (event) => this.onPopState(event));
    const saved = history.state && history.state.checker;
    if (saved) await this.show(saved.answers, saved.remembered, { focus: false });
    else {
      // A static page: its state is in the data file already, so it is drawn without waiting
      // for the engine, with the answers the person gave (no date: this page asked none).
      const key = this.byPath.get(location.pathname);
      if (key !== undefined) this.showStatic(key, { focus: false });
    }
    // Otherwise (the start page): keep the page; its "Start now" link is taken over by onClick.
  }

  showStatic(key, options) {
    const state = this.data.states[key];
    const answers = choices(state);
    const result = state.kind === "outcome"
      ? { outcome: state.outcome, flags: state.flags, dates: {}, answers: Object.fromEntries(answers) }
      : { next: state.question, node: state.node, answers: Object.fromEntries(answers) };
    this.render(result, answers, {}, options);
    this.lastPath = location.pathname;
  }

  // -- navigation

  onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (link && root.contains(link)) {
      if (link.matches("[data-checker-goto]")) {
        event.preventDefault();
        const answers = this.shown ? this.shown.answers.slice(0, Number(link.dataset.checkerGoto)) : [];
        this.go(answers, this.shown ? this.shown.remembered : {});
        return;
      }
      if (link.matches("[data-checker-field]")) {
        event.preventDefault();
        focusField(link.dataset.checkerField);
        return;
      }
      const key = link.target ? undefined : this.keyForHref(link.href);
      if (key !== undefined) {
        event.preventDefault();
        this.go(choices(this.data.states[key]), this.shown ? this.shown.remembered : {});
      } else if (this.shown && this.isInitialPage(link.href)) {
        // Back from the first question to the start page this tab opened with: no reload.
        event.preventDefault();
        this.pushURL(null, link.href);
        this.restoreInitial();
      }
    }
  }

  async go(answers, remembered) {
    if (this.busy) return;
    this.busy = true;
    try {
      const result = await this.evaluate(answers);
      this.push(result, answers, remembered);
      this.render(result, answers, remembered, {});
    } finally {
      this.busy = false;
    }
  }

  async evaluate(answers) {
    const { step, dates } = await this.engine.step(answers);
    Object.assign(this.dates, dates || {});
    return step;
  }

  push(result, answers, remembered) {
    this.pushURL({ checker: { answers, remembered } }, this.urlFor(answers));
  }

  pushURL(state, url) {
    if (!this.absolute) {
      absolutizeLinks(document, this.initialHref); // once, when the page's URL first changes
      this.absolute = true;
    }
    history.pushState(state, "", url);
    this.lastPath = location.pathname;
  }

  async onPopState(event) {
    const saved = event.state && event.state.checker;
    if (saved) {
      await this.show(saved.answers, saved.remembered, {});
      return;
    }
    if (location.pathname === this.lastPath && !saved && location.hash) return; // an in-page link
    const key = this.byPath.get(location.pathname);
    if (key !== undefined) this.showStatic(key, {});
    else if (location.pathname === this.initialPath) this.restoreInitial();
    else location.reload();
  }

  isInitialPage(href) {
    const url = new URL(href, location.href);
    return url.origin === location.origin && url.pathname === this.initialPath && !this.byPath.has(url.pathname);
  }

  async show(answers, remembered, options) {
    const result = await this.evaluate(answers);
    this.render(result, answers, remembered || {}, options);
    this.lastPath = location.pathname;
  }

  // On the start page (an ordinary page with the site's sidebars), a step shows without them, as
  // on the checker's own pages.
  sidebars(hidden) {
    if (this.byPath.has(this.initialPath)) return;
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

  restoreInitial() {
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

  // -- answering

  async onSubmit(event) {
    const form = event.target.closest("form[data-checker-form]");
    if (!form) return;
    event.preventDefault();
    if (this.busy || !this.shown) return;
    this.busy = true;
    performance.mark("checker:answer");
    try {
      await this.answer(form);
    } finally {
      this.busy = false;
    }
  }

  async answer(form) {
    const question = form.dataset.checkerForm;
    const q = this.data.questions[question];
    const before = this.shown.answers;
    const remembered = { ...this.shown.remembered };
    let value;
    if (q.kind === "date") {
      const parts = {};
      for (const field of q.fields) parts[field.part] = form.elements[field.name].value.trim();
      const unknown = form.elements[question] && form.elements[question].checked;
      remembered[question] = { ...parts, unknown: Boolean(unknown) };
      if (unknown) value = "unknown";
      else {
        const parsed = await this.engine.dateFromParts(question, parts.day, parts.month, parts.year);
        if (parsed.error) {
          this.render({ next: question }, before, remembered, { error: parsed.error });
          return;
        }
        value = parsed.answer;
      }
    } else {
      // Nothing chosen is the answer "": the engine answers with the code `required`.
      const checked = form.querySelector(`input[name="${cssEscape(question)}"]:checked`);
      value = checked ? checked.value : "";
      if (value) remembered[question] = value;
    }
    const answers = [...before.filter(([id]) => id !== question), [question, value]];
    const result = await this.evaluate(answers);
    if (result.error) {
      this.render({ next: question }, before, remembered, { error: result.error });
      return;
    }
    const path = pathAnswers(result, answers);
    // Keep what was typed on this step too, so that "back" shows it again.
    history.replaceState({ checker: { answers: before, remembered } }, "");
    this.push(result, path, remembered);
    this.render(result, path, remembered, {});
    performance.mark("checker:rendered");
    performance.measure("checker:step", "checker:answer", "checker:rendered");
  }

  // -- rendering

  render(result, answers, remembered, { error = null, focus = true } = {}) {
    if (result.error && !error) {
      error = result.error;
      result = { next: result.error.question };
    }
    const path = result.next === undefined && result.outcome === undefined ? answers : pathAnswers(result, answers);
    this.shown = { answers: result.next !== undefined ? trimTo(path, result.next) : path, remembered, result };
    // Drawn without moving the focus (the engine just became ready, or a reload restored a step):
    // the person may be on an element this drawing replaces.
    const refocus = focus ? null : keepFocus(this.view);
    this.sidebars(true);
    let title;
    if (result.outcome !== undefined) {
      title = this.renderOutcome(result, this.shown.answers);
      setOutcome(this.main, result.outcome);
    } else {
      title = this.renderQuestion(result.next, this.shown.answers, remembered, error);
      setOutcome(this.main, undefined);
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
    const q = this.data.questions[question];
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
    const q = this.data.questions[question];
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
    const q = this.data.questions[question];
    const field = q.kind === "date" ? `${question}-${firstErrorField(error.code)}` : question;
    const summary = clone("error-summary");
    const link = fill(summary, "link", this.message(question, error));
    link.href = `#${field}`;
    link.dataset.checkerField = field;
    return summary;
  }

  answerLabel(question, value) {
    const q = this.data.questions[question];
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
      const q = this.data.questions[question];
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

  renderOutcome(result, answers) {
    const outcome = this.data.outcomes[result.outcome];
    const key = this.keyFor(answers);
    const state = key !== undefined ? this.data.states[key] : {};
    const body = clone("outcome");
    fill(body, "summary", outcome.summary);
    slot(body, "dates").replaceChildren(...this.datesSection(result, state.date_rules || [], state.flag_rules || []));
    slot(body, "flags").replaceChildren(...this.flagsSection(result));
    buildNodes(outcome.body, slot(body, "body"), this.data.markup);
    if (outcome.contacts.length) {
      const section = clone("contacts");
      section.append(...outcome.contacts.map((contact) => this.contact(contact)));
      body.append(section);
    }
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
    parts.push(clone("print"));
    if (outcome.last_reviewed) {
      const reviewed = clone("last-reviewed");
      const time = slot(reviewed, "time");
      time.dateTime = outcome.last_reviewed;
      time.dataset.lastReviewed = "";
      time.textContent = outcome.last_reviewed_text;
      parts.push(reviewed);
    }
    this.view.replaceChildren(...parts);
    return outcome.title;
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
    } else {
      drop(block, "post_label");
      drop(block, "post");
    }
    return block;
  }

  // The dates worked out, then, for a date not known, the rules instead: when a date is due, and
  // what applies if it is past (flagRules: the flags a date could raise on this route).
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
    for (const name of names) {
      const wording = this.data.dates[name] || { label: name, rule: "" };
      const value = result.dates ? result.dates[name] : undefined;
      const row = clone("date-row");
      fill(row, "label", wording.label);
      row.querySelector("[data-date]").dataset.date = name;
      if (value) {
        const time = fill(row, "time", this.dateText(value));
        time.dateTime = value;
        const days = this.dates[value] ? this.dates[value].days : 0;
        const left = days > 0 ? this.plural("days_left", days) : days === 0 ? this.ui.last_day : this.plural("days_late", -days);
        fill(row, "left", left).dataset.days = String(days);
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
    return [section];
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
// pushState changes the page's URL, and a relative link would then point somewhere else.
// Only what a person can follow: touching a stylesheet's or script's address would load it again
// (a request), and what is already loaded does not move with the URL. The icon, which the browser
// does fetch again for each URL, is a data: URL by then (inlineIcons).
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
