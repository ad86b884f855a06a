/*
 * The site's own script, on every page (site_templates/main.html loads it in <head>).
 *
 * 1. "Leave this site" (partials/exit.html), after GOV.UK's "Exit this page". Without JavaScript
 *    the control is an ordinary link to a neutral page. With it:
 *    - following the link, or pressing Shift on its own 3 times within 5 seconds (not while
 *      typing: a Shift held for a capital letter does not count), blanks the page at once, clears
 *      what the checker kept in this tab (history.state, sessionStorage) and replaces this page
 *      in the history with the neutral page (location.replace), so Back does not return here;
 *    - the history's earlier entries cannot be cleared by a page, so the tab remembers (one
 *      sessionStorage mark) that it left: if Back or Forward later brings a page of this site
 *      holding checker answers into it, that page is blanked before it is drawn and replaced by
 *      the home page. The mark is dropped when the person starts afresh in that tab (a page
 *      loaded by typing the address or following a link, as the browser reports it), unless
 *      Back has already brought a page of the site back after the exit (then it stays until the
 *      tab is closed). Trade-off: CONTRIBUTING.md, "Leave this site".
 * 2. Keyboard access to the theme's header: its menu and search buttons are <label>s, which a
 *    keyboard cannot reach; here they become buttons (Enter or Space). The menu's drawer is
 *    hidden from Tab while closed (app.css); opened from the keyboard, focus goes into it, and
 *    Escape or Tab out of it closes it.
 * 3. The search opens when it is used (a click, Enter or typing), not when Tab passes through
 *    its box: the theme opens its full-screen search on focus.
 *
 * 4. Offline: registers the site's service worker (sw.js, hooks/service_worker.py; what it keeps
 *    and why: decisions/service-worker.md) once the page has loaded, so it never delays the page.
 *    Not when the person asked their browser to save data (navigator.connection.saveData) and no
 *    worker is there yet. Under `mkdocs serve` the page names no worker (no data-service-worker):
 *    any worker of this address is removed, so an editor's preview is never a kept copy.
 *
 * No cookies, no requests of its own but the worker's. A file, not inline code: the CSP allows
 * no inline script.
 */
(function () {
  "use strict";

  var LEFT = "app-quick-exit-left"; // sessionStorage: this tab used the quick exit
  var SENT = "app-quick-exit-sent-home"; // ... and Back then brought a page with answers back
  var root = document.documentElement;
  var script = document.currentScript;
  var home = (script && script.getAttribute("data-home")) || "/";

  function storage() {
    try {
      return window.sessionStorage; // null, or a throw, when the browser keeps no storage
    } catch (error) {
      return null;
    }
  }

  // -- 1. leaving ---------------------------------------------------------------------------

  function blank() {
    root.classList.add("app-leaving");
    document.title = "";
  }

  // Blank the page, drop this entry's state and go to `url` in place of this page in history.
  function goAway(url) {
    blank();
    try {
      history.replaceState(null, "");
    } catch (error) { /* nothing kept */ }
    window.location.replace(url);
  }

  function leave(url) {
    var store = storage();
    if (store) {
      try {
        store.clear();
        store.setItem(LEFT, "1");
      } catch (error) { /* storage full or refused: nothing to clear */ }
    }
    goAway(url);
  }

  // A page holds checker answers if its history entry has a state (the checker keeps its
  // answers there) or it is one of the checker's own pages (their address names the answers).
  function holdsAnswers() {
    return history.state !== null || document.querySelector('meta[name="checker-data"]') !== null;
  }

  function cameBackAfterLeaving(fromHistory) {
    var store = storage();
    var left = false;
    try {
      left = !!store && store.getItem(LEFT) === "1";
    } catch (error) { /* no storage: nothing was marked */ }
    if (left && fromHistory && holdsAnswers()) {
      try {
        store.setItem(SENT, "1"); // the home page this loads must not count as a fresh start
      } catch (error) { /* refused: the mark may then be dropped at home */ }
      goAway(home);
      return true;
    }
    return false;
  }

  // How this page was reached, as the browser reports it: "navigate" (typed, a link, a
  // bookmark), "reload", "back_forward", or "" when it does not say.
  function navigationType() {
    var perf = window.performance;
    var entries = perf && perf.getEntriesByType ? perf.getEntriesByType("navigation") : [];
    if (entries.length > 0) {
      return entries[0].type;
    }
    if (perf && perf.navigation && typeof perf.navigation.type === "number") {
      // Safari before 15 has only this: TYPE_NAVIGATE, TYPE_RELOAD, TYPE_BACK_FORWARD
      return ["navigate", "reload", "back_forward"][perf.navigation.type] || "";
    }
    return "";
  }

  function arrivedFromHistory(type) {
    if (type) {
      return type === "back_forward";
    }
    // Not reported (some browsers, or a page whose clock a test replaced): an entry's state is
    // only ever brought back by Back, Forward or a reload, never by following a link.
    return history.state !== null;
  }

  // A fresh start in this tab (the browser says so: never guessed) drops the mark, so Back
  // within the new visit works again; not once Back has brought the site back after the exit.
  function forgetLeavingOnAFreshStart(type) {
    var store = storage();
    try {
      if (type === "navigate" && store && store.getItem(SENT) !== "1") {
        store.removeItem(LEFT);
      }
    } catch (error) { /* no storage: nothing was marked */ }
  }

  var arrival = navigationType();
  if (!cameBackAfterLeaving(arrivedFromHistory(arrival))) {
    forgetLeavingOnAFreshStart(arrival);
  }

  // Brought back from the browser's page cache (Back without a reload).
  window.addEventListener("pageshow", function (event) {
    if (!(event.persisted && cameBackAfterLeaving(true))) {
      root.classList.remove("app-leaving");
    }
  });

  // Shift pressed and released on its own, 3 times within 5 seconds.
  var presses = 0;
  var timer = null;
  var usedAsModifier = false;

  function announce(count) {
    var status = document.querySelector("[data-quick-exit-status]");
    if (status) {
      var words = count === 1 ? status.getAttribute("data-two-more") : count === 2 ? status.getAttribute("data-one-more") : "";
      status.textContent = words || "";
    }
  }

  function resetPresses() {
    presses = 0;
    window.clearTimeout(timer);
    announce(0);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        usedAsModifier = false;
      }
      return;
    }
    usedAsModifier = event.shiftKey;
    if (presses) {
      resetPresses();
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    if (usedAsModifier || event.isComposing) {
      usedAsModifier = false;
      resetPresses();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(resetPresses, 5000);
    if (presses >= 3) {
      presses = 0;
      var link = document.querySelector("[data-quick-exit]");
      if (link) {
        leave(link.href);
      }
    } else {
      announce(presses);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (link && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      leave(link.href);
    }
  });

  // -- 2. the header's menu and search buttons ----------------------------------------------

  function toggle(name) {
    return document.getElementById("__" + name);
  }

  function drawer() {
    return document.querySelector(".md-sidebar--primary");
  }

  function visible(el) {
    return !!el && el.getClientRects().length > 0 && window.getComputedStyle(el).visibility !== "hidden";
  }

  function closeDrawer(focusButton) {
    var box = toggle("drawer");
    if (box && box.checked) {
      box.click();
      var button = document.querySelector('label[for="__drawer"][data-app-button]');
      if (focusButton && button) {
        button.focus();
      }
    }
  }

  function setUp() {
    var hint = document.querySelector("[data-quick-exit-hint]");
    if (hint) {
      hint.hidden = false; // Shift 3 times works only with this script
    }

    var labels = document.querySelectorAll("label[data-app-button]");
    Array.prototype.forEach.call(labels, function (label) {
      var box = document.getElementById(label.getAttribute("for"));
      if (!box) {
        return;
      }
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", label.getAttribute("data-app-button"));
      label.setAttribute("aria-expanded", String(box.checked));
      box.addEventListener("change", function () {
        label.setAttribute("aria-expanded", String(box.checked));
      });
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") {
          return;
        }
        event.preventDefault();
        label.click(); // the label toggles its checkbox, which the theme watches
        if (box.id === "__drawer" && box.checked) {
          var first = drawer() && drawer().querySelector("a[href]");
          if (visible(first)) {
            first.focus();
          }
        }
      });
    });

    var nav = drawer();
    if (nav) {
      nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          closeDrawer(true);
        }
      });
      nav.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !nav.contains(event.relatedTarget)) {
          closeDrawer(false);
        }
      });
    }

    // Opened (by its button, a click or typing), focus goes to the search box: the theme tries
    // that before the box is shown (app.css hides it while closed), which a browser ignores.
    // The theme closes its search on Escape and drops focus: give it back to the search button
    // when that button is what opened it (narrow screens).
    var search = toggle("search");
    var searchBox = document.querySelector("[data-md-component=search-query]");
    var searchButton = document.querySelector('label[for="__search"][data-app-button]');
    if (search && searchBox) {
      search.addEventListener("change", function () {
        if (search.checked && document.activeElement !== searchBox) {
          searchBox.focus();
        } else if (!search.checked && visible(searchButton) && (document.activeElement === document.body || !visible(document.activeElement))) {
          searchButton.focus();
        }
      });
    }
  }

  // -- 3. the search opens when used --------------------------------------------------------

  var tabbing = false; // a Tab key is down: the focus it moves is not a use of the search
  var tabbedIntoSearch = false; // the search box holds focus that Tab alone brought there
  var opening = false; // this script's own click on the toggle (the search was used)

  function isSearchBox(el) {
    return !!el && el.matches && el.matches("[data-md-component=search-query]");
  }

  function openSearch() {
    var box = toggle("search");
    if (box && !box.checked) {
      opening = true;
      box.click();
      opening = false;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab") {
      tabbing = true;
    }
    if (event.key === "Enter" && isSearchBox(event.target) && !toggle("search").checked) {
      event.preventDefault();
      openSearch();
    }
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key === "Tab") {
      tabbing = false;
    }
  }, true);
  // The theme watches focusin and focusout on <body> and opens its search when focus ends up in
  // the search box. This script is registered first, so when Tab is what moves focus into the
  // box, it keeps both events from the theme (they still reach the box itself).
  function keepFromTheme(event) {
    if (tabbing && (isSearchBox(event.type === "focusin" ? event.target : event.relatedTarget))) {
      event.stopPropagation();
      if (event.type === "focusin") {
        tabbedIntoSearch = true;
      }
    }
  }
  window.addEventListener("focusin", keepFromTheme, true);
  window.addEventListener("focusout", keepFromTheme, true);
  // The theme reads where focus is 1 ms after any focus event on <body>; on a busy phone that
  // read can come after a second quick Tab has reached the box, and the theme then opens the
  // search with a script click on its toggle: refused while the box was reached by Tab alone.
  document.addEventListener("click", function (event) {
    var box = toggle("search");
    if (isSearchBox(event.target)) {
      openSearch();
    } else if (event.target === box && !event.isTrusted && !opening && box.checked &&
               tabbedIntoSearch && isSearchBox(document.activeElement)) {
      // During a click a checkbox already shows its new state: `checked` here means "opening".
      event.preventDefault();
    }
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (isSearchBox(event.target)) {
      tabbedIntoSearch = false;
    }
  }, true);
  document.addEventListener("input", function (event) {
    if (isSearchBox(event.target)) {
      tabbedIntoSearch = false;
      openSearch();
    }
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }

  // -- 4. offline ---------------------------------------------------------------------------

  function offline() {
    var workers = navigator.serviceWorker;
    var url = script && script.getAttribute("data-service-worker");
    if (!workers) {
      return; // an old browser, or a private window that allows none: the site works as before
    }
    if (!url) {
      workers.getRegistrations().then(function (registrations) {
        registrations.forEach(function (registration) {
          registration.unregister();
        });
      }, function () { /* none allowed: none to remove */ });
      return;
    }
    var connection = navigator.connection;
    if (connection && connection.saveData && !workers.controller) {
      return;
    }
    workers.register(url).catch(function () { /* refused (storage off, say): online only */ });
  }

  // On a checker page the worker is registered once the engine has settled (ready, failed, or
  // waiting for the person), not at the load event: its install downloads the site's pages and
  // looks for the engine's files, and on a first visit that shared the link with the engine's
  // own download and the CPU with its boot (decisions/service-worker.md). Once settled, the
  // engine's files are in the HTTP cache, and the worker keeps them from there.
  function engineBusy(checker) {
    var app = checker && checker.getAttribute("data-app");
    var engine = checker && checker.getAttribute("data-engine");
    return Boolean(app) && app !== "failed" && (!engine || engine === "loading");
  }

  function offlineOnceSettled() {
    var checker = document.getElementById("checker");
    if (!engineBusy(checker) || typeof MutationObserver !== "function") {
      offline();
      return;
    }
    new MutationObserver(function (records, observer) {
      if (!engineBusy(checker)) {
        observer.disconnect();
        offline();
      }
    }).observe(checker, { attributes: true, attributeFilter: ["data-app", "data-engine"] });
  }

  if (document.readyState === "complete") {
    offlineOnceSettled();
  } else {
    window.addEventListener("load", offlineOnceSettled);
  }
})();
