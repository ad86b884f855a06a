// The site's service worker: the site's pages and the checker's engine kept on the device, so a
// repeat visit downloads nothing it already has and the site works with the network off.
// Why it keeps what it keeps, and when: decisions/service-worker.md.
//
// hooks/service_worker.py writes this file into the built site as /sw.js, with the build's
// manifest (hooks/offline/manifest.py) in place of the marker below; `mkdocs serve` gets none,
// so an editor's preview is never a kept copy. Rules it keeps:
//
// - It stores only the site's own built files, each at its address with the revision (hash) the
//   manifest gives it: GET requests to this origin whose path is listed and whose query is empty,
//   the checker's one version (`?v=...`) or the file's own content hash (`?v=` and the first
//   digits of its revision: the date table's). Nothing else, ever: no other page, no query, no
//   answer (the checker keeps answers in the tab; it never sends them anywhere).
// - It never asks any other origin for anything, and sends no cookie (the site sets none).
// - One version at a time: a new build is a new worker (its manifest's hash); it fills its own
//   cache completely, checking every file's hash against the manifest (a file of another build
//   stops the install, and the old version stays), and only when it takes over are the old
//   caches deleted. A page is always answered by the version that drew it.
"use strict";

const MANIFEST = /* MANIFEST */ null;
const PREFIX = "police-complaints-"; // this site's caches; any other name is never touched
const CACHE = PREFIX + MANIFEST.version;
const SCOPE = new URL(self.registration.scope);
const CHECKER = new URL(MANIFEST.checker, SCOPE).pathname;
const ENGINE = new URL(MANIFEST.engine, SCOPE).pathname;

// Path -> {url, rev, onUse, key}. The cache key carries the revision, so a file unchanged from one
// build to the next is copied from the old cache, not downloaded again.
const ENTRIES = new Map();
for (const [list, onUse] of [[MANIFEST.precache, false], [MANIFEST.onUse, true]]) {
  for (const [address, rev] of Object.entries(list)) {
    const url = new URL(address, SCOPE);
    ENTRIES.set(url.pathname, { url: url.href, rev, onUse, key: `${url.href}?rev=${rev}` });
  }
}
const START_PAGE = ENTRIES.get(new URL(MANIFEST.startPage, SCOPE).pathname);

// This worker has told a newer one to take over (see takeOver): from now on, the network first.
let retiring = false;

function entryFor(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return null;
  const entry = ENTRIES.get(url.pathname) || null;
  // The query is the checker's version, or (the date table's, hooks/checker/datafile.py) the first
  // digits of this very file's revision: the same hash of its bytes.
  if (!url.search || url.search === MANIFEST.query) return entry;
  const own = /^\?v=([0-9a-f]{12,})$/.exec(url.search);
  return entry && own && entry.rev.startsWith(own[1]) ? entry : null;
}

async function hexDigest(response) {
  const bytes = await response.clone().arrayBuffer();
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The file of `entry` from the server, only if it is this version's: its bytes' hash is the
// manifest's. `mode` is the HTTP cache's: "no-cache" (revalidate) for files whose address stays
// from build to build, "default" for the engine's (their folders are named by their hash).
async function download(entry, mode) {
  const response = await fetch(entry.url, { cache: mode, credentials: "same-origin" });
  if (!response.ok || response.redirected || response.type !== "basic") {
    throw new Error(`${entry.url}: HTTP ${response.status}`);
  }
  if (!(await hexDigest(response)).startsWith(entry.rev)) {
    throw new Error(`${entry.url}: not the file of this version`);
  }
  return response;
}

// The cache of an older version that holds `entry` at its revision, or null.
async function keptCopy(olderNames, entry) {
  for (const name of olderNames) {
    const hit = await (await caches.open(name)).match(entry.key);
    if (hit) return hit;
  }
  return null;
}

// Whether an older version kept the engine (any of its files): then this one keeps it too, so the
// checker still works offline after the site changes.
async function engineKept(olderNames) {
  for (const name of olderNames) {
    const keys = await (await caches.open(name)).keys();
    if (keys.some((request) => new URL(request.url).pathname.startsWith(ENGINE))) return true;
  }
  return false;
}

async function install() {
  const cache = await caches.open(CACHE);
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  const fill = async (entry, mode) => {
    if (await cache.match(entry.key)) return; // kept by an earlier try of this same version
    await cache.put(entry.key, (await keptCopy(older, entry)) || (await download(entry, mode)));
  };
  const entries = [...ENTRIES.values()];
  const fillAll = async (list, mode) => {
    const results = await Promise.allSettled(list.map((entry) => fill(entry, mode)));
    const failed = results.find((result) => result.status === "rejected");
    if (failed) {
      await caches.delete(CACHE); // never half a version: the next try starts again
      throw failed.reason;
    }
  };
  await fillAll(entries.filter((entry) => !entry.onUse), "no-cache");
  // The person kept the engine before: keep this version's too (its changed files only), unless
  // they asked their browser to save data (then it is kept when the checker next uses it).
  const saveData = !!(self.navigator.connection && self.navigator.connection.saveData);
  if (!saveData && (await engineKept(older))) {
    await fillAll(entries.filter((entry) => entry.onUse), "default");
  } else {
    await adoptEngine(cache);
  }
}

// The engine's files the browser already holds in its HTTP cache (the checker page that opened
// before this worker took it downloaded them), kept without any request to the network: so a
// first visit to the checker downloads the engine once, not twice. Tried at install and, until
// every file is kept, again when a page asks for anything (see the fetch listener), at most
// every ADOPT_EVERY_MS: the page's download may still be under way at install.
const ADOPT_EVERY_MS = 3000;
let adopting = null;
let adoptedAt = 0;
let engineWhole = false;

async function adoptEngine(cache) {
  let whole = true;
  for (const entry of ENTRIES.values()) {
    if (!entry.onUse || (await cache.match(entry.key))) continue;
    let kept = false;
    // The page may have asked for it with the checker's `?v=` (the lock file) or without.
    for (const url of MANIFEST.query ? [entry.url, entry.url + MANIFEST.query] : [entry.url]) {
      try {
        const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
        if (response.ok && !response.redirected && (await hexDigest(response)).startsWith(entry.rev)) {
          await cache.put(entry.key, response);
          kept = true;
          break;
        }
      } catch (error) { /* not in the HTTP cache (yet) */ }
    }
    whole = whole && kept;
  }
  engineWhole = whole;
}

function adoptLater(event) {
  if (engineWhole || adopting || Date.now() - adoptedAt < ADOPT_EVERY_MS) return;
  adoptedAt = Date.now();
  adopting = caches.open(CACHE).then(adoptEngine).catch(() => {}).finally(() => { adopting = null; });
  event.waitUntil(adopting);
}

self.addEventListener("install", (event) => {
  event.waitUntil(install());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(older.map((name) => caches.delete(name)));
    // The first version takes the page that installed it, so the engine that page loads is kept.
    // A later one does not: a page drawn by the old version goes on without a worker (to the
    // network) rather than mix with this version's files.
    if (older.length === 0) await self.clients.claim();
  })());
});

// Sent by the version before this one (takeOver).
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

async function cached(entry) {
  return entry ? (await caches.open(CACHE)).match(entry.key) : undefined;
}

// A new version is installed and waiting, and at most one page of this site is open (the one
// being left, or the one a new tab is opened from): the new version takes over now and this
// navigation goes to the network (the new build). With more pages open it waits until they close.
// No page mixes two versions: this worker answers from the network from now on, and the new one
// does not take pages the old one drew (activate).
async function takeOver() {
  if (retiring) return true;
  const waiting = self.registration.waiting;
  if (!waiting) return false;
  const windows = await self.clients.matchAll({ type: "window" });
  if (windows.length > 1) return false;
  retiring = true;
  waiting.postMessage("take-over");
  return true;
}

async function networkThenCache(request, entry) {
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await cached(entry);
    if (hit) return hit;
    throw error;
  }
}

// Pages: the kept copy; else the network; offline, any other checker address is sent to the
// checker's start page (a redirect: the page's relative links must resolve from its own address;
// the address of a state, which can name the answers, is not kept in the history either).
async function navigate(request) {
  const entry = entryFor(request);
  if (await takeOver()) return networkThenCache(request, entry);
  const hit = await cached(entry);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    if (new URL(request.url).pathname.startsWith(CHECKER)) {
      if (await cached(START_PAGE)) return Response.redirect(START_PAGE.url, 303);
    }
    throw error;
  }
}

// Files: the kept copy; else the network, and an engine file is kept once it has arrived whole
// and is this version's.
async function file(event, entry) {
  if (retiring) return networkThenCache(event.request, entry);
  const hit = await cached(entry);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (entry.onUse && response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    event.waitUntil((async () => {
      if ((await hexDigest(copy)).startsWith(entry.rev)) await (await caches.open(CACHE)).put(entry.key, copy);
    })().catch(() => {})); // not kept: fetched again next time
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== SCOPE.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    adoptLater(event);
    return;
  }
  const entry = entryFor(request);
  if (entry) event.respondWith(file(event, entry));
  if (!entry || !entry.onUse) adoptLater(event);
});
