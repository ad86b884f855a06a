"""The built site, page by page: ids, routes, navigation, review dates, sources, glossary links,
contacts and the checker's outcomes. Structure and data only, never prose (editors own that)."""
from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import triage
import triage.rules
from sitehtml import Element

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

#: Every topic of the site: page id -> route. Routes are public: people save and share them.
TOPICS = {
    "home": "/",
    "checker": "/checker/",
    "complain_about_met": "/complain-about-the-met/",
    "how_complaints_are_handled": "/how-complaints-are-handled/",
    "investigation_and_outcome": "/investigation-and-outcome/",
    "updates": "/updates/",
    "review": "/review/",
    "who_can_complain": "/who-can-complain/",
    "commissioner": "/commissioner/",
    "mayor_or_deputy": "/mayor-or-deputy-mayor/",
    "complaints_about_mopac": "/complaints-about-mopac/",
    "not_the_met": "/not-the-met/",
    "oversight": "/oversight/",
    "accessible_formats": "/accessible-formats/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "glossary": "/glossary/",
    "sources": "/sources/",
    "where_to_complain": "/where-to-complain/",
}
_EXCLUDED = ("_data/", "checker/questions/", "checker/outcomes/", "checker/drafts/", "checker/flags.md", "checker/interface.md", "checker/README.md")


def editor_pages() -> dict[str, dict]:
    """Front matter of every Markdown page editors write, by path inside content/."""
    pages = {}
    for path in sorted(CONTENT.rglob("*.md")):
        rel = path.relative_to(CONTENT).as_posix()
        if rel.startswith(_EXCLUDED):
            continue
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.S)
        assert match, f"content/{rel} has no front matter"
        pages[rel] = yaml.safe_load(match.group(1))
    return pages


def is_checker_state(route: str) -> bool:
    return route.startswith(triage.URL_PREFIX) and route != triage.URL_PREFIX


def resolve(route: str, href: str) -> str:
    """The route an href on page `route` points to (without its #fragment)."""
    href = href.split("#", 1)[0]
    if not href:
        return route
    if href.startswith("/"):
        return href
    joined = posixpath.normpath(posixpath.join(route, href))
    return joined + ("/" if href.endswith("/") and joined != "/" else "")


@pytest.fixture(scope="session")
def wording() -> triage.Wording:
    return triage.load_wording(CONTENT)


def test_strict_build_writes_the_home_page_and_404(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()


@pytest.mark.parametrize("page_id", sorted(TOPICS))
def test_each_topic_has_its_page_at_its_route(page_id: str, content_pages) -> None:
    assert page_id in content_pages, f"no page with id {page_id!r}"
    assert content_pages[page_id].route == TOPICS[page_id]


def test_editor_page_ids_are_the_front_matter_ids(content_pages) -> None:
    for rel, meta in editor_pages().items():
        route = "/" if rel == "index.md" else "/" + rel.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        assert content_pages[meta["id"]].route == route, rel


def test_every_page_is_in_the_navigation(built_pages) -> None:
    nav = built_pages["/"].tree.find("nav", lambda e: "md-nav--primary" in e.classes)
    assert nav is not None
    linked = {resolve("/", a.attrs["href"]) for a in nav.find_all("a") if "href" in a.attrs}
    missing = [r for r in built_pages if r != "/404.html" and not is_checker_state(r) and r not in linked]
    assert not missing, f"pages not in the navigation: {missing}"


def test_every_page_shows_when_it_was_last_reviewed(content_pages) -> None:
    fronts = {meta["id"]: meta for meta in editor_pages().values()}
    for page_id, page in content_pages.items():
        times = page.article.find_all("time", lambda e: "data-last-reviewed" in e.attrs)
        assert len(times) == 1, f"{page.route}: expected one <time data-last-reviewed>"
        shown = date.fromisoformat(times[0].attrs["datetime"])
        if page_id in fronts:
            assert shown == fronts[page_id]["last_reviewed"], page.route


def test_no_unrendered_template_code_in_pages(content_pages) -> None:
    for page in content_pages.values():
        text = page.article.text
        assert "{{" not in text and "{%" not in text, f"{page.route} shows template code"


def test_skip_link_and_main_content_on_every_page(built_pages) -> None:
    for page in built_pages.values():
        skip = page.body.find("a", lambda e: "app-skip-link" in e.classes)
        assert skip is not None and skip.attrs["href"] == "#main-content", page.route
        assert page.body.find(pred=lambda e: e.attrs.get("id") == "main-content") is not None, page.route


def test_leave_this_site_on_every_page_without_javascript(built_pages) -> None:
    from mkdocs.config import load_config

    exit_url = load_config(str(ROOT / "mkdocs.yml")).extra["exit_url"]  # MkDocs' loader: mkdocs.yml has !ENV
    assert exit_url.startswith("https://")
    for page in built_pages.values():
        header = page.body.find("header")
        assert header is not None, page.route
        links = header.find_all("a", lambda e: "data-quick-exit" in e.attrs)
        assert len(links) == 1 and links[0].attrs["href"] == exit_url, page.route
        scripts = [s.attrs.get("src", "") for s in page.tree.find_all("script")]
        assert any(src.endswith("assets/javascripts/app.js") for src in scripts), page.route


# -- sources ---------------------------------------------------------------------------------

def test_each_page_lists_its_sources_from_its_front_matter(content_pages) -> None:
    for meta in editor_pages().values():
        page = content_pages[meta["id"]]
        section = page.article.find("section", lambda e: "app-page-sources" in e.classes)
        facts = list(dict.fromkeys(meta.get("sources") or []))
        if not facts:
            assert section is None, page.route
            continue
        assert section is not None, f"{page.route}: no Sources section"
        links = [a.attrs["href"] for a in section.find_all("a")]
        assert [h.rsplit("#", 1)[1] for h in links] == facts, page.route
        assert all(resolve(page.route, h) == "/sources/" for h in links), page.route


def test_sources_page_lists_every_fact_cited_anywhere(content_pages, wording) -> None:
    site = glossary_data()
    cited = set()
    for meta in editor_pages().values():
        cited.update(meta.get("sources") or [])
    for outcome in wording.outcomes.values():
        cited.update(outcome.sources)
    for entry in site["glossary"].values():
        cited.update(entry.get("sources") or [])
    page = content_pages["sources"]
    listed = {h.attrs["id"] for h in page.article.find_all("h2") if "id" in h.attrs}
    assert cited, "nothing is cited"
    assert cited <= listed, f"cited but not on /sources/: {sorted(cited - listed)}"
    assert listed == set(wording.sources), "the sources page lists exactly the facts of sources.yml"


def test_no_source_link_on_the_sources_page_is_a_cut_off_address(content_pages) -> None:
    """FACTS.md has F04's only address cut off: it is shown as text marked incomplete, not as a
    broken link; every link to another site ends as a real address does."""
    article = content_pages["sources"].article
    outside = [a.attrs["href"] for a in article.find_all("a") if a.attrs.get("href", "").startswith("http")]
    assert outside, "no source links"
    cut = [h for h in outside if re.search(r"[-_%(=&,.]\Z|\.\.\.|\u2026", h)]
    assert cut == [], f"cut-off addresses linked on /sources/: {cut}"
    marked = article.find_all("code", lambda e: "data-incomplete-url" in e.attrs)
    sources = yaml.safe_load((CONTENT / "_data" / "sources.yml").read_text(encoding="utf-8"))
    assert [m.text for m in marked] == sources["F04"]["incomplete_urls"]


def test_unverified_facts_are_flagged_prominently(content_pages, wording) -> None:
    article = content_pages["sources"].article
    headings = {h.attrs["id"]: h for h in article.find_all("h2") if "id" in h.attrs}
    for fact, entry in wording.sources.items():
        following = _next_element(headings[fact])
        assert following is not None, fact
        if entry["tag"] == "unverified":
            assert {"admonition", "warning"} <= following.classes, f"{fact} is not flagged"
        else:
            tag = following.find(pred=lambda e: "data-fact-tag" in e.attrs)
            assert tag is not None and tag.attrs["data-fact-tag"] == entry["tag"], fact


def _next_element(element: Element) -> Element | None:
    siblings = element.parent.children if element.parent else []
    after = siblings[siblings.index(element) + 1:]
    return next((s for s in after if isinstance(s, Element)), None)


def glossary_data() -> dict:
    """content/_data/glossary.yml, read as the site reads it: {"glossary": {term id: entry}}."""
    from triage import frontmatter

    glossary = frontmatter.parse((CONTENT / "_data" / "glossary.yml").read_text(encoding="utf-8"))
    return {"glossary": glossary}


# -- where to complain -----------------------------------------------------------------------

def test_where_to_complain_lists_every_outcome_once(content_pages, wording) -> None:
    rows = content_pages["where_to_complain"].article.find_all("tr", lambda e: "data-outcome-id" in e.attrs)
    ids = [r.attrs["data-outcome-id"] for r in rows]
    assert ids == list(triage.load_flow().outcomes)
    for row in rows:
        assert row.attrs["id"] == f"outcome-{row.attrs['data-outcome-id']}"
        outcome = wording.outcomes[row.attrs["data-outcome-id"]]
        hrefs = {a.attrs["href"] for a in row.find_all("a") if "app-glossary-link" not in a.classes}
        for cid in outcome.contacts:
            contact = wording.contacts[cid]
            urls = {contact.get(k) for k in ("page", "website", "form", "email_page")} - {None}
            if urls:
                assert hrefs & urls, f"{row.attrs['id']}: no link for contact {cid}"


# -- contacts ----------------------------------------------------------------------------------

def test_contact_blocks_show_only_what_contacts_yml_gives(built_pages, wording) -> None:
    blocks = 0
    for page in built_pages.values():
        for block in page.body.find_all("div", lambda e: "app-contact" in e.classes):
            blocks += 1
            cid = block.attrs["data-contact"]
            assert cid in wording.contacts, f"{page.route}: unknown contact {cid}"
            contact = wording.contacts[cid]
            name = block.find(pred=lambda e: "app-contact__name" in e.classes)
            assert name is not None and name.text.strip() == contact["name"]
            allowed = {contact.get(k) for k in ("website", "page", "form", "email_page")} - {None}
            if contact.get("email"):
                allowed.add("mailto:" + contact["email"])
            if contact.get("phone"):
                allowed.add("tel:" + re.sub(r"[^\d+]", "", contact["phone"]))
            hrefs = {a.attrs["href"] for a in block.find_all("a")}
            assert hrefs <= allowed, f"{page.route}: {cid} links to {hrefs - allowed}"
            if contact.get("email"):
                assert "mailto:" + contact["email"] in hrefs
            elif contact.get("email_page"):
                assert contact["email_page"] in hrefs and not any(h.startswith("mailto:") for h in hrefs)
            post = block.find("address")
            assert (post is not None) == bool(contact.get("post")), f"{page.route}: {cid} postal address"
    assert blocks > 0, "no contact block on any page"


def test_no_email_address_that_is_not_in_contacts_yml(built_site: Path, wording) -> None:
    known = {c["email"].lower() for c in wording.contacts.values() if c.get("email")}
    pattern = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
    files = [*built_site.rglob("*.html"), *built_site.glob("search/*.json")]
    for path in files:
        found = {m.lower() for m in pattern.findall(path.read_text(encoding="utf-8"))}
        assert found <= known, f"{path.relative_to(built_site)}: {sorted(found - known)}"


def test_every_outcome_where_the_person_writes_shows_its_draft_with_blanks(built_pages, wording) -> None:
    """Without JavaScript: the draft's text in [data-draft], every placeholder a visible blank, no
    input and no copy or download button (they need the app)."""
    from triage.view import draft_view

    writes = set(triage.load_flow().writes)
    seen = set()
    for state in triage.static_states():
        if state.outcome is None:
            continue
        main = built_pages[state.url_path].tree.find("main")
        drafts = main.find_all(pred=lambda e: "data-draft" in e.attrs)
        if state.outcome not in writes:
            assert drafts == [], state.url_path
            continue
        view = draft_view(wording, state.outcome)
        (text,) = drafts
        assert not re.search(r"\{[a-z_]*\}|None", text.text), state.url_path
        for placeholder in view["placeholders"]:
            assert placeholder["blank"] in text.text + main.find(pred=lambda e: "data-draft-subject" in e.attrs).text
        assert main.find("input", lambda e: e.attrs.get("name", "").startswith("draft-")) is None
        assert main.find(pred=lambda e: "data-draft-copy" in e.attrs or "data-draft-download" in e.attrs) is None
        seen.add(state.outcome)
    assert seen == writes


def test_every_result_printed_without_javascript_carries_the_site_address_and_its_date(
        built_site: Path, built_pages, wording, monkeypatch) -> None:
    """Each outcome page's print footer: "From <site_url>" (mkdocs.yml's, from SITE_URL, else the
    local serve-prod address) and the build's date; the app's template has the same site slot."""
    import json

    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url  # as the build read it (same environment)
    assert site_url, "mkdocs.yml has no site_url"
    ui = wording.interface["checker"]
    built_text = json.loads((built_site / "checker" / "checker-data.json").read_text())["built_text"]
    for state in triage.static_states():
        if state.outcome is None:
            continue
        footer = built_pages[state.url_path].tree.find(pred=lambda e: "data-print-footer" in e.attrs)
        slots = {e.attrs["data-slot"]: e.text.strip() for e in footer.find_all("span")}
        assert slots == {"site": ui["print_from"].replace("{site}", site_url),
                         "date": ui["print_built"].replace("{date}", built_text)}, state.url_path
    # The address comes from SITE_URL when it is set; without it, a local address (no invented domain).
    monkeypatch.setenv("SITE_URL", "https://printout.test/complaints/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://printout.test/complaints/"
    monkeypatch.delenv("SITE_URL")
    assert urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url).hostname == "127.0.0.1"


def test_the_checker_start_page_points_to_what_the_history_shows(content_pages) -> None:
    """Without JavaScript (issue 13, item 4): the checker's start page links to the privacy page's
    section on what the browser's history shows and how to clear it, and that section exists."""
    section = "what-your-browser-history-shows"
    links = [a.attrs.get("href", "") for a in content_pages["checker"].article.find_all("a")]
    assert any(href.endswith(f"privacy/#{section}") for href in links), links
    assert content_pages["privacy"].article.find("h2", lambda e: e.attrs.get("id") == section) is not None


# -- glossary ----------------------------------------------------------------------------------

def test_glossary_page_has_an_entry_per_term(content_pages) -> None:
    terms = glossary_data()["glossary"]
    article = content_pages["glossary"].article
    ids = {h.attrs.get("id") for h in article.find_all("h2")}
    assert set(terms) <= ids
    assert not article.find_all("a", lambda e: "app-glossary-link" in e.classes)


def test_glossary_links_point_to_terms_and_only_from_body_text(content_pages) -> None:
    terms = glossary_data()["glossary"]
    total = 0
    skip = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"}
    for page in content_pages.values():
        links = page.article.find_all("a", lambda e: "app-glossary-link" in e.classes)
        seen = [a.attrs["data-glossary-term"] for a in links]
        assert len(seen) == len(set(seen)), f"{page.route}: a term is linked more than once"
        for a in links:
            href = a.attrs["href"]
            assert resolve(page.route, href) == "/glossary/", f"{page.route}: {href}"
            assert href.rsplit("#", 1)[1] == a.attrs["data-glossary-term"] in terms
            assert not {p.tag for p in a.ancestors()} & skip, f"{page.route}: link inside {skip}"
            assert not any("app-contact" in p.classes or "app-page-sources" in p.classes
                           for p in a.ancestors()), page.route
        total += len(links)
    assert total > 0


def test_editors_guide_lists_every_rule_value() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in triage.rules.RULES:
        assert f"`{name}`" in guide, f"CONTRIBUTING.md does not explain rules.{name}"
