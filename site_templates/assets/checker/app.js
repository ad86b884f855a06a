// The checker in the browser: enhances the static checker pages in place.
//
// Every checker page works without this script: each answer is a link to the next state's page
// (hooks/checker_pages.py generates one page per state). This module, loaded on every page under
// /checker/, starts the engine at once (Pyodide running the `triage` wheel in a module Web Worker,
// see worker.js) and fetches checker/checker-data.json (the wording and the list of states). It
// never blocks: until both are ready the static links keep working. Once ready, the checker's
// root element gets data-engine="ready" and each step is rendered in place:
//
// - no request at all after that: the next step comes from the worker and the data file, so the
//   server never learns an answer; the URL still moves to the matching static page
//   (history.pushState), so reload, back and forward work; date answers live only in
//   history.state (this tab), never in the URL, never in storage or cookies;
// - questions become GOV.UK forms (radios named by the question id, dates as <id>-day/-month/
//   -year), errors a GOV.UK error summary; outcomes show the computed dates.
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
      engine.call("evaluate_json", JSON.stringify({ about: "" }), today()).catch(() => {});
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

  // triage.bridge: JSON text in, JSON text out (see triage/bridge.py).
  evaluate(answers) {
    return this.call("evaluate_json", JSON.stringify(Object.fromEntries(answers)), today());
  }

  dateFromParts(question, day, month, year) {
    return this.call("date_from_parts_json", question, day, month, year, today());
  }
}

// --------------------------------------------------------------------------------- the app

class App {
  constructor(engine, data) {
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
    // Static state keys ("checker/met/") by URL path and by their choice answers.
    this.byPath = new Map();
    this.bySignature = new Map();
    for (const [key, state] of Object.entries(data.states)) {
      this.byPath.set(new URL(key, SITE_ROOT).pathname, key);
      this.bySignature.set(this.signature(state.answers), key);
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
    return key === undefined ? location.href : new URL(key, SITE_ROOT).href;
  }

  keyForHref(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return undefined;
    return this.byPath.get(url.pathname);
  }

  async enhance() {
    this.initialHTML = this.view.innerHTML;
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => this.onSubmit(event));
    window.addEventListener("popstate", (event) => this.onPopState(event));
    const saved = history.state && history.state.checker;
    if (saved) await this.show(saved.answers, saved.remembered, { focus: false });
    else {
      // A static page: its state is in the data file already (the engine's own result for its
      // answers, with any date not given), so it is drawn without waiting for the engine.
      const key = this.byPath.get(location.pathname);
      if (key !== undefined) this.render(this.staticResult(key), this.data.states[key].answers, {}, { focus: false });
    }
    // Otherwise (the start page): keep the page; its "Start now" link is taken over by onClick.
  }

  staticResult(key) {
    const state = this.data.states[key];
    const answers = Object.fromEntries(state.answers);
    if (state.kind === "outcome") return { outcome: state.outcome, flags: state.flags || [], dates: {}, answers };
    return { next: state.question, node: state.node, answers };
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
        this.go(this.data.states[key].answers, this.shown ? this.shown.remembered : {});
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
      const result = await this.engine.evaluate(answers);
      this.push(result, answers, remembered);
      this.render(result, answers, remembered, {});
    } finally {
      this.busy = false;
    }
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
    if (key !== undefined) await this.show(this.data.states[key].answers, {}, {});
    else if (location.pathname === this.initialPath) this.restoreInitial();
    else location.reload();
  }

  isInitialPage(href) {
    const url = new URL(href, location.href);
    return url.origin === location.origin && url.pathname === this.initialPath && !this.byPath.has(url.pathname);
  }

  async show(answers, remembered, options) {
    const result = await this.engine.evaluate(answers);
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
    this.view.innerHTML = this.initialHTML;
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
      const parts = {
        day: form.elements[`${question}-day`].value.trim(),
        month: form.elements[`${question}-month`].value.trim(),
        year: form.elements[`${question}-year`].value.trim(),
      };
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
      // Nothing chosen is the answer "": the engine answers with the editors' "required" message.
      const checked = form.querySelector(`input[name="${cssEscape(question)}"]:checked`);
      value = checked ? checked.value : "";
      if (value) remembered[question] = value;
    }
    const answers = [...before.filter(([id]) => id !== question), [question, value]];
    const result = await this.engine.evaluate(answers);
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
    if (!focus) return;
    const target = error ? this.view.querySelector(".checker-error-summary") : this.view.querySelector("h1");
    if (target) {
      target.focus();
      if (!error) window.scrollTo(0, 0);
    }
  }

  backLink(answers) {
    if (!answers.length) {
      const start = this.data.start_page;
      return start ? el("a", { class: "checker-back", href: new URL(start, SITE_ROOT).href }, this.ui.back) : null;
    }
    const prefix = answers.slice(0, -1);
    return el("a", { class: "checker-back", href: this.urlFor(prefix), "data-checker-goto": String(prefix.length) }, this.ui.back);
  }

  renderQuestion(question, answers, remembered, error) {
    const q = this.data.questions[question];
    const parts = [];
    const back = this.backLink(answers);
    if (back) parts.push(back);
    if (error) parts.push(this.errorSummary(question, error));

    const form = el("form", { novalidate: "", "data-checker-form": question, class: "checker-form" });
    const group = el("div", { class: "checker-form-group" + (error ? " checker-form-group--error" : "") });
    const describedBy = [];
    const fieldset = el("fieldset", { class: "checker-fieldset" });
    if (q.kind === "date") fieldset.setAttribute("role", "group");
    const heading = el("h1", { class: "checker-heading", id: "checker-heading", tabindex: "-1" }, q.title);
    fieldset.append(el("legend", { class: "checker-legend" }, heading));
    if (q.hint) {
      fieldset.append(el("div", { class: "checker-hint", id: `${question}-hint` }, q.hint));
      describedBy.push(`${question}-hint`);
    }
    if (q.body_html) fieldset.append(fragment(q.body_html, "checker-question-body"));
    if (error) {
      const message = el("p", { class: "checker-error-message", id: `${question}-error` });
      message.append(el("span", { class: "md-visually-hidden app-visually-hidden" }, this.ui.error_prefix_hidden + " "), error.message);
      fieldset.append(message);
      describedBy.push(`${question}-error`);
    }
    if (q.kind === "date") fieldset.append(...this.dateInputs(question, q, remembered[question], error));
    else fieldset.append(this.radios(question, q, remembered[question]));
    if (describedBy.length) fieldset.setAttribute("aria-describedby", describedBy.join(" "));
    group.append(fieldset);
    form.append(group, el("button", { type: "submit", class: "checker-button", "data-checker-continue": "" }, this.ui.continue));
    parts.push(form);
    const summary = this.answersSummary(answers);
    if (summary) parts.push(summary);
    this.view.replaceChildren(...parts);
    return q.title;
  }

  radios(question, q, previous) {
    const list = el("div", { class: "checker-radios" });
    q.options.forEach((option, index) => {
      const id = index === 0 ? question : `${question}-${option.value}`;
      const input = el("input", { class: "checker-radio", id, name: question, type: "radio", value: option.value });
      if (previous === option.value) input.checked = true;
      const item = el("div", { class: "checker-radios__item" }, input, el("label", { class: "checker-radios__label", for: id }, option.label));
      if (option.hint) {
        input.setAttribute("aria-describedby", `${id}-item-hint`);
        item.append(el("div", { class: "checker-hint checker-radios__hint", id: `${id}-item-hint` }, option.hint));
      }
      list.append(item);
    });
    return list;
  }

  dateInputs(question, q, previous, error) {
    const prev = previous && typeof previous === "object" ? previous : {};
    const wrong = error ? errorFields(question, error.code) : new Set();
    const inputs = el("div", { class: "checker-date-input", id: `${question}-date` });
    for (const [part, width] of [["day", 2], ["month", 2], ["year", 4]]) {
      const name = `${question}-${part}`;
      const input = el("input", {
        class: `checker-input checker-input--width-${width}` + (wrong.has(part) ? " checker-input--error" : ""),
        id: name, name, type: "text", inputmode: "numeric", autocomplete: "off", spellcheck: "false",
      });
      input.value = prev[part] || "";
      inputs.append(el("div", { class: "checker-date-input__item" },
        el("label", { class: "checker-label", for: name }, this.ui[part]), input));
    }
    const unknownId = `${question}-unknown`;
    const unknown = el("input", { class: "checker-checkbox", id: unknownId, name: question, type: "checkbox", value: "unknown" });
    if (prev.unknown || previous === "unknown") unknown.checked = true;
    const or = el("p", { class: "checker-or" }, this.ui.or);
    const choice = el("div", { class: "checker-checkboxes__item" }, unknown, el("label", { class: "checker-checkboxes__label", for: unknownId }, q.unknown_label));
    return [inputs, or, el("div", { class: "checker-checkboxes" }, choice)];
  }

  errorSummary(question, error) {
    const q = this.data.questions[question];
    const field = q.kind === "date" ? `${question}-${firstErrorField(question, error.code)}` : question;
    const summary = el("div", { class: "checker-error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "checker-error-summary-title" },
      el("h2", { class: "checker-error-summary__title", id: "checker-error-summary-title" }, this.ui.error_summary_title),
      el("ul", { class: "checker-error-summary__list" },
        el("li", {}, el("a", { href: `#${field}`, "data-checker-field": field }, error.message))));
    return summary;
  }

  answerLabel(question, value) {
    const q = this.data.questions[question];
    if (!q) return value;
    if (q.kind === "date") return value === "unknown" ? q.unknown_label : formatDate(value);
    const option = q.options.find((o) => o.value === value);
    return option ? option.label : value;
  }

  answersSummary(answers) {
    if (!answers.length) return null;
    const list = el("dl", { class: "checker-summary-list" });
    answers.forEach(([question, value], index) => {
      const q = this.data.questions[question];
      const prefix = answers.slice(0, index);
      const change = el("a", { href: this.urlFor(prefix), "data-checker-goto": String(index) }, this.ui.change,
        el("span", { class: "md-visually-hidden app-visually-hidden" }, " " + this.ui.change_hidden.replace("{question}", q ? q.title : question)));
      const valueCell = el("dd", { class: "checker-summary-list__value" });
      if (q && q.kind === "date" && value !== "unknown") valueCell.append(el("time", { datetime: value }, formatDate(value)));
      else valueCell.append(this.answerLabel(question, value));
      list.append(el("div", { class: "checker-summary-list__row", "data-answer": question },
        el("dt", { class: "checker-summary-list__key" }, q ? q.title : question),
        valueCell,
        el("dd", { class: "checker-summary-list__actions" }, change)));
    });
    return el("section", { class: "checker-your-answers", "aria-labelledby": "checker-your-answers-title" },
      el("h2", { id: "checker-your-answers-title" }, this.ui.your_answers), list);
  }

  renderOutcome(result, answers) {
    const outcome = this.data.outcomes[result.outcome];
    const parts = [];
    const back = this.backLink(answers);
    if (back) parts.push(back);
    parts.push(el("h1", { class: "checker-heading", id: "checker-heading", tabindex: "-1" }, outcome.title));
    const body = fragment(outcome.html, "checker-outcome");
    const key = this.keyFor(answers);
    const state = key !== undefined ? this.data.states[key] : {};
    const datesSlot = body.querySelector('[data-checker-slot="dates"]');
    if (datesSlot) datesSlot.replaceChildren(...this.datesSection(result, state.date_rules || [], state.flag_rules || []));
    const flagsSlot = body.querySelector('[data-checker-slot="flags"]');
    if (flagsSlot) flagsSlot.replaceChildren(...this.flagsSection(result));
    parts.push(body);
    const summary = this.answersSummary(answers);
    if (summary) parts.push(summary);
    parts.push(el("p", { class: "checker-print" },
      el("button", { type: "button", class: "checker-button checker-button--secondary", "data-checker-print": "" }, this.ui.print_button)));
    this.view.replaceChildren(...parts);
    return outcome.title;
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
    const list = el("dl", { class: "checker-dates" });
    const now = today();
    for (const name of names) {
      const wording = this.data.dates[name] || { label: name, rule: "" };
      const value = result.dates ? result.dates[name] : undefined;
      const dd = el("dd", { class: "checker-dates__value", "data-date": name });
      if (value) {
        dd.append(el("time", { datetime: value }, formatDate(value)));
        const days = daysBetween(now, value);
        const left = days > 0 ? this.plural("days_left", days) : days === 0 ? this.ui.last_day : this.plural("days_late", -days);
        dd.append(" ", el("span", { class: "checker-dates__left", "data-days": String(days) }, left));
        if (wording.rule) dd.append(el("span", { class: "checker-dates__rule" }, wording.rule));
      } else {
        dd.append(el("span", { class: "checker-dates__rule" }, wording.rule));
      }
      list.append(el("div", { class: "checker-dates__row" }, el("dt", { class: "checker-dates__label" }, wording.label), dd));
    }
    for (const name of unknownFlags) {
      const wording = this.data.flag_rules[name];
      list.append(el("div", { class: "checker-dates__row" }, el("dt", { class: "checker-dates__label" }, wording.label),
        el("dd", { class: "checker-dates__value", "data-flag-rule": name }, el("span", { class: "checker-dates__rule" }, wording.rule))));
    }
    return [el("h2", { id: "checker-dates-title" }, this.ui.dates_heading), list];
  }

  flagsSection(result) {
    return (result.flags || [])
      .filter((name) => this.data.flags[name])
      .map((name) => fragment(this.data.flags[name], "checker-flag", { "data-flag": name }));
  }

  plural(key, n) {
    const text = n === 1 ? this.ui[`${key}_one`] : this.ui[`${key}_other`];
    return text.replace("{n}", String(n));
  }
}

// ------------------------------------------------------------------------------------ helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// An HTML fragment from checker-data.json. Its links are relative to the site's root; parsing it
// in a <template> loads nothing, and every link is made absolute before it joins the page.
function fragment(html, className, attributes = {}) {
  const template = document.createElement("template");
  template.innerHTML = html;
  for (const node of template.content.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = node.getAttribute(name);
      if (value && !value.startsWith("#")) node.setAttribute(name, new URL(value, SITE_ROOT).href);
    }
  }
  const wrapper = el("div", { class: className, ...attributes });
  wrapper.append(template.content);
  return wrapper;
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

function enablePrintButtons(scope) {
  for (const hint of scope.querySelectorAll("[data-checker-print-hint]")) {
    const button = el("button", { type: "button", class: "checker-button checker-button--secondary", "data-checker-print": "" }, hint.dataset.checkerPrintHint);
    hint.replaceWith(el("p", { class: "checker-print" }, button));
  }
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

// Which inputs of a date field an error is about (GOV.UK: highlight those, link to the first).
function errorFields(question, code) {
  if (code.startsWith("missing_")) return new Set(code.slice("missing_".length).split("_")); // missing_month_year
  if (code === "year_digits") return new Set(["year"]);
  return new Set(["day", "month", "year"]);
}

function firstErrorField(question, code) {
  return [...errorFields(question, code)][0];
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

function utc(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function daysBetween(fromIso, toIso) {
  return Math.round((utc(toIso) - utc(fromIso)) / 86400000);
}

let dateFormat = null; // made on first use: building it at start-up costs the page a long task

// "2026-03-30" -> "30 March 2026"
function formatDate(iso) {
  dateFormat ||= new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return dateFormat.format(new Date(utc(iso)));
}

function cssEscape(value) {
  return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
}

// Last, once every class above is defined.
start();
