"""Hook: the checker's flow as a page for editors and fact-checkers, at /checker/flow/.

- `on_files`: adds checker/flow/index.md as a virtual page (`File.generated`, not in `nav:`:
  generated pages under checker/ need not be, see hooks/page_checks.py). It is linked from
  CONTRIBUTING.md, not from the public navigation, and kept out of search.
- `on_nav` (after hooks/checker_pages.py has added every checker state's page): writes it. The
  picture is `triage.graph.to_dot()` (questions and outcomes with their titles) drawn by
  Graphviz's `dot -Tsvg`, cleaned (sitekit/flowgraph.py) and inlined; each box links to the
  checker page that shows it (`triage.graph.first_states()`). Below it, the same as a nested list
  (questions, their answers, where each leads) for screen readers and the keyboard.
  No `dot`: the build stops and says how to install it (decisions/flow-graph.md says why).
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from sitekit import errors, flowgraph, generated, pages, state

from triage import graph

SRC_URI = "checker/flow/index.md"
PAGE_ID = "checker_flow"
TITLE = "The checker's flow"
DESCRIPTION = "Every question of the checker, its answers and where each leads, drawn from the rules."
#: Characters per line of a box's title in the picture.
WRAP = 28


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(SRC_URI) is not None:  # reported; the build stops before writing pages
        errors.report(f"{Path(config.docs_dir).name}/{SRC_URI}", None,
                      "this address is the checker's generated flow page", "move or rename the file")
        return files
    files.append(File.generated(config, SRC_URI, content=generated.placeholder(PAGE_ID, TITLE),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    state.current().prerendered.add(SRC_URI)
    return files


@event_priority(-30)  # after hooks/checker_pages.py has added the checker states' pages
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build, site = state.current(), state.site_data()
    flow, wording = site.flow, site.wording
    page = files.get_file_from_path(SRC_URI)
    if page is None or page.generated_by is None:  # an editor's file took its place (reported)
        return nav
    by_url = {file.url: file for file in files.documentation_pages()}
    href = {}
    for nid, st in graph.first_states(flow).items():
        target = by_url.get(st.url_path.lstrip("/"))
        if target is None:  # pragma: no cover - hooks/checker_pages.py makes one page per state
            errors.stop("mkdocs.yml", None, f"no page for the checker state {st.url_path}",
                        "check that hooks/checker_pages.py is listed under `hooks:` in mkdocs.yml")
        href[nid] = target.url_relative_to(page)
    labels = {nid: _label(wording.questions[node.question].title, nid) for nid, node in flow.nodes.items()}
    labels.update({oid: _label(wording.outcomes[oid].title, oid) for oid in flow.outcomes})
    try:
        drawn = flowgraph.draw(graph.to_dot(flow, labels=labels, urls=href))
    except errors.Problem as exc:  # no picture, no page: stop, with everything found so far
        errors.current().add(exc.error)
        errors.stop_if_any()
    svg = flowgraph.sanitise(drawn, href.values())
    reviewed = generated.newest([pages.parse_date(t.last_reviewed)
                                 for t in (*wording.questions.values(), *wording.outcomes.values())])
    page.content_string = "\n".join([
        generated.front_matter(id=PAGE_ID, title=TITLE, description=DESCRIPTION, last_reviewed=reviewed,
                               sources=[], search={"exclude": True}, hide=["navigation", "toc"]),
        f"# {TITLE}\n",
        "For editors and fact-checkers: every question of the checker, each of its answers and "
        "where it leads, drawn from the rules (`triage/flow.toml`) on every build. Each box links "
        "to the checker's page for it. [The list after the picture](#flow-list) says the same "
        "in words.\n",
        '<figure class="app-flow-graph">'
        '<div class="app-flow-graph__scroll" role="region" tabindex="0" '
        'aria-label="Picture of the flow (the list below says the same)">'
        f"{svg}</div></figure>\n",
        "## Every question and where each answer leads {#flow-list}\n",
        f'<div class="app-flow-text" data-no-glossary>{flowgraph.text_list(flow, wording, href)}</div>\n',
    ])
    info = pages.read_page(page, Path(config.docs_dir).name)
    info.page_id, info.last_reviewed = PAGE_ID, reviewed
    build.pages[SRC_URI] = info
    return nav


def _label(title: str, node_id: str) -> str:
    return "\n".join([*textwrap.wrap(title, WRAP), node_id])
