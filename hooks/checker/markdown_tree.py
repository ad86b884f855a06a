"""Editors' Markdown as a JSON node tree: rendered once, drawn the same way by the templates and the app.

A node is a string (text) or a list `[tag, {attribute: value}, child, ...]`, the attributes
left out when there are none (`["p", "text"]`). Python-Markdown
renders the text with the site's own extensions; a treeprocessor that runs last takes its
ElementTree before it is serialised (nothing is rendered and then parsed back). Only the tags and
attributes below pass; raw HTML stops the build (each mistake is reported to sitekit.errors
with its file and line). Links are resolved here, the one place: a link
to a page (`../../review.md#x`, written relative to the wording file) becomes that page's address
from the site's root (`review/#x`); anything else must be http(s), mailto or tel. The first use of
each glossary term is linked as on every other page (sitekit.glossary).

site_templates/checker/_macros.html (`nodes`) writes a tree as HTML; the app builds it with DOM
calls (text as text, only these tags and attributes): no HTML string reaches the browser as data.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable, Union

import markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from sitekit import errors, glossary, policy

Node = Union[str, list]

#: The tags a body may hold (what the site's Markdown extensions make), and their attributes.
TAGS = frozenset({
    "p", "a", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "blockquote", "br", "hr",
    "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "details", "summary", "div", "span", "abbr", "sup", "sub",
})
ATTRIBUTES = frozenset({"href", "title", "id", "class", "start", "open", "colspan", "rowspan",
                        "data-glossary-term"})
# Python-Markdown's placeholders for raw HTML and entities (kept aside, pasted in after serialising).
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_SPACES = re.compile(r"\s+")
# Elements whose white space between children shows nothing (the tree's root is a <div>).
_BLOCKS = frozenset({"div", "ul", "ol", "dl", "table", "thead", "tbody", "tr", "blockquote", "details"})


class _Capture(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self.md.checker_tree = root  # type: ignore[attr-defined]


class _CaptureExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Capture(md), "checker_tree", -100)  # last: after unescape


class Renderer:
    """Renders editors' Markdown to node trees for one build (its extensions, pages and glossary)."""

    def __init__(self, config: MkDocsConfig, files: Files, glossary_terms: glossary.Terms | None,
                 glossary_page: str | None) -> None:
        self.md = markdown.Markdown(extensions=[*config.markdown_extensions, _CaptureExtension()],
                                    extension_configs=config.mdx_configs)
        self.files, self.terms, self.glossary_page = files, glossary_terms, glossary_page
        self.root = Path(config.config_file_path).resolve().parent  # the files' names start here

    def tree(self, text: str, *, file: str, folder: str) -> list[Node]:
        """`text` (written in `file`, which sits in docs folder `folder`) as a list of nodes."""
        if not text.strip():
            return []
        self.md.reset()
        self.md.convert(text)
        root: ET.Element = self.md.checker_tree  # type: ignore[attr-defined]
        problem = _Problem(file, self.root, self.md.htmlStash.rawHtmlBlocks)
        nodes = _children(root, problem, lambda href: self.href(href, folder, problem))
        if self.terms is not None and self.glossary_page is not None:
            nodes = _link_terms(nodes, self.terms, self.glossary_page, set())
        return nodes

    def href(self, href: str, folder: str, problem: "_Problem") -> str:
        """A link as written in `folder` -> its address from the site's root (or as it is if external)."""
        scheme = policy.scheme(href)  # the content policy's reading and list: one for every page
        if scheme:
            if scheme not in policy.LINK_SCHEMES:
                problem(f"the link `{href[:60]}` is not allowed", "link to a web page (https://...), "
                        "an email address (mailto:) or a phone number (tel:)", f"]({href}")
                return "#"
            return href
        if href.startswith("#") or href.startswith("//"):
            return href
        path, sep, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
        file = self.files.get_file_from_path(target)
        if file is None:
            problem(f"the link `{href}` leads to no page ({target} does not exist)",
                    "write the path of the page's Markdown file from this file, e.g. `../../review.md`",
                    f"]({href}")
            return "#"
        return file.url + (sep + fragment if sep else "")


class _Problem:
    """Reports a mistake in one wording file to the build's collector (sitekit.errors). The tree is
    made anyway, without what was refused, so every mistake of every file is listed; the build
    stops before any page is written (hooks/page_checks.py, `on_env`)."""

    def __init__(self, file: str, root: Path, stash: list[str]) -> None:
        self.file, self.root, self.stash = file, root, stash
        self.source: str | None = None

    def __call__(self, what: str, fix: str, needle: str) -> None:
        """Report `what` at the line of the file where `needle` (what the editor wrote) is."""
        if self.source is None:
            try:
                self.source = (self.root / self.file).read_text(encoding="utf-8")
            except OSError:
                self.source = ""
        errors.report(self.file, policy.locate(self.source, needle), what, fix)

    def raw(self, text: str) -> str:
        """The raw HTML an editor wrote where Python-Markdown left a placeholder in `text`."""
        match = _STASH.search(text)
        index = int(match.group(1)) if match else -1
        return str(self.stash[index]).strip() if 0 <= index < len(self.stash) else ""


def _children(element: ET.Element, problem: _Problem, href: Callable[[str], str]) -> list[Node]:
    out: list[Node] = []
    tag = str(element.tag)
    _text(out, element.text, problem, tag)
    for child in element:
        out.append(_node(child, problem, href))
        _text(out, child.tail, problem, tag)
    return out


def _text(out: list[Node], text: str | None, problem: _Problem, parent: str) -> None:
    if not text:
        return
    if _STASH.search(text):
        raw = problem.raw(text)
        problem(f"raw HTML (or an HTML entity such as &amp;copy;) is not allowed in the checker's "
                f"wording: `{raw.splitlines()[0][:60] if raw else '?'}`",
                "write it in Markdown, and type characters such as © or – themselves",
                raw.splitlines()[0] if raw else "")
        text = _STASH.sub("", text)
    if parent != "pre":  # HTML shows a run of white space as one space: keep the file small
        text = _SPACES.sub(" ", text)
        if text == " " and parent in _BLOCKS:
            return
    if out and isinstance(out[-1], str):
        out[-1] += text
    else:
        out.append(text)


def _node(element: ET.Element, problem: _Problem, href: Callable[[str], str]) -> Node:
    tag = str(element.tag)
    if tag not in TAGS:
        problem(f"<{tag}> is not allowed in the checker's wording", f"use only {', '.join(sorted(TAGS))}",
                f"<{tag}")
        return ""
    attrs = {}
    for name, value in element.attrib.items():
        if name not in ATTRIBUTES:
            problem(f"the attribute `{name}` on <{tag}> is not allowed", f"use only {', '.join(sorted(ATTRIBUTES))}",
                    name)
            continue
        attrs[name] = href(value) if name == "href" else value
    return [tag, *([attrs] if attrs else []), *_children(element, problem, href)]


def _link_terms(nodes: list[Node], terms: glossary.Terms, page: str, linked: set[str],
                skipping: bool = False) -> list[Node]:
    """The first use of each glossary term linked, in text outside links, headings, code ..."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            out.extend([node] if skipping or terms.regex is None else _split_terms(node, terms, page, linked))
            continue
        tag, attrs, children = parts(node)
        classes = set(str(attrs.get("class", "")).split())
        skip = skipping or tag in glossary.SKIP_TAGS or bool(classes & glossary.SKIP_CLASSES)
        out.append([tag, *([attrs] if attrs else []), *_link_terms(children, terms, page, linked, skip)])
    return out


def _split_terms(text: str, terms: glossary.Terms, page: str, linked: set[str]) -> list[Node]:
    out: list[Node] = []
    last = 0
    for match in terms.regex.finditer(text):  # type: ignore[union-attr]
        tid = terms.term_of(match.group(0))
        if tid is None or tid in linked:
            continue
        linked.add(tid)
        if match.start() > last:
            out.append(text[last:match.start()])
        out.append(["a", {"class": "app-glossary-link", "href": f"{page}#{tid}", "data-glossary-term": tid},
                    match.group(0)])
        last = match.end()
    if last < len(text):
        out.append(text[last:])
    return out


def parts(node: list[Any]) -> tuple[str, dict[str, str], list[Any]]:
    """An element node's tag, attributes and children."""
    if len(node) > 1 and isinstance(node[1], dict):
        return node[0], node[1], node[2:]
    return node[0], {}, node[1:]
