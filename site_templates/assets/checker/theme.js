/*
 * The theme's scripts on checker pages (mkdocs-material's bundle: its header, navigation and
 * search), held inert in <template id="checker-theme-scripts"> by site_templates/checker/base.html.
 *
 * Run while the page's first screen loads, the bundle was a main-thread long task (70-130 ms
 * measured) and its search worker (fetching and indexing the site's search index) took the CPU
 * and the network from the page. So the checker's app (app.js) starts them once it has taken
 * over the page (or found it cannot), by calling window.checkerStartTheme: the app needs only its
 * two data files for that, and the engine's download starts only after the page has loaded, so
 * the theme no longer waits for the engine. Until then, <html class="no-js"> keeps the theme's
 * search hidden.
 *
 * If the app never runs (its file did not load, or a browser without JavaScript modules ignored
 * it), nothing would start them: so once the page has loaded, a page whose checker the app has
 * not touched (no data-app attribute: the app sets it as soon as it runs, before the load event)
 * starts them here.
 *
 * A classic script, loaded after the template: it runs before DOMContentLoaded, so it is there
 * before the app can need it.
 */
(function () {
  "use strict";

  var pageURL = location.href; // what the template's relative paths are relative to, before the app replaces the address
  var started = false;

  // The bundle starts its components when its `document$` emits, on DOMContentLoaded, which is
  // long past when it runs here: so it is emitted once the bundle has loaded.
  function emitDocument() {
    if (!started && window.document$) {
      started = true;
      window.document$.next(document);
    }
  }

  function startTheme() {
    var held = document.getElementById("checker-theme-scripts");
    if (!held) {
      return; // started already
    }
    var inert = held.content.querySelectorAll("script[src]");
    for (var i = 0; i < inert.length; i++) {
      var script = document.createElement("script");
      for (var j = 0; j < inert[i].attributes.length; j++) {
        script.setAttribute(inert[i].attributes[j].name, inert[i].attributes[j].value);
      }
      script.src = new URL(inert[i].getAttribute("src"), pageURL).href;
      script.async = false; // in the order they were written
      script.addEventListener("load", emitDocument);
      held.parentNode.insertBefore(script, held);
    }
    held.parentNode.removeChild(held);
  }

  window.checkerStartTheme = startTheme;

  window.addEventListener("load", function () {
    var root = document.getElementById("checker");
    if (!root || !root.hasAttribute("data-app")) {
      startTheme();
    }
  });
})();
