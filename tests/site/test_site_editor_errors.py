"""Editors' mistakes, and attacks through editors' files, stop the build, naming the file (and
line) and the fix.

Each case copies the project, makes one mistake an editor could make (or an attacker could try),
and builds it with `mkdocs build --strict` (or the flags the case names: `--strict -q` must
stop too). The builds run in parallel: each takes about a second.
"""
from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild import build, copy_project
from sitehtml import parse_file

import triage.rules


def append(rel: str, text: str) -> Callable[[Path], int]:
    """Append `text` to content/<rel>; returns the file line the text starts on."""
    def edit(root: Path) -> int:
        path = root / "content" / rel
        old = path.read_text(encoding="utf-8")
        if not old.endswith("\n"):
            old += "\n"
        path.write_text(old + "\n" + text, encoding="utf-8")
        return old.count("\n") + 2
    return edit


def replace_front(rel: str, pattern: str, repl: str, *, root_file: bool = False) -> Callable[[Path], int]:
    """Replace the first match of `pattern` in content/<rel> (or <rel>, with `root_file`);
    returns the file line of the match."""
    def edit(root: Path) -> int:
        path = root / rel if root_file else root / "content" / rel
        old = path.read_text(encoding="utf-8")
        match = re.search(pattern, old, flags=re.M)
        assert match, f"{pattern!r} not found in {rel}"
        path.write_text(old[:match.start()] + match.expand(repl) + old[match.end():], encoding="utf-8")
        return old.count("\n", 0, match.start()) + 1
    return edit


def replace_line(rel: str, pattern: str, repl: str) -> Callable[[Path], int]:
    """Replace the first match of `pattern` in content/<rel>; returns the line it is on."""
    def edit(root: Path) -> int:
        path = root / "content" / rel
        old = path.read_text(encoding="utf-8")
        match = re.search(pattern, old, flags=re.M)
        assert match, f"{pattern!r} not found in {rel}"
        path.write_text(old[:match.start()] + match.expand(repl) + old[match.end():], encoding="utf-8")
        return old.count("\n", 0, match.start()) + 1
    return edit


def new_page(rel: str, front: str) -> Callable[[Path], int]:
    def edit(root: Path) -> int:
        (root / "content" / rel).write_text(f"---\n{front}---\n\n# A new page\n\nText.\n", encoding="utf-8")
        return 0
    return edit


VALID_FRONT = ("id: a_new_page\ntitle: A new page\ndescription: A page.\nlast_reviewed: 2026-11-25\n"
               "sources: [F01]\n")


@dataclass(frozen=True)
class Case:
    edit: Callable[[Path], int]
    expect: tuple[str, ...]      # each must appear in the build's output
    line: bool = False           # the output names <file>:<line>
    file: str = "content/review.md"
    flags: tuple[str, ...] = ("--strict",)


ATTACK = '{{ rules.__class__.__init__.__globals__.__builtins__.__import__("os").popen("id -un").read() }}'
OUTCOME = "checker/outcomes/complain_to_met.md"
QUIET = ("--strict", "-q")


CASES = {
    "unknown_rule": Case(append("review.md", "You have {{ rules.nope }} days.\n"),
                         ("rules.nope", "review_days", "Fix:"), line=True),
    "unknown_contact": Case(append("review.md", '{{ contact("nobody") }}\n'),
                            ("'nobody'", "mopac_reviews", "Fix:"), line=True),
    "unknown_contact_field": Case(append("review.md", "Call {{ contacts.met.fax }}.\n"),
                                  ("fax", "phone_note", "Fix:"), line=True),
    "contact_field_not_known": Case(append("review.md", "Write to {{ contacts.met.email }}.\n"),
                                    ("met", "email", "contact(\"met\")"), line=True),
    "unknown_name": Case(append("review.md", "{{ rule.review_days }}\n"),
                         ("'rule' is undefined", "contact, contacts, rules"), line=True),
    "template_syntax": Case(append("review.md", "Text {{ rules.review_days \n"),
                            ("{% raw %}",), line=True),
    "contact_inside_sentence": Case(append("review.md", 'Contact {{ contact("met") }} today.\n'),
                                    ("line of its own",), line=True),
    "missing_front_matter_field": Case(replace_front("review.md", r"^last_reviewed:.*\n", ""),
                                       ("content/review.md", "last_reviewed", "Fix:")),
    "invalid_last_reviewed": Case(replace_front("review.md", r"^last_reviewed:.*$", "last_reviewed: 2026-13-45"),
                                  ("content/review.md", "last_reviewed", "YYYY-MM-DD")),
    "bad_page_id": Case(replace_front("review.md", r"^id:.*$", "id: Review Page"),
                        ("content/review.md", "snake_case")),
    "duplicate_id": Case(replace_front("updates.md", r"^id:.*$", "id: review"),
                         ("content/updates.md", "content/review.md", "'review'")),
    "unknown_fact": Case(replace_front("review.md", r"^sources: \[", "sources: [F999, "),
                         ("content/review.md", "F999", "sources.yml")),
    "no_front_matter": Case(lambda root: (root / "content/privacy.md").write_text("# Privacy\n\nText.\n") and 1,
                            ("front matter", "id: privacy"), line=True, file="content/privacy.md"),
    "no_closing_dashes": Case(lambda root: replace_front("privacy.md", r"^---\n\n", "\n")(root) and 1,
                              ("no closing `---`", "id: privacy"), line=True, file="content/privacy.md"),
    "broken_link": Case(append("review.md", "Read [this](updatse.md).\n"),
                        ("updatse.md", "`updates.md`?"), line=True),
    "broken_link_quiet": Case(append("review.md", "Read [this](updatse.md).\n"),
                              ("updatse.md", "`updates.md`?"), line=True, flags=QUIET),
    "broken_anchor": Case(append("review.md", "Read [this](updates.md#what-to-do-nxt).\n"),
                          ("what-to-do-nxt", "`what-to-do-next`?"), line=True),
    "broken_anchor_quiet": Case(append("review.md", "Read [this](#your-dedline).\n"),
                                ("#your-dedline", "`your-deadline`?"), line=True, flags=QUIET),
    "absolute_link": Case(append("review.md", "Read [this](/updates/).\n"),
                          ("/updates/", "updates.md"), line=True),
    "nav_entry_missing": Case(replace_front("mkdocs.yml", r"- updates\.md", "- updatse.md", root_file=True),
                              ("updatse.md", "`updates.md`?"), line=True, file="mkdocs.yml", flags=QUIET),
    # Mistakes of several kinds, found by several hooks, are listed together in one stop.
    "several_at_once": Case(lambda root: (append("updates.md", "[x](updatse.md)\n")(root),
                                          append("privacy.md", "<iframe src=x.html></iframe>\n")(root),
                                          append("review.md", "{{ rules.nope }}\n")(root))[-1],
                            ("The build stopped: 3 problems to fix.", "content/updates.md:",
                             "content/privacy.md:", "<iframe>", "rules.nope"), line=True),
    # Attacks: code at build time, code in the browser, requests to other origins.
    "sandbox_attack": Case(append("review.md", ATTACK + "\n"),
                           ("sandbox refused", "contact, contacts, rules"), line=True),
    "sandbox_jinja_global": Case(append("review.md", "{{ range(10) }}\n"),
                                 ("'range' is undefined",), line=True),
    "script_in_page": Case(append("review.md", "<script>alert(1)</script>\n"),
                           ("<script>", "Fix:"), line=True),
    "script_in_title": Case(replace_front("review.md", r"^title: (.*)$", r"title: \1 <script>alert(1)</script>"),
                            ("`title` holds HTML",), line=True),
    "quote_in_description": Case(replace_front("review.md", r"^description: (.*)$",
                                               r'description: \1 "><script>alert(1)</script>'),
                                 ("`description` holds HTML",), line=True),
    "event_handler": Case(append("review.md", '<p onmouseover="alert(1)">Hover</p>\n'),
                          ("onmouseover",), line=True),
    "attr_list_handler": Case(append("review.md", '## Hover me {: onclick="alert(1)" }\n'),
                              ("onclick",), line=True),
    "javascript_link": Case(append("review.md", "[Click](javascript:alert(1))\n"),
                            ("javascript:",), line=True),
    "meta_refresh": Case(append("review.md", '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n'),
                         ("<meta>",), line=True),
    "external_image": Case(append("review.md", "![A map](https://tracker.example/map.png)\n"),
                           ("another website",), line=True),
    "form": Case(append("review.md", '<form action="https://evil.example/"><button>Go</button></form>\n'),
                 ("<form>",), line=True),
    "iframe": Case(append("review.md", '<iframe src="https://www.youtube.com/embed/x" title="v"></iframe>\n'),
                   ("<iframe>",), line=True),
    "script_in_checker_wording": Case(append(OUTCOME, "<script>alert(1)</script>\n"),
                                      ("<script>",), line=True, file=f"content/{OUTCOME}"),
    "markup_in_checker_title": Case(replace_front(OUTCOME, r"^title: (.*)$", r"title: \1 <img src=x onerror=alert(1)>"),
                                    ("`title` holds HTML",), line=True, file=f"content/{OUTCOME}"),
    "page_not_in_nav": Case(new_page("a-new-page.md", VALID_FRONT),
                            ("content/a-new-page.md", "nav")),
    # The checker's wording is compiled and checked by the build too (triage/wording_compiler.py).
    "checker_yaml_mistake": Case(replace_line("checker/questions/serious.md", r"^title: ", "title: &anchor "),
                                 ("anchor", "double quotes"), line=True, file="checker/questions/serious.md"),
    "draft_unknown_placeholder": Case(
        replace_line("checker/drafts/review_by_mopac.md", r"^- My Met reference number: \{reference\}",
                     "- My Met reference number: {refernce}"),
        ("content/checker/drafts/review_by_mopac.md", "{refernce}", "{reference}"), line=True,
        file="checker/drafts/review_by_mopac.md"),
    "checker_interface_placeholder": Case(
        replace_line("checker/interface.md", r'^  days_left_other: "\{n\}', '  days_left_other: "{count}'),
        ("{count}", "{n}", "days_left_other"), line=True, file="checker/interface.md"),
    # The checker's wording is Markdown only: it reaches the app as a node tree, never as HTML.
    "checker_raw_html": Case(append("checker/outcomes/review_by_mopac.md", '<div onclick="x()">Hi</div>\n'),
                             ("content/checker/outcomes/review_by_mopac.md", "raw HTML", "Fix:"),
                             line=True, file="content/checker/outcomes/review_by_mopac.md"),
    "checker_script_link": Case(append("checker/outcomes/review_by_mopac.md", "Read [this](javascript:alert(1)).\n"),
                                ("content/checker/outcomes/review_by_mopac.md", "javascript:", "Fix:"),
                                line=True, file="content/checker/outcomes/review_by_mopac.md"),
    "checker_broken_link": Case(append("checker/questions/about.md", "Read [this](../../no-such-page.md).\n"),
                                ("content/checker/questions/about.md", "no-such-page.md", "Fix:"),
                                line=True, file="content/checker/questions/about.md"),
    # Mistakes in two of the checker's wording files are listed together in one stop.
    "checker_wording_two_files": Case(
        lambda root: (append("checker/outcomes/review_by_mopac.md", '<div onclick="x()">Hi</div>\n')(root),
                      append("checker/questions/about.md", "Read [this](../../no-such-page.md).\n")(root))[-1],
        ("The build stopped: 2 problems to fix.", "raw HTML", "`<div onclick", "../../no-such-page.md",
         "content/checker/outcomes/review_by_mopac.md:", "content/checker/questions/about.md:"), line=True,
        file="content/checker/questions/about.md"),
    "page_replaces_generated": Case(new_page("glossary.md", VALID_FRONT.replace("a_new_page", "glossary2")),
                                    ("content/glossary.md", "generated")),
    # The generated pages' words (content/_data/generated_pages.yml): a misspelt field or page.
    "generated_page_unknown_field": Case(
        replace_front("_data/generated_pages.yml", r"^  description: What the words", "  descripton: What the words"),
        ("content/_data/generated_pages.yml (glossary)", "descripton", "`description` is missing", "Fix:")),
    "generated_page_missing": Case(
        replace_front("_data/generated_pages.yml", r"^sources:$", "sourcse:"),
        ("content/_data/generated_pages.yml (sourcse)", "content/_data/generated_pages.yml (sources)",
         "glossary, sources, where_to_complain", "Fix:")),
    # The date lookup's words (generated_pages.yml, date_lookup_*): a misspelt rule value.
    "date_lookup_unknown_rule": Case(
        replace_front("_data/generated_pages.yml", r"\{\{ rules\.review_days \}\} days to ask", "{{ rules.review_dayz }} days to ask"),
        ("content/_data/generated_pages.yml (date_lookup_letter_date)", "review_dayz", "Fix:")),
    # Mistakes in the other data files (content/_data/): each is reported, not a crash.
    "source_bad_tag": Case(replace_line("_data/sources.yml", r"^  tag: seed$", "  tag: guessed"),
                           ("content/_data/sources.yml", "`tag` is 'guessed'", "Fix:")),
    "contact_misspelt_field": Case(replace_line("_data/contacts.yml", r"^  name: ", "  nmae: "),
                                   ("content/_data/contacts.yml", "`name`", "Fix:")),
    # Two links of one contact to different pages that would read the same (issue 13).
    "contact_links_read_the_same": Case(
        replace_line("_data/contacts.yml", r"^  email_page_text: MOPAC's review application page$",
                     "  email_page_text: MOPAC's police complaint reviews page"),
        ("content/_data/contacts.yml (mopac_reviews)", "`email_page` and `page`", "email_page_text", "Fix:")),
    "glossary_misspelt_field": Case(replace_line("_data/glossary.yml", r"^  term: ", "  trem: "),
                                    ("content/_data/glossary.yml", "trem", "`term` is missing", "Fix:")),
    "generated_pages_file_missing": Case(
        lambda root: (root / "content/_data/generated_pages.yml").unlink() or 0,
        ("content/_data/generated_pages.yml", "missing", "git checkout")),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], int]]:
    folders = {name: tmp_path_factory.mktemp(name) for name in CASES}  # mktemp is not thread-safe

    def run(name: str) -> tuple[subprocess.CompletedProcess[str], int]:
        root = copy_project(folders[name] / "project")
        line = CASES[name].edit(root)
        return build(root, flags=CASES[name].flags), line

    with ThreadPoolExecutor(max_workers=6) as pool:
        return dict(zip(CASES, pool.map(run, CASES)))


@pytest.mark.parametrize("name", list(CASES))
def test_mistake_stops_the_build_naming_file_and_fix(name: str, results) -> None:
    case = CASES[name]
    result, line = results[name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite: {name}\n{output[-2000:]}"
    for text in case.expect:
        assert text in output, f"{name}: {text!r} not in the build's output:\n{output[-3000:]}"
    if case.line:
        assert f"{case.file}:{line}:" in output, f"{name}: no file:line {line}\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]


def test_rule_values_contacts_and_raw_text_render(tmp_path: Path) -> None:
    """A page using every kind of template code builds, shows the values from triage.rules and
    contacts.yml where the page put them, and keeps {% raw %} text as it is."""
    root = copy_project(tmp_path / "project")
    rules = triage.rules.RULES
    lines = [f'<span data-rule="{name}">{{{{ rules.{name} }}}}</span>' for name in rules]
    lines += ['<span data-contact-field="met.name">{{ contacts.met.name }}</span>',
              "{% raw %}<code data-raw>{{ not a template }}</code>{% endraw %}",
              "", '{{ contact("mopac") }}', ""]
    append("review.md", "\n".join(lines) + "\n")(root)
    # Quotes and & in a title and description are text, wherever templates print them.
    title, description = 'Reviews & "appeals"', 'What "review" means & who does it.'
    replace_front("review.md", r"^title: .*$", f"title: '{title.replace(chr(39), chr(39) * 2)}'")(root)
    replace_front("review.md", r"^description: .*$", f"description: '{description}'")(root)
    result = build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    page = parse_file(tmp_path / "site" / "review" / "index.html")
    assert page.find("title").text.startswith(title + " - ")
    metas = page.find_all("meta", lambda e: e.attrs.get("name") == "description")
    assert [m.attrs.get("content") for m in metas] == [description]
    header = page.find("div", lambda e: "md-header__title" in e.attrs.get("class", ""))
    assert title in " ".join(header.text.split())
    article = page
    for name, value in rules.items():
        span = article.find("span", lambda e, n=name: e.attrs.get("data-rule") == n)
        assert span is not None and span.text == str(value), name
    field = article.find("span", lambda e: e.attrs.get("data-contact-field") == "met.name")
    assert field is not None and field.text == triage.load_wording(root / "content").contacts["met"]["name"]
    raw = article.find("code", lambda e: "data-raw" in e.attrs)
    assert raw is not None and raw.text == "{{ not a template }}"
    assert article.find("div", lambda e: e.attrs.get("data-contact") == "mopac") is not None

    summary = re.search(r"hooks: rendered (\d+) rule values, (\d+) contacts.*", output)
    assert summary, output[-2000:]
    print("\n" + summary.group(0))
    assert int(summary.group(1)) >= len(rules) and int(summary.group(2)) >= 3


def test_files_a_browser_can_run_under_content_stop_the_build(tmp_path: Path) -> None:
    """Anything under content/ that is not a page, a data file or an image is copied into the
    site as it is: an SVG or HTML file with a script would run on the site's origin."""
    root = copy_project(tmp_path / "project")
    (root / "content" / "images").mkdir()
    bad = {"images/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
           "x.htm": "<script>alert(1)</script>", "x.XHTML": "<p/>", "feed.xml": "<x/>", "a.js": "alert(1)"}
    for rel, text in bad.items():
        (root / "content" / rel).write_text(text, encoding="utf-8")
    (root / "content" / "images" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # allowed
    result = build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert f"The build stopped: {len(bad)} problems to fix." in output, output[-3000:]
    for rel in bad:
        assert f"- content/{rel}: a `" in output, f"{rel} not reported:\n{output[-3000:]}"
    assert "map.png" not in output and "Fix: delete the file" in output
    assert "Traceback" not in output
