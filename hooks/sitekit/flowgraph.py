"""The flow page's picture (Graphviz's SVG, cleaned) and its text equivalent (hooks/flow_page.py).

The picture is `dot -Tsvg` of `triage.graph.to_dot()`. Its labels carry editors' words (question
and outcome titles), so the SVG is rebuilt from an allow-list before it reaches a page: shapes,
text and links to the checker's own pages only. No script, style, event handler, image, `use`,
`foreignObject` or `url(...)` survives, and a link survives only if it is one the hook asked for.
"""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Collection, Mapping
from typing import Any

from markupsafe import escape
from sitekit import errors
from triage import graph

#: How to get `dot` (the Makefile does this in `make setup`).
DOT_FIX = ("run `make setup`, which installs Debian's `graphviz` package (apt-get, as root or "
           "with sudo), or install Graphviz yourself (`sudo apt-get install graphviz`)")

#: What the picture is drawn from (the file error messages name).
FLOW_SOURCE = "triage/flow.toml"

#: Element -> the attributes kept. Everything else is dropped, with what is inside it.
ALLOWED = {
    "svg": {"width", "height", "viewBox"},
    "g": {"class", "transform"},
    "title": set(),
    "a": {"href"},
    "polygon": {"fill", "stroke", "stroke-width", "points"},
    "polyline": {"fill", "stroke", "stroke-width", "points"},
    "path": {"fill", "stroke", "stroke-width", "stroke-dasharray", "d"},
    "ellipse": {"fill", "stroke", "stroke-width", "cx", "cy", "rx", "ry"},
    "text": {"text-anchor", "x", "y", "font-family", "font-size", "font-weight", "font-style", "fill"},
}
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def draw(dot_text: str, *, dot: str | None = None) -> str:
    """Graphviz's SVG for `dot_text`; raises `errors.Problem`, with the fix, if `dot` is not
    installed or fails (the flow page cannot be made without it)."""
    exe = dot or shutil.which("dot")
    if exe is None:
        raise errors.Problem(errors.error(
            FLOW_SOURCE, None, "the flow page (/checker/flow/) is drawn by Graphviz, and its `dot` "
            "command is not installed", DOT_FIX))
    result = subprocess.run([exe, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise errors.Problem(errors.error(
            FLOW_SOURCE, None, f"Graphviz could not draw the flow (exit {result.returncode}): "
            f"{result.stderr[-2000:].strip()}", "check triage/flow.toml's questions and outcomes, or "
            "run `python -m triage --graph | dot -Tsvg` to see Graphviz's own message"))
    return result.stdout


def sanitise(svg: str, links: Collection[str]) -> str:
    """The SVG rebuilt from `ALLOWED`, as one line of inline markup for an HTML page.

    Hidden from assistive technology (the page's list says the same), and its links are left out
    of the tab order: the list holds the same links for the keyboard.
    """
    root = ElementTree.fromstring(svg)
    if root.tag != _SVG_NS + "svg":
        raise ValueError("not an SVG document")
    return _element(root, frozenset(links), top=True)


def _element(element: ElementTree.Element, links: frozenset[str], *, top: bool = False) -> str:
    tag = element.tag.removeprefix(_SVG_NS)
    kept = ALLOWED.get(tag)
    if kept is None or not element.tag.startswith(_SVG_NS):
        return ""
    attrs: dict[str, str] = {}
    for name, value in element.attrib.items():
        if name == _XLINK_HREF:
            name = "href"
        if name in kept and "url(" not in value.lower():
            attrs[name] = value
    if tag == "a":
        if attrs.get("href") not in links:
            attrs.pop("href", None)
        else:
            attrs["tabindex"] = "-1"
    if top:
        # Graphviz sizes the picture in points; as pixels it is 3/4 the size, its text 12 px.
        for name in ("width", "height"):
            if name in attrs:
                attrs[name] = attrs[name].removesuffix("pt")
        attrs.update({"class": "app-flow-graph__svg", "aria-hidden": "true", "focusable": "false"})
    inner = [_text(element.text)]
    for child in element:
        inner += [_element(child, links), _text(child.tail)]
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<{tag}{rendered}>{''.join(inner)}</{tag}>"


def _text(text: str | None) -> str:
    # Whitespace between elements means nothing in this SVG; dropping it keeps one line (a blank
    # line would end Markdown's raw HTML block).
    return "" if text is None or not text.strip() else str(escape(text))


def text_list(flow: Any, wording: Any, href: Mapping[str, str]) -> str:
    """The text equivalent: every question node, in the picture's order, with each of its answers
    and where it leads (a question further down the list, or a result's page). `href` gives each
    graph node's checker page, relative to the flow page."""
    items = []
    for nid in graph.node_ids(flow):
        if nid not in flow.nodes:
            continue
        node = flow.nodes[nid]
        text = wording.questions[node.question]
        if node.then is not None:
            answers = [(DATE_ANSWER.format(unknown=text.unknown_label), graph.DATE_EDGE, node.then)]
        else:
            answers = [(text.options[value], value, target) for value, target in node.options]
        rows = [f'<li data-flow-answer="{escape(value)}" data-flow-to="{escape(target.id)}">'
                f"{escape(label)} <code>{escape(value)}</code>: {_destination(target, flow, wording, href)}</li>"
                for label, value, target in answers]
        items.append(
            f'<li id="flow-{escape(nid)}" data-flow-node="{escape(nid)}">'
            f'<a href="{escape(href[nid])}">{escape(text.title)}</a> <code>{escape(nid)}</code>'
            f'<ul>{"".join(rows)}</ul></li>')
    return f'<ol class="app-flow-list">{"".join(items)}</ol>'


#: How a date node's one answer is listed (`unknown`: the question's "I don't know" label).
DATE_ANSWER = "Any date, or “{unknown}”"


def _destination(target: Any, flow: Any, wording: Any, href: Mapping[str, str]) -> str:
    if target.is_outcome:
        title = wording.outcomes[target.id].title
        return (f'result <a href="{escape(href[target.id])}">{escape(title)}</a> '
                f"<code>{escape(target.id)}</code>")
    title = wording.questions[flow.nodes[target.id].question].title
    return f'question <a href="#flow-{escape(target.id)}">{escape(title)}</a>'
