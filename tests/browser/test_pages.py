"""Every page of the built site in Chromium: private, secure, accessible, usable without JavaScript.

Assertions use ids, roles, attributes and structure, never the site's wording, so editors can
change any sentence without breaking a test. Each page's facts are read in one round trip
(`page_facts`), which works with JavaScript on or off (the DevTools protocol evaluates it, not
the page), to keep the run over 100+ pages fast.
"""
from __future__ import annotations

import zlib
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Page

# The quick-exit control ("Leave this site"), marked by a data attribute.
QUICK_EXIT = "[data-quick-exit]"  # site_templates/partials/exit.html
MAIN = "main, [role=main]"
# Pages where JavaScript may keep working after `load` (search index, checker's worker).
SETTLE_PAGES = ["/", "/checker/"]

_PAGE_FACTS = """
([quickExit, mainSel]) => {
  const visible = (el) => !!el && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  const governed = 'script, link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"], style';
  const csp = meta && {
    content: meta.getAttribute('content') || '',
    inHead: meta.parentElement === document.head,
    earlier: [...document.head.querySelectorAll(governed)]
      .filter((el) => meta.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)
      .map((el) => el.outerHTML.slice(0, 100)),
  };
  const exits = [...document.querySelectorAll(quickExit)].map((el) => ({
    tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), rel: el.getAttribute('rel') || '',
    visible: visible(el),
  }));
  const main = document.querySelector(mainSel);
  const h1s = main ? [...main.querySelectorAll('h1')] : [];
  const navLinks = [...document.querySelectorAll('nav a[href], [role=navigation] a[href]')]
    .filter((a) => !a.matches(quickExit))
    .map((a) => ({href: a.href, visible: visible(a)}));
  return {
    csp, exits, navLinks,
    referrer: document.querySelector('meta[name=referrer]')?.getAttribute('content') || '',
    hasMain: !!main, mainLinks: main ? main.querySelectorAll('a[href]').length : 0,
    h1: h1s.map((h) => ({visible: visible(h), text: h.textContent.trim().length > 0})),
  };
}
"""

_NAV_FOCUS_HIDDEN = """
(quickExit) => {
  // Focus each visible nav link as Tab would (the browser scrolls it into view) and list those
  // left entirely outside the window (WCAG 2.4.11: a focused control is not entirely hidden).
  const out = [];
  const links = [...document.querySelectorAll('nav a[href], [role=navigation] a[href]')].filter((a) => !a.matches(quickExit));
  links.forEach((a, index) => {
    if (!a.checkVisibility({visibilityProperty: true, opacityProperty: true})) return;
    a.focus();
    const r = a.getBoundingClientRect();
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) out.push(index);
  });
  document.activeElement?.blur();
  window.scrollTo(0, 0);
  return out;
}
"""

_MARK_NAV_LINK = """
([quickExit, index]) => [...document.querySelectorAll('nav a[href], [role=navigation] a[href]')]
  .filter((a) => !a.matches(quickExit))[index].setAttribute('data-test-nav-link', '')
"""

_FOCUS_INFO = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const main = document.querySelector('main, [role=main]');
  const href = el.getAttribute('href') || '';
  const target = href.startsWith('#') && href.length > 1 ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  return {
    tag: el.tagName.toLowerCase(), href, id: el.id, hash: location.hash,
    inMain: !!(main && main.contains(el)),
    afterMain: !!(main && (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)),
    targetInMain: !!(target && main && (main === target || main.contains(target))),
  };
}
"""


# Phones and zoom: 180 CSS px is a 360 px phone at 200 % zoom; 320 px is WCAG 1.4.10's reflow width.
NARROW_WIDTHS = (180, 320)
PHONE = {"width": 360, "height": 740}
TAB_STOPS = 40
# Skip link, "Leave this site", then the header's menu and search (or logo and search box): the
# page's own first link or control comes at most this many Tab stops from the top.
FIRST_CONTENT_STOP = 5

_TOO_WIDE = """
() => {
  const width = document.documentElement.scrollWidth;
  if (width <= innerWidth) return null;
  // Name the widest elements that stick out, to say what to fix.
  const out = [...document.body.querySelectorAll('*')]
    .map((el) => ({el, right: el.getBoundingClientRect().right}))
    .filter(({right}) => right > innerWidth + 1)
    .sort((a, b) => b.right - a.right).slice(0, 3)
    .map(({el, right}) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} (${Math.round(right)}px)`);
  return {width, innerWidth, out};
}
"""

# What a Tab stop is like: its problems if it cannot be seen (zero size, off screen, hidden, in the
# closed menu), whether the search is open, whether it is in the page's own content.
_TAB_STOP = """
(el) => {
  const r = el.getBoundingClientRect();
  const drawer = el.closest('.md-sidebar--primary');
  const closed = !!drawer && !document.getElementById('__drawer')?.checked
    && getComputedStyle(drawer).position === 'fixed';
  const problems = [];
  if (r.width === 0 || r.height === 0) problems.push('zero size');
  if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) problems.push('off screen');
  if (!el.checkVisibility({visibilityProperty: true})) problems.push('not visible');
  if (closed) problems.push('in the closed menu');
  return {
    what: `<${el.tagName.toLowerCase()} ${el.getAttribute('href') || el.getAttribute('for') || el.className || ''}>`,
    problems, search: !!document.getElementById('__search')?.checked,
    inMain: !!el.closest('main, [role=main]'),
  };
}
"""

# Records where each Tab lands (a focusin listener, read once at the end: one round trip). With
# JavaScript off no listener runs: each stop is read after its Tab instead.
_WATCH_FOCUS = f"""
() => {{
  window.__tabStops = [];
  const stop = {_TAB_STOP};
  document.addEventListener('focusin', (event) => window.__tabStops.push(stop(event.target)), true);
}}
"""
_READ_FOCUS = f"() => document.activeElement && document.activeElement !== document.body ? ({_TAB_STOP})(document.activeElement) : null"


def too_wide_problems(page: Page, widths: tuple[int, ...] = NARROW_WIDTHS) -> list[str]:
    """At each width the page is no wider than the window (WCAG 1.4.10: nothing scrolls sideways).
    Leaves the page at its original size."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    problems = []
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 640})
            wide = page.evaluate(_TOO_WIDE)
            if wide:
                problems.append(f"at {width}px the page is {wide['width']}px wide (scrolls sideways): {wide['out']}")
    finally:
        page.set_viewport_size(size)
    return problems


def tab_stop_problems(page: Page, path: str, stops: int = TAB_STOPS, *, js: bool = True) -> list[str]:
    """On a phone-sized window, from the top of a fresh load, none of the first `stops` Tab stops is
    invisible (zero size, off screen, hidden, or in the closed menu), Tab never opens the search,
    and the page's own content comes within the first few stops. Leaves the page at its size.
    `js=False` for a page with JavaScript off (each stop read after its Tab)."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    try:
        page.set_viewport_size(PHONE)
        open_ok(page, path)
        if js:
            page.evaluate(_WATCH_FOCUS)
        seen = []
        for _ in range(stops):
            page.keyboard.press("Tab")
            if not js:
                seen.append(page.evaluate(_READ_FOCUS))
        if js:
            seen = page.evaluate("() => window.__tabStops")
        seen = [stop for stop in seen if stop is not None]  # past the last stop: the browser's own UI
    finally:
        page.set_viewport_size(size)
    problems = [f"Tab stop {i} at {PHONE['width']}px is invisible ({', '.join(s['problems'])}): {s['what']}"
                for i, s in enumerate(seen, 1) if s["problems"]]
    opened = [i for i, s in enumerate(seen, 1) if s["search"]]
    if opened:
        problems.append(f"Tab stop {opened[0]} opened the search (it must open only when used)")
    first_in_main = next((i for i, s in enumerate(seen, 1) if s["inMain"]), None)
    if first_in_main is not None and first_in_main > FIRST_CONTENT_STOP:
        problems.append(f"the page's content is Tab stop {first_in_main} at {PHONE['width']}px, after "
                        f"{[s['what'] for s in seen[:first_in_main - 1]]}")
    return problems


def page_facts(page: Page) -> dict[str, Any]:
    return page.evaluate(_PAGE_FACTS, [QUICK_EXIT, MAIN])


def csp_problems(facts: dict[str, Any]) -> list[str]:
    """A strict CSP in a meta tag placed before anything it governs."""
    csp = facts["csp"]
    if csp is None:
        return ["no <meta http-equiv=Content-Security-Policy>"]
    problems = []
    if not csp["inHead"]:
        problems.append("the CSP meta tag is not in <head>")
    if csp["earlier"]:
        problems.append(f"the CSP meta tag comes after what it should govern: {csp['earlier']}")
    directives = {}
    for part in csp["content"].split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [w.lower() for w in words[1:]]
    if "default-src" not in directives:
        problems.append(f"the CSP has no default-src: {csp['content']!r}")
    script_src = directives.get("script-src", directives.get("default-src", []))
    for bad in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"):
        if bad in script_src:
            problems.append(f"script-src allows {bad}: {csp['content']!r}")
    return problems


def quick_exit_problems(facts: dict[str, Any], origin: str) -> list[str]:
    """One visible quick-exit link: a real <a href> to another https origin, sending no referrer."""
    exits = facts["exits"]
    if len(exits) != 1:
        return [f"expected one quick-exit control ({QUICK_EXIT}), found {len(exits)}"]
    exit_ = exits[0]
    href = exit_["href"] or ""
    problems = []
    if exit_["tag"] != "a" or not href.startswith("https://") or urlsplit(href).netloc == urlsplit(origin).netloc:
        problems.append(f"the quick-exit control is not an <a href> to another https origin: <{exit_['tag']} href={href!r}>")
    if "noreferrer" not in exit_["rel"].split() and facts["referrer"] not in ("no-referrer", "same-origin"):
        problems.append("the quick-exit link would tell the other site which page was open: add rel=noreferrer")
    if not exit_["visible"]:
        problems.append("the quick-exit link is not visible")
    return problems


def heading_problems(facts: dict[str, Any]) -> list[str]:
    h1 = facts["h1"]
    if not facts["hasMain"]:
        return ["no <main> landmark"]
    if len(h1) != 1 or not h1[0]["visible"] or not h1[0]["text"]:
        return [f"expected one visible, non-empty <h1> in main, found {h1}"]
    return []


def skip_link_problems(page: Page) -> list[str]:
    """Tab once: the skip link, to the main content; Enter; Tab again: into or past main."""
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_INFO)
    if first is None or first["tag"] != "a" or not first["href"].startswith("#") or len(first["href"]) < 2:
        return [f"the first focusable element is not a skip link (<a href=#...>): {first}"]
    if not first["targetInMain"]:
        return [f"the skip link's target {first['href']} is not in the main content"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(_FOCUS_INFO)
    problems = []
    if after is None or after["hash"] != first["href"]:
        problems.append(f"Enter on the skip link did not go to {first['href']} (location.hash: {after and after['hash']!r})")
    elif not (after["inMain"] or after["afterMain"]):
        problems.append(f"after the skip link, Tab went back before the main content: {after}")
    return problems


def axe_lines(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"axe {v['id']} ({v['impact']}): {targets}{more}")
    return lines


def open_ok(page: Page, path: str) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


# --------------------------------------------------------------------------- the page list


def test_every_built_page_is_collected(site_pages, collected_pages):
    """The parametrized tests below run on exactly the pages the build wrote."""
    paths, error = collected_pages
    assert error is None, error
    assert set(paths) == set(site_pages), {
        "built but not tested": sorted(set(site_pages) - set(paths)),
        "tested but not built": sorted(set(paths) - set(site_pages)),
    }


# --------------------------------------------------------------------------- every page, JS on


def test_page(site_page: str, reused_page: Page, guard_of, site_server: str, axe, harness):
    """No outside request, CSP violation, console or page error, cookie or axe violation;
    a strict CSP meta tag, one main heading, a quick-exit link and a working skip link; at 180px
    and 320px wide it does not scroll sideways; on a guidance page at 360px, none of the first 40
    Tab stops is invisible and Tab does not open the search."""
    page = reused_page
    open_ok(page, site_page)
    facts = page_facts(page)
    problems = csp_problems(facts) + heading_problems(facts) + quick_exit_problems(facts, site_server)
    problems += axe_lines(axe(page))
    problems += skip_link_problems(page)
    problems += too_wide_problems(page)
    if not harness.is_checker_state(site_page):
        problems += tab_stop_problems(page, site_page)
    problems += guard_of(page).problems()
    guard_of(page).reset()  # reported here, not again at teardown
    assert not problems, f"{site_page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", SETTLE_PAGES)
def test_nothing_leaves_once_the_page_settles(path: str, new_page, guard_of, site_pages):
    """Work that starts after `load` (search index, checker worker) stays on the site too."""
    if path not in site_pages:
        pytest.skip(f"{path} is not built")
    page = new_page(path)
    # Streaming Pyodide's 9.6 MB of WebAssembly can outlast the default 10 s on a busy 2-core
    # machine; the page is still judged on every request it makes until the network is idle.
    page.wait_for_load_state("networkidle", timeout=60_000)
    guard_of(page).assert_clean(path)


# --------------------------------------------------------------------------- JS off

_nav_status: dict[str, int] = {}


def test_page_without_javascript(guidance_page: str, reused_page_nojs: Page, site_server: str, guard_of):
    """Without JavaScript: one visible main heading, the quick-exit link, no sideways scrolling at
    180px and 320px, nav links that load, and following one of them opens another page."""
    page = reused_page_nojs
    open_ok(page, guidance_page)
    facts = page_facts(page)
    problems = heading_problems(facts) + quick_exit_problems(facts, site_server)
    problems += too_wide_problems(page)

    here = urldefrag(page.url).url
    server = urlsplit(site_server).netloc
    for url in sorted({urldefrag(link["href"]).url for link in facts["navLinks"]}):
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if urlsplit(url).netloc != server:
            problems.append(f"a navigation link leaves the site: {url}")
            continue
        if url not in _nav_status:
            _nav_status[url] = page.request.get(url).status
        if _nav_status[url] != 200:
            problems.append(f"navigation link to {url} answers HTTP {_nav_status[url]}")

    # Follow one visible navigation link to another page, as a person would.
    # Keyboard users: each nav link, once focused, must be (at least partly) in the window.
    out_of_reach = page.evaluate(_NAV_FOCUS_HIDDEN, QUICK_EXIT)
    if out_of_reach:
        size = page.viewport_size or {}
        hrefs = [urlsplit(facts["navLinks"][i]["href"]).path for i in out_of_reach]
        problems.append(f"focus on {len(hrefs)} navigation link(s) is outside the {size.get('width')}x"
                        f"{size.get('height')} window: {hrefs[:6]}{' ...' if len(hrefs) > 6 else ''}")
    # Which one varies from page to page (deterministically), so the run covers many links.
    candidates = [i for i, link in enumerate(facts["navLinks"]) if link["visible"] and i not in out_of_reach
                  and urlsplit(link["href"]).netloc == server and urldefrag(link["href"]).url != here]
    if not candidates:
        problems.append("no visible navigation link to another page")
    else:
        index = candidates[zlib.crc32(guidance_page.encode()) % len(candidates)]
        target = facts["navLinks"][index]["href"]
        page.evaluate(_MARK_NAV_LINK, [QUICK_EXIT, index])  # the DevTools protocol, not page JS
        with page.expect_navigation(wait_until="load"):
            page.locator("[data-test-nav-link]").click()
        if urldefrag(page.url).url != urldefrag(target).url:
            problems.append(f"clicking the nav link to {target} opened {page.url}")
        elif heading_problems(page_facts(page)):
            problems.append(f"the page opened from the nav ({target}) has no main heading")

    problems += guard_of(page).problems()
    guard_of(page).reset()
    assert not problems, f"{guidance_page} (JavaScript off):\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------- interactions


def test_search_works_offline(new_page, site_server: str, theme_search):
    """Material's search, from its own index on this server: a word gives result links."""
    page = new_page("/")
    results = theme_search(page)
    assert results.count() >= 1
    target = urljoin(page.url, results.first.get_attribute("href") or "")
    assert urlsplit(target).netloc == urlsplit(site_server).netloc, target
    with page.expect_navigation(wait_until="load"):
        results.first.click()
    assert heading_problems(page_facts(page)) == []


@pytest.mark.parametrize("path", ["/", "/checker/"])
def test_keyboard_reaches_the_main_content_links(path: str, reused_page: Page, site_pages):
    """On a wide screen, from the top of the page, Tab reaches a link inside the main content
    within a few presses (the menu's links come after the content)."""
    if path not in site_pages:
        pytest.skip(f"{path} is not built")
    page = reused_page
    open_ok(page, path)
    assert page_facts(page)["mainLinks"] > 0, f"{path} has no links in main"
    for _ in range(FIRST_CONTENT_STOP):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_INFO)
        if focus and focus["inMain"] and focus["tag"] == "a":
            break
    else:
        pytest.fail(f"{FIRST_CONTENT_STOP} presses of Tab did not reach a link in the main content of {path}")


def tab_to_the_search_box(page: Page) -> None:
    """Press Tab until focus is in the header's search box (a wide screen: among the first 8 stops)."""
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-md-component=search-query]')"):
            return
    pytest.fail("8 presses of Tab did not reach the search box")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_search_opens_when_used_not_on_focus(width: int, new_page) -> None:
    """Tab through the header: the search stays closed (on a phone it would cover the page);
    used (its button or box, then typing), it opens and its box has the focus."""
    page = new_page("/review/", viewport={"width": width, "height": 740})
    page.wait_for_load_state("networkidle")
    page.evaluate(_WATCH_FOCUS)
    for _ in range(8):
        page.keyboard.press("Tab")
    seen = page.evaluate("() => window.__tabStops")
    assert not any(s["search"] for s in seen), f"Tab opened the search: {seen}"
    button = page.locator('label[for="__search"][role="button"]')
    if button.is_visible():  # a narrow screen: the search has its own button
        button.focus()
        page.keyboard.press("Enter")
    else:  # a wide screen: the box is in the header, among the first Tab stops
        open_ok(page, "/review/")
        tab_to_the_search_box(page)
        assert not page.is_checked("#__search"), "the search opened on focus"
    page.keyboard.type("review")
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.matches('[data-md-component=search-query]')")
    page.locator(".md-search-result__link").first.wait_for()


def test_the_search_stays_closed_when_the_theme_reads_focus_late(new_page) -> None:
    """mkdocs-material reads where focus is 1 ms after any focus event reaches <body>; on a busy
    phone that timer can fire after a second quick Tab has put focus in the search box, and the
    theme then opens its search by a script click. A late read is what a focus event on <body>
    gives: the search must stay closed until it is used."""
    page = new_page("/review/", viewport={"width": 1280, "height": 740})
    page.wait_for_load_state("networkidle")
    tab_to_the_search_box(page)
    page.evaluate("() => document.body.dispatchEvent(new FocusEvent('focusin'))")
    page.wait_for_timeout(200)
    assert not page.is_checked("#__search"), "the search opened when the theme read the focus"
    page.keyboard.type("review")
    page.wait_for_function("() => document.getElementById('__search').checked")


def test_the_menu_opens_and_closes_from_the_keyboard(new_page) -> None:
    """On a phone the closed menu is out of the Tab order; its button opens it with Enter, focus
    goes into it, Escape closes it and gives the focus back to the button."""
    page = new_page("/review/", viewport=PHONE)
    button = page.locator('label[for="__drawer"][role="button"]')
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("() => document.activeElement.matches('label[for=__drawer]')")


def _checker_journey() -> list[tuple[str, str]]:
    """The answers to one outcome without a date (each date question answered "I don't know")."""
    import datetime

    import triage

    flow = triage.load_flow()
    state = next(s for s in triage.static_states() if s.outcome)
    answers: list[tuple[str, str]] = []
    choices = list(state.path)
    while not isinstance(step := triage.evaluate(dict(answers), datetime.date.today()), triage.Outcome):
        answers.append((step.question, "unknown") if flow.questions[step.question].is_date else choices.pop(0))
    return answers


# What "Leave this site" left in the tab, noted as the page unloads (read on the next page).
_NOTE_ON_UNLOAD = """
() => addEventListener('pagehide', () => sessionStorage.setItem('test-unload', JSON.stringify({
  hidden: getComputedStyle(document.body).visibility === 'hidden',
  state: history.state, stored: Object.keys(sessionStorage),
})))
"""


def test_quick_exit_leaves_no_answer_behind(new_page, site_server: str) -> None:
    """A short checker journey with JavaScript, then Shift pressed 3 times: the page is blanked,
    the checker's history.state and this origin's sessionStorage are cleared, the page is replaced
    (Back does not return to it), and Back to the checker's earlier steps shows no answer."""
    page = new_page("/checker/start/")
    page.wait_for_selector('#checker[data-engine="ready"]', state="attached", timeout=60_000)
    for question, value in _checker_journey():
        page.check(f'#checker input[name="{question}"][value="{value}"]')
        page.click('#checker [type="submit"]')
    page.wait_for_selector("main[data-outcome]", state="attached")
    assert page.locator("[data-answer]").count() > 0
    assert page.evaluate("() => history.state !== null")
    exits = page.locator(QUICK_EXIT)
    assert exits.count() == 1 and exits.evaluate("el => el.matches('a[href]')")
    # The neutral page is another website, which the harness never lets the browser reach: the
    # test's link goes to a file of this site instead (Shift x3 follows whatever the link says),
    # not a page: a page of the site reached that way would count as a fresh start (app.js).
    neutral = site_server + "/sitemap.xml"
    exits.evaluate("(el, url) => { el.href = url; }", neutral)
    page.evaluate("() => sessionStorage.setItem('test-kept-by-the-checker', '1')")
    page.evaluate(_NOTE_ON_UNLOAD)
    page.locator("body").click(position={"x": 5, "y": 300})  # not in a text field
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    with page.expect_navigation(url=neutral):
        page.keyboard.press("Shift")
    unload = page.evaluate("() => JSON.parse(sessionStorage.getItem('test-unload'))")
    assert unload["hidden"], "the page was not blanked before it went"
    assert unload["state"] is None, f"history.state kept: {unload['state']}"
    assert "test-kept-by-the-checker" not in unload["stored"], f"sessionStorage kept: {unload['stored']}"

    page.go_back()  # to the step before the outcome (the outcome's own entry was replaced)
    try:  # that step holds answers: it is replaced by the home page before it is drawn
        page.wait_for_url(lambda url: urlsplit(url).path == "/", wait_until="load", timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: say where Back went instead
        pytest.fail(f"Back after leaving showed {page.url}, not the home page")
    page.wait_for_function("() => !document.documentElement.classList.contains('app-leaving')")
    assert page.locator("#checker, [data-answer], main[data-outcome]").count() == 0
    assert page.evaluate("() => history.state") is None
