/*
 * "Leave this site" (site_templates/partials/exit.html), like GOV.UK's "Exit this page".
 *
 * Without JavaScript the control is an ordinary link to a neutral page. With it:
 * - following the link replaces this page in the browser's history (location.replace), so the
 *   Back button does not return here;
 * - pressing the Shift key 3 times (within 5 seconds, not while typing capitals) does the same;
 * - the page is hidden at once, so it is not on screen while the other site loads.
 * No cookies, no storage, no requests of its own. Loaded as a file: the CSP allows no inline JS.
 */
(function () {
  "use strict";

  var link = document.querySelector("[data-app-exit]");
  if (!link) {
    return;
  }
  var url = link.getAttribute("href");
  var hint = link.querySelector("[data-app-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("app-leaving");
    window.location.replace(url);
  }

  link.addEventListener("click", leave);

  // Shift pressed and released on its own, 3 times within 5 seconds.
  var presses = 0;
  var timer = null;
  var usedAsModifier = false;

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        usedAsModifier = false;
      }
      return;
    }
    usedAsModifier = event.shiftKey;
    presses = 0;
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    if (usedAsModifier) {
      usedAsModifier = false;
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      presses = 0;
    }, 5000);
    if (presses >= 3) {
      presses = 0;
      leave();
    }
  });

  // If the browser brings this page back from its cache, show it again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("app-leaving");
  });
})();
