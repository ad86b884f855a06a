"""The content policy: what editors' HTML may hold (CONTRIBUTING.md, "Privacy and security").

Checked on each page's HTML after Markdown (so raw HTML, attribute lists `{: onclick=... }` and
Markdown links or images are all seen), with Python's own HTML parser, never regular
expressions over HTML. A page may not run code, restyle or redirect the site, post a form, or
load anything from another origin:

- no `script`, `style`, `iframe`, `frame`, `frameset`, `object`, `embed`, `applet`, `form`,
  `meta`, `base`, `link`, `portal` or `math` element; in SVG, no `foreignObject` and no
  animation element (`animate`, `set`, ...), which can rewrite a link into `javascript:`;
- no `on…` attribute (event handlers), no `formaction`, `ping` or `http-equiv`; a `style`
  attribute and SVG's url-taking attributes (`fill`, `filter`, `mask` ...) may not reference
  anything (`url(...)`, `image-set(...)`, `@import` ...), read by a real CSS tokenizer
  (tinycss2), so CSS escapes (`\75 rl(`, `u\rl(`) and comments cannot hide one;
- links (`a`, `area`) go to our pages, `https:`/`http:`, `mailto:` or `tel:` only (so never
  `javascript:`, `data:`, `vbscript:`, `file:`);
- resources (`src`, `srcset`, `poster`, `data`, `background`, `href` of anything but a link)
  are files of this site: a relative path, no scheme and no `//host`.

Titles and descriptions are plain text: no markup at all (`plain_text`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import tinycss2

FORBIDDEN_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "meta", "base", "link", "portal", "math",
    # SVG: animations can set any attribute (a link's href to javascript:); foreignObject holds HTML
    "animate", "animatemotion", "animatetransform", "set", "discard", "foreignobject", "handler",
    "listener",
})
FORBIDDEN_ATTRIBUTES = frozenset({"formaction", "ping", "http-equiv"})
LINK_ELEMENTS = frozenset({"a", "area"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "href",
                                 "xlink:href", "imagesrcset", "lowsrc", "dynsrc"})

_WHY = {
    "script": "pages may not run code",
    "style": "the site's styles live in site_templates/assets/stylesheets/app.css",
    "form": "a form could send what people type to another site",
    "meta": "a <meta> can redirect the page or change its security policy",
    "base": "a <base> changes where every link of the page goes",
    "link": "a <link> loads files or changes how the page is read",
}
_EMBED_FIX = ("link to it instead, e.g. [the video on YouTube](https://www.youtube.com/...): "
              "the site loads nothing from other websites")
#: SVG presentation attributes whose value may be a CSS `url(...)` (a paint server, filter, mask,
#: marker or cursor from another origin), checked like a `style` attribute.
CSS_ATTRIBUTES = frozenset({"style", "fill", "stroke", "filter", "clip-path", "mask", "marker",
                            "marker-start", "marker-mid", "marker-end", "cursor"})
#: CSS functions that load something (or, in old browsers, run script).
_LOADING_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade",
                                "-webkit-cross-fade", "element", "-moz-element", "expression", "paint"})
_URL_SPACE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a URL's scheme
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Breach:
    """One thing the policy refuses: what, how to fix it, and the text to find it in the source."""

    problem: str
    fix: str
    needle: str | re.Pattern[str]  # what to look for in the editor's file to name the line


def scheme(url: str) -> str:
    """A URL's scheme in lower case ("" for a path on this site), read as a browser reads it."""
    match = _SCHEME.match(_URL_SPACE.sub("", url))
    return match.group(1).lower() if match else ""


def _other_origin(url: str) -> bool:
    cleaned = _URL_SPACE.sub("", url).replace("\\", "/")
    return bool(scheme(url)) or cleaned.startswith("//")


def loads_something(css: str) -> str | None:
    """The first thing in a `style` (or SVG presentation) attribute's CSS that references a
    resource (`url(`, `image-set(`, `@import` ...), as CSS reads it (escapes undone), or None."""
    return _loading(tinycss2.parse_component_value_list(css))


def _loading(tokens: Iterable[object]) -> str | None:
    for token in tokens:
        kind = getattr(token, "type", "")
        if kind == "url":
            return "url("
        if kind == "at-keyword":
            return "@" + str(getattr(token, "lower_value", ""))
        if kind == "function" and getattr(token, "lower_name", "") in _LOADING_FUNCTIONS:
            return f"{token.lower_name}("  # type: ignore[attr-defined]
        found = _loading(getattr(token, "arguments", None) or getattr(token, "content", None) or ())
        if found:
            return found
    return None


def attribute_needle(name: str, value: str) -> re.Pattern[str]:
    """Where `value` is written in an editor's file: as an attribute (`name="value"`, quoted or
    not) or as a Markdown link or image target (`](value`, `[ref]: value`), not just anywhere
    (a short value, `x`, is found in the first word holding it)."""
    return re.compile(rf"(?im)(?:\b{re.escape(name)}\s*=\s*[\"']?|\]\(\s*<?|^\s*\[[^\]\n]*\]:\s*<?)"
                      + re.escape(value.strip()))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive unescaped, as browsers read them
        self.breaches: list[Breach] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        add = self.breaches.append
        if tag in FORBIDDEN_ELEMENTS:
            why = _WHY.get(tag, "it would load or run something from another website")
            fix = (f"remove the <{tag}> ({why}); ask a developer if the page needs it"
                   if tag in _WHY else f"remove the <{tag}>: {_EMBED_FIX}")
            article = "an" if tag[0] in "aeiou" else "a"
            add(Breach(f"{article} <{tag}> element is not allowed in a page", fix, f"<{tag}"))
        for name, raw in attrs:
            value = raw or ""
            if name.startswith("on"):
                add(Breach(f"the attribute `{name}` (a script run by the browser) is not allowed",
                           f"remove `{name}=...`: pages may not run code", name))
            elif name in FORBIDDEN_ATTRIBUTES:
                add(Breach(f"the attribute `{name}` is not allowed", f"remove `{name}=...`", name))
            elif name in CSS_ATTRIBUTES and (found := loads_something(value)):
                add(Breach(f"a `{name}` attribute may not load anything (`{found}...`)",
                           f"remove the {name}; the site's styles live in site_templates/assets/stylesheets/app.css",
                           attribute_needle(name, value)))
            elif name in ("href", "xlink:href") and tag in LINK_ELEMENTS:
                found = scheme(value)
                if found and found not in LINK_SCHEMES:
                    add(Breach(f"a link to a `{found}:` address is not allowed",
                               "link to one of our pages (`other-page.md`), or to an https:// address, "
                               "mailto: or tel:", value.strip()[:40] or found + ":"))
            elif name in RESOURCE_ATTRIBUTES:
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                for url in urls:
                    if _other_origin(url):
                        add(Breach(f"<{tag} {name}=\"{url[:80]}\"> loads a file from another website",
                                   "put the file in content/ and use a relative path (e.g. `images/map.png`), "
                                   "or link to the other website instead: the site loads nothing from elsewhere",
                                   url.strip()[:40] if name.endswith("srcset") else attribute_needle(name, url)))

    handle_startendtag = handle_starttag


def check_html(html: str) -> list[Breach]:
    """Everything the policy refuses in `html` (a page's content), in document order."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.breaches


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(f"<{tag}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.found.append(f"</{tag}")

    def handle_comment(self, data: str) -> None:
        self.found.append("<!--")

    def handle_decl(self, decl: str) -> None:
        self.found.append("<!")

    def handle_pi(self, data: str) -> None:
        self.found.append("<?")


def plain_text(key: str, value: str) -> Breach | None:
    """A title or description must be plain text: no tag, comment or declaration in it."""
    parser = _Markup()
    parser.feed(value)
    parser.close()
    if not parser.found:
        return None
    return Breach(f"`{key}` holds HTML ({parser.found[0]}...); titles and descriptions are plain text",
                  f"write the {key} as plain words, without < > tags", parser.found[0])


def locate(source: str, needle: str | re.Pattern[str], *, first_line: int = 1) -> int | None:
    """The line of `source` (which starts at line `first_line`) where `needle` (text, any case,
    or a pattern: `attribute_needle`) first appears."""
    if isinstance(needle, re.Pattern):
        match = needle.search(source)
        index = match.start() if match else -1
    else:
        index = source.lower().find(needle.lower()) if needle else -1
    if index < 0:
        return None
    return first_line + source.count("\n", 0, index)
