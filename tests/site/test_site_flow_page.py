"""The checker's flow page (/checker/flow/, hooks/flow_page.py): a picture with a link per node to
the checker page that shows it, the same as a list, nothing that could run or load, not in nav."""
from __future__ import annotations

import posixpath
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import triage
from triage.graph import DATE_EDGE, first_states, node_ids

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from sitekit import flowgraph  # noqa: E402

ROUTE = "/checker/flow/"
FLOW = triage.load_flow()


def _resolve(href: str) -> str:
    assert "://" not in href and not href.startswith(("/", "#")), href
    return posixpath.normpath(posixpath.join(ROUTE, href)) + "/"


@pytest.fixture(scope="module")
def page(built_pages):
    assert ROUTE in built_pages, "the flow page was not built"
    return built_pages[ROUTE]


def test_every_node_links_to_the_checker_page_that_shows_it(page, built_pages) -> None:
    svg = page.article.find("svg")
    assert svg is not None and svg.attrs.get("aria-hidden") == "true"
    drawn = {}
    for group in svg.find_all("g", lambda e: "node" in e.classes):
        title = group.find("title")
        link = group.find("a")
        assert title is not None and link is not None and link.attrs.get("tabindex") == "-1"
        drawn[title.text] = _resolve(link.attrs["href"])
    assert sorted(drawn) == sorted(node_ids(FLOW))
    for nid, state in first_states(FLOW).items():
        assert drawn[nid] == state.url_path, nid
        assert drawn[nid] in built_pages, nid


def test_the_picture_can_run_and_load_nothing(page) -> None:
    svg = page.article.find("svg")
    tags = {e.tag for e in svg.iter()}
    assert tags <= set(flowgraph.ALLOWED), tags - set(flowgraph.ALLOWED)
    for element in svg.iter():
        for name, value in element.attrs.items():
            assert not name.startswith("on") and name != "style", (element.tag, name)
            assert "url(" not in value and "javascript:" not in value.lower(), (element.tag, name)
        if "href" in element.attrs:
            _resolve(element.attrs["href"])  # relative, to a page of this site


def test_the_text_list_gives_every_question_answer_and_destination(page, built_pages) -> None:
    listed = {li.attrs["data-flow-node"]: li for li in page.article.find_all("li", lambda e: "data-flow-node" in e.attrs)}
    assert sorted(listed) == sorted(FLOW.nodes)
    shown = first_states(FLOW)
    for nid, item in listed.items():
        node = FLOW.nodes[nid]
        assert item.attrs["id"] == f"flow-{nid}"
        assert _resolve(item.find("a").attrs["href"]) == shown[nid].url_path
        answers = {li.attrs["data-flow-answer"]: li for li in item.find_all("li", lambda e: "data-flow-answer" in e.attrs)}
        expected = ({DATE_EDGE: node.then} if node.then is not None else dict(node.options))
        assert sorted(answers) == sorted(expected), nid
        for value, li in answers.items():
            target = expected[value]
            assert li.attrs["data-flow-to"] == target.id
            href = li.find("a").attrs["href"]
            if target.is_outcome:
                assert _resolve(href) == shown[target.id].url_path and _resolve(href) in built_pages
            else:
                assert href == f"#flow-{target.id}"


def test_the_page_is_not_in_the_navigation_nor_in_search(built_pages, built_site) -> None:
    nav = built_pages["/"].tree.find("nav", lambda e: "md-nav--primary" in e.classes)
    hrefs = {a.attrs.get("href", "") for a in nav.find_all("a")}
    assert not any(h.rstrip("/").endswith("checker/flow") for h in hrefs)
    assert "checker/flow/" not in (built_site / "search" / "search_index.json").read_text(encoding="utf-8")


# -- sitekit/flowgraph.py on small inputs -------------------------------------------------------

HOSTILE = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt"
     height="5pt" viewBox="0 0 10 5" onload="alert(1)">
<script>alert(2)</script><style>*{background:url(https://x.example/a.png)}</style>
<g class="node" style="fill:red" onclick="alert(3)"><title>a</title>
<a xlink:href="../met/" xlink:title="t"><text x="1" fill="url(https://x.example/#f)">A &amp; &lt;b&gt;</text></a>
<a xlink:href="https://x.example/"><text>out</text></a><a href="javascript:alert(4)"><text>js</text></a>
<image href="https://x.example/i.png"/><use href="#a"/><foreignObject><div>x</div></foreignObject>
</g></svg>"""


def test_sanitise_keeps_shapes_text_and_the_links_asked_for_only() -> None:
    out = flowgraph.sanitise(HOSTILE, ["../met/"])
    assert out.startswith('<svg width="10" height="5" viewBox="0 0 10 5" class="app-flow-graph__svg" '
                          'aria-hidden="true" focusable="false">')
    for word in ("script", "style", "onload", "onclick", "url(", "x.example", "javascript", "image",
                 "use", "foreignObject", "xlink", "<div"):
        assert word not in out, word
    assert '<a href="../met/" tabindex="-1"><text x="1">A &amp; &lt;b&gt;</text></a>' in out
    assert out.count("<a") == 3 and out.count("href=") == 1
    assert "\n" not in out


def test_without_graphviz_the_build_says_how_to_install_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no `dot` on it
    with pytest.raises(PluginError, match="make setup") as caught:
        flowgraph.draw("digraph flow {}")
    assert "graphviz" in str(caught.value)
