"""The hooks' helpers (hooks/sitekit/) on small inputs: fast, and precise about edge cases."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from sitekit import csp, glossary, pages, templating  # noqa: E402
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
    with pytest.raises(PluginError) as caught:
        render(text, first_line=10)
    message = str(caught.value)
    assert message.startswith(f"content/x.md:{line}:"), message
    for word in words:
        assert word in message, message


# -- CSP and dates ----------------------------------------------------------------------------------

def test_policy_hashes_only_scripts_the_browser_runs() -> None:
    html = ('<script>a()</script><script src="x.js"></script>'
            '<script type="application/json">{"a": 1}</script><script type="module">b()</script>')
    policy = csp.policy(html, checker=False, serving=False)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src")).split()[1:]
    assert script_src == ["'self'", csp.script_hash("a()"), csp.script_hash("b()")]
    assert "worker-src" not in policy and "wasm" not in policy


def test_policy_for_checker_pages_and_live_preview() -> None:
    checker = csp.policy("<script>a()</script>", checker=True, serving=False)
    assert "'wasm-unsafe-eval'" in checker and "worker-src 'self'" in checker
    serving = csp.policy("<script>a()</script>", checker=False, serving=True)
    assert "script-src 'self' 'unsafe-inline';" in serving and "sha256" not in serving


def test_dates_as_shown() -> None:
    assert pages.long_date(date(2026, 11, 25)) == "25 November 2026"
    assert pages.long_date("2026-03-01") == "1 March 2026"
    assert pages.iso_date("2026-03-01") == "2026-03-01"
    assert pages.parse_date("2026-13-45") is None
