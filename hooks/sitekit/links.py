"""Links, anchors and nav entries, checked by the hooks whatever MkDocs's flags.

MkDocs reports broken links as warnings, and `mkdocs build --strict -q` lets them pass (`-q`
hides the warnings `--strict` counts: an open MkDocs bug). So every `<a href>` and `<img src>`
of every page's HTML is read here (Python's HTML parser), resolved against the site's files, and
each broken one is reported with the file, the line and the closest existing target (difflib).
"""
from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from sitekit.policy import attribute_needle


@dataclass(frozen=True)
class Link:
    attr: str   # "href" or "src"
    url: str    # as in the page's HTML (MkDocs rewrote `page.md` links it could resolve)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        if tag in ("a", "area") and values.get("href") is not None:
            self.links.append(Link("href", values["href"] or ""))
        elif tag in ("img", "source", "video", "audio") and values.get("src"):
            self.links.append(Link("src", values["src"] or ""))

    handle_startendtag = handle_starttag


def read(html: str) -> tuple[list[Link], set[str]]:
    """The links of a page's HTML, and the ids it holds (what `#anchor` can point at)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.links, parser.ids


@dataclass(frozen=True)
class Broken:
    problem: str
    fix: str
    needle: str | re.Pattern[str]  # what to look for in the editor's file to name the line


def closest(wanted: str, known: Iterable[str], cutoff: float = 0.5) -> str | None:
    match = difflib.get_close_matches(wanted, list(known), n=1, cutoff=cutoff)
    return match[0] if match else None


def _suggest(wanted: str, known: Iterable[str], how: str) -> str:
    """`did you mean `x`?`, or, when nothing is close, a few of the names that exist (those in the
    file's own folder, if any: not the checker's pages for a guidance page)."""
    known = sorted(known)
    best = closest(wanted, known)
    if best:
        return f"{how} `{best}`?"
    known = [k for k in known if "/" not in k] or known
    shown = ", ".join(f"`{k}`" for k in known[:8]) + (", ..." if len(known) > 8 else "")
    return f"use one that exists: {shown or '(none)'}"


def normal(url: str) -> str:
    """A site path as `urls` keys it: `review/`, `./review`, `review` are all `review`."""
    path = posixpath.normpath(url or ".")
    return "" if path == "." else path


def check(link: Link, *, page_url: str, page_src: str, urls: Mapping[str, str],
          anchors: Mapping[str, set[str]]) -> Broken | None:
    """Is `link` (on the page at `page_url`, source `page_src`) broken? `urls` maps each file's URL
    (`normal()`) to its source path; `anchors` each page's source path to the ids it holds."""
    parts = urlsplit(link.url)
    if parts.scheme or parts.netloc or link.url.startswith("//"):
        return None  # another website, mailto:, tel: (the content policy checks which)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    here = posixpath.dirname(page_src)
    if path.startswith("/"):
        target = urls.get(normal(path.lstrip("/")))
        return Broken(f"the link `{link.url}` is an absolute path (it breaks when the site is not at the root)",
                      "link to the page's file, relative to this one"
                      + (f", e.g. `{posixpath.relpath(target, here or '.')}`" if target else ""), link.url)
    if not path:
        target_src = page_src
    else:
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
        target_src = urls.get(normal(posixpath.join(base, path)))
        if target_src is None:
            wanted = posixpath.normpath(posixpath.join(here, path)) if not path.endswith("/") else path
            pages = [posixpath.relpath(src, here or ".") for src in urls.values() if src.endswith(".md")]
            return Broken(f"the link `{link.url}` goes to a page or file that does not exist",
                          _suggest(posixpath.relpath(wanted, here or "."), pages, "did you mean")
                          + " (links name the page's file, relative to this one)",
                          attribute_needle(link.attr, link.url))
    if fragment and target_src in anchors and fragment not in anchors[target_src]:
        where = "this page" if target_src == page_src else f"`{target_src}`"
        return Broken(f"the link `{link.url}` goes to `#{fragment}`, which is not a heading or id on {where}",
                      _suggest(fragment, anchors[target_src], "did you mean") + f" (the ids on {where})",
                      "#" + fragment)
    return None
