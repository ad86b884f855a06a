"""Link the first use of each glossary term in a page's HTML to its entry on /glossary/.

Only body text is linked: never inside links, headings, code, buttons, labels, table headers,
admonition titles, or any element marked `data-no-glossary` (contact blocks, the Sources list).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

SKIP_TAGS = frozenset({
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "button", "label", "select", "option", "textarea", "svg", "title", "abbr", "dfn", "summary",
    "th", "template", "math",
})
SKIP_CLASSES = frozenset({"admonition-title", "app-contact"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})


class Terms:
    """Every term and alias, matched as whole words. A word starting with a capital is matched
    exactly (IOPC, Commissioner); one starting in lower case also matches with a capital first
    letter (at the start of a sentence)."""

    def __init__(self, glossary: Mapping[str, Mapping[str, Any]]) -> None:
        self.by_word: dict[str, str] = {}
        for tid, entry in glossary.items():
            for word in [entry["term"], *entry["aliases"]]:
                self.by_word[self._key(word)] = tid
        words = sorted(self.by_word, key=len, reverse=True)
        alternatives = [self._pattern(w) for w in words]
        self.regex = (
            re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])") if words else None
        )

    @staticmethod
    def _key(word: str) -> str:
        word = " ".join(word.split())
        return word if word[:1].isupper() else word[:1].lower() + word[1:]

    @staticmethod
    def _pattern(word: str) -> str:
        parts = [re.escape(p) for p in word.split(" ")]
        body = r"\s+".join(parts)
        if word[:1].isalpha() and word[:1].islower():
            first = re.escape(word[:1])
            return f"[{first}{first.upper()}]" + body[len(first):]
        return body

    def term_of(self, matched: str) -> str | None:
        words = " ".join(matched.split())
        return self.by_word.get(words) or self.by_word.get(words[:1].lower() + words[1:])


class _Linker(HTMLParser):
    def __init__(self, terms: Terms, href: str, linked: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.terms, self.href, self.linked = terms, href, linked
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping inside it)
        self.count = 0

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID_TAGS:
            return
        names = dict(attrs)
        classes = set((names.get("class") or "").split())
        skip = (self.skipping or tag in SKIP_TAGS or "data-no-glossary" in names
                or bool(classes & SKIP_CLASSES))
        self.stack.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.skipping or self.terms.regex is None or self.cdata_elem:
            self.out.append(data)
            return
        self.out.append(self.terms.regex.sub(self._link, data))

    def _link(self, match: re.Match[str]) -> str:
        tid = self.terms.term_of(match.group(0))
        if tid is None or tid in self.linked:
            return match.group(0)
        self.linked.add(tid)
        self.count += 1
        return (f'<a class="app-glossary-link" href="{self.href}#{tid}" '
                f'data-glossary-term="{tid}">{match.group(0)}</a>')

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def link_terms(html: str, terms: Terms, glossary_href: str) -> tuple[str, int]:
    """Return the HTML with the first use of each term linked, and how many links were added."""
    linker = _Linker(terms, glossary_href, set())
    linker.feed(html)
    linker.close()
    return "".join(linker.out), linker.count
