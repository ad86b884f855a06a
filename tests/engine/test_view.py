"""The view model (triage/view.py): the one shape every surface draws, pinned (triage/README.md)."""
from __future__ import annotations

import json
from datetime import date

import pytest

import triage
from triage import view

TODAY = date(2026, 3, 20)


@pytest.fixture(scope="module")
def data():
    return view.checker_data(triage.load_wording(), TODAY, ui={"back": "Back"})


def test_the_shape_is_pinned(data) -> None:
    """Shape 3: change it only with SHAPE, the app's SHAPE and triage/README.md."""
    assert view.SHAPE == 3 and data["shape"] == 3
    assert list(data) == ["shape", "start", "ui", "questions", "outcomes", "sources", "flags", "dates",
                          "flag_rules", "states"]
    json.dumps(data)  # plain JSON types only
    question = next(q for q in data["questions"].values() if q["kind"] == "choice")
    assert set(question) == {"id", "kind", "title", "hint", "body", "options", "errors", "last_reviewed"}
    assert set(question["options"][0]) == {"value", "label", "hint"}
    date_question = data["questions"]["letter_date"]
    assert set(date_question) == set(question) | {"unknown_label", "fields"}
    assert [f["part"] for f in date_question["fields"]] == ["day", "month", "year"]
    outcome = data["outcomes"]["review_by_mopac"]
    assert set(outcome) == {"id", "title", "summary", "body", "contacts", "sources", "last_reviewed",
                            "last_reviewed_text", "draft"}
    assert set(outcome["draft"]) == {"id", "to", "subject", "text", "file_name", "placeholders"}
    assert set(outcome["draft"]["to"]) == {"id", "name", "email"}
    assert set(outcome["draft"]["placeholders"][0]) == {"name", "source", "field", "multiline", "blank"}
    assert data["outcomes"]["emergency"]["draft"] is None
    assert set(outcome["contacts"][0]) == {"id", "name", "items", "post_label", "post", "post_note"}
    assert set(outcome["contacts"][0]["items"][0]) == {"field", "label", "before", "text", "href", "note"}
    assert all(isinstance(fact, str) and fact in data["sources"] for fact in outcome["sources"])
    assert set(data["sources"][outcome["sources"][0]]) == {"id", "summary", "url", "href"}
    states = data["states"]
    assert set(states["checker/start/"]) == {"kind", "back", "answers", "skipped", "question", "node", "options"}
    an_outcome = next(s for s in states.values() if s["kind"] == "outcome")
    assert set(an_outcome) == {"kind", "back", "answers", "skipped", "outcome", "flags", "date_rules",
                               "flag_rules"}
    assert set(an_outcome["answers"][0]) == {"question", "value", "href"}


def test_every_state_and_its_links_come_from_the_engine(data) -> None:
    states = triage.static_states()
    assert list(data["states"]) == [view.site_path(s.url_path) for s in states]
    assert data["start"] == view.site_path(triage.START_URL)
    for state in states:
        entry = data["states"][view.site_path(state.url_path)]
        assert entry["back"] == view.site_path(state.parent_url_path or triage.URL_PREFIX)
        assert [(a["question"], a["value"]) for a in entry["answers"]] == list(state.path)
        for i, answer in enumerate(entry["answers"]):
            assert answer["href"] == view.site_path(triage.url_for(state.path[:i]))
        if state.question is not None:
            assert [o["value"] for o in entry["options"]] == list(triage.load_flow().questions[state.question].values)
            assert all(o["href"] == view.site_path(state.child_url_path(o["value"])) for o in entry["options"])
        else:
            step = triage.evaluate({**state.answers, **{q: triage.UNKNOWN for q in state.skipped_dates}}, TODAY)
            assert entry["flags"] == list(step.flags)
            assert (tuple(entry["date_rules"]), tuple(entry["flag_rules"])) == triage.rules_for_unknown_dates(step.answers)


def test_every_error_message_the_app_may_need_is_in_the_view(data) -> None:
    wording = triage.load_wording()
    for qid, question in data["questions"].items():
        assert "invalid" in question["errors"] and "required" in question["errors"]
        for code, message in question["errors"].items():
            assert message == wording.message(qid, code)


def test_page_view_joins_a_state_with_its_question_or_outcome(data) -> None:
    page = view.page_view(data, "checker/met/")
    assert page["q"]["id"] == page["question"] and page["ui"] == {"back": "Back"}
    assert [o["label"] for o in page["options"]] == [o["label"] for o in page["q"]["options"]]
    assert page["answers"][0]["label"] == data["questions"]["about"]["options"][0]["label"]
    outcome_key = next(k for k, s in data["states"].items() if s["kind"] == "outcome" and s["date_rules"])
    page = view.page_view(data, outcome_key)
    assert page["o"]["sources"][0]["href"].startswith("sources/#")
    assert [d["name"] for d in page["dates"]] == data["states"][outcome_key]["date_rules"]


UI = triage.checker_ui()


def test_contact_view_shows_only_what_contacts_yml_gives() -> None:
    shown = view.contact_view("x", {"name": "N", "short_name": "S", "email_page": "https://a.example/p",
                                    "phone": "0300 123", "post": ["1 Road", "Town"]}, UI)
    assert [i["field"] for i in shown["items"]] == ["phone", "email_page"]
    assert shown["items"][0]["href"] == "tel:0300123"
    assert shown["items"][1]["text"] == "S page on a.example" and shown["items"][1]["before"]
    assert shown["post"] == ["1 Road", "Town"]
    assert view.contact_view("y", {"name": "N"}, UI)["items"] == []


def test_each_link_of_a_contact_says_where_it_goes() -> None:
    """`<field>_text` gives a link's words (two pages of one site must not read the same); a web
    form is its own item; `post_note` says what is not confirmed about the address."""
    shown = view.contact_view("x", {"name": "N", "short_name": "S", "page": "https://a.example/p",
                                    "page_text": "S's reviews page", "form": "https://f.example/",
                                    "email_page": "https://a.example/q", "email_page_text": "S's form page",
                                    "post": ["1 Road"], "post_note": "Not confirmed."}, UI)
    assert [(i["field"], i["text"]) for i in shown["items"]] == [
        ("page", "S's reviews page"), ("form", "S page on f.example"), ("email_page", "S's form page")]
    assert shown["post_note"] == "Not confirmed."
    assert view.contact_view("y", {"name": "N"}, UI)["post_note"] == ""


def test_a_contacts_labels_are_the_interface_words() -> None:
    """Every label, and the words of a link to a page, come from interface.md's `checker:` (one
    home for a word): none is written in the code."""
    fields = ("website", "page", "form", "phone", "email", "email_page", "post")
    ui = {**UI, **{f"contact_{f}": f"<{f}>" for f in fields},
          "contact_email_page_before": "<before>", "contact_owner_page": "<{host} of {owner}>"}
    entry = {"name": "N", "short_name": "S", "website": "https://w.example/", "page": "https://a.example/p",
             "form": "https://f.example/", "phone": "0300 123", "email": "e@x.example", "post": ["1 Road"]}
    shown = view.contact_view("x", entry, ui)
    assert [(i["field"], i["label"]) for i in shown["items"]] == [(f, f"<{f}>") for f in fields[:5]]
    assert shown["items"][1]["text"] == "<a.example of S>" and shown["post_label"] == "<post>"
    paged = view.contact_view("y", {"name": "N", "email_page": "https://a.example/q"}, ui)["items"][0]
    assert (paged["label"], paged["before"], paged["text"]) == ("<email_page>", "<before> ", "<a.example of N>")


def test_long_dates_are_one_function() -> None:
    assert triage.long_date(date(2026, 12, 18)) == "18 December 2026"
    assert triage.long_date(date(2026, 12, 18), weekday=True) == "Friday 18 December 2026"


def test_the_data_files_dates_are_in_the_engines_order(data) -> None:
    """The app orders the dates it finds in the date table by checker-data.json's `dates` (before
    the engine is ready): that must be the engine's order, or the dates swap once it is."""
    for route in triage.all_paths():
        answers = {q: "2026-03-02" if value is None else value for _, q, value in route.steps}
        step = triage.evaluate(answers, TODAY)
        if isinstance(step, triage.Outcome) and step.dates:
            assert list(step.dates) == [name for name in data["dates"] if name in step.dates], route
