"""A very small HTML tree for the site tests (standard library only): elements, attributes, text."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        """This element and those inside it, as a browser's DOM has them: a <template>'s content
        is inert markup, not part of the page (the checker's pieces for its app)."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from ([child] if child.tag == "template" else child.iter())

    def find_all(self, tag: str | None = None, pred: Callable[[Element], bool] | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (pred is None or pred(e))]

    def find(self, tag: str | None = None, pred: Callable[[Element], bool] | None = None) -> Element | None:
        found = self.find_all(tag, pred)
        return found[0] if found else None

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.node = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.node)
        self.node.children.append(element)
        if tag not in VOID:
            self.node = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.node.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self.node))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data: str) -> None:
        self.node.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))
