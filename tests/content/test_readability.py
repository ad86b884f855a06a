"""Plain English: every guidance page and checker result is within the reading limits
(the same check as `make check-content`), and the check reads what a reader sees."""
from __future__ import annotations

from pathlib import Path

import pytest

import readability


def test_every_page_and_result_is_within_the_limits() -> None:
    reports = readability.check()
    checked = {r.file for r in reports}
    assert "content/review.md" in checked and "content/checker/index.md" in checked
    assert any(f.startswith("content/checker/outcomes/") for f in checked)
    breaches = [b for r in reports for b in r.breaches]
    assert not breaches, "\n".join(breaches)


def _page(tmp_path: Path, text: str, *, outcome: bool = False) -> readability.Report:
    folder = tmp_path / "outcomes" if outcome else tmp_path
    folder.mkdir(exist_ok=True)
    path = folder / "page.md"
    path.write_text(text, encoding="utf-8")
    return readability.measure(path, readability.rule_values(), root=tmp_path)


LONG = " ".join(["word"] * 26) + "."


def test_a_long_sentence_is_named_with_its_file_and_the_limit(tmp_path: Path) -> None:
    report = _page(tmp_path, f"---\nid: x\n---\n# Title\n\nShort one. {LONG}\n")
    assert report.longest == 26
    [breach] = [b for b in report.breaches if "sentence of" in b]
    assert breach.startswith("page.md: a sentence of 26 words")
    assert f"the limit is {readability.MAX_SENTENCE_WORDS}" in breach


def test_a_hard_page_breaks_the_grade(tmp_path: Path) -> None:
    hard = "Notwithstanding institutional considerations, administrative determinations necessitate " \
           "comprehensive documentation.\n"
    report = _page(tmp_path, hard)
    assert report.grade > readability.MAX_GRADE
    assert any("reading grade" in b for b in report.breaches)


def test_list_items_headings_and_blocks_end_sentences(tmp_path: Path) -> None:
    items = "\n".join(f"- item {i} has five words" for i in range(10))
    report = _page(tmp_path, f"## A heading of five words\n\nYou cannot if:\n\n{items}\n")
    assert report.longest == 5 and not report.breaches


def test_contact_blocks_tables_code_and_front_matter_are_not_read(tmp_path: Path) -> None:
    row = "| " + " | ".join(["cell"] * 30) + " |"
    text = (f"---\ntitle: {LONG}\n---\nShort.\n\n{{{{ contact(\"mopac\") }}}}\n\n"
            f"| a |\n|---|\n{row}\n\n```\n{LONG}\n```\n")
    report = _page(tmp_path, text)
    assert report.longest == 1 and not report.breaches


def test_web_addresses_are_not_read_as_words() -> None:
    body = "Go to <https://www.example.org/a/very/long/address/with/many/parts/in/it/to/read/out/loud>.\n"
    assert list(readability.sentences(readability.plain_text(body, {}))) == ["Go to ."]


def test_rule_values_are_read_as_their_value() -> None:
    body = "You have {{ rules.review_days }} days. Since {{ rules.regime_start }}. Call {{ contacts.x.phone }}.\n"
    found = list(readability.sentences(readability.plain_text(body, readability.rule_values())))
    assert found == ["You have 28 days.", "Since 1 February 2020.", "Call this."]


@pytest.mark.parametrize("words, breaks", [(19, False), (20, True)])
def test_a_result_summary_must_be_under_20_words(tmp_path: Path, words: int, breaks: bool) -> None:
    summary = " ".join(["go"] * words)
    report = _page(tmp_path, f"---\noutcome: x\nsummary: {summary}.\n---\nShort.\n", outcome=True)
    assert report.summary_words == words
    assert any("summary" in b for b in report.breaches) is breaks


#: Legal words a review found unexplained where pages use them (issue 15). Each has a glossary
#: entry, so the first use on every page links to its meaning (hooks/glossary_links.py).
HARD_TERMS = ("reasonable and proportionate", "vexatious", "disciplinary proceedings", "misconduct",
              "grievance", "impartially", "corporate complaints procedure", "Police and Crime Committee",
              "judicial review")


def test_hard_terms_are_explained_in_the_glossary() -> None:
    from triage import frontmatter

    glossary = frontmatter.parse((readability.CONTENT / "_data" / "glossary.yml").read_text(encoding="utf-8"))
    words = {w.casefold() for entry in glossary.values() for w in [entry["term"], *(entry.get("aliases") or [])]}
    missing = [term for term in HARD_TERMS if term.casefold() not in words]
    assert not missing, f"add these to content/_data/glossary.yml: {missing}"
