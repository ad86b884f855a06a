"""One generated page per state of the checker without dates (`triage.static_states()`).

The first question is at /checker/start/, then /checker/<value>/<value>/.../ (the choice answers
in path order; date questions are skipped, the outcome states their rules instead). Every
address comes from `triage` (`State.url_path`); this module only turns it into a page.
"""
from __future__ import annotations

import json
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from sitekit import errors

#: The template of each kind of checker page.
TEMPLATES = {"question": "checker/question.html", "outcome": "checker/outcome.html", "start": "checker/start.html"}


def src_uri(key: str) -> str:
    """`checker/met/` -> `checker/met/index.md`: the generated page's source path."""
    return key + "index.md"


def page_id(key: str) -> str:
    """`checker/met/outcome/` -> `checker__met__outcome`: a checker page's id."""
    return "__".join(p for p in key.strip("/").split("/") if p)


def add_pages(views: dict[str, dict[str, Any]], files: Files, config: MkDocsConfig, docs_name: str) -> dict[str, str]:
    """Add a page to `files` for each state's view (by key); return the keys by source path.

    An editor's file at a state's address is reported (sitekit.errors) and takes no generated page;
    the build goes on, to list every mistake, and stops before any page is written."""
    by_src: dict[str, str] = {}
    for key, view in views.items():
        src = src_uri(key)
        if files.get_file_from_path(src) is not None:
            errors.report(f"{docs_name}/{src}", None,
                          "this address belongs to a page of the checker (generated from triage/flow.toml)",
                          "move or rename the file")
            continue
        files.append(File.generated(config, src, content=_markdown(key, view),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        by_src[src] = key
    return by_src


def _markdown(key: str, view: dict[str, Any]) -> str:
    """The page's front matter; its body is drawn by its template from the view, not from Markdown."""
    shown = view["q"] if view["kind"] == "question" else view["o"]
    description = shown.get("hint") or shown.get("summary") or shown["title"]
    meta = dict(id=page_id(key), title=shown["title"], description=description,
                template=TEMPLATES[view["kind"]])
    lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()),
             'hide: ["navigation", "toc"]',
             # Search finds the checker's start page; its states would repeat each outcome.
             "search:", "  exclude: true", "---", ""]
    return "\n".join(lines)

