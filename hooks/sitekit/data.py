"""The site's data, read once per build: rule values, contacts, sources and the glossary.

One source of truth: rule values come from `triage.rules.RULES`; contacts, sources and the
glossary from `content/_data/*.yml`, read with the same strict reader `triage` uses.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage.flow import ID_PATTERN
from triage.view import contact_view

from sitekit import errors
from sitekit.errors import Collector

DATA_DIR = "_data"  # inside docs_dir

CONTACT_FIELDS = (
    "name", "short_name", "website", "page", "page_text", "form", "form_text", "email", "email_page",
    "email_page_text", "phone", "phone_note", "post", "post_note", "sources", "check",
)
#: A contact's links to pages, each with the words of its link (`<field>_text`) as an option.
_PAGE_LINKS = ("page", "form", "email_page")
SOURCE_TAGS = ("seed", "verified", "verified-secondary", "unverified", "derived")
GLOSSARY_FIELDS = ("term", "aliases", "definition", "sources")
#: content/_data/generated_pages.yml: the words of each page the build makes (hooks/generated_pages.py).
GENERATED_PAGES = ("glossary", "sources", "where_to_complain",
                   # the date lookup's first page for each date question (hooks/date_lookup_pages.py)
                   "date_lookup_letter_date", "date_lookup_last_update_date", "date_lookup_incident_date")
GENERATED_FIELDS = ("title", "description", "intro")
_ID = ID_PATTERN  # the one id pattern (triage/flow.py)
_FACT_ID = re.compile(r"[A-Z][0-9]+\Z")
_URL = re.compile(r"https?://\S+\Z")
#: An address that ends as no real one does: cut off when it was copied (FACTS.md's F04).
_CUT_OFF = re.compile(r"([-_%(=&,.]|\.\.\.|\u2026)\Z")


@dataclass(frozen=True)
class SiteData:
    rules: Mapping[str, Any]
    contacts: Mapping[str, Mapping[str, Any]]
    sources: Mapping[str, Mapping[str, Any]]
    glossary: Mapping[str, Mapping[str, Any]]
    flow: Any      # triage.Flow
    wording: Any   # triage.Wording
    #: page id -> {"title", "description", "intro"} of the generated pages
    generated_pages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load(docs_dir: Path, project_root: Path) -> SiteData:
    """Read and check every data file; a mistake stops the build naming the file and the fix.

    The checker's flow and wording, the contacts and the sources come from triage's own loader
    (`triage.load_flow()`, `triage.load_wording()`), so the site, the checker and the command line
    read the very same files the same way; the glossary with triage's strict reader.
    """
    import triage
    from triage.rules import RULES

    try:
        flow = triage.load_flow()
        wording = triage.load_wording(docs_dir, flow)
    except (triage.FlowError, triage.WordingError) as exc:
        for problem in getattr(exc, "problems", None) or [str(exc)]:
            file, _, what = str(problem).partition(": ")
            errors.report(file if what else "content/checker", None, what or file,
                          "see content/checker/README.md for the format")
        errors.stop_if_any()
    data_dir = docs_dir / DATA_DIR
    problems = errors.current()
    sources = _sources(wording.sources, _display(data_dir / "sources.yml", project_root), problems)
    contacts = _contacts(wording.contacts, _display(data_dir / "contacts.yml", project_root), sources, problems,
                         wording.interface["checker"])
    glossary = _glossary(read_data_file(data_dir / "glossary.yml", project_root),
                         _display(data_dir / "glossary.yml", project_root), sources, problems)
    generated_pages = _generated_pages(read_data_file(data_dir / "generated_pages.yml", project_root),
                                       _display(data_dir / "generated_pages.yml", project_root), problems)
    problems.stop_if_any()  # the pages cannot be built without their data
    return SiteData(rules=RULES, contacts=contacts, sources=sources, glossary=glossary,
                    flow=flow, wording=wording, generated_pages=generated_pages)


def read_data_file(path: Path, project_root: Path) -> dict[str, Any]:
    """Read one `content/_data/*.yml` file with triage's strict reader (every value is text)."""
    from triage import frontmatter

    name = _display(path, project_root)
    if not path.is_file():
        errors.stop(name, None, "the file is missing", f"restore it from git (git checkout -- {name})")
    try:
        return frontmatter.parse(path.read_text(encoding="utf-8"), name)
    except frontmatter.FrontMatterError as exc:
        errors.stop(exc.file, exc.line, exc.problem, exc.fix)


def _display(path: Path, project_root: Path) -> str:
    try:
        return path.relative_to(project_root).as_posix()
    except ValueError:
        return str(path)


def _fact_list(value: Any, place: str, sources: Mapping[str, Any] | None, problems: Collector) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.report(place, None, "`sources` must be a list of fact ids", "write it like `sources: [F52, F53]`")
        return []
    if sources is not None:
        for fact in value:
            if fact not in sources:
                problems.report(place, None, f"unknown fact id {fact!r} in `sources`",
                             "use an id from content/_data/sources.yml (F01…, R1…)")
    return list(value)


def _sources(raw: Mapping[str, Any], name: str, problems: Collector) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for fact, entry in raw.items():
        fact = str(fact)
        place = f"{name} ({fact})"
        if not _FACT_ID.match(fact):
            problems.report(place, None, "a fact id is a capital letter and a number", "write it like `F52:` or `R1:`")
            continue
        if not isinstance(entry, dict):
            problems.report(place, None, "expected indented fields", "give it `summary:`, `tag:` and `urls:`")
            continue
        summary, tag, urls = entry.get("summary"), entry.get("tag"), entry.get("urls") or []
        if not isinstance(summary, str) or not summary.strip():
            problems.report(place, None, "`summary` is missing", "add one plain-English line: `summary: ...`")
        if tag not in SOURCE_TAGS:
            problems.report(place, None, f"`tag` is {tag!r}", f"use one of: {', '.join(SOURCE_TAGS)}")
        if not isinstance(urls, list) or not all(isinstance(u, str) and _URL.match(u) for u in urls):
            problems.report(place, None, "`urls` must be a list of web addresses", "write one `- https://...` line per address")
            urls = []
        for url in urls:
            if _CUT_OFF.search(url):
                problems.report(place, None, f"the address {url} looks cut off (it ends with "
                                f"`{_CUT_OFF.search(url).group(0)}`): it would be a broken link on /sources/",
                                "find the full address; until then move it from `urls:` to `incomplete_urls:` "
                                "(shown as text, marked as incomplete and not verified)")
        incomplete = entry.get("incomplete_urls") or []
        if not isinstance(incomplete, list) or not all(isinstance(u, str) and _URL.match(u) for u in incomplete):
            problems.report(place, None, "`incomplete_urls` must be a list of web addresses",
                            "write one `- https://...` line per address")
            incomplete = []
        extra = set(entry) - {"summary", "tag", "urls", "incomplete_urls"}
        if extra:
            problems.report(place, None, f"unknown field(s) {', '.join(sorted(extra))}", "remove them or fix their spelling")
        out[fact] = {"summary": (summary or "").strip(), "tag": tag, "urls": list(urls),
                     "incomplete_urls": list(incomplete)}
    return dict(sorted(out.items(), key=lambda kv: _fact_sort_key(kv[0])))


def _fact_sort_key(fact: str) -> tuple[str, int]:
    return (fact[0], int(fact[1:]) if fact[1:].isdigit() else 0)


def _contacts(raw: Mapping[str, Any], name: str, sources: Mapping[str, Any],
              problems: Collector, ui: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for cid, entry in raw.items():
        cid = str(cid)
        place = f"{name} ({cid})"
        if not _ID.match(cid):
            problems.report(place, None, "a contact id is snake_case", "use lower-case letters, digits and _")
            continue
        if not isinstance(entry, dict):
            problems.report(place, None, "expected indented fields", "give it at least `name:`")
            continue
        extra = set(entry) - set(CONTACT_FIELDS)
        if extra:
            problems.report(place, None, f"unknown field(s) {', '.join(sorted(extra))}",
                         f"use only: {', '.join(CONTACT_FIELDS)}")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.report(place, None, "`name` is missing", "add `name: <the organisation's name>`")
        for key in ("website", *_PAGE_LINKS):
            if key in entry and not (isinstance(entry[key], str) and _URL.match(entry[key])):
                problems.report(place, None, f"`{key}` is not a web address", "write the full address, starting https://")
        _same_words(cid, entry, place, problems, ui)
        for key in ("page_text", "form_text", "email_page_text", "post_note", "phone_note"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                problems.report(place, None, f"`{key}` is empty", f"write its words after `{key}: `, or remove it")
        if "email" in entry and not (isinstance(entry["email"], str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", entry["email"])):
            problems.report(place, None, "`email` is not an email address", "write the address as the official page gives it")
        if "post" in entry and not (isinstance(entry["post"], list) and all(isinstance(p, str) for p in entry["post"])):
            problems.report(place, None, "`post` must be a list of address lines", "write one `- line` per line of the address")
        _fact_list(entry.get("sources"), place, sources, problems)
        out[cid] = dict(entry)
    return out


def _same_words(cid: str, entry: Mapping[str, Any], place: str, problems: Collector,
                ui: Mapping[str, str]) -> None:
    """Two links of a contact to different pages must not read the same ("MOPAC page on
    www.london.gov.uk" twice): a person cannot tell where each goes. The words are the view's."""
    if not isinstance(entry.get("name"), str) or not all(
            isinstance(entry.get(k, ""), str) for k in (*_PAGE_LINKS, "website")):
        return  # reported above
    targets: dict[str, dict[str, str]] = {}
    for item in contact_view(cid, entry, ui)["items"]:
        targets.setdefault(item["text"], {})[item["href"]] = item["field"]
    for text, fields in targets.items():
        if len(fields) > 1:
            names = sorted(fields.values())
            problems.report(place, None, f"`{'` and `'.join(names)}` lead to different pages, but their "
                            f"links both read \u201c{text}\u201d",
                            f"give each the words of its link: {', '.join(f'`{k}_text:`' for k in names)}, "
                            "such as `MOPAC's review application page`")


def _glossary(raw: Mapping[str, Any], name: str, sources: Mapping[str, Any],
              problems: Collector) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    for tid, entry in raw.items():
        tid = str(tid)
        place = f"{name} ({tid})"
        if not _ID.match(tid):
            problems.report(place, None, "a term id is snake_case", "use lower-case letters, digits and _")
            continue
        if not isinstance(entry, dict):
            problems.report(place, None, "expected indented fields", "give it `term:`, `aliases:`, `definition:` and `sources:`")
            continue
        extra = set(entry) - set(GLOSSARY_FIELDS)
        if extra:
            problems.report(place, None, f"unknown field(s) {', '.join(sorted(extra))}", f"use only: {', '.join(GLOSSARY_FIELDS)}")
        term, definition = entry.get("term"), entry.get("definition")
        aliases = entry.get("aliases") or []
        if not isinstance(term, str) or not term.strip():
            problems.report(place, None, "`term` is missing", "add `term: <the word as readers see it>`")
            continue
        if not isinstance(definition, str) or not definition.strip():
            problems.report(place, None, "`definition` is missing", "add `definition: <one or two plain sentences>`")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.report(place, None, "`aliases` must be a list of words", "write it like `aliases: [IOPC]`")
            aliases = []
        for word in [term, *aliases]:
            key = word.strip().casefold()
            if key in seen and seen[key] != tid:
                problems.report(place, None, f"{word!r} is also a term or alias of {seen[key]!r}",
                             "give each word to one term only")
            seen[key] = tid
        out[tid] = {
            "term": term.strip(),
            "aliases": [a.strip() for a in aliases],
            "definition": (definition or "").strip(),
            "sources": _fact_list(entry.get("sources"), place, sources, problems),
        }
    return out


def _generated_pages(raw: Mapping[str, Any], name: str, problems: Collector) -> dict[str, dict[str, str]]:
    """The title, description and intro of each generated page: all three, for every page, and nothing else."""
    out: dict[str, dict[str, str]] = {}
    for page_id in sorted(set(raw) - set(GENERATED_PAGES)):
        problems.report(f"{name} ({page_id})", None, f"{page_id!r} is not a generated page",
                     f"use only: {', '.join(GENERATED_PAGES)} (or fix the spelling)")
    for page_id in GENERATED_PAGES:
        place = f"{name} ({page_id})"
        entry = raw.get(page_id)
        if not isinstance(entry, dict):
            problems.report(place, None, f"the entry for the {page_id!r} page is missing",
                         f"add `{page_id}:` with `title:`, `description:` and `intro:` indented under it")
            continue
        extra = set(entry) - set(GENERATED_FIELDS)
        if extra:
            problems.report(place, None, f"unknown field(s) {', '.join(sorted(extra))}",
                         f"use only: {', '.join(GENERATED_FIELDS)}")
        texts = {}
        for key in GENERATED_FIELDS:
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.report(place, None, f"`{key}` is missing", f"add `{key}: <plain text>` under `{page_id}:`")
            texts[key] = (value or "").strip() if isinstance(value, str) else ""
        out[page_id] = texts
    return out
