"""The command line's plain-English output: a question, an outcome or a problem, as text.

Each draws the same view as the site (triage/view.py) and the words of `command_line:` in
content/checker/interface.md; `python -m triage` prints it without `--json` (triage/cli.py), and
the interactive prompt (triage/cli_prompt.py) shows it between questions.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .answers import UNKNOWN, AnswerError
from .dates import long_date
from .engine import NextQuestion, Outcome, Step, rules_for_unknown_dates
from .flow import load_flow
from .view import OUTCOME_SECTIONS, draft_view, filled_draft, outcome_view, question_view
from .wording import Wording, load_wording


def interface_words(wording: Wording | None = None) -> Mapping[str, str]:
    """The command line's own words (`command_line:` in content/checker/interface.md)."""
    return (wording or load_wording()).interface["command_line"]


def error_text(error: AnswerError) -> str:
    """A bad answer as printed on stderr: the question's id and the message."""
    return interface_words()["problem"].format(question=error.question, message=error.message)


def render(step: Step, wording: Wording | None = None, today: date | None = None) -> str:
    """A step in plain English, as printed without `--json` (an outcome's days counted from `today`)."""
    wording = wording or load_wording()
    if isinstance(step, AnswerError):
        return error_text(step)
    if isinstance(step, NextQuestion):
        lines = question_lines(step.question, wording)
        words = interface_words(wording)
        if load_flow().questions[step.question].is_date:
            lines.append(words["answer_date"].format(date_answer=f"{step.question}=YYYY-MM-DD",
                                                     unknown_answer=f"{step.question}={UNKNOWN}"))
        else:
            lines.append(words["answer_choice"].format(answer=f"{step.question}=VALUE"))
        return "\n".join(lines)
    return outcome_text(step, wording, today)


def question_lines(qid: str, wording: Wording, interactive: bool = False) -> list[str]:
    """The question's view (triage/view.py), as text."""
    view = question_view(wording.questions[qid], wording.message)
    lines = [view["title"]]
    if view["hint"]:
        lines.append(view["hint"])
    lines.append("")
    for number, option in enumerate(view["options"], start=1):
        lines.append(f"  {number}. {option['label']} [{option['value']}]")
        if option["hint"]:
            lines.append(f"     {option['hint']}")
    if view["kind"] == "date" and interactive:
        lines.append(f"  {interface_words(wording)['type_date']}")
        lines.append(f"  1. {view['unknown_label']} [{UNKNOWN}]")
    elif view["kind"] == "date":
        lines.append(f"  {interface_words(wording)['if_unknown']} {view['unknown_label']} [{UNKNOWN}]")
    return lines


def outcome_text(step: Outcome, wording: Wording, today: date | None = None) -> str:
    """The outcome's view (triage/view.py) with the step's dates and flags, as text, its sections
    in the site's order (`OUTCOME_SECTIONS`: who to contact and by when first). With `today`,
    each date says how many days are left (or that it has passed) as of that day."""
    view = outcome_view(wording.outcomes[step.outcome], wording.contacts, wording.sources,
                        draft=draft_view(wording, step.outcome), ui=wording.interface["checker"])
    words = interface_words(wording)
    checker_words = wording.interface["checker"]
    date_rules, flag_rules = rules_for_unknown_dates(step.answers)

    def dates() -> list[str]:
        if not (step.dates or date_rules or flag_rules):
            return []
        out = [words["dates_heading"]]
        if today is not None and step.dates:
            out.append(f"  {checker_words['as_of'].format(date=long_date(today, weekday=True))}")
        for name, day in step.dates.items():
            left = f" ({days_text((day - today).days, checker_words)})" if today is not None else ""
            out.append(f"  {wording.dates[name].label}: {long_date(day, weekday=True)}{left}")
            out.append(f"    {wording.dates[name].rule}")
        for rule in [wording.dates[name] for name in date_rules] + [wording.flag_rules[name] for name in flag_rules]:
            out.append(f"  {rule.label}:")
            out.append(f"    {rule.rule}")
        return [*out, ""]

    def contacts() -> list[str]:
        if not view["contacts"]:
            return []
        out = [words["contacts_heading"]]
        for contact in view["contacts"]:
            out.extend(contact_lines(contact, words))
        return [*out, ""]

    def flags() -> list[str]:
        if not step.flags:
            return []
        return [words["flags_heading"], *(f"  - {wording.flags[name]}" for name in step.flags), ""]

    def sources() -> list[str]:
        out = [words["sources_heading"]]
        for source in view["sources"]:
            link = f" ({source['url']})" if source["url"] else ""
            out.append(f"  {source['id']}: {source['summary']}{link}")
        return [*out, ""]

    sections = {
        "summary": lambda: [view["summary"], ""],
        "contacts": contacts,
        "dates": dates,
        "flags": flags,
        "body": lambda: [view["body"], ""],
        "sources": sources,
        "draft": lambda: draft_lines(view["draft"], step, checker_words) if view["draft"] else [],
        "answers": lambda: [" ".join([words["answers_label"], *(f"{k}={v}" for k, v in step.answers.items())])],
    }
    out = [view["title"], "=" * len(view["title"]), ""]
    for name in OUTCOME_SECTIONS:
        out.extend(sections[name]())
    return "\n".join(out).rstrip("\n")


def days_text(days: int, words: Mapping[str, str]) -> str:
    """Days from today to a date, in the checker's words: left, the last day, or passed (late)."""
    if days > 0:
        return words["days_left_one"] if days == 1 else words["days_left_other"].format(n=days)
    if days == 0:
        return words["last_day"]
    return words["days_late_one"] if days == -1 else words["days_late_other"].format(n=-days)


def draft_lines(draft: dict[str, Any], step: Outcome, words: Mapping[str, str]) -> list[str]:
    """The outcome's draft message with the person's dates in words, a blank for the rest."""
    filled = filled_draft(draft, answers=step.answers, dates=step.dates)
    lines = [words["draft_heading"]]
    if draft["to"]:
        email = f" ({draft['to']['email']})" if draft["to"]["email"] else ""
        lines.append(f"  {words['draft_to']} {draft['to']['name']}{email}")
    lines.append(f"  {words['draft_subject']} {filled['subject']}")
    lines.append("")
    lines.extend(f"  {line}" if line else "" for line in filled["text"].split("\n"))
    return [*lines, ""]


def contact_lines(contact: dict[str, Any], words: Mapping[str, str]) -> list[str]:
    """A contact's view (`triage.view.contact_view`) as text: each link's address written out."""
    lines = [f"  {contact['name']}"]
    for item in contact["items"]:
        target = item["href"].split(":", 1)[1] if item["href"].startswith(("tel:", "mailto:")) else item["href"]
        value = item["text"] if target == item["text"] else f"{item['text']} ({target})"
        note = f" ({item['note']})" if item["note"] else ""
        lines.append(f"    {words['contact_' + item['field']]}: {value}{note}")
    if contact["post"]:
        note = f" ({contact['post_note']})" if contact.get("post_note") else ""
        lines.append(f"    {words['contact_post']}: {', '.join(contact['post'])}{note}")
    return lines
