"""The hooks' helpers (hooks/sitekit/) on small inputs: fast, and precise about edge cases."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from sitekit import csp, errors, glossary, links, pages, policy, templating  # noqa: E402
from sitekit.state import Counters  # noqa: E402

TERMS = glossary.Terms({
    "iopc": {"term": "IOPC", "aliases": ["Independent Office for Police Conduct"]},
    "review": {"term": "review", "aliases": []},
    "appropriate_authority": {"term": "appropriate authority", "aliases": []},
})


def link(html: str) -> str:
    return glossary.link_terms(html, TERMS, "../glossary/")[0]


def test_first_use_of_each_term_is_linked_once() -> None:
    out = link("<p>Ask the IOPC for a review. The IOPC reviews.</p>")
    assert out.count('data-glossary-term="iopc"') == 1
    assert out.count('data-glossary-term="review"') == 1
    assert out.startswith('<p>Ask the <a class="app-glossary-link" href="../glossary/#iopc"')


@pytest.mark.parametrize("html", [
    '<h2 id="x">IOPC</h2>', '<a href="x">IOPC</a>', "<code>IOPC</code>", "<pre>IOPC</pre>",
    '<div data-no-glossary><p>IOPC</p></div>', '<div class="app-contact"><p>IOPC</p></div>',
    '<p class="admonition-title">IOPC</p>', "<script>var IOPC = 1;</script>",
])
def test_headings_links_code_and_marked_blocks_are_left_alone(html: str) -> None:
    assert link(html) == html


def test_the_term_is_linked_after_a_skipped_element() -> None:
    out = link("<h2>IOPC</h2><p>The IOPC</p>")
    assert out == ('<h2>IOPC</h2><p>The <a class="app-glossary-link" href="../glossary/#iopc" '
                   'data-glossary-term="iopc">IOPC</a></p>')


def test_case_whole_words_and_line_breaks() -> None:
    assert "data-glossary-term" not in link("<p>The iopc, IOPCs and reviewer</p>")
    assert 'data-glossary-term="review"' in link("<p>Review it.</p>")
    assert 'data-glossary-term="appropriate_authority"' in link("<p>the appropriate\nauthority</p>")
    assert 'data-glossary-term="iopc"' in link("<p>the IOPC's decision</p>")


def test_html_is_otherwise_unchanged() -> None:
    html = ('<!-- c --><p class="x" data-y=\'1\'>A &amp; B &#8217; <br/>'
            '<img alt="IOPC" src="a.png"></p>\n<table><tr><th>IOPC</th></tr></table>')
    assert link(html) == html


# -- templating ---------------------------------------------------------------------------------

CONTACTS = {
    "met": {"name": "Metropolitan Police Service", "short_name": "the Met", "website": "https://www.met.police.uk/"},
    "mopac": {"name": "MOPAC & co", "page": "https://www.london.gov.uk/mopac",
              "email_page": "https://www.london.gov.uk/mopac", "post": ["169 Union Street", "London <SE1>"]},
    "gla": {"name": "GLA", "email": "someone@london.gov.uk", "phone": "0300 123 2040", "phone_note": "Weekdays."},
}


def render(text: str, first_line: int = 1) -> tuple[str, Counters]:
    counters = Counters()
    context = templating.page_context({"review_days": 28}, CONTACTS, counters)
    return templating.render(text, context, file="content/x.md", first_line=first_line), counters


def test_rules_contacts_and_counts() -> None:
    out, counters = render("{{ rules.review_days }} days; {{ contacts.met.short_name }}.\n\n{{ contact(\"gla\") }}\n")
    assert out.startswith("28 days; the Met.")
    assert '<a href="mailto:someone@london.gov.uk">' in out and '<a href="tel:03001232040">' in out
    assert (counters.rule_values, counters.contact_fields, counters.contact_blocks) == (1, 1, 1)


def test_contact_block_escapes_and_never_invents() -> None:
    out, _ = render('{{ contact("mopac") }}\n')
    assert "MOPAC &amp; co" in out and "London &lt;SE1&gt;" in out
    assert "mailto:" not in out and "the address is on the" in out
    assert "<address" in out


def test_markdown_attribute_lists_are_not_jinja_comments() -> None:
    out, _ = render("## Heading {#my-id}\n\nText {: .x }\n")
    assert out == "## Heading {#my-id}\n\nText {: .x }\n"


@pytest.mark.parametrize("text,line,words", [
    ("a\nb\n{{ rules.nope }}\n", 12, ["rules.nope", "review_days"]),
    ("{{ contacts.nobody.name }}\n", 10, ["'nobody'", "met"]),
    ("x\n{{ contacts.met.email }}\n", 11, ["met", "email", "website"]),
    ("{{ contacts.met }}\n", 10, ["needs a field"]),
    ("x\n\n{{ nope }}\n", 12, ["'nope' is undefined"]),
    ("x {{ contact(\"met\") }}\n", 10, ["line of its own"]),
    ("x\n{{ rules.review_days\n", 11, ["raw"]),
])
def test_errors_name_the_file_line_and_known_names(text: str, line: int, words: list[str]) -> None:
    with pytest.raises(errors.Problem) as caught:
        render(text, first_line=10)
    assert (caught.value.error.file, caught.value.error.line) == ("content/x.md", line)
    message = str(caught.value)
    assert f"- content/x.md:{line}: " in message, message
    for word in words:
        assert word in message, message


ATTACK = '{{ rules.__class__.__init__.__globals__.__builtins__.__import__("os").popen("id -un").read() }}'


@pytest.mark.parametrize("text", [
    ATTACK,
    "{{ contact.__globals__ }}",
    "{{ contacts.met.name.__class__.__mro__ }}",
    "{{ rules|attr('__class__') }}",
    "{{ rules['__class__'] }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ range(3) | list }}",
    "{{ lipsum() }}",
    "{{ cycler }}",
    "{{ contacts.met.name.format.__self__ }}",
    "{{ 'a' * 10 ** 10 }}",
    "{{ rules.review_days + 1 }}",
    "{{ -rules.review_days }}",
    "{{ 'a' | center(1000) }}",
    "{% if rules is defined %}x{% endif %}",
])
def test_the_sandbox_refuses_everything_but_the_declared_names(text: str) -> None:
    """Editors' text cannot reach Python: no `_` attributes, no Jinja globals, no unsafe calls."""
    with pytest.raises(errors.Problem) as caught:
        render("x\n" + text + "\n", first_line=10)
    error = caught.value.error
    assert (error.file, error.line) == ("content/x.md", 11), str(caught.value)
    assert error.known, str(caught.value)  # the names that exist (or, for `rules[...]`, the rules)


# -- CSP and dates ----------------------------------------------------------------------------------

def test_policy_hashes_only_listed_scripts_the_browser_runs() -> None:
    html = ('<script>a()</script><script src="x.js"></script><script>evil()</script>'
            '<script type="application/json">{"a": 1}</script><script type="module">b()</script>')
    allowed = {"a()", "b()", '{"a": 1}'}
    text = csp.policy(csp.inline_scripts(html), allowed=allowed, checker=False, serving=False)
    script_src = next(d for d in text.split("; ") if d.startswith("script-src")).split()[1:]
    assert script_src == ["'self'", csp.script_hash("a()"), csp.script_hash("b()")]
    assert "worker-src" not in text and "wasm" not in text
    assert csp.unknown_scripts(csp.inline_scripts(html), allowed) == ["evil()"]


def test_template_scripts_are_read_from_the_listed_templates_and_rendered_per_page() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "partials/javascripts/base.html": '<script>x=new URL("{{ base_url }}")</script>',
        "partials/other.html": "<script>not_listed()</script>",
    }))
    scripts = csp.TemplateScripts(env)
    assert scripts.allowed(base_url="../..", config={}) == {'x=new URL("../..")'}


def test_policy_for_checker_pages_and_live_preview() -> None:
    checker = csp.policy(["a()"], allowed={"a()"}, checker=True, serving=False)
    assert "'wasm-unsafe-eval'" in checker and "worker-src 'self'" in checker
    serving = csp.policy(["a()"], allowed={"a()"}, checker=False, serving=True)
    assert "script-src 'self' 'unsafe-inline';" in serving and "sha256" not in serving


# -- the content policy --------------------------------------------------------------------------

@pytest.mark.parametrize("html,needle", [
    ("<p>a</p><script>alert(1)</script>", "<script"),
    ("<SCRIPT SRC=x.js></SCRIPT>", "<script"),
    ("<style>body{}</style>", "<style"),
    ('<iframe src="page.html"></iframe>', "<iframe"),
    ('<object data="x"></object>', "<object"),
    ('<embed src="x">', "<embed"),
    ('<form action="https://evil.example/"><input name=q></form>', "<form"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta"),
    ('<base href="https://evil.example/">', "<base"),
    ('<svg><script>alert(1)</script></svg>', "<script"),
    ('<svg><a href="x"><animate attributeName="href" to="javascript:alert(1)"/></a></svg>', "<animate"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript:alert(1)"),
    ('<svg><image href="https://t.example/x.png"/></svg>', "https://t.example/x.png"),
    ('<img src="x.png" onerror="alert(1)">', "onerror"),
    ('<p onmouseover=alert(1)>x</p>', "onmouseover"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href=" JaVa&#x09;script:alert(1)">x</a>', "java\tscript:alert(1)"),
    ('<a href="data:text/html,<script>x</script>">x</a>', "data:text/html,<script>x</script>"),
    ('<img src="https://tracker.example/p.gif" alt="">', "https://tracker.example/p.gif"),
    ('<img src="//tracker.example/p.gif" alt="">', "//tracker.example/p.gif"),
    ('<img src="\\\\tracker.example/p.gif" alt="">', "\\\\tracker.example/p.gif"),
    ('<img srcset="a.png 1x, https://t.example/b.png 2x" alt="">', "https://t.example/b.png"),
    ('<video poster="https://t.example/p.png"></video>', "https://t.example/p.png"),
    ('<p style="background:url(https://t.example/x.png)">x</p>', "url("),
    ('<a href="x" ping="https://t.example/">x</a>', "ping"),
    # CSS read as the browser reads it: escapes, comments, image-set(), @import; SVG's url() attributes
    ('<p style="background:\\75 rl(https://t.example/x.png)">x</p>', "style="),
    ('<p style="background:u\\rl(https://t.example/x.png)">x</p>', "style="),
    ('<p style="background:/**/url(x.png)">x</p>', "style="),
    ("<p style=\"background-image:image-set('https://t.example/x.png' 1x)\">x</p>", "style="),
    ('<p style="@import \'https://t.example/x.css\'">x</p>', "style="),
    ('<svg><rect fill="url(https://t.example/p.svg#p)"/></svg>', "fill="),
    ('<svg><rect filter="URL(https://t.example/f.svg#f)"/></svg>', "filter="),
])
def test_the_content_policy_refuses(html: str, needle: str) -> None:
    breaches = policy.check_html(html)
    assert breaches, html
    breach = breaches[0]
    found = breach.needle if isinstance(breach.needle, str) else breach.needle.search(html).group(0)
    assert needle.lower() in found.lower() and breach.fix


def test_a_breach_is_found_on_its_own_line_not_where_its_short_value_first_appears() -> None:
    source = "# Title\n\nSee x here.\n\nText.\n<img src=x alt=\"two\">\n"
    (breach,) = policy.check_html('<img src="https://t.example/x" alt="">')
    assert policy.locate("a https://t.example/x\n<img src='https://t.example/x'>", breach.needle) == 2
    broken = links.check(links.Link("src", "x"), page_url="review/", page_src="review.md",
                         urls={**URLS, "checker/a": "checker/a.md", "checker/b": "checker/b.md"}, anchors=ANCHORS)
    assert broken is not None and policy.locate(source, broken.needle) == 6
    assert "checker/" not in broken.fix and "`index.md`" in broken.fix, broken.fix  # the pages beside it


@pytest.mark.parametrize("html", [
    '<p><a href="../review/">Review</a> <a href="https://www.met.police.uk/">Met</a> '
    '<a href="mailto:a@b.uk">mail</a> <a href="tel:101">101</a> <a href="#top">top</a></p>',
    '<img src="../images/map.png" alt="Map"><details><summary>More</summary><p>x</p></details>',
    '<div class="admonition note" id="x" data-no-glossary><p>Text &amp; more</p></div>',
    '<p style="color: red; text-align: center">x</p><svg><rect fill="#c00" filter="none"/></svg>',
])
def test_the_content_policy_allows_ordinary_content(html: str) -> None:
    assert policy.check_html(html) == []


def test_titles_are_plain_text() -> None:
    assert policy.plain_text("title", "Police & crime: what \"review\" means") is None
    breach = policy.plain_text("title", "Hello <script>alert(1)</script>")
    assert breach is not None and breach.needle == "<script"
    assert policy.locate("a\nb\ntitle: <b>x\n", "<b", first_line=1) == 3


# -- links --------------------------------------------------------------------------------------

URLS = {"": "index.md", "review": "review.md", "updates": "updates.md", "images/map.png": "images/map.png"}
ANCHORS = {"review.md": {"how-to-ask"}, "updates.md": {"when-to-expect-an-update"}}


@pytest.mark.parametrize("url,broken,hint", [
    ("../updates/", False, None),
    ("../", False, None),
    ("../images/map.png", False, None),
    ("https://example.org/x", False, None),
    ("#how-to-ask", False, None),
    ("../updates/#when-to-expect-an-update", False, None),
    ("updatse.md", True, "updates.md"),
    ("../updates/#when-to-expect-an-updat", True, "when-to-expect-an-update"),
    ("#how-to-aks", True, "how-to-ask"),
    ("/updates/", True, "updates.md"),
])
def test_links_are_resolved_and_the_closest_target_named(url: str, broken: bool, hint: str | None) -> None:
    result = links.check(links.Link("href", url), page_url="review/", page_src="review.md",
                         urls=URLS, anchors=ANCHORS)
    assert (result is not None) == broken, result
    if hint:
        assert f"`{hint}`" in result.fix, result


# -- the error collector -----------------------------------------------------------------------

def test_the_collector_lists_every_problem_once_and_stops_once() -> None:
    collector = errors.Collector()
    collector.stop_if_any()  # nothing reported: goes on
    collector.report("content/a.md", 3, "first.", "fix one")
    collector.report("mkdocs.yml", None, "second", "fix two", known=["b", "a"])
    collector.report("content/a.md", 3, "first", "fix one")  # the same mistake seen twice
    with pytest.raises(errors.BuildStopped) as caught:
        collector.stop_if_any()
    assert str(caught.value).splitlines() == [
        "The build stopped: 2 problems to fix.",
        "- content/a.md:3: first", "  Fix: fix one",
        "- mkdocs.yml: second", "  Known names: a, b", "  Fix: fix two",
        errors.GUIDE,
    ]


def test_dates_as_shown() -> None:
    assert pages.long_date(date(2026, 11, 25)) == "25 November 2026"
    assert pages.long_date("2026-03-01") == "1 March 2026"
    assert pages.iso_date("2026-03-01") == "2026-03-01"
    assert pages.parse_date("2026-13-45") is None


def test_a_cut_off_source_address_is_refused_unless_marked_incomplete() -> None:
    from sitekit import data

    collector = errors.Collector()
    found = data._sources({
        "F1": {"summary": "A.", "tag": "verified", "urls": ["https://example.org/doc/guidance-on-the-"]},
        "F2": {"summary": "B.", "tag": "verified", "incomplete_urls": ["https://example.org/doc/guidance-on-the-"]},
    }, "content/_data/sources.yml", collector)
    assert [(e.file, "cut off" in e.problem, "incomplete_urls" in e.fix) for e in collector.items] == [
        ("content/_data/sources.yml (F1)", True, True)]
    assert found["F2"]["incomplete_urls"] == ["https://example.org/doc/guidance-on-the-"]
