"""The checker's view model: what each state of the checker shows, as plain JSON data.

One pure function per piece, no HTML and no MkDocs, so that every surface draws the same data:
the site's templates (site_templates/checker/*) for the pages without JavaScript, the app in the
browser (through checker/checker-data.json, which is `checker_data()` serialised) and the
command line (triage/cli_text.py). The shape is versioned (`SHAPE`) and documented in
triage/README.md, "The view model".

Everything here is driven by the flow (triage/flow.toml) and the wording: no list of ids.
Addresses are relative to the site's root ("checker/met/", "sources/#F52"), never absolute, so the
site can be served from any folder; the templates make them relative to the page.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping

from .dates import long_date
from .draft import FIELDS, LONG_FIELDS, fill as fill_draft, placeholders as draft_placeholders, used as placeholders_used
from .engine import URL_PREFIX, State, evaluate, rules_for_unknown_dates, static_states, url_for
from .answers import UNKNOWN, AnswerError
from .flow import DATE_FLAGS, load_flow

#: The version of the data shape below (checker-data.json's "shape"). Change it with the shape.
SHAPE = 3
#: The date fields of a date question, in order, with their widths in characters (GOV.UK).
DATE_FIELDS = (("day", 2), ("month", 2), ("year", 4))

#: A result's sections in the order every surface shows them: the action first (what to do, who
#: to contact, the dates to act by), then the rest. The site's templates (site_templates/checker/
#: _macros.html `outcome`, outcome.html) and the app draw them in this order, the command line
#: (triage/cli_text.py) prints them in it; tests/browser/test_outcome.py and tests/engine/test_cli.py
#: hold each surface to it.
OUTCOME_SECTIONS = ("summary", "contacts", "dates", "flags", "body", "sources", "draft", "answers")

Json = dict[str, Any]


def site_path(url_path: str) -> str:
    """`/checker/met/` -> `checker/met/`: the engine's URL paths, relative to the site's root."""
    return url_path.lstrip("/")


#: The checker's start page (an editors' page) and the folder of every checker page.
CHECKER_DIR = site_path(URL_PREFIX)


# -- Questions and outcomes (the same on every state that shows them) ------------------------


def question_view(text: Any, message: Any) -> Json:
    """One question: its id, kind, title, hint, body (Markdown), options and every error message.

    `message(question, code)` gives the message for each code (`Wording.message`), so the app
    shows the editors' words for any error the engine reports.
    """
    is_date = text.kind == "date"
    view: Json = {
        "id": text.id, "kind": text.kind, "title": text.title, "hint": text.hint, "body": text.body,
        "options": [{"value": value, "label": label, "hint": text.option_hints.get(value, "")}
                    for value, label in text.options.items()],
        "errors": {code: message(text.id, code) for code in _error_codes(text)},
        "last_reviewed": text.last_reviewed,
    }
    if is_date:
        view["unknown_label"] = text.unknown_label
        view["fields"] = [{"part": part, "name": f"{text.id}-{part}", "width": width}
                          for part, width in DATE_FIELDS]
    return view


def _error_codes(text: Any) -> list[str]:
    codes = list(text.errors)
    return codes if "invalid" in codes else codes + ["invalid"]


def contact_view(cid: str, entry: Mapping[str, Any], ui: Mapping[str, str]) -> Json:
    """A contact's details as shown: only what contacts.yml gives, nothing invented.

    Each item is {field, label, before, text, href, note}: "Email: the address is on the <a>…</a>".
    A page's link says where it goes: its `<field>_text` from contacts.yml ("MOPAC's review
    application page"), else "<owner> page on <host>". The labels and those words are the
    checker's interface words (`ui`, interface.md's `checker:`: `contact_<field>` ...).
    """
    owner = entry.get("short_name") or entry["name"]
    items = []

    def item(field: str, text: str, href: str, before: str = "", note: str = "") -> None:
        items.append({"field": field, "label": ui[f"contact_{field}"], "before": before,
                      "text": text, "href": href, "note": note})

    def page_text(field: str, url: str) -> str:
        return str(entry.get(f"{field}_text") or ui["contact_owner_page"].format(owner=owner, host=_host(url)))

    if website := entry.get("website"):
        item("website", _host(website), website)
    if page := entry.get("page"):
        item("page", page_text("page", page), page)
    if form := entry.get("form"):
        item("form", page_text("form", form), form)
    if phone := entry.get("phone"):
        tel = "".join(ch for ch in str(phone) if ch.isdigit() or ch == "+")
        item("phone", str(phone), f"tel:{tel}", note=str(entry.get("phone_note") or ""))
    if email := entry.get("email"):
        item("email", email, f"mailto:{email}")
    elif email_page := entry.get("email_page"):
        item("email_page", page_text("email_page", email_page), email_page,
             before=ui["contact_email_page_before"] + " ")
    return {"id": cid, "name": entry["name"], "items": items,
            "post_label": ui["contact_post"], "post": [str(line) for line in entry.get("post") or ()],
            "post_note": str(entry.get("post_note") or "")}


def _host(url: str) -> str:
    """`https://www.met.police.uk/a/b` -> `www.met.police.uk` (contacts.yml's URLs are checked)."""
    return url.split("//", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def outcome_view(text: Any, contacts: Mapping[str, Any], sources: Mapping[str, Any],
                 sources_page: str = "sources/", draft: Json | None = None, *, ui: Mapping[str, str]) -> Json:
    """One outcome: title, summary, body (Markdown), contacts, sources and when it was reviewed,
    and its draft message (`draft_view`, None where the person writes to no one). `ui`: the
    checker's interface words (a contact's labels)."""
    return {
        "id": text.id, "title": text.title, "summary": text.summary, "body": text.body,
        "contacts": [contact_view(cid, contacts[cid], ui) for cid in text.contacts],
        "sources": [_source(fact, sources.get(fact, {}), sources_page) for fact in text.sources],
        "last_reviewed": text.last_reviewed,
        "last_reviewed_text": long_date(date.fromisoformat(text.last_reviewed)) if text.last_reviewed else "",
        "draft": draft,
    }


def draft_view(wording: Any, outcome: str) -> Json | None:
    """An outcome's draft message: its recipient, subject and text with their `{placeholders}`.

    `to` is the contact it goes to ({id, name, email}; `email` only where contacts.yml gives the
    address, so "open in your email app" is offered only then) or None. Each placeholder used
    says where its value comes from (`source`: field, answer or date, triage/draft.py), the
    input that types it (`field`, for a field; `multiline`: a box of several lines) and the
    blank shown until it is known.
    """
    draft = wording.draft_for(outcome)
    if draft is None:
        return None
    words = wording.interface["checker"]
    kinds = draft_placeholders(load_flow())
    entry = wording.contacts.get(draft.to) if draft.to else None
    to = None if entry is None else {"id": draft.to, "name": entry["name"], "email": str(entry.get("email") or "")}
    return {
        "id": draft.id, "to": to, "subject": draft.subject, "text": draft.text,
        "file_name": draft.id.replace("_", "-") + ".txt",
        "placeholders": [{"name": name, "source": kinds[name], "field": FIELDS.get(name, ""),
                          "multiline": name in LONG_FIELDS,
                          "blank": draft.blanks.get(name) or words[f"draft_blank_{name}"]}
                         for name in placeholders_used(f"{draft.subject}\n{draft.text}")],
    }


def filled_draft(draft: Json, answers: Mapping[str, str] | None = None,
                 dates: Mapping[str, date] | None = None,
                 fields: Mapping[str, str | None] | None = None) -> Json:
    """A draft view's subject and text filled: what is known, and a visible blank for the rest."""
    kinds = {p["name"]: p["source"] for p in draft["placeholders"]}
    blanks = {p["name"]: p["blank"] for p in draft["placeholders"]}
    return {key: fill_draft(draft[key], kinds, blanks, answers=answers, dates=dates, fields=fields)
            for key in ("subject", "text")}


def _source(fact: str, entry: Mapping[str, Any], sources_page: str) -> Json:
    urls = entry.get("urls") or []
    return {"id": fact, "summary": entry.get("summary", ""), "url": urls[0] if urls else "",
            "href": f"{sources_page}#{fact}"}


# -- States ----------------------------------------------------------------------------------


def state_view(state: State, questions: Mapping[str, Json], today: date) -> Json:
    """One static state: where its answers lead, the answers so far, Back, and its outcome's facts.

    The answers are the choices that lead here, each with the page that asked it (its change
    target). Date questions are skipped on these pages: an outcome states their rules instead
    (`date_rules`, `flag_rules`), and `flags` are those that follow from the choices alone.
    """
    view: Json = {
        "kind": "outcome" if state.outcome else "question",
        "back": site_path(state.parent_url_path or URL_PREFIX),
        "answers": [{"question": q, "value": value, "href": site_path(url_for(state.path[:i]))}
                    for i, (q, value) in enumerate(state.path)],
        "skipped": list(state.skipped_dates),
    }
    if state.question is not None:
        view.update(question=state.question, node=state.node,
                    options=[{"value": o["value"], "href": site_path(state.child_url_path(o["value"]))}
                             for o in questions[state.question]["options"]])
        return view
    step = evaluate({**state.answers, **{q: UNKNOWN for q in state.skipped_dates}}, today)
    if isinstance(step, AnswerError):  # pragma: no cover - the engine's own states
        raise ValueError(f"checker state {state.url_path}: the engine rejects its answers ({step.message})")
    date_rules, flag_rules = rules_for_unknown_dates(step.answers)
    view.update(outcome=state.outcome, flags=list(step.flags), date_rules=list(date_rules),
                flag_rules=list(flag_rules))
    return view


def answer_row(question: Json, value: str, href: str) -> Json:
    """One row of "Your answers": the question, the answer as the person chose it, where to change it."""
    labels = {o["value"]: o["label"] for o in question["options"]}
    if question["kind"] == "date":
        label = question["unknown_label"] if value == UNKNOWN else long_date(date.fromisoformat(value))
    else:
        label = labels.get(value, value)
    return {"question": question["id"], "title": question["title"], "value": value,
            "label": label, "href": href}


def checker_data(wording: Any, today: date, *, ui: Mapping[str, str] | None = None,
                 sources_page: str = "sources/", states: Iterable[State] | None = None) -> Json:
    """Every state's view, with the questions and outcomes they share once: checker-data.json.

    `ui` is the checker's interface words (the site's; the command line has its own).
    """
    questions = {qid: question_view(text, wording.message) for qid, text in wording.questions.items()}
    flow = load_flow()
    all_states = tuple(states if states is not None else static_states(flow))
    # Each source once (many outcomes cite the same facts): an outcome lists their ids.
    outcomes, sources = {}, {}
    for oid, text in wording.outcomes.items():
        outcomes[oid] = outcome_view(text, wording.contacts, wording.sources, sources_page,
                                     draft_view(wording, oid), ui=wording.interface["checker"])
        for source in outcomes[oid]["sources"]:
            sources[source["id"]] = source
        outcomes[oid]["sources"] = [source["id"] for source in outcomes[oid]["sources"]]
    return {
        "shape": SHAPE,
        "start": site_path(url_for(())),
        "ui": dict(ui or {}),
        "questions": questions,
        "outcomes": outcomes,
        "sources": sources,
        "flags": dict(wording.flags),
        "dates": {name: {"label": d.label, "rule": d.rule} for name, d in wording.dates.items()},
        "flag_rules": {name: {"label": d.label, "rule": d.rule, "question": DATE_FLAGS[name]}
                       for name, d in wording.flag_rules.items()},
        "states": {site_path(s.url_path): state_view(s, questions, today) for s in all_states},
    }


def page_view(data: Json, key: str) -> Json:
    """One state's page: its state view joined with its question or outcome (what a template reads)."""
    state = data["states"][key]
    view = {**state, "key": key, "ui": data["ui"]}
    view["answers"] = [answer_row(data["questions"][a["question"]], a["value"], a["href"])
                       for a in state["answers"]]
    if state["kind"] == "question":
        question = data["questions"][state["question"]]
        hrefs = {o["value"]: o["href"] for o in state["options"]}
        view["q"] = question
        view["options"] = [{**o, "href": hrefs[o["value"]]} for o in question["options"]]
        return view
    outcome = data["outcomes"][state["outcome"]]
    view["o"] = {**outcome, "sources": [data["sources"][fact] for fact in outcome["sources"]]}
    if outcome.get("draft"):  # the page without JavaScript asks no date: every placeholder a blank
        view["draft"] = {**outcome["draft"], **filled_draft(outcome["draft"])}
    view["flags"] = [{"name": name, "text": data["flags"][name]} for name in state["flags"]]
    view["dates"] = [{"name": name, **data["dates"][name]} for name in state["date_rules"]]
    view["flag_rules"] = [{"name": name, **data["flag_rules"][name]} for name in state["flag_rules"]]
    return view
