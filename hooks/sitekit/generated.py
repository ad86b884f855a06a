"""The Markdown of the site's generated pages: glossary, sources and where-to-complain.

Each is built from data (never typed twice): content/_data/glossary.yml, content/_data/sources.yml
with every page's and every checker outcome's `sources:`, and the checker's outcomes
(`triage.load_flow()` + `triage.load_wording()`). Their title, description and intro are
editors' words, in content/_data/generated_pages.yml.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from markupsafe import escape

from sitekit import templating

GLOSSARY = "glossary.md"
SOURCES = "sources.md"
WHERE = "where-to-complain.md"

#: How each source tag is shown. "unverified" is also shown as a warning box.
TAG_LABELS = {
    "seed": "From MOPAC's complaints page",
    "verified": "Verified",
    "verified-secondary": "Verified (from a secondary source)",
    "derived": "Worked out from the facts above it",
    "unverified": "Not yet verified",
}


def front_matter(**fields: Any) -> str:
    """YAML front matter; strings are written as JSON strings, which YAML reads as they are."""
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, date):
            lines.append(f"{key}: {value.isoformat()}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def placeholder(page_id: str, title: str) -> str:
    """What a generated page holds until its content is built in `on_nav`."""
    return front_matter(id=page_id, title=title, description=title, last_reviewed=date(2000, 1, 1), sources=[])


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fact_links(facts: Iterable[str], link: str = SOURCES) -> str:
    return ", ".join(f"[{fact}]({link}#{fact})" for fact in facts)


def _head(page_id: str, texts: Mapping[str, str], context: Mapping[str, Any], *, file: str,
          reviewed: date, **extra: Any) -> list[str]:
    """Front matter, title and intro of a generated page, from content/_data/generated_pages.yml."""
    intro = templating.render(texts["intro"], context, file=f"{file} ({page_id})")
    return [
        front_matter(id=page_id, title=texts["title"], description=texts["description"],
                     last_reviewed=reviewed, sources=[], **extra),
        f"# {texts['title']}\n",
        f"{intro}\n",
    ]


def glossary(glossary: Mapping[str, Mapping[str, Any]], context: Mapping[str, Any], *,
             data_file: str, reviewed: date, texts: Mapping[str, str], texts_file: str) -> str:
    out = _head("glossary", texts, context, file=texts_file, reviewed=reviewed)
    for tid, entry in sorted(glossary.items(), key=lambda kv: kv[1]["term"].casefold()):
        definition = templating.render(entry["definition"], context, file=f"{data_file} ({tid})")
        out.append(f"## {_sentence_case(entry['term'])} {{#{tid}}}\n")
        out.append(f"{definition}\n")
        if entry["aliases"]:
            out.append(f"Also written as: {', '.join(entry['aliases'])}.\n")
        if entry["sources"]:
            out.append(f"Sources: {_fact_links(entry['sources'])}\n")
    return "\n".join(out)


def sources(facts: Mapping[str, Mapping[str, Any]], citations: Mapping[str, list[tuple[str, str, str]]],
            context: Mapping[str, Any], *, reviewed: date, texts: Mapping[str, str], texts_file: str) -> str:
    out = _head("sources", texts, context, file=texts_file, reviewed=reviewed, hide=["toc"])
    for fact, entry in facts.items():
        tag = entry["tag"]
        out.append(f"## {fact} {{#{fact}}}\n")
        if tag == "unverified":
            out.append('!!! warning "Not yet verified"\n\n'
                       "    Nobody has found this fact in a published source yet. Do not rely on it alone.\n")
        else:
            out.append(f'<span class="app-fact-tag app-fact-tag--{tag}" data-fact-tag="{tag}" data-no-glossary>'
                       f"{escape(TAG_LABELS.get(tag, tag))}</span>\n")
        out.append(f"{entry['summary']}\n")
        if entry["urls"]:
            out.append("Where it comes from:\n\n" + "\n".join(f"- <{url}>" for url in entry["urls"]) + "\n")
        if entry.get("incomplete_urls"):  # cut off where we found them: text, never a link
            out.append("An address we have only in part (incomplete and not verified, so not a link):\n\n"
                       + "\n".join(f"- <code data-incomplete-url>{escape(url)}</code>"
                                    for url in entry["incomplete_urls"]) + "\n")
        cited = citations.get(fact, [])
        if cited:
            links = []
            for label, target, anchor in sorted(set(cited)):
                links.append(f"- [{label}]({target}{'#' + anchor if anchor else ''})")
            out.append("Used on:\n\n" + "\n".join(links) + "\n")
        else:
            out.append("Not used on any page yet.\n")
    return "\n".join(out)


def where_to_complain(flow: Any, wording: Any, contacts: Mapping[str, Mapping[str, Any]],
                      context: Mapping[str, Any], *, reviewed: date, texts: Mapping[str, str],
                      texts_file: str) -> str:
    rows = []
    for outcome_id in flow.outcomes:
        text = wording.outcomes[outcome_id]
        title = escape(templating.render(text.title, context, file=text.path))  # plain text
        summary = templating.render(text.summary, context, file=text.path)
        who = "<br>\n".join(_contact_link(contacts[c]) for c in text.contacts) or "None"
        rows.append(
            f'<tr id="outcome-{outcome_id}" data-outcome-id="{outcome_id}" markdown="1">\n'
            f'<th scope="row" markdown="span">{title}</th>\n'
            f'<td markdown="span">{summary}</td>\n'
            f"<td>{who}</td>\n</tr>"
        )
    return "\n".join([
        *_head("where_to_complain", texts, context, file=texts_file, reviewed=reviewed),
        # markdown="1" on each level lets Markdown (links, emphasis) work in the cells.
        '<table data-outcomes markdown="1">\n<thead>\n<tr><th scope="col">Result</th>'
        '<th scope="col">In short</th><th scope="col">Who to contact</th></tr>\n</thead>\n'
        '<tbody markdown="1">\n'
        + "\n".join(rows) + "\n</tbody>\n</table>\n",
    ])


def _contact_link(entry: Mapping[str, Any]) -> str:
    """The contact's name, linked to its web page; its phone number as a phone link."""
    name = escape(entry["name"])
    url = next((entry[k] for k in ("page", "website", "email_page") if entry.get(k)), None)
    phone = entry.get("phone")
    tel = "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+") if phone else ""
    if url:
        out = f'<a href="{escape(url)}">{name}</a>'
        if phone and phone not in entry["name"]:
            out += f' (<a href="{tel}">{escape(phone)}</a>)'
        return out
    if phone:
        if phone in entry["name"]:
            return f'<a href="{tel}">{name}</a>'
        return f'{name} (<a href="{tel}">{escape(phone)}</a>)'
    return str(name)


def newest(dates: Iterable[date | None]) -> date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None

