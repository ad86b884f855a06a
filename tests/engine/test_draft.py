"""Draft messages: every outcome where the person writes has one, its placeholders are known and
filled (dates in words, visible blanks), the command line prints it, and an editor's mistake in a
draft names the file, the line and the fix."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from triage import WordingError, evaluate, load_flow, load_wording
from triage.cli_text import render
from triage.draft import FIELDS, PLACEHOLDER, placeholders
from triage.view import draft_view, filled_draft

from .test_wording import _edit

REVIEW = {"about": "met", "met_stage": "outcome", "recorded": "yes", "handled_by": "met",
          "review_body": "mopac", "letter_date": "2026-11-20"}
TODAY = date(2026, 12, 2)


def test_every_outcome_that_writes_has_one_draft_with_known_placeholders() -> None:
    flow, wording = load_flow(), load_wording()
    kinds = placeholders(flow)
    assert flow.writes and set(flow.writes) <= set(flow.outcomes)
    owners = [o for d in wording.drafts.values() for o in d.outcomes]
    assert len(owners) == len(set(owners)) and set(flow.writes) <= set(owners) <= set(flow.outcomes)
    for outcome in flow.writes:
        view = draft_view(wording, outcome)
        assert view is not None and view["text"] and view["subject"]
        names = PLACEHOLDER.findall(view["subject"] + view["text"])
        assert names and set(names) <= set(kinds), outcome
        assert [p["name"] for p in view["placeholders"]] == list(dict.fromkeys(names))
        assert all(p["blank"] and p["source"] == kinds[p["name"]] for p in view["placeholders"])
        if view["to"]:
            email = wording.contacts[view["to"]["id"]].get("email") or ""
            assert view["to"]["email"] == email  # "open in your email app" only with a known address
        filled = filled_draft(view)  # the page without JavaScript: every placeholder a blank
        assert not PLACEHOLDER.search(filled["text"]) and "None" not in filled["text"]
        assert all(p["blank"] in filled["text"] + filled["subject"] for p in view["placeholders"])
    assert draft_view(wording, "emergency") is None


def test_a_draft_is_filled_with_fields_and_dates_in_words() -> None:
    step = evaluate(REVIEW, TODAY)
    view = draft_view(load_wording(), step.outcome)
    typed = {"reference": "  MPS-123 ", "name": "{reference}", "what_happened": "Line 1\nLine 2"}
    filled = filled_draft(view, answers=step.answers, dates=step.dates, fields=typed)["text"]
    assert "MPS-123" in filled and "Friday 20 November 2026" in filled  # the letter's date, weekday
    assert "{reference}" in filled  # typed text is never filled again
    assert "Line 1\nLine 2" in filled
    blank = filled_draft(view, answers={**step.answers, "letter_date": "unknown"})["text"]
    letter = next(p["blank"] for p in view["placeholders"] if p["name"] == "letter_date")
    assert letter in blank and "unknown" not in blank


def test_a_deadline_in_a_draft_has_its_weekday() -> None:
    step = evaluate({"about": "met", "met_stage": "waiting", "recorded": "yes",
                     "last_update_date": "2026-11-20"}, TODAY)
    filled = filled_draft(draft_view(load_wording(), step.outcome), answers=step.answers, dates=step.dates)
    assert "Friday 18 December 2026" in filled["text"]  # update_due: 20 November + 28 days


def test_the_command_line_prints_the_draft() -> None:
    wording = load_wording()
    step = evaluate(REVIEW, TODAY)
    out = render(step, wording)
    view = draft_view(wording, step.outcome)
    assert wording.interface["checker"]["draft_heading"] in out and view["subject"] in out
    assert "Friday 20 November 2026" in out
    assert next(p["blank"] for p in view["placeholders"] if p["name"] == "name") in out
    assert not re.search(r"\{[a-z_]+\}", out)
    assert set(FIELDS.values()) == {"draft-name", "draft-reference", "draft-what-happened",
                                    "draft-what-you-want"}  # the HTML contract's input names


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("case", ["unknown_placeholder", "date_never_known", "missing_draft",
                                  "unknown_outcome", "unknown_contact", "uncited_fact", "html"])
def test_a_broken_draft_names_the_file_the_line_and_the_fix(content_copy: Path, case: str) -> None:
    drafts = content_copy / "checker" / "drafts"
    path = drafts / "review_by_mopac.md"
    marker = {"unknown_placeholder": "{refrence}", "date_never_known": "{incident_date}",
              "html": "<b>"}.get(case)
    if marker:
        _edit(path, "I have attached the outcome letter.", f"I have attached {marker} the letter.")
    elif case == "missing_draft":
        path.unlink()
    elif case == "unknown_outcome":
        _edit(path, "outcomes: [review_by_mopac]", "outcomes: [review_by_mopac, review_by_mopak]")
    elif case == "unknown_contact":
        _edit(path, "to: mopac_reviews", "to: mopac_review")
    elif case == "uncited_fact":
        _edit(path, "sources: [F59, F61]", "sources: [F59, F61, F93]")
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    (problem,) = info.value.problems
    named = "checker/drafts/review_by_mopac.md"
    assert named in problem, problem
    if marker:
        assert f"review_by_mopac.md:{_line_of(path, marker)}: " in problem, problem
    key = {"unknown_outcome": "outcomes:", "unknown_contact": "to:", "uncited_fact": "sources:"}.get(case)
    if key:
        assert f"review_by_mopac.md:{_line_of(path, key)}: " in problem, problem
    words = {"unknown_placeholder": "{refrence}", "date_never_known": "never known",
             "missing_draft": "writes", "unknown_outcome": "review_by_mopak",
             "unknown_contact": "contacts.yml", "uncited_fact": "F93", "html": "plain text"}[case]
    assert words in problem, problem


#: Issue 13's outcomes where the person has to write: a complaint to the Met, to MOPAC about the
#: Commissioner, to the Monitoring Officer; a request for a review; asking for a complaint to be
#: recorded; chasing an overdue update; the MOPAC stages; an accessible format; permission to
#: complain for someone.
ISSUE_13_WRITES = {"complain_to_met", "complain_to_mopac_about_commissioner", "complain_to_monitoring_officer",
                   "review_by_mopac", "review_by_iopc", "commissioner_review_by_iopc", "ask_to_record",
                   "waiting_for_outcome", "commissioner_waiting", "mopac_stage_1", "mopac_stage_2",
                   "mopac_stage_3", "accessible_format", "need_written_permission"}


def test_every_outcome_issue_13_lists_is_one_where_the_person_writes() -> None:
    """The flow's `writes` (each needs a draft: the test above) holds every outcome the issue lists."""
    assert ISSUE_13_WRITES <= set(load_flow().writes)


LETTER = "I have attached the outcome letter."
#: A mistake in review_by_mopac.md: (text replaced, its replacement, the line's text after the
#: edit or None for line 1 (a key missing), words the one problem must have).
FRONT_MATTER_MISTAKES = {
    "double_braces": (LETTER, "I have attached {{name}} the letter.", "{{name}}", "rule placeholder"),
    "unknown_rule": (LETTER, "Within {{ rules.nope }} days.", "rules.nope", "not a known rule"),
    "no_draft_key": ("draft: review_by_mopac\n", "", None, "`draft:` is missing"),
    "blanks_a_list": ("blanks:\n  what_happened", "blanks: [a, b]\nx_what_happened", "blanks:", "`blanks`"),
    "impossible_date": ("last_reviewed: 2026-12-02", "last_reviewed: 2026-02-30", "last_reviewed:", "real date"),
    "future_date": ("last_reviewed: 2026-12-02", "last_reviewed: 2099-01-01", "last_reviewed:", "still to come"),
    "subject_markup": ("subject: A request", "subject: <b>A</b> request", "subject:", "plain text"),
    "subject_line_break": ("subject: A request", 'subject: "A\\r\\nBcc: x@example.org"\nx: A request',
                           "subject:", "line break"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER_MISTAKES))
def test_a_front_matter_mistake_in_a_draft_names_its_line(content_copy: Path, case: str) -> None:
    old, new, at, words = FRONT_MATTER_MISTAKES[case]
    path = content_copy / "checker" / "drafts" / "review_by_mopac.md"
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    text = re.sub(r"^x_?\w*:.*\n(  .*\n)*", "", text, flags=re.M)  # what the edit cut loose
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    problems = info.value.problems
    assert len(problems) == 1, problems
    line = 1 if at is None else _line_of(path, at)
    assert f"checker/drafts/review_by_mopac.md:{line}: " in problems[0], problems
    assert words in problems[0] and "None" not in problems[0], problems


@pytest.mark.parametrize("broken", [("  what_happened", "\twhat_happened"), ("to: mopac", "to: a\nto: mopac"),
                                    ("---\nDear", "Dear")])
def test_a_broken_front_matter_is_one_problem_not_also_a_missing_draft(content_copy: Path,
                                                                       broken: tuple[str, str]) -> None:
    path = content_copy / "checker" / "drafts" / "review_by_mopac.md"
    path.write_text(path.read_text(encoding="utf-8").replace(*broken, 1), encoding="utf-8")
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    assert len(info.value.problems) == 1 and "is missing" not in info.value.problems[0], info.value.problems
    assert re.search(r"checker/drafts/review_by_mopac\.md:\d+: ", info.value.problems[0])
